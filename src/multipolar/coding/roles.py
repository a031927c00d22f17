"""Who did what to whom: actor and recipient of a trigger, read from the dependency parse.

Handles active and passive voice, coordinated subjects and objects, subjects inherited through
control verbs, conjoined verbs and relative clauses, and the visitor/host convention.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from multipolar.coding import words
from multipolar.coding.lexicon import Trigger
from multipolar.coding.mentions import Mentions, relational
from multipolar.coding.triggers import direct_object
from multipolar.model import ActorRef

REPORT_VERBS = words.of("report_verbs")
# verbs whose object is the subject of their infinitive: "urged Iran to stop"
OBJECT_CONTROL = words.of("object_control")
# "in"/"at" name places, not recipients: "met Putin in Tehran" (places.py reads them)
_COMPLAINT_PREPS = words.of("complaint_preps")
_RECIPIENT_PREPS = words.of("recipient_preps")


@dataclass
class Roles:
    actor: list[ActorRef]
    recipient: list[ActorRef]
    actor_tokens: set[int]
    subject: Token | None           # the grammatical subject token (for coreference)
    explicit_actor: bool = True


AGENT_NOUNS = words.of("agent_nouns")
STATEMENT_NOUNS = words.of("statement_nouns")
GATHERING_NOUNS = words.of("gathering_nouns")
STATIVE_PASSIVE = words.of("stative_passive")
_ADJ_CONTROL_DEPS = ("acomp", "amod", "attr")


_TIME_PREPS = words.of("time_preps")


def time_gerund(verb: Token) -> bool:
    """"after signing a treaty", "while visiting Hanoi": a gerund under a preposition of time, whose doer is the
    subject of the clause it dates, and which tells a happening of its own."""
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and verb.head.lower_ in _TIME_PREPS


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of a verb, following control verbs, conjunctions and relative clauses."""
    t = verb
    inherited = False
    for _ in range(5):
        wrong = misparsed_object(t)
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj") and (wrong is None or c.i != wrong.i):
                if c.tag_ in ("WDT", "WP") and t.dep_ == "relcl" and t.head.i != t.i:
                    return t.head, False        # "Serbia, which has refused ...": the antecedent acts
                return c, False
        for c in t.children:
            if c.dep_ == "nsubjpass":
                # a conjoined active verb shares the passive verb's subject as its own actor
                if inherited and not any(a.dep_ == "auxpass" for a in verb.children):
                    return c, False
                if t.lemma_.lower() in STATIVE_PASSIVE:
                    return c, False             # "Israel is opposed to ..."
                agent = next((a for a in c.head.children if a.dep_ == "agent"), None)
                if agent is not None:
                    pobj = next((p for p in agent.children if p.dep_ == "pobj"), None)
                    return pobj, True
                # "was killed in a US drone strike": the attack noun names the agent
                for prep in c.head.children:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "by", "with"):   # "hit with US sanctions"
                        for g in prep.children:
                            if g.dep_ == "pobj" and g.lemma_.lower() in AGENT_NOUNS:
                                return g, True
                return None, True
        if t.dep_ == "acl" and t.head.lemma_.lower() in STATEMENT_NOUNS and t.head.dep_ == "dobj":
            t = t.head.head             # "issued a statement condemning ...": the issuer condemns
            inherited = True
            continue
        if t.dep_ in ("acl", "relcl") and t.head.lemma_.lower() in GATHERING_NOUNS and t.head.dep_ == "pobj" \
                and t.head.head.dep_ == "prep":
            t = t.head.head.head        # "converged for a rally in Lagos to protest ...": the crowd protests
            inherited = True
            continue
        if t.dep_ in ("relcl", "acl") and t.head.i != t.i:
            return t.head, False
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in OBJECT_CONTROL:
            obj = direct_object(t.head)
            if obj is not None:
                return obj, False
        if time_gerund(t):
            h = t.head.head                 # "arrived a day after signing ...": the arrival's subject signed
            while h.pos_ not in ("VERB", "AUX") and h.dep_ in ("npadvmod", "prep") and h.head.i != h.i:
                h = h.head
            if h.pos_ in ("VERB", "AUX"):
                t, inherited = h, True
                continue
        if t.dep_ in ("xcomp", "conj", "advcl") and t.head.i != t.i:
            t = t.head
            inherited = True
            # "is willing/ready to withdraw": climb from the adjective to its verb
            if t.dep_ in _ADJ_CONTROL_DEPS and t.pos_ == "ADJ":
                t = t.head
            continue
        break
    return None, False


