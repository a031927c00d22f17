"""Analysis commands (issue 5): thin adapters over multipolar.analysis. The main CLI registers COMMANDS.

Every command takes --db FILE and --format table|csv|json|jsonl (multipolar.cli_common.emit).
"""
from __future__ import annotations

import click

from multipolar.cli_common import DATE, check_window, echo, emit, emit_object, err, format_option, guard, lit, readable, working
from multipolar.cli_store import existing_store
from multipolar.store.db import DEFAULT_DB, Store

FORMAT = format_option()
DB = click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
VOTE = {"Y": "yes", "N": "no", "A": "abstain", "X": "absent"}


def _emit(data, fmt: str, title: str = "", **kw) -> None:
    emit(data, fmt, title=title or None, **kw)


def evidence_text(e: dict) -> str:
    """One piece of stance evidence as a sentence (the dashboard writes the same)."""
    kind = e.get("kind")
    if kind in ("vote", "prior_vote"):
        own = VOTE.get(e.get("vote"), e.get("vote") or "?")
        tgt = VOTE.get(e.get("target_vote"), e.get("target_vote"))
        return f"{e.get('resolution')}: voted {own}" + (f" (target voted {tgt})" if tgt else "") + \
            (f"; {e['note']}" if e.get("note") else "")
    if kind == "sanction":
        return f"sanctions: {e.get('program') or ''} since {e.get('start') or '?'} ({e.get('source') or ''})"
    if kind == "bloc":
        return f"{e.get('bloc')}: {e.get('note') or ''}"
    if kind == "event":
        return f"{e.get('event')}{'/' + e['mode'] if e.get('mode') else ''}: {e.get('sentence') or ''}"
    if kind == "co_actor":
        return f"acted with the target ({e.get('event')}): {e.get('sentence') or ''}"
    if kind == "un_agreement":
        return (f"UN vote agreement with the target {readable(e.get('agreement'))} over {e.get('roll_calls')} roll "
                f"calls (median state {readable(e.get('median'))})")
    rest = {k: v for k, v in e.items() if k not in ("kind", "date", "value", "weight", "score")}
    return readable(rest)


@click.command("idealpoints")
@click.option("--from", "first", type=int, default=1990, show_default=True)
@click.option("--to", "last", type=int, default=2025, show_default=True)
@click.option("--state", "states", multiple=True, help="only these states (ISO3, repeatable or comma-separated)")
@click.option("--compare", is_flag=True, help="print per-year correlation with the loaded BSV estimates")
@DB
@FORMAT
@guard
def idealpoints_cmd(first, last, states, compare, db, fmt):
    """UN GA ideal points per state and year (ordered-logit IRT on the raw votes): iso3,year,ideal_point."""
    from multipolar.analysis import idealpoints
    wanted = {c.strip().upper() for s in states for c in s.split(",") if c.strip()}
    with Store.open(existing_store(db)) as store:
        with working(f"estimating ideal points {first}-{last} (all states are needed for the scale)"):
            est = idealpoints.estimate(store, first, last)
        if compare:
            _emit(idealpoints.compare(est, idealpoints.reference_points(store)), fmt, "r with BSV idealpointfp")
            err.print(lit(f"{len(est)} estimates in {est.attrs.get('seconds', 0):.1f} s"))
            return
    if wanted:
        est = est[est.iso3.isin(wanted)]
        if est.empty:
            raise click.ClickException(f"no ideal points for {', '.join(sorted(wanted))} in {first}-{last} "
                                       "(ISO3 codes of UN members, e.g. --state RUS)")
    _emit(est[["iso3", "year", "ideal_point", "n_votes"]], fmt)


@click.command("agreement")
@click.option("--year", type=int, required=True)
@click.argument("state", required=False)
@click.argument("other", required=False)
@DB
@FORMAT
@guard
def agreement_cmd(year, state, other, db, fmt):
    """Pairwise GA vote agreement in a year: share identical and Cohen's kappa (STATE [OTHER] to filter)."""
    from multipolar.analysis import agreement
    with Store.open(existing_store(db)) as store, working(f"vote agreement in {year}"):
        out = agreement.agreement(store, year, state=state, other=other)
    _emit(out, fmt)


