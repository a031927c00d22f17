"""Static charts of the indicators (matplotlib, Agg backend): SVG text for the HTML report, PNG/SVG files on request.

Each function takes computed indicator frames and returns a matplotlib Figure; `svg(fig)` gives inline SVG (the
report stays one file) and `save(fig, directory, name)` writes name.png and name.svg. The world map reads country
shapes from the world-atlas TopoJSON the dashboard vendors (web/frontend/node_modules/world-atlas); without it the
stance chart falls back to a ranked strip of states by score, coloured by camp, and says so in its title.
"""
from __future__ import annotations

import html
import io
import itertools
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from multipolar.report import palette  # noqa: E402

CAMP_COLOURS = palette.camps()               # the dashboard's colours (web/static/palette.json)
NO_DATA = palette.palette()["none"]
TARGET = palette.palette()["target"]
_TIP_IDS = itertools.count()
ATLAS = Path(__file__).resolve().parents[1] / "web" / "frontend" / "node_modules" / "world-atlas" / "countries-110m.json"
plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False})


def tip(fig, artist, text: str) -> None:
    """Give an artist a tooltip: a <title> inside its SVG group (shown on hover in the report)."""
    gid = f"mp-tip-{next(_TIP_IDS)}"
    artist.set_gid(gid)
    fig.__dict__.setdefault("_mp_tips", {})[gid] = text


def svg(fig) -> str:
    """The figure as inline SVG markup (no XML prolog, scales to its container, tooltips); closes the figure."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    tips = fig.__dict__.get("_mp_tips", {})
    plt.close(fig)
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    for gid, t in tips.items():
        text = text.replace(f'<g id="{gid}">', f'<g id="{gid}"><title>{html.escape(t)}</title>', 1)
    # never wider than its column (a phone's too): the viewBox keeps the proportions
    head, rest = text.split(">", 1)
    return head + ' class="chart-svg" role="img">' + rest


def save(fig, directory: str | Path, name: str) -> list[Path]:
    """Write name.png (150 dpi) and name.svg into directory; returns the paths. Does not close the figure."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    out = [d / f"{name}.png", d / f"{name}.svg"]
    fig.savefig(out[0], dpi=150, bbox_inches="tight")
    fig.savefig(out[1], bbox_inches="tight")
    return out


# ---- world shapes --------------------------------------------------------------------------------------

def _numeric_to_iso3() -> dict[str, str]:
    import pycountry
    return {c.numeric: c.alpha_3 for c in pycountry.countries}


def world_shapes(path: Path = ATLAS) -> dict[str, list[np.ndarray]] | None:
    """iso3 -> outer rings (lon/lat arrays) decoded from a world-atlas TopoJSON; None when the file is absent."""
    if not path.exists():
        return None
    topo = json.loads(path.read_text(encoding="utf-8"))
    scale, shift = np.array(topo["transform"]["scale"]), np.array(topo["transform"]["translate"])
    arcs = [np.cumsum(np.array(a, dtype=float), axis=0) * scale + shift for a in topo["arcs"]]

    def ring(indices):
        pts = [arcs[i] if i >= 0 else arcs[~i][::-1] for i in indices]
        return np.concatenate([p if k == 0 else p[1:] for k, p in enumerate(pts)])

    codes, out = _numeric_to_iso3(), {}
    for g in topo["objects"]["countries"]["geometries"]:
        iso3 = codes.get(str(g.get("id", "")).zfill(3))
        if not iso3 or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        out.setdefault(iso3, []).extend(ring(p[0]) for p in polys)
    return out


def _split_dateline(r: np.ndarray) -> np.ndarray:
    """Rings crossing the antimeridian (Russia's Chukotka, Fiji) are drawn on the side of their first point."""
    lon = r[:, 0].copy()
    jumps = np.abs(np.diff(lon)) > 180
    if jumps.any():
        lon = np.where((lon < 0) & (lon[0] > 0), lon + 360, np.where((lon > 0) & (lon[0] < 0), lon - 360, lon))
        lon = np.clip(lon, -180, 180)
    return np.column_stack([lon, r[:, 1]])


# ---- the charts ----------------------------------------------------------------------------------------

