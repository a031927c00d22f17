"""Pieces every command module shares: errors, the one output layer (table | csv | json | jsonl) and progress.

Output rules (issue 14):
  * table: fits the terminal width (COLUMNS, else the terminal, else 80). Dates, numbers and codes are never cut;
    long text wraps; when even that does not fit, whole columns are left out (named on stderr), never cells cut.
    Every value is printed literally (rich Text, never markup): an article's "[/bold]" stays "[/bold]".
  * csv: missing values are empty cells, whole numbers print as integers (3, not 3.000 or 3.0), lists of parties
    as "RUS;BLR", mappings as "key=value; ..."; a text cell that a spreadsheet would read as a formula
    (=, +, -, @, tab, CR first) gets a leading apostrophe, as in the API's CSV (web/params.py).
  * json / jsonl: the same rows with NaN as null.
  * No Python reprs anywhere: dicts and lists are written as readable text.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import glob
import json
import math
import os
import sys
import textwrap
from datetime import date, datetime
from typing import Any, Iterable, Iterator, Sequence

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from multipolar.coding import CODER_MODES
from multipolar.errors import MultipolarError, QueryError
from multipolar.store.db import as_date
from multipolar.store.filters import check_page

FORMATS = ("table", "csv", "json", "jsonl")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_MIN = 12            # a wrapping text column is never narrower than this
SHORT = 16               # a value up to this long (a code, a date, a number) is never wrapped nor cut

err = Console(stderr=True)


def guard(fn):
    """Turn multipolar's own errors into clean click errors (exit code 1, the message, no traceback)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MultipolarError as exc:
            raise click.ClickException(str(exc)) from exc
    return run


class DateArg(click.ParamType):
    """A date option: YYYY-MM-DD between 1900 and 2100, checked as the API checks it (store.db.as_date); a bad
    one is a usage error naming the option and the fix, never a traceback."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, date):
            return value
        try:
            return as_date(str(value).strip(), param.opts[0] if param and param.opts else "date")
        except QueryError as exc:
            self.fail(str(exc), param, ctx)


DATE = DateArg()


class RowsArg(click.ParamType):
    """--limit/--offset: a whole number of rows from 0 (store.filters.check_page, the check the listing makes)."""

    name = "N"

    def convert(self, value, param, ctx):
        if value is None or isinstance(value, int):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                number = value
        try:
            check_page(number if (param and param.name == "limit") else None,
                       number if (param and param.name == "offset") else None)
        except QueryError as exc:
            self.fail(str(exc), param, ctx)
        return number


ROWS = RowsArg()


def check_window(as_of: date, window: str, parse) -> None:
    """A --window (1y, 6m, 8w, 30d; `parse` reads it) that reaches from --as-of back to 1900 at most: the calendar
    cannot hold `9999y`. A usage error naming the option and the fix otherwise."""
    try:
        span = parse(window)
    except QueryError as exc:
        raise click.BadParameter(str(exc), param_hint="--window") from None
    except OverflowError:
        span = None
    try:
        if span is None:
            raise OverflowError(window)
        as_date(as_of - span, "start")
    except (QueryError, OverflowError):
        raise click.BadParameter(f"E050 {window!r} reaches before 1900-01-01 from {as_of}: give a shorter window "
                                 "such as 1y, 6m, 8w or 30d", param_hint="--window") from None


GLOB_CHARS = frozenset("*?[")
MODE_OPTION = click.option("--mode", type=click.Choice(CODER_MODES), default="combined", show_default=True,
                           help="which triggers to code: the detector's and the rules' it confirms (combined), the "
                                "detector's alone (model), or the rules' alone (rules: no learned component; "
                                "docs/coding.md)")

GLOB_OPTION = click.option("--glob", "use_glob", is_flag=True,
                           help="expand * ? [...] in the file arguments (without it they are literal paths)")


def file_args(paths: Iterable[str], use_glob: bool) -> list[str]:
    """File arguments as the files to read: literal paths (a name may hold * or ?), or with --glob the files each
    pattern matches, sorted. "-" and web addresses pass through. A literal path with pattern characters that does
    not exist, or a pattern that matches nothing, is a usage error that says what to do."""
    out: list[str] = []
    for p in paths:
        special = p == "-" or p.lower().startswith(("http://", "https://"))
        if special or not GLOB_CHARS & set(p):
            out.append(p)
        elif use_glob:
            found = sorted(glob.glob(p, recursive=True))
            if not found:
                raise click.BadParameter(f"no file matches the pattern {p!r}", param_hint="--glob")
            out += found
        elif not os.path.lexists(p):
            raise click.BadParameter(f"{p!r}: no such file. File arguments are literal paths, not patterns: add "
                                     "--glob to expand * ? [...], or let your shell expand the pattern unquoted",
                                     param_hint="PATHS")
        else:
            out.append(p)
    return out


def format_option(default: str = "table"):
    """--format table|csv|json|jsonl, the same on every command that prints data."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
                        help="table (fits the terminal), csv, json (one array) or jsonl (one object a line)")


