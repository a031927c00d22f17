"""The DuckDB schema of the event store. Versioned: `migrate` brings an older file up to date."""
from __future__ import annotations

SCHEMA_VERSION = 1

TABLES = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    # One row per distinct article text (content hash is the identity).
    """CREATE TABLE IF NOT EXISTS articles (
        hash VARCHAR PRIMARY KEY,
        id VARCHAR NOT NULL,
        url VARCHAR,
        title VARCHAR,
        date DATE,
        source VARCHAR,
        text VARCHAR NOT NULL,
        sentences INTEGER,
        coder VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    )""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY,
        article_hash VARCHAR NOT NULL,
        doc_id VARCHAR NOT NULL,
        event VARCHAR NOT NULL,
        mode VARCHAR,
        context VARCHAR[],
        modality VARCHAR NOT NULL,
        date DATE,
        date_precision VARCHAR,
        location_name VARCHAR,
        location_country VARCHAR,
        lat DOUBLE,
        lon DOUBLE,
        cameo VARCHAR,
        intensity DOUBLE,
        sentence VARCHAR,
        span_start INTEGER,
        span_end INTEGER,
        trigger VARCHAR,
        confidence DOUBLE,
        coder VARCHAR
    )""",
    # Participants: role is actor, recipient or claim_source ("Beijing said ...").
    """CREATE TABLE IF NOT EXISTS event_actors (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        position SMALLINT NOT NULL,
        code VARCHAR NOT NULL,
        sector VARCHAR,
        text VARCHAR,
        name VARCHAR,
        kind VARCHAR
    )""",
    """CREATE TABLE IF NOT EXISTS skipped (
        source VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        skipped_at TIMESTAMP DEFAULT current_timestamp
    )""",
]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_hash)",
    "CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id)",
    "CREATE INDEX IF NOT EXISTS actors_code ON event_actors(code, role)",
]


def migrate(con) -> None:
    """Create what is missing and record the schema version."""
    for stmt in TABLES + INDEXES:
        con.execute(stmt)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
