"""Indicator sections of the HTML report: one static chart per indicator (inline SVG from report/charts.py, so the
report stays one file) with the numbers beside it.

`sections(store, charts_dir=None)` returns HTML fragments; with charts_dir every chart is also written there as PNG
and SVG (`write_charts`). Each section is computed from what the store holds and says so when the data is missing.
"""
from __future__ import annotations

import html

import pandas as pd

from multipolar.report import charts
from multipolar.store.db import Store
from multipolar.store.summary import last_vote_year

_CHARTS_DIR: list = [None]         # set by sections(); charts are saved there as well as inlined


def _fig(fig, name: str) -> str:
    if _CHARTS_DIR[0] is not None:
        charts.save(fig, _CHARTS_DIR[0], name)
    return f"<figure class='chart' data-chart='{html.escape(name)}'>{charts.svg(fig)}</figure>"


def column_text(rows: list[dict], col) -> list[str]:
    """One column's cells as text: empty for missing, integers as integers, other numbers with 3 decimals."""
    vals = [rows_v if not (isinstance(rows_v, float) and rows_v != rows_v) else None
            for rows_v in (r.get(col) for r in rows)]
    vals = [None if v is None or (hasattr(v, "item") and pd.isna(v)) else (v.item() if hasattr(v, "item") else v)
            for v in vals]
    nums = [v for v in vals if v is not None]
    if nums and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in nums):
        whole = all(float(v).is_integer() for v in nums)
        return ["" if v is None else (str(int(v)) if whole else f"{v:.3f}") for v in vals]
    return ["" if v is None else (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v)) for v in vals]


def _table(frame: pd.DataFrame, limit: int = 20) -> str:
    """An HTML table of the first `limit` rows: missing values empty (never NaN), numbers with 3 decimals,
    integers as integers, column names readable; every cell escaped."""
    f = frame.head(limit)
    rows = f.to_dict("records")
    cols = [str(c) for c in f.columns]
    cells = {c: column_text(rows, c) for c in f.columns}
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in cols)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(cells[c][i])}</td>" for c in f.columns) + "</tr>"
                   for i in range(len(rows)))
    more = f"<p class='note'>first {limit} of {len(frame)} rows</p>" if len(frame) > limit else ""
    return f"<div class='table'><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{more}"


