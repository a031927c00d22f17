"""The actor roster: mention text (and a date) -> ActorRef.

    roster = Roster.load()
    roster.lookup("the Kremlin")                       -> RUS GOV state
    roster.lookup("Raisi", on=date(2024, 5, 1))        -> IRN GOV leader "Ebrahim Raisi"
    roster.lookup("Indian Prime Minister Narendra Modi") -> IND GOV leader
    roster.lookup("Russian troops")                    -> RUS MIL state

Exact forms are one dict lookup on a normalised key (normalize.key). Phrases that are not forms
themselves are tried as compositions: "<state> <sector noun or title> [<leader>]",
"<title> <leader>" and "<sector noun or title> of <state>".
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from multipolar.actors import tables
from multipolar.actors.normalize import cased_key, fold, key
from multipolar.actors.terms import choose
from multipolar.errors import DataFileError
from multipolar.model import ActorRef


# A borrowed Phoenix officeholder is matched only within this many years of the dated rows: past it a name is
# more likely a namesake than the person (measured at the nineteenth session's end, docs/measurements.md).
BORROWED_PERSON_YEARS = 8


@dataclass(frozen=True)
class Entity:
    """What a state or IGO surface form stands for."""

    code: str
    name: str
    sector: str
    kind: str          # state, igo, bloc, ngo, group
    source: str        # "countries.tsv line 12", for collision messages


class Roster:
    def __init__(self, countries: dict[str, tables.Country], igos: dict[str, tables.Igo],
                 leaders: list[tables.Term], sectors: dict[str, tables.SectorWord],
                 case_rows: list[tables.Row], data_dir: Path, former: dict[str, tables.Country] | None = None,
                 groups: list[tables.Group] | None = None, borrowed: list[tables.Borrowed] | None = None):
        self._countries = countries
        self._former = former or {}
        self._groups: dict[str, list[tables.Group]] = {}   # key -> the dated rows of one group
        self._igos = igos
        self._terms = leaders
        self._sectors = sectors
        self._entities: dict[str, Entity] = {}
        self._leader_forms: dict[str, list[tables.Term]] = {}
        self._forms: dict[str, str] = {}            # surface form as written -> its key
        self._cased: dict[str, set[str]] = {}       # key -> the casings a case-sensitive form allows
        self._titled: set[str] = set()              # keys of multi-word proper names ("West Bank", "White House")
        self._index_states(data_dir / "countries.tsv", self._countries)
        self._index_states(data_dir / "former_states.tsv", self._former)
        self._index_igos(data_dir / "igos.tsv")
        self._index_groups(data_dir / "groups.tsv", groups or [])
        self._index_leaders(data_dir / "leaders.tsv")
        self._index_casing(case_rows)
        self._borrowed: dict[str, list[tables.Borrowed]] = {}   # key -> dated rows from the Phoenix dictionary
        self._index_borrowed(borrowed or [])
        self._cached_lookup = functools.lru_cache(maxsize=65536)(self._lookup)

    # ----------------------------------------------------------------- loading
    @classmethod
    @functools.lru_cache(maxsize=None)
    def load(cls, data_dir: str | Path | None = None, *, borrowed: bool = True) -> "Roster":
        """Load and validate every data file (once per process and directory); `borrowed=False` leaves out the
        forms derived from PETRARCH2's Phoenix dictionary (scripts/build_phoenix_table.py builds them)."""
        d = Path(data_dir) if data_dir is not None else tables.DATA_DIR
        countries = tables.load_countries(d / "countries.tsv")
        former = tables.load_countries(d / "former_states.tsv")
        for code, c in former.items():
            if code in countries:
                raise DataFileError(f"former_states.tsv line {c.line} (key {code!r}): {code} is also a current state "
                                    f"in countries.tsv. Keep it in one file only; fix that line of {d / 'former_states.tsv'}.")
        states = frozenset(countries) | frozenset(former)
        igos = tables.load_igos(d / "igos.tsv", states=states)
        leaders = tables.load_leaders(d / "leaders.tsv", codes=states | frozenset(igos))
        groups = tables.load_groups(d / "groups.tsv", codes=states)
        sectors = tables.load_sectors(d / "sectors.tsv")
        case_rows = tables.load_case_sensitive(d / "case_sensitive.tsv")
        phoenix = tables.load_borrowed(d / "phoenix_actors.tsv", codes=states) \
            if borrowed and (d / "phoenix_actors.tsv").exists() else []
        return cls(countries, igos, leaders, sectors, case_rows, d, former=former, groups=groups, borrowed=phoenix)

    def _add(self, form: str, entity: Entity, path: Path, line: int) -> None:
        k = key(form)
        if not k:
            raise DataFileError(f"{path.name} line {line} (key {entity.code!r}): form {form!r} is empty once "
                                f"normalised. Fix that line of {path}.")
        old = self._entities.get(k)
        if old is not None and old.code != entity.code:
            raise DataFileError(f"{path.name} line {line} (key {entity.code!r}): form {form!r} already stands "
                                f"for {old.code} ({old.source}). Keep it in one place only; fix that line of {path}.")
        if old is None or (old.sector == "" and entity.sector):
            self._entities[k] = entity
        self._forms.setdefault(form, k)
        self._note_case(form, k)
        words = form.split()
        if len(words) > 1 and all(w[:1].isupper() for w in words):
            self._titled.add(k)

    def _index_states(self, path: Path, states: dict[str, tables.Country]) -> None:
        for c in states.values():
            src = f"{path.name} line {c.line}"
            for form in (c.name, *c.aliases):
                self._add(form, Entity(c.iso3, c.name, "GOV", "state", src), path, c.line)
            for form in c.demonyms:
                self._add(form, Entity(c.iso3, c.name, "", "state", src), path, c.line)
            for form, sector in c.metonyms:
                self._add(form, Entity(c.iso3, c.name, sector, "state", src), path, c.line)

    def _index_igos(self, path: Path) -> None:
        for g in self._igos.values():
            src = f"{path.name} line {g.line}"
            for form in (g.name, *g.aliases):
                self._add(form, Entity(g.code, g.name, "", g.kind, src), path, g.line)

    def _index_groups(self, path: Path, groups: list[tables.Group]) -> None:
        for g in groups:
            src = f"{path.name} line {g.line}"
            for form in (g.name, *g.aliases):
                k = key(form)
                bucket = self._groups.get(k)
                if bucket is None:       # first period of this group: a new form, checked against the others
                    self._add(form, Entity(g.code, g.name, g.sector, "group", src), path, g.line)
                    self._groups[k] = [g]
                elif bucket[0].name != g.name:
                    raise DataFileError(f"{path.name} line {g.line} (key {g.name!r}): form {form!r} is also a form "
                                        f"of {bucket[0].name!r} (line {bucket[0].line}). Keep it in one group only; "
                                        f"fix that line of {path}.")
                elif g not in bucket:    # a later period of the same group
                    bucket.append(g)
                    self._forms.setdefault(form, k)

    def _index_leaders(self, path: Path) -> None:
        for t in self._terms:
            for form in (t.name, *t.aliases):
                k = key(form)
                if k in self._entities:
                    raise DataFileError(f"{path.name} line {t.line} (key {t.name!r}): alias {form!r} is also a "
                                        f"state or IGO form ({self._entities[k].source}). Drop it from one of the "
                                        f"two; fix that line of {path}.")
                bucket = self._leader_forms.setdefault(k, [])
                if t not in bucket:
                    bucket.append(t)
                self._forms.setdefault(form, k)
                if " " not in fold(form):
                    self._cased.setdefault(k, set()).add(cased_key(form))

    def _index_borrowed(self, rows: list[tables.Borrowed]) -> None:
        """Phoenix forms the hand-written tables lack; always proper names ("lagos" in lower case is no Lagos)."""
        for b in rows:
            k = key(b.form)
            if k in self._entities or k in self._leader_forms or k in self._groups:
                continue
            self._borrowed.setdefault(k, []).append(b)
            self._forms.setdefault(b.form, k)
            self._titled.add(k)

    def _note_case(self, form: str, k: str) -> None:
        folded = fold(form).replace(" ", "")
        if len(folded) >= 2 and folded.isalpha() and folded.isupper():
            self._cased.setdefault(k, set()).add(cased_key(form))

    def _index_casing(self, rows: list[tables.Row]) -> None:
        for row in rows:
            phrase = row["phrase"]
            k = key(phrase)
            if k not in self._entities and k not in self._leader_forms:
                raise row.fail(phrase, "not a form of any state, IGO or leader; add it there first or drop it")
            self._cased.setdefault(k, set()).add(cased_key(phrase))

    # ------------------------------------------------------------------ queries
    def phrases(self) -> list[str]:
        """Every surface form as written in the data, for a PhraseMatcher on attr LOWER."""
        return sorted(self._forms)

    def case_sensitive(self, phrase: str) -> bool:
        """True when the form matches only with its written casing ("US" but not "us")."""
        return key(phrase) in self._cased

    def borrowed(self, text: str) -> bool:
        """Whether `text` is known only from the Phoenix dictionary (phoenix_actors.tsv)."""
        return key(text) in self._borrowed

    def accepts(self, text: str) -> bool:
        """Whether `text` as it stands in a sentence may be taken for its form (casing check)."""
        if text.islower() and key(text) in self._titled:
            return False                 # "the west bank of the Dnipro" is no West Bank
        allowed = self._cased.get(key(text))
        return allowed is None or cased_key(text) in allowed

    def sector_of(self, word: str) -> str | None:
        hit = self._sector_word(word)
        return hit.sector if hit else None

    def role_word(self, word: str) -> bool:
        hit = self._sector_word(word)
        return bool(hit and hit.kind == "role")

    def _sector_word(self, word: str) -> tables.SectorWord | None:
        k = key(word)
        hit = self._sectors.get(k)
        if hit is None and k.endswith("s"):
            hit = self._sectors.get(k[:-1])
        if hit is None:
            hit = self._sectors.get(k + "s")
        return hit

    def country(self, iso3: str) -> dict:
        c = self._countries.get(iso3.upper()) or self._former.get(iso3.upper())
        if c is None:
            raise KeyError(f"unknown state code {iso3!r}: use an ISO3 code from countries.tsv or former_states.tsv")
        return {"iso3": c.iso3, "name": c.name, "capital": c.capital, "aliases": list(c.aliases),
                "demonyms": list(c.demonyms), "metonyms": [m for m, _ in c.metonyms]}

    def countries(self) -> list[str]:
        """Current states (countries.tsv); former states (SUN, YUG ...) are in former_states()."""
        return sorted(self._countries)

    def former_states(self) -> list[str]:
        return sorted(self._former)

    def groups(self) -> list[tables.Group]:
        """Every row of groups.tsv, in file order."""
        return sorted({g for rows in self._groups.values() for g in rows}, key=lambda g: g.line)

    def igo(self, code: str) -> dict:
        g = self._igos.get(code.upper())
        if g is None:
            raise KeyError(f"unknown IGO or bloc code {code!r}: use a code from igos.tsv")
        return {"code": g.code, "kind": g.kind, "name": g.name, "aliases": list(g.aliases),
                "members": list(g.members), "note": g.note}

    def igos(self) -> list[str]:
        return sorted(self._igos)

    def leaders_of(self, code: str, on: date | None = None) -> list[dict]:
        """Who held office for `code` on `on` (None = now), most senior office first."""
        code = code.upper()
        on = _day(on)
        held = [t for t in self._terms if t.code == code and (t.holds(on) if on else t.end is None)]
        held.sort(key=lambda t: (t.rank, t.start))
        return [{"name": t.name, "role": t.role, "code": t.code, "start": t.start, "end": t.end,
                 "sector": t.sector} for t in held]

    def terms(self) -> list[tables.Term]:
        return list(self._terms)

    def lookup(self, phrase: str, on: date | None = None) -> ActorRef | None:
        """Resolve a mention (case-insensitive) to an ActorRef, leaders by their term on `on`."""
        if not phrase or not phrase.strip():
            return None
        return self._cached_lookup(phrase, _day(on))

    # ---------------------------------------------------------------- resolving
    def _lookup(self, phrase: str, on: date | None) -> ActorRef | None:
        k = key(phrase)
        return self._exact(k, phrase, on) or self._composed(k, phrase, on)

    def _entity(self, k: str, on: date | None) -> Entity | None:
        """The state/IGO/group entity of a key; a group takes the sector of its period holding `on`."""
        ent = self._entities.get(k)
        if ent is not None and ent.kind == "group":
            g = _period(self._groups[k], on)
            ent = Entity(g.code, g.name, g.sector, "group", ent.source)
        elif ent is None and k in self._borrowed:
            b = _period(self._borrowed[k], on)
            if b.kind != "person":
                ent = Entity(b.code, self._state_name(b.code), b.sector, "state", f"phoenix_actors.tsv line {b.line}")
        return ent

    def _state_name(self, code: str) -> str:
        c = self._countries.get(code) or self._former.get(code)
        return c.name if c is not None else code

    def _exact(self, k: str, text: str, on: date | None, prefer_code: str | None = None) -> ActorRef | None:
        ent = self._entity(k, on)
        if ent is not None:
            return ActorRef(code=ent.code, text=text, name=ent.name, sector=ent.sector, kind=ent.kind)
        return self._leader(k, text, on, prefer_code)

    def _leader(self, k: str, text: str, on: date | None, prefer_code: str | None = None) -> ActorRef | None:
        terms = self._leader_forms.get(k)
        if not terms:
            return self._borrowed_person(k, text, on)
        pick = choose(terms, on, prefer_code)
        if pick is None:
            return None
        return ActorRef(code=pick.term.code, text=text, name=pick.term.name, sector=pick.sector, kind="leader")

    def _borrowed_person(self, k: str, text: str, on: date | None) -> ActorRef | None:
        rows = [b for b in self._borrowed.get(k, ()) if b.kind == "person"]
        if not rows:
            return None
        b = _period(rows, on)
        if on is not None and _days_outside(b, on) > BORROWED_PERSON_YEARS * 365.25:
            return None     # a namesake: "Kevin Andrews" on a 2022 Nassau crime page is not Australia's minister
        return ActorRef(code=b.code, text=text, name=b.form, sector=b.sector, kind="leader")

    def _composed(self, k: str, text: str, on: date | None) -> ActorRef | None:
        words = k.split(" ")
        if len(words) < 2:
            return None
        # "<sector or title> of <state>": "president of Russia", "foreign ministry of China"
        if " of " in k:
            left, _, right = k.rpartition(" of ")
            owner = self._entity(key(right), on)
            role = self._sectors.get(left)
            if owner is not None and role is not None:
                return ActorRef(code=owner.code, text=text, name=owner.name, sector=role.sector, kind=owner.kind)
        # "<title> <leader>": "President Putin", "Prime Minister Narendra Modi"
        for i in range(len(words) - 1, 0, -1):
            if " ".join(words[:i]) in self._sectors:
                ref = self._leader(" ".join(words[i:]), text, on)
                if ref is not None:
                    return ref
        # "<state> <rest>": "Russian troops", "Iran's supreme leader", "Indian Prime Minister Narendra Modi"
        for i in range(len(words) - 1, 0, -1):
            owner = self._entity(key(" ".join(words[:i])), on)
            if owner is None:
                continue
            ref = self._after_owner(owner, words[i:], text, on)
            if ref is not None:
                return ref
        return None

    def _after_owner(self, owner: Entity, rest: list[str], text: str, on: date | None) -> ActorRef | None:
        tail = " ".join(rest)
        role = self._sector_word(tail)
        if role is not None:
            # "Hamas leaders", "Taliban spokesman": a title keeps the group's own sector
            sector = owner.sector if owner.kind == "group" and role.sector == "GOV" else role.sector
            return ActorRef(code=owner.code, text=text, name=owner.name, sector=sector, kind=owner.kind)
        same = self._entities.get(tail)          # "US State Department", "Russia's Kremlin"
        if same is not None and same.code == owner.code:
            return ActorRef(code=owner.code, text=text, name=owner.name, sector=same.sector or "GOV",
                            kind=owner.kind)
        for j in range(len(rest) - 1, 0, -1):    # "<title> <leader>" after the owner
            if " ".join(rest[:j]) in self._sectors:
                ref = self._leader(" ".join(rest[j:]), text, on, prefer_code=owner.code)
                if ref is not None:
                    return ref
        return self._leader(tail, text, on, prefer_code=owner.code)   # "Russia's Putin"


def _period(rows, on: date | None):
    """The row (of a group, or of a Phoenix form) in force on `on`; else the nearest in time; with no date, the
    latest."""
    if on is None:
        return max(rows, key=lambda g: g.end or date.max)
    held = [g for g in rows if g.holds(on)]
    if held:
        return held[0]
    return min(rows, key=lambda g: _days_outside(g, on))


def _days_outside(row, on: date) -> int:
    """How many days `on` lies before a row's start or from its end on (the end day no longer holds; 0 inside)."""
    if row.start is not None and on < row.start:
        return (row.start - on).days
    return max(0, (on - row.end).days + 1) if row.end is not None else 0


def _day(on: date | None) -> date | None:
    """Accept a datetime where a date is meant (datetime cannot be compared with date)."""
    return on.date() if isinstance(on, datetime) else on
