"""The roster across eras (1980-2025): historical leaders by date, former states, non-state groups, NGOs."""
from __future__ import annotations

import shutil
from datetime import date

import pycountry
import pytest

from multipolar.actors import Roster, tables
from multipolar.errors import DataFileError


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.load()


def who(ref):
    return (ref.code, ref.sector, ref.name) if ref else None


def test_bush_is_told_apart_by_date(roster):
    assert who(roster.lookup("Bush", on=date(1990, 6, 1))) == ("USA", "GOV", "George H. W. Bush")
    assert who(roster.lookup("Bush", on=date(2005, 6, 1))) == ("USA", "GOV", "George W. Bush")
    assert roster.lookup("Bush", on=date(1985, 1, 1)).name == "George H. W. Bush"       # vice president then
    assert roster.lookup("President Bush", on=date(1991, 1, 16)).name == "George H. W. Bush"


def test_soviet_then_russian(roster):
    assert who(roster.lookup("Gorbachev", on=date(1988, 1, 1))) == ("SUN", "GOV", "Mikhail Gorbachev")
    assert roster.lookup("Yeltsin", on=date(1995, 1, 1)).code == "RUS"
    assert roster.lookup("Brezhnev", on=date(1980, 6, 1)).code == "SUN"
    assert (roster.lookup("Soviet troops").code, roster.lookup("Soviet troops").sector) == ("SUN", "MIL")
    assert roster.lookup("USSR").code == "SUN"
    assert roster.lookup("Medvedev", on=date(2010, 1, 1)).code == "RUS"
    assert [d["role"] for d in roster.leaders_of("RUS", date(2010, 1, 1))][:2] == ["president", "prime_minister"]
    assert roster.leaders_of("RUS", date(2010, 1, 1))[1]["name"] == "Vladimir Putin"


@pytest.mark.parametrize("phrase,on,expected", [
    ("Thatcher", date(1985, 1, 1), ("GBR", "GOV", "Margaret Thatcher")),
    ("Mitterand", date(1990, 1, 1), ("FRA", "GOV", "François Mitterrand")),       # wire misspelling
    ("Kohl", date(1990, 1, 1), ("DEU", "GOV", "Helmut Kohl")),
    ("Deng", date(1985, 1, 1), ("CHN", "GOV", "Deng Xiaoping")),
    ("Khomeini", date(1985, 1, 1), ("IRN", "GOV", "Ruhollah Khomeini")),
    ("Saddam", date(1990, 8, 2), ("IRQ", "GOV", "Saddam Hussein")),
    ("Assad", date(1990, 1, 1), ("SYR", "GOV", "Hafez al-Assad")),
    ("Assad", date(2010, 1, 1), ("SYR", "GOV", "Bashar al-Assad")),
    ("Castro", date(1985, 1, 1), ("CUB", "GOV", "Fidel Castro")),
    ("Castro", date(2010, 1, 1), ("CUB", "GOV", "Raúl Castro")),
    ("Qadhafi", date(1986, 4, 15), ("LBY", "GOV", "Muammar Gaddafi")),
    ("Khadafy", date(1986, 4, 15), ("LBY", "GOV", "Muammar Gaddafi")),
    ("Gbago", date(2005, 1, 1), ("CIV", "GOV", "Laurent Gbagbo")),
    ("Habyarimana", date(1993, 1, 1), ("RWA", "GOV", "Juvénal Habyarimana")),
    ("Milosevic", date(1995, 1, 1), ("SRB", "GOV", "Slobodan Milošević")),
    ("Milosevic", date(1999, 4, 1), ("YUG", "GOV", "Slobodan Milošević")),
    ("Mandela", date(1996, 1, 1), ("ZAF", "GOV", "Nelson Mandela")),
    ("Arafat", date(1985, 1, 1), ("PSE", "GOV", "Yasser Arafat")),
    ("Annan", date(2000, 1, 1), ("UN", "GOV", "Kofi Annan")),
    ("Boutros-Ghali", date(1994, 1, 1), ("UN", "GOV", "Boutros Boutros-Ghali")),
    ("Solana", date(1997, 1, 1), ("NATO", "GOV", "Javier Solana")),
    ("Solana", date(2005, 1, 1), ("EU", "GOV", "Javier Solana")),
    ("Delors", date(1990, 1, 1), ("EU", "GOV", "Jacques Delors")),
    ("Gandhi", date(1983, 1, 1), ("IND", "GOV", "Indira Gandhi")),
    ("Gandhi", date(1987, 1, 1), ("IND", "GOV", "Rajiv Gandhi")),
    ("Marcos", date(1980, 1, 1), ("PHL", "GOV", "Ferdinand Marcos")),
    ("Marcos", date(2024, 1, 1), ("PHL", "GOV", "Ferdinand Marcos Jr.")),
    ("Kim", date(2000, 1, 1), ("PRK", "GOV", "Kim Jong Il")),
    ("Sisi", date(2013, 8, 1), ("EGY", "MIL", "Abdel Fattah el-Sisi")),            # defence minister then
    ("Erdogan", date(2010, 1, 1), ("TUR", "GOV", "Recep Tayyip Erdoğan")),
    ("Mandela", date(1985, 1, 1), ("ZAF", "ELI", "Nelson Mandela")),                # not yet in office
])
def test_historical_leaders(roster, phrase, on, expected):
    assert who(roster.lookup(phrase, on=on)) == expected