def misparsed_object(verb: Token) -> Token | None:
    """"He held talks with Modi, and later met Iranian President Pezeshkian": the small parser often makes
    the object of a conjoined verb its subject; a subject after its conjoined verb, with no object, is one."""
    if verb.dep_ != "conj" or any(c.dep_ in ("dobj", "attr", "nsubjpass") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)


def _recipient_tokens(verb: Token, trig: Trigger, subject: Token | None) -> list[Token]:
    out = []
    obj = direct_object(verb) or misparsed_object(verb)
    passive_subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive_subj is not None:
        out.append(passive_subj)
    elif obj is not None:
        out.append(obj)
    out += [c for c in verb.children if c.dep_ in ("dative", "iobj")]
    for p in list(verb.children) + ([obj] if obj is not None else []):
        if p is None:
            continue
        preps = [p] if p.dep_ == "prep" else [c for c in p.children if c.dep_ == "prep"] if obj is not None and p.i == obj.i else []
        for prep in preps:
            if prep.lower_ in _RECIPIENT_PREPS and not _with_help(prep):
                out += [g for g in prep.children if g.dep_ == "pobj"]
    # "urged Iran to withdraw": the object of the control verb
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
        pass
    return [t for t in out if subject is None or t.i != subject.i]


OF_PATIENT = words.of("of_patient")


def of_is_target(noun: Token, event: str | None) -> bool:
    """Does the 'of' phrase of an event noun name its target? For acts done to someone (`of_patient`) unless
    another phrase names the target: "the offensive of Russia against Ukraine"."""
    return event in OF_PATIENT and noun.pos_ == "NOUN" and not any(
        p.dep_ == "prep" and p.lower_ in ("against", "on", "over") for p in noun.children)


def noun_roles(noun: Token, mentions: Mentions, event: str | None = None) -> Roles:
    """Parties of an event noun: its modifiers act ("Palestinian riots"), its against/with/on objects receive;
    "between X and Y" names all parties. For acts done to someone (`of_patient`) the 'of' phrase names the
    target: "the killing of a Russian general" names no killer."""
    recipient: list[ActorRef] = []
    actor = mentions.actors_of(noun)
    if of_is_target(noun, event):
        targets = [r for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                   for g in p.children if g.dep_ == "pobj" for r in mentions.actors_of(g)]
        if targets and {a.code for a in actor} <= {t.code for t in targets}:
            actor, recipient = [], targets
    for prep in list(noun.children) + list(noun.head.children):      # "fighting broke out between X and Y"
        if prep.dep_ != "prep":
            continue
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "between":
            actor = [r for g in objs for r in mentions.actors_of(g)]
        elif prep.lower_ == "by" and prep.head.i == noun.i and not actor:
            actor = [r for g in objs for r in mentions.actors_of(g)]      # "a rocket attack by Hamas"
        elif prep.lower_ in ("against", "with", "on", "over"):
            recipient += [r for g in objs for r in mentions.actors_of(g) if r.code not in {a.code for a in actor}]
    return Roles(actor, recipient, {noun.i}, noun)


