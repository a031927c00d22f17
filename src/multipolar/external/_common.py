"""Small helpers shared by the readers: opening (gz/zip) files, header checks, dates, bad-line records."""
from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from multipolar.errors import InputError
from multipolar.model import Skipped


@dataclass
class Table:
    """What a reader returns: the target columns and a stream of rows (tuples) or Skipped records."""

    dataset: str
    columns: tuple[str, ...]
    rows: Iterator[tuple | Skipped]
    source: str = ""
    notes: list[str] = field(default_factory=list)


def open_text(path: str | Path) -> io.TextIOBase:
    """Open a text file, transparently decompressing .gz and single-member .zip files."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"cannot read {path}: no such file. Check the path or run `multipolar data fetch`")
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8-sig", newline="")
    if path.suffix == ".zip":
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if not n.endswith("/")]
        if len(names) != 1:
            raise InputError(f"cannot read {path}: expected one file in the zip archive, found {len(names)}")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def comment_lines(path: str | Path) -> int:
    """How many '#' comment lines open the file (they come before the header)."""
    n = 0
    with open_text(path) as f:
        for ln in f:
            if not ln.startswith("#"):
                break
            n += 1
    return n


def dict_rows(path: str | Path, required: tuple[str, ...], *, delimiter: str | None = None,
              skip_lines: int = 0, aliases: dict[str, str] | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for a delimited file with a header; a missing column is an InputError.

    delimiter None: tab when the header line has tabs, else comma. aliases renames header columns
    (published name -> the name the reader uses) before the required columns are checked.
    """
    f = open_text(path)
    with f:
        for _ in range(skip_lines):
            f.readline()
        first = f.readline()
        if delimiter is None:
            delimiter = "\t" if "\t" in first else ","
        reader = csv.reader(f, delimiter=delimiter)
        header = [h.strip() for h in next(csv.reader([first], delimiter=delimiter), [])]
        if not header:
            raise InputError(f"cannot read {path}: the file is empty")
        if aliases:
            names = set(header)
            header = [aliases[h] if h in aliases and aliases[h] not in names else h for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise InputError(f"cannot read {path}: missing column(s) {', '.join(missing)} in the header "
                             f"(found {', '.join(header[:12])}). Is this the right file for this dataset?")
        width = len(header)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:       # a field over csv.field_size_limit(), a NUL byte: this line only
                yield skip_lines + 1 + reader.line_num, {"__error__": f"unreadable CSV line ({exc})"}
                continue
            line = skip_lines + 1 + reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) != width:
                yield line, {"__error__": f"{len(row)} columns where the header has {width}"}
                continue
            yield line, dict(zip(header, row))


def data_file(name: str) -> Path:
    """A dataset shipped in the package (multipolar/external/data/NAME)."""
    return Path(str(resources.files("multipolar.external") / "data" / name))


def sourced_table(dataset: str, columns: tuple[str, ...], path: Path, required: tuple[str, ...],
                  parse: Callable[[dict[str, str]], tuple | str], *, delimiter: str | None = None) -> Table:
    """A small hand-written table with '#' comment lines above its header: `parse` turns each row into the stored
    tuple or returns the reason it is refused, which is recorded as skipped with the file and line."""
    comments = comment_lines(path)

    def rows():
        for line, r in dict_rows(path, required, delimiter=delimiter, skip_lines=comments):
            out = r["__error__"] if "__error__" in r else parse(r)
            yield skip(path, line, out) if isinstance(out, str) else out
    return Table(dataset, columns, rows(), str(path))


def skip(path, line: int, reason: str) -> Skipped:
    return Skipped(source=f"{path}:{line}", reason=reason)


def parse_date(value: str | None, fmt: str | None = None) -> date | None:
    """ISO (YYYY-MM-DD, optionally with time) or a strptime format; '' / NA -> None; bad -> ValueError."""
    if value is None:
        return None
    value = value.strip()
    if value in ("", "NA", "NaN", "null", "None", ".."):
        return None
    if fmt:
        return datetime.strptime(value, fmt).date()
    return date.fromisoformat(value[:10])


def to_float(value: str | None) -> float | None:
    if value is None or value.strip() in ("", "NA", "NaN", "..", "null"):
        return None
    return float(value)


def to_int(value: str | None) -> int | None:
    f = to_float(value)
    return None if f is None else int(round(f))
