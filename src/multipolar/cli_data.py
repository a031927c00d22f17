"""`multipolar data ...` (fetch, load, list/status) and `multipolar votes RESOLUTION`: thin adapters over
multipolar.external.fetch and multipolar.store.reference. The main CLI adds them with
`from multipolar.cli_data import data, votes; main.add_command(data); main.add_command(votes)`.
"""
from __future__ import annotations

import csv
import io
import json
import sys

import click

from multipolar.cli_common import guard
from rich.console import Console
from rich.table import Table as RichTable

from multipolar.external.fetch import REGISTRY_NAMES, fetch as _fetch, registry
from multipolar.store import reference
from multipolar.store.db import DEFAULT_DB, Store

NAMES = click.Choice(REGISTRY_NAMES)
FORMATS = click.Choice(["table", "csv", "json"])


def _emit(rows: list[dict], fmt: str, title: str = "") -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    cols = list(rows[0]) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    table = RichTable(title=title or None)
    for c in cols:
        table.add_column(c)
    for r in rows:
        table.add_row(*("" if r[c] is None else str(r[c]) for c in cols))
    Console().print(table)


def _report(results, fmt: str) -> None:
    rows = [{"dataset": r.dataset, "source": r.source, "rows": r.rows, "skipped": len(r.skipped)} for r in results]
    _emit(rows, fmt, "loaded")
    err = Console(stderr=True)
    for r in results:
        for note in r.notes:
            err.print(f"note: {note}")
        for s in r.skipped[:10]:
            err.print(f"skipped {s.source}: {s.reason}", markup=False)
        if len(r.skipped) > 10:
            err.print(f"... and {len(r.skipped) - 10} more skipped lines (see the store's `skipped` table)")


def _load(store: Store, name: str, path) -> reference.LoadResult:
    loader = getattr(reference, registry()[name].loader)
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
    paths = _fetch(name, url=url, dir=data_dir)
    with Store.open(db) as store:
        results = [_load(store, name, p) for p in paths] if paths else [_load(store, name, None)]
    _report(results, fmt)


@data.command("load")
@click.argument("name", type=NAMES)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def load_cmd(name: str, file: str, db: str, fmt: str) -> None:
    """Load a local FILE as dataset NAME (same readers as fetch). Reloading the same file changes nothing."""
    with Store.open(db) as store:
        result = _load(store, name, file)
    _report([result], fmt)


@data.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def list_cmd(db: str, fmt: str) -> None:
    """What is loaded: rows per dataset, the last source and when it was loaded."""
    with Store.open(db) as store:
        rows = reference.loaded(store)
    _emit(rows, fmt, "reference data")


data.add_command(list_cmd, "status")


@click.command("votes")
@click.argument("resolution")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@guard
def votes(resolution: str, db: str, fmt: str) -> None:
    """A UN resolution's date, tally and every state's vote (RESOLUTION like A/RES/ES-11/1 or ES-11/1)."""
    with Store.open(db) as store:
        v = reference.votes_on(store, resolution)
    if fmt == "json":
        click.echo(json.dumps({k: v[k] for k in ("resolution", "date", "tally", "votes")}, indent=2))
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
