"""`multipolar data ...` (fetch, load, list/status) and `multipolar votes RESOLUTION`: thin adapters over
multipolar.external.fetch and multipolar.store.reference. The main CLI adds them with
`from multipolar.cli_data import data, votes; main.add_command(data); main.add_command(votes)`.
"""
from __future__ import annotations

import os
import sys

import click

from multipolar.cli_common import FORMATS as OUTPUT_FORMATS, GLOB_OPTION, emit, emit_object, err, file_args, guard, lit, working

from multipolar.cli_store import defaults_cmd
from multipolar.external.fetch import REGISTRY_NAMES, fetch as _fetch, registry
from multipolar.store import evidence, reference
from multipolar.store.bundled import open_store
from multipolar.store.db import DEFAULT_DB, Store

NAMES = click.Choice(REGISTRY_NAMES)
FORMATS = click.Choice(list(OUTPUT_FORMATS))


def _emit(rows: list[dict], fmt: str, title: str = "") -> None:
    emit(rows, fmt, title=title or None)


def _report(results, fmt: str) -> None:
    rows = [{"dataset": r.dataset, "source": r.source, "rows": r.rows, "skipped": len(r.skipped)} for r in results]
    _emit(rows, fmt, "loaded")
    for r in results:
        for note in r.notes:
            err.print(lit(f"note: {note}"))
        for s in r.skipped[:10]:
            err.print(lit(f"skipped {s.source}: {s.reason}"))
        if len(r.skipped) > 10:
            err.print(lit(f"... and {len(r.skipped) - 10} more skipped lines (see the store's `skipped` table)"))


def _load(store: Store, name: str, path) -> reference.LoadResult:
    loader = getattr(reference, registry()[name].loader, None) or getattr(evidence, registry()[name].loader)
    return loader(store, path) if path is not None else loader(store)


@click.group()
def data() -> None:
    """Reference and external data: UN votes, ideal points, sanctions, WDI, leaders, blocs, GDELT/POLECAT/ICEWS."""


@data.command("fetch")
@click.argument("name", type=NAMES)
@click.option("--url", help="download from this address instead of the dataset's public source")
@click.option("--data-dir", type=click.Path(file_okay=False), help="cache folder (default $MULTIPOLAR_DATA_DIR "
              "or ~/.cache/multipolar)")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def fetch_cmd(name: str, url: str | None, data_dir: str | None, db: str, fmt: str) -> None:
    """Download NAME from its public source, verify and cache it, then load it into the store.

    sanctions and blocs load the tables bundled with multipolar; `fetch sanctions --url URL` reads OpenSanctions
    program metadata (JSON or CSV) instead.
    """
    with working(f"fetching {name}"):
        paths = _fetch(name, url=url, dir=data_dir)
    store, defaults = open_store(db)       # a new store gets the bundled data first; the file's rows replace them
    with store, working(f"loading {name}"):
        results = [_load(store, name, p) for p in paths] if paths else [_load(store, name, None)]
    _report(defaults + results, fmt)


@data.command("load")
@click.argument("name", type=NAMES)
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@GLOB_OPTION
@guard
def load_cmd(name: str, files: tuple[str, ...], db: str, fmt: str, use_glob: bool) -> None:
    """Load local FILEs as dataset NAME (same readers as fetch). Reloading the same file changes nothing. A FILE is
    a literal path (a name may hold * or ?); --glob expands patterns."""
    paths = file_args(files, use_glob)
    for path in paths:
        if not os.path.isfile(path):
            raise click.BadParameter(f"{path!r}: no such file", param_hint="FILE")
    store, defaults = open_store(db)       # a new store gets the bundled data first; the file's rows replace them
    results = []
    with store:
        for path in paths:
            with working(f"loading {name} from {path}"):
                results.append(_load(store, name, path))
    _report(defaults + results, fmt)


@data.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def list_cmd(db: str, fmt: str) -> None:
    """What is loaded: rows per dataset, the last source and when it was loaded."""
    with Store.open(db, read_only=True) as store:
        rows = reference.loaded(store) + evidence.loaded(store)
    _emit(rows, fmt, "reference data")


data.add_command(list_cmd, "status")
data.add_command(defaults_cmd, "defaults")


@click.command("votes")
@click.argument("resolution")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def votes(resolution: str, db: str, fmt: str) -> None:
    """A UN resolution's date, tally and every state's vote (RESOLUTION like A/RES/ES-11/1 or ES-11/1)."""
    with Store.open(db, read_only=True) as store:
        v = reference.votes_on(store, resolution)
    if fmt in ("json", "jsonl"):
        emit_object({k: v[k] for k in ("resolution", "date", "tally", "votes")}, fmt)
        return
    rows = [{"iso3": k, "vote": x} for k, x in v["votes"].items()]
    if fmt == "csv":
        _emit(rows, "csv")
        return
    t = v["tally"]
    click.echo(f"{v['resolution']}  {v['date'] or 'date unknown'}  yes {t['yes']}  no {t['no']}  "
               f"abstain {t['abstain']}  absent {t['absent']}")
    _emit(rows, "table")


if __name__ == "__main__":  # pragma: no cover
    data(sys.argv[1:])
