"""Isolation index of a state per year, quarter or month: the mean of four fixed parts, each in [0, 1]
(0 embedded .. 1 isolated), each reported with the evidence it stands on (docs/indicators.md, "Isolation").

  votes        on the contested GA roll calls of the 12 months ending with the period (the largest of yes / no /
               abstain below 97% of the states voting), the share on which the state's vote was shared by fewer
               than 15% of the voting states. Absent below 10 such roll calls voted on.
  sanctions    the share of world GDP (WDI base year) held by the states with sanctions against it in force at any
               time in the period; a body as sender stands for its members (UN: every state). Absent when no
               sanctions table is loaded.
  suspensions  1 - 0.5 ** n, n = suspensions and expulsions from intergovernmental bodies in force in the period
               (1 -> 0.5, 2 -> 0.75, 3 -> 0.875), from the store's suspensions table, or the bundled one
               (data/suspensions.csv) while that is empty.
  engagement   1 - min(1, breadth / 0.5), breadth = the states whose leaders its leader met (coded CONSULT events),
               each weighted by half its share of world population and half its share of world GDP. Absent unless
               the store holds at least 20 leader-level meetings in the period and 10 events naming the state.
  isolation    mean of the parts present (n_parts says how many).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from multipolar.errors import QueryError
from multipolar.store import indicators as db
from multipolar.store.db import Store

FREQS = {"year": "Y", "quarter": "Q", "month": "M"}
PARTS = ("votes", "sanctions", "suspensions", "engagement")
MINORITY = 0.15
CONTESTED = 0.97
MIN_ROLL_CALLS = 10
VOTE_WINDOW_MONTHS = 12
MIN_STORE_MEETINGS = 20
MIN_STATE_EVENTS = 10
ENGAGEMENT_FULL = 0.5
BASE_YEAR = 2022
DEFAULT_SINCE = date(1990, 1, 1)
COVERAGE = ["n_parts", "roll_calls", "minority_votes", "sanctioning_states", "sanctioning_population",
            "suspensions_in_force", "bodies", "partners", "partners_met", "state_events", "store_meetings"]
COLUMNS = ["period", "isolation", *PARTS, *COVERAGE]


def periods(freq: str, since: date, until: date) -> pd.DataFrame:
    """period (label: 2022, 2022Q1, 2022-01), start, end for every period touching [since, until]."""
    if freq not in FREQS:
        raise QueryError(f"freq {freq!r} is not one of {', '.join(FREQS)}")
    if since > until:
        raise QueryError(f"since {since} is after until {until}: swap them")
    rng = pd.period_range(since, until, freq=FREQS[freq])
    return pd.DataFrame({"period": [str(p) for p in rng], "start": [p.start_time.date() for p in rng],
                         "end": [p.end_time.date() for p in rng], "month": [p.asfreq("M", "end") for p in rng]})


def _shares(store: Store) -> tuple[dict, dict]:
    states, world = db.world_pop_gdp(store, BASE_YEAR)
    if states.empty or not world["population"] > 0:
        return {}, {}
    pop = dict(zip(states.iso3, states.population.fillna(0) / world["population"]))
    gdp = dict(zip(states.iso3, states.gdp_usd.fillna(0) / world["gdp_usd"]))
    return pop, gdp


def _votes(store: Store, per: pd.DataFrame, states: list[str] | None) -> pd.DataFrame:
    first = (per.month.min() - (VOTE_WINDOW_MONTHS - 1)).start_time.date()
    m = db.vote_minorities(store, first, per.end.max(), minority=MINORITY, contested=CONTESTED,
                           state=states[0] if states and len(states) == 1 else None)
    if m.empty:
        return pd.DataFrame(columns=["state", "period", "votes", "roll_calls", "minority_votes"])
    months = pd.period_range(first, per.end.max(), freq="M")
    m["m"] = pd.PeriodIndex(pd.to_datetime(m.month), freq="M")
    wide = {c: m.pivot_table(index="iso3", columns="m", values=c, aggfunc="sum").reindex(columns=months).fillna(0)
            for c in ("n", "minority")}
    roll = {c: w.T.rolling(VOTE_WINDOW_MONTHS, min_periods=1).sum().T for c, w in wide.items()}
    ends = list(per.month)
    n, k = roll["n"][ends], roll["minority"][ends]
    n.columns = k.columns = list(per.period)
    out = n.stack().rename("roll_calls").to_frame().join(k.stack().rename("minority_votes")).reset_index()
    out.columns = ["state", "period", "roll_calls", "minority_votes"]
    out["votes"] = np.where(out.roll_calls >= MIN_ROLL_CALLS, out.minority_votes / out.roll_calls.clip(lower=1),
                            np.nan)
    return out


def _active(spells: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    s, e = pd.to_datetime(spells.start), pd.to_datetime(spells.end)
    return spells[(s <= pd.Timestamp(end)) & (e.isna() | (e > pd.Timestamp(start)))]


def _state_spells(spells: pd.DataFrame, blocs: pd.DataFrame, everyone: set[str]) -> pd.DataFrame:
    """target, sender, start, end with every sender a state: a body's spell becomes one per member, cut to the
    member's own membership spell (UN: every state, for the whole spell)."""
    rows = []
    far = pd.Timestamp("2262-01-01")
    for r in spells.itertuples():
        s0, e0 = pd.Timestamp(r.start), (pd.Timestamp(r.end) if pd.notna(r.end) else far)
        if r.sender == "UN":
            rows += [(r.target, c, s0, e0) for c in everyone]
            continue
        members = blocs[blocs.bloc == r.sender]
        if len(members):
            for m in members.itertuples():
                ms, me = pd.Timestamp(m.start), (pd.Timestamp(m.end) if pd.notna(m.end) else far)
                if max(s0, ms) < min(e0, me):
                    rows.append((r.target, m.iso3, max(s0, ms), min(e0, me)))
        elif len(r.sender) == 3 and r.sender.isalpha():
            rows.append((r.target, r.sender, s0, e0))
    return pd.DataFrame(rows, columns=["target", "sender", "start", "end"])


