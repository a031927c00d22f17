"""One event per happening per document: a visit told by "arrived" and again by "met" is one event.

Two events of one article are the same happening when type, actor codes, recipient codes and modality agree
(the key the store uses to link tellings across articles). The first telling stays; the others are kept as its
further sources (sentence spans), so nothing is lost from the record.
"""
from __future__ import annotations

from dataclasses import replace

from multipolar.model import Event


def key(ev: Event) -> str:
    actors = ",".join(sorted({a.code for a in ev.actor}))
    recipients = ",".join(sorted({a.code for a in ev.recipient}))
    return f"{ev.event}|{actors}>{recipients}|{ev.modality}"


def merge(events: list[Event]) -> list[Event]:
    first: dict[str, int] = {}
    out: list[Event] = []
    for ev in events:
        k = key(ev)
        if k not in first:
            first[k] = len(out)
            out.append(ev)
            continue
        i = first[k]
        kept = out[i]
        out[i] = replace(kept, sources=kept.sources + (ev.span,),
                         date=kept.date or ev.date, date_precision=kept.date_precision or ev.date_precision,
                         location=kept.location or ev.location)
    return out

