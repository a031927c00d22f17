"""The actor data files: coverage, the code rule, and loud failures on bad entries."""
from __future__ import annotations

import shutil
from datetime import date
from itertools import combinations

import pycountry
import pytest

from multipolar.actors import Roster, tables
from multipolar.errors import DataFileError

# ISO 3166-1 entries that are territories, not UN members nor the four observers/partly recognised states we add.
NOT_UN_MEMBERS = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR", "CYM",
    "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC",
    "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU", "SGS", "SHN", "SJM",
    "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR", "WLF",
}
EXTRA = {"PSE", "VAT", "TWN", "XKX"}


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.load()


def test_every_un_member_and_the_four_extras(roster):
    codes = set(roster.countries())
    assert len(codes) == 193 + 4
    assert EXTRA <= codes
    iso = {c.alpha_3 for c in pycountry.countries}
    assert codes - iso == {"XKX"}                       # every other code is a real ISO 3166 alpha-3
    assert iso - codes == NOT_UN_MEMBERS                 # what we leave out is exactly the territories


@pytest.mark.parametrize("iso3,name", [("SSD", "South Sudan"), ("TUV", "Tuvalu"), ("MKD", "North Macedonia"),
                                       ("SWZ", "Eswatini"), ("PRK", "North Korea"), ("CIV", "Côte d'Ivoire")])
def test_spot_checks_against_pycountry(roster, iso3, name):
    assert roster.country(iso3)["name"] == name
    assert pycountry.countries.get(alpha_3=iso3) is not None


def test_country_record(roster):
    rus = roster.country("RUS")
    assert rus["capital"] == "Moscow"
    assert "Russian Federation" in rus["aliases"]
    assert "the Kremlin" in rus["metonyms"]
    with pytest.raises(KeyError):
        roster.country("XYZ")


def test_no_three_letter_non_state_codes(roster):
    for code in roster.igos():
        assert not (len(code) == 3 and code.isascii() and code.isalpha()), code
    states = set(roster.countries()) | set(roster.former_states())     # three letters: a state, current or former
    for term in roster.terms():
        if term.code not in states:
            assert len(term.code) != 3, term


def test_igo_codes_and_members(roster):
    assert {"UN", "EU", "NATO", "G7", "G20", "BRICS", "IGOSCO", "ASEAN", "AU", "OPEC", "IAEA", "IGOWHO",
            "IGOIMF", "WB", "IGOICC", "IGOICJ", "OSCE", "CSTO", "EAEU", "IGOGCC", "IGOLAS", "ECOWAS",
            "WEST"} <= set(roster.igos())
    assert len(roster.igo("NATO")["members"]) == 32
    assert len(roster.igo("EU")["members"]) == 27
    assert {"EGY", "ETH", "IRN", "ARE", "IDN"} <= set(roster.igo("BRICS")["members"])
    assert roster.igo("WEST")["kind"] == "bloc"


def test_leader_terms_are_well_formed(roster):
    terms = roster.terms()
    assert len(terms) > 300
    for t in terms:
        assert t.end is None or t.end >= t.start, t
    # one holder at a time for each office (a government has several spokespeople and officials at once)
    for a, b in combinations(terms, 2):
        if a.code == b.code and a.role == b.role and a.role not in ("spokesperson", "official"):
            a_end, b_end = a.end or date.max, b.end or date.max
            assert not (a.start < b_end and b.start < a_end), (a, b)


def test_brief_dates(roster):
    def term(name, role):
        return [t for t in roster.terms() if t.name == name and t.role == role]
    assert [(t.start, t.end) for t in term("Donald Trump", "president")] == [
        (date(2017, 1, 20), date(2021, 1, 20)), (date(2025, 1, 20), None)]
    assert [(t.start, t.end) for t in term("Olaf Scholz", "chancellor")] == [(date(2021, 12, 8), date(2025, 5, 6))]
    assert [(t.start, t.end) for t in term("Ebrahim Raisi", "president")] == [(date(2021, 8, 3), date(2024, 5, 19))]
    assert [(t.start, t.end) for t in term("Donald Tusk", "council_president")] == [(date(2014, 12, 1), date(2019, 11, 30))]
    assert [t.start for t in term("Marco Rubio", "foreign_minister")] == [date(2025, 1, 21)]
    assert [t.end for t in term("Bashar al-Assad", "president")] == [date(2024, 12, 8)]


# ------------------------------------------------------------------ failures

