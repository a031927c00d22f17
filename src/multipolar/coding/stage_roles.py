"""Stages `senses` and `roles`: is the trigger used in its event sense, and who acts on whom.

The parse's roles come from roles.py; the rules here fill the gaps the parse leaves (a speaker's demand, a
pronoun, comrades in arms, the one state in view, armed men of a place) and drop what is no event.
"""
from __future__ import annotations

from spacy.tokens import Token

from multipolar.coding import clauses
from multipolar.coding.candidate import Candidate, rule
from multipolar.coding.context import Context
from multipolar.coding.detect import DEMAND
from multipolar.coding.features import mention_spans
from multipolar.coding.mentions import Mentions
from multipolar.coding.roles import REPORT_VERBS, noun_roles, roles, subject_of
from multipolar.model import ActorRef

LEARNED_ACTORS_SURE = 0.3      # detector probability above which a lexicon trigger may take the role model's actors
EARLIER_SURE = 0.5             # detector probability above which the sentences before may give the actor


@rule("senses")
def other_sense(c: Candidate) -> bool:
    """"London sanctioned Gomm's efforts", "to allow for faster drives": another sense of the word."""
    return clauses.other_sense(c.verb, c.mentions) and c.drop()


@rule("senses")
def reduced_relative(c: Candidate) -> bool:
    """"five Americans detained in Iran were released": the detention is a state, not news."""
    v = c.verb
    return v.dep_ == "acl" and v.tag_ == "VBN" and not any(ch.dep_ == "agent" for ch in v.children) and c.drop()


@rule("roles")
def step_parse_roles(c: Candidate) -> None:
    c.r = noun_roles(c.verb, c.mentions, c.trig.event) if c.verb.pos_ == "NOUN" else roles(c.verb, c.trig, c.mentions)
    c.parse_actor = frozenset(c.actor_codes)


@rule("roles")
def speaker_demand(c: Candidate) -> bool:
    """"Russia said Sudan must return ...": the demand is on the subject of the obligation; "travellers must
    self-isolate" is advice, not a demand on a state."""
    if c.trig is not DEMAND:
        return False
    comp = next(ch for ch in c.verb.children if ch.dep_ == "ccomp")
    subj, _ = subject_of(comp)
    c.r.recipient = c.mentions.actors_of(subj) if subj is not None else []
    return True if c.r.recipient else c.drop()


@rule("roles")
def object_pronoun(c: Candidate) -> bool:
    if c.verb.pos_ == "NOUN" or c.r.recipient:
        return False
    c.r.recipient = _object_pronoun(c.verb, c.r.actor, c.mentions, c.ctx, c.offset)
    return bool(c.r.recipient)


@rule("roles")
def alongside(c: Candidate) -> bool:
    """"North Korean soldiers are fighting alongside Russian troops": comrades in arms act together."""
    r, before = c.r, len(c.r.actor)
    r.actor += [x for p in c.verb.children if p.dep_ == "prep" and p.lower_ == "alongside"
                for g in p.children if g.dep_ == "pobj" for x in c.mentions.actors_of(g)
                if x.code not in {a.code for a in r.actor}] if r.actor else []
    return len(r.actor) > before


@rule("roles")
def step_claim_source(c: Candidate) -> None:
    """The reporting verb above the trigger and who reports ("Beijing said Washington had ...")."""
    c.explicit = bool(c.r.actor)
    c.reporter = reporting_head(c.verb)
    if c.reporter is not None:
        rs, _ = subject_of(c.reporter)
        c.claim_source = c.mentions.actors_of(rs) if rs is not None else []


@rule("roles")
def state_in_view(c: Candidate) -> bool:
    """"Thousands of protesters rallied in Tbilisi", "Police detained ...": the one state in view."""
    r = c.r
    if r.actor or r.subject is None or c.trig.event not in clauses.DOMESTIC or not clauses.local_people(r.subject):
        return False
    r.actor = clauses.only_state_in_view(c.sent, c.verb, c.mentions, r.actor_tokens)
    return bool(r.actor)


@rule("roles")
def armed_locals(c: Candidate) -> bool:
    """"Rebels attacked a convoy in northern Mali": armed men of the place where they struck."""
    r = c.r
    if r.actor or r.subject is None or c.trig.event != "ASSAULT" or not clauses.armed_locals(r.subject):
        return False
    r.actor = clauses.armed_group_of_place(c.sent, c.verb, r.subject, c.mentions, r.actor_tokens, c.coder.roster)
    c.armed_local = bool(r.actor)
    return c.armed_local


@rule("roles")
def pronoun_actor(c: Candidate) -> bool:
    """"Syria says it is willing ...": a pronoun in a reported clause is the speaker; else coreference."""
    r = c.r
    if r.actor or r.subject is None or not c.mentions.is_pronoun_like(r.subject):
        return False
    pron = r.subject.lower_
    speaker_is_it = pron in ("it", "they") or (
        pron in ("he", "she") and all(a.kind == "leader" for a in c.claim_source))  # "Putin said he ..."
    r.actor = c.claim_source[:] if c.claim_source and speaker_is_it \
        else c.ctx.resolve(pron, r.subject, c.offset,
                           [ref for i, (_, _, ref) in sorted(c.mentions.by_token.items()) if i < r.subject.i])
    return bool(r.actor)


