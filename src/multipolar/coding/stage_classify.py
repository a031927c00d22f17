"""Stage `classify`: the event's type, mode and context, from the trigger's row and what the clause says
about its parties (deliveries, guests and hosts, observers, training, help)."""
from __future__ import annotations

from spacy.tokens import Token

from multipolar.coding import clauses, triggers
from multipolar.coding.candidate import Candidate, rule
from multipolar.coding.mentions import QUANTITIES


@rule("classify")
def step_trigger_type(c: Candidate) -> None:
    c.event, c.mode, c.context = c.trig.event, c.trig.mode, c.trig.context


@rule("classify")
def sexual_assault(c: Candidate) -> bool:
    return c.event == "ASSAULT" and any(ch.dep_ == "advmod" and ch.lower_ == "sexually" for ch in c.verb.children) \
        and c.retype("ASSAULT", "sexual")


@rule("classify")
def test_fire(c: Candidate) -> bool:
    """"test-fired a missile" is a show of force."""
    return c.event == "ASSAULT" and clauses.test_fire(c.verb) and c.retype("MOBILIZE", "weapons")


@rule("classify")
def delivery(c: Candidate) -> bool:
    """"tanks arrived in Ukraine", "Kenyan police officers arrived in Haiti" is a delivery."""
    return c.trig.role == "place" and all(a.sector == "MIL" or a.sector == "COP" and _forces(c.r.subject)
                                          for a in c.r.actor) and c.retype("AID", None, ("military",))


@rule("classify")
def host_guest(c: Candidate) -> bool:
    """"Putin hosted Modi for talks": a named guest makes it a visit, not talks between others."""
    verb, r = c.verb, c.r
    guest = triggers.direct_object(verb) if verb.lemma_.lower() == "host" and c.mode == "third-party" else None
    if guest is None or guest.i not in c.mentions.by_token:      # the object names a guest, not the talks
        return False
    hosts = c.actor_codes
    c.mode, r.actor, r.recipient = "visit", [x for x in r.recipient if x.code not in hosts], r.actor
    return True if r.actor else c.drop()


@rule("classify")
def host_receives_forces(c: Candidate) -> bool:
    """"Haiti received 400 Kenyan police officers" is AID to Haiti."""
    return c.trig.role == "host" and clauses.receives_forces(c.verb, c.coder.roster) \
        and c.retype("AID", None, ("military",))


@rule("classify")
def host_receives_observers(c: Candidate) -> bool:
    """"received a mission of observers from the OSCE": the host lets them in (CAMEO 0862)."""
    if c.trig.role != "host" or clauses.receives_forces(c.verb, c.coder.roster) \
            or not clauses.receives_observers(c.verb):
        return False
    c.r.actor, c.r.recipient = c.r.recipient, c.r.actor
    return c.retype("RETREAT", "access", ("diplomatic",))


@rule("classify")
def observers_leave(c: Candidate) -> bool:
    """PLOVER: ending a peacekeeping presence is SANCTION (withdraw)."""
    if not c.observers:
        return False
    c.event, c.context = "SANCTION", ("diplomatic",)
    return True


@rule("classify")
def training_soldiers(c: Candidate) -> bool:
    """"Britain trained 30,000 Ukrainian soldiers": help to Ukraine."""
    if c.event != "MOBILIZE" or c.verb.lemma_.lower() != "train":
        return False
    trainees = [x for o in c.verb.children if o.dep_ == "dobj" for x in c.mentions.actors_of(o)
                if x.code not in c.actor_codes]
    if not trainees:
        return False
    c.r.recipient = trainees
    return c.retype("AID", None, ("military",))


@rule("classify")
def sent_to_help(c: Candidate) -> bool:
    """"deployed soldiers to Mozambique to help Maputo" is AID."""
    return c.event == "MOBILIZE" and clauses.sent_to_help(c.verb) and bool(c.r.recipient) and \
        not {x.code for x in c.r.recipient} & c.actor_codes and c.retype("AID", None, ("military",))


def _forces(subject: Token | None) -> bool:
    """'Kenyan police officers', 'a contingent of police': a body of men, not one official ('the police chief')."""
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or subject.lemma_.lower() in QUANTITIES
                                    or subject.lemma_.lower() == "police")
