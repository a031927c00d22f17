"""Dates, windows and limits on the command line (issue 15, F6): out of range is a usage error that names the
option and the fix, exit code 2, no traceback; the check is the API's (store.db.as_date, 422 there)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from multipolar.cli import main
from multipolar.store.db import Store

BAD = [
    (["events", "--since", "1800-01-01"], "--since", "between 1900-01-01 and 2100-12-31"),
    (["events", "--until", "2200-01-01"], "--until", "between 1900-01-01 and 2100-12-31"),
    (["events", "--since", "not-a-date"], "--since", "YYYY-MM-DD"),
    (["events", "--limit", "-1"], "--limit", "whole number"),
    (["events", "--offset", "-5"], "--offset", "whole number"),
    (["stance", "RUS", "--date", "0001-01-01"], "--date", "between 1900-01-01 and 2100-12-31"),
    (["meetings", "RUS", "--since", "2024-01-01", "--until", "9999-12-31"], "--until", "2100-12-31"),
    (["isolation", "RUS", "--since", "1066-10-14"], "--since", "1900-01-01"),
    (["claim", "Putin met with 5 leaders", "--as-of", "2024-01-01", "--window", "9999y"], "--window",
     "shorter window"),
    (["report", "--date", "1899-12-31"], "--date", "1900-01-01"),
    (["ingest", "x.txt", "--date", "0999-01-01"], "--date", "1900-01-01"),
]


@pytest.mark.parametrize("args,option,fix", BAD, ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_out_of_range_is_a_clear_usage_error(db_path, args, option, fix):
    Store.open(db_path).close()
    result = CliRunner().invoke(main, args + ["--db", str(db_path)])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert option in result.output and fix in result.output, result.output
    assert "Traceback" not in result.output


def test_since_after_until_says_swap(db_path):
    Store.open(db_path).close()
    result = CliRunner().invoke(main, ["events", "--since", "2024-05-01", "--until", "2024-01-01", "--db",
                                       str(db_path)])
    assert result.exit_code != 0 and "swap" in str(result.exception or result.output)
