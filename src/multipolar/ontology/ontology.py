"""The Ontology object: PLOVER types, modes, contexts, scores and the CAMEO crosswalk, read from data/."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from multipolar.errors import QueryError
from multipolar.ontology._load import EVENT_TYPES, QUADS, CameoEntry, EmitRule, Tables, load_tables


def normalise_cameo(code) -> str | None:
    """'042', ' 0421 ' -> the digit string; anything that is not 2-4 digits -> None."""
    if code is None:
        return None
    text = str(code).strip()
    if not (2 <= len(text) <= 4 and text.isdigit()):
        return None
    return text


def _prefixes(code: str) -> tuple[str, ...]:
    """'0421' -> ('0421', '042', '04'): the code, then its parents."""
    return tuple(dict.fromkeys(code[:n] for n in (len(code), 3, 2) if n <= len(code)))


class Ontology:
    """Validated PLOVER ontology. Build with `Ontology.load()` (cached per data folder)."""

    def __init__(self, tables: Tables):
        self._t = tables

    # ---- construction -------------------------------------------------------------------------
    @staticmethod
    def load(data_dir: str | Path | None = None) -> "Ontology":
        """The ontology from `data_dir` (default: the bundled data/), loaded and validated once."""
        key = str(Path(data_dir).resolve()) if data_dir is not None else None
        return _cached(key)

    @property
    def source(self) -> Path:
        return self._t.source

    # ---- types, modes, contexts ----------------------------------------------------------------
    @property
    def event_types(self) -> tuple[str, ...]:
        return EVENT_TYPES

    def canonical(self, event: str) -> str:
        """The canonical type name for `event` (case-insensitive; aliases such as DEMAND -> REQUEST)."""
        name = str(event).strip().upper() if event is not None else ""
        if name in self._t.types:
            return name
        if name in self._t.aliases:
            return self._t.aliases[name]
        raise QueryError(f"unknown PLOVER event type {event!r}. Use one of {', '.join(EVENT_TYPES)}.")

    def is_event(self, event: str | None) -> bool:
        try:
            self.canonical(event)
        except QueryError:
            return False
        return True

    def describe(self, event: str) -> str:
        return self._t.types[self.canonical(event)].description

    def modes(self, event: str) -> tuple[str, ...]:
        """The modes the manual defines for `event` (empty for types without a mode table)."""
        return tuple(self._t.modes[self.canonical(event)])

    def is_mode(self, event: str, mode: str | None) -> bool:
        """True when `mode` is one of the manual's modes for `event` (None counts as 'no mode')."""
        return mode is None or mode in self._t.modes[self.canonical(event)]

    def problems(self, event: str | None, mode: str | None = None, contexts=()) -> list[str]:
        """What is not PLOVER about (event, mode, contexts): [] when all valid. For checking lexicons."""
        if event is None or not self.is_event(event):
            return [f"unknown event type {event!r} (use one of {', '.join(EVENT_TYPES)})"]
        event = self.canonical(event)
        out = []
        if not self.is_mode(event, mode):
            out.append(f"unknown mode {mode!r} for {event} (modes: {', '.join(self.modes(event)) or 'none'})")
        for name in (contexts,) if isinstance(contexts, str) else tuple(contexts or ()):
            if self.context_kind(name) not in ("general", "extension", "alias"):
                out.append(f"unknown context {name!r}")
        return out

    @property
    def contexts(self) -> tuple[str, ...]:
        """Topic contexts an event may carry: the manual's general list plus multipolar's extensions."""
        return tuple(c.name for c in self._t.contexts.values() if c.kind in ("general", "extension"))

    @property
    def special_contexts(self) -> tuple[str, ...]:
        """historical, future, hypothetical, negation (multipolar records these as Event.modality)."""
        return tuple(c.name for c in self._t.contexts.values() if c.kind == "special")

    def context_kind(self, name: str) -> str | None:
        ctx = self._t.contexts.get(name)
        return ctx.kind if ctx else None

    def expand_context(self, name: str) -> tuple[str, ...]:
        """'energy' -> ('economic', 'resource'); a plain context -> (name,); unknown -> QueryError."""
        ctx = self._t.contexts.get(name)
        if ctx is None:
            raise QueryError(f"unknown PLOVER context {name!r}. Use one of {', '.join(self.contexts)}.")
        return ctx.expands if ctx.kind == "alias" else (name,)

    # ---- quad class and scores -----------------------------------------------------------------
    def quad(self, event: str, mode: str | None = None) -> str:
        """'verbal cooperation' | 'material cooperation' | 'verbal conflict' | 'material conflict'."""
        return self._t.types[self.canonical(event)].quad

    def quad_code(self, event: str) -> int:
        """PLOVER `quad_code`: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
        return QUADS.index(self.quad(event)) + 1

    def score(self, event: str, mode: str | None = None) -> float:
        """PLOVER conflict-cooperation score (-10..+10): the mode's score where the data gives one, else the
        type's. An unknown type raises QueryError; a mode the type lacks falls back to the type's score
        (check modes with `problems()`)."""
        event = self.canonical(event)
        found = self._t.modes[event].get(mode) if mode is not None else None
        if found is not None and found.score is not None:
            return found.score
        return self._t.types[event].score

    # ---- CAMEO ---------------------------------------------------------------------------------
    @property
    def cameo_codes(self) -> tuple[str, ...]:
        """Every CAMEO code listed in the crosswalk (roots, 3-digit, and 4-digit where they differ)."""
        return tuple(self._t.cameo)

    def cameo_entry(self, code) -> CameoEntry | None:
        """The crosswalk row that governs `code` (itself or its nearest listed parent); None if unknown."""
        code = normalise_cameo(code)
        if code is None:
            return None
        for prefix in _prefixes(code):
            entry = self._t.cameo.get(prefix)
            if entry is not None:
                return entry
        return None

    def cameo_to_plover(self, code) -> tuple[str | None, str | None, tuple[str, ...]]:
        """CAMEO code -> (type, mode, contexts); (None, None, ()) for unknown, empty or dropped (01/02) codes."""
        entry = self.cameo_entry(code)
        if entry is None or entry.event is None:
            return (None, None, ())
        return (entry.event, entry.mode, entry.contexts)

    def plover_to_cameo(self, event: str | None, mode: str | None = None, context=(), host: bool = False,
                        variant: str | None = None) -> str | None:
        """The CAMEO code to emit for a PLOVER event; None when `event` is not a PLOVER type.

        `context` is a context name or a sequence of them (aliases expand; unknown ones are ignored).
        `host=True` asks for the host's code of a visit (CONSULT -> 043). `variant` is an optional hint
        for a sub-code PLOVER has no field for: sign, recognize, praise, negotiate, mediate, veto, ...
        A mode the type does not have is ignored.
        """
        if event is None or not self.is_event(event):
            return None
        event = self.canonical(event)
        if mode is not None and mode not in self._t.modes[event]:
            mode = None
        contexts = self._context_list(context)
        if variant is None and host:
            variant = "host"
        best: tuple | None = None
        for rule in self._t.emit[event]:
            if not _applies(rule, mode, contexts, variant):
                continue
            spec = 4 * (rule.variant is not None) + 2 * (rule.mode is not None) + (rule.context is not None)
            pos = contexts.index(rule.context) if rule.context is not None else 0
            rank = (spec, -pos, -rule.order)
            if best is None or rank > best[0]:
                best = (rank, rule.cameo)
        return best[1] if best else None

    def _context_list(self, context) -> tuple[str, ...]:
        if context is None:
            return ()
        items = (context,) if isinstance(context, str) else tuple(context)
        out: list[str] = []
        for name in items:
            ctx = self._t.contexts.get(name)
            if ctx is None:
                continue
            out.extend(ctx.expands if ctx.kind == "alias" else (name,))
        return tuple(dict.fromkeys(out))

    def goldstein(self, code) -> float | None:
        """Goldstein score of a CAMEO code (4-digit codes fall back to their parent); None if unknown."""
        code = normalise_cameo(code)
        if code is None:
            return None
        for prefix in _prefixes(code):
            if prefix in self._t.goldstein:
                return self._t.goldstein[prefix]
        return None

    def __repr__(self) -> str:
        return f"Ontology({str(self._t.source)!r}: {len(self._t.types)} types, {len(self._t.cameo)} CAMEO codes)"


def _applies(rule: EmitRule, mode: str | None, contexts: tuple[str, ...], variant: str | None) -> bool:
    return ((rule.mode is None or rule.mode == mode)
            and (rule.context is None or rule.context in contexts)
            and (rule.variant is None or rule.variant == variant))


@lru_cache(maxsize=8)
def _cached(key: str | None) -> Ontology:
    return Ontology(load_tables(Path(key) if key is not None else None))
