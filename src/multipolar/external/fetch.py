"""Download, verify, cache: `multipolar data fetch NAME`.

A download streams into DATA_DIR/NAME/<file>.part with a progress bar, is verified (not empty, the reader accepts
its header, enough rows), and only then renamed over the cached copy: a failed or partial download never
replaces a good cached file. DATA_DIR is $MULTIPOLAR_DATA_DIR, else ~/.cache/multipolar.

Bounded (issue 15 F7): a download stops at MAX_DOWNLOAD_BYTES and an unzipped member at MAX_UNZIPPED_BYTES,
both counted while streaming (a Content-Length or a zip's declared size can lie); $MULTIPOLAR_MAX_DOWNLOAD and
$MULTIPOLAR_MAX_UNZIPPED (bytes) raise them. GDELT's lastupdate.txt gives each file's size and MD5: both are
checked. Sources are fetched over https.
"""
from __future__ import annotations

import csv
import fnmatch
import hashlib
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from urllib.parse import urlparse

import httpx
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

from multipolar.errors import FetchError, MultipolarError
from multipolar.model import Skipped


MAX_DOWNLOAD_BYTES = 4 * 2**30       # the full UN votes CSV is ~0.2 GB, a GDELT 1.0 day zip ~0.1 GB
MAX_UNZIPPED_BYTES = 8 * 2**30


def _limit(env: str, default: int) -> int:
    try:
        return int(os.environ.get(env, default))
    except ValueError:
        return default


def data_dir(override: str | Path | None = None) -> Path:
    if override:
        return Path(override)
    env = os.environ.get("MULTIPOLAR_DATA_DIR")
    return Path(env) if env else Path.home() / ".cache" / "multipolar"


def _check_table(reader: Callable, min_rows: int) -> Callable[[Path], int]:
    """A verifier: the reader must accept the header, and the first rows must mostly be usable."""
    def verify(path: Path) -> int:
        table = reader(path)
        sample = list(islice(table.rows, 5000))
        good = sum(1 for r in sample if not isinstance(r, Skipped))
        if good == 0:
            bad = next((r for r in sample if isinstance(r, Skipped)), None)
            raise FetchError(f"{path}: no usable rows{f' ({bad.source}: {bad.reason})' if bad else ''}")
        if len(sample) < 5000 and good < min_rows:
            raise FetchError(f"{path}: only {good} usable rows, expected at least {min_rows}: a truncated file?")
        return good
    return verify


def _check_events(layout_of: Callable) -> Callable[[Path], int]:
    def verify(path: Path) -> int:
        layout_of(path)
        return 1
    return verify


@dataclass(frozen=True)
class Dataset:
    name: str
    urls: tuple[str, ...]         # public source(s); () = bundled with multipolar or needs --url
    loader: str                   # function name in multipolar.store.reference
    verify: Callable[[Path], int] | None
    member: str = "*"             # glob of the wanted file inside a downloaded zip
    note: str = ""


