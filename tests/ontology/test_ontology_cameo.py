"""The CAMEO crosswalk in both directions, and Goldstein scores."""
from __future__ import annotations

import pytest

from multipolar.ontology import EVENT_TYPES, Ontology, cameo_to_plover, goldstein, plover_to_cameo

ROOT_TYPES = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID", "08": "CONCEDE",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
    "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}


@pytest.mark.parametrize("root", [f"{r:02d}" for r in range(1, 21)])
def test_every_root_maps(root):
    event, mode, contexts = cameo_to_plover(root)
    if root in ("01", "02"):                       # statements and appeals: dropped by PLOVER
        assert (event, mode, contexts) == (None, None, ())
        assert Ontology.load().cameo_entry(root) is not None   # known, deliberately dropped
    else:
        assert event == ROOT_TYPES[root]
        assert isinstance(contexts, tuple)


def test_yield_splits_into_concede_and_retreat():
    assert cameo_to_plover("081")[0] == "CONCEDE"
    assert cameo_to_plover("083")[0] == "CONCEDE"
    for code in ("084", "085", "086", "087", "0871"):
        assert cameo_to_plover(code)[0] == "RETREAT", code


@pytest.mark.parametrize("code,expected", [
    ("042", ("CONSULT", "visit", ("diplomatic",))),
    ("0421", ("CONSULT", "visit", ("diplomatic",))),      # unknown 4-digit -> 3-digit parent
    ("043", ("CONSULT", "visit", ("diplomatic",))),
    ("041", ("CONSULT", "phone", ("diplomatic",))),
    ("163", ("SANCTION", "discontinue", ("economic",))),
    ("072", ("AID", None, ("military",))),
    ("057", ("SUPPORT", None, ("diplomatic",))),
    ("0871", ("RETREAT", "ceasefire", ("military",))),
    ("1124", ("ACCUSE", "allege", ("military", "legal"))),
    ("195", ("ASSAULT", "heavy-weapons", ("military",))),
    (" 190 ", ("ASSAULT", None, ("military",))),
])
def test_specific_codes(code, expected):
    assert cameo_to_plover(code) == expected


@pytest.mark.parametrize("code", ["", None, "x", "4", "21", "99", "00", "12345", "04a", "---"])
def test_unknown_codes(code):
    assert cameo_to_plover(code) == (None, None, ())
    assert goldstein(code) is None


MAIN_CODES = ["030", "031", "036", "040", "041", "042", "043", "044", "045", "046", "050", "051", "054",
              "057", "060", "061", "062", "064", "070", "071", "072", "073", "074", "075", "080", "081",
              "083", "084", "0841", "085", "086", "087", "0871", "090", "091", "100", "101", "104", "105",
              "106", "110", "111", "112", "1122", "115", "116", "120", "121", "123", "124", "125", "129",
              "130", "131", "138", "139", "140", "141", "143", "145", "150", "152", "154", "160", "161",
              "162", "163", "166", "170", "171", "172", "173", "174", "175", "180", "181", "182", "183",
              "186", "190", "191", "192", "193", "194", "195", "196", "200", "202", "203", "204"]


@pytest.mark.parametrize("code", MAIN_CODES)
def test_round_trip_lands_in_same_root_and_type(code):
    event, mode, contexts = cameo_to_plover(code)
    back = plover_to_cameo(event, mode, contexts)
    assert back is not None
    assert cameo_to_plover(back)[0] == event
    # 19 and 20 share ASSAULT with 18, 17's 175 is ASSAULT, 191/192 are COERCE: compare types there
    if code[:2] not in ("18", "19", "20") and code not in ("116", "175", "191", "192", "1712"):
        assert back[:2] == code[:2], (code, event, mode, contexts, back)


def test_every_crosswalk_code_round_trips_to_its_type():
    ont = Ontology.load()
    for code in ont.cameo_codes:
        entry = ont.cameo_entry(code)
        if entry.event is None:
            continue
        back = ont.plover_to_cameo(entry.event, entry.mode, entry.contexts)
        assert cameo_to_plover(back)[0] == entry.event, code


@pytest.mark.parametrize("args,kwargs,expected", [
    (("CONSULT", "visit"), {}, "042"),
    (("CONSULT", "visit"), {"host": True}, "043"),
    (("CONSULT",), {}, "040"),
    (("CONSULT", "third-party"), {}, "044"),
    (("CONSULT", "phone"), {}, "041"),
    (("AGREE",), {}, "030"),
    (("SUPPORT",), {}, "050"),
    (("SUPPORT",), {"variant": "sign"}, "057"),
    (("COOPERATE", None, ("economic",)), {}, "061"),
    (("AID",), {}, "070"),
    (("AID", None, ("military",)), {}, "072"),
    (("AID", None, ("economic",)), {}, "071"),
    (("AID", None, ("humanitarian",)), {}, "073"),
    (("AID", None, "military"), {}, "072"),                  # a single context as a string
    (("SANCTION", "discontinue"), {}, "163"),
    (("SANCTION", "discontinue", ("economic",)), {}, "163"),
    (("RETREAT", "withdraw"), {}, "087"),
    (("REJECT",), {}, "120"),
    (("ACCUSE",), {}, "112"),
    (("REQUEST",), {}, "100"),
    (("DEMAND",), {}, "100"),
    (("THREATEN", "violence"), {}, "138"),
    (("PROTEST", "demo"), {}, "141"),
    (("MOBILIZE", "troops"), {}, "154"),
    (("COERCE", "arrest"), {}, "173"),
    (("ASSAULT",), {}, "180"),
    (("ASSAULT", None, ("military",)), {}, "190"),
    (("ASSAULT", "heavy-weapons", ("military",)), {}, "194"),
    (("RETREAT", None, ("energy",)), {}, "085"),             # alias expands to economic + resource
    (("AID", None, ("diplomatic", "military", "economic")), {}, "072"),   # first listed context wins
    (("CONSULT", "nonsense"), {}, "040"),                    # unknown mode is ignored
    (("NOT_A_TYPE",), {}, None),
    ((None,), {}, None),
])
def test_plover_to_cameo(args, kwargs, expected):
    assert plover_to_cameo(*args, **kwargs) == expected


def test_every_type_and_mode_has_a_code():
    ont = Ontology.load()
    for event in EVENT_TYPES:
        for mode in (None,) + ont.modes(event):
            code = plover_to_cameo(event, mode)
            assert code is not None and cameo_to_plover(code)[0] == event, (event, mode)


@pytest.mark.parametrize("code,value", [
    ("01", 0.0), ("02", 3.0), ("040", 1.0), ("042", 1.9), ("043", 2.8), ("057", 8.0), ("072", 8.3),
    ("0874", 10.0), ("163", -8.0), ("1823", -10.0), ("190", -10.0), ("0421", 1.9), ("1711", -9.2),
])
def test_goldstein(code, value):
    assert goldstein(code) == value