def _sanctions(store: Store, per: pd.DataFrame, states: list[str], pop: dict, gdp: dict) -> pd.DataFrame:
    spells = _state_spells(db.sanction_spells(store, states), db.bloc_spells(store), set(gdp))
    starts = pd.to_datetime(per.start).to_numpy()
    ends = pd.to_datetime(per.end).to_numpy() + np.timedelta64(1, "D")
    rows = []
    for target, own in spells.groupby("target"):
        own = own[own.sender != target]
        senders = own.sender.to_numpy()
        s0, e0 = own.start.to_numpy(), own.end.to_numpy()
        live = (s0[None, :] < ends[:, None]) & (e0[None, :] > starts[:, None])      # periods x spells
        for i, period in enumerate(per.period):
            active = set(senders[live[i]])
            rows.append((target, period, min(1.0, sum(gdp.get(c, 0.0) for c in active)), len(active),
                         min(1.0, sum(pop.get(c, 0.0) for c in active))))
    return pd.DataFrame(rows, columns=["state", "period", "sanctions", "sanctioning_states",
                                       "sanctioning_population"])


def _suspensions(store: Store, per: pd.DataFrame, states: list[str]) -> pd.DataFrame:
    spells = db.suspension_spells(store, states)
    rows = []
    for state, own in spells.groupby("state"):
        for p in per.itertuples():
            act = _active(own, p.start, p.end)
            rows.append((state, p.period, 1 - 0.5 ** len(act), len(act), " ".join(sorted(set(act.body)))))
    return pd.DataFrame(rows, columns=["state", "period", "suspensions", "suspensions_in_force", "bodies"])


def _label(dates: pd.Series, freq: str) -> pd.Series:
    return pd.to_datetime(dates).dt.to_period(FREQS[freq]).astype(str)


