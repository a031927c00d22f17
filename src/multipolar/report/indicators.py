"""Indicator sections of the HTML report: one chart per indicator with the numbers beside it.

`sections(store)` returns HTML fragments; report/html.py inlines plotly.js once, so charts omit it.
Each section is computed from what the store holds and says so when the data is missing.
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.express as px

from multipolar.store.db import Store


def _fig(fig) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False)


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
    fig = px.scatter(latest, x="ideal_point", y="iso3", title=f"UN General Assembly ideal points, {year}",
                     height=max(500, 9 * len(latest)))
    cmp = idealpoints.compare(est, idealpoints.reference_points(store))
    return _section("UN ideal points", _fig(fig) + "<h3>Correlation with Bailey-Strezhnev-Voeten</h3>" +
                    _table(cmp.tail(15)))


def _stance(store: Store, target: str = "RUS", on: str = "2023-03-31") -> str:
    from multipolar.analysis import stance
    try:
        result = stance.classify(store, target, on, save=False)
    except Exception as exc:  # noqa: BLE001 - a report section must not stop the report
        return _section(f"Stance toward {target}", f"<p>Not available: {html.escape(str(exc))}</p>")
    f = result.states
    order = list(stance.CAMPS)
    fig = px.choropleth(f, locations="iso3", color="camp", category_orders={"camp": order},
                        color_discrete_sequence=["#08519c", "#6baed6", "#bdbdbd", "#fc9272", "#a50f15"],
                        title=f"Stance toward {target} on {on}")
    camps = pd.DataFrame([{"camp": k, "count": v["count"], "population_share": v["population_share"],
                           "gdp_share": v["gdp_share"]} for k, v in result.camps().items()])
    return _section(f"Stance toward {target}", _fig(fig) + _table(camps))


def _isolation(store: Store, state: str = "RUS") -> str:
    from multipolar.analysis import isolation
    out = isolation.index(store, state, "quarter", save=False)
    if out.empty:
        return _section(f"Isolation of {state}", "<p>No votes or events for this state.</p>")
    long = out.melt(id_vars="period", value_vars=["index", "engagement_isolation", "balance_isolation",
                                                   "vote_isolation"]).dropna()
    fig = px.line(long, x="period", y="value", color="variable", title=f"Isolation index of {state} and its parts")
    return _section(f"Isolation of {state}", _fig(fig) + _table(out.tail(8)))


def _blocs(store: Store) -> str:
    from multipolar.analysis import blocs
    votes_years = store.sql("SELECT max(year(date)) AS y FROM un_votes WHERE body = 'GA'").y
    if votes_years.isna().all():
        return _section("Blocs and polarity", "<p>No UN votes loaded.</p>")
    last = min(int(votes_years[0]), 2024)
    out = blocs.polarity(store, last - 9, last, save=False)
    poles = out["poles"]
    fig = px.line(poles.melt(id_vars="year", value_vars=["effective_poles", "west_cohesion_kappa"]), x="year",
                  y="value", color="variable", title="Effective number of vote communities; cohesion of the West")
    return _section("Blocs and polarity", _fig(fig) + _table(poles) + "<h3>Drift</h3>" + _table(out["drift"]))


def _dyads(store: Store) -> str:
    from multipolar.analysis import dyads
    out = dyads.monthly(store, save=False)
    if out.empty:
        return _section("Dyads", "<p>No coded events between two parties yet.</p>")
    und = out[~out.directed.astype(bool)]
    top = und.groupby(["a", "b"]).events.sum().nlargest(6).reset_index()
    sel = und.merge(top[["a", "b"]], on=["a", "b"]).assign(pair=lambda f: f.a + "-" + f.b)
    fig = px.bar(sel, x="month", y="score_sum", color="pair", barmode="group",
                 title="Monthly PLOVER score sum, most active pairs")
    return _section("Dyads", _fig(fig) + _table(sel.sort_values("month", ascending=False)))


def sections(store: Store) -> list[str]:
    """HTML fragments, one per indicator, in reading order."""
    out = []
    for make in (_idealpoints, _stance, _isolation, _blocs, _dyads):
        try:
            out.append(make(store))
        except Exception as exc:  # noqa: BLE001 - one failing indicator must not stop the report
            out.append(_section(make.__name__.strip("_"), f"<p>Failed: {html.escape(str(exc))}</p>"))
    return out
