"""The article's topic state as the recipient of an aimless act.

"The African Union condemned the coup" in an article about Mali is aimed at Mali; "a car bomb killed six in
Baghdad" is Iraq's violence on Iraq (the PLOVER records and our annotation code unnamed attackers that way).
An event that is not a joint act, has one actor (two sides fighting each other name no third party) and names no
recipient takes, in order: the target of the same actor's other act in the same sentence, the country of its
place, the state the article names most often (other than the actor; every mention of a parsed sentence counts,
not only the parties of coded events), or, for acts that can be domestic (protest,
coercion, accusation), the actor's own state. Mobilisation
stays unaimed. The type sets are in coding/data/words.tsv.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from multipolar.coding import words
from multipolar.model import ActorRef, Event

UNTARGETED = words.of("topic_untargeted")     # joint acts and mobilisation take no topic recipient
HOME_ACTS = words.of("topic_home_acts")       # may be done at home (unaimed attacks get their place)
_STATE_KINDS = ("state", "leader")


def _states(refs) -> list[str]:
    return [a.code for a in refs if a.kind in _STATE_KINDS and len(a.code) == 3]


def topic_counts(events: list[Event]) -> Counter:
    c: Counter = Counter()
    for e in events:
        c.update(_states(e.actor + e.recipient))
        if e.location and e.location.country:
            c[e.location.country] += 1
    return c


def _same_sentence_target(e: Event, events: list[Event]) -> tuple | None:
    """The recipient of another act by the same actor in the same sentence ("condemned the arrest in Turkey and
    called for his release": the call is on Turkey too)."""
    acting = {a.code for a in e.actor}
    return next((o.recipient for o in events if o is not e and o.span == e.span and o.recipient
                 and {a.code for a in o.actor} == acting and not acting & {r.code for r in o.recipient}), None)


def fill_recipients(events: list[Event], mentioned: Iterable[tuple[int, ActorRef]] = ()) -> list[Event]:
    """`mentioned`: (character offset, actor) for the actors named in the article's parsed sentences. They count
    toward the topic beside the coded events' parties, except those of the event's own sentence, whose mentions
    the recipient rules have already declined (a speaker, the owner of a border)."""
    mentioned = list(mentioned)
    article = topic_counts(events)
    article.update(_states(r for _, r in mentioned))
    out = []
    for e in events:
        if e.recipient or e.event in UNTARGETED or len({a.code for a in e.actor}) != 1:
            out.append(e)
            continue
        acting = {a.code for a in e.actor}
        pick = None
        told_with = _same_sentence_target(e, events)
        if told_with is not None:
            out.append(replace(e, recipient=told_with, features=e.features + (("sentence_recipient", 1.0),)))
            continue
        if e.location and e.location.country:
            pick = e.location.country
        else:
            counts = article - Counter(_states(r for at, r in mentioned if e.span[0] <= at < e.span[1]))
            pick = next((code for code, _ in counts.most_common() if code not in acting), None)
            if pick is None and e.event in HOME_ACTS:
                pick = next(iter(_states(e.actor)), None)
        if pick is None:
            out.append(e)
            continue
        guess = ActorRef(code=pick, text="", name=pick, sector="", kind="state")
        out.append(replace(e, recipient=(guess,), features=e.features + (("topic_recipient", 1.0),)))
    return out
