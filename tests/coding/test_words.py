"""coding/words.py: the rules' word lists, read from coding/data/words.tsv and checked at load time."""
import pytest

from multipolar.coding import words
from multipolar.errors import DataFileError

HEADER = "# a comment\nset\tword\n"


def _load(tmp_path, body):
    p = tmp_path / "words.tsv"
    full = HEADER + "".join(f"{s}\tx{i}\n" for i, s in enumerate(words.SETS)
                            if s not in words.TYPE_SETS) + "".join(f"{s}\tAID\n" for s in words.TYPE_SETS)
    p.write_text(full + body)
    return words.load(str(p)), full.count("\n")


def test_every_declared_set_has_words():
    loaded = words.load()
    assert set(loaded) == set(words.SETS)
    assert "say" in words.of("report_verbs") and "PROTEST" in words.of("domestic")


def test_unknown_name_asked_by_code():
    with pytest.raises(KeyError, match="unknown word set"):
        words.of("no_such_set")


def test_a_valid_file_loads(tmp_path):
    loaded, _ = _load(tmp_path, "obligation\tmust\n")
    assert loaded["obligation"] == frozenset({"x1", "must"})


@pytest.mark.parametrize("row, message", [
    ("no_such_set\tword", "unknown word set 'no_such_set'"),
    ("obligation\tx1", "duplicate word 'x1'"),
    ("obligation\t", "empty word"),
    ("obligation\tmust\textra", "3 tab-separated fields"),
    ("domestic\tprotest", "not a PLOVER event type"),
])
def test_bad_rows_fail_naming_file_and_line(tmp_path, row, message):
    with pytest.raises(DataFileError, match=message) as err:
        _load(tmp_path, row + "\n")
    assert "words.tsv line" in str(err.value)


def test_a_declared_set_without_words_fails(tmp_path):
    p = tmp_path / "words.tsv"
    p.write_text(HEADER + "obligation\tmust\n")
    with pytest.raises(DataFileError, match="no words for the declared set"):
        words.load(str(p))
