"""The coder: article text in, PLOVER events out. Composes triggers, roles, modality, dates and places.

Speed: sentences are split by a rule-based sentencizer and only those holding both an actor phrase
(or a pronoun) and an inflected trigger verb are parsed by the statistical pipeline.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from spacy.tokens import Doc, Span, Token

from multipolar.actors import Roster
from multipolar.coding import clauses, dates, detector, lexicon, places, polarity, triggers
from multipolar.coding.confidence import confidence, features
from multipolar.coding.mentions import QUANTITIES, Mentions, matcher
from multipolar.coding.modality import modality
from multipolar.coding.roles import REPORT_VERBS, fallback_recipient, noun_roles, roles
from multipolar.model import Article, ActorRef, Event, CODER_VERSION
from multipolar.nlp import pipeline, split_sentences
from multipolar import ontology

_PRONOUN_WORDS = {"he", "she", "they", "it", "his", "her", "their", "its", "two", "both"}
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40}(?:\([^)]{1,40}\))?,\s+[A-Z][a-z]{2,9}\.?\s+\d{1,2}\s*[\u2014\u2013-]+\s*")
_WORD_SPLIT = re.compile(r"[\s/\u2014\u2013]+|(?<=[a-z])-(?=[a-z])")
_STRIP = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019`"
@dataclass
class Context:
    """What the coder remembers across the sentences of one article (for coreference).

    Only recent antecedents count: a pronoun points back at most NEAR characters (about two
    sentences); "the two leaders" at most FAR characters.
    """

    NEAR = 320
    FAR = 900
    seen: list[tuple[int, ActorRef]] = field(default_factory=list)
    subject: tuple[int, list[ActorRef]] | None = None     # the last sentence's main subject, if an actor

    def remember(self, refs: Iterable[ActorRef], offset: int) -> None:
        self.seen.extend((offset, r) for r in refs)

    def _recent(self, offset: int, gap: int, people: bool | None) -> list[ActorRef]:
        return [r for o, r in self.seen if offset - o <= gap
                and (people is None or (r.kind == "leader") == people)]

    def resolve(self, word: str, subject: Token | None, offset: int,
                earlier: list[ActorRef] = ()) -> list[ActorRef]:
        """`earlier`: actors named before `subject` in its own sentence ("Kim hosted Putin, where the two
        signed ..."), the most recent antecedents of all."""
        w = word.lower()
        if w in ("he", "she", "his", "her", "him"):
            return self._recent(offset, self.NEAR, True)[-1:]
        if subject is not None and _names_a_pair(subject):
            out: list[ActorRef] = []
            here = [(offset, r) for r in earlier]
            people = self._recent(offset, self.FAR, True) + [r for _, r in here if r.kind == "leader"]
            pool = people if len({r.code for r in people}) >= 2 else \
                self._recent(offset, self.FAR, None) + [r for _, r in here]
            for r in reversed(pool):
                if all(r.code != o.code for o in out):
                    out.append(r)
                if len(out) == 2:
                    return out
            return []
        # "it"/"they"/"the country" points at the subject of a recent sentence, when that was a state or
        # organisation ("The 32 allies pledged aid for Ukraine. They also agreed ..." is not Ukraine)
        if self.subject and offset - self.subject[0] <= self.NEAR:
            refs = [r for r in self.subject[1] if r.kind != "leader"]
            return refs if len({r.code for r in refs}) == 1 else []
        return []


def _names_a_pair(subject: Token) -> bool:
    """'the two leaders', 'both sides', 'the two countries', or just 'the two' / 'both'."""
    if subject.lower_ in ("two", "both") and subject.dep_ in ("nsubj", "nsubjpass"):
        return True
    return subject.lemma_.lower() in ("leader", "side", "country", "nation", "government", "president") and \
        any(c.lower_ in ("two", "both") for c in subject.children)


class Coder:
    """Stateless between articles; holds the loaded pipeline, lexicon and roster."""

    MODES = ("combined", "rules", "model")

    def __init__(self, *, prefilter: bool = True, mode: str = "combined", model_path: str | None = None):
        """mode: "rules" (the trigger lexicon alone), "model" (the learned detector decides which tokens are
        triggers), "combined" (the lexicon's triggers, less those the detector vetoes, plus its confident
        detections)."""
        if mode not in self.MODES:
            raise ValueError(f"unknown coder mode {mode!r}; use one of {', '.join(self.MODES)}")
        self.prefilter = prefilter
        self.nlp = pipeline()
        self.lexicon = lexicon.load()
        self.roster = Roster.load()
        self.detector = detector.load(model_path) if mode != "rules" else None
        self.mode = mode if self.detector is not None else "rules"
        self._event_prob: dict[int, float] = {}      # detector's event probability per token, this sentence
        learned = set(self.detector.meta.get("trigger_lemmas", ())) if self.detector is not None else set()
        self.forms = lexicon.surface_forms((self.lexicon.lemmas - {"*", "@"}) | REPORT_VERBS | triggers.LIGHT_VERBS
                                           | triggers.ASPECT_VERBS | learned
                                           | {p + s for s in triggers.AGAIN_STEMS & self.lexicon.lemmas
                                              for p in ("re", "re-")})
        self.actor_grams = frozenset(" ".join(self._words(p)) for p in self.roster.phrases())
        matcher()                       # build once, up front

    # ---- selection of sentences to parse ---------------------------------------------------------

    def _members(self, actors: list[ActorRef]) -> set[str]:
        """Member states of the blocs and organisations among `actors`: a member's minister speaks for the
        bloc ("The EC may halt mediation ..., the Dutch foreign minister said" is the EC's threat)."""
        out: set[str] = set()
        for a in actors:
            if a.kind in ("igo", "bloc"):
                try:
                    out |= set(self.roster.igo(a.code)["members"])
                except KeyError:
                    pass
        return out

    def _state_name(self, iso3: str) -> str:
        try:
            return self.roster.country(iso3)["name"]
        except KeyError:
            return iso3

    def _words(self, sentence: str) -> list[str]:
        return [w.strip(_STRIP).lower() for w in _WORD_SPLIT.split(sentence) if w]

    def _names_actor(self, words: list[str]) -> bool:
        """Does any roster phrase (up to four words) occur in the sentence? Possessives count."""
        grams = self.actor_grams
        n = len(words)
        for i in range(n):
            w = words[i].removesuffix("'s").removesuffix("\u2019s")
            if w in grams:
                return True
            for k in (2, 3, 4):
                if i + k <= n and " ".join(words[i:i + k]).removesuffix("'s") in grams:
                    return True
        return False

    def could_hold_event(self, sentence: str, *, actor_seen: bool = True) -> bool:
        """Cheap test before parsing: an inflected trigger verb, and an actor (or a pronoun that can
        point back to one named earlier in the article)."""
        if not self.prefilter:
            return True
        words = self._words(sentence)
        if self.forms.isdisjoint(words):
            return False
        return self._names_actor(words) or (actor_seen and not _PRONOUN_WORDS.isdisjoint(words))

    # ---- public API ------------------------------------------------------------------------------

    def code_article(self, article: Article) -> tuple[int, list[Event]]:
        return next(iter(self.code_many([article])))

    def code_many(self, articles: Iterable[Article], group: int = 32) -> Iterator[tuple[int, list[Event]]]:
        """For each article (in order): (number of sentences, events). Sentences of `group` articles
        are parsed in one spaCy batch."""
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= group:
                yield from self._code_group(batch)
                batch = []
        if batch:
            yield from self._code_group(batch)

    def _code_group(self, arts: list[Article]) -> Iterator[tuple[int, list[Event]]]:
        plans = []
        for art in arts:
            spans = split_sentences(art.text)
            cands, seen = [], False
            for s, e in spans:
                if (m := _DATELINE.match(art.text, s, e)) is not None:
                    s = m.end()                  # "MOSCOW, July 9 — ": the place and date, not a subject
                words = self._words(art.text[s:e])
                named = not self.prefilter or self._names_actor(words)
                if not self.prefilter or (not self.forms.isdisjoint(words)
                                          and (named or (seen and not _PRONOUN_WORDS.isdisjoint(words)))):
                    cands.append((s, e))
                seen = seen or named
            plans.append((art, len(spans), cands))
        texts = [art.text[s:e] for art, _, cands in plans for s, e in cands]
        docs = iter(self.nlp.pipe(texts, batch_size=256))
        for art, n_sent, cands in plans:
            events: list[Event] = []
            ctx = Context()
            locale = _locale(art.url)
            for s, e in cands:
                for ev in self._code_sentence(next(docs), s, art, ctx, locale):
                    events.append(replace(ev, id=f"{art.hash}-{len(events)}"))
            yield n_sent, events

    # ---- one sentence ---------------------------------------------------------------------------

    def _code_sentence(self, doc: Doc, offset: int, art: Article, ctx: Context,
                       locale: str | None) -> list[Event]:
        sent = doc[:]
        mentions = Mentions(sent, art.date, art.text)
        has_pronoun = any(t.lower_ in _PRONOUN_WORDS for t in doc)
        if not mentions and not (has_pronoun and ctx.seen):
            return []
        if clauses.sports(sent):
            return []                    # "the Bajans will oppose Antigua and Barbuda on June 2" is a fixture
        found = triggers.find(sent, self.lexicon) + _speaker_demands(sent)
        probs: dict[int, float] = {}
        if self.detector is not None:
            found, probs = self._detected(sent, mentions, found)
        self._event_prob = probs
        found = _drop_governed(found)
        out = []
        for verb, trig in found:
            effect = polarity.embedding(verb)
            if effect == "drop":
                continue                 # "resisted calls to condemn": nobody condemned
            ev = self._event(verb, trig, sent, mentions, art, ctx, locale, offset)
            if ev is not None:
                ev = replace(ev, features=ev.features + (("detector", probs.get(verb.i, -1.0)),))
                if effect is not None and ev.modality == "asserted":
                    ev = replace(ev, modality=effect)     # "the prospect of troops fighting"
                out.append((verb, ev))
                setting = _meeting_in_setting(verb, ev, mentions)
                if setting is not None:
                    out.append((verb, setting))
        ctx.remember(mentions.all(), offset)
        root_subject = next((c for t in sent if t.dep_ == "ROOT" for c in t.children
                             if c.dep_ in ("nsubj", "nsubjpass")), None)
        ctx.subject = (offset, mentions.actors_of(root_subject)) if root_subject is not None else None
        return _select(out)

    def _detected(self, sent: Span, mentions: Mentions, found: list[tuple[Token, lexicon.Trigger]]):
        """The detector's view merged with the lexicon's triggers (detector.merge)."""
        return self.detector.merge(self.mode, sent, self.lexicon, mentions.by_token, found, always={_DEMAND})

    def _learned_roles(self, verb: Token, event: str, mentions: Mentions, r) -> list[ActorRef]:
        """Where the parse rules found no actor, the role model's actors fill in; returns its recipients,
        used later only if the rules find none."""
        if self.detector is None or self.mode == "rules":
            return []
        actors, recipients = self.detector.fill_roles(verb, event, mentions.by_token,
                                                      self._event_prob.get(verb.i, 0.0))
        if not r.actor and actors:
            r.actor = actors
        return recipients

    def _event(self, verb: Token, trig: lexicon.Trigger, sent: Span, mentions: Mentions, art: Article,
               ctx: Context, locale: str | None, offset: int) -> Event | None:
        if clauses.other_sense(verb, mentions):
            return None                  # "London sanctioned Gomm's efforts", "to allow for faster drives"
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ == "agent" for c in verb.children):
            return None                  # "five Americans detained in Iran were released": a state, not news
        r = noun_roles(verb, mentions) if verb.pos_ == "NOUN" else roles(verb, trig, mentions)
        if trig is _DEMAND:
            comp = next(c for c in verb.children if c.dep_ == "ccomp")
            subj, _ = _subject(comp)
            r.recipient = mentions.actors_of(subj) if subj is not None else []
            if not r.recipient:
                return None              # "travellers must self-isolate" is advice, not a demand on a state
        if verb.pos_ != "NOUN" and not r.recipient:
            r.recipient = _object_pronoun(verb, r.actor, mentions, ctx, offset)
        # "North Korean soldiers are fighting alongside Russian troops": comrades in arms act together
        r.actor += [x for p in verb.children if p.dep_ == "prep" and p.lower_ == "alongside"
                    for g in p.children if g.dep_ == "pobj" for x in mentions.actors_of(g)
                    if x.code not in {a.code for a in r.actor}] if r.actor else []
        explicit = bool(r.actor)
        claim_source: list[ActorRef] = []
        reporter = _reporting_head(verb)
        if reporter is not None:
            rs, _ = _subject(reporter)
            claim_source = mentions.actors_of(rs) if rs is not None else []
        if not r.actor and r.subject is not None and trig.event in clauses.DOMESTIC and clauses.local_people(r.subject):
            # "Thousands of protesters rallied in Tbilisi", "Police detained ...": the one state in view
            r.actor = clauses.only_state_in_view(sent, verb, mentions, r.actor_tokens)
        armed_local = False
        if not r.actor and r.subject is not None and trig.event == "ASSAULT" and clauses.armed_locals(r.subject):
            # "Rebels attacked a convoy in northern Mali": armed men of the place where they struck
            r.actor = clauses.armed_group_of_place(sent, verb, r.subject, mentions, r.actor_tokens, self.roster)
            armed_local = bool(r.actor)
        if not r.actor and r.subject is not None and mentions.is_pronoun_like(r.subject):
            # "Syria says it is willing ...": a pronoun in a reported clause is the speaker
            pron = r.subject.lower_
            speaker_is_it = pron in ("it", "they") or (
                pron in ("he", "she") and all(a.kind == "leader" for a in claim_source))  # "Putin said he ..."
            r.actor = claim_source[:] if claim_source and speaker_is_it \
                else ctx.resolve(pron, r.subject, offset,
                                 [ref for i, (_, _, ref) in sorted(mentions.by_token.items()) if i < r.subject.i])
        if trig.event == "RETREAT" and clauses.left_behind(verb):
            return None                  # "leaving just 100 troops to follow them": those troops stay
        observers = trig.event == "RETREAT" and trig.mode == "withdraw" and clauses.observers_leave(verb, r.subject)
        moved = next((c for c in verb.children if c.dep_ == "nsubjpass"), None) if observers else None
        if moved is not None:
            # "UN peacekeepers were pulled out of Bunia": whoever owns the observers withdrew them; the
            # observers moved are not the target
            r.actor = r.actor or mentions.actors_of(moved)
            r.recipient = [x for x in r.recipient if x.code not in {a.code for a in r.actor}]
        learned_roles = self._learned_roles(verb, trig.event, mentions, r)
        if not r.actor:
            return None
        if verb.lemma_.lower() == "warn" and trig.event == "THREATEN" and not clauses.threat_like(verb):
            return None                  # "warned that jobs are at risk" is a statement, not a threat
        if trig.role == "military" and not any(a.sector == "MIL" for a in r.actor) and not observers:
            return None                  # "troops left Kabul" is a withdrawal; "the minister left" is not
        event, mode, context = trig.event, trig.mode, trig.context
        if event == "ASSAULT" and any(c.dep_ == "advmod" and c.lower_ == "sexually" for c in verb.children):
            mode = "sexual"
        if event == "ASSAULT" and clauses.test_fire(verb):
            event, mode = "MOBILIZE", "weapons"                 # "test-fired a missile" is a show of force
        if trig.role == "place" and all(a.sector == "MIL" or a.sector == "COP" and _forces(r.subject)
                                        for a in r.actor):
            event, mode, context = "AID", None, ("military",)   # "tanks arrived in Ukraine" is a delivery
        guest = triggers.direct_object(verb) if verb.lemma_.lower() == "host" and mode == "third-party" else None
        if guest is not None and guest.i in mentions.by_token:       # the object names a guest, not the talks
            # "Putin hosted Modi for talks": a named guest makes it a visit, not talks between others
            hosts = {a.code for a in r.actor}
            mode, r.actor, r.recipient = "visit", [x for x in r.recipient if x.code not in hosts], r.actor
            if not r.actor:
                return None
        if trig.role == "host" and clauses.receives_forces(verb, self.roster):
            event, mode, context = "AID", None, ("military",)   # "Haiti received 400 Kenyan police officers"
        elif trig.role == "host" and clauses.receives_observers(verb):
            # "received a mission of observers from the OSCE": the host lets them in (CAMEO 0862)
            event, mode, context = "RETREAT", "access", ("diplomatic",)
            r.actor, r.recipient = r.recipient, r.actor
        if observers:
            event, context = "SANCTION", ("diplomatic",)     # PLOVER: ending a peacekeeping presence
        if event == "MOBILIZE" and verb.lemma_.lower() == "train":
            trainees = [x for o in verb.children if o.dep_ == "dobj" for x in mentions.actors_of(o)
                        if x.code not in {a.code for a in r.actor}]
            if trainees:                 # "Britain trained 30,000 Ukrainian soldiers": help to Ukraine
                event, mode, context, r.recipient = "AID", None, ("military",), trainees
        if event == "MOBILIZE" and clauses.sent_to_help(verb) and r.recipient and \
                not {x.code for x in r.recipient} & {a.code for a in r.actor}:
            event, mode, context = "AID", None, ("military",)   # "deployed soldiers to Mozambique to help Maputo"
        mod = modality(verb, sent.text, reporting_past=reporter is not None)
        # "Russia said Sudan must return the helicopter": the speaker demands it
        if reporter is not None and claim_source and any(
                c.dep_ == "aux" and c.lower_ in clauses.OBLIGATION for c in verb.children):
            event, mode, r.recipient, r.actor, mod = "REQUEST", None, r.actor, claim_source, "asserted"
            claim_source = []
        # PLOVER: a promise of future cooperation is AGREE; of future conflict, THREATEN;
        # "will withdraw ... unless" is a conditional threat. Only the actor can promise or threaten:
        # "Israel would strike Iran, analysts said" is someone else's forecast, not Israel's threat
        speakers = {c.code for c in claim_source}
        foretold = reporter is not None and (
            (claim_source and not speakers <= {a.code for a in r.actor} | self._members(r.actor))
            or clauses.forecaster(_subject(reporter)[0]))
        if foretold:
            if mod == "asserted" and claim_source and \
                    not {c.code for c in claim_source} & {a.code for a in r.actor}:
                mod = "reported"         # "Beijing said Washington had sent warships": China's claim
        elif mod == "future" and clauses.conditional(verb, {"unless"}):
            event, mode, mod = "THREATEN", None, "asserted"
        elif mod in ("future", "hypothetical") and event in clauses.MATERIAL_CONFLICT \
                and clauses.conditional(verb, {"if", "unless"}):
            # "could cut gas supplies if Chisinau refuses to pay": a conditional sanction is a threat
            event, mode, mod = "THREATEN", _threat_mode(event, mode), "asserted"
        elif mod == "future" and event in clauses.COOPERATIVE_MATERIAL:
            event, mode, mod = "AGREE", None, "asserted"
        elif mod == "future" and event in clauses.VIOLENT:
            event, mode, mod = "THREATEN", None, "asserted"
        elif mod == "future" and event == "SANCTION" and not _dated(sent, verb):
            # "said they would boycott all contact", "will withdraw inspectors": a statement of intent to cut
            # ties is a threat; a measure with its date ("tariffs from April 10") is a scheduled sanction
            event, mode, mod = "THREATEN", _threat_mode(event, mode), "asserted"
        # "refused to rule out force", "did not rule out": a threat, not a rejection
        if event == "REJECT" and (clauses.rules_out(verb) and mod == "negated" or
                                  any(c.dep_ == "xcomp" and clauses.rules_out(c) for c in verb.children)):
            if any(t.lemma_.lower() in clauses.COOPERATION_WORDS for t in verb.subtree):
                event, mode, mod = "AGREE", None, "hypothetical"    # "did not rule out cooperation"
            else:
                event, mode, mod = "THREATEN", None, "asserted"
        # "vowed not to return the Golan Heights": a promise to withhold cooperation rejects it
        # ("pledged not to attack" stays a cooperative promise)
        if event == "AGREE" and trig.event == "AGREE":
            comp = next((c for c in verb.children if c.dep_ == "xcomp" and any(n.dep_ == "neg" for n in c.children)), None)
            inner = triggers.match(comp, self.lexicon) if comp is not None else None
            if inner is not None and inner.event in clauses.COOPERATIVE_MATERIAL | {"AGREE", "CONSULT"}:
                event, mode = "REJECT", None
            # "vowed to retaliate against Israel", "vowed to reclaim the Essequibo": a promise of conflict
            elif comp is None and clauses.promises_conflict(verb, self.lexicon):
                event, mode = "THREATEN", None
        if event == "CONSULT" and mode is None and clauses.by_phone(verb):
            mode = "phone"                   # "discussed the border situation by phone"
        if trig.role == "exercise":
            joint = len(r.actor) > 1 or any(c.lower_ in ("joint", "combined") for c in verb.subtree)
            if joint:
                event, mode = "COOPERATE", None
                # partners are those drilling 'with' the actor; 'over the Sea of Japan' is only a place
                partners = [x for p in verb.subtree if p.dep_ == "prep" and p.lower_ == "with"
                            for g in p.children if g.dep_ == "pobj" for x in mentions.actors_of(g)]
                r.actor, r.recipient = r.actor + [x for x in partners if x.code not in
                                                  {a.code for a in r.actor}], []
        # the same verb is a street protest for citizens and a diplomatic act for governments
        if event == "ACCUSE" and verb.lemma_.lower() == "protest" and not clauses.governmental(r.actor):
            event, mode, context = "PROTEST", "demo", ()
        elif event == "PROTEST" and mode == "riot" and any(a.sector in ("MIL", "COP") for a in r.actor):
            event, mode, context = "ASSAULT", None, ("military",)    # "commandos stormed the compound"
        elif event == "PROTEST" and mode in ("obstruct", "boycott") and clauses.governmental(r.actor):
            event, mode, context = "REJECT", None, ("diplomatic",)
        if event == "SANCTION" and clauses.has_domestic_target(verb) and \
                all(x.code in {a.code for a in r.actor} for x in r.recipient):
            event, mode, context = "COERCE", "ban", ("human_rights",)   # banning the opposition at home
        if len(r.recipient) < 2:
            between = [x for x in clauses.between_parties(verb, mentions) if x.code not in {a.code for a in r.actor}]
            if len(between) >= 2:
                r.recipient = between            # "hosted talks between Israel and Hamas": both are met
        syntactic_recipient = bool(r.recipient)
        if trig.role == "place" and not r.recipient:
            r.recipient = _place_country(verb, mentions)
        if not r.recipient:
            r.recipient = fallback_recipient(verb, mentions, {a.code for a in r.actor}, r.actor_tokens,
                                             venues=event not in clauses.MEETINGS or mode == "visit",
                                             purposes=event not in clauses.DOMESTIC)
        if not r.recipient and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
            # "missiles hit Kyiv, killing five": the participle's victims are its head's target
            r.recipient = fallback_recipient(verb.head, mentions, {a.code for a in r.actor}, r.actor_tokens)
        if armed_local and not r.recipient:
            r.recipient = [replace(r.actor[0], sector="", text="")]   # fighting at home: the state is the target
        if event == "ASSAULT" and not r.recipient and clauses.missile_launch(verb):
            event, mode = "MOBILIZE", "weapons"     # "fired a ballistic missile into the sea": a show of force
        if trig.role == "targeted" and not r.recipient and event not in clauses.DOMESTIC \
                and not clauses.addresses_partners(verb) \
                and len({a.code for a in r.actor}) < 2 \
                and not clauses.targets_own_side(verb, mentions, r.actor) \
                and not (clauses.governmental(r.actor) and clauses.has_domestic_target(verb)):
            return None                  # "asked me to bake a cake" is not a REQUEST between states
        if event == "CONSULT" and not r.recipient and len({a.code for a in r.actor}) < 2:
            return None                  # "Israel's cabinet met": a body meeting by itself consults no one
        if all(a.sector in clauses.PRIVATE_SECTORS for a in r.actor) and \
                all(x.code in {a.code for a in r.actor} for x in r.recipient):
            return None                  # companies or media acting at home are not international politics
        if event in ("CONSULT", "AGREE") and all(a.sector in clauses.PRIVATE_SECTORS | {"CVL"} for a in r.actor):
            return None                  # tourists visiting Paris, an airline resuming flights: not diplomacy
        # an actor does not act on itself through the same words ("Russia ... Russia's")
        r.recipient = [x for x in r.recipient if all(x.code != a.code for a in r.actor)
                       or x.sector != r.actor[0].sector]
        if event in clauses.RECIPROCAL and len({a.code for a in r.actor}) > 1:
            # "Israel and Lebanon renewed talks on an Israeli pullback": the parties do not receive their own act
            r.recipient = [x for x in r.recipient if x.code not in {a.code for a in r.actor}]
        if not r.recipient and r.subject is not None:
            # "Israeli strikes on Gaza killed 40 people": the attack noun names its target
            r.recipient = [x for x in clauses.attack_target(r.subject, mentions)
                           if x.code not in {a.code for a in r.actor}]
        if not r.recipient and learned_roles:
            r.recipient = [x for x in learned_roles if x.code not in {a.code for a in r.actor}]
        loc = places.event_location(sent, verb, r.actor_tokens)
        if event == "CONSULT" and mode is None and loc is not None and loc.country:
            mode, r.actor, r.recipient = _meeting_direction(loc.country, r.actor, r.recipient)
        if not r.recipient and loc and loc.country and event in clauses.PLACE_TARGETED \
                and all(a.code != loc.country for a in r.actor):
            r.recipient = [ActorRef(code=loc.country, text=loc.name, name=loc.name, sector="", kind="state")]
        if not r.recipient and (explicit or event in clauses.DOMESTIC or trig.event in clauses.DOMESTIC
                                or clauses.has_domestic_target(verb)) \
                and (event not in clauses.RECIPROCAL or (event not in clauses.MEETINGS and clauses.has_domestic_target(verb))) \
                and not (event == "AGREE" and trig.event != "AGREE") \
                and (event in clauses.DOMESTIC or not clauses.governmental(r.actor) or clauses.armed_groups(r.actor)
                     or clauses.has_domestic_target(verb)):
            # with no one else named, the act is domestic ("the government accused rebels of ...")
            internal = [a for a in r.actor if a.kind in ("state", "leader")]
            if internal:
                r.recipient = [replace(internal[0], sector="", text="")]
            elif clauses.armed_groups(r.actor):      # "Hezbollah fighters killed a militia chief": at home
                home = r.actor[0].code
                r.recipient = [ActorRef(code=home, text="", name=self._state_name(home), sector="", kind="state")]
        if event in clauses.NEEDS_RECIPIENT and not r.recipient and len({a.code for a in r.actor}) < 2 \
                and mode != "withdraw":
            return None                  # PLOVER: aid, cooperation and sanctions are always towards someone
        if clauses.historical(verb):            # "75 years since X established relations", "after Russia invaded"
            when, precision = dates.event_date(sent, verb, None, future=False, locale=locale)
        else:
            when, precision = dates.event_date(sent, verb, art.date, future=mod == "future", locale=locale)
        feats = features(explicit_actor=explicit, has_recipient=bool(r.recipient),
                         syntactic_recipient=syntactic_recipient and bool(r.recipient),
                         specific_trigger=trig.specificity > 0, depth=_depth(verb), modality=mod,
                         n_tokens=len(sent), event_noun=trig.verb == "*")
        return Event(
            id="", doc_id=art.id, event=event, actor=tuple(r.actor), recipient=tuple(r.recipient),
            mode=mode, context=context, modality=mod, date=when, date_precision=precision, location=loc,
            cameo=ontology.plover_to_cameo(event, mode, context, host=trig.role == "host"),
            intensity=ontology.score(event, mode),
            sentence=sent.text, span=(offset, offset + len(sent.text)), trigger=_trigger_text(verb),
            confidence=confidence(feats),
            features=tuple(feats.items()),
            source_of_claim=tuple(claim_source), coder=CODER_VERSION,
        )


