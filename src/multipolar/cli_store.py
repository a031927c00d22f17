"""CLI pieces about the store itself: `multipolar data defaults` (the reference data shipped with multipolar).

Registered by cli_data (`data.add_command(defaults_cmd, "defaults")`).
"""
from __future__ import annotations

import click

from multipolar.cli_common import err, guard, lit
from multipolar.store.bundled import load_defaults, present
from multipolar.store.db import DEFAULT_DB, Store


@click.command("defaults")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file")
@click.option("--force", is_flag=True, help="reload every bundled dataset, replacing the rows it carries")
@guard
def defaults_cmd(db: str, force: bool) -> None:
    """Load the reference data shipped with multipolar into the store, offline: UN votes 1946-2025 (GA and SC),
    BSV ideal points, WDI population and GDP, sanctions, blocs, leaders, suspensions. A dataset already stored
    is kept unless --force. A new store made by `ingest` or `data load` gets them by itself (set
    MULTIPOLAR_NO_DEFAULTS=1 to start empty). Origins and licences: src/multipolar/refdata/README.md."""
    with Store.open(db) as store:
        results = load_defaults(store, force=force)
        have = present(store)
    loaded = {r.dataset: r for r in results}
    for name, n in have.items():
        if name in loaded:
            err.print(lit(f"loaded {name}: {loaded[name].rows:,} rows from {loaded[name].source}"))
        else:
            err.print(lit(f"kept {name}: {n:,} rows already stored (--force reloads the bundled copy)"))


def actor_code(text: str | None, option: str = "--actor") -> str | None:
    """An actor option as a code: a state or IGO code as given (RUS, NATO, IGOSCO), else a name resolved by the
    actor roster ("russia", "the Kremlin", "Putin" -> RUS; "SCO" -> IGOSCO)."""
    if text is None or not text.strip():
        return None
    from multipolar.actors.roster import Roster

    roster = Roster.load()
    up = text.strip().upper()
    if up in set(roster.countries()) | set(roster.former_states()) | set(roster.igos()):
        return up
    ref = roster.lookup(text.strip())
    if ref is None or not ref.code:
        raise click.BadParameter(f"E050 unknown actor {text!r}: give an ISO3 state code (RUS), an IGO code (NATO, "
                                 f"IGOSCO) or a name the roster knows (Russia, the Kremlin, Putin)", param_hint=option)
    return ref.code


def existing_store(db: str) -> str:
    """`db` when the file exists; a read command never creates a store."""
    from pathlib import Path

    from multipolar.errors import StoreError

    if db != ":memory:" and not Path(db).exists():
        raise StoreError(f"store {db} does not exist: run `multipolar ingest ... --db {db}` (or `make run`) first, "
                         f"or check the --db path")
    return db
