"""Static charts of the indicators (matplotlib, Agg backend): SVG text for the HTML report, PNG/SVG files on request.

Each function takes computed indicator frames and returns a matplotlib Figure; `svg(fig)` gives inline SVG (the
report stays one file) and `save(fig, directory, name)` writes name.png and name.svg. The world map reads country
shapes from the world-atlas TopoJSON the dashboard vendors (web/frontend/node_modules/world-atlas); without it the
stance chart falls back to a ranked strip of states by score, coloured by camp, and says so in its title.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

CAMP_COLOURS = {"condemning": "#08519c", "leaning_against": "#6baed6", "neutral": "#bdbdbd",
                "leaning_towards": "#fc9272", "supporting": "#a50f15"}
NO_DATA = "#f2f2f2"
ATLAS = Path(__file__).resolve().parents[1] / "web" / "frontend" / "node_modules" / "world-atlas" / "countries-110m.json"
plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False, "axes.spines.right": False})


def svg(fig) -> str:
    """The figure as inline SVG markup (no XML prolog); closes the figure."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


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
    fig, ax = plt.subplots(figsize=(11, 5.6))
    polys, colours = [], []
    for iso3, rings in shapes.items():
        colour = "#000000" if iso3 == target else CAMP_COLOURS.get(camp.get(iso3), NO_DATA)
        for r in rings:
            polys.append(_split_dateline(r))
            colours.append(colour)
    ax.add_collection(PolyCollection(polys, facecolors=colours, edgecolors="white", linewidths=0.3))
    ax.set_xlim(-170, 190)
    ax.set_ylim(-58, 84)
    ax.set_aspect(1.2)
    ax.axis("off")
    counts = states.camp.value_counts()
    handles = [Patch(color=c, label=f"{k.replace('_', ' ')} ({int(counts.get(k, 0))})")
               for k, c in CAMP_COLOURS.items()]
    handles += [Patch(color="#000000", label=target), Patch(color=NO_DATA, label="not classified")]
    ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8)
    ax.set_title(f"Stance toward {target} on {on}: camps from UN votes, sanctions, alignment, blocs, events")
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
    ax.legend(handles=[Patch(color=c, label=k.replace("_", " ")) for k, c in CAMP_COLOURS.items()],
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
    ax.scatter(f.ideal_point, y, s=14, color="#6baed6", edgecolor="#08519c", linewidth=0.4)
    for i, r in f.iterrows():
        if r.iso3 in highlight:
            ax.scatter([r.ideal_point], [y[i]], s=30, color="#a50f15")
            ax.annotate(r.iso3, (r.ideal_point, y[i]), xytext=(0, 8), textcoords="offset points", ha="center",
                        fontsize=8)
    ax.set_yticks([])
    ax.set_ylim(-0.8, 0.8)
    ax.set_xlabel("ideal point (per-year scale; higher = closer to the US)")
    ax.set_title(f"UN General Assembly ideal points, {year} ({len(f)} states)")
    return fig


def timelines(frame: pd.DataFrame, x: str, columns: list[str], title: str, ylabel: str = "") -> plt.Figure:
    """One line per column against x (isolation components, poles and cohesion, dyad scores)."""
    fig, ax = plt.subplots(figsize=(10, 3.4))
    xs = frame[x].astype(str)
    for c in columns:
        if c in frame and frame[c].notna().any():
            ax.plot(xs, frame[c], marker="o", ms=3, lw=1.8 if c in ("index", "effective_poles") else 1.1, label=c)
    step = max(1, len(xs) // 16)
    ax.set_xticks(range(0, len(xs), step), xs.iloc[::step], rotation=45, ha="right", fontsize=7)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
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
    palette = plt.get_cmap("tab10")
    colour = {n: palette(i % 10) for i, n in enumerate(names)}
    fig, ax = plt.subplots(figsize=(9, 7))
    nx.draw_networkx_edges(g, pos, ax=ax, alpha=0.06, width=0.5)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=40, node_color=[colour[label[n]] for n in g.nodes])
    for n in ("USA", "RUS", "CHN", "IND", "BRA", "ZAF", "DEU", "IRN"):
        if n in pos:
            ax.annotate(n, pos[n], xytext=(0, 6), textcoords="offset points", ha="center", fontsize=8)
    ax.legend(handles=[Patch(color=colour[n], label=f"{n} ({sum(1 for v in label.values() if v == n)})")
                       for n in names], frameon=False, fontsize=8, title="community (anchor)")
    ax.axis("off")
    ax.set_title(f"UN vote network {year}: edges kappa >= {min_kappa}, Louvain communities")
    return fig
