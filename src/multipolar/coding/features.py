"""Features of a candidate trigger token for the learned detector: the word, its parse neighbourhood, what the
rule lexicon and PETRARCH2's verb dictionary say of it, and the clauses that embed it ("resisted calls to ...")."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from multipolar.coding import triggers, words
from multipolar.coding.lexicon import Lexicon
from multipolar import tsv
from multipolar.errors import DataFileError

DATA = Path(__file__).parent / "data"
CANDIDATE_POS = frozenset({"VERB", "NOUN"})
_CHILD_DEPS = frozenset({"dobj", "prt", "neg", "aux", "auxpass", "xcomp", "ccomp", "nsubj", "nsubjpass", "agent",
                         "dative", "acomp", "attr", "amod", "compound", "advmod", "mark"})
_EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "pobj", "prep", "acl", "relcl", "conj", "dobj"})


@lru_cache(maxsize=1)
def petrarch() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """PETRARCH2 verb -> PLOVER type, and (verb, object word) -> PLOVER type (coding/data/petrarch_verbs.tsv)."""
    bare: dict[str, str] = {}
    with_object: dict[tuple[str, str], str] = {}
    path = DATA / "petrarch_verbs.tsv"
    for n, cols in tsv.lines(path):
        if len(cols) != 5:
            raise DataFileError(f"{path.name}:{n}: expected 5 columns (verb, object, cameo, plover, mode)")
        verb, obj, _, event, _ = cols
        if obj:
            with_object[(verb, obj)] = event
        else:
            bare[verb] = event
    return bare, with_object


AUXILIARY_VERBS = words.of("auxiliary_verbs")    # carry tense or aspect, never an event type by themselves


def maybe_candidate(tok: Token) -> bool:
    """A verb or noun word that may tell an event, whatever the actor mentions of its sentence."""
    return tok.pos_ in CANDIDATE_POS and tok.is_alpha and len(tok) > 2 and tok.lemma_.lower() not in AUXILIARY_VERBS


def is_candidate(tok: Token, mention_tokens) -> bool:
    return tok.i not in mention_tokens and maybe_candidate(tok)


def token_features(tok: Token, lexicon: Lexicon, mention_tokens, subject_named: bool) -> list[str]:
    lem = tok.lemma_.lower()
    f = [f"l={lem}", f"p={tok.pos_}", f"lp={lem}|{tok.pos_}", f"d={tok.dep_}", f"ld={lem}|{tok.dep_}",
         f"t={tok.tag_}"]
    if tok.head.i != tok.i:
        f += [f"h={tok.head.lemma_.lower()}|{tok.dep_}", f"hp={tok.head.pos_}|{tok.dep_}"]
    objects = []
    for c in tok.children:
        if c.dep_ == "prep":
            f.append(f"prep={lem}|{c.lower_}")
            for g in c.children:
                if g.dep_ == "pobj":
                    objects.append(c.lower_)
                    f.append(f"pobj={c.lower_}|{g.lemma_.lower()}")
                    if g.i in mention_tokens:
                        f.append(f"pobjA={c.lower_}")
        elif c.dep_ in _CHILD_DEPS:
            f += [f"c={c.dep_}|{c.lemma_.lower()}", f"cd={c.dep_}"]
            if c.dep_ in ("dobj", "prt", "neg"):
                f.append(f"lc={lem}|{c.dep_}|{c.lemma_.lower()}")
            if c.dep_ == "dobj":
                objects.append(c.lemma_.lower())
                objects.append(c.lower_)
            if c.dep_ in ("dobj", "dative") and c.i in mention_tokens:
                f.append("objA")
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and c.i in mention_tokens:
                f.append("subjA")
    if subject_named:
        f.append("sentA")
    f += _rule_features(tok, lexicon, lem, objects)
    f += _embedding(tok)
    i = tok.i - tok.sent.start if tok.sent is not None else tok.i
    f.append(f"w-1={tok.nbor(-1).lower_}" if i > 0 else "w-1=<s>")
    f.append(f"w+1={tok.nbor(1).lower_}" if tok.i + 1 < len(tok.doc) else "w+1=</s>")
    return f


def _rule_features(tok: Token, lexicon: Lexicon, lem: str, objects: list[str]) -> list[str]:
    f = []
    trig = triggers.match(tok, lexicon)
    if trig is not None:
        f += [f"lex={trig.event}", f"lexm={trig.event}|{trig.mode}", f"lexr={trig.role}"]
    if tok.pos_ == "NOUN" and lem in lexicon.noun_events:
        f.append(f"lexn={lexicon.noun_events[lem]}")
    bare, with_object = petrarch()
    if lem in bare:
        f.append(f"pv={bare[lem]}")
    for o in objects:
        if (lem, o) in with_object:
            f.append(f"pvo={with_object[(lem, o)]}")
            break
    return f


def _embedding(tok: Token) -> list[str]:
    """The words that govern the token's clause, up to three steps: 'resisted calls to condemn', 'refused to
    meet', 'the prospect of troops fighting', 'if', 'denied'."""
    f = []
    cur = tok
    for step in range(3):
        if cur.head.i == cur.i or cur.dep_ not in _EMBEDDING_DEPS:
            break
        head = cur.head
        f.append(f"anc{step}={head.lemma_.lower()}|{cur.dep_}")
        f.append(f"anc={head.lemma_.lower()}")
        cur = head
    for c in tok.children:
        if c.dep_ == "mark":
            f.append(f"mark={c.lower_}")
    return f


