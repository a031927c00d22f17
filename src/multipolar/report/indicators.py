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

_CHARTS_DIR: list = [None]         # set by sections(); charts are saved there as well as inlined


def _fig(fig, name: str) -> str:
    if _CHARTS_DIR[0] is not None:
        charts.save(fig, _CHARTS_DIR[0], name)
    return f"<figure class='chart' data-chart='{html.escape(name)}'>{charts.svg(fig)}</figure>"


def _table(frame: pd.DataFrame, limit: int = 20) -> str:
    return frame.head(limit).to_html(index=False, float_format=lambda v: f"{v:.3f}", escape=True)


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
    from multipolar.analysis import stance
    try:
        result = stance.classify(store, target, on, save=False)
    except Exception as exc:  # noqa: BLE001 - a report section must not stop the report
        return _section(f"Stance toward {target}", f"<p>Not available: {html.escape(str(exc))}</p>")
    c = result.camps()
    camps = pd.DataFrame([{"camp": k, "count": v["count"], "population_share": v["population_share"],
                           "gdp_share": v["gdp_share"]} for k, v in c.items()])
    sens = result.sensitivity()
    body = (_fig(charts.stance_map(result.states, target, on), "stance_map") + _table(camps) +
            _fig(charts.stance_shares(c, target, on), "stance_shares") +
            "<h3>Sensitivity: group population shares with one weight changed by -/+20%</h3>" + _table(sens, 40))
    return _section(f"Stance toward {target}", body)


def _isolation(store: Store, state: str = "RUS") -> str:
    from multipolar.analysis import isolation
    out = isolation.index(store, state, "quarter", save=False)
    if out.empty:
        return _section(f"Isolation of {state}", "<p>No votes or events for this state.</p>")
    fig = charts.timelines(out, "period", ["isolation", *isolation.PARTS],
                           f"Isolation index of {state} and its parts, by quarter", "0 = engaged, 1 = isolated")
    return _section(f"Isolation of {state}", _fig(fig, "isolation") + _table(out.tail(8)))


def _blocs(store: Store) -> str:
    from multipolar.analysis import blocs
    votes_years = store.sql("SELECT max(year(date)) AS y FROM un_votes WHERE body = 'GA'").y
    if votes_years.isna().all():
        return _section("Blocs and polarity", "<p>No UN votes loaded.</p>")
    last = min(int(votes_years[0]), 2024)
    out = blocs.polarity(store, last - 9, last, save=False)
    poles = out["poles"]
    fig = charts.timelines(poles, "year", ["effective_poles", "west_cohesion_kappa"],
                           "Effective number of vote communities; cohesion of the West (mean kappa)")
    comm = out["communities"]
    net = charts.bloc_network(blocs.signed_edges(store, last), comm[comm.year == last], last)
    return _section("Blocs and polarity", _fig(fig, "blocs_poles") + _table(poles) +
                    _fig(net, "blocs_network") + "<h3>Drift</h3>" + _table(out["drift"]))


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
    return _section("Dyads", _fig(fig, "dyads") + _table(sel.sort_values("month", ascending=False)))


def sections(store: Store, charts_dir=None) -> list[str]:
    """HTML fragments, one per indicator, in reading order; charts also saved under charts_dir when given."""
    _CHARTS_DIR[0] = charts_dir
    out = []
    for make in (_idealpoints, _stance, _isolation, _blocs, _dyads):
        try:
            out.append(make(store))
        except Exception as exc:  # noqa: BLE001 - one failing indicator must not stop the report
            out.append(_section(make.__name__.strip("_"), f"<p>Failed: {html.escape(str(exc))}</p>"))
    _CHARTS_DIR[0] = None
    return out


def write_charts(store: Store, directory) -> list[str]:
    """Compute every indicator section and write its charts to directory as PNG and SVG; returns the file names."""
    from pathlib import Path
    sections(store, directory)
    return sorted(p.name for p in Path(directory).glob("*.*"))