@rule("roles")
def left_behind(c: Candidate) -> bool:
    """"leaving just 100 troops to follow them": those troops stay."""
    return c.trig.event == "RETREAT" and clauses.left_behind(c.verb) and c.drop()


@rule("roles")
def observers_withdrawn(c: Candidate) -> bool:
    """"UN peacekeepers were pulled out of Bunia": whoever owns the observers withdrew them; the observers
    moved are not the target."""
    r, verb = c.r, c.verb
    c.observers = c.trig.event == "RETREAT" and c.trig.mode == "withdraw" and clauses.observers_leave(verb, r.subject)
    moved = next((ch for ch in verb.children if ch.dep_ == "nsubjpass"), None) if c.observers else None
    if moved is None:
        return False
    r.actor = r.actor or c.mentions.actors_of(moved)
    r.recipient = [x for x in r.recipient if x.code not in c.actor_codes]
    return True


@rule("roles")
def forces_sent(c: Candidate) -> bool:
    """"North Korean troops could be sent to fight for Russia": whoever owns the troops sends them (corpus train
    split: in the agentless passives of deployments the troops' state is the annotated actor 8 times of 8), and is
    not their recipient. An AGREE too: the detector types a promised or possible sending so ("will be sent")."""
    r = c.r
    if r.actor or c.trig.event not in ("AID", "MOBILIZE", "AGREE"):
        return False
    moved = clauses.forces_moved(c.verb, c.coder.roster)
    r.actor = c.mentions.actors_of(moved) if moved is not None else []
    r.recipient = [x for x in r.recipient if x.code not in c.actor_codes]
    return bool(r.actor)


def _learned(c: Candidate) -> bool:
    """Does the detector's role side apply: a detector, a coder not in rules mode, and no actor yet?"""
    return c.coder.detector is not None and c.coder.mode != "rules" and not c.r.actor


@rule("roles")
def role_model_actor(c: Candidate) -> bool:
    """No actor from the parse: the role model's (never a patron), for a trigger the detector made (above the add
    threshold, or told by the sentence-type head at any token probability) or is sure of (LEARNED_ACTORS_SURE)."""
    if not _learned(c) or (c.verb.i not in c.coder._learned_ids
                           and c.coder._event_prob.get(c.verb.i, 0.0) < LEARNED_ACTORS_SURE):
        return False
    c.r.actor = c.coder.detector.learned_actors(c.verb, c.trig.event, c.mentions.by_token)
    return bool(c.r.actor)


@rule("roles")
def earlier_actor(c: Candidate) -> bool:
    """Still no actor, for a trigger the detector gives at least EARLIER_SURE: one named in the sentences before
    (`Detector.earlier_actor`: the role encoder reading the sentence before with this one)."""
    if not _learned(c) or c.coder._event_prob.get(c.verb.i, 0.0) < EARLIER_SURE:
        return False
    c.r.actor = c.coder.detector.earlier_actor(c.verb, c.trig.event, c.ctx, mention_spans(c.mentions.by_token))
    return bool(c.r.actor)


@rule("roles")
def no_actor(c: Candidate) -> bool:
    return not c.r.actor and c.drop()


@rule("roles")
def warning_no_threat(c: Candidate) -> bool:
    """"warned that jobs are at risk" is a statement, not a threat."""
    return c.verb.lemma_.lower() == "warn" and c.trig.event == "THREATEN" and not clauses.threat_like(c.verb) \
        and c.drop()


@rule("roles")
def military_only(c: Candidate) -> bool:
    """"troops left Kabul" is a withdrawal; "the minister left" is not."""
    return c.trig.role == "military" and not any(a.sector == "MIL" for a in c.r.actor) and not c.observers \
        and c.drop()


def reporting_head(verb: Token) -> Token | None:
    """The reporting verb above a trigger ("Beijing said Washington had ..."), if any."""
    t = verb
    for _ in range(4):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in REPORT_VERBS:
            return t.head
        # "said it is ready to resume talks": climb resume -> ready (xcomp) -> is (acomp)
        if t.dep_ in ("conj", "xcomp", "acomp") and t.head.i != t.i:
            t = t.head
            continue
        return None
    return None


def _object_pronoun(verb: Token, actor: list[ActorRef], mentions: Mentions, ctx: Context,
                    offset: int) -> list[ActorRef]:
    """'spoke with Putin ... and urged him to withdraw': him/her as object is the last leader named before
    it who is not the actor (in the sentence, else in the last two sentences)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.lower_ not in ("him", "her"):
        return []
    acting = {a.code for a in actor}
    here = [ref for i, (_, _, ref) in sorted(mentions.by_token.items())
            if i < obj.i and ref.kind == "leader" and ref.code not in acting]
    before = [x for x in ctx._recent(offset, ctx.NEAR, True) if x.code not in acting]
    return (here or before)[-1:]
