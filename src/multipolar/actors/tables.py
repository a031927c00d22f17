"""Read and validate the actor data files (countries, leaders, IGOs, sectors, case-sensitive forms).

Every file is tab-separated with `#` comment lines and one header line. A bad entry raises
DataFileError naming the file, the line and the key, and saying what to fix.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from multipolar import tsv
from multipolar.errors import DataFileError

DATA_DIR = Path(__file__).parent / "data"

SECTORS = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "BUS", "CVL", "MED", "JUD", "SPY", "ELI", "LEG", "EDU", "HLH"})
IGO_KINDS = frozenset({"igo", "bloc", "ngo"})
SECTOR_KINDS = frozenset({"sector", "role"})

# rank: lower is the more senior office, used to choose among offices a person holds at once.
ROLE_RANK = {
    "supreme_leader": 0, "king": 1, "queen": 1, "emperor": 1, "emir": 1, "president": 1,
    "general_secretary": 1, "first_secretary": 1, "head_of_state": 1, "co_president": 1,
    "chancellor": 2, "prime_minister": 2, "state_counsellor": 2, "commission_president": 2,
    "council_president": 2, "secretary_general": 2, "director_general": 2, "managing_director": 2,
    "chairperson": 2, "crown_prince": 3, "chief_executive": 3, "vice_president": 4,
    "foreign_minister": 5, "high_representative": 5, "defence_minister": 6, "army_chief": 6,
    "commander_in_chief": 6, "spokesperson": 7, "official": 8,
}
MIL_ROLES = frozenset({"defence_minister", "army_chief", "commander_in_chief"})

_ISO3 = re.compile(r"^[A-Z]{3}$")
_THREE_LETTERS = re.compile(r"^[A-Za-z]{3}$")
_IGO_CODE = re.compile(r"^[A-Z][A-Z0-9+]{1,11}$")


@dataclass(frozen=True)
class Row:
    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def fail(self, key: str, problem: str) -> DataFileError:
        return DataFileError(f"{self.path.name} line {self.line} (key {key!r}): {problem}. "
                             f"Fix that line of {self.path}.")


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    metonyms: tuple[tuple[str, str], ...]   # (form, sector)
    line: int


@dataclass(frozen=True)
class Term:
    """One person in one office for one stretch of time; end None = still in office."""

    code: str
    role: str
    name: str
    aliases: tuple[str, ...]
    start: date
    end: date | None
    note: str
    line: int

    @property
    def sector(self) -> str:
        return "MIL" if self.role in MIL_ROLES else "GOV"

    @property
    def rank(self) -> int:
        return ROLE_RANK[self.role]

    def holds(self, on: date) -> bool:
        """In office on `on`: start <= on < end (on the end day the successor holds it)."""
        return self.start <= on and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Igo:
    code: str
    kind: str
    name: str
    aliases: tuple[str, ...]
    members: tuple[str, ...]
    note: str
    line: int


class _OpenPeriod:
    """A row in force from `start` to `end` (None: open on that side); on the end day it no longer holds."""

    start: date | None
    end: date | None

    def holds(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True)
class Group(_OpenPeriod):
    """A non-state group (rebels, militants, parties) that news treats as an actor, for one stretch of time.

    code is its home state's ISO3 (or a non-state code such as IMGAQ); a group whose sector changed
    (the Taliban: REB, then GOV) has one row per period; start/end None = open-ended."""

    code: str
    sector: str
    name: str
    aliases: tuple[str, ...]
    start: date | None
    end: date | None
    note: str
    line: int


@dataclass(frozen=True)
class Borrowed(_OpenPeriod):
    """One row of phoenix_actors.tsv: a form of a state (place or body) or of an officeholder, for a stretch of
    time, taken from PETRARCH2's Phoenix dictionary (scripts/build_phoenix_table.py)."""

    code: str
    sector: str
    kind: str          # place, body, person
    form: str
    start: date | None
    end: date | None
    line: int


BORROWED_KINDS = frozenset({"place", "body", "person"})


@dataclass(frozen=True)
class SectorWord:
    phrase: str
    sector: str
    kind: str
    line: int


def read_tsv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """Rows of a tab-separated file (multipolar.tsv): `#` lines and blank lines skipped, header and width checked."""
    path = Path(path)
    return [Row(path, number, values) for number, values in tsv.table(path, columns)]


