"""Stages `modality` and `compose`: how the event is told (asserted, future, hypothetical, negated, reported)
and what that makes of it. PLOVER: a promise of future cooperation is AGREE, of future conflict THREATEN;
only the actor itself promises or threatens ("Israel would strike Iran, analysts said" is a forecast). Then the
rules that read the finished type: phone calls, joint drills, protests by citizens or governments, bans."""
from __future__ import annotations

from spacy.tokens import Span, Token

from multipolar.coding import clauses, triggers
from multipolar.coding.candidate import Candidate, rule
from multipolar.coding.modality import modality
from multipolar.coding.roles import subject_of
from multipolar.model import ActorRef

# SANCTION mode -> THREATEN mode (PLOVER's THREATEN table: what is threatened)
_THREAT_MODE = {"withdraw": "relations", "cancel": "relations", "sever": "relations", "expel": "expel",
                "convict": "arrest"}
_UNLESS = ("unless",)
_IF_OR_UNLESS = ("if", "unless")


@rule("modality")
def step_modality(c: Candidate) -> None:
    c.mod = modality(c.verb, c.sent.text, reporting_past=c.reporter is not None)
    carrier = _carrying_verb(c.verb) if c.verb.pos_ == "NOUN" and c.mod == "asserted" else None
    if carrier is not None:
        # an event noun is as sure as the verb that carries it: "will raise it in a phone call next week"
        c.mod = modality(carrier, c.sent.text, reporting_past=c.reporter is not None)


def _carrying_verb(noun):
    """The verb a noun phrase hangs from, through its preposition ("in a phone call" -> "raise")."""
    cur = noun
    for _ in range(3):
        if cur.dep_ not in ("pobj", "prep", "dobj", "conj", "compound") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


@rule("modality")
def obligation_reported(c: Candidate) -> bool:
    """"Russia said Sudan must return the helicopter": the speaker demands it."""
    if c.reporter is None or not c.claim_source or not any(
            ch.dep_ == "aux" and ch.lower_ in clauses.OBLIGATION for ch in c.verb.children):
        return False
    c.event, c.mode, c.r.recipient, c.r.actor, c.mod = "REQUEST", None, c.r.actor, c.claim_source, "asserted"
    c.claim_source = []
    return True


@rule("modality")
def forecast(c: Candidate) -> bool:
    """Someone else's forecast ("..., analysts said"), or a claim about the actor ("Beijing said Washington had
    sent warships": China's claim, `reported`). A member state's minister speaks for its bloc."""
    speakers = {s.code for s in c.claim_source}
    c.foretold = c.reporter is not None and bool(
        (c.claim_source and not speakers <= c.actor_codes | members(c.coder.roster, c.r.actor))
        or clauses.forecaster(subject_of(c.reporter)[0]))
    if c.foretold and c.mod == "asserted" and c.claim_source and not speakers & c.actor_codes:
        c.mod = "reported"
        return True
    return False


@rule("modality")
def hypothetical_act(c: Candidate) -> bool:
    """"troops could be sent to fight for Russia": a possible act keeps its own type, `hypothetical` (annotation.md).
    The detector, which learned that a promised act is AGREE ("will send aid"), can read a modal material verb as one;
    the lexicon's type at the verb stands where it names a material act."""
    if c.event != "AGREE" or c.mod != "hypothetical":
        return False
    own = triggers.match(c.verb, c.coder.lexicon)
    return own is not None and (own.event in clauses.COOPERATIVE_MATERIAL or own.event in clauses.MATERIAL_CONFLICT) \
        and c.retype(own.event, own.mode, own.context)


@rule("modality")
def unless_threat(c: Candidate) -> bool:
    """"will withdraw ... unless": a conditional threat."""
    return not c.foretold and c.mod == "future" and clauses.conditional(c.verb, _UNLESS) and _threat(c, None)


@rule("modality")
def conditional_threat(c: Candidate) -> bool:
    """"could cut gas supplies if Chisinau refuses to pay": a conditional sanction is a threat."""
    return not c.foretold and c.mod in ("future", "hypothetical") and c.event in clauses.MATERIAL_CONFLICT \
        and clauses.conditional(c.verb, _IF_OR_UNLESS) and _threat(c, threat_mode(c.event, c.mode))


@rule("modality")
def future_cooperation(c: Candidate) -> bool:
    """"will send aid" is the actor's promise: AGREE, asserted. So is an agreement the actor tells as its own future
    act, whichever model typed it ("will sign a treaty"; train split: 28 of 29 AGREE events under "will" asserted)."""
    if c.foretold or c.mod != "future" or c.event not in clauses.COOPERATIVE_MATERIAL and c.event != "AGREE":
        return False
    c.mode = c.mode if c.event == "AGREE" else None
    c.event, c.mod = "AGREE", "asserted"
    return True


@rule("modality")
def future_violence(c: Candidate) -> bool:
    return not c.foretold and c.mod == "future" and c.event in clauses.VIOLENT and _threat(c, None)


@rule("modality")
def future_sanction(c: Candidate) -> bool:
    """"said they would boycott all contact", "will withdraw inspectors": a statement of intent to cut ties is
    a threat; a measure with its date ("tariffs from April 10") is a scheduled sanction."""
    return not c.foretold and c.mod == "future" and c.event == "SANCTION" and not _dated(c.sent, c.verb) \
        and _threat(c, threat_mode(c.event, c.mode))