def stance_map(states: pd.DataFrame, target: str, on, shapes=None) -> plt.Figure:
    """World choropleth of camps (states: iso3, camp, score); the target in black, unclassified in light grey."""
    shapes = world_shapes() if shapes is None else shapes
    if not shapes:
        return stance_strip(states, target, on, note=" (world-atlas shapes not found: ranked strip)")
    camp = states.set_index("iso3").camp.to_dict()
    score = states.set_index("iso3").score.to_dict() if "score" in states else {}
    fig, ax = plt.subplots(figsize=(11, 5.6))
    for iso3, rings in shapes.items():
        colour = TARGET if iso3 == target else CAMP_COLOURS.get(camp.get(iso3), NO_DATA)
        polys = [_split_dateline(r) for r in rings]
        coll = PolyCollection(polys, facecolors=colour, edgecolors="#ffffff" if iso3 in camp or iso3 == target
                              else "#bbbbbb", linewidths=0.3)
        ax.add_collection(coll)
        label = ("the target" if iso3 == target else
                 f"{palette.camp_label(camp[iso3])}, score {score.get(iso3, float('nan')):+.2f}" if iso3 in camp
                 else "not classified")
        tip(fig, coll, f"{iso3}: {label}")
    ax.set_xlim(-170, 190)
    ax.set_ylim(-58, 84)
    ax.set_aspect(1.2)
    ax.axis("off")
    counts = states.camp.value_counts()
    handles = [Patch(color=c, label=f"{palette.camp_label(k)} ({int(counts.get(k, 0))})")
               for k, c in CAMP_COLOURS.items()]
    handles += [Patch(color=TARGET, label=target), Patch(facecolor=NO_DATA, edgecolor="#bbbbbb",
                                                          label="not classified")]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8)
    ax.set_title(f"Stance toward {target} on {on}: blue against {target}, red with it")
    return fig


def stance_strip(states: pd.DataFrame, target: str, on, note: str = "") -> plt.Figure:
    """States ranked by score, one bar each, coloured by camp (the map's fallback; also useful on its own)."""
    f = states.sort_values("score").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(12, 4))
    ax.bar(f.index, f.score, color=[CAMP_COLOURS[c] for c in f.camp], width=1.0)
    step = max(1, len(f) // 60)
    ax.set_xticks(f.index[::step], f.iso3[::step], rotation=90, fontsize=6)
    ax.axhline(0, color="black", lw=0.5)
    ax.set_ylabel(f"score (+ = against {target})")
    ax.set_title(f"Stance toward {target} on {on}, states ranked by score{note}")
    ax.set_xlabel("states, ranked by score")
    ax.legend(handles=[Patch(color=c, label=palette.camp_label(k)) for k, c in CAMP_COLOURS.items()],
              frameon=False, fontsize=8, loc="upper left")
    return fig


def stance_shares(camps: dict[str, dict], target: str, on) -> plt.Figure:
    """Stacked bars: share of states, of world population and of world GDP in each camp."""
    fig, ax = plt.subplots(figsize=(8, 2.6))
    total = sum(v["count"] for v in camps.values()) or 1
    rows = {"states": {k: v["count"] / total for k, v in camps.items()},
            "population": {k: v["population_share"] for k, v in camps.items()},
            "GDP": {k: v["gdp_share"] for k, v in camps.items()}}
    for y, (label, shares) in enumerate(rows.items()):
        left = 0.0
        for k, c in CAMP_COLOURS.items():
            w = shares.get(k, 0.0)
            ax.barh(y, w, left=left, color=c, edgecolor="white")
            if w >= 0.04:
                ax.text(left + w / 2, y, f"{100 * w:.0f}%", ha="center", va="center", fontsize=8,
                        color="white" if k in ("condemning", "supporting") else "black")
            left += w
    ax.set_yticks(range(3), list(rows))
    ax.set_ylabel("share of")
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the world (population and GDP: WDI 2022 world totals)")
    ax.set_title(f"Camps toward {target} on {on}")
    return fig


def idealpoint_dots(est: pd.DataFrame, year: int, highlight=("USA", "RUS", "CHN", "IND", "BRA", "ZAF")) -> plt.Figure:
    """Dot plot of one year's ideal points, every state on one axis, labelled ones named."""
    f = est[est.year == year].sort_values("ideal_point").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(10, 3.2))
    rng = np.random.default_rng(0)
    y = rng.uniform(-0.35, 0.35, len(f))
    for i, r in f.iterrows():
        dot = ax.scatter([r.ideal_point], [y[i]], s=14, color=CAMP_COLOURS["leaning_against"],
                         edgecolor=CAMP_COLOURS["condemning"], linewidth=0.4)
        tip(fig, dot, f"{r.iso3}: {r.ideal_point:+.2f}")
        if r.iso3 in highlight:
            ax.scatter([r.ideal_point], [y[i]], s=30, color=CAMP_COLOURS["supporting"])
            ax.annotate(r.iso3, (r.ideal_point, y[i]), xytext=(0, 8), textcoords="offset points", ha="center",
                        fontsize=8)
    ax.set_yticks([])
    ax.set_ylim(-0.8, 0.8)
    ax.set_xlabel("ideal point (per-year scale; higher = closer to the US)")
    ax.set_title(f"UN General Assembly ideal points, {year} ({len(f)} states)")
    return fig


