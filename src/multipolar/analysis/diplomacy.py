"""Leader diplomacy: meetings, visits made and received, calls and summits of a state's leader, from the CONSULT
events in the store (PLOVER: the visitor is the actor, the host the recipient; mode visit, phone, multilateral)."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pandas as pd

from multipolar.dateline import dateline_place
from multipolar.store import indicators as db
from multipolar.store.db import Store, as_date

TYPES = {"phone": "call", "multilateral": "summit", "third-party": "meeting"}


def _is_state(code: str) -> bool:
    return isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()


def _partner_leader(code: str, on: date, named: str | None) -> str | None:
    if named:
        return named
    if not _is_state(code):
        return None
    try:
        from multipolar.actors import Roster
        held = Roster.load().leaders_of(code, on)
    except Exception:  # noqa: BLE001 - an unknown code has no leader
        return None
    return held[0]["name"] if held else None


def _type(mode: str | None, role: str, partner_role: str) -> str:
    if mode == "visit":
        if role == "actor" and partner_role == "recipient":
            return "visit made"
        if role == "recipient":
            return "visit received"
        return "visit"
    return TYPES.get(mode or "", "meeting")


# landmarks that stand for a capital but are no metonym of a state in the roster (the Kremlin and Zhongnanhai are)
LANDMARKS = {"Great Hall of the People": "Beijing", "Diaoyutai": "Beijing", "Elysee Palace": "Paris",
             "Élysée Palace": "Paris", "Downing Street": "London", "Chancellery": None}
# which kinds of meeting may be one visit: calls stay apart from meetings in person
_IN_PERSON = {"visit made", "visit received", "visit", "summit", "meeting"}
_RANK = {"visit made": 0, "visit received": 0, "visit": 1, "summit": 2, "meeting": 3, "call": 4}
VISIT_GAP_DAYS = 1   # tellings of one partner on consecutive days are one visit ("arrived" on 19, "met" on 20)


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[re.Pattern, dict[str, str], dict[str, str]]:
    """(pattern of place words, word -> capital, iso3 -> capital) from the roster: every capital, every metonym of
    a state that is a place (the Kremlin -> Moscow, Zhongnanhai -> Beijing) and a few landmarks."""
    from multipolar.actors import Roster
    roster = Roster.load()
    places: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for iso3 in roster.countries():
        c = roster.country(iso3)
        if not c["capital"]:
            continue
        capitals[iso3] = c["capital"]
        places.setdefault(c["capital"], c["capital"])
        for m in c["metonyms"]:
            m = m[4:] if m.lower().startswith("the ") else m
            if m[:1].isupper():
                places.setdefault(m, c["capital"])
    places.update({k: v for k, v in LANDMARKS.items() if v})
    words = sorted(places, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")
    return pattern, places, capitals


def named_place(text) -> str | None:
    """The first capital or capital landmark named in a text ("outside the Great Hall of the People" -> Beijing,
    "in the Kremlin" -> Moscow), else None."""
    if not isinstance(text, str) or not text:
        return None
    pattern, places, _ = _gazetteer()
    hit = pattern.search(text)
    return places[hit.group(1)] if hit else None


def _dateline(lead) -> str | None:
    """The place of an article's dateline ("MOSCOW, July 9 —" -> Moscow) when it is a capital or landmark."""
    if not isinstance(lead, str):
        return None
    place = dateline_place(lead)
    return named_place(place.title()) if place else None


def capital_of(code: str) -> str | None:
    return _gazetteer()[2].get(code) if _is_state(code) else None


def meetings(store: Store, state: str, since, until, *, leaders_only: bool = True) -> list[dict]:
    """[{date, end, partner, partner_leader, place, type, sources}] for `state`'s leader between since and until.

    leaders_only keeps events where the state took part through a leader (an actor of kind 'leader', e.g.
    "Putin"), not through its ministries or "Russia". Partners are states and IGOs. One row per partner and
    visit: the tellings of one meeting (several sentences or articles on one day, or a visit told by "arrived" on
    one day and "met" on the next) are one row from `date` to `end`, with every telling as a source; calls stay
    apart. An event with several partners (a summit where the leader "held separate meetings with Xi, Modi and
    Pezeshkian") gives one row per partner. The place is the events' location, else a capital or landmark named
    in a telling (the Kremlin -> Moscow, the Great Hall of the People -> Beijing), else the host's capital for a
    visit, else the place of the article's title or dateline."""
    state = state.upper()
    since, until = as_date(since, "since"), as_date(until, "until")
    rows = db.consult_events(store, state, since, until)
    if leaders_only:
        rows = rows[rows.state_kind == "leader"]
    tellings: list[dict] = []
    for r in rows.itertuples():
        day = pd.Timestamp(r.date).date()
        tellings.append({"day": day, "partner": r.partner, "type": _type(r.mode, r.role, r.partner_role),
                         "leader": r.partner_name if r.partner_kind == "leader" else None,
                         "place": _text(r.location_name), "said": named_place(r.sentence),
                         "titled": named_place(_text(r.title)) or _dateline(getattr(r, "lead", None)),
                         "source": {"event": r.id, "url": _text(r.url), "title": _text(r.title),
                                    "sentence": r.sentence, "modality": r.modality}})
    groups: list[list[dict]] = []
    last: dict[tuple, list[dict]] = {}
    for t in sorted(tellings, key=lambda t: (t["partner"], t["type"] == "call", t["day"])):
        key = (t["partner"], t["type"] in _IN_PERSON)
        group = last.get(key)
        if group is None or (t["day"] - group[-1]["day"]).days > VISIT_GAP_DAYS:
            group = last[key] = []
            groups.append(group)
        group.append(t)
    out = [_row(state, g) for g in groups]
    return sorted(out, key=lambda m: (m["date"], m["partner"], m["type"]))


def _row(state: str, group: list[dict]) -> dict:
    first, end = group[0]["day"], group[-1]["day"]
    kind = min((t["type"] for t in group), key=lambda k: _RANK.get(k, 3))
    partner = group[0]["partner"]
    leader = next((t["leader"] for t in group if t["leader"]), None)
    host = partner if kind == "visit made" else state if kind == "visit received" else None
    place = (next((t["place"] for t in group if t["place"]), None)
             or next((t["said"] for t in group if t["said"]), None)
             or (capital_of(host) if host else None)
             or next((t["titled"] for t in group if t["titled"]), None))
    sources: list[dict] = []
    for t in group:
        if t["source"] not in sources:
            sources.append(t["source"])
    return {"date": first.isoformat(), "end": end.isoformat(), "partner": partner,
            "partner_leader": _partner_leader(partner, first, leader), "place": place, "type": kind,
            "sources": sources}


def _text(value) -> str | None:
    """A text column from pandas: missing values (NaN, None, '') are None."""
    return value if isinstance(value, str) and value else None


def partners(meeting_list: list[dict], *, states_only: bool = True) -> list[str]:
    """Distinct partners met (states only by default: IGOs are not 'world leaders')."""
    return sorted({m["partner"] for m in meeting_list if not states_only or _is_state(m["partner"])})