def _registry() -> dict[str, Dataset]:
    from multipolar.external import (arms_imports, blocs, cosponsors, gdelt, icews, idealpoints, leaders_archigos,
                                     polecat, sanctions, summits, suspensions, ukraine_aid, unvotes, wdi)
    ev = lambda layout: _check_events(lambda p: layout)  # noqa: E731
    return {d.name: d for d in [
        Dataset("unvotes", ("https://digitallibrary.un.org/record/4060887/files/2025_9_19_ga_voting.csv",),
                "load_unvotes", _check_table(unvotes.read, 100), "*.csv",
                "UN Digital Library, 'United Nations General Assembly Voting Data' (record 4060887); the file name "
                "changes with each release: pass --url with the current CSV link from the record page"),
        Dataset("idealpoints", ("https://dataverse.harvard.edu/api/access/dataset/:persistentId/"
                                "?persistentId=doi:10.7910/DVN/LEJUQZ",),
                "load_idealpoints", _check_table(idealpoints.read, 100), "*dealpoint*.csv",
                "Bailey, Strezhnev & Voeten, Harvard Dataverse doi:10.7910/DVN/LEJUQZ (CC0)"),
        Dataset("wdi", (wdi.API_URL.format(indicator="SP.POP.TOTL"), wdi.API_URL.format(indicator="NY.GDP.MKTP.CD")),
                "load_wdi", _check_table(wdi.read, 50), "API_*.csv",
                "World Bank API v2, SP.POP.TOTL and NY.GDP.MKTP.CD (CC BY 4.0); a bulk CSV zip also works"),
        Dataset("leaders", ("https://ksgleditsch.com/data/1March_Archigos_4.1.txt",), "load_leaders",
                _check_table(leaders_archigos.read, 50), "*", "Archigos 4.1 (Goemans, Gleditsch & Chiozza)"),
        Dataset("sanctions", (), "load_sanctions", _check_table(sanctions.read, 1), "*.json",
                "bundled table (multipolar/external/data/sanctions.tsv); --url reads OpenSanctions program metadata"),
        Dataset("blocs", (), "load_blocs", _check_table(blocs.read, 1), "*",
                "bundled table (multipolar/external/data/blocs.tsv)"),
        Dataset("suspensions", (), "load_suspensions", _check_table(suspensions.read, 1), "*",
                "bundled table (multipolar/external/data/suspensions.csv): suspensions and expulsions from IGOs"),
        Dataset("cosponsors", (), "load_cosponsors", _check_table(cosponsors.read, 1), "*",
                "bundled table (multipolar/external/data/es11_cosponsors.tsv): sponsors of the ES-11 resolutions"),
        Dataset("summits", (), "load_summits", _check_table(summits.read, 1), "*",
                "bundled table (multipolar/external/data/russia_africa_summits.tsv): Russia-Africa summit attendance"),
        Dataset("ukraine_aid", (), "load_ukraine_aid", _check_table(ukraine_aid.read, 1), "*",
                "bundled table (multipolar/external/data/ukraine_aid.tsv): aid to Ukraine by donor (Kiel Institute)"),
        Dataset("arms_imports", (), "load_arms_imports", _check_table(arms_imports.read, 1), "*",
                "bundled table (multipolar/external/data/arms_imports_russia.tsv): SIPRI arms-import shares from "
                "Russia"),
        Dataset("gdelt", (gdelt.URL_V2_LAST,), "load_gdelt", _check_events(gdelt.layout), "*.CSV",
                "GDELT 2.0 latest 15-minute export (found through lastupdate.txt); --url for any 1.0/2.0 file"),
        Dataset("polecat", (), "load_polecat", ev(polecat.LAYOUT), "*",
                "POLECAT weekly files, Harvard Dataverse doi:10.7910/DVN/AJGVIT: pass --url with a file link"),
        Dataset("icews", (), "load_icews", ev(icews.LAYOUT), "*",
                "ICEWS coded event data, Harvard Dataverse doi:10.7910/DVN/28075: pass --url with a file link"),
    ]}


REGISTRY_NAMES = ("unvotes", "idealpoints", "sanctions", "wdi", "leaders", "blocs", "suspensions", "cosponsors",
                  "summits", "ukraine_aid", "arms_imports", "gdelt", "polecat", "icews")


def registry() -> dict[str, Dataset]:
    return _registry()


def download(url: str, dest: Path, *, console: Console | None = None, timeout: float = 60.0,
             max_bytes: int | None = None, md5: str | None = None) -> Path:
    """Stream `url` to dest.part with a progress bar, then return the .part path (caller renames it).

    Stops as soon as more than `max_bytes` arrive (default MAX_DOWNLOAD_BYTES); checks `md5` when given."""
    limit = max_bytes if max_bytes is not None else _limit("MULTIPOLAR_MAX_DOWNLOAD", MAX_DOWNLOAD_BYTES)
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + ".part")
    console = console or Console(stderr=True)
    digest = hashlib.md5(usedforsecurity=False)
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=timeout) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"download of {url} failed: HTTP {resp.status_code}. Check the URL or pass --url")
            total = int(resp.headers.get("content-length") or 0) or None
            if total is not None and total > limit:
                raise FetchError(f"download of {url} refused: {total:,} bytes announced, over the {limit:,}-byte "
                                 "limit. Set MULTIPOLAR_MAX_DOWNLOAD (bytes) to allow more if you trust the source")
            columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn())
            seen = 0
            with Progress(*columns, console=console, transient=True) as bar, open(part, "wb") as out:
                task = bar.add_task(f"fetch {dest.name}", total=total)
                for chunk in resp.iter_bytes(1 << 16):
                    seen += len(chunk)
                    if seen > limit:
                        raise FetchError(f"download of {url} stopped: over the {limit:,}-byte limit. Set "
                                         "MULTIPOLAR_MAX_DOWNLOAD (bytes) to allow more if you trust the source")
                    out.write(chunk)
                    digest.update(chunk)
                    bar.advance(task, len(chunk))
            if total is not None and part.stat().st_size != total:
                raise FetchError(f"download of {url} is incomplete: {part.stat().st_size} of {total} bytes")
    except httpx.HTTPError as exc:
        part.unlink(missing_ok=True)
        raise FetchError(f"download of {url} failed: {exc}. Check the network or pass --url") from exc
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if part.stat().st_size == 0:
        part.unlink()
        raise FetchError(f"download of {url} is empty (0 bytes)")
    if md5 and digest.hexdigest() != md5.lower():
        part.unlink()
        raise FetchError(f"download of {url} does not match its published MD5 ({digest.hexdigest()} != {md5}): "
                         "a corrupted or altered file. Try again later")
    return part


