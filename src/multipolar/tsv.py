"""The one reader of multipolar's tab-separated data files (actors, ontology, coding).

Format: UTF-8, one record per line, fields separated by TABs and stripped of surrounding spaces. Blank
lines and lines starting with '#' are comments. `table` also checks a header line naming exactly the
expected columns and the width of every row; any defect raises DataFileError naming file and line.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from multipolar.errors import DataFileError

# fail(line, key, problem, fix) -> the exception to raise for a defect at that line
Fail = Callable[[int, str, str, str], Exception]


def default_fail(path: Path) -> Fail:
    return lambda line, key, problem, fix: DataFileError(
        f"{Path(path).name} line {line} (key {key!r}): {problem}. {fix}")


def _read(path: Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}. Check that the file exists and is UTF-8.") from exc


def lines(path: Path, *, width: int | tuple[int, ...] | None = None,
          fail: Fail | None = None) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every line that is not blank or a comment; `width`: the allowed numbers of
    fields. A missing or unreadable file raises DataFileError."""
    fail = fail or default_fail(path)
    widths = (width,) if isinstance(width, int) else width
    out = []
    for number, raw in enumerate(_read(path).splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if widths is not None and len(fields) not in widths:
            want = " or ".join(str(w) for w in widths)
            raise fail(number, fields[0], f"{len(fields)} tab-separated fields, expected {want}",
                       f"Fix that line of {path}.")
        out.append((number, fields))
    return out


def table(path: Path, columns: tuple[str, ...], *, fail: Fail | None = None,
          optional: int = 0) -> list[tuple[int, dict[str, str]]]:
    """Rows after a header that names `columns`, as dicts; the last `optional` columns may be left off
    (they read as '')."""
    fail = fail or default_fail(path)
    found = lines(path, fail=fail)
    if not found:
        raise fail(1, "header", "no header line", f"Add the header {' '.join(columns)} (tab-separated).")
    (number, header), body = found[0], found[1:]
    if tuple(header) != columns:
        raise fail(number, "header", f"header is {header}, expected {list(columns)}",
                   "Fix the header line (columns separated by TABs).")
    rows = []
    for number, fields in body:
        if not len(columns) - optional <= len(fields) <= len(columns):
            raise fail(number, fields[0], f"{len(fields)} tab-separated fields, expected {len(columns)} "
                       f"({', '.join(columns)})", f"Fix that line of {path}.")
        rows.append((number, dict(zip(columns, fields + [""] * (len(columns) - len(fields))))))
    return rows