def roles(verb: Token, trig: Trigger, mentions: Mentions) -> Roles:
    subject, passive = subject_of(verb)
    actor = mentions.actors_of(subject) if subject is not None else []
    actor_tokens = {subject.i} if subject is not None else set()
    recipient: list[ActorRef] = []
    for tok in _recipient_tokens(verb, trig, subject):
        for ref in mentions.actors_of(tok):
            if all(ref.code != r.code for r in recipient):
                recipient.append(ref)
                actor_tokens.add(tok.i)
    if trig.event == "ACCUSE":
        # "complained to the UN about Israeli air strikes": the UN hears the complaint, Israel is its target
        about = [r for p in verb.children if p.dep_ == "prep" and p.lower_ in _COMPLAINT_PREPS
                 for g in p.children if g.dep_ == "pobj" for r in mentions.actors_of(g)
                 if r.code not in {a.code for a in actor}]
        if about:
            recipient = list({r.code: r for r in about}.values())
        recipient = _doer_of_condemned_act(verb, recipient, mentions)
    if trig.role == "host":          # "X hosted Y", "Y was welcomed by X": the guest is the actor
        hosts = {a.code for a in actor}
        actor, recipient = [x for x in recipient if x.code not in hosts], actor   # "welcomed Putin to Beijing"
    return Roles(actor, recipient, actor_tokens, subject)


def _doer_of_condemned_act(verb: Token, recipient: list[ActorRef], mentions: Mentions) -> list[ActorRef]:
    """An accusation aims at the doer of the act it names, not at its victim: "condemned the Russian strike on
    Kyiv" accuses Russia (in the train split, 6 of 6 such annotations name the doer alone)."""
    obj = direct_object(verb)
    if obj is None:
        return recipient
    act = noun_roles(obj, mentions)              # the condemned act's own doer and target
    victims = {r.code for r in act.recipient} - {a.code for a in act.actor}
    if not act.actor or not victims:
        return recipient
    return [r for r in recipient if r.code not in victims]


def _conditional_clause(tok: Token) -> bool:
    """'... if the United States goes ahead': the condition names whom a threat or demand targets."""
    return tok.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in tok.children)


_SKIP_DEPS = words.of("skip_deps")
# circumstance, not target: "despite Israel's wish", "after talks with Iran"
_CIRCUMSTANCE_PREPS = words.of("circumstance_preps")
# the venue of a meeting is not its counterpart: "NATO leaders meeting in Vilnius"
_VENUE_PREPS = words.of("venue_preps")


def _purpose_clause(tok: Token) -> bool:
    """'... to allow the delivery of grain to Afghanistan': an infinitive of purpose."""
    return tok.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in tok.children)


_HELP_NOUNS = words.of("help_nouns")


def _with_help(prep: Token) -> bool:
    """'tightened the blockade with Albania's help': a helper of the actor, not the target."""
    return prep.lower_ in ("with", "by") and any(g.dep_ == "pobj" and g.lemma_.lower() in _HELP_NOUNS
                                                 for g in prep.children)


def _followable(tok: Token, venues: bool = True, purposes: bool = True) -> bool:
    if tok.dep_ == "prep" and (tok.lower_ in _CIRCUMSTANCE_PREPS or (not venues and tok.lower_ in _VENUE_PREPS)
                               or _with_help(tok)):
        return False
    return tok.dep_ not in _SKIP_DEPS or _conditional_clause(tok) or (purposes and _purpose_clause(tok))


def fallback_recipient(verb: Token, mentions: Mentions, exclude: set[str], skip: set[int],
                       max_depth: int = 8, venues: bool = True, purposes: bool = True) -> list[ActorRef]:
    """The nearest actor in the trigger's own clause, by tree distance ("aid deliveries in Baghdad",
    "demanded that the US cancel ..."); `purposes`: also in an infinitive of purpose ("sent ships to
    deter Iran"), which a domestic act ("police stopped a march ... to protest X") does not target."""
    frontier = [c for c in verb.children if _followable(c, venues, purposes)]
    for _ in range(max_depth):
        nxt = []
        for t in frontier:
            if t.i in mentions.by_token and t.i not in skip:
                ref = mentions.by_token[t.i][2]
                if ref.code not in exclude:
                    # "threatened to strike the United States and Israel": the phrase's conjuncts too
                    start, end, _ = mentions.by_token[t.i]
                    head = next((x for x in verb.doc[start:end] if not start <= x.head.i < end), t)
                    refs = [ref] + [x for x in mentions.actors_of(head) if x.code not in exclude]
                    return list({x.code: x for x in refs}.values())
            nxt.extend(c for c in t.children if (c.dep_ not in ("punct", "relcl", "advcl", "prep")
                       or _conditional_clause(c) or (c.dep_ == "prep" and _followable(c, venues)))
                       and not not_a_party(c, t))
        frontier = nxt
    return _place_named_in_clause(verb, exclude, skip, purposes) if venues else []


