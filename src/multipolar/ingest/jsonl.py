"""JSON Lines: one article a line, {"id": ..., "text": ..., "date": ..., "url": ..., "title": ...}.

Streamed with bounded memory: lines are read with a size cap, and an over-long line is skipped
by reading past it in chunks, so a multi-gigabyte file (or a single 200 MB line) never sits in
memory. A bad line is reported as `path:line` and the rest of the file is still read.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from multipolar.ingest._files import MAX_LINE_BYTES, MIN_TEXT_CHARS, check_file, clean_lines, skip
from multipolar.ingest.pubdate import parse_date
from multipolar.model import Article, Skipped

_CHUNK = 1024 * 1024
_EXAMPLE = '{"id": "a1", "text": "...", "date": "2024-06-19"}'
_OPTIONAL = ("date", "url", "title")
_JSON_TYPES = {"dict": "an object", "list": "an array", "str": "a string", "int": "a number",
               "float": "a number", "bool": "a boolean", "NoneType": "null"}


def _kind(value: object) -> str:
    """The JSON name of a value's type, as the user wrote it: 'a number', 'an array'."""
    return _JSON_TYPES.get(type(value).__name__, type(value).__name__)


def _lines(f, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, raw line) pairs; None for a line over `limit` bytes, which is never held whole."""
    n = 0
    while True:
        line = f.readline(limit + 1)
        if not line:
            return
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # discard the rest of the long line, one chunk at a time
                rest = f.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, None
        else:
            yield n, line


def parse_record(obj: object, where: str) -> Article | Skipped:
    """Check one decoded JSON value and build its Article."""
    if not isinstance(obj, dict):
        return skip("E017", where, f"bad line {where}: {_kind(obj)}, not an object. "
                    f"Write one object per line, e.g. {_EXAMPLE}.")
    text = obj.get("text")
    if not isinstance(text, str):
        found = "missing" if text is None else _kind(text)
        return skip("E017", where, f"bad line {where}: field 'text' is {found}; it must be a string "
                    f"with the article text, e.g. {_EXAMPLE}.")
    ident = obj.get("id")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, (str, int))):
        return skip("E017", where, f"bad line {where}: field 'id' is {_kind(ident)}; "
                    "use a string (or an integer).")
    for key in _OPTIONAL:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            form = ' (an ISO date such as "2024-06-19")' if key == "date" else ""
            return skip("E017", where, f"bad line {where}: field '{key}' is {_kind(value)}; "
                        f"it must be a string{form} or absent.")
    text = clean_lines(text)
    if len(text) < MIN_TEXT_CHARS:
        return skip("E016", where, f"no article text in {where}: field 'text' has {len(text)} characters "
                    f"(at least {MIN_TEXT_CHARS} needed).")
    # An impossible date string (31/02/2024) is not worth losing the article over: date=None.
    return Article.make(text, id=str(ident) if ident not in (None, "") else None,
                        date=parse_date(obj.get("date")), url=obj.get("url") or None,
                        title=" ".join(obj["title"].split()) if obj.get("title") else None,
                        source=where)


def parse_line(line: str, where: str) -> Article | Skipped:
    """One decoded JSONL line -> its Article, or a Skipped naming `where`; never raises, so one bad
    line costs only itself and the lines after it are still read."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return skip("E017", where, f"bad line {where}: not valid JSON ({e.msg} at column "
                    f"{e.colno}). Write one object per line, e.g. {_EXAMPLE}.")
    except RecursionError:
        return skip("E017", where, f"bad line {where}: JSON nested too deeply to read.")
    except ValueError as e:             # a number of more than 4,300 digits
        return skip("E017", where, f"bad line {where}: a value JSON can hold but Python will not read "
                    f"({str(e).split(';')[0]}). Write numbers as strings or remove the field.")
    try:
        return parse_record(obj, where)
    except Exception as e:  # noqa: BLE001 - the evidence goes into the reason; the file goes on
        return skip("E010", where, f"bad line {where}: unexpected {type(e).__name__}: {e}. "
                    "Please report it with the line attached.")


def read_jsonl(path: str | Path, max_line_bytes: int = MAX_LINE_BYTES) -> Iterator[Article | Skipped]:
    """Yield an article (or a Skipped naming `path:line`) for every non-blank line."""
    path = Path(path)
    refused = check_file(path, limit=None)      # no whole-file limit: the file is streamed
    if refused:
        yield refused
        return
    try:
        f = open(path, "rb")
    except OSError as e:
        yield skip("E011", path, f"cannot read {path}: {e.strerror or e}. Check its permissions.")
        return
    with f:
        try:
            for n, raw in _lines(f, max_line_bytes):
                where = f"{path}:{n}"
                if raw is None:
                    yield skip("E015", where, f"bad line {where}: longer than the "
                               f"{max_line_bytes / 2**20:.0f} MB limit for one line. Split the article "
                               "or check that the file really has one article per line.")
                    continue
                if n == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    yield skip("E014", path, f"cannot read {path}: UTF-16 text; JSONL must be UTF-8. "
                               f"Convert it, e.g. `iconv -f UTF-16 -t UTF-8 {path.name}`.")
                    return
                if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]                    # a UTF-8 BOM some editors write
                if not raw.strip():
                    continue                         # blank lines (often a trailing one) carry nothing
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as e:
                    yield skip("E014", where, f"bad line {where}: invalid UTF-8 at byte {e.start} of the "
                               "line. Re-save the file as UTF-8.")
                    continue
                yield parse_line(line, where)
        except OSError as e:
            yield skip("E011", path, f"cannot read {path}: {e.strerror or e} while reading. "
                       "Lines before the error were read.")