def passive(trigger: Token) -> bool:
    """A passive trigger ("was urged", "were shelled"): its subject undergoes the act."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)


def named_agent(trigger: Token) -> bool:
    """A passive whose doer is named ("was attacked by rebels"): the parse has the actor, the role model is not
    asked; in an agentless passive ("were detained in Minsk") it may name one from elsewhere in the sentence."""
    return any(c.dep_ == "agent" for c in trigger.children)


def mention_spans(by_token) -> list[tuple[int, int, object]]:
    """The distinct mentions of a sentence: (start, end, ActorRef)."""
    return sorted(set(by_token.values()), key=lambda m: m[0])


def window(before, before_spans: list, doc, spans: list) -> tuple[str, int, list[tuple[int, int]]]:
    """Two parsed sentences read as one text by the role encoder (training and coding alike): the text, where the
    second sentence starts in it, and the character spans of the mentions of both, the first sentence's first."""
    shift = len(before.text) + 1
    chars = [(d[s].idx + at, d[e - 1].idx + len(d[e - 1]) + at)
             for d, at, group in ((before, 0, before_spans), (doc, shift, spans)) for s, e, _ in group]
    return before.text + " " + doc.text, shift, chars


def span_head(doc, start: int, end: int) -> Token:
    inside = range(start, end)
    return next((doc[i] for i in inside if doc[i].head.i not in inside or doc[i].head.i == i), doc[start])


def _path(a: Token, b: Token, limit: int = 5) -> str:
    """The dependency path from mention head `a` up to the common ancestor and down to trigger `b`."""
    up_a = [a] + list(a.ancestors)
    up_b = [b] + list(b.ancestors)
    ids_b = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in ids_b:
            rise = [x.dep_ + (f"({x.head.lower_})" if x.dep_ == "pobj" else "") for x in up_a[:k]]
            fall = [x.dep_ for x in up_b[:ids_b[t.i]]][::-1]
            if len(rise) + len(fall) > limit:
                return "long"
            return "^".join(rise) + ">" + "v".join(fall)
    return "none"


def pair_features(trigger: Token, event: str, start: int, end: int, ref, n_mentions: int) -> list[str]:
    """Features of a (trigger, mention) pair for the learned role assigner."""
    head = span_head(trigger.doc, start, end)
    side = "L" if end <= trigger.i else "R"
    gap = trigger.i - end if side == "L" else start - trigger.i
    dist = "1" if gap <= 1 else "3" if gap <= 3 else "6" if gap <= 6 else "12" if gap <= 12 else "far"
    path = _path(head, trigger)
    kind = getattr(ref, "kind", "") or ""
    sector = getattr(ref, "sector", "") or ""
    lem = trigger.lemma_.lower()
    return [f"side={side}", f"dist={side}{dist}", f"path={path}", f"ev_path={event}|{path}",
            f"ev_side={event}|{side}", f"dep={head.dep_}", f"ev_dep={event}|{head.dep_}",
            f"hd={head.head.lower_}|{head.dep_}", f"kind={kind}", f"sector={sector}", f"ev_kind={event}|{kind}",
            f"tp={trigger.pos_}|{side}", f"lem_side={lem}|{side}", f"n={min(n_mentions, 4)}",
            f"first={start == min(start, trigger.i)}",
            f"voice={'pass' if passive(trigger) else 'act'}|{side}"] \
        + _attachment(trigger, head, event)


def _attachment(trigger: Token, head: Token, event: str) -> list[str]:
    """How the mention hangs on the trigger or on the clause that governs it: "Russia's invasion" (poss),
    "Israeli strikes" (amod), "attacked by X" (agent), "talks with X" (prep), the speaker of "X said ..."."""
    f = []
    if head.head.i == trigger.i:
        rel = head.dep_ + (f"({head.head.lower_})" if head.dep_ == "pobj" else "")
        f += [f"att={rel}", f"ev_att={event}|{rel}"]
    elif head.dep_ == "pobj" and head.head.head.i == trigger.i:
        f += [f"att=prep({head.head.lower_})", f"ev_att={event}|prep({head.head.lower_})"]
    gov = trigger
    for _ in range(3):                        # the clause that reports or governs the trigger
        if gov.head.i == gov.i or gov.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl", "dobj", "pobj",
                                                   "prep"):
            break
        gov = gov.head
        if head.head.i == gov.i and head.dep_ in ("nsubj", "nsubjpass"):
            f += [f"govsubj={gov.lemma_.lower()}", f"ev_govsubj={event}|{head.dep_}"]
            break
    if head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT":
        f.append(f"rootsubj={event}")
    return f


def earlier_features(trigger: Token, event: str, back: int, dep: str, root_subject: bool, ref,
                     n_here: int) -> list[str]:
    """Features of a mention `back` parsed sentences before the trigger's, as the trigger's actor."""
    kind = getattr(ref, "kind", "") or ""
    has_subject = any(c.dep_ == "nsubj" for c in trigger.children)
    return [f"b={back}", f"dep={dep}", f"rs={root_subject}", f"ev={event}", f"kind={kind}",
            f"ev_rs={event}|{root_subject}", f"subj={has_subject}", f"pass={passive(trigger)}", f"nh={min(n_here, 2)}",
            f"bdep={back}|{dep}", f"tp={trigger.pos_}", f"lem={trigger.lemma_.lower()}", f"ev_kind={event}|{kind}"]


def sentence_mentions(doc, spans) -> list[tuple[object, str, bool]]:
    """A parsed sentence's mentions as later sentences see them: (ActorRef, dependency of its head, whether it is
    the subject of the sentence's root)."""
    out = []
    for start, end, ref in spans:
        head = span_head(doc, start, end)
        out.append((ref, head.dep_, head.dep_ in ("nsubj", "nsubjpass") and head.head.dep_ == "ROOT"))
    return out