# ---- values --------------------------------------------------------------------------------------------

def plain(value: Any) -> Any:
    """A JSON-ready value: numpy/pandas scalars to Python, NaN/NaT to None, dates to ISO strings."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str, bytes)) and getattr(value, "ndim", 0) == 0:
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in ("NaTType",):
        return None
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if type(value).__name__ in ("Timestamp", "Period"):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)) or type(value).__name__ == "ndarray":
        return [plain(v) for v in value]
    return value


def number(value: float | int, digits: int = 3) -> str:
    """A number for reading: integers as integers, others rounded to `digits` decimals without trailing zeros."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def readable(value: Any) -> str:
    """Any value as text a person reads: no reprs, no braces."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, dict):
        if "code" in value:
            return str(value["code"])
        return "; ".join(f"{k.replace('_', ' ')} {readable(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "code" in v for v in value):
            return "+".join(str(v["code"]) for v in value)
        return ", ".join(readable(v) for v in value)
    return str(value)


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for missing, integers as integers, parties as A;B, mappings as k=v; formula-guarded."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(round(value, 6))
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and "code" in v for v in value):
            text = ";".join(str(v["code"]) for v in value)
        else:
            text = ";".join(csv_cell(v) for v in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}={csv_cell(v)}" for k, v in value.items() if v is not None)
    else:
        text = str(value)
    return safe_text(text)


def safe_text(text: str) -> str:
    """A spreadsheet must not read an article's words as a formula (the API's guard, web/params.py)."""
    return "'" + text if text[:1] in FORMULA_START else text


def lit(text: Any) -> Text:
    """Untrusted text (sentences, titles, URLs, reasons) for rich: printed as is, never read as markup."""
    return Text("" if text is None else str(text))


def echo(text: Any) -> None:
    """A line of plain text on stdout, wrapped at the table width (never markup)."""
    stdout_console().print(lit(text), soft_wrap=False)


def say(console: Console, markup: str, *untrusted: Any, **kw) -> None:
    """console.print(markup.format(*escaped)) — the format string is ours, every argument is escaped."""
    console.print(markup.format(*(escape(str(u)) for u in untrusted)), **kw)


# ---- rows ----------------------------------------------------------------------------------------------

def records(data: Any) -> tuple[list[dict], list[str]]:
    """(rows, columns) from a DataFrame, a list of dicts or one dict."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        cols = [str(c) for c in data.columns]
        rows = [{str(k): v for k, v in r.items()} for r in data.to_dict("records")]
        return rows, cols
    if isinstance(data, dict):
        data = [data]
    rows = list(data or [])
    cols = list(dict.fromkeys(k for r in rows for k in r))
    return rows, cols