def split_list(row: Row, column: str, key: str) -> tuple[str, ...]:
    raw = row[column]
    if not raw:
        return ()
    items = tuple(item.strip() for item in raw.split("|"))
    if any(not item for item in items):
        raise row.fail(key, f"empty item in the {column} list {raw!r} (stray '|')")
    return items


def parse_date(row: Row, column: str, key: str, required: bool) -> date | None:
    raw = row[column]
    if not raw:
        if required:
            raise row.fail(key, f"{column} date is missing")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise row.fail(key, f"{column} {raw!r} is not a date YYYY-MM-DD") from None


def load_countries(path: Path = DATA_DIR / "countries.tsv") -> dict[str, Country]:
    rows = read_tsv(path, ("iso3", "name", "aliases", "demonyms", "capital", "metonyms"))
    out: dict[str, Country] = {}
    for row in rows:
        iso3 = row["iso3"]
        if not _ISO3.match(iso3):
            raise row.fail(iso3, "iso3 must be three capital letters")
        if iso3 in out:
            raise row.fail(iso3, f"iso3 already given on line {out[iso3].line}")
        if not row["name"]:
            raise row.fail(iso3, "name is empty")
        metonyms = []
        for item in split_list(row, "metonyms", iso3):
            form, _, sector = item.partition("=")
            sector = sector or "GOV"
            if sector not in SECTORS:
                raise row.fail(iso3, f"metonym {item!r} has unknown sector {sector!r} (one of {sorted(SECTORS)})")
            metonyms.append((form.strip(), sector))
        out[iso3] = Country(iso3, row["name"], split_list(row, "aliases", iso3),
                            split_list(row, "demonyms", iso3), row["capital"], tuple(metonyms), row.line)
    return out


def load_igos(path: Path = DATA_DIR / "igos.tsv", states: frozenset[str] = frozenset()) -> dict[str, Igo]:
    """IGOs and blocs; `states` (ISO3 codes) lets members be checked."""
    rows = read_tsv(path, ("code", "kind", "name", "aliases", "members", "note"))
    out: dict[str, Igo] = {}
    for row in rows:
        code = row["code"]
        if _THREE_LETTERS.match(code):
            raise row.fail(code, "a non-state code must not be exactly three letters (reserved for ISO3 "
                                 f"states): write it as IGO{code}")
        if not _IGO_CODE.match(code):
            raise row.fail(code, "code must be capital letters, digits or '+', 2-12 characters")
        if code in out:
            raise row.fail(code, f"code already given on line {out[code].line}")
        if row["kind"] not in IGO_KINDS:
            raise row.fail(code, f"kind {row['kind']!r} must be one of {sorted(IGO_KINDS)}")
        if not row["name"]:
            raise row.fail(code, "name is empty")
        out[code] = Igo(code, row["kind"], row["name"], split_list(row, "aliases", code),
                        split_list(row, "members", code), row["note"], row.line)
    if states:
        for igo in out.values():
            for member in igo.members:
                if member not in states and member not in out:
                    row = next(r for r in rows if r["code"] == igo.code)
                    raise row.fail(igo.code, f"member {member!r} is neither a state in countries.tsv "
                                             "nor a code in this file")
    return out


def load_leaders(path: Path = DATA_DIR / "leaders.tsv", codes: frozenset[str] = frozenset()) -> list[Term]:
    """Leader terms; `codes` (states and IGO codes) lets each term's code be checked."""
    rows = read_tsv(path, ("code", "role", "name", "aliases", "start", "end", "note"))
    out: list[Term] = []
    seen: dict[tuple[str, str, date], int] = {}
    for row in rows:
        name = row["name"]
        if not name:
            raise row.fail(row["code"], "name is empty")
        if codes and row["code"] not in codes:
            raise row.fail(name, f"code {row['code']!r} is neither a state in countries.tsv nor a code in igos.tsv")
        if row["role"] not in ROLE_RANK:
            raise row.fail(name, f"role {row['role']!r} is unknown (one of {sorted(ROLE_RANK)})")
        start = parse_date(row, "start", name, required=True)
        end = parse_date(row, "end", name, required=False)
        if end is not None and end < start:
            raise row.fail(name, f"end {end} is before start {start}")
        ident = (name, row["role"], start)
        if ident in seen:
            raise row.fail(name, f"same person, role and start as line {seen[ident]}")
        seen[ident] = row.line
        out.append(Term(row["code"], row["role"], name, split_list(row, "aliases", name),
                        start, end, row["note"], row.line))
    return out