def test_two_king_abdullahs(roster):
    assert roster.lookup("King Abdullah", on=date(2010, 1, 1)) is None              # Saudi and Jordanian kings both reign
    assert roster.lookup("Jordan's King Abdullah", on=date(2010, 1, 1)).code == "JOR"
    assert roster.lookup("Saudi King Abdullah", on=date(2010, 1, 1)).code == "SAU"


def test_former_states(roster):
    for code in roster.former_states():
        assert len(code) == 3 and code not in roster.countries()
        assert pycountry.historic_countries.get(alpha_3=code) is not None, code     # ISO 3166-3 codes
    assert {"SUN", "YUG", "CSK", "DDR"} <= set(roster.former_states())
    assert roster.country("SUN")["name"] == "Soviet Union"
    assert roster.lookup("Czechoslovak").code == "CSK"
    assert roster.lookup("East Germany").code == "DDR"
    assert roster.lookup("West Germany").code == "DEU"
    assert roster.lookup("Zaire").code == "COD"


@pytest.mark.parametrize("phrase,on,expected", [
    ("Hamas", None, ("PSE", "REB")), ("Hamas leaders", date(2010, 1, 1), ("PSE", "REB")),
    ("Hezbollah", None, ("LBN", "REB")), ("Hizballah", None, ("LBN", "REB")),
    ("Taliban", date(1998, 1, 1), ("AFG", "GOV")), ("Taliban", date(2010, 1, 1), ("AFG", "REB")),
    ("Taliban", date(2023, 1, 1), ("AFG", "GOV")), ("Houthi rebels", None, ("YEM", "REB")),
    ("Ansar Allah", None, ("YEM", "REB")), ("PKK", None, ("TUR", "REB")),
    ("SPLA", date(2000, 1, 1), ("SDN", "REB")), ("SPLM", date(2015, 1, 1), ("SSD", "GOV")),
    ("FARC", date(2010, 1, 1), ("COL", "REB")), ("Tamil Tigers", None, ("LKA", "REB")),
    ("Wagner Group", None, ("RUS", "MIL")), ("HTS", date(2020, 1, 1), ("SYR", "REB")),
    ("HTS", date(2025, 3, 1), ("SYR", "GOV")), ("al-Shabaab", None, ("SOM", "REB")),
    ("Boko Haram", None, ("NGA", "REB")), ("ANC", date(1985, 1, 1), ("ZAF", "REB")),
    ("ANC", date(2000, 1, 1), ("ZAF", "GOV")), ("Fatah", date(1985, 1, 1), ("PSE", "REB")),
])
def test_groups(roster, phrase, on, expected):
    ref = roster.lookup(phrase, on=on)
    assert (ref.code, ref.sector, ref.kind) == (*expected, "group")


def test_transnational_groups_score_as_non_state(roster):
    from multipolar.evaluation import canonical

    for phrase in ("al-Qaeda", "ISIS", "Daesh", "ISIL"):
        ref = roster.lookup(phrase)
        assert len(ref.code) != 3 and canonical(ref.code) == "X", phrase


@pytest.mark.parametrize("phrase,code,kind", [
    ("Red Cross", "NGOICRC", "ngo"), ("ICRC", "NGOICRC", "ngo"), ("Amnesty International", "NGOAI", "ngo"),
    ("Human Rights Watch", "NGOHRW", "ngo"), ("Doctors Without Borders", "NGOMSF", "ngo"),
    ("Medecins Sans Frontieres", "NGOMSF", "ngo"), ("OAU", "AU", "igo"), ("European Community", "EU", "igo"),
    ("European Communities", "EU", "igo"), ("World Food Programme", "UN", "igo"), ("UNHCR", "UN", "igo"),
    ("UNICEF", "UN", "igo"), ("ILO", "UN", "igo"), ("Warsaw Pact", "WARSAWPACT", "bloc"),
])
def test_igo_and_ngo_aliases(roster, phrase, code, kind):
    ref = roster.lookup(phrase)
    assert (ref.code, ref.kind) == (code, kind)


def test_lowercase_common_words_are_not_actors(roster):
    assert not roster.accepts("amnesty") and roster.accepts("Amnesty")
    assert not roster.accepts("amal") and not roster.accepts("common market")


# ------------------------------------------------------------------ failures

def _copy(tmp_path):
    d = tmp_path / "data"
    shutil.copytree(tables.DATA_DIR, d)
    return d


@pytest.mark.parametrize("file,line,needle", [
    ("groups.tsv", "QQQ\tREB\tGhost Front\t\t\t\t", "QQQ"),                                  # unknown state
    ("groups.tsv", "IMG\tREB\tGhost Front\t\t\t\t", "IMG"),                                  # three-letter non-state
    ("groups.tsv", "SYR\tTERROR\tGhost Front\t\t\t\t", "TERROR"),                            # unknown sector
    ("groups.tsv", "AFG\tREB\tTaliban\t\t2010-01-01\t2011-01-01\t", "overlaps"),             # period overlap
    ("groups.tsv", "SYR\tREB\tGhost Front\tHamas\t\t\t", "Hamas"),                           # form of another group
    ("former_states.tsv", "RUS\tRussia again\t\t\t\t", "RUS"),                               # also a current state
    ("igos.tsv", "NGOX\tcharity\tGhost Charity\t\t\t", "charity"),                           # unknown kind
])
def test_bad_entries_fail_loudly(tmp_path, file, line, needle):
    d = _copy(tmp_path)
    path = d / file
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    with pytest.raises(DataFileError) as err:
        Roster.load.__wrapped__(Roster, d)
    assert needle in str(err.value)
    assert file in str(err.value)