def _engagement(store: Store, per: pd.DataFrame, freq: str, pop: dict, gdp: dict) -> pd.DataFrame:
    cols = ["state", "period", "engagement", "partners", "partners_met", "state_events", "store_meetings"]
    since, until = per.start.min(), per.end.max()
    evs = db.state_events(store, since, until)
    if evs.empty:
        return pd.DataFrame(columns=cols)
    meet = db.leader_meetings(store, since, until)
    meet = meet[meet.partner.str.fullmatch(r"[A-Z]{3}") & meet.partner.isin(set(gdp) | set(evs.code))]
    evs["period"], meet["period"] = _label(evs.date, freq), _label(meet.date, freq)
    store_meetings = meet.groupby("period").id.nunique()
    counts = evs.groupby(["code", "period"]).id.nunique().rename("state_events").reset_index()
    met = meet.groupby(["state", "period"]).partner.apply(lambda s: sorted(set(s))).rename("met")
    out = counts.rename(columns={"code": "state"}).merge(met.reset_index(), on=["state", "period"], how="left")
    out["met"] = out.met.map(lambda m: m if isinstance(m, list) else [])
    out["store_meetings"] = out.period.map(store_meetings).fillna(0).astype(int)
    breadth = out.met.map(lambda m: sum(0.5 * pop.get(c, 0.0) + 0.5 * gdp.get(c, 0.0) for c in m))
    enough = (out.store_meetings >= MIN_STORE_MEETINGS) & (out.state_events >= MIN_STATE_EVENTS)
    out["engagement"] = np.where(enough, 1 - np.minimum(1.0, breadth / ENGAGEMENT_FULL), np.nan)
    out["partners"] = out.met.map(len)
    out["partners_met"] = out.met.map(" ".join)
    return out[cols]


def table(store: Store, freq: str = "year", since: date | None = None, until: date | None = None,
          states: list[str] | None = None) -> pd.DataFrame:
    """state + COLUMNS for the given states (None: every state with evidence) and every period in the range."""
    per = periods(freq, since or DEFAULT_SINCE, until or date.today())
    states = [s.upper() for s in states] if states else None
    pop, gdp = _shares(store)
    parts = [_votes(store, per, states)]
    universe = set(states) if states else set(parts[0].state) | set(gdp)
    loaded = {**db.table_counts(store, ("sanctions",)), "suspensions": True}      # bundled facts when not loaded
    if loaded["sanctions"]:
        parts.append(_sanctions(store, per, sorted(universe), pop, gdp))
    if loaded["suspensions"]:
        parts.append(_suspensions(store, per, sorted(universe)))
    parts.append(_engagement(store, per, freq, pop, gdp))
    grid = pd.DataFrame([(s, p) for s in sorted(universe) for p in per.period], columns=["state", "period"])
    for part in parts:
        if len(part):
            grid = grid.merge(part[part.state.isin(universe)], on=["state", "period"], how="left")
    for name, zero in (("sanctions", ["sanctions", "sanctioning_states", "sanctioning_population"]),
                       ("suspensions", ["suspensions", "suspensions_in_force"])):
        if loaded[name]:                 # the table is loaded: no row for a state means none against it
            grid[zero] = grid.reindex(columns=zero).fillna(0)
    grid = grid.reindex(columns=["state", *COLUMNS])
    grid["n_parts"] = grid[list(PARTS)].notna().sum(axis=1)
    grid["isolation"] = grid[list(PARTS)].mean(axis=1, skipna=True)
    return grid


def index(store: Store, state: str, freq: str = "year", since: date | None = None, until: date | None = None,
          *, save: bool = True) -> pd.DataFrame:
    """COLUMNS for one state, one row per period (parts without enough evidence are empty, not zero)."""
    state = state.upper()
    out = table(store, freq, since, until, [state]).drop(columns="state")
    out = out[out.n_parts > 0].reset_index(drop=True)
    if save and len(out):
        db.save(store, "isolation_periods", out.assign(state=state, freq=freq), {"state": state, "freq": freq})
    return out


def every_state(store: Store, year: int) -> pd.DataFrame:
    """state + COLUMNS for every state in one calendar year, most isolated first."""
    out = table(store, "year", date(year, 1, 1), date(year, 12, 31))
    return out[out.n_parts > 0].sort_values("isolation", ascending=False).reset_index(drop=True)
