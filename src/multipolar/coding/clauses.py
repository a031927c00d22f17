"""What a clause says about its event: the predicates the rules of the stage modules (stage_*.py) use.

Each answers one question about a parsed clause (is the actor a government? is the target the actor's
own people? is this warning a threat?), so each rule reads as one sentence. Their word lists live in
coding/data/words.tsv.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from spacy.tokens import Span, Token

from multipolar.coding import words
from multipolar.coding import places
from multipolar.coding.mentions import Mentions
from multipolar.model import ActorRef

COOPERATIVE_MATERIAL = words.of("cooperative_material")
OBLIGATION = words.of("obligation")
DOMESTIC = words.of("domestic")  # typically done within one's own state
RECIPROCAL = words.of("reciprocal")
MEETINGS = words.of("meetings")  # "in X" names their venue, not a counterpart
VERBAL_CONFLICT = words.of("verbal_conflict")
# announced future violence is a threat; announced sanctions and deployments are coded as what they are
VIOLENT = words.of("violent")
MATERIAL_CONFLICT = words.of("material_conflict")


_CLOSE_IN_TIME = words.of("close_in_time")


def historical(verb: Token) -> bool:
    """A past event told as background: a clause opened by since/after/before/when in the past tense."""
    t = verb
    for _ in range(3):
        if any(m.dep_ == "mark" and m.lower_ in ("since", "after", "before", "when") for m in t.children) \
                and t.tag_ in ("VBD", "VBN") and t.dep_ in ("advcl", "pcomp", "acl"):
            # "hours after X met Y", "a day before": news of the same days, not background
            return not any(c.dep_ == "npadvmod" and c.lemma_.lower() in _CLOSE_IN_TIME for c in t.children)
        if t.dep_ not in ("conj",) or t.head.i == t.i:
            return False
        t = t.head
    return False


def test_fire(verb: Token) -> bool:
    doc = verb.doc
    return verb.i >= 2 and doc[verb.i - 1].text == "-" and doc[verb.i - 2].lower_ in ("test", "test-")


def rules_out(verb: Token) -> bool:
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
PLACE_TARGETED = words.of("place_targeted")
GOVERNMENT_SECTORS = words.of("government_sectors")


# Subjects that are a country's own people or security forces ("thousands of protesters", "police").
PEOPLE = words.of("people")


def local_people(subject: Token) -> bool:
    """'protesters', 'residents', 'ethnic Albanians' (an ethnic group names people, not a state)."""
    return subject.lemma_.lower() in PEOPLE or any(c.lower_ == "ethnic" for c in subject.children)


def only_state_in_view(sent: Span, verb: Token, mentions: Mentions, skip: set[int]) -> list[ActorRef]:
    codes = {r.code: r for r in mentions.all() if r.kind in ("state", "leader")}
    loc = places.event_location(sent, verb, skip)
    if loc and loc.country and loc.country not in codes:
        codes[loc.country] = ActorRef(code=loc.country, text=loc.name, name=loc.name, sector="CVL", kind="state")
    if len(codes) == 1:
        ref = next(iter(codes.values()))
        return [replace(ref, sector="CVL" if ref.sector in ("", "GOV") else ref.sector, kind="state")]
    return []


PRIVATE_SECTORS = words.of("private_sectors")
COOPERATION_WORDS = words.of("cooperation_words")
THREAT_WORDS = words.of("threat_words")


def targets_own_side(verb: Token, mentions: Mentions, actors: list[ActorRef]) -> bool:
    """The clause names the actor's own state again ("threatened to ban Ugandan candidates"):
    a domestic target the recipient search skipped on purpose."""
    codes = {a.code for a in actors}
    subject_side = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj") for t in c.subtree}
    return any(t.i in mentions.by_token and t.i not in subject_side and t.i != verb.i
               and mentions.by_token[t.i][2].code in codes for t in verb.subtree)


# Nouns that name a state's own people and institutions: acts on them are domestic.
DOMESTIC_TARGETS = words.of("domestic_targets")


def has_domestic_target(verb: Token) -> bool:
    """A government acting on its own people or institutions ("lifted a state of emergency", "accused
    Darfur rebels", "banned opposition candidates"): the object is one of DOMESTIC_TARGETS."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    objs += [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
             and not (p.lower_ in ("in", "by") and g.lemma_.lower() in _MEANS)]   # "killed in an air strike"
    objs += [g for c in verb.children if c.dep_ in ("xcomp", "ccomp") for g in c.children if g.dep_ == "dobj"]
    return any(o.lemma_.lower() in DOMESTIC_TARGETS for o in objs)


_MEANS = words.of("means")


def threat_like(verb: Token) -> bool:
    """'warned of retaliation', 'warned it would respond with force': a warning that threatens."""
    if any(t.lemma_.lower() in THREAT_WORDS for t in verb.subtree if t.i != verb.i):
        return True
    # "warned that Beijing would ...": a warning about what the speaker's side would do
    return any(c.dep_ in ("ccomp", "xcomp") and any(a.lower_ in ("would", "will") for a in c.children)
               for c in verb.children)


def governmental(actors: list[ActorRef]) -> bool:
    return any(a.kind != "state" or a.sector in GOVERNMENT_SECTORS for a in actors)


_PARTNER_NOUNS = words.of("partner_nouns")


def addresses_partners(verb: Token) -> bool:
    """'Ukraine may ask its allies for more Patriots': a request to unnamed partners is still a request."""
    return any(c.dep_ in ("dobj", "dative") and c.lemma_.lower() in _PARTNER_NOUNS for c in verb.children)


def armed_groups(actors: list[ActorRef]) -> bool:
    """Non-state groups (Hezbollah, Hamas as REB): their unaimed acts happen at home, like rebels'."""
    return bool(actors) and all(a.kind == "group" and a.sector not in GOVERNMENT_SECTORS for a in actors)


def conditional(verb: Token, marks: Collection[str]) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in verb.children)


