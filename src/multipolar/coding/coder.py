"""The coder: article text in, PLOVER events out.

A sentence goes through named stages over one candidate record per trigger (coding/candidate.py):
detect (detect.py, the detector) -> senses, roles (stage_roles.py) -> classify (stage_classify.py) ->
modality, compose (stage_modality.py) -> recipients, places, dates (stage_recipients.py) -> select (select.py).
Speed: only sentences holding an actor phrase (or a pronoun) and an inflected trigger verb are parsed.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from urllib.parse import urlparse

from spacy.tokens import Doc, Span, Token

from multipolar.actors import Roster
from multipolar.coding import CODER_MODES, candidate, detector, lexicon, places, polarity, relevance, triggers, words
from multipolar.coding import stage_classify, stage_modality, stage_recipients, stage_roles  # noqa: F401 (rules)
from multipolar.coding.candidate import Candidate
from multipolar.coding.clauses import sports
from multipolar.coding.confidence import confidence, features
from multipolar.coding.context import Context
from multipolar.coding.detect import sentence_triggers, unconfirmed
from multipolar.coding.headline import name_test, sentence_case
from multipolar.coding.topic import fill_recipients
from multipolar.coding.features import mention_spans
from multipolar.coding.mentions import Mentions, matcher
from multipolar.coding.roles import REPORT_VERBS
from multipolar.coding.select import depth, meeting_in_setting, select
from multipolar.dateline import dateline_end
from multipolar.model import Article, ActorRef, Event, CODER_VERSION
from multipolar.nlp import pipeline, split_sentences
from multipolar import ontology

_PRONOUN_WORDS = words.of("pronoun_words")
_WORD_SPLIT = re.compile(r"[\s/\u2014\u2013]+|(?<=[a-z])-(?=[a-z])")
_STRIP = ".,;:!?\"'()[]{}\u201c\u201d\u2018\u2019`"
LEARNED_RECIPIENT_SURE = 0.4   # role-model recipient bar (re-measured at the seventh session: docs/coding.md)


class Coder:
    """Stateless between articles; holds the loaded pipeline, lexicon and roster."""

    MODES = CODER_MODES

    def __init__(self, *, prefilter: bool = True, mode: str = "combined", model_path: str | None = None,
                 gate: bool = True):
        """mode: "rules" (the trigger lexicon alone), "model" (the learned detector decides which tokens are
        triggers), "combined" (the detector's confident detections, plus the lexicon's triggers whose type it
        finds likely enough: the confirm threshold). gate: skip stories the detector's relevance model judges
        off-topic (not in "rules")."""
        if mode not in self.MODES:
            raise ValueError(f"unknown coder mode {mode!r}; use one of {', '.join(self.MODES)}")
        self.prefilter, self.nlp, self.lexicon, self.roster = prefilter, pipeline(), lexicon.load(), Roster.load()
        self.detector = detector.load(model_path) if mode != "rules" else None
        self.mode = mode if self.detector is not None else "rules"
        self.gate = gate and self.mode != "rules"
        self.off_topic = 0                             # stories skipped by the relevance gate, this process
        self.dropped: list[tuple[int, str, str]] | None = None   # a list to trace (offset, type, rule) of drops
        self._event_prob: dict[int, float] = {}      # detector's event probability per token, this sentence
        self._learned_ids: set[int] = set()            # tokens only the detector made triggers, this sentence
        learned = set(self.detector.meta.get("trigger_lemmas", ())) if self.detector is not None else set()
        self.forms = lexicon.surface_forms(self.lexicon.lemmas.difference(("*", "@")) | REPORT_VERBS | triggers.LIGHT_VERBS
                                           | triggers.ASPECT_VERBS | learned
                                           | {p + s for s in triggers.AGAIN_STEMS & self.lexicon.lemmas
                                              for p in ("re", "re-")})
        self.actor_grams = frozenset(" ".join(self._words(p)) for p in self.roster.phrases())
        self._is_name = name_test(self.actor_grams, places.lookup)
        matcher()                       # build once, up front

    # ---- selection of sentences to parse ---------------------------------------------------------

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
            on_topic = not self.gate or self.detector.relevant([art.text[s:e] for s, e in spans[:relevance.LEAD]])
            self.off_topic += not on_topic                # off-topic: no sentence is parsed (coding/relevance.py)
            for s, e in (spans if on_topic else []):
                s = dateline_end(art.text, s, e) or s     # "MOSCOW, July 9 — ": the place and date, not a party
                words = self._words(art.text[s:e])
                named = not self.prefilter or self._names_actor(words)
                if not self.prefilter or (not self.forms.isdisjoint(words)
                                          and (named or (seen and not _PRONOUN_WORDS.isdisjoint(words)))):
                    cands.append((s, e))
                seen = seen or named
            plans.append((art, len(spans), cands))
        texts = [self.parse_text(art.text[s:e]) for art, _, cands in plans for s, e in cands]
        docs = list(self.nlp.pipe(texts, batch_size=256))     # the encoders run batched over the group
        docs = self.detector.prepare(docs) if self.detector is not None else docs
        arts = [art for art, _, cands in plans for _ in cands]
        found = [self._triggers(d, art) for d, art in zip(docs, arts)]
        if self.detector is not None:             # the role encoder, batched over every trigger of the group
            self.detector.prepare_roles([(p[0].by_token, [(v, t.event) for v, t in p[1]]) for p in found if p])
        sentences = iter(zip(docs, found))
        for art, n_sent, cands in plans:
            events: list[Event] = []
            ctx = Context()
            locale = _locale(art.url)
            for s, e in cands:
                for ev in self._code_sentence(*next(sentences), s, art, ctx, locale):
                    events.append(replace(ev, id=f"{art.hash}-{len(events)}",
                                          sentence=art.text[ev.span[0]:ev.span[1]]))   # as written, not as parsed
            yield n_sent, fill_recipients(events, ctx.seen)   # article stage: aimless acts take the topic state

    def parse_text(self, sentence: str) -> str:
        """What the parser sees: a Title Case headline in sentence case (coding/headline.py), same length."""
        return sentence_case(sentence, self._is_name)

    # ---- one sentence ---------------------------------------------------------------------------

    def _triggers(self, doc: Doc, art: Article) -> tuple | None:
        """The sentence's mentions and triggers (the lexicon's, the speaker's demands, the detector's), the
        detector's event probability per token and the tokens only it made triggers; None for a sentence that
        names no one and holds no pronoun, or tells a sports fixture."""
        sent = doc[:]
        mentions = Mentions(sent, art.date, art.text)
        if (not mentions and not any(t.lower_ in _PRONOUN_WORDS for t in doc)) or sports(sent):
            return None   # "the Bajans will oppose Antigua and Barbuda on June 2" is a fixture
        return (mentions, *sentence_triggers(sent, mentions.by_token, self.lexicon, self.detector, self.mode))

    def _code_sentence(self, doc: Doc, plan: tuple | None, offset: int, art: Article, ctx: Context,
                       locale: str | None) -> list[Event]:
        if plan is None or (not plan[0] and not ctx.seen):
            return []
        sent = doc[:]
        mentions, found, probs, self._learned_ids = plan
        self._event_prob = probs
        if self.dropped is not None:                  # tracing only: the lexicon's triggers that were not kept
            for _, trig in unconfirmed(sent, self.lexicon, found):
                self._trace(offset, trig.event, "not kept (detector or governed)")
        out = []
        for verb, trig in found:
            effect = polarity.embedding(verb)
            if effect == "drop":         # "resisted calls to condemn": nobody condemned
                self._trace(offset, trig.event, "embedding")
                continue
            ev = self._event(verb, trig, sent, mentions, art, ctx, locale, offset)
            if ev is not None:
                ev = replace(ev, features=ev.features + (("detector", probs.get(verb.i, -1.0)),))
                if effect is not None and ev.modality == "asserted":     # "the prospect of troops fighting"
                    ev = replace(ev, modality=effect, features=ev.features + (("rule:embedding", 1.0),))
                out.append((verb, ev))
                setting = meeting_in_setting(verb, ev, mentions)
                if setting is not None:
                    out.append((verb, setting))
        ctx.remember(mentions.all(), offset)
        spans = mention_spans(mentions.by_token)
        ctx.remember_sentence(doc, spans)
        root_subject = next((c for t in sent if t.dep_ == "ROOT" for c in t.children
                             if c.dep_ in ("nsubj", "nsubjpass")), None)
        if root_subject is None or root_subject.lower_ not in ("he", "she"):   # "He then ..." keeps its antecedent
            ctx.subject = (offset, mentions.actors_of(root_subject)) if root_subject is not None else None
        return select(out)

    def _trace(self, offset: int, event: str, rule: str) -> None:
        if self.dropped is not None:
            self.dropped.append((offset, event, rule))

    def learned_recipient(self, verb: Token, event: str, mentions: Mentions, actors: set[str], ctx: Context):
        if self.detector is None or self.mode == "rules":
            return []
        return self.detector.learned_recipients(verb, event, mentions.by_token, actors, LEARNED_RECIPIENT_SURE, ctx)

    def _event(self, verb: Token, trig: lexicon.Trigger, sent: Span, mentions: Mentions, art: Article,
               ctx: Context, locale: str | None, offset: int) -> Event | None:
        """One candidate through every stage (candidate.run); None when a rule says it is no event."""
        c = Candidate(verb, trig, sent, mentions, art, ctx, locale, offset, self)
        if not candidate.run(c):
            self._trace(offset, c.event or trig.event, c.fired[-1] if c.fired else "?")
            return None
        r = c.r
        feats = features(explicit_actor=c.explicit, has_recipient=bool(r.recipient),
                         syntactic_recipient=c.syntactic_recipient and bool(r.recipient),
                         specific_trigger=trig.specificity > 0, depth=depth(verb), modality=c.mod,
                         n_tokens=len(sent), event_noun=trig.verb == "*")
        return Event(
            id="", doc_id=art.id, event=c.event, actor=tuple(r.actor), recipient=tuple(r.recipient),
            mode=c.mode, context=c.context, modality=c.mod, date=c.date, date_precision=c.precision,
            location=c.loc, cameo=ontology.plover_to_cameo(c.event, c.mode, c.context, host=trig.role == "host"),
            intensity=ontology.score(c.event, c.mode),
            sentence=sent.text, span=(offset, offset + len(sent.text)), trigger=_trigger_text(verb),
            confidence=confidence(feats),
            features=tuple(feats.items()) + tuple((f"rule:{name}", 1.0) for name in c.fired),
            source_of_claim=tuple(c.claim_source), coder=CODER_VERSION,
        )


def _locale(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    tld = host.rsplit(".", 1)[-1]
    if tld in ("com", "org", "net", "gov", "edu", "mil"):
        return "us" if tld in ("gov", "mil", "edu") else None
    return tld or None


def _trigger_text(verb: Token) -> str:
    parts = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return " ".join(t.text for t in sorted(parts, key=lambda t: t.i))
