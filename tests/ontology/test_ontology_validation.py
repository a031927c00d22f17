"""A malformed data file fails at load with DataFileError naming the file, the line and the key."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from multipolar.errors import DataFileError
from multipolar.ontology import Ontology
from multipolar.ontology._load import DATA_DIR


@pytest.fixture
def data(tmp_path) -> Path:
    for f in DATA_DIR.glob("*.tsv"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first line equal to `old` by `new` (appended if old is None); returns its 1-based number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if old is None:
        while lines and lines[-1] == "":
            lines.pop()
        lines.append(new)
        number = len(lines)
        lines.append("")
    else:
        number = lines.index(old) + 1
        lines[number - 1] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def test_copy_of_bundled_data_loads(data):
    assert len(Ontology.load(data).event_types) == 16


CASES = [
    # file, old line (None = append), new line, key, words in the message
    ("types.tsv", "AID\tmaterial cooperation\t7.4\t-\tMaterial help that mainly benefits the recipient: money, "
     "arms, troops, relief, asylum.", "AID\tmaterial cooperation\tlots\t-\tx", "AID", "not a number"),
    ("types.tsv", None, "AID\tmaterial cooperation\t7.4\t-\tagain", "AID", "duplicate"),
    ("types.tsv", None, "CRIME\tmaterial conflict\t-3\t-\tno", "CRIME", "16 PLOVER event types"),
    ("modes.tsv", None, "ASSALT\tbomb\t-\ttypo", "ASSALT/bomb", "unknown event type"),
    ("modes.tsv", None, "CONSULT\tvisit\t-\tagain", "CONSULT/visit", "duplicate"),
    ("modes.tsv", None, "CONSULT\tdinner\t11\ttoo high", "CONSULT/dinner", "outside -10..+10"),
    ("contexts.tsv", None, "sport\thobby\t-\tnot a kind", "sport", "unknown context kind"),
    ("cameo_plover.tsv", None, "0429\tCONSULT\tlunch\t-\tbad mode", "0429", "unknown mode 'lunch'"),
    ("cameo_plover.tsv", None, "0429\tCONSULT\t-\tastrology\tbad context", "0429", "unknown context"),
    ("cameo_plover.tsv", None, "042\tCONSULT\tvisit\t-\tduplicate", "042", "duplicate"),
    ("cameo_plover.tsv", None, "42a\tCONSULT\t-\t-\tbad code", "42a", "2 to 4 digits"),
    ("cameo_plover.tsv", None, "0429\tCONSULT\t-", "0429", "fields"),
    ("plover_cameo.tsv", None, "AID\t-\tmilitary\tally\t190\tASSAULT code", "AID/-/military/ally", "maps to ASSAULT"),
    ("plover_cameo.tsv", None, "AID\t-\t-\tx\t999\tunknown code", "AID/-/-/x", "not in cameo_plover.tsv"),
    ("goldstein.tsv", None, "0421\t12", "0421", "outside -10..+10"),
    ("goldstein.tsv", None, "042\t1.9", "042", "duplicate"),
]


@pytest.mark.parametrize("name,old,new,key,words", CASES, ids=[f"{c[0]}:{c[3]}" for c in CASES])
def test_malformed_line_names_file_line_key(data, name, old, new, key, words):
    line = _edit(data / name, old, new)
    with pytest.raises(DataFileError) as err:
        Ontology.load(data)
    message = str(err.value)
    assert message.startswith("E020 ")
    assert str(data / name) in message
    assert f"line {line}," in message
    assert repr(key) in message
    assert words in message


def test_missing_file(data):
    (data / "modes.tsv").unlink()
    with pytest.raises(DataFileError, match="modes.tsv is missing"):
        Ontology.load(data)


def test_bad_header(data):
    path = data / "goldstein.tsv"
    line = _edit(path, "cameo\tgoldstein", "code\tscore")
    with pytest.raises(DataFileError, match=f"goldstein.tsv, line {line}, key 'header'"):
        Ontology.load(data)


def test_missing_root(data):
    path = data / "cameo_plover.tsv"
    text = path.read_text(encoding="utf-8").replace("\n02\t-\t-\t-\tappeals: not coded in PLOVER", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="root"):
        Ontology.load(data)


def test_missing_default_emit_row(data):
    _edit(data / "plover_cameo.tsv", "AID\t-\t-\t-\t070\taid", "AID\t-\t-\tdefault\t070\taid")
    with pytest.raises(DataFileError, match="'AID': no default row"):
        Ontology.load(data)
