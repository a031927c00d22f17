"""Read the ontology's tab-separated data files, failing loudly on malformed lines.

Format: UTF-8, one record per line, fields separated by TABs. Lines starting with '#' and blank lines
are comments. The first non-comment line is a header that must name exactly the expected columns.
A field holding a single '-' means "empty".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from multipolar import tsv
from multipolar.errors import DataFileError

EMPTY = "-"


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    fields: dict[str, str]

    def get(self, column: str) -> str | None:
        """The field, or None when it is '-' (empty)."""
        value = self.fields[column]
        return None if value == EMPTY else value

    def fail(self, key: str, problem: str, fix: str) -> DataFileError:
        return data_error(self.path, self.line, key, problem, fix)


def data_error(path: Path, line: int, key: str, problem: str, fix: str) -> DataFileError:
    return DataFileError(f"ontology data file {path}, line {line}, key {key!r}: {problem}. {fix}")


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Rows of `path` as dicts keyed by `columns` (multipolar.tsv); DataFileError names file and line on any defect."""
    if not path.exists():
        raise DataFileError(f"ontology data file {path} is missing. Reinstall multipolar or restore the file.")
    fail = lambda line, key, problem, fix: data_error(path, line, key, problem, fix)   # noqa: E731
    rows: list[Row] = []
    for number, fields in tsv.table(path, columns, fail=fail):
        empty = next((c for c in columns if fields[c] == ""), None)
        if empty is not None:
            raise data_error(path, number, fields[columns[0]], f"column {empty!r} is blank",
                             "Write '-' for an empty field.")
        rows.append(Row(path, number, fields))
    return rows


def parse_score(row: Row, column: str, key: str) -> float | None:
    """A -10..+10 score from `column`, None for '-'."""
    raw = row.get(column)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise row.fail(key, f"{column} {raw!r} is not a number", "Write a number between -10 and 10, or '-'.")
    if not -10.0 <= value <= 10.0:
        raise row.fail(key, f"{column} {value} is outside -10..+10", "Scores lie on the -10..+10 scale.")
    return value


def split_list(value: str | None) -> tuple[str, ...]:
    """'a;b' -> ('a', 'b'); None -> ()."""
    if value is None:
        return ()
    return tuple(p.strip() for p in value.split(";") if p.strip())
