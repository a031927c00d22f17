"""`multipolar data load` with broken CSVs: bad lines are named with their reason, good lines are loaded,
a file with no usable row changes nothing and says why."""
from __future__ import annotations

from click.testing import CliRunner

from multipolar.cli import main
from multipolar.store.db import Store

from ._support import BAD


def _load(db, name, path):
    return CliRunner().invoke(main, ["data", "load", name, str(path), "--db", str(db), "--format", "json"])


def test_wrong_column_counts_and_bad_values_are_named_and_the_rest_loads(db_path):
    res = _load(db_path, "unvotes", BAD / "unvotes_wrong_columns.csv")
    assert res.exit_code == 0, res.output
    assert '"rows": 2' in res.output and '"skipped": 5' in res.output
    with Store.open(db_path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM un_votes").fetchone()[0] == 2
        reasons = dict(store.skipped())
    by_line = {src.rsplit(":", 1)[1]: r for src, r in reasons.items() if "unvotes_wrong_columns.csv:" in src}
    assert "3 columns where the header has 4" in by_line["3"]
    assert "5 columns where the header has 4" in by_line["4"]
    assert "31/02/2024" in by_line["5"]
    assert "Narnia" in by_line["6"] and "maybe" in by_line["7"]


def test_header_only_and_foreign_csv_fail_clearly_and_change_nothing(db_path):
    assert _load(db_path, "unvotes", BAD / "unvotes_wrong_columns.csv").exit_code == 0
    for name in ("unvotes_header_only.csv", "unvotes_not_votes.csv"):
        res = _load(db_path, "unvotes", BAD / name)
        assert res.exit_code != 0 and "Traceback" not in res.output
        assert name in res.output and ("no usable" in res.output or "not a UN votes file" in res.output)
    with Store.open(db_path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM un_votes").fetchone()[0] == 2
