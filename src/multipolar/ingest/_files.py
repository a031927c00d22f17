"""Safe file loading shared by the readers: limits, permissions, binary and encoding checks.

Every failure comes back as a `Skipped` whose reason starts with a stable code, names the file
and says what to do, so one bad file never stops a batch.

Codes used by ingest:
  E011 cannot open (missing, permissions, not a regular file)   E015 too large
  E012 wrong format (e.g. an .xml that is not a feed)          E016 no article text
  E013 empty file                                              E017 bad JSONL line
  E014 binary or undecodable                                   E018 unsafe XML (entities)
"""
from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from multipolar.model import Skipped

MAX_FILE_BYTES = 50 * 1024 * 1024     # whole-file readers (text, html, feeds) refuse bigger files
MAX_LINE_BYTES = 5 * 1024 * 1024      # one JSONL line
MIN_TEXT_CHARS = 20                   # shorter extracted text is not an article

# BOMs checked longest first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def skip(code: str, source: str | os.PathLike, message: str) -> Skipped:
    return Skipped(source=str(source), reason=f"{code} {message}")


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def check_file(path: Path, limit: int | None = MAX_FILE_BYTES) -> Skipped | None:
    """Refuse before reading: missing, unreadable, not a regular file, empty or over `limit`."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return skip("E011", path, f"cannot read {path}: no such file. Check the path.")
    except OSError as e:
        return skip("E011", path, f"cannot read {path}: {e.strerror or e}. Check the path and its permissions.")
    # FIFOs and devices would block or never end; only plain files are articles.
    if not stat.S_ISREG(st.st_mode):
        return skip("E011", path, f"cannot read {path}: not a regular file. Pass a file or a directory.")
    if st.st_size == 0:
        return skip("E013", path, f"cannot read {path}: the file is empty. Remove it or fill it.")
    if limit is not None and st.st_size > limit:
        return skip("E015", path, f"cannot read {path}: {st.st_size / 2**20:.1f} MB is over the "
                    f"{limit / 2**20:.0f} MB limit for one file. Split it, or convert it to JSONL "
                    "(one article a line), which is streamed.")
    return None


def load_bytes(path: Path, limit: int | None = MAX_FILE_BYTES) -> bytes | Skipped:
    """The whole file, after `check_file`; read at most limit+1 bytes in case it grew meanwhile."""
    refused = check_file(path, limit)
    if refused:
        return refused
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1 if limit is not None else -1)
    except OSError as e:
        return skip("E011", path, f"cannot read {path}: {e.strerror or e}. Check its permissions.")
    if limit is not None and len(data) > limit:
        return skip("E015", path, f"cannot read {path}: over the {limit / 2**20:.0f} MB limit for one file.")
    if not data.strip():
        return skip("E013", path, f"cannot read {path}: the file has only whitespace. Remove it or fill it.")
    return data


def decode(data: bytes, path: Path, fallback: str | None = None) -> str | Skipped:
    """Text from bytes: a BOM decides (UTF-8/16/32); otherwise strict UTF-8, then `fallback` if given.

    NUL bytes without a BOM mean a binary file (UTF-16 without a BOM is too rare to guess at).
    """
    enc = bom_encoding(data)
    if enc:
        try:
            return data.decode(enc).lstrip("\ufeff")
        except UnicodeDecodeError as e:
            return skip("E014", path, f"cannot read {path}: it starts with a {enc.upper()} byte-order mark "
                        f"but byte {e.start} does not decode. Re-save it as UTF-8.")
    if b"\x00" in data[:65536]:
        return skip("E014", path, f"cannot read {path}: binary file (NUL bytes), not text. "
                    "Pass text, HTML, RSS/Atom or JSONL files.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        if fallback:
            try:
                return data.decode(fallback)
            except (UnicodeDecodeError, LookupError):
                pass
        return skip("E014", path, f"cannot read {path}: invalid UTF-8 at byte {e.start} "
                    f"(0x{data[e.start]:02x}). Re-save it as UTF-8, e.g. "
                    f"`iconv -f WINDOWS-1252 -t UTF-8 {path.name}`.")


def clean_lines(text: str) -> str:
    """Trim each line, collapse runs of blank lines to one; keeps paragraph breaks for the NLP stage."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
