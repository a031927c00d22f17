"""The reference tables' schema and the transaction every reference or event-file load runs in.

Shared by store.reference (UN votes, ideal points, sanctions, WDI, leaders, blocs) and store.event_files
(GDELT, ICEWS, POLECAT); split out of reference.py so that the two do not import each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from multipolar.model import Skipped
from multipolar.store.db import Store

_DDL = [
    """CREATE TABLE IF NOT EXISTS un_votes (undl_id VARCHAR, resolution VARCHAR NOT NULL, date DATE,
        body VARCHAR, iso3 VARCHAR NOT NULL, ms_name VARCHAR, vote VARCHAR NOT NULL, source VARCHAR)""",
    """CREATE OR REPLACE VIEW un_resolutions AS SELECT resolution, any_value(undl_id) AS undl_id,
        min(date) AS date, any_value(body) AS body, count(*) FILTER (vote = 'Y') AS yes,
        count(*) FILTER (vote = 'N') AS no, count(*) FILTER (vote = 'A') AS abstain,
        count(*) FILTER (vote = 'X') AS absent FROM un_votes GROUP BY resolution""",
    """CREATE TABLE IF NOT EXISTS ideal_points (ccode INTEGER, iso3 VARCHAR NOT NULL, country VARCHAR,
        year INTEGER NOT NULL, idealpoint_fp DOUBLE, idealpoint_all DOUBLE, idealpoint_legacy DOUBLE,
        nvotes_fp INTEGER, nvotes_all INTEGER, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sanctions (sender VARCHAR NOT NULL, target VARCHAR NOT NULL,
        program VARCHAR NOT NULL, "start" DATE NOT NULL, "end" DATE, scope VARCHAR, source_name VARCHAR NOT NULL,
        source_url VARCHAR, note VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS wdi_values (iso3 VARCHAR NOT NULL, year INTEGER NOT NULL,
        indicator VARCHAR NOT NULL, value DOUBLE, country VARCHAR, aggregate BOOLEAN, source VARCHAR)""",
    """CREATE OR REPLACE VIEW wdi AS SELECT iso3, year, any_value(country) AS country,
        max(value) FILTER (indicator = 'population') AS population,
        max(value) FILTER (indicator = 'gdp_usd') AS gdp_usd, bool_or(aggregate) AS aggregate
        FROM wdi_values GROUP BY iso3, year""",
    """CREATE TABLE IF NOT EXISTS leaders (iso3 VARCHAR NOT NULL, name VARCHAR NOT NULL, "start" DATE NOT NULL,
        "end" DATE, ccode INTEGER, leader_id VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS bloc_members (bloc VARCHAR NOT NULL, iso3 VARCHAR NOT NULL,
        "start" DATE NOT NULL, "end" DATE, status VARCHAR, note VARCHAR, source_name VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS external_events (source VARCHAR NOT NULL, source_id VARCHAR NOT NULL,
        date DATE, actor_code VARCHAR, actor_name VARCHAR, actor_iso3 VARCHAR, actor_sector VARCHAR,
        recipient_code VARCHAR, recipient_name VARCHAR, recipient_iso3 VARCHAR, recipient_sector VARCHAR,
        cameo VARCHAR, event VARCHAR, mode VARCHAR, contexts VARCHAR[], goldstein DOUBLE, quad_class INTEGER,
        intensity DOUBLE, location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, url VARCHAR,
        file VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS data_loads (dataset VARCHAR, source VARCHAR, loaded_at TIMESTAMP,
        rows BIGINT, skipped BIGINT)""",
    """CREATE TABLE IF NOT EXISTS suspensions (state VARCHAR NOT NULL, body VARCHAR NOT NULL,
        action VARCHAR NOT NULL, "start" DATE NOT NULL, "end" DATE, note VARCHAR, source_name VARCHAR,
        source_url VARCHAR NOT NULL, source_date DATE, source VARCHAR)""",
]

# the evidence tables (store.evidence): sponsors, summits, aid, arms-import shares
EVIDENCE_DDL = [
    """CREATE TABLE IF NOT EXISTS resolution_sponsors (resolution VARCHAR NOT NULL, draft VARCHAR,
        adopted DATE NOT NULL, state VARCHAR NOT NULL, sponsor_list VARCHAR, source_name VARCHAR,
        source_url VARCHAR NOT NULL, note VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS summit_attendance (summit VARCHAR NOT NULL, date DATE NOT NULL,
        host VARCHAR NOT NULL, state VARCHAR NOT NULL, level VARCHAR NOT NULL, representative VARCHAR,
        source_name VARCHAR, source_url VARCHAR NOT NULL, source_date DATE, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS war_aid (donor VARCHAR NOT NULL, recipient VARCHAR NOT NULL,
        period_start DATE NOT NULL, period_end DATE NOT NULL, military DOUBLE, financial DOUBLE, humanitarian DOUBLE,
        total DOUBLE, gdp_share_pct DOUBLE, source_name VARCHAR, source_url VARCHAR NOT NULL, source_date DATE,
        note VARCHAR, source VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS arms_import_shares (state VARCHAR NOT NULL, supplier VARCHAR NOT NULL,
        period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, share_pct DOUBLE NOT NULL, published DATE NOT NULL,
        source_name VARCHAR, source_url VARCHAR NOT NULL, note VARCHAR, source VARCHAR)""",
]

_DDL += EVIDENCE_DDL


@dataclass
class LoadResult:
    dataset: str
    source: str
    rows: int
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def ensure_tables(store: Store) -> None:
    """Create the reference tables that are missing. A read-only store (an old file, or one written before these
    tables existed) gets empty TEMP stand-ins for the missing ones, visible to this connection only, so that
    readers find no rows and say the data is not loaded instead of failing with a catalog error."""
    read_only = store.con.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
                                  ).fetchone()
    if not (read_only and read_only[0]):
        for stmt in _DDL:
            store.con.execute(stmt)
        return
    have = {r[0] for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for stmt in _DDL:
        name = stmt.split("EXISTS" if "EXISTS" in stmt else "VIEW", 1)[1].split()[0]
        if name not in have:
            store.con.execute(stmt.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE IF NOT EXISTS")
                              .replace("CREATE OR REPLACE VIEW", "CREATE OR REPLACE TEMP VIEW"))


def _q(name: str) -> str:
    return f'"{name}"'


def _begin(store: Store):
    ensure_tables(store)
    store.con.execute("BEGIN TRANSACTION")


def _finish(store: Store, result: LoadResult) -> LoadResult:
    store.con.execute("INSERT INTO data_loads VALUES (?, ?, current_timestamp, ?, ?)",
                      [result.dataset, result.source, result.rows, len(result.skipped)])
    store.add_skipped(result.skipped)
    store.con.execute("COMMIT")
    return result
