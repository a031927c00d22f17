"""The DuckDB schema of the event store. Versioned: `migrate` brings an older file up to date."""
from __future__ import annotations

SCHEMA_VERSION = 2

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
        coder VARCHAR,
        dedup_key VARCHAR,
        canonical_id VARCHAR
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

# Version 1 stores lack the deduplication columns.
UPGRADES = [
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS dedup_key VARCHAR",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS canonical_id VARCHAR",
    "UPDATE events SET canonical_id = id WHERE canonical_id IS NULL",
]

# One row per telling of an event: the canonical event, each mention of it, and where it was read.
VIEWS = [
    """CREATE OR REPLACE VIEW event_sources AS
       SELECT e.canonical_id AS event_id, e.id AS mention_id, e.article_hash, e.doc_id, a.url,
              coalesce(regexp_extract(a.url, '^[a-z]+://(?:www\\.)?([^/:]+)', 1), e.article_hash) AS outlet,
              e.sentence, e.span_start, e.span_end
       FROM events e JOIN articles a ON a.hash = e.article_hash""",
    """CREATE OR REPLACE VIEW event_source_counts AS
       SELECT event_id, count(*) AS mentions, count(DISTINCT article_hash) AS articles,
              count(DISTINCT outlet) AS independent_sources
       FROM event_sources GROUP BY event_id""",
]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS events_article ON events(article_hash)",
    "CREATE INDEX IF NOT EXISTS events_dedup ON events(dedup_key)",
    "CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id)",
    "CREATE INDEX IF NOT EXISTS actors_code ON event_actors(code, role)",
]


def migrate(con) -> None:
    """Create what is missing and record the schema version, in one transaction: a process killed
    half-way through leaves either the old schema or the whole new one, never a partial one."""
    con.execute("BEGIN TRANSACTION")
    try:
        for stmt in TABLES + UPGRADES + VIEWS + INDEXES:
            con.execute(stmt)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def is_initialised(con) -> bool:
    """True when the multipolar tables exist (a file can be empty if its creator was killed first)."""
    row = con.execute("SELECT count(*) FROM information_schema.tables "
                      "WHERE table_schema = 'main' AND table_name IN ('articles', 'events', 'meta')").fetchone()
    return row[0] == 3