# "... in a phone call", "during talks with Xi": the setting of an act is itself a meeting
_SETTING_PREPS = words.of("setting_preps")
_SETTING_NOUNS = {"call": "phone", "conversation": "phone", "phone": "phone", "telephone": "phone",
                  "talk": None, "meeting": None, "summit": None, "videoconference": "phone"}


def meeting_setting(verb: Token) -> tuple[Token, str | None, Token | None] | None:
    """(the meeting noun, its CONSULT mode, the token after its 'with') when the verb's act took place in a
    call, talks or a meeting ('congratulated Trump in a phone call', 'praised ... during talks with Xi')."""
    # the phrase may hang from the verb or from its object ("congratulated Trump on his victory in a call")
    heads = [verb] + [g for p in verb.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    for prep in (c for h in heads for c in h.children):
        if prep.dep_ != "prep" or prep.lower_ not in _SETTING_PREPS:
            continue
        for noun in prep.children:
            lemma = noun.lemma_.lower()
            if noun.dep_ == "pobj" and lemma in _SETTING_NOUNS:
                partner = next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "with"
                                for g in p.children if g.dep_ == "pobj"), None)
                return noun, _SETTING_NOUNS[lemma], partner
    return None


_PROJECTILES = words.of("projectiles")


def missile_launch(verb: Token) -> bool:
    """'fired/launched a missile' (with no target named): a weapons test or show of force."""
    if verb.lemma_.lower() not in ("fire", "launch", "test"):
        return False
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in _PROJECTILES or
                                     any(g.lemma_.lower() in _PROJECTILES for g in c.children if g.dep_ == "compound"))
               for c in verb.children)


# PLOVER manual: "Requires recipient: Yes" (a lone actor with no counterpart is no such event)
NEEDS_RECIPIENT = words.of("needs_recipient")