@click.command("stance")
@click.argument("target")
@click.option("--date", "--on", "on", type=DATE, required=True, help="YYYY-MM-DD (1900 to 2100)")
@click.option("--explain", "explain", help="ISO3: list the evidence behind this state's camp")
@click.option("--resolution", "resolutions", multiple=True, help="resolutions about the target (repeatable)")
@click.option("--states", "per_state", is_flag=True, help="one row per state: score, interval, coverage, flags")
@DB
@FORMAT
@guard
def stance_cmd(target, on, explain, resolutions, per_state, db, fmt):
    """Camps toward TARGET (any state) on a date: condemning .. supporting, population and GDP shares with
    bootstrap intervals; states whose interval crosses a camp boundary are listed as near_boundary."""
    from multipolar.analysis import stance
    with Store.open(existing_store(db)) as store, working(f"stance toward {target.upper()} on {on}"):
        result = stance.classify(store, target, on, resolutions=list(resolutions) or None)
    if explain:
        out = result.explain(explain)
        if fmt in ("json", "jsonl"):
            emit_object(out, fmt)
            return
        evidence = [{"kind": e.get("kind"), "date": e.get("date") or e.get("start"), "evidence": evidence_text(e),
                     "value": e.get("value", e.get("score")), "weight": e.get("weight")} for e in out["evidence"]]
        if fmt == "csv":
            _emit(out["evidence"], "csv")
            return
        echo(f"{out['iso3']}: {str(out['camp']).replace('_', ' ')} (score {readable(out['score'])}, interval "
                   f"{readable(out['interval'][0])} to {readable(out['interval'][1])}, coverage "
                   f"{readable(out['coverage'])}{', near a camp boundary' if out['near_boundary'] else ''})")
        weights = out.get("weights") or {}
        _emit([{"component": k.replace("_", " "), "score": v, "weight": weights.get(k),
                "items": out["evidence_items"].get(k)} for k, v in (out.get("components") or {}).items()],
              "table", "components")
        _emit(evidence, "table", "evidence")
        return
    if per_state:
        cols = ["iso3", "camp", "score", "score_lo", "score_hi", "camp_stability", "near_boundary", "coverage",
                *result.weights]
        _emit(result.states[cols], fmt)
        return
    d = result.as_dict()
    if fmt in ("json", "jsonl"):
        emit_object(d, fmt)
        return
    rows = [{"camp": k, "count": v["count"], "population_share": v["population_share"],
             "population_share_lo": v.get("population_share_interval", [None, None])[0],
             "population_share_hi": v.get("population_share_interval", [None, None])[1],
             "gdp_share": v["gdp_share"], "states": " ".join(v["states"]),
             "near_boundary": " ".join(v["near_boundary"])} for k, v in d["camps"].items()]
    _emit(rows, fmt, f"stance toward {d['target']} on {d['date']}", drop=("states", "near_boundary"))
    if fmt == "table":
        groups = ", ".join(f"{g} {100 * v:.1f}% [{100 * d['group_intervals'][g][0]:.1f}-"
                           f"{100 * d['group_intervals'][g][1]:.1f}]" for g, v in d["groups"].items())
        err.print(lit(f"groups (5-95% bootstrap interval): {groups}"))
        err.print(lit(f"GDP missing for {', '.join(d.get('gdp_missing') or []) or 'none'}; {d.get('method', '')}"))


@click.command("isolation")
@click.argument("state", required=False)
@click.option("--freq", type=click.Choice(["year", "quarter", "month"]), default="year", show_default=True)
@click.option("--since", type=DATE, help="first date (default 1990-01-01)")
@click.option("--until", type=DATE, help="last date (default today)")
@click.option("--year", type=int, help="every state in this calendar year instead of one state over time")
@DB
@FORMAT
@guard
def isolation_cmd(state, freq, since, until, year, db, fmt):
    """Isolation index of STATE per period: `isolation` and its parts (votes, sanctions, suspensions, engagement),
    each empty when its evidence is below the minimum, with the evidence counts (docs/indicators.md)."""
    from multipolar.analysis import isolation
    from multipolar.errors import QueryError
    from multipolar.store.db import as_date
    if not state and year is None:
        raise QueryError("isolation needs a STATE (e.g. RUS) or --year YYYY for every state")
    with Store.open(existing_store(db)) as store, working(f"isolation of {state.upper() if state else 'every state'}"):
        out = isolation.every_state(store, year) if year is not None and not state else \
            isolation.index(store, state, freq, as_date(since, "since"), as_date(until, "until"))
    _emit(out, fmt, drop=("partners_met", "bodies", "store_meetings", "state_events", "sanctioning_population"))


