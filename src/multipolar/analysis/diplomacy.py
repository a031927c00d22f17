"""Leader diplomacy: meetings, visits made and received, calls and summits of a state's leader, from the CONSULT
events in the store (PLOVER: the visitor is the actor, the host the recipient; mode visit, phone, multilateral)."""
from __future__ import annotations

from datetime import date

import pandas as pd

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


def meetings(store: Store, state: str, since, until, *, leaders_only: bool = True) -> list[dict]:
    """[{date, partner, partner_leader, place, type, sources}] for `state`'s leader between since and until.

    leaders_only keeps events where the state took part through a leader (an actor of kind 'leader', e.g.
    "Putin"), not through its ministries or "Russia". Partners are states and IGOs; one meeting per date,
    partner and type, with every article that reported it as a source."""
    state = state.upper()
    since, until = as_date(since, "since"), as_date(until, "until")
    rows = db.consult_events(store, state, since, until)
    if leaders_only:
        rows = rows[rows.state_kind == "leader"]
    out: dict[tuple, dict] = {}
    for r in rows.itertuples():
        day = pd.Timestamp(r.date).date()
        kind = _type(r.mode, r.role, r.partner_role)
        key = (day, r.partner, kind)
        leader = r.partner_name if r.partner_kind == "leader" else None
        place = r.location_name if isinstance(r.location_name, str) and r.location_name else None
        item = out.setdefault(key, {"date": day.isoformat(), "partner": r.partner,
                                    "partner_leader": _partner_leader(r.partner, day, leader),
                                    "place": place, "type": kind, "sources": []})
        if item["place"] is None and place:
            item["place"] = place
        if leader and not item["partner_leader"]:
            item["partner_leader"] = leader
        src = {"event": r.id, "url": _text(r.url), "title": _text(r.title), "sentence": r.sentence,
               "modality": r.modality}
        if src not in item["sources"]:
            item["sources"].append(src)
    return sorted(out.values(), key=lambda m: (m["date"], m["partner"], m["type"]))


def _text(value) -> str | None:
    """A text column from pandas: missing values (NaN, None, '') are None."""
    return value if isinstance(value, str) and value else None


def partners(meeting_list: list[dict], *, states_only: bool = True) -> list[str]:
    """Distinct partners met (states only by default: IGOs are not 'world leaders')."""
    return sorted({m["partner"] for m in meeting_list if not states_only or _is_state(m["partner"])})
