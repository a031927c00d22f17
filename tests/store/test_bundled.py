"""The reference data shipped in the package (store/bundled.py, refdata/): loaded into a real DuckDB file offline,
kept when present, replaced by a user's own load, and the same rows a load of the original files gives."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from multipolar.errors import QueryError
from multipolar.store import bundled, reference
from multipolar.store.db import Store

REFDATA = Path(bundled.refdata_path("README.md")).parent


@pytest.fixture
def with_defaults(monkeypatch):
    monkeypatch.delenv(bundled.NO_DEFAULTS_ENV, raising=False)


def _count(store, table):
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_package_data_is_compact_and_documented():
    files = {p.name: p.stat().st_size for p in REFDATA.iterdir() if p.suffix == ".parquet"}
    assert set(files) == {"unvotes.parquet", "idealpoints.parquet", "wdi.parquet"}
    assert sum(files.values()) < 3_000_000, files           # a few MB at most
    readme = (REFDATA / "README.md").read_text()
    for name in files:
        assert name in readme
    for licence in ("United Nations", "CC0", "CC BY 4.0"):
        assert licence in readme


def test_defaults_fill_every_indicator_table(db_path):
    with Store.open(db_path) as store:
        results = bundled.load_defaults(store)
        assert {r.dataset for r in results} == set(bundled.available())
        counts = bundled.present(store)
        assert all(n > 0 for n in counts.values()), counts
        v = reference.votes_on(store, "ES-11/1")                 # the official tally reproduces
        assert (v["date"], v["tally"]["yes"], v["tally"]["no"], v["tally"]["abstain"]) == ("2022-03-02", 141, 5, 35)
        assert reference.votes_on(store, "ES-11/4")["tally"]["yes"] == 143
        assert store.con.execute("SELECT max(date) FROM un_votes WHERE body = 'GA'").fetchone()[0].year == 2025
        assert _count(store, "un_votes") > 900_000
        pop = {r["iso3"]: r for r in reference.population_gdp(store, 2022, aggregates=True)}
        assert 7.9e9 < pop["WLD"]["population"] < 8.1e9 and pop["WLD"]["gdp_usd"] > 9e13
        assert len(reference.ideal_points(store, 2020)) > 180
        leaders = {r["name"] for r in reference.leaders_on(store, "VNM", "2025-01-01")}
        assert "Tô Lâm" in leaders and "Nguyễn Phú Trọng" not in leaders
        assert {r["name"] for r in reference.leaders_on(store, "IRN", "2025-01-01")} >= {"Masoud Pezeshkian"}
        assert "Keir Starmer" in {r["name"] for r in reference.leaders_on(store, "GBR", "2025-01-01")}
        sources = {r[0] for r in store.con.execute("SELECT DISTINCT source FROM data_loads").fetchall()}
        assert all(s.startswith(bundled.SOURCE) for s in sources), sources


def test_present_datasets_are_kept_unless_forced(db_path, shared):
    with Store.open(db_path) as store:
        reference.load_unvotes(store, shared / "data" / "unga_ukraine_votes_wide.csv")
        n_user = _count(store, "un_votes")
        loaded = {r.dataset for r in bundled.load_defaults(store)}
        assert "unvotes" not in loaded and _count(store, "un_votes") == n_user     # the user's load is kept
        assert bundled.load_defaults(store) == []                                  # a second call adds nothing
        forced = {r.dataset for r in bundled.load_defaults(store, force=True, datasets=("unvotes",))}
        assert forced == {"unvotes"} and _count(store, "un_votes") > 900_000


def test_bundled_votes_are_what_a_load_of_the_original_stores(tmp_path, shared):
    """The Parquet file holds the reader's rows: the same resolutions, states and votes as `data load`."""
    src = shared / "data" / "undl_votes_ga_sc_1946_2025.csv.gz"
    sample = tmp_path / "sample.csv.gz"
    with gzip.open(src, "rt", encoding="utf-8") as f, gzip.open(sample, "wt", encoding="utf-8") as out:
        for i, line in enumerate(f):
            out.write(line)
            if i == 30_000:
                break
    with Store.open(tmp_path / "a.duckdb") as a:
        reference.load_unvotes(a, sample)
        want = set(a.con.execute("SELECT resolution, iso3, vote, date FROM un_votes").fetchall())
    with Store.open(tmp_path / "b.duckdb") as b:
        bundled.load_defaults(b, datasets=("unvotes",))
        got = {(r, i): (v, d) for r, i, v, d in b.con.execute(
            "SELECT resolution, iso3, vote, date FROM un_votes WHERE resolution IN (SELECT unnest(?))",
            [sorted({w[0] for w in want})]).fetchall()}
    assert len(want) > 25_000
    assert {(r, i): (v, d) for r, i, v, d in want}.items() <= got.items()   # the sample may cut its last roll call