@click.command("meetings")
@click.argument("state")
@click.option("--since", type=DATE, required=True)
@click.option("--until", type=DATE, required=True)
@click.option("--any-level", is_flag=True, help="also meetings not made by the state's leader")
@DB
@FORMAT
@guard
def meetings_cmd(state, since, until, any_level, db, fmt):
    """Meetings, visits made/received, calls and summits of STATE's leader, with partners, places, sources."""
    from multipolar.analysis import diplomacy
    with Store.open(db, read_only=True) as store, working(f"meetings of {state.upper()}"):
        rows = diplomacy.meetings(store, state, since, until, leaders_only=not any_level)
    if fmt in ("json", "jsonl"):
        _emit(rows, fmt)
        return
    from multipolar.codes import display_code
    flat = [{**{k: v for k, v in r.items() if k != "sources"}, "partner": display_code(r["partner"]),
             "sources": " | ".join(dict.fromkeys(str(s.get("url") or s.get("title") or s.get("event") or "")
                                                 for s in r.get("sources") or []))} for r in rows]
    _emit(flat, fmt, drop=("sources",))


@click.command("claim")
@click.argument("text")
@click.option("--as-of", "as_of", type=DATE, required=True)
@click.option("--window", default="1y", show_default=True, help="how far back from --as-of: 1y, 6m, 8w or 30d, "
              "reaching no earlier than 1900")
@click.option("--calendar", type=click.Path(exists=True, dir_okay=False),
              help="reference calendar of leader meetings (CSV: date, leader, counterpart, place, source)")
@DB
@FORMAT
@guard
def claim_cmd(text, as_of, window, calendar, db, fmt):
    """Check a count claim ('Putin met with over 20 world leaders') against the store; a verdict needs the store
    to cover the state's leader-level diplomacy in the window (docs/indicators.md)."""
    from multipolar.analysis import claims
    check_window(as_of, window, claims.parse_window)
    with Store.open(db, read_only=True) as store, working("checking the claim"):
        out = claims.check(store, text, as_of, window, calendar=calendar)
    if fmt in ("json", "jsonl"):
        emit_object(out, fmt)
        return
    evidence = [{k: v for k, v in m.items() if k != "sources"} for m in out["evidence"]]
    if fmt == "table":
        echo(f"{out['verdict']}: {out['count']} partner states ({' '.join(out['partners'])}) between "
                   f"{out['since']} and {out['until']}; coverage {readable(out['coverage'])}")
    _emit(evidence, fmt)


@click.command("dyads")
@click.argument("a")
@click.argument("b", required=False)
@DB
@FORMAT
@guard
def dyads_cmd(a, b, db, fmt):
    """Monthly cooperation-conflict of A's pairs (or the pair A B): PLOVER scores, quad counts, Goldstein."""
    from multipolar.analysis import dyads
    from multipolar.codes import display_code, stored_code
    a, b = stored_code(a), stored_code(b)          # SCO or IGOSCO
    with Store.open(existing_store(db)) as store, working(f"dyads of {a.upper()}"):
        out = dyads.monthly(store, a, b, save=False)
    if fmt == "table":                             # shown as SCO, as the bloc views name it
        for col in ("a", "b", "actor", "recipient", "partner"):
            if col in out.columns:
                out[col] = out[col].map(display_code)
    _emit(out, fmt, drop=("external_events", "goldstein_sum", "verbal_coop", "material_coop", "verbal_conflict",
                          "material_conflict", "directed"))


@click.command("blocs")
@click.option("--from", "first", type=int, default=2015, show_default=True)
@click.option("--to", "last", type=int, default=2024, show_default=True)
@click.option("--show", type=click.Choice(["poles", "communities", "drift"]), default="poles", show_default=True)
@DB
@FORMAT
@guard
def blocs_cmd(first, last, show, db, fmt):
    """Vote communities (Louvain), effective number of poles, cohesion of the West, drifting states."""
    from multipolar.analysis import blocs
    with Store.open(existing_store(db)) as store, working(f"vote communities {first}-{last}"):
        out = blocs.polarity(store, first, last)[show]
    _emit(out, fmt)


COMMANDS = [idealpoints_cmd, agreement_cmd, stance_cmd, isolation_cmd, meetings_cmd, claim_cmd, dyads_cmd,
            blocs_cmd]