def emit(data: Any, fmt: str, *, title: str | None = None, columns: Sequence[str] | None = None,
         drop: Sequence[str] = (), wide: dict[str, int] | None = None, out=None) -> None:
    """Print rows (a DataFrame or a list of dicts) in one of FORMATS.

    columns: the columns and their order (default: all, in order of first appearance);
    drop: in table form, the columns to leave out first when the table does not fit (then from the right);
    wide: text columns that need more than TEXT_MIN to be readable, {column: least width}.
    """
    rows, cols = records(data)
    if columns is not None:
        cols = [c for c in columns if c in cols] or list(columns)
    stream = out or sys.stdout
    def obj(r):     # a record as it is, unless the columns were chosen
        return plain(r) if columns is None else {c: plain(r.get(c)) for c in cols}
    if fmt == "json":
        stream.write(json.dumps([obj(r) for r in rows], indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt == "jsonl":
        for r in rows:
            stream.write(json.dumps(obj(r), ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([csv_cell(r.get(c)) for c in cols])
    else:
        print_table(rows, cols, title=title, drop=drop, wide=wide)


def emit_object(obj: dict, fmt: str) -> None:
    """A single result (json/jsonl: the object itself)."""
    text = json.dumps(plain(obj), indent=2 if fmt == "json" else None, ensure_ascii=False, default=str)
    sys.stdout.write(text + "\n")


def stdout_console() -> Console:
    """The console tables go to: COLUMNS when set, else the terminal's width, else 80."""
    return Console(soft_wrap=False, highlight=False)


def _header(name: str, width: int) -> Text:
    words = name.replace("_", " ")
    return Text("\n".join(textwrap.wrap(words, width=max(width, 1), break_long_words=True)) or words)


def _is_short(values: list[str]) -> bool:
    return all(len(line) <= SHORT for v in values for line in (v.splitlines() or [""]))


def layout(rows: list[dict], cols: list[str], width: int, drop: Sequence[str] = (),
           wide: dict[str, int] | None = None) -> tuple[list, list[str]]:
    """Decide each column's width so that the table fits `width`: [(col, width, wraps)], and the columns left out.

    A short column (codes, dates, numbers) is exactly as wide as its longest value and never wraps; a text column
    wraps at TEXT_MIN or wider. Columns are left out (first those in `drop`, then from the right) until it fits.
    """
    cells = {c: column_text(rows, c) for c in cols}
    spec = []
    for c in cols:
        vals = cells[c]
        longest = max((len(line) for v in vals for line in (v.splitlines() or [""])), default=0)
        word = max((len(w) for w in c.replace("_", " ").split()), default=1)
        if _is_short(vals):
            spec.append((c, max(longest, word, 1), False, longest))
        else:
            spec.append((c, max(min(longest, (wide or {}).get(c, TEXT_MIN)), word, 1), True, longest))
    left_out: list[str] = []
    order = [c for c in drop if c in cols] + [c for c in reversed(cols) if c not in drop]

    def total(s):
        return sum(w for _, w, _, _ in s) + 3 * len(s) + 1

    while len(spec) > 1 and total(spec) > width:
        victim = next(c for c in order if any(s[0] == c for s in spec))
        spec = [s for s in spec if s[0] != victim]
        left_out.append(victim)
    spare = width - total(spec)
    for i, (c, w, wraps, longest) in enumerate(spec):     # room left: headers on one line
        need = len(c) - w
        if not wraps and 0 < need <= spare:
            spec[i] = (c, w + need, wraps, longest)
            spare -= need
    return spec, left_out


def print_table(rows: list[dict], cols: list[str], *, title: str | None = None, drop: Sequence[str] = (),
                wide: dict[str, int] | None = None) -> None:
    console = stdout_console()
    if not rows:
        err.print(lit(f"{title + ': ' if title else ''}no rows"))
        return
    spec, left_out = layout(rows, cols, console.width, drop, wide)
    fixed = sum(w for _, w, wraps, _ in spec if not wraps) + 3 * len(spec) + 1
    wrapped = sum(longest for _, _, wraps, longest in spec if wraps) > console.width - fixed
    table = Table(title=lit(title) if title else None, show_lines=wrapped)     # rule lines only between tall rows
    for name, w, wraps, longest in spec:
        if wraps:
            table.add_column(_header(name, w), min_width=w, overflow="fold", ratio=max(longest, 1))
        else:
            table.add_column(_header(name, w), width=w, no_wrap=True, overflow="fold",
                             justify="right" if _numeric(rows, name) else "left")
    texts = {name: column_text(rows, name) for name, *_ in spec}
    for i in range(len(rows)):
        table.add_row(*(lit(texts[name][i]) for name, *_ in spec))
    console.print(table)
    if left_out:
        err.print(lit(f"not shown at {console.width} columns: {', '.join(c for c in cols if c in left_out)} "
                      "(widen the terminal or use --format csv/json)"))


def column_text(rows: list[dict], col: str) -> list[str]:
    """The cells of one column as text; a column of non-whole numbers gets 3 decimals on every row."""
    vals = [plain(r.get(col)) for r in rows]
    if _numeric(rows, col) and not all(float(v).is_integer() for v in vals if v is not None):
        return ["" if v is None else f"{v:.3f}" for v in vals]
    return [readable(v) for v in vals]


def _numeric(rows: list[dict], col: str) -> bool:
    vals = [plain(r.get(col)) for r in rows]
    vals = [v for v in vals if v is not None]
    return bool(vals) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals)


# ---- progress ------------------------------------------------------------------------------------------

@contextlib.contextmanager
def working(what: str, total: int | None = None) -> Iterator[Any]:
    """A progress bar (with total) or a spinner with elapsed time (without) on stderr while `what` runs.

    Yields an `advance(n=1, info="")` function. Nothing is drawn when stderr is not a terminal.
    """
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn() if total else TextColumn(""),
                        TextColumn("{task.fields[info]}"), TimeElapsedColumn(), console=Console(stderr=True),
                        transient=True)       # a console made now: whether stderr is a terminal is decided now
    with progress:
        task = progress.add_task(escape(what), total=total, info="")

        def advance(n: int = 1, info: str = "") -> None:
            progress.update(task, advance=n, info=escape(info))
        yield advance


def iter_working(items: Iterable, what: str, total: int | None = None) -> Iterator:
    with working(what, total) as advance:
        for item in items:
            yield item
            advance()
