"""Load and cross-check the ontology data files (data/*.tsv) into plain, validated tables.

Every defect - unknown type, mode or context, a bad score, a duplicate key, a CAMEO code that does not
map back to its type - raises DataFileError naming the file, the line and the key.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from multipolar.errors import DataFileError
from multipolar.ontology._tsv import Row, data_error, parse_score, read_tsv, split_list

DATA_DIR = Path(__file__).with_name("data")

# The 16 PLOVER event types, in the manual's order (cooperation to conflict by quad class).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Quad classes; their position + 1 is the PLOVER `quad_code`.
QUADS: tuple[str, ...] = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
CONTEXT_KINDS = ("general", "special", "extension", "alias")

FILES = {
    "types": ("types.tsv", ("type", "quad", "score", "aliases", "description")),
    "modes": ("modes.tsv", ("type", "mode", "score", "description")),
    "contexts": ("contexts.tsv", ("context", "kind", "expands", "description")),
    "cameo": ("cameo_plover.tsv", ("cameo", "type", "mode", "contexts", "note")),
    "emit": ("plover_cameo.tsv", ("type", "mode", "context", "variant", "cameo", "note")),
    "goldstein": ("goldstein.tsv", ("cameo", "goldstein")),
}

_CAMEO_RE = re.compile(r"^\d{2,4}$")
_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z_-]*$")


@dataclass(frozen=True)
class EventType:
    name: str
    quad: str
    score: float
    aliases: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Mode:
    event: str
    name: str
    score: float | None
    description: str


@dataclass(frozen=True)
class Context:
    name: str
    kind: str
    expands: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class CameoEntry:
    code: str
    event: str | None            # None: PLOVER drops this CAMEO category
    mode: str | None
    contexts: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class EmitRule:
    event: str
    mode: str | None
    context: str | None
    variant: str | None
    cameo: str
    order: int                   # position in the file, breaks ties


@dataclass(frozen=True)
class Tables:
    source: Path
    types: dict[str, EventType]
    aliases: dict[str, str]                       # alias -> canonical type
    modes: dict[str, dict[str, Mode]]             # type -> mode -> Mode
    contexts: dict[str, Context]
    cameo: dict[str, CameoEntry]
    emit: dict[str, tuple[EmitRule, ...]]         # type -> rules in file order
    goldstein: dict[str, float]


def load_tables(data_dir: Path | None = None) -> Tables:
    base = Path(data_dir) if data_dir is not None else DATA_DIR
    path = {k: base / name for k, (name, _) in FILES.items()}
    rows = {k: read_tsv(path[k], cols) for k, (_, cols) in FILES.items()}
    types, aliases = _types(rows["types"], path["types"])
    modes = _modes(rows["modes"], types)
    contexts = _contexts(rows["contexts"], path["contexts"])
    cameo = _cameo(rows["cameo"], path["cameo"], types, modes, contexts)
    emit = _emit(rows["emit"], path["emit"], types, modes, contexts, cameo)
    goldstein = _goldstein(rows["goldstein"])
    return Tables(base, types, aliases, modes, contexts, cameo, emit, goldstein)


def _unique(seen: dict, key, row: Row, label: str) -> None:
    if key in seen:
        raise row.fail(label, f"duplicate key (first defined on line {seen[key]})", "Remove or merge one of the rows.")
    seen[key] = row.line


def _types(rows: list[Row], path: Path) -> tuple[dict[str, EventType], dict[str, str]]:
    types: dict[str, EventType] = {}
    aliases: dict[str, str] = {}
    seen: dict = {}
    for row in rows:
        name = row.fields["type"]
        _unique(seen, name, row, name)
        if name not in EVENT_TYPES:
            raise row.fail(name, "not one of the 16 PLOVER event types",
                           f"Use one of {', '.join(EVENT_TYPES)} (alternative names go in `aliases`).")
        quad = row.fields["quad"]
        if quad not in QUADS:
            raise row.fail(name, f"unknown quad class {quad!r}", f"Use one of: {', '.join(QUADS)}.")
        score = parse_score(row, "score", name)
        if score is None:
            raise row.fail(name, "missing score", "Every type needs its PLOVER score.")
        for alias in split_list(row.get("aliases")):
            if alias in EVENT_TYPES or alias in aliases:
                raise row.fail(name, f"alias {alias!r} is already a type or another type's alias", "Remove it.")
            aliases[alias] = name
        types[name] = EventType(name, quad, score, split_list(row.get("aliases")), row.fields["description"])
    missing = [t for t in EVENT_TYPES if t not in types]
    if missing:
        line = rows[-1].line if rows else 1
        raise data_error(path, line, missing[0], f"event type(s) missing: {', '.join(missing)}",
                         "Add one row per PLOVER type.")
    return types, aliases


def _modes(rows: list[Row], types: dict[str, EventType]) -> dict[str, dict[str, Mode]]:
    modes: dict[str, dict[str, Mode]] = {t: {} for t in types}
    seen: dict = {}
    for row in rows:
        event, name = row.fields["type"], row.fields["mode"]
        key = f"{event}/{name}"
        _unique(seen, (event, name), row, key)
        if event not in types:
            raise row.fail(key, f"unknown event type {event!r}", f"Use one of {', '.join(EVENT_TYPES)}.")
        if not _NAME_RE.match(name):
            raise row.fail(key, f"mode name {name!r} is not a word", "Use letters, '-' and '_' only.")
        modes[event][name] = Mode(event, name, parse_score(row, "score", key), row.fields["description"])
    return modes


def _contexts(rows: list[Row], path: Path) -> dict[str, Context]:
    contexts: dict[str, Context] = {}
    seen: dict = {}
    for row in rows:
        name, kind = row.fields["context"], row.fields["kind"]
        _unique(seen, name, row, name)
        if not _NAME_RE.match(name):
            raise row.fail(name, f"context name {name!r} is not a word", "Use letters, '-' and '_' only.")
        if kind not in CONTEXT_KINDS:
            raise row.fail(name, f"unknown context kind {kind!r}", f"Use one of: {', '.join(CONTEXT_KINDS)}.")
        expands = split_list(row.get("expands"))
        if (kind == "alias") != bool(expands):
            raise row.fail(name, "`expands` must be set for alias rows and only for them",
                           "Write the target contexts separated by ';' for an alias, '-' otherwise.")
        contexts[name] = Context(name, kind, expands, row.fields["description"])
    for row in rows:
        ctx = contexts[row.fields["context"]]
        for target in ctx.expands:
            if target not in contexts or contexts[target].kind not in ("general", "extension"):
                raise row.fail(ctx.name, f"alias expands to unknown context {target!r}",
                               "Point aliases at general or extension contexts defined in this file.")
    return contexts


def _check_contexts(row: Row, key: str, names: tuple[str, ...], contexts: dict[str, Context]) -> None:
    for name in names:
        ctx = contexts.get(name)
        if ctx is None or ctx.kind not in ("general", "extension"):
            raise row.fail(key, f"unknown context {name!r}",
                           "Use a general or extension context from contexts.tsv (aliases are not allowed here).")


def _check_mode(row: Row, key: str, event: str, mode: str | None, modes: dict[str, dict[str, Mode]]) -> None:
    if mode is not None and mode not in modes[event]:
        allowed = ", ".join(modes[event]) or "none"
        raise row.fail(key, f"unknown mode {mode!r} for {event}", f"Modes of {event}: {allowed}.")


def _cameo(rows: list[Row], path: Path, types, modes, contexts) -> dict[str, CameoEntry]:
    table: dict[str, CameoEntry] = {}
    seen: dict = {}
    for row in rows:
        code = row.fields["cameo"]
        _unique(seen, code, row, code)
        if not _CAMEO_RE.match(code):
            raise row.fail(code, "a CAMEO code is 2 to 4 digits", "Write it with its leading zero, e.g. 042.")
        if code[:2] not in seen:
            raise row.fail(code, f"root {code[:2]} is not defined above", "List each root before its sub-codes.")
        event, mode, ctxs = row.get("type"), row.get("mode"), split_list(row.get("contexts"))
        if event is None:
            if mode is not None or ctxs:
                raise row.fail(code, "a dropped code (type '-') has no mode or contexts", "Write '-' in both.")
        else:
            if event not in types:
                raise row.fail(code, f"unknown event type {event!r}", f"Use one of {', '.join(EVENT_TYPES)}.")
            _check_mode(row, code, event, mode, modes)
            _check_contexts(row, code, ctxs, contexts)
        table[code] = CameoEntry(code, event, mode, ctxs, row.fields["note"])
    missing = [f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in table]
    if missing:
        line = rows[-1].line if rows else 1
        raise data_error(path, line, missing[0], f"CAMEO root(s) missing: {', '.join(missing)}",
                         "Every root 01-20 needs a row (type '-' when PLOVER drops it).")
    return table


def _emit(rows: list[Row], path: Path, types, modes, contexts, cameo) -> dict[str, tuple[EmitRule, ...]]:
    rules: dict[str, list[EmitRule]] = {t: [] for t in types}
    seen: dict = {}
    for order, row in enumerate(rows):
        event, mode, ctx, variant = (row.get(c) for c in ("type", "mode", "context", "variant"))
        code = row.fields["cameo"]
        key = "/".join(v or "-" for v in (event, mode, ctx, variant))
        _unique(seen, (event, mode, ctx, variant), row, key)
        if event not in types:
            raise row.fail(key, f"unknown event type {event!r}", f"Use one of {', '.join(EVENT_TYPES)}.")
        _check_mode(row, key, event, mode, modes)
        _check_contexts(row, key, (ctx,) if ctx else (), contexts)
        if variant is not None and not _NAME_RE.match(variant):
            raise row.fail(key, f"variant {variant!r} is not a word", "Use letters, '-' and '_' only.")
        entry = cameo.get(code)
        if entry is None:
            raise row.fail(key, f"CAMEO code {code!r} is not in cameo_plover.tsv", "Add it there or pick another.")
        if entry.event != event:
            raise row.fail(key, f"CAMEO {code} maps to {entry.event} in cameo_plover.tsv, not {event}",
                           "Emit a code whose own mapping is this type.")
        rules[event].append(EmitRule(event, mode, ctx, variant, code, order))
    for event, lst in rules.items():
        if not any(r.mode is None and r.context is None and r.variant is None for r in lst):
            line = rows[-1].line if rows else 1
            raise data_error(path, line, event, "no default row ('- - -') for this type",
                             "Add a row with mode, context and variant all '-'.")
    return {event: tuple(lst) for event, lst in rules.items()}


def _goldstein(rows: list[Row]) -> dict[str, float]:
    table: dict[str, float] = {}
    seen: dict = {}
    for row in rows:
        code = row.fields["cameo"]
        _unique(seen, code, row, code)
        if not _CAMEO_RE.match(code):
            raise row.fail(code, "a CAMEO code is 2 to 4 digits", "Write it with its leading zero, e.g. 042.")
        value = parse_score(row, "goldstein", code)
        if value is None:
            raise row.fail(code, "missing Goldstein value", "Write the number, or delete the row.")
        table[code] = value
    return table


__all__ = ["DATA_DIR", "EVENT_TYPES", "QUADS", "Tables", "load_tables", "DataFileError"]
