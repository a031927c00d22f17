"""The command line: a thin adapter over the library (no SQL, no coding logic here)."""
from __future__ import annotations

import json
import os
import sys
import time

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from multipolar.cli_common import DATE, GLOB_OPTION, MODE_OPTION, ROWS, emit, file_args, format_option, say, working
from multipolar.errors import MultipolarError, OutputError, QueryError
from multipolar.model import MODALITIES
from multipolar.store.db import DEFAULT_DB

console = Console(stderr=True)
DB_OPTION = click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")


@click.group()
@click.version_option(package_name="multipolar")
def main():
    """multipolar: code the news into PLOVER events and measure alignment between states."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--date", "pub_date", type=DATE, default=None,
              help="publication date of the articles that carry none (a .txt without a 'Date:' header line)")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="code in N local Dask worker processes (each loads spaCy once)")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="code on an existing Dask cluster, e.g. tcp://host:8786")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="with --workers/--scheduler: the date-partitioned Parquet folder (default: a cache folder "
                   "per store); re-running resumes there")
@GLOB_OPTION
def ingest(paths, db, pub_date, workers, scheduler, parquet_dir, use_glob):
    """Read .txt/.html/RSS/Atom/JSONL files (directories are walked), web addresses (http/https) and "-"
    (standard input), code them, store the events.

    Publication dates come from the page's metadata (HTML), the feed item, the JSONL "date" field, or a
    "Date: YYYY-MM-DD" line at the top of a .txt file (or a dateline in its first lines); --date gives one to
    the articles that have none. Articles left without a date are named in a warning. The store can be served
    (`multipolar serve`) meanwhile: it is opened only while a batch is written. A new store first gets the
    reference data shipped with multipolar (`multipolar data defaults`). PATHS are literal paths (a file name
    may hold * or ?); --glob expands patterns in them."""
    from multipolar.store.bundled import open_store
    from multipolar.store.db import Store
    from multipolar.store.serving import BriefStore, refresh_summaries

    default_date = pub_date                   # checked by DATE (1900 to 2100)
    paths = file_args(paths, use_glob)
    if workers and scheduler:
        raise click.UsageError("give --workers N (local processes) or --scheduler ADDRESS (a cluster), not both")
    if parquet_dir and not (workers or scheduler):
        raise click.UsageError("--parquet goes with --workers or --scheduler")
    if (workers or scheduler) and any(p == "-" or p.lower().startswith(("http://", "https://")) for p in paths):
        raise click.UsageError("standard input (-) and web addresses are read by a plain `ingest`, not with "
                               "--workers/--scheduler: save them to files first, or ingest them without those")
    started = time.perf_counter()
    first, defaults = open_store(db)
    first.close()
    for r in defaults:
        say(console, "reference data: {} ({} rows) from {}", r.dataset, f"{r.rows:,}", r.source)
    brief = not (workers or scheduler)
    with (BriefStore(db) if brief else Store.open(db)) as store, Progress(
            TextColumn("[bold]ingest[/]"), BarColumn(), TextColumn("{task.fields[info]}"), TimeElapsedColumn(),
            console=console, transient=False) as progress:
        task = progress.add_task("ingest", total=None, info="loading the coder ...")

        def show(stats):
            dt = max(time.perf_counter() - started, 1e-6)
            progress.update(task, info=f"{stats.articles + 0} articles  {stats.sentences / dt:,.0f} sent/s  "
                                       f"{(stats.articles) / dt:,.1f} art/s  {stats.events} events")

        if workers or scheduler:
            _ingest_dask(paths, store, workers, scheduler, parquet_dir, show, progress, task)
            return
        from multipolar.pipeline import ingest as run_ingest
        stats = run_ingest(list(paths), store, on_progress=show, default_date=default_date)
    if stats.articles:
        with Store.open(db) as written:
            refresh_summaries(written)        # a server on this store shows the new events at its next request
    for s in stats.skipped:
        say(console, "[yellow]skipped[/] {}", s.reason)
    for source in stats.undated:
        say(console, "[yellow]warning[/] no publication date in {}: its events are undated unless a sentence "
                     "gives a date (add a 'Date: YYYY-MM-DD' first line, or ingest it with --date)", source)
    console.print(f"articles: {stats.articles} new, {stats.duplicates} already stored; "
                  f"sentences: {stats.sentences}; events: {stats.events}; skipped: {len(stats.skipped)}; "
                  f"undated: {len(stats.undated)}; judged off-topic, not coded: {stats.off_topic}")


def _ingest_dask(paths, store, workers, scheduler, parquet_dir, show, progress, task) -> None:
    """ingest --workers/--scheduler: code to Parquet on Dask, then merge the Parquet into the store."""
    from multipolar.scale import code_to_parquet, merge_parquet
    from multipolar.scale.distributed import default_parquet_dir

    out = parquet_dir or default_parquet_dir(store.path)
    progress.update(task, info=escape(f"starting {'the cluster at ' + scheduler if scheduler else f'{workers} workers'} ..."))
    stats = code_to_parquet(list(paths), out, workers=workers, scheduler=scheduler, known=store.known_hashes,
                            on_chunk=show)
    progress.update(task, info=escape(f"merging {out} into {store.path} ..."))
    merged = merge_parquet(out, store)
    progress.stop()
    for s in stats.skipped:
        say(console, "[yellow]skipped[/] {}", s.reason)
    console.print(f"articles: {stats.articles} coded on {stats.workers} workers, {stats.resumed} resumed from "
                  f"{escape(str(out))}, {stats.duplicates} already stored; sentences: {stats.sentences} "
                  f"({stats.sentences_per_second:,.0f}/s); events: {stats.events}; skipped: {len(stats.skipped)}; "
                  f"judged off-topic, not coded: {stats.off_topic}")
    console.print(f"merged: {merged.articles} new articles, {merged.events} events from {merged.chunks} chunks "
                  f"({merged.already} merged before)")


@main.command()
@DB_OPTION
@click.option("--actor", help="the actor: an ISO3 or IGO code (RUS, NATO) or a name (Russia, the Kremlin, Putin)")
@click.option("--recipient", help="the recipient: a code or a name, as --actor")
@click.option("--party", help="a code or name on either side (actor or recipient)")
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT")
@click.option("--modality", type=click.Choice(MODALITIES), help="asserted, reported, future, hypothetical or negated")
@click.option("--since", type=DATE, help="first date, YYYY-MM-DD (1900 to 2100)")
@click.option("--until", type=DATE, help="last date, YYYY-MM-DD (1900 to 2100)")
@click.option("--min-confidence", "min_confidence", type=click.FloatRange(0, 1), default=None,
              help="only events at least this confident (0-1)")
@click.option("--distinct", is_flag=True, help="one row per deduplicated event, with its source counts")
@click.option("--undated", "dated", flag_value=False, default=None,
              help="only events without a date (from articles with no publication date)")
@click.option("--dated", "dated", flag_value=True, help="only events with a date")
@click.option("--limit", type=ROWS, default=None, help="at most this many events")
@click.option("--offset", type=ROWS, default=0, help="skip this many events first")
@format_option()
def events(db, actor, recipient, party, type_, modality, since, until, min_confidence, distinct, dated, limit,
           offset, fmt):
    """List stored events with their source sentence (csv: CAMEO code, intensity, place, lat/lon, source URL).

    The filters are the API's (/api/v1/events): --min-confidence is min_confidence, --dated/--undated is
    dated=true/false."""
    from multipolar.cli_store import actor_code
    from multipolar.store.db import Store
    from multipolar.store.events import list_events
    from multipolar.store.filters import Filters

    f = Filters.make(actor=actor_code(actor), recipient=actor_code(recipient, "--recipient"),
                     party=actor_code(party, "--party"), type=type_, modality=modality, since=since, until=until,
                     min_confidence=min_confidence, dated=dated, distinct=distinct)
    with Store.open(db, read_only=True) as store:
        rows = list_events(store, f, limit=limit, offset=offset)
    if fmt in ("jsonl", "json"):
        emit(rows, fmt)
    elif fmt == "csv":
        cols = EVENT_CSV + (["mentions", "articles", "independent_sources"] if distinct else [])
        emit([event_row(r) for r in rows], "csv", columns=cols)
    else:
        emit([{"date": r["date"], "event": r["event"] + ("/" + r["mode"] if r["mode"] else ""),
               "actor → recipient": _codes(r["actor"]) + (" → " + _codes(r["recipient"]) if r["recipient"] else ""),
               "modality": r["modality"], "sentence": r["sentence"]} for r in rows], "table",
             drop=("modality",), wide={"sentence": 30})
        console.print(f"{len(rows)} events")


# the columns users of GDELT and ICEWS exports look for, under multipolar's names
EVENT_CSV = ["date", "event", "mode", "cameo", "intensity", "actor", "actor_name", "recipient", "recipient_name",
             "modality", "confidence", "place", "country", "lat", "lon", "source_url", "title", "sentence",
             "date_precision", "id", "doc_id", "coder"]


def event_row(r: dict) -> dict:
    """An event record as one flat CSV row (parties as A;B, names as 'Vladimir Putin;...')."""
    loc = r.get("location") or {}
    link = r.get("article") or {}
    return {**{k: r.get(k) for k in ("date", "event", "mode", "cameo", "intensity", "modality", "confidence",
                                     "sentence", "date_precision", "id", "doc_id", "coder")},
            "actor": r["actor"], "recipient": r["recipient"],
            "actor_name": [p.get("name") or p.get("text") or "" for p in r["actor"]],
            "recipient_name": [p.get("name") or p.get("text") or "" for p in r["recipient"]],
            "place": loc.get("name"), "country": loc.get("country"), "lat": loc.get("lat"), "lon": loc.get("lon"),
            "source_url": link.get("url"), "title": link.get("title"),
            **({"mentions": r["sources"].get("mentions"), "articles": r["sources"].get("articles"),
                "independent_sources": r["sources"].get("independent")} if isinstance(r.get("sources"), dict) else {})}


def _codes(parties) -> str:
    """Parties as the table shows them: IGOSCO as SCO (multipolar.codes; CSV and JSON keep the stored code)."""
    from multipolar.codes import display_code
    return "+".join(display_code(p["code"]) for p in parties)


@main.command()
@click.argument("input_path")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="output JSONL (default: stdout)")
@GLOB_OPTION
@click.option("--every-story", is_flag=True,
              help="code stories the relevance model judges off-topic too (by default they are skipped)")
@MODE_OPTION
def code(input_path, output, use_glob, every_story, mode):
    """Code JSONL articles ({"id", "text", "date"?}) to PLOVER event records, without a database. INPUT_PATH is
    a literal path; with --glob, a pattern whose files are coded in name order."""
    from multipolar.coding.tellings import merge as merge_tellings
    from multipolar.model import Skipped
    from multipolar.pipeline import code_articles, coder_settings, read_code_input

    inputs = file_args([input_path], use_glob)
    for path in inputs:
        if not os.path.isfile(path):
            raise click.BadParameter(f"{path!r}: no such file", param_hint="INPUT_PATH")
    items = [item for path in inputs for item in read_code_input(path)]
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    n_events = n_docs = 0
    try:
        with coder_settings(mode, every_story) as c:     # for this command only: the coder is process-wide
            skipped_before = c.off_topic
            for s in items:
                if isinstance(s, Skipped):
                    say(console, "[yellow]skipped[/] {}", s.reason)
            for art, _, evs, skipped in code_articles([a for a in items if not isinstance(a, Skipped)], mode):
                n_docs += 1
                if skipped:
                    say(console, "[yellow]skipped[/] {}", skipped.reason)
                for ev in merge_tellings(evs):        # one event per happening per document
                    out.write(json.dumps(ev.as_record(), ensure_ascii=False) + "\n")
                    n_events += 1
            off = c.off_topic - skipped_before
    finally:
        if output:
            out.close()
    console.print(f"{n_docs} documents, {n_events} events"
                  + (f" ({off} judged off-topic and not coded; --every-story codes them)" if off else ""))


@main.command(name="eval")
@click.argument("gold_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="print the scores as JSON")
@click.option("--predictions", type=click.Path(dir_okay=False), help="also write the predictions here")
@click.option("--rules", "list_rules", is_flag=True, help="also list how often each coder rule fired, and those that never did")
@MODE_OPTION
def eval_(gold_path, as_json, predictions, list_rules, mode):
    """Code gold documents and print type and strict precision/recall/F1, per type and overall."""
    from multipolar.coding.tellings import merge as merge_tellings
    from multipolar.evaluation import format_report, read_gold, score
    from multipolar.model import Article
    from multipolar.pipeline import code_articles
    from datetime import date

    docs = read_gold(gold_path)
    arts = [Article.make(d["text"], id=str(d["id"]),
                         date=date.fromisoformat(d["date"][:10]) if d.get("date") else None) for d in docs]
    from collections import Counter
    from multipolar.coding import candidate, rulecount
    preds, failed = [], []
    before = Counter(candidate.FIRED)
    for _, _, evs, skipped in code_articles(arts, mode):
        preds += [ev.as_record() for ev in merge_tellings(evs)]
        if skipped:
            failed.append(skipped.reason)
    for reason in failed:
        say(console, "[red]coder failure[/] {}", reason)
    if predictions:
        with open(predictions, "w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p) + "\n")
    m = score(docs, preds)
    click.echo(json.dumps(m) if as_json else format_report(m))
    if list_rules:
        fired = candidate.FIRED - before
        click.echo(rulecount.report(Counter({name: fired[name] for name in candidate.rule_names()
                                             if not name.startswith("step_")})))


@main.command()
@DB_OPTION
@click.option("-o", "--output", default="report.html", show_default=True, type=click.Path(dir_okay=False))
@click.option("--target", default="RUS", show_default=True, help="ISO3 of the state whose stance map and isolation "
              "the report shows")
@click.option("--date", "--on", "on", type=DATE, default=None,
              help="date of the stance map, YYYY-MM-DD (default: the latest event's date)")
@click.option("--charts", "charts_dir", type=click.Path(file_okay=False), default=None,
              help="also write every indicator chart as PNG and SVG into this folder")
def report(db, output, target, on, charts_dir):
    """Write an HTML report: events by type over time, stance toward a target, isolation, blocs, dyads, events."""
    from multipolar.report.html import write_report
    from multipolar.store.db import Store

    on = on.isoformat() if on else None
    with Store.open(db, read_only=True) as store:
        with working(f"writing the report on {target.upper()}"):
            path = write_report(store, output, target=target, on=on)
        if charts_dir:
            from multipolar.report.indicators import write_charts
            with working("writing the charts"):
                write_charts(store, charts_dir, target=target, on=on)
            say(console, "charts written to {}", charts_dir)
    say(console, "report written to {}", path)


def _register_optional():
    """Command groups that live in their own modules (data, analysis, web)."""
    from multipolar.cli_data import data, votes
    main.add_command(data)
    main.add_command(votes)
    from multipolar.cli_coder import COMMANDS as CODER_COMMANDS
    for command in CODER_COMMANDS:
        main.add_command(command)
    # A module that cannot be imported is a bug to see at once, not commands that silently vanish.
    from multipolar.cli_analysis import COMMANDS
    for command in COMMANDS:
        main.add_command(command)
    from multipolar.cli_web import serve
    main.add_command(serve)


_register_optional()


def run():
    try:
        main(standalone_mode=False)
    except MultipolarError as exc:
        say(console, "[red]error[/] {}", exc)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OverflowError as exc:         # a window or date the calendar cannot hold (--window 9999y)
        say(console, "[red]error[/] {}", QueryError(f"a date or window out of range ({exc}): use dates between "
                                                    "1900 and 2100 and windows such as 1y, 6m, 8w or 30d"))
        sys.exit(2)
    except OSError as exc:               # an output file that cannot be written (report -o /root/x.html)
        if isinstance(exc, BrokenPipeError):
            sys.exit(1)
        where = exc.filename or "the output"
        say(console, "[red]error[/] {}", OutputError(f"cannot open {where}: {exc.strerror or exc}. Check that "
                                                     "the folder exists and that you may write (or read) there"))
        sys.exit(2)
    except Exception as exc:             # a store file DuckDB cannot read through (truncated): E030, not a traceback
        from multipolar.store.db import as_store_error
        err = as_store_error(exc)
        if err is None:
            raise
        say(console, "[red]error[/] {}", err)
        sys.exit(2)


if __name__ == "__main__":
    run()