def _full_axis(values: pd.Series) -> list[str] | None:
    """Every period between the first and the last (quarters '2024Q1', months '2024-03', years), or None."""
    text = values.astype(str)
    for freq, pattern in (("Q", r"^\d{4}Q[1-4]$"), ("M", r"^\d{4}-\d{2}(-01)?$"), ("Y", r"^\d{4}$")):
        if len(text) and text.str.match(pattern).all():
            per = pd.PeriodIndex(text.str.slice(0, 7) if freq == "M" else text, freq=freq)
            full = pd.period_range(per.min(), per.max(), freq=freq)
            return [str(p) for p in full]
    return None


def timelines(frame: pd.DataFrame, x: str, columns: list[str], title: str, ylabel: str = "",
              xlabel: str | None = None) -> plt.Figure:
    """One line per column against x (isolation parts, poles and cohesion, dyad scores).

    Periods with no value are gaps: the x axis has every period from the first to the last, and a line is
    never drawn across a missing one. Every point has a tooltip (period, series, value)."""
    fig, ax = plt.subplots(figsize=(10, 3.4))
    f = frame.copy()
    f[x] = f[x].astype(str).str.slice(0, 7) if f[x].astype(str).str.match(r"^\d{4}-\d{2}-\d{2}").all() else \
        f[x].astype(str)
    full = _full_axis(f[x])
    if full is not None:
        f = f.groupby(x).first().reindex(full).rename_axis(x).reset_index()
    xs = f[x].astype(str)
    pos = np.arange(len(xs))
    shown = [c for c in columns if c in f and f[c].notna().any()]
    for i, c in enumerate(shown):
        colour = palette.series(i)
        ys = pd.to_numeric(f[c], errors="coerce").to_numpy(dtype=float)
        ax.plot(pos, ys, lw=1.8 if i == 0 else 1.1, color=colour, label=c.replace("_", " "))
        if len(pos) * len(shown) <= 600:          # a tooltip per point
            for p, v, lab in zip(pos, ys, xs):
                if np.isfinite(v):
                    tip(fig, ax.scatter([p], [v], s=9, color=colour, zorder=3), f"{lab} {c.replace('_', ' ')}: {v:.3f}")
        else:                                      # too many for one each: the series' range in one tooltip
            ok = np.isfinite(ys)
            dots = ax.scatter(pos[ok], ys[ok], s=6, color=colour, zorder=3)
            tip(fig, dots, f"{c.replace('_', ' ')}: {np.nanmin(ys):.3f} to {np.nanmax(ys):.3f} "
                           f"({xs.iloc[int(np.argmax(ok))]} to {xs.iloc[len(ok) - 1 - int(np.argmax(ok[::-1]))]})")
    step = max(1, len(xs) // 16)
    ax.set_xticks(pos[::step], xs.iloc[::step], rotation=45, ha="right", fontsize=7)
    ax.set_xlabel(xlabel or x.replace("_", " "))
    ax.set_ylabel(ylabel or "value")
    ax.set_title(title)
    if shown:
        ax.legend(frameon=False, fontsize=8)
    return fig


def events_by_month(monthly: pd.DataFrame) -> plt.Figure:
    """Stacked bars of events per month and PLOVER type, in the 16 type colours; months without events empty."""
    f = monthly.copy()
    f["month"] = f["month"].astype(str).str.slice(0, 7)
    wide = f.pivot_table(index="month", columns="event", values="n", aggfunc="sum").fillna(0)
    full = _full_axis(pd.Series(wide.index))
    if full is not None:
        wide = wide.reindex(full, fill_value=0)
    fig, ax = plt.subplots(figsize=(10, 3.6))
    bottom = np.zeros(len(wide))
    pos = np.arange(len(wide))
    order = [t for t in palette.palette()["types"] if t in wide.columns] + \
        [t for t in wide.columns if t not in palette.palette()["types"]]
    for t in order:
        vals = wide[t].to_numpy(dtype=float)
        bars = ax.bar(pos, vals, bottom=bottom, color=palette.type_colour(t), label=t, width=0.85)
        for b, v, m in zip(bars, vals, wide.index):
            if v:
                tip(fig, b, f"{m} {t}: {int(v)}")
        bottom += vals
    step = max(1, len(pos) // 16)
    ax.set_xticks(pos[::step], list(wide.index[::step]), rotation=45, ha="right", fontsize=7)
    ax.set_xlabel("month")
    ax.set_ylabel("events")
    ax.set_title("Events by PLOVER type and month")
    ax.legend(frameon=False, fontsize=7, ncol=2, bbox_to_anchor=(1.01, 1), loc="upper left")
    return fig


def tallies(rows: list[tuple]) -> plt.Figure:
    """Stacked bars of UN roll calls: rows (label, yes, no, abstain)."""
    fig, ax = plt.subplots(figsize=(10, 3.2))
    pos = np.arange(len(rows))
    bottom = np.zeros(len(rows))
    colours = palette.palette()["votes"]
    for i, name in ((1, "yes"), (2, "no"), (3, "abstain")):
        vals = np.array([float(r[i] or 0) for r in rows])
        bars = ax.bar(pos, vals, bottom=bottom, color=colours[name], label=name)
        for b, r, v in zip(bars, rows, vals):
            tip(fig, b, f"{r[0]}: {int(v)} {name}")
        bottom += vals
    ax.set_xticks(pos, [r[0] for r in rows], rotation=45, ha="right", fontsize=7)
    ax.set_xlabel("resolution")
    ax.set_ylabel("states voting")
    ax.set_title("UN roll calls on the states in the news")
    ax.legend(frameon=False, fontsize=8)
    return fig


def bloc_network(edges: pd.DataFrame, comm: pd.DataFrame, year: int, min_kappa: float = 0.3) -> plt.Figure:
    """States as nodes coloured by vote community, edges where kappa >= min_kappa (spring layout, seed 7)."""
    import networkx as nx
    g = nx.Graph()
    label = comm.set_index("iso3").label.to_dict()
    g.add_nodes_from(label)
    strong = edges[(edges.kappa >= min_kappa) & edges.a.isin(label) & edges.b.isin(label)]
    g.add_weighted_edges_from(strong[["a", "b", "kappa"]].itertuples(index=False))
    pos = nx.spring_layout(g, weight="weight", seed=7, k=0.25)
    names = sorted(set(label.values()), key=str)
    colour = {n: palette.series(i) for i, n in enumerate(names)}
    fig, ax = plt.subplots(figsize=(9, 7))
    nx.draw_networkx_edges(g, pos, ax=ax, alpha=0.06, width=0.5)
    for name in names:                        # one collection per community, its members in the tooltip
        members = [n for n in g.nodes if label[n] == name]
        dots = ax.scatter([pos[n][0] for n in members], [pos[n][1] for n in members], s=40, color=colour[name],
                          zorder=3)
        tip(fig, dots, f"community {name}: {' '.join(sorted(members))}")
    big = {"USA", "RUS", "CHN", "IND", "BRA", "ZAF", "DEU", "IRN"}
    for n in g.nodes:                         # every node is labelled; the large states in bold
        ax.annotate(n, pos[n], xytext=(0, 5), textcoords="offset points", ha="center",
                    fontsize=7 if n in big else 4.5, fontweight="bold" if n in big else "normal", zorder=4)
    ax.legend(handles=[Patch(color=colour[n], label=f"{n} ({sum(1 for v in label.values() if v == n)})")
                       for n in names], frameon=False, fontsize=8, title="community (anchor)")
    ax.axis("off")
    ax.set_title(f"UN vote network {year}: edges kappa >= {min_kappa}, Louvain communities")
    return fig
