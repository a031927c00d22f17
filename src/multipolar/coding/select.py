"""Select: the events a sentence yields. The meeting an act's setting implies, and one event per clause."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from multipolar import ontology
from multipolar.coding import clauses, words
from multipolar.coding.mentions import Mentions
from multipolar.coding.roles import time_gerund
from multipolar.model import Event

_CLAUSE_DEPS = words.of("own_clause_deps")


def meeting_in_setting(verb: Token, ev: Event, mentions: Mentions) -> Event | None:
    """The CONSULT implied by where an act took place: 'congratulated Trump in a phone call' (with the
    act's recipient), 'praised the plan during talks with Xi' (with the partner named after 'with')."""
    if ev.event == "CONSULT" or ev.modality != "asserted":
        return None
    found = clauses.meeting_setting(verb)
    if found is None:
        return None
    noun, mode, partner = found
    ev = replace(ev, features=ev.features + (("rule:meeting_in_setting", 1.0),))
    actors = {a.code for a in ev.actor}
    if partner is None and len(actors) > 1 and not ev.recipient:
        # "Putin and Xi pledged a partnership during a meeting in Beijing": the pair met
        return replace(ev, event="CONSULT", mode=mode, context=("diplomatic",),
                       cameo=ontology.plover_to_cameo("CONSULT", mode, ("diplomatic",)),
                       intensity=ontology.score("CONSULT", mode), trigger=noun.text)
    if partner is None and not dict(ev.features).get("syntactic_recipient"):
        return None                      # "During the meeting, Blinken asked ...": with whom is not said
    others = [a for a in (mentions.actors_of(partner) if partner is not None else ev.recipient)
              if a.code not in actors]
    if not others:
        return None
    return replace(ev, event="CONSULT", mode=mode, context=("diplomatic",), recipient=tuple(others),
                   cameo=ontology.plover_to_cameo("CONSULT", mode, ("diplomatic",)),
                   intensity=ontology.score("CONSULT", mode), trigger=noun.text)


def depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "aux"):
            d += 1
        tok = tok.head
    return d


def own_clause(verb: Token) -> bool:
    """A clause with its own named subject tells its own story ("Belarus freed prisoners hours after
    Kellogg met Lukashenko"); a deeper trigger without one is a detail of the main event."""
    if time_gerund(verb):
        return True                     # "arrived a day after signing a treaty": the signing is news too
    if verb.dep_ not in _CLAUSE_DEPS or clauses.historical(verb):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.pos_ in ("PROPN", "NOUN") or verb.dep_ == "relcl")


def select(cands: list[tuple[Token, Event]]) -> list[Event]:
    """One story, one event per clause: keep the highest triggers and their coordinated verbs."""
    if not cands:
        return []
    top = min(depth(v) for v, _ in cands)
    kept, seen = [], set()
    for v, ev in cands:
        if depth(v) > top and not own_clause(v):
            continue
        key = (ev.event, tuple(a.code for a in ev.actor), tuple(a.code for a in ev.recipient))
        if key in seen:
            continue
        seen.add(key)
        kept.append(ev)
    # "would prohibit aid to the rebels and would deny entry to ...": the same act by the same actor
    # without a recipient adds nothing to the one with a recipient
    targeted = {(ev.event, tuple(a.code for a in ev.actor)) for ev in kept if ev.recipient}
    return [ev for ev in kept if ev.recipient or (ev.event, tuple(a.code for a in ev.actor)) not in targeted]