def load_groups(path: Path = DATA_DIR / "groups.tsv", codes: frozenset[str] = frozenset()) -> list[Group]:
    """Non-state groups; `codes` (states, former states, IGO codes) lets each row's code be checked."""
    rows = read_tsv(path, ("code", "sector", "name", "aliases", "start", "end", "note"))
    out: list[Group] = []
    for row in rows:
        code, name = row["code"], row["name"]
        if not name:
            raise row.fail(code, "name is empty")
        if _ISO3.match(code):
            if codes and code not in codes:
                raise row.fail(name, f"code {code!r} is not a state in countries.tsv or former_states.tsv")
        elif _THREE_LETTERS.match(code) or not _IGO_CODE.match(code):
            raise row.fail(name, f"code {code!r} must be a state's ISO3 or a non-state code of 2-12 capital letters, "
                                 "digits or '+' that is not exactly three letters (e.g. IMGAQ)")
        if row["sector"] not in SECTORS:
            raise row.fail(name, f"sector {row['sector']!r} is unknown (one of {sorted(SECTORS)})")
        start = parse_date(row, "start", name, required=False)
        end = parse_date(row, "end", name, required=False)
        if start is not None and end is not None and end < start:
            raise row.fail(name, f"end {end} is before start {start}")
        for other in out:
            if other.name == name and (other.start or date.min) < (end or date.max) \
                    and (start or date.min) < (other.end or date.max):
                raise row.fail(name, f"period overlaps the row on line {other.line}")
        out.append(Group(code, row["sector"], name, split_list(row, "aliases", name), start, end, row["note"],
                         row.line))
    return out


def load_borrowed(path: Path = DATA_DIR / "phoenix_actors.tsv", codes: frozenset[str] = frozenset()) -> list[Borrowed]:
    """The derived Phoenix table; `codes` (states and former states) lets each row's code be checked."""
    out: list[Borrowed] = []
    for row in read_tsv(path, ("code", "sector", "kind", "form", "start", "end")):
        form = row["form"]
        if not form:
            raise row.fail(row["code"], "form is empty")
        if codes and row["code"] not in codes:
            raise row.fail(form, f"code {row['code']!r} is not a state in countries.tsv or former_states.tsv")
        if row["sector"] and row["sector"] not in SECTORS:
            raise row.fail(form, f"sector {row['sector']!r} is unknown (one of {sorted(SECTORS)})")
        if row["kind"] not in BORROWED_KINDS:
            raise row.fail(form, f"kind {row['kind']!r} must be one of {sorted(BORROWED_KINDS)}")
        start = parse_date(row, "start", form, required=False)
        end = parse_date(row, "end", form, required=False)
        out.append(Borrowed(row["code"], row["sector"], row["kind"], form, start, end, row.line))
    return out


def load_sectors(path: Path = DATA_DIR / "sectors.tsv") -> dict[str, SectorWord]:
    from multipolar.actors.normalize import key as norm

    rows = read_tsv(path, ("phrase", "sector", "kind"))
    out: dict[str, SectorWord] = {}
    for row in rows:
        phrase = row["phrase"]
        if not phrase:
            raise row.fail("", "phrase is empty")
        if row["sector"] not in SECTORS:
            raise row.fail(phrase, f"sector {row['sector']!r} is unknown (one of {sorted(SECTORS)})")
        if row["kind"] not in SECTOR_KINDS:
            raise row.fail(phrase, f"kind {row['kind']!r} must be one of {sorted(SECTOR_KINDS)}")
        k = norm(phrase)
        if k in out:
            raise row.fail(phrase, f"phrase already given on line {out[k].line}")
        out[k] = SectorWord(phrase, row["sector"], row["kind"], row.line)
    return out


def load_case_sensitive(path: Path = DATA_DIR / "case_sensitive.tsv") -> list[Row]:
    rows = read_tsv(path, ("phrase", "why"))
    for row in rows:
        if not row["phrase"]:
            raise row.fail("", "phrase is empty")
    return rows