@rule("modality")
def rules_out(c: Candidate) -> bool:
    """"refused to rule out force", "did not rule out": a threat, not a rejection ("did not rule out
    cooperation" is a possible agreement)."""
    verb = c.verb
    if c.event != "REJECT" or not (clauses.rules_out(verb) and c.mod == "negated" or
                                   any(ch.dep_ == "xcomp" and clauses.rules_out(ch) for ch in verb.children)):
        return False
    if any(t.lemma_.lower() in clauses.COOPERATION_WORDS for t in verb.subtree):
        c.event, c.mode, c.mod = "AGREE", None, "hypothetical"
    else:
        c.event, c.mode, c.mod = "THREATEN", None, "asserted"
    return True


@rule("modality")
def vowed_not(c: Candidate) -> bool:
    """"vowed not to return the Golan Heights": a promise to withhold cooperation rejects it ("pledged not to
    attack" stays a cooperative promise)."""
    comp = _negated_complement(c)
    inner = triggers.match(comp, c.coder.lexicon) if comp is not None else None
    return inner is not None and (inner.event in clauses.COOPERATIVE_MATERIAL or inner.event in ("AGREE", "CONSULT")) \
        and c.retype("REJECT", None)


@rule("modality")
def vowed_conflict(c: Candidate) -> bool:
    """"vowed to retaliate against Israel", "vowed to reclaim the Essequibo": a promise of conflict."""
    return c.event == "AGREE" and c.trig.event == "AGREE" and _negated_complement(c) is None \
        and clauses.promises_conflict(c.verb, c.coder.lexicon) and c.retype("THREATEN", None)


@rule("compose")
def by_phone(c: Candidate) -> bool:
    """"discussed the border situation by phone"."""
    if c.event != "CONSULT" or c.mode is not None or not clauses.by_phone(c.verb):
        return False
    c.mode = "phone"
    return True


@rule("compose")
def military_exercise(c: Candidate) -> bool:
    """Drills are MOBILIZE; joint drills COOPERATE, with those drilling 'with' the actor ('over the Sea of
    Japan' is only a place)."""
    verb, r = c.verb, c.r
    if c.trig.role != "exercise" or not (len(r.actor) > 1 or any(ch.lower_ in ("joint", "combined")
                                                                 for ch in verb.subtree)):
        return False
    c.event, c.mode = "COOPERATE", None
    partners = [x for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "with"
                for g in p.children if g.dep_ == "pobj" for x in c.mentions.actors_of(g)]
    r.actor, r.recipient = r.actor + [x for x in partners if x.code not in c.actor_codes], []
    return True


@rule("compose")
def citizens_protest(c: Candidate) -> bool:
    """The same verb is a street protest for citizens and a diplomatic act for governments."""
    return c.event == "ACCUSE" and c.verb.lemma_.lower() == "protest" and not clauses.governmental(c.r.actor) \
        and c.retype("PROTEST", "demo", ())


@rule("compose")
def forces_storm(c: Candidate) -> bool:
    """"commandos stormed the compound" is an assault, not a riot."""
    return c.event == "PROTEST" and c.mode == "riot" and any(a.sector in ("MIL", "COP") for a in c.r.actor) \
        and c.retype("ASSAULT", None, ("military",))


@rule("compose")
def government_blocks(c: Candidate) -> bool:
    """A government that blocks or boycotts rejects."""
    return c.event == "PROTEST" and c.mode in ("obstruct", "boycott") and clauses.governmental(c.r.actor) \
        and c.retype("REJECT", None, ("diplomatic",))


@rule("compose")
def ban_at_home(c: Candidate) -> bool:
    """Banning the opposition at home is COERCE ban, not a sanction."""
    return c.event == "SANCTION" and clauses.has_domestic_target(c.verb) and \
        all(x.code in c.actor_codes for x in c.r.recipient) and c.retype("COERCE", "ban", ("human_rights",))


def _threat(c: Candidate, mode: str | None) -> bool:
    c.event, c.mode, c.mod = "THREATEN", mode, "asserted"
    return True


def _negated_complement(c: Candidate) -> Token | None:
    if c.event != "AGREE" or c.trig.event != "AGREE":
        return None
    return next((ch for ch in c.verb.children if ch.dep_ == "xcomp" and any(n.dep_ == "neg" for n in ch.children)),
                None)


def threat_mode(event: str, mode: str | None) -> str:
    """The THREATEN mode (PLOVER's table: what is threatened) of a threatened act."""
    if event == "ASSAULT":
        return "violence"
    if event == "COERCE" and mode in ("ban", "arrest", "restrict"):
        return mode
    return _THREAT_MODE.get(mode, "restrict")


def members(roster, actors: list[ActorRef]) -> set[str]:
    """Member states of the blocs and organisations among `actors`: a member's minister speaks for the
    bloc ("The EC may halt mediation ..., the Dutch foreign minister said" is the EC's threat)."""
    out: set[str] = set()
    for a in actors:
        if a.kind in ("igo", "bloc"):
            try:
                out |= set(roster.igo(a.code)["members"])
            except KeyError:
                pass
    return out


def _dated(sent: Span, verb: Token) -> bool:
    """Does the clause carry its own date ("from April 10", "on Friday")?"""
    inside = {t.i for t in verb.subtree}
    return any(ent.label_ in ("DATE", "TIME") and ent.root.i in inside for ent in sent.ents)
