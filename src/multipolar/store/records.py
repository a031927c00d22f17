"""The one place a stored event becomes the PLOVER-JSON record of README.md (what `code` and
`events --format jsonl` emit, and what the API serves). Every listing path (store.events: the web summaries, the
pre-aggregates, the joins) builds its records here, so that they cannot drift apart.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping


def party(code: str, sector: str | None, text: str | None, name: str | None) -> dict:
    """One participant as a record shows it: code, sector, text, and name when known."""
    d = {"code": code, "sector": sector, "text": text}
    if name:
        d["name"] = name
    return d


def parties_by_role(rows: Iterable[Mapping]) -> dict[str, list[dict]]:
    """{role: [party, ...]} from rows with role, code, sector, text, name (already in position order)."""
    out: dict[str, list[dict]] = {}
    for p in rows or []:
        out.setdefault(p["role"], []).append(party(p["code"], p["sector"], p["text"], p["name"]))
    return out


def location(r: Mapping) -> dict | None:
    if not r["location_name"]:
        return None
    loc = {"name": r["location_name"]}
    for src, dst in (("location_country", "country"), ("lat", "lat"), ("lon", "lon")):
        if r[src] is not None:
            loc[dst] = r[src]
    return loc


def event_record(r: Mapping, parties: Mapping[str, list[dict]]) -> dict:
    """The record of one `events` row `r` with its participants by role (actor, recipient, claim_source), and
    the article it came from (hash, url, title) when `r` carries `article_hash`."""
    rec = {
        "id": r["id"], "doc_id": r["doc_id"],
        "date": r["date"].isoformat() if r["date"] else None, "date_precision": r["date_precision"],
        "event": r["event"], "mode": r["mode"], "context": list(r["context"] or []),
        "actor": parties.get("actor", []), "recipient": parties.get("recipient", []),
        "location": location(r), "modality": r["modality"], "cameo": r["cameo"], "intensity": r["intensity"],
        "sentence": r["sentence"], "span": [r["span_start"], r["span_end"]], "trigger": r["trigger"],
        "confidence": round(r["confidence"], 3) if r["confidence"] is not None else None,
        "source_of_claim": parties.get("claim_source", []), "coder": r["coder"],
    }
    if "article_hash" in r:
        rec["article"] = {"hash": r["article_hash"], "url": r.get("url"), "title": r.get("title")}
    return rec
