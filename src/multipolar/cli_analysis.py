"""Analysis commands (issue 5): thin adapters over multipolar.analysis. The main CLI registers COMMANDS.

Every command takes --db FILE and --format table|csv|json.
"""
from __future__ import annotations

import csv
import io
import json

import click

from multipolar.cli_common import guard
import pandas as pd
from rich.console import Console
from rich.table import Table as RichTable

from multipolar.store.db import DEFAULT_DB, Store

FORMAT = click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
                      show_default=True)
DB = click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")


def _emit(data, fmt: str, title: str = "") -> None:
    rows = data.to_dict("records") if isinstance(data, pd.DataFrame) else data
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    cols = list(dict.fromkeys(k for r in rows for k in r)) if rows else \
        (list(data.columns) if isinstance(data, pd.DataFrame) else [])
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, restval="")
        w.writeheader()
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
        return
    table = RichTable(title=title or None)
    for c in cols:
        table.add_column(str(c))
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in cols))
    Console().print(table)


def _cell(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    if isinstance(v, (list, dict)):
        return json.dumps(v, default=str)[:80]
    return str(v)


@click.command("idealpoints")
@click.option("--from", "first", type=int, default=1990, show_default=True)
@click.option("--to", "last", type=int, default=2025, show_default=True)
@click.option("--compare", is_flag=True, help="print per-year correlation with the loaded BSV estimates")
@DB
@FORMAT
@guard
def idealpoints_cmd(first, last, compare, db, fmt):
    """UN GA ideal points per state and year (ordered-logit IRT on the raw votes): iso3,year,ideal_point."""
    from multipolar.analysis import idealpoints
    with Store.open(db) as store:
        est = idealpoints.estimate(store, first, last)
        if compare:
            _emit(idealpoints.compare(est, idealpoints.reference_points(store)), fmt, "r with BSV idealpointfp")
            Console(stderr=True).print(f"{len(est)} estimates in {est.attrs['seconds']:.1f} s")
            return
    _emit(est[["iso3", "year", "ideal_point", "n_votes"]], fmt)


@click.command("agreement")
@click.option("--year", type=int, required=True)
@click.argument("state", required=False)
@click.argument("other", required=False)
@DB
@FORMAT
@guard
def agreement_cmd(year, state, other, db, fmt):
    """Pairwise GA vote agreement in a year: share identical and Cohen's kappa (STATE [OTHER] to filter)."""
    from multipolar.analysis import agreement
    with Store.open(db) as store:
        _emit(agreement.agreement(store, year, state=state, other=other), fmt)


@click.command("stance")
@click.argument("target")
@click.option("--date", "--on", "on", required=True, help="YYYY-MM-DD")
@click.option("--explain", "explain", help="ISO3: list the evidence behind this state's camp")
@click.option("--resolution", "resolutions", multiple=True, help="resolutions about the target (repeatable)")
@DB
@FORMAT
@guard
def stance_cmd(target, on, explain, resolutions, db, fmt):
    """Camps toward TARGET on a date: condemning .. supporting, with population and GDP shares."""
    from multipolar.analysis import stance
    with Store.open(db) as store:
        result = stance.classify(store, target, on, resolutions=list(resolutions) or None)
    if explain:
        out = result.explain(explain)
        if fmt == "table":
            click.echo(f"{out['iso3']}: {out['camp']} (score {out['score']}) components {out['components']}")
            _emit(out["evidence"], "table")
        else:
            _emit(out, "json") if fmt == "json" else _emit(out["evidence"], "csv")
        return
    d = result.as_dict()
    if fmt == "json":
        click.echo(json.dumps(d, indent=2, default=str))
        return
    rows = [{"camp": k, "count": v["count"], "population_share": v["population_share"],
             "gdp_share": v["gdp_share"], "states": " ".join(v["states"])} for k, v in d["camps"].items()]
    _emit(rows, fmt, f"stance toward {d['target']} on {d['date']}")
    if fmt == "table":
        click.echo(f"GDP missing for {', '.join(d['gdp_missing']) or 'none'}; {d['method']}")


@click.command("isolation")
@click.argument("state")
@click.option("--freq", type=click.Choice(["quarter", "month"]), default="quarter", show_default=True)
@click.option("--since")
@click.option("--until")
@DB
@FORMAT
@guard
def isolation_cmd(state, freq, since, until, db, fmt):
    """Isolation index of STATE per period with its components (engagement, event balance, UN votes)."""
    from multipolar.analysis import isolation
    from multipolar.store.db import as_date
    with Store.open(db) as store:
        _emit(isolation.index(store, state, freq, as_date(since, "since"), as_date(until, "until")), fmt)


@click.command("meetings")
@click.argument("state")
@click.option("--since", required=True)
@click.option("--until", required=True)
@click.option("--any-level", is_flag=True, help="also meetings not made by the state's leader")
@DB
@FORMAT
@guard
def meetings_cmd(state, since, until, any_level, db, fmt):
    """Meetings, visits made/received, calls and summits of STATE's leader, with partners, places, sources."""
    from multipolar.analysis import diplomacy
    with Store.open(db, read_only=True) as store:
        rows = diplomacy.meetings(store, state, since, until, leaders_only=not any_level)
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    flat = [{**{k: v for k, v in r.items() if k != "sources"},
             "sources": " | ".join(s["url"] or s["title"] or s["event"] for s in r["sources"])} for r in rows]
    _emit(flat, fmt)


@click.command("claim")
@click.argument("text")
@click.option("--as-of", "as_of", required=True)
@click.option("--window", default="1y", show_default=True)
@DB
@FORMAT
@guard
def claim_cmd(text, as_of, window, db, fmt):
    """Check a count claim ('Putin met with over 20 world leaders') against the store."""
    from multipolar.analysis import claims
    with Store.open(db, read_only=True) as store:
        out = claims.check(store, text, as_of, window)
    if fmt == "json":
        click.echo(json.dumps(out, indent=2, default=str))
        return
    click.echo(f"{out['verdict']}: {out['count']} partner states ({' '.join(out['partners'])}) between "
               f"{out['since']} and {out['until']}; coverage {out['coverage']}")
    _emit([{k: v for k, v in m.items() if k != "sources"} for m in out["evidence"]], fmt)


@click.command("dyads")
@click.argument("a")
@click.argument("b", required=False)
@DB
@FORMAT
@guard
def dyads_cmd(a, b, db, fmt):
    """Monthly cooperation-conflict of A's pairs (or the pair A B): PLOVER scores, quad counts, Goldstein."""
    from multipolar.analysis import dyads
    with Store.open(db) as store:
        _emit(dyads.monthly(store, a, b, save=False), fmt)


@click.command("blocs")
@click.option("--from", "first", type=int, default=2015, show_default=True)
@click.option("--to", "last", type=int, default=2024, show_default=True)
@click.option("--show", type=click.Choice(["poles", "communities", "drift"]), default="poles", show_default=True)
@DB
@FORMAT
@guard
def blocs_cmd(first, last, show, db, fmt):
    """Vote communities (Louvain), effective number of poles, cohesion of the West, drifting states."""
    from multipolar.analysis import blocs
    with Store.open(db) as store:
        _emit(blocs.polarity(store, first, last)[show], fmt)


COMMANDS = [idealpoints_cmd, agreement_cmd, stance_cmd, isolation_cmd, meetings_cmd, claim_cmd, dyads_cmd,
            blocs_cmd]
