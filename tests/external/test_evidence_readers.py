"""Readers of the dated evidence tables (sponsors, summits, aid, arms-import shares): good rows come through, bad
ones are skipped with the line and the reason; a file without the columns is an error naming them."""
from __future__ import annotations

import pytest

from multipolar.errors import InputError
from multipolar.external import arms_imports, cosponsors, summits, ukraine_aid
from multipolar.model import Skipped


def _split(table):
    rows = list(table.rows)
    return [r for r in rows if isinstance(r, tuple)], [r for r in rows if isinstance(r, Skipped)]


def _read(module, path, text):
    path.write_text(text, encoding="utf-8")
    return _split(module.read(path))


def test_bundled_files_read_without_a_skip():
    for mod, n in ((cosponsors, 149), (summits, 58), (ukraine_aid, 18), (arms_imports, 15)):
        good, bad = _split(mod.read())
        assert len(good) == n and not bad, (mod.__name__, bad[:2])
        assert all(len(r) == len(mod.COLUMNS) for r in good)


def test_bad_rows_are_named(tmp_path):
    good, bad = _read(summits, tmp_path / "summits.tsv",
                      "# comment\nsummit\tdate\thost\tstate\tlevel\tsource_url\n"
                      "Sochi 2019\t2019-10-23\tRUS\tETH\thead_of_government\thttps://x\n"
                      "Sochi 2019\t2019-10-23\tRUS\tNarnia\thead_of_state\thttps://x\n"
                      "Sochi 2019\t2019-10-23\tRUS\tMLI\tking\thttps://x\n"
                      "Sochi 2019\t23/10/2019\tRUS\tBFA\thead_of_state\thttps://x\n")
    assert [r[3] for r in good] == ["ETH"] and len(bad) == 3
    assert "NARNIA" in bad[0].reason and "king" in bad[1].reason and "YYYY-MM-DD" in bad[2].reason
    assert bad[0].source.endswith(":4")

    good, bad = _read(arms_imports, tmp_path / "arms.tsv",
                      "state\tsupplier\tperiod_start\tperiod_end\tshare_pct\tpublished\tsource_url\n"
                      "IND\tRUS\t2017\t2021\t46\t2022-03-14\thttps://x\n"
                      "IND\tRUS\t2017\t2021\t146\t2022-03-14\thttps://x\n"
                      "IND\tRUS\t2021\t2017\t46\t2022-03-14\thttps://x\n"
                      "IND\tRUS\t2017\t2021\t46\t2022-03-14\t\n")
    assert good == [("IND", "RUS", 2017, 2021, 46.0, good[0][5], "", "https://x", None)] and len(bad) == 3

    good, bad = _read(ukraine_aid, tmp_path / "aid.tsv",
                      "donor,period_start,period_end,total,source_url\nUSA,2022-01-24,2022-05-10,43,https://x\n"
                      "USA,2022-01-24,2022-05-10,,https://x\nUSA,2022-01-24,2022-05-10,-1,https://x\n")
    assert len(good) == 1 and good[0][1] == "UKR" and good[0][7] == 43 and len(bad) == 2

    good, bad = _read(cosponsors, tmp_path / "sp.tsv",
                      "resolution\tadopted\tstate\tsource_url\nA/RES/ES-11/1\t2022-03-02\tKOR\thttps://x\n"
                      "ES-11/1\t2022-03-02\tKOR\thttps://x\n")
    assert len(good) == 1 and good[0][4] == "final" and len(bad) == 1


def test_wrong_file_is_an_error(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing column"):
        list(summits.read(f).rows)