def test_a_new_store_gets_the_defaults_once(tmp_path, with_defaults):
    path = tmp_path / "new.duckdb"
    store, results = bundled.open_store(path)
    store.close()
    assert {r.dataset for r in results} == set(bundled.available())
    store, again = bundled.open_store(path)
    store.close()
    assert again == []


def test_an_interrupted_first_load_is_finished_by_the_next_open(tmp_path, with_defaults):
    path = tmp_path / "half.duckdb"
    with Store.open(path) as store:                    # as if killed after the mark and the first dataset
        store.con.execute("INSERT OR REPLACE INTO meta VALUES ('bundled_defaults', 'pending')")
        bundled.load_defaults(store, datasets=("unvotes",))
    store, results = bundled.open_store(path)
    with store:
        assert "unvotes" not in {r.dataset for r in results} and "wdi" in {r.dataset for r in results}
        assert all(bundled.present(store).values())


def test_opt_out_gives_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv(bundled.NO_DEFAULTS_ENV, "1")
    store, results = bundled.open_store(tmp_path / "empty.duckdb")
    with store:
        assert results == [] and bundled.present(store)["unvotes"] == 0


def test_read_only_store_without_reference_tables_says_not_loaded(db_path):
    Store.open(db_path).close()                        # the event tables only, as an old store
    with Store.open(db_path, read_only=True) as store:
        with pytest.raises(QueryError, match=r"E050 no UN votes are stored.*data defaults"):
            reference.votes_on(store, "ES-11/1")
        assert reference.population_gdp(store, 2022) == []
    with Store.open(db_path, read_only=True) as store:     # nothing was written to the file
        assert store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'un_votes' "
                                 "AND table_schema = 'main'").fetchone()[0] == 0


def test_unknown_resolution_names_the_stored_series(db_path):
    with Store.open(db_path) as store:
        bundled.load_defaults(store, datasets=("unvotes",))
        with pytest.raises(QueryError) as e:
            reference.votes_on(store, "ES-11/99")
    msg = str(e.value)
    assert "A/RES/ES-11/99" in msg and "A/RES/ES-11/8" in msg and "fetch" not in msg


def test_cli_data_defaults_and_votes(tmp_path):
    from click.testing import CliRunner

    from multipolar.cli import main

    db = str(tmp_path / "cli.duckdb")
    r = CliRunner().invoke(main, ["data", "defaults", "--db", db])
    assert r.exit_code == 0, r.output
    assert "loaded unvotes: 958,459 rows" in r.output
    r = CliRunner().invoke(main, ["data", "defaults", "--db", db])
    assert r.exit_code == 0 and "kept unvotes" in r.output and "loaded" not in r.output
    r = CliRunner().invoke(main, ["votes", "ES-11/1", "--db", db, "--format", "json"])
    assert r.exit_code == 0 and '"yes": 141' in r.output
    assert os.path.getsize(db) < 60_000_000


def test_stance_after_a_gdp_only_wdi_load_and_the_wide_votes(db_path, shared):
    """Issue 14 item 5: `data load wdi` of the GDP bulk file (no population), then the wide Ukraine votes, then
    stance: world population is unknown (NaN), not a TypeError."""
    from multipolar.analysis import stance
    from multipolar.store.indicators import world_pop_gdp

    with Store.open(db_path) as store:
        reference.load_wdi(store, shared / "data" / "wdi_gdp_current_usd.csv")
        reference.load_unvotes(store, shared / "data" / "unga_ukraine_votes_wide.csv")
        reference.load_sanctions(store)
        reference.load_blocs(store)
        states, world = world_pop_gdp(store, 2022)
        assert world["gdp_usd"] > 9e13 and world["population"] != world["population"]      # NaN
        result = stance.classify(store, "RUS", stance.as_date("2022-03-31", "date"))
    assert len(result.states) > 150 and "condemning" in set(result.states.camp)
