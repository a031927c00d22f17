"""coding/lexicon.py: the trigger lexicon, checked at load time."""
import pytest

from multipolar.coding import lexicon
from multipolar.errors import DataFileError


def test_load_and_specificity():
    lex = lexicon.load()
    trig = lex.candidates("impose")
    assert trig and trig[0].specificity >= trig[-1].specificity
    assert "visit" in lex.lemmas


def test_parse_line_pattern_forms():
    t = lexicon.parse_line("impose ~sanction|embargo\tSANCTION\t\teconomic\tnormal\n", "x:1")
    assert t.verb == "impose" and t.objects == frozenset({"sanction", "embargo"}) and t.specificity == 2
    t = lexicon.parse_line("pull out\tRETREAT\twithdraw\tmilitary\tnormal", "x:2")
    assert t.particle == "out" and t.mode == "withdraw"


@pytest.mark.parametrize("line, message", [
    ("visit\tCONSULT\tvisit\tdiplomatic", "expected 5"),
    ("visit\tCONSULTS\tvisit\tdiplomatic\tnormal", "unknown PLOVER event type"),
    ("visit\tCONSULT\tvisit\tdiplomatic\tspecial", "unknown role"),
    ("visit\tCONSULT\tbombing\tdiplomatic\tnormal", "is not a PLOVER mode"),
])
def test_bad_rows_name_the_line(line, message):
    with pytest.raises(DataFileError, match=f"x:7: .*{message}"):
        lexicon.parse_line(line, "x:7")


def test_duplicate_pattern_fails_with_its_line(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("# c\nvisit\tCONSULT\tvisit\tdiplomatic\tnormal\nvisit\tCONSULT\tvisit\tdiplomatic\tnormal\n")
    with pytest.raises(DataFileError, match="t.tsv:3: duplicate pattern"):
        lexicon.load(str(p))


def test_surface_forms_and_inflections():
    forms = lexicon.surface_forms(["meet", "stage"])
    assert {"met", "meets", "meeting", "staged", "staging"} <= forms
    assert lexicon.inflections(["stage"])["staged"] == "stage"
