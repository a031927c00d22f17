"""The HTML report: one self-contained file (plotly.js inlined, so it works offline)."""
from __future__ import annotations

import html
from pathlib import Path

import plotly.express as px

from multipolar.report.indicators import sections as indicator_sections
from multipolar.report.reference import sections as reference_sections
from multipolar.store.db import Store
from multipolar.store.events import list_events
from multipolar.store.summary import events_by_month, top_dyads


def write_report(store: Store, output: str | Path, max_rows: int = 500) -> Path:
    monthly = events_by_month(store)
    dyads = top_dyads(store)
    events = list_events(store, limit=max_rows)
    parts = ["<h1>multipolar report</h1>",
             f"<p>{store.counts()['articles']} articles, {store.counts()['events']} events.</p>"]
    if len(monthly):
        fig = px.bar(monthly, x="month", y="n", color="event", title="Events by type and month")
        parts.append(fig.to_html(full_html=False, include_plotlyjs=True))
    else:
        parts.append("<p>No dated events yet.</p>")
    parts += indicator_sections(store)
    parts += reference_sections(store)
    parts.append("<h2>Most active dyads</h2>" + _table(
        ["actor", "recipient", "events", "mean PLOVER score"],
        [[r.actor, r.recipient, r.n, r.mean_score] for r in dyads.itertuples()]))
    parts.append("<h2>Events</h2>" + _table(
        ["date", "event", "actor", "recipient", "modality", "sentence"],
        [[e["date"] or "", e["event"] + (f"/{e['mode']}" if e["mode"] else ""),
          "+".join(a["code"] for a in e["actor"]), "+".join(a["code"] for a in e["recipient"]),
          e["modality"], e["sentence"]] for e in events]))
    page = ("<!doctype html><html><head><meta charset='utf-8'><title>multipolar report</title>"
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
            "td,th{border:1px solid #ccc;padding:4px;vertical-align:top}</style></head><body>"
            + "\n".join(parts) + "</body></html>")
    out = Path(output)
    out.write_text(page, encoding="utf-8")
    return out


def _table(header: list[str], rows: list[list]) -> str:
    """An HTML table; every cell is escaped (article text is untrusted)."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"