_BORDERS = words.of("borders")
_REGION_NOUNS = words.of("region_nouns")


def not_a_party(child: Token, head: Token) -> bool:
    """Modifiers that name no counterpart: the owner of a relation noun ("Israel's allied militia" is not
    Israel), the country of a border ("near the Thai border" locates, it does not target)."""
    if child.dep_ == "poss" and relational(head):
        return True
    return child.dep_ in ("amod", "compound") and head.lemma_.lower() in _BORDERS


def claim_source(tok: Token, trigger: Token) -> bool:
    """The subject of a reporting verb above the trigger tells the claim, it is no party to it ("Azerbaijan
    lifted its blockade, Armenia said")."""
    head = tok.head
    return tok.dep_ == "nsubj" and head.lemma_.lower() in REPORT_VERBS and head.is_ancestor(trigger)


def _in_own_clause(tok: Token, verb: Token, purposes: bool) -> bool:
    """Is `tok` in `verb`'s clause, not in a clause below it (see `fallback_recipient` for `purposes`)?"""
    t = tok
    while t.i != verb.i:
        # a relative clause may name who holds the target ("the Essequibo region, which is administered by
        # Guyana"), but not for a domestic act ("arrested students who protested against Israel")
        if t.dep_ in ("relcl", "acl", "advcl", "ccomp") and not _conditional_clause(t) \
                and not (purposes and (_purpose_clause(t) or t.dep_ == "relcl")):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return True


def _place_named_in_clause(verb: Token, exclude: set[str], skip: set[int], purposes: bool = True) -> list[ActorRef]:
    """A place the act is aimed at ("annexed the Donetsk and Luhansk regions", "shelled Kharkiv"): the
    country the gazetteer gives for a GPE in the object, when no actor is named."""
    from multipolar.coding import places

    subject_side = {t.i for c in verb.children if c.dep_ in _SKIP_DEPS for t in c.subtree}
    # "Paris" in "Paris Hilton" is a name, not a place
    spans = [ent for ent in verb.doc.ents if ent.label_ in ("GPE", "LOC")
             and not (ent.root.dep_ == "compound" and ent.root.head.pos_ == "PROPN")]
    # a proper-noun object the tagger missed as a place ("hit Kharkiv", "annexed Crimea" read as an ORG):
    # the gazetteer decides; a person's name is not looked up
    spans += [verb.doc[c.i:c.i + 1] for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"
              and c.ent_type_ not in ("PERSON", "NORP") and not any(g.dep_ == "compound" for g in c.children)]
    # "annexed the Donetsk and Luhansk regions": names in front of a region noun, whatever the tagger says
    spans += [verb.doc[n.i:n.i + 1] for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _REGION_NOUNS
              for m in c.children if m.dep_ in ("nmod", "compound", "amod") and m.pos_ == "PROPN"
              for n in [m, *m.conjuncts] if n.pos_ == "PROPN"]
    for ent in spans:
        if ent.root.i in skip or ent.root.i in subject_side or not_a_party(ent.root, ent.root.head):
            continue
        if not any(a.i == verb.i for a in ent.root.ancestors) or not _in_own_clause(ent.root, verb, purposes):
            continue
        loc = places.lookup(ent.text)
        if loc is not None and loc.country and loc.country not in exclude:
            return [ActorRef(code=loc.country, text=ent.text, name=loc.name, sector="", kind="state")]
    return []