_SPORTS = words.of("sports")


def sports(sent: Span) -> bool:
    """A sentence about a game: 'Brazil beat Argentina' and 'X will oppose Y on June 2' are fixtures."""
    return any(t.lemma_.lower() in _SPORTS or t.lower_ in _SPORTS for t in sent) or \
        "world cup" in sent.text.lower()


def other_sense(verb: Token, mentions) -> bool:
    """A trigger verb in a sense that is no event: 'sanctioned the plan' (approved it), 'allow for'."""
    lemma = verb.lemma_.lower()
    if lemma == "sanction":
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        return obj is not None and not mentions.actors_of(obj)
    if lemma == "allow":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    return False


_ARMED = words.of("armed")  # an attack with no named perpetrator ("a roadside bombing near Samarra killed ...") is coded, as in; the PLOVER gold records, to the state where it happened


def armed_locals(subject: Token) -> bool:
    return subject.lemma_.lower() in _ARMED and not any(c.dep_ in ("amod", "compound", "poss")
                                                        and c.ent_type_ in ("NORP", "GPE") for c in subject.children)


def armed_group_of_place(sent: Span, verb: Token, subject: Token, mentions: Mentions, skip: set[int],
                         roster) -> list[ActorRef]:
    """The state where unnamed armed men acted (the event's place), else the one state in view; the
    victims' nationality ('two Chinese engineers in Pakistan') does not make them the attackers."""
    loc = places.event_location(sent, verb, skip) or places.event_location(sent, subject, skip)
    sector = roster.sector_of(subject.lemma_) or ""
    if loc and loc.country:
        return [ActorRef(code=loc.country, text=subject.text, name=loc.name, sector=sector, kind="state")]
    # else the one state named outside the act's objects (never the victims': "killed one U.S. soldier")
    # an attack noun's victims hang from the verb it is the subject of ("a roadside bombing killed ...")
    acts = [verb] + ([verb.head] if verb.pos_ == "NOUN" and verb.dep_ in ("nsubj", "nsubjpass") else [])
    victims = {t.i for a in acts for c in a.children if c.dep_ in ("dobj", "nsubjpass", "dative") for t in c.subtree}
    found = only_state_in_view(sent, verb, mentions, skip | victims)
    if found and any(mentions.by_token.get(i, (0, 0, None))[2] is not None and
                     mentions.by_token[i][2].code == found[0].code for i in victims):
        return []
    return [replace(r, text=subject.text, sector=sector) for r in found]


def between_parties(verb: Token, mentions: Mentions) -> list[ActorRef]:
    """The parties of a 'between X and Y' phrase on the trigger or its object ('hosted talks between
    Israel and Hamas', 'mediated between Syria and the PLO')."""
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    for h in heads:
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ == "between":
                g = next((g for g in p.children if g.dep_ == "pobj"), None)
                if g is not None:
                    return mentions.actors_of(g)
    return []


_FORECASTERS = words.of("forecasters")


def forecaster(speaker: Token | None) -> bool:
    """'..., analysts said': the speaker predicts; only the actor itself can promise or threaten."""
    return speaker is not None and speaker.lemma_.lower() in _FORECASTERS


_FORCE_SECTORS = words.of("force_sectors")
_VISITORS = words.of("visitors")
_HELPING = words.of("helping")


