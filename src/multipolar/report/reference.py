"""Reference-data sections of the HTML report: UN vote tallies and sanctioning states next to the events.

`sections(store) -> list[str]` returns HTML fragments (every cell escaped with html.escape; the one chart is
inline SVG from report/charts.py, like every other chart of the report). For the states most present in the
store's coded events (as actor or recipient) it shows
  * the roll calls on the UN resolutions about each state (the lists in multipolar.analysis.stance, e.g. for RUS
    A/RES/ES-11/1 141-5-35-12) with the state's own vote, from the un_votes table;
  * who sanctions each of those states (sanctions in force today, with the date since when and the source
    named per row), from the sanctions table;
  * next to them the event counts of the state from the events table (and from external_events when GDELT,
    ICEWS or POLECAT files are loaded).
A dataset that is not loaded gives one line saying so and the command that loads it.
"""
from __future__ import annotations

import html
from datetime import date

from multipolar.store.db import Store
from multipolar.store.reference import ensure_tables, sanctions_on
from multipolar.store.summary import code_event_counts, external_counts, has_rows, resolution_tallies, tables_present

TOP_STATES = 5
SANCTION_ROWS = 15
EXTRA_COUNTRY_CODES = {"SUN", "YUG", "CSK", "DDR", "YMD", "SCG", "RVN", "ZZB", "XKX"}


def _esc(value) -> str:
    return html.escape("" if value is None else str(value))


def _table(header: list[str], rows: list[list]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<div class='table'><table><tr>{head}</tr>{body}</table></div>"


def _not_loaded(what: str, command: str) -> str:
    return (f"<p class='not-loaded'>{_esc(what)} not loaded: run <code>{_esc(command)}</code> "
            f"(or <code>{_esc(command.replace(' load ', ' fetch ').rsplit(' ', 1)[0])}</code>).</p>")


def _is_state(code: str) -> bool:
    """An ISO3 state code (blocs and bodies such as EU, NATO, UN are not states)."""
    if not (isinstance(code, str) and len(code) == 3 and code.isalpha() and code.isupper()):
        return False
    if code in EXTRA_COUNTRY_CODES:
        return True
    try:
        import pycountry  # noqa: PLC0415
    except ImportError:
        return True
    return pycountry.countries.get(alpha_3=code) is not None


def event_counts(store: Store, limit: int = TOP_STATES) -> list[dict]:
    """The states most present in coded events: [{state, events, as_actor, as_recipient, sanction_events}]."""
    rows = code_event_counts(store)
    out = [dict(zip(("state", "events", "as_actor", "as_recipient", "sanction_events"), r))
           for r in rows if _is_state(r[0])]
    return out[:limit]


def _resolutions_about(state: str) -> list[str]:
    from multipolar.analysis.stance import PRIOR_RESOLUTIONS, RESOLUTIONS  # noqa: PLC0415
    return list(dict.fromkeys(RESOLUTIONS.get(state, []) + PRIOR_RESOLUTIONS.get(state, [])))


def _votes_section(store: Store, top: list[dict]) -> str:
    title = "<h2>UN votes on the states in the news</h2>"
    if not has_rows(store, "un_votes"):
        return title + _not_loaded("UN votes", "multipolar data load unvotes FILE")
    parts = [title]
    chart_rows = []
    for s in top:
        state = s["state"]
        wanted = _resolutions_about(state)
        head = (f"<h3>{_esc(state)}</h3><p>{_esc(state)} is in {_esc(s['events'])} coded events "
                f"({_esc(s['as_actor'])} as actor, {_esc(s['as_recipient'])} as recipient).</p>")
        if not wanted:
            parts.append(head + f"<p class='note'>multipolar lists no UN resolutions about {_esc(state)}.</p>")
            continue
        rows = resolution_tallies(store, state, wanted)
        if not rows:
            parts.append(head + f"<p>The UN votes loaded do not include the resolutions about {_esc(state)} "
                                f"({_esc(', '.join(wanted[:3]))} ...).</p>")
            continue
        table = [[res.replace("A/RES/", ""), d.isoformat() if d else "", f"{y}-{n}-{a}", y, n, a, x,
                  {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}.get(own, own or "")]
                 for res, d, y, n, a, x, own in rows]
        chart_rows += [(state, r[0], r[3], r[4], r[5]) for r in table]
        parts.append(head + _table(["resolution", "date", "tally (yes-no-abstain)", "yes", "no", "abstain",
                                    "absent", f"{state} voted"], table))
    if chart_rows:
        parts.append(_tally_chart(chart_rows))
    return "\n".join(parts)


def _tally_chart(rows: list[tuple]) -> str:
    from multipolar.report import charts  # noqa: PLC0415
    fig = charts.tallies([(f"{state} {res}", y, n, a) for state, res, y, n, a in rows])
    return f"<figure class='chart' data-chart='tallies'>{charts.svg(fig)}</figure>"


def _sanctions_section(store: Store, top: list[dict], external: dict[str, int]) -> str:
    title = "<h2>Who sanctions the states in the news</h2>"
    if not has_rows(store, "sanctions"):
        return title + _not_loaded("Sanctions", "multipolar data load sanctions FILE")
    today = date.today()
    summary, detail = [], []
    for s in top:
        state = s["state"]
        rows = sanctions_on(store, state, today)
        senders = sorted({r["sender"] for r in rows})
        states = [c for c in senders if _is_state(c)]
        summary.append([state, s["events"], s["as_recipient"], s["sanction_events"], external.get(state, ""),
                        len(states), ", ".join(c for c in senders if not _is_state(c)), ", ".join(states)])
        if rows:
            shown = rows[:SANCTION_ROWS]
            more = (f"<p class='note'>{len(shown)} of {len(rows)} programmes; all of them: "
                    f"<code>multipolar stance {_esc(state)} --date {_esc(today.isoformat())} --explain ISO3</code> "
                    "per state.</p>") if len(rows) > len(shown) else ""
            detail.append(f"<h3>Sanctions on {_esc(state)} in force on {_esc(today.isoformat())}</h3>" + _table(
                ["sender", "program", "since", "until", "scope", "source"],
                [[r["sender"], r["program"], r["start"].isoformat() if r["start"] else "",
                  r["end"].isoformat() if r["end"] else "", r["scope"] or "", r["source_name"] or ""]
                 for r in shown]) + more)
    head = ["state", "events", "as recipient", "SANCTION events against it", "external events (GDELT ...)",
            "sanctioning states", "sanctioning bodies", "sanctioning states (ISO3)"]
    if not top:
        return title + "<p>No coded events with a state as actor or recipient yet.</p>"
    return title + _table(head, summary) + "\n" + "\n".join(detail)


def sections(store: Store) -> list[str]:
    """HTML fragments: UN vote tallies and sanctioning states for the states most present in the events."""
    ensure_tables(store)
    if len(tables_present(store, ("un_votes", "sanctions", "external_events"))) < 3:    # a read-only store made before any reference data was loaded
        return ["<section><h2>UN votes and sanctions</h2><p>Reference data not loaded: run "
                "<code>multipolar data load unvotes FILE</code> and <code>multipolar data load sanctions</code>."
                "</p></section>"]
    top = event_counts(store)
    external = external_counts(store, [s["state"] for s in top])
    return [_votes_section(store, top), _sanctions_section(store, top, external)]