def _unzip(part: Path, member_glob: str, max_bytes: int | None = None) -> tuple[Path, str]:
    """A downloaded zip: extract the wanted member next to it and drop the zip; returns (path, member name).

    The member is written at most `max_bytes` (default MAX_UNZIPPED_BYTES), counted as it is inflated."""
    limit = max_bytes if max_bytes is not None else _limit("MULTIPOLAR_MAX_UNZIPPED", MAX_UNZIPPED_BYTES)
    with zipfile.ZipFile(part) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        wanted = [n for n in names if fnmatch.fnmatch(Path(n).name, member_glob)] or names
        if len(wanted) != 1:
            raise FetchError(f"{part}: zip holds {len(names)} files and {len(wanted)} match {member_glob!r}")
        declared = zf.getinfo(wanted[0]).file_size
        if declared > limit:
            raise FetchError(f"{part}: {wanted[0]} would unpack to {declared:,} bytes, over the {limit:,}-byte "
                             "limit. Set MULTIPOLAR_MAX_UNZIPPED (bytes) to allow more if you trust the source")
        out = part.with_name(Path(wanted[0]).name + ".part.x")
        written = 0
        try:
            with zf.open(wanted[0]) as src, open(out, "wb") as dst:
                while block := src.read(1 << 20):
                    written += len(block)
                    if written > limit:
                        raise FetchError(f"{part}: {wanted[0]} unpacks to over the {limit:,}-byte limit (its "
                                         f"header said {declared:,}): a zip bomb? Set MULTIPOLAR_MAX_UNZIPPED "
                                         "(bytes) to allow more if you trust the source")
                    dst.write(block)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
    part.unlink()
    return out, Path(wanted[0]).name


def _resolve(name: str, url: str) -> tuple[str, str | None, int | None]:
    """(URL, MD5, size): GDELT's lastupdate.txt names the newest export with its size and MD5."""
    if name == "gdelt" and url.endswith("lastupdate.txt"):
        try:
            text = httpx.get(url, timeout=30, follow_redirects=True).text
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot read {url}: {exc}") from exc
        for line in text.splitlines():
            if line.strip().endswith(".export.CSV.zip"):
                parts = line.split()
                size = int(parts[0]) if len(parts) == 3 and parts[0].isdigit() else None
                md5 = parts[1] if len(parts) == 3 and len(parts[1]) == 32 else None
                return parts[-1], md5, size
        raise FetchError(f"{url} names no .export.CSV.zip file")
    return url, None, None


def fetch(name: str, *, url: str | None = None, dir: str | Path | None = None,
          console: Console | None = None) -> list[Path]:
    """Download (or locate, for bundled datasets) and verify; returns the cached file paths to load."""
    reg = registry()
    if name not in reg:
        raise FetchError(f"unknown dataset {name!r}: use one of {', '.join(REGISTRY_NAMES)}")
    ds = reg[name]
    urls = (url,) if url else ds.urls
    if not urls:
        if name in ("sanctions", "blocs", "suspensions", "cosponsors", "summits", "ukraine_aid", "arms_imports"):
            return []            # the bundled table: the loader reads it
        raise FetchError(f"{name} has no fixed download address: {ds.note}")
    out = []
    for u in urls:
        u, md5, size = _resolve(name, u)
        fname = Path(urlparse(u).path).name or f"{name}.dat"
        if "indicator/" in u and "format=json" in u:
            fname = u.split("indicator/")[1].split("?")[0] + ".json"
        elif fname in ("", "/") or urlparse(u).query.startswith("persistentId"):
            fname = f"{name}.zip"
        dest = data_dir(dir) / name / fname
        part = download(u, dest, console=console, md5=md5)
        got = part.stat().st_size
        if size is not None and got != size:
            part.unlink(missing_ok=True)
            raise FetchError(f"download of {u} has {got:,} bytes; {url or ds.urls[0]} says {size:,}. "
                             "Try again later")
        try:
            if zipfile.is_zipfile(part):
                part, member = _unzip(part, ds.member)
                dest = dest.with_name(member)
            checked = part.with_name(dest.name + ".check" + "".join(dest.suffixes[-1:]))
            part.rename(checked)
            part = checked
            if ds.verify:
                ds.verify(part)
        except (MultipolarError, EOFError, OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile,
                csv.Error) as exc:            # csv.Error: a field over the reader's size limit, a NUL ...
            part.unlink(missing_ok=True)
            raise FetchError(f"download of {u} did not verify, the cached copy (if any) is kept: {exc}") from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        os.replace(part, dest)
        out.append(dest)
    return out