def _copy_data(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(tables.DATA_DIR, d)
    return d


def _append(path, line):
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    return sum(1 for _ in path.open(encoding="utf-8"))


def test_bad_width_names_file_line_and_key(tmp_path):
    bad = tmp_path / "countries.tsv"
    bad.write_text("# a comment\niso3\tname\taliases\tdemonyms\tcapital\tmetonyms\n"
                   "FRA\tFrance\t\tFrench\tParis\tParis\nDEU\tGermany\tonly three\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        tables.load_countries(bad)
    msg = str(err.value)
    assert msg.startswith("E020")
    assert "countries.tsv line 4" in msg and "'DEU'" in msg


def test_bad_date_in_leaders(tmp_path):
    d = _copy_data(tmp_path)
    line = _append(d / "leaders.tsv", "RUS\tpresident\tNobody Real\t\t2024-13-01\t\t")
    with pytest.raises(DataFileError) as err:
        Roster.load.__wrapped__(Roster, d)
    assert f"leaders.tsv line {line}" in str(err.value) and "Nobody Real" in str(err.value)


def test_three_letter_igo_code_refused(tmp_path):
    d = _copy_data(tmp_path)
    line = _append(d / "igos.tsv", "WTO\tigo\tWorld Trade Organization\t\t\t")
    with pytest.raises(DataFileError) as err:
        tables.load_igos(d / "igos.tsv")
    assert f"igos.tsv line {line}" in str(err.value) and "IGOWTO" in str(err.value)


@pytest.mark.parametrize("file,line,needle", [
    ("leaders.tsv", "XXX\tpresident\tGhost Leader\t\t2020-01-01\t\t", "Ghost Leader"),        # unknown code
    ("leaders.tsv", "RUS\tczar\tGhost Leader\t\t2020-01-01\t\t", "czar"),                    # unknown role
    ("leaders.tsv", "RUS\tpresident\tGhost Leader\t\t2020-01-01\t2019-01-01\t", "before"),   # end < start
    ("igos.tsv", "NEWBLOC\tbloc\tNew Bloc\t\tRUS|QQQ\t", "QQQ"),                             # unknown member
    ("countries.tsv", "QQQ\tQland\tRussia\t\t\t", "Russia"),                                 # form of another state
    ("countries.tsv", "FRA\tFrance again\t\t\t\t", "FRA"),                                   # duplicate iso3
    ("sectors.tsv", "tanks\tARMOR\tsector", "ARMOR"),                                       # unknown sector
    ("case_sensitive.tsv", "Atlantis\tnot a form", "Atlantis"),                              # unknown form
    ("countries.tsv", "QQQ\tQland\tA||B\t\t\t", "stray"),                                   # empty list item
    ("phoenix_actors.tsv", "QQQ\t\tplace\tQland Hills\t\t", "QQQ"),                          # unknown state
    ("phoenix_actors.tsv", "RUS\t\tcity\tOmsk Hills\t\t", "city"),                           # unknown kind
    ("phoenix_actors.tsv", "RUS\tGOV\tperson\tIvan Nobody\t2004-02-30\t", "Ivan Nobody"),     # bad date
])
def test_bad_entries_fail_loudly(tmp_path, file, line, needle):
    d = _copy_data(tmp_path)
    number = _append(d / file, line)
    with pytest.raises(DataFileError) as err:
        Roster.load.__wrapped__(Roster, d)
    assert f"{file} line {number}" in str(err.value)
    assert needle in str(err.value)


def test_missing_header(tmp_path):
    bad = tmp_path / "sectors.tsv"
    bad.write_text("troops\tMIL\tsector\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="sectors.tsv line 1"):
        tables.load_sectors(bad)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        tables.load_countries(tmp_path / "nope.tsv")


def test_data_files_name_their_sources():
    for path in sorted(tables.DATA_DIR.glob("*.tsv")):
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert any(line.startswith("# source:") for line in head), path.name


def test_leaders_of_smaller_states_and_spokespeople_resolve_in_their_terms(roster):
    assert roster.lookup("Mohamed Bazoum", date(2022, 5, 1)).sector == "GOV"
    assert roster.lookup("Mohamed Bazoum", date(2024, 5, 1)).sector == "ELI"     # overthrown on 2023-07-26
    assert roster.lookup("Ariel Henry", date(2023, 1, 1)).code == "HTI"
    assert roster.lookup("Dmitry Peskov", date(2024, 1, 1)).code == "RUS"
    assert roster.lookup("Mao Ning", date(2024, 1, 1)).code == "CHN"