_DEMAND = lexicon.Trigger("say", None, frozenset(), "REQUEST", None, ("diplomatic",), "normal")


def _speaker_demands(sent: Span) -> list[tuple[Token, lexicon.Trigger]]:
    """"Russia said Sudan must return the helicopter": a statement of obligation is the speaker's demand."""
    out = []
    for t in sent:
        if t.lemma_.lower() not in REPORT_VERBS or t.pos_ != "VERB":
            continue
        for c in t.children:
            if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in clauses.OBLIGATION for a in c.children):
                out.append((t, _DEMAND))
                break
    return out


def _locale(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    tld = host.rsplit(".", 1)[-1]
    if tld in ("com", "org", "net", "gov", "edu", "mil"):
        return "us" if tld in ("gov", "mil", "edu") else None
    return tld or None


def _subject(verb: Token) -> tuple[Token | None, bool]:
    from multipolar.coding.roles import subject_of
    return subject_of(verb)


def _reporting_head(verb: Token) -> Token | None:
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


def _meeting_in_setting(verb: Token, ev: Event, mentions: Mentions) -> Event | None:
    """The CONSULT implied by where an act took place: 'congratulated Trump in a phone call' (with the
    act's recipient), 'praised the plan during talks with Xi' (with the partner named after 'with')."""
    if ev.event == "CONSULT" or ev.modality != "asserted":
        return None
    found = clauses.meeting_setting(verb)
    if found is None:
        return None
    noun, mode, partner = found
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


# SANCTION mode -> THREATEN mode (PLOVER's THREATEN table: what is threatened)
_THREAT_MODE = {"withdraw": "relations", "cancel": "relations", "sever": "relations", "expel": "expel",
                "convict": "arrest"}


def _meeting_direction(place: str, actor: list[ActorRef], recipient: list[ActorRef]
                       ) -> tuple[str | None, list[ActorRef], list[ActorRef]]:
    """PLOVER: the visitor is the actor, the host the recipient. Where two states meet says who hosts:
    "Raisi met Putin in Tehran" is Putin's visit (RUS -> IRN); in a third state it is a third-party meeting."""
    a, b = {x.code for x in actor}, {x.code for x in recipient}
    if len(a) != 1 or len(b) != 1 or a == b:
        return None, actor, recipient
    if place in a:
        return "visit", recipient, actor
    if place in b:
        return "visit", actor, recipient
    return "third-party", actor, recipient


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


def _threat_mode(event: str, mode: str | None) -> str:
    """The THREATEN mode (PLOVER's table: what is threatened) of a threatened act."""
    if event == "ASSAULT":
        return "violence"
    if event == "COERCE" and mode in ("ban", "arrest", "restrict"):
        return mode
    return _THREAT_MODE.get(mode, "restrict")


def _forces(subject: Token | None) -> bool:
    """'Kenyan police officers', 'a contingent of police': a body of men, not one official ('the police chief')."""
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or subject.lemma_.lower() in QUANTITIES
                                    or subject.lemma_.lower() == "police")


