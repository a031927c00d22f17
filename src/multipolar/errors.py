"""One exception hierarchy. Every message names the input and says how to fix it.

Codes (E0xx) are stable so that users can search for them.
"""
from __future__ import annotations


class MultipolarError(Exception):
    """Base of every error multipolar raises on purpose."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"{self.code} {message}")


class InputError(MultipolarError):
    """An input file, line or feed item cannot be read."""

    code = "E010"


class DataFileError(MultipolarError):
    """A bundled or user-supplied data file (lexicon, roster, ontology) is malformed."""

    code = "E020"


class StoreError(MultipolarError):
    """The DuckDB store cannot be opened or written."""

    code = "E030"


class FetchError(MultipolarError):
    """A dataset download failed or did not verify."""

    code = "E040"


class QueryError(MultipolarError):
    """A query argument (date, code, type) is invalid."""

    code = "E050"


class OutputError(MultipolarError):
    """An output file (report, charts, -o FILE) cannot be written."""

    code = "E080"
