"""The trigger lexicon (coding/data/triggers.tsv), loaded and checked once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from multipolar import tsv
from multipolar.errors import DataFileError
from multipolar.ontology import EVENT_TYPES, Ontology

DATA = Path(__file__).parent / "data"
ROLES = ("normal", "host", "place", "military", "exercise", "targeted")


@dataclass(frozen=True)
class Trigger:
    verb: str                        # verb lemma
    particle: str | None             # particle/preposition that must follow ("out", "for")
    objects: frozenset[str]          # direct-object lemmas required (empty: any)
    event: str
    mode: str | None
    context: tuple[str, ...]
    role: str

    @property
    def specificity(self) -> int:
        """More specific patterns win: object-constrained > particle > bare verb."""
        return 2 if self.objects else 1 if self.particle else 0


@dataclass(frozen=True)
class Lexicon:
    by_verb: dict[str, tuple[Trigger, ...]]
    form_lemma: dict[str, str]          # inflected form -> lemma, for when the tagger's lemma is wrong ("stag")

    def candidates(self, lemma: str) -> tuple[Trigger, ...]:
        return self.by_verb.get(lemma, ())

    @property
    def lemmas(self) -> frozenset[str]:
        return frozenset(self.by_verb)

    @cached_property
    def noun_events(self) -> dict[str, str]:
        """Event noun -> type of the first light-verb (`*`) or aspect (`@`) row naming it ("sanctions", "riots")."""
        out: dict[str, str] = {}
        for t in self.candidates("*") + self.candidates("@"):
            for noun in t.objects:
                out.setdefault(noun, t.event)
        return out


def parse_line(line: str, where: str) -> Trigger:
    return parse_fields([c.strip() for c in line.rstrip("\n").split("\t")], where)


def parse_fields(cols: list[str], where: str) -> Trigger:
    """One row of triggers.tsv (pattern, event, mode, context, role), validated against the ontology."""
    if len(cols) != 5:
        raise DataFileError(f"{where}: expected 5 tab-separated columns (pattern, event, mode, context, role), "
                            f"got {len(cols)}")
    pattern, event, mode, context, role = cols
    if event not in EVENT_TYPES:
        raise DataFileError(f"{where}: unknown PLOVER event type {event!r}; use one of {', '.join(EVENT_TYPES)}")
    if role not in ROLES:
        raise DataFileError(f"{where}: unknown role {role!r}; use one of {', '.join(ROLES)}")
    words = pattern.split()
    if not words:
        raise DataFileError(f"{where}: empty pattern")
    verb, rest = words[0], words[1:]
    objects: frozenset[str] = frozenset()
    particle = None
    if rest and rest[-1].startswith("~"):
        objects = frozenset(rest[-1][1:].split("|"))
        rest = rest[:-1]
        if not all(objects) or any(w.startswith("~") for w in rest):
            raise DataFileError(f"{where}: bad object list in {pattern!r}; write 'verb [particle] ~obj1|obj2'")
    if rest:
        particle = " ".join(rest)
    contexts = tuple(c for c in context.split("+") if c)
    ont = Ontology.load()
    if mode and mode not in ont.modes(event):
        raise DataFileError(f"{where}: mode {mode!r} is not a PLOVER mode of {event}; "
                            f"use one of {', '.join(ont.modes(event)) or '(none)'} or leave it empty")
    for c in contexts:
        if c not in ont.contexts:
            raise DataFileError(f"{where}: unknown PLOVER context {c!r}")
    return Trigger(verb, particle, objects, event, mode or None, contexts, role)


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Lexicon:
    path = Path(path) if path else DATA / "triggers.tsv"
    by_verb: dict[str, list[Trigger]] = {}
    seen: set[tuple] = set()
    for n, cols in tsv.lines(path):
        trig = parse_fields(cols, f"{path.name}:{n}")
        key = (trig.verb, trig.particle, trig.objects)
        if key in seen:
            raise DataFileError(f"{path.name}:{n}: duplicate pattern {cols[0]!r}")
        seen.add(key)
        by_verb.setdefault(trig.verb, []).append(trig)
    ordered = {v: tuple(sorted(ts, key=lambda t: -t.specificity)) for v, ts in by_verb.items()}
    return Lexicon(ordered, inflections(v for v in ordered if v != "*"))


# Past tenses and participles the suffix rules below cannot build.
IRREGULAR = {
    "meet": ("met",), "hold": ("held",), "send": ("sent",), "give": ("gave", "given"), "make": ("made",),
    "pay": ("paid",), "strike": ("struck", "stricken"), "fight": ("fought",), "shoot": ("shot",),
    "withdraw": ("withdrew", "withdrawn"), "sign": (), "break": ("broke", "broken"), "cut": ("cut",),
    "put": ("put",), "lead": ("led",), "buy": ("bought",), "seek": ("sought",), "tell": ("told",),
    "fly": ("flew", "flown"), "forgive": ("forgave", "forgiven"), "lend": ("lent",), "have": ("had", "has"),
    "freeze": ("froze", "frozen"), "withhold": ("withheld",), "shell": ("shelled",), "set": ("set",),
    "bring": ("brought",), "undertake": ("undertook", "undertaken"), "lay": ("laid",), "win": ("won",),
    "split": ("split",), "spread": ("spread",), "hit": ("hit",), "slay": ("slew", "slain"),
    "throw": ("threw", "thrown"), "leave": ("left",), "forbid": ("forbade", "forbidden"), "quit": ("quit",),
    "overrun": ("overran",), "retake": ("retook", "retaken"), "take": ("took", "taken"), "begin": ("began", "begun"), "stand": ("stood",), "draw": ("drew", "drawn"), "say": ("said",),
    "speak": ("spoke", "spoken"), "go": ("went", "gone"),
}


def _forms(lem: str) -> set[str]:
    out = {lem, lem + "s", lem + "es", lem + "ed", lem + "d", lem + "ing"}
    if lem.endswith("e"):
        out.add(lem[:-1] + "ing")
    if lem.endswith("y"):
        out.update({lem[:-1] + "ied", lem[:-1] + "ies"})
    if len(lem) > 2 and lem[-1] not in "aeiouwxy" and lem[-2] in "aeiou":
        out.update({lem + lem[-1] + "ed", lem + lem[-1] + "ing"})
    out.update(IRREGULAR.get(lem, ()))
    return out


def surface_forms(lemmas) -> frozenset[str]:
    """Inflected forms of verb lemmas, for the cheap pre-parse filter."""
    return frozenset(f for lem in lemmas for f in _forms(lem))


def inflections(lemmas) -> dict[str, str]:
    """Form -> lemma; where two lemmas share a form, the form's own lemma entry wins."""
    out: dict[str, str] = {}
    lemmas = list(lemmas)
    for lem in lemmas:
        for f in _forms(lem):
            out.setdefault(f, lem)
    out.update({lem: lem for lem in lemmas})
    return out
