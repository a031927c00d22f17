"""multipolar/tsv.py: the one reader of tab-separated data files."""
import pytest

from multipolar import tsv
from multipolar.errors import DataFileError


def test_lines_skip_comments_and_strip(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("# comment\n\n a \tb\n  # indented comment\nc\t\n")
    assert tsv.lines(p) == [(3, ["a", "b"]), (5, ["c", ""])]


def test_width_checked_with_file_and_line(tmp_path):
    p = tmp_path / "a.tsv"
    p.write_text("a\tb\nc\n")
    with pytest.raises(DataFileError, match=r"a.tsv line 2 .*1 tab-separated fields, expected 2"):
        tsv.lines(p, width=2)


def test_table_header_rows_and_optional_columns(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("name\tiso3\taliases\nCrimea\tUKR\tthe Crimea\nDonbas\tUKR\n")
    rows = tsv.table(p, ("name", "iso3", "aliases"), optional=1)
    assert rows == [(2, {"name": "Crimea", "iso3": "UKR", "aliases": "the Crimea"}),
                    (3, {"name": "Donbas", "iso3": "UKR", "aliases": ""})]
    with pytest.raises(DataFileError, match="t.tsv line 3"):
        tsv.table(p, ("name", "iso3", "aliases"))


def test_table_bad_or_missing_header(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("nom\tiso3\n")
    with pytest.raises(DataFileError, match="header is"):
        tsv.table(p, ("name", "iso3"))
    p.write_text("# only comments\n")
    with pytest.raises(DataFileError, match="no header line"):
        tsv.table(p, ("name", "iso3"))


def test_unreadable_file(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        tsv.lines(tmp_path / "missing.tsv")
    p = tmp_path / "bad.tsv"
    p.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(DataFileError, match="cannot read"):
        tsv.lines(p)


def test_custom_failure(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("a\tb\n1\n")
    with pytest.raises(KeyError):
        tsv.table(p, ("a", "b"), fail=lambda line, key, problem, fix: KeyError(line))