def _section(title: str, body: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>{body}</section>"


def _idealpoints(store: Store) -> str:
    from multipolar.analysis import idealpoints
    est = idealpoints.stored(store)
    if est.empty:
        return _section("UN ideal points", "<p>Not computed: run <code>multipolar idealpoints</code>.</p>")
    year = int(est.year.max())
    latest = est[est.year == year].sort_values("ideal_point")
    fig = charts.idealpoint_dots(est, year)
    cmp = idealpoints.compare(est, idealpoints.reference_points(store))
    ends = pd.concat([latest.head(8), latest.tail(8)])[["iso3", "ideal_point"]]
    return _section("UN ideal points", _fig(fig, "idealpoints") + "<h3>Lowest and highest</h3>" + _table(ends) +
                    "<h3>Correlation with Bailey-Strezhnev-Voeten</h3>" + _table(cmp.tail(15)))


def _stance(store: Store, target: str = "RUS", on: str = "2023-03-31") -> str:
    """The stance map, the camps' shares and the sensitivity table (any target analysis.stance classifies)."""
    from multipolar.analysis import stance
    try:
        result = stance.classify(store, target, on, save=False)
    except Exception as exc:  # noqa: BLE001 - a report section must not stop the report
        return _section(f"Stance toward {target}", f"<p class='not-loaded'>Not available: {html.escape(str(exc))}</p>")
    c = result.camps()
    def interval(v):
        iv = v.get("population_share_interval")
        return f"{iv[0]:.3f} to {iv[1]:.3f}" if iv else None
    camps = pd.DataFrame([{"camp": k.replace("_", " "), "count": v["count"], "population_share": v["population_share"],
                           "population_interval": interval(v), "gdp_share": v["gdp_share"],
                           "near_boundary": len(v.get("near_boundary", []))} for k, v in c.items()])
    sens = result.sensitivity()
    body = (_fig(charts.stance_map(result.states, target, on), "stance_map") + _table(camps) +
            "<p class='note'>population interval: 5-95% over bootstrap replicates of the resolutions, roll calls and "
            "events; near boundary: states whose score interval crosses a camp boundary.</p>" +
            _fig(charts.stance_shares(c, target, on), "stance_shares") +
            "<h3>Sensitivity: group population shares with one weight changed by -/+20%</h3>" + _table(sens, 12))
    return _section(f"Stance toward {target}", body)


def _isolation(store: Store, state: str = "RUS") -> str:
    from multipolar.analysis import isolation
    out = isolation.index(store, state, "quarter", save=False)
    if out.empty:
        return _section(f"Isolation of {state}", "<p>No votes or events for this state.</p>")
    fig = charts.timelines(out, "period", ["isolation", *isolation.PARTS],
                           f"Isolation index of {state} and its parts, by quarter", "0 = engaged, 1 = isolated",
                           "quarter")
    cols = [c for c in ("period", "isolation", *isolation.PARTS) if c in out]
    return _section(f"Isolation of {state}", _fig(fig, "isolation") + _table(out[cols].tail(8)))


def _blocs(store: Store) -> str:
    from multipolar.analysis import blocs
    last_year = last_vote_year(store, "GA")
    if last_year is None:
        return _section("Blocs and polarity", "<p>No UN votes loaded.</p>")
    last = min(last_year, 2024)
    out = blocs.polarity(store, last - 9, last, save=False)
    poles = out["poles"]
    fig = charts.timelines(poles, "year", ["effective_poles", "west_cohesion_kappa"],
                           "Effective number of vote communities; cohesion of the West (mean kappa)",
                           "poles (count) / kappa", "year")
    comm = out["communities"]
    net = charts.bloc_network(blocs.signed_edges(store, last), comm[comm.year == last], last)
    return _section("Blocs and polarity", _fig(fig, "blocs_poles") + _table(poles) +
                    _fig(net, "blocs_network") + "<h3>Drift</h3>" + _table(out["drift"], 10))


def _dyads(store: Store) -> str:
    from multipolar.analysis import dyads
    out = dyads.monthly(store, save=False)
    if out.empty:
        return _section("Dyads", "<p>No coded events between two parties yet.</p>")
    und = out[~out.directed.astype(bool)]
    top = und.groupby(["a", "b"]).events.sum().nlargest(6).reset_index()
    sel = und.merge(top[["a", "b"]], on=["a", "b"]).assign(pair=lambda f: f.a + "-" + f.b)
    wide = sel.pivot_table(index="month", columns="pair", values="score_sum", aggfunc="sum").reset_index()
    fig = charts.timelines(wide, "month", [c for c in wide.columns if c != "month"],
                           "Monthly PLOVER score sum, most active pairs", "score sum (+ cooperation)")
    table = sel.sort_values("month", ascending=False).assign(month=lambda f: f.month.astype(str).str.slice(0, 7))
    cols = [c for c in ("month", "pair", "events", "score_sum", "mean_score") if c in table]
    return _section("Dyads", _fig(fig, "dyads") + _table(table[cols], 12))


def sections(store: Store, charts_dir=None, target: str = "RUS", on: str | None = None) -> list[str]:
    """HTML fragments, one per indicator, in reading order; charts also saved under charts_dir when given.

    target and on choose the stance map (any state) and the isolation timeline (of the target)."""
    _CHARTS_DIR[0] = charts_dir
    on = on or "2023-03-31"
    out = []
    makers = (("UN ideal points", _idealpoints), (f"Stance toward {target}", lambda s: _stance(s, target, on)),
              (f"Isolation of {target}", lambda s: _isolation(s, target)), ("Blocs and polarity", _blocs),
              ("Dyads", _dyads))
    for title, make in makers:
        try:
            out.append(make(store))
        except Exception as exc:  # noqa: BLE001 - one failing indicator must not stop the report
            out.append(_section(title, f"<p class='not-loaded'>Not available: {html.escape(str(exc))}</p>"))
    _CHARTS_DIR[0] = None
    return out


def write_charts(store: Store, directory, target: str = "RUS", on: str | None = None) -> list[str]:
    """Compute every indicator section and write its charts to directory as PNG and SVG; returns the file names."""
    from pathlib import Path
    sections(store, directory, target, on)
    return sorted(p.name for p in Path(directory).glob("*.*"))
