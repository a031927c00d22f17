"""The HTML report: one self-contained file, every chart inline SVG from matplotlib (report/charts.py), so it
works offline with one plotting library. Colours come from the palette the dashboard uses (web/static/palette.json).
The page fits a laptop or phone width: charts scale to the column, wide tables wrap (a table wider than the column
scrolls inside its own box, never the page)."""
from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from multipolar.report import charts
from multipolar.report.indicators import sections as indicator_sections
from multipolar.report.reference import sections as reference_sections
from multipolar.store.db import Store
from multipolar.store.events import list_events
from multipolar.store.summary import events_by_month, top_dyads

CSS = """
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; color: #1d2330; margin: 0 auto; padding: 1em; max-width: 1100px; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05em; }
figure.chart { margin: .6em 0; } figure.chart svg { display: block; max-width: 100%; height: auto; }
.table { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; max-width: 100%; }
td, th { border: 1px solid #d8dbe0; padding: 3px 6px; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
th { background: #f4f5f7; }
td.sentence { min-width: 18em; }
.note, .not-loaded { color: #5b6475; font-size: 13px; }
code { background: #f4f5f7; padding: 0 .2em; }
"""


def write_report(store: Store, output: str | Path, max_rows: int = 30, *, target: str = "RUS",
                 on: str | date | None = None) -> Path:
    """Write the report to `output`: events by type and month, the indicators (stance toward `target` on `on`,
    its isolation, blocs, dyads), UN votes and sanctions, the most active dyads and the latest events."""
    target = target.upper()
    monthly = events_by_month(store)
    dyads = top_dyads(store)
    events = list_events(store, limit=max_rows)
    counts = store.counts()
    if on is None:
        on = events[0]["date"] if events and events[0]["date"] else date.today().isoformat()
    on = str(on)
    parts = ["<h1>multipolar report</h1>",
             f"<p>{counts['articles']} articles, {counts['events']} events. Stance and isolation of "
             f"<b>{html.escape(target)}</b> on {html.escape(on)}.</p>"]
    if len(monthly):
        parts.append(f"<figure class='chart' data-chart='events_by_month'>{charts.svg(charts.events_by_month(monthly))}"
                     "</figure>")
    else:
        parts.append("<p class='note'>No dated events yet.</p>")
    parts += indicator_sections(store, target=target, on=on)
    parts += reference_sections(store)
    parts.append("<h2>Most active dyads</h2>" + ("" if len(dyads) else "<p class='note'>No events between two "
                                                  "parties yet.</p>") + _table(
        ["actor", "recipient", "events", "mean PLOVER score"],
        [[r.actor, r.recipient, r.n, "" if r.mean_score != r.mean_score else f"{r.mean_score:.2f}"]
         for r in dyads.head(15).itertuples()]))
    parts.append(f"<h2>Latest events</h2><p class='note'>The {len(events)} most recent of {counts['events']}; "
                 "all of them: <code>multipolar events --format csv</code>.</p>" + _table(
                     ["date", "event", "actor", "recipient", "modality", "sentence"],
                     [[e["date"] or "", e["event"] + (f"/{e['mode']}" if e["mode"] else ""),
                       "+".join(a["code"] for a in e["actor"]), "+".join(a["code"] for a in e["recipient"]),
                       e["modality"], e["sentence"]] for e in events], wide_last=True))
    page = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>multipolar report</title><style>{CSS}</style></head><body>"
            + "\n".join(parts) + "</body></html>")
    out = Path(output)
    out.write_text(page, encoding="utf-8")
    return out


def _table(header: list[str], rows: list[list], wide_last: bool = False) -> str:
    """An HTML table; every cell is escaped (article text is untrusted)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    last = len(header) - 1

    def td(i, c):
        cls = " class='sentence'" if wide_last and i == last else ""
        return f"<td{cls}>{html.escape('' if c is None else str(c))}</td>"
    body = "".join("<tr>" + "".join(td(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<div class='table'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