def receives_forces(verb: Token, roster) -> bool:
    """'Haiti received the first contingent of 400 Kenyan police officers': a host receiving troops or
    police is given military aid, not paid a visit."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for _ in range(3):
        if obj is None or obj.lemma_.lower() in _VISITORS:
            return False                 # "a delegation of police chiefs" pays a visit
        if _is_force(obj, roster):
            return True
        obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"), None)
    return False


def forces_moved(verb: Token, roster) -> Token | None:
    """'North Korean troops could be sent to Russia', 'French forces were deployed': the troops or police an
    agentless passive moves (its passive subject), or None."""
    if any(c.dep_ == "agent" for c in verb.children):
        return None
    moved = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return moved if moved is not None and _is_force(moved, roster) else None


def _is_force(noun: Token, roster) -> bool:
    """'troops', 'police officers': a noun (with its compounds) of the armed forces' or police's sector."""
    words = [noun.lower_, noun.lemma_.lower()] + [c.lower_ for c in noun.children if c.dep_ == "compound"]
    return any(roster.sector_of(w) in _FORCE_SECTORS for w in words)


def sent_to_help(verb: Token) -> bool:
    """'deploying soldiers to Mozambique to help Maputo fight': troops sent to help another state are aid."""
    return any(c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in _HELPING
               and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


_OBSERVERS = words.of("observers")


_LEFT_BEHIND = words.of("left_behind")


def left_behind(verb: Token) -> bool:
    """'leaving just 100 troops to follow', 'left 5,000 soldiers behind': who is left stays, nobody withdraws."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return verb.lemma_.lower() == "leave" and obj is not None and obj.lemma_.lower() in _LEFT_BEHIND


def observers_leave(verb: Token, subject: Token | None) -> bool:
    """'UN peacekeepers were shipped out of Gorazde', 'the monitors left Mali': the observers a withdrawal
    moves (its subject, passive subject or object) are peacekeepers, inspectors or monitors."""
    movers = [subject] + [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(m is not None and m.lemma_.lower() in _OBSERVERS for m in movers)


def receives_observers(verb: Token) -> bool:
    """'received a mission of observers', 'received UN inspectors': letting observers in."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for _ in range(2):
        if obj is None:
            return False
        if obj.lemma_.lower() in _OBSERVERS:
            return True
        obj = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"), None)
    return False


_ATTACK_NOUNS = words.of("attack_nouns")


def attack_target(subject: Token, mentions: Mentions) -> list[ActorRef]:
    """The target an attack noun names: 'strikes on Gaza', 'an attack against Israel', 'raids in Kharkiv'."""
    if subject.lemma_.lower() not in _ATTACK_NOUNS:
        return []
    for p in subject.children:
        if p.dep_ == "prep" and p.lower_ in ("on", "against", "at", "in", "into"):
            for g in p.children:
                if g.dep_ == "pobj":
                    refs = mentions.actors_of(g)
                    if refs:
                        return refs
                    loc = places.lookup(g.text) if g.pos_ == "PROPN" else None
                    if loc is not None and loc.country:
                        return [ActorRef(code=loc.country, text=g.text, name=loc.name, sector="", kind="state")]
    return []


_PHONE_WORDS = words.of("phone_words")


def by_phone(verb: Token) -> bool:
    """'discussed ... by phone', 'spoke by telephone', 'met via video link'."""
    return any(p.dep_ == "prep" and p.lower_ in ("by", "via", "over") and
               any(g.lemma_.lower() in _PHONE_WORDS
                   for g in p.subtree) for p in verb.children)


CONFLICT = words.of("conflict")
_HOSTILE_VERBS = words.of("hostile_verbs")
_VOW_VERBS = words.of("vow_verbs")


def promises_conflict(verb: Token, lexicon) -> bool:
    """A vow or pledge whose (not negated) complement is a hostile act ("agreed to hold joint drills" is not:
    agreeing is cooperation among the agreeing parties, and drills are an exercise)."""
    from multipolar.coding import triggers
    if verb.lemma_.lower() not in _VOW_VERBS:
        return False
    for c in verb.children:
        if c.dep_ != "xcomp" or any(n.dep_ == "neg" for n in c.children):
            continue
        if c.lemma_.lower() in _HOSTILE_VERBS:
            return True
        inner = triggers.match(c, lexicon)
        if inner is not None and inner.event in CONFLICT and inner.role != "exercise":
            return True
    return False