def _dated(sent, verb) -> bool:
    """Does the clause carry its own date ("from April 10", "on Friday")?"""
    inside = {t.i for t in verb.subtree}
    return any(ent.label_ in ("DATE", "TIME") and ent.root.i in inside for ent in sent.ents)


_GOVERNING = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE"}
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "conj", "pobj", "prep", "acomp", "dobj", "advcl"}


def _denied(verb: Token) -> bool:
    return verb.head.i != verb.i and verb.head.lemma_.lower() == "deny" and (
        (verb.dep_ == "xcomp" and verb.tag_ == "VBG") or verb.dep_ == "ccomp")


def _drop_governed(found: list[tuple[Token, lexicon.Trigger]]) -> list[tuple[Token, lexicon.Trigger]]:
    """A trigger in the complement of another trigger ("agreed to send", "urged X to withdraw",
    "refused to allow ... to evacuate", "accused X of violating") is part of that event, not one of its own."""
    by_i = {v.i: t for v, t in found}
    # "denied supplying drones", "denied that it had attacked": the denial is about the embedded act,
    # which is coded itself (negated); the denial yields to it
    denials = {v.head.i for v, _ in found if _denied(v) and v.head.i in by_i}
    found = [(v, t) for v, t in found if v.i not in denials]
    kept = []
    for v, t in found:
        if _denied(v):
            kept.append((v, t))
            continue
        governed, cur = False, v
        for _ in range(6):
            if cur.dep_ not in _COMPLEMENT_DEPS or cur.head.i == cur.i:
                break
            parent = cur.head
            reported = cur.dep_ == "ccomp" and parent.lemma_.lower() in REPORT_VERBS
            if parent.i in by_i and (cur.dep_ == "xcomp" or by_i[parent.i].event in _GOVERNING) \
                    and cur.dep_ != "conj" and not reported:
                governed = True
                break
            cur = parent
        if not governed:
            kept.append((v, t))
    return kept


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        if tok.dep_ not in ("conj", "xcomp", "ccomp", "aux"):
            d += 1
        tok = tok.head
    return d


_CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "conj", "parataxis"}


def _own_clause(verb: Token) -> bool:
    """A clause with its own named subject tells its own story ("Belarus freed prisoners hours after
    Kellogg met Lukashenko"); a deeper trigger without one is a detail of the main event."""
    if verb.dep_ not in _CLAUSE_DEPS or clauses.historical(verb):
        return False
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and (subj.pos_ in ("PROPN", "NOUN") or verb.dep_ == "relcl")


def _select(cands: list[tuple[Token, Event]]) -> list[Event]:
    """One story, one event per clause: keep the highest triggers and their coordinated verbs."""
    if not cands:
        return []
    top = min(_depth(v) for v, _ in cands)
    kept, seen = [], set()
    for v, ev in cands:
        if _depth(v) > top and not _own_clause(v):
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


def _place_country(verb: Token, mentions: Mentions) -> list[ActorRef]:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "at"):
            for g in prep.children:
                if g.dep_ == "pobj":
                    refs = mentions.actors_of(g)
                    if refs:
                        return [replace(refs[0], sector="GOV")]
                    loc = places.lookup(g.text if g.ent_type_ == "" else _ent_text(g))
                    if loc and loc.country:
                        return [ActorRef(code=loc.country, text=g.text, name=loc.name, kind="state")]
    return []


def _ent_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return ent.text
    return tok.text


def _trigger_text(verb: Token) -> str:
    parts = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
