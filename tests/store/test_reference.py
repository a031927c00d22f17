"""Reference tables in a real DuckDB file: idempotent, transactional loads and the query functions."""
from datetime import date
from pathlib import Path

import pytest

from multipolar.errors import InputError, QueryError
from multipolar.store import reference as R
from multipolar.store.db import Store

FIXTURES = Path(__file__).resolve().parents[1] / "external" / "data"


@pytest.fixture
def store(db_path):
    with Store.open(db_path) as s:
        yield s


def count(store, table):
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_reloads_change_nothing(store, shared):
    d = shared / "data"
    first = [R.load_idealpoints(store, d / "bsv_idealpoints_july2025.csv").rows,
             R.load_wdi(store, d / "wdi_pop_gdp.csv").rows, R.load_leaders(store, d /
             "leaders_archigos41_plad_to2024.csv").rows, R.load_sanctions(store).rows, R.load_blocs(store).rows]
    tables = ("ideal_points", "wdi_values", "leaders", "sanctions", "bloc_members")
    before = [count(store, t) for t in tables]
    assert before == first
    R.load_idealpoints(store, d / "bsv_idealpoints_july2025.csv")
    R.load_wdi(store, d / "wdi_pop_gdp.csv")
    R.load_leaders(store, d / "leaders_archigos41_plad_to2024.csv")
    R.load_sanctions(store)
    R.load_blocs(store)
    assert [count(store, t) for t in tables] == before


def test_wide_votes_merge_with_long_votes(store, shared):
    d = shared / "data"
    R.load_unvotes(store, d / "unga_ukraine_votes_wide.csv")
    assert R.votes_on(store, "ES-11/3")["tally"] == {"yes": 93, "no": 24, "abstain": 58, "absent": 18}
    R.load_unvotes(store, d / "undl_votes_ga_sc_1946_2025.csv.gz")
    n = count(store, "un_votes")
    R.load_unvotes(store, d / "unga_ukraine_votes_wide.csv")
    assert count(store, "un_votes") == n == 958459
    v = R.votes_on(store, "A/RES/ES-11/4")
    assert (v["tally"]["yes"], v["tally"]["no"], v["tally"]["abstain"]) == (143, 5, 35) and v["undl_id"]
    with pytest.raises(QueryError, match=r"no resolution A/RES/ES-99/1 among the [\d,]+ stored"):
        R.votes_on(store, "ES-99/1")


def test_failed_load_keeps_what_was_stored(store, tmp_path):
    R.load_blocs(store)
    n = count(store, "bloc_members")
    bad = tmp_path / "b.tsv"
    bad.write_text("bloc\tiso3\tstart\tend\tstatus\tnote\tsource\nNATO\tNARNIA\t2020-01-01\t\tmember\t\tx\n")
    with pytest.raises(InputError, match="no usable blocs rows"):
        R.load_blocs(store, bad)
    assert count(store, "bloc_members") == n

    def rows():
        yield ("NATO", "FRA", date(1949, 8, 24), None, "member", None, "replacement")
        raise RuntimeError("interrupted")
    with pytest.raises(RuntimeError):
        R.load_blocs(store, rows())
    assert count(store, "bloc_members") == n
    assert store.con.execute("SELECT source_name FROM bloc_members WHERE bloc='NATO' AND iso3='FRA'"
                             ).fetchone()[0] != "replacement"


def test_skipped_lines_are_recorded(store, tmp_path):
    f = tmp_path / "b.tsv"
    f.write_text("bloc\tiso3\tstart\tend\tstatus\tnote\tsource\nX\tFRA\t2020-01-01\t\tmember\t\ts\n"
                 "X\tDEU\t2020-02-30\t\tmember\t\ts\n")
    result = R.load_blocs(store, f)
    assert result.rows == 1 and result.skipped[0].source.endswith(":3")
    assert any(src.endswith("b.tsv:3") for (src,) in store.con.execute("SELECT source FROM skipped").fetchall())


def test_bloc_and_sanction_queries(store):
    R.load_blocs(store)
    R.load_sanctions(store)
    assert "FIN" not in R.members(store, "NATO", "2023-04-03") and "FIN" in R.members(store, "NATO", "2023-04-04")
    assert "SWE" in R.members(store, "NATO", "2024-03-07") and len(R.members(store, "NATO", "2024-06-01")) == 32
    assert "GBR" in R.members(store, "EU", "2020-01-30") and "GBR" not in R.members(store, "EU", "2020-02-01")
    assert len(R.members(store, "EU", "2024-01-01")) == 27
    brics = R.members(store, "BRICS", "2025-02-01")
    assert {"EGY", "ETH", "IRN", "ARE", "IDN"} <= set(brics) and "SAU" not in brics
    assert "SAU" in R.members(store, "BRICS", "2025-02-01", statuses=("member", "ambiguous"))
    assert "IRN" in R.members(store, "SCO", "2023-07-04") and "BLR" not in R.members(store, "SCO", "2024-07-03")
    assert "CHN" in R.members(store, "GLOBAL_SOUTH", "2024-01-01") and "CHN" not in R.members(store, "G77")
    assert "NATO" in R.blocs_of(store, "FIN", "2024-01-01")
    s = R.sanctioners(store, "RUS", "2022-06-01")
    assert {"EU", "USA", "GBR", "JPN", "KOR", "SGP", "TWN", "CHE", "NOR"} <= set(s)
    assert "SGP" not in R.sanctioners(store, "RUS", "2021-06-01")
    assert "EU" not in R.sanctioners(store, "RUS", "2022-06-01", states_only=True)
    assert all(r["source_name"] for r in R.sanctions_on(store, "RUS", "2022-06-01"))


def test_population_gdp_and_leaders(store, shared):
    d = shared / "data"
    R.load_wdi(store, d / "wdi_pop_gdp.csv")
    R.load_wdi(store, d / "wdi_gdp_current_usd.csv")
    rows = R.population_gdp(store, 2022)
    assert len(rows) == 217 and all(not r["aggregate"] for r in rows)
    wld = [r for r in R.population_gdp(store, 2022, aggregates=True) if r["iso3"] == "WLD"][0]
    assert 7.9e9 < wld["population"] < 8.1e9
    R.load_leaders(store, d / "leaders_archigos41_plad_to2024.csv")
    assert [x["name"] for x in R.leaders_on(store, "RUS", "2025-01-01")] == ["Putin"]
    assert R.leaders_on(store, "RUS", "2025-01-01")[0]["end"] is None
    R.load_idealpoints(store, d / "bsv_idealpoints_july2025.csv")
    ip = R.ideal_points(store, 2020)
    assert ip["USA"] > ip["RUS"]


def test_gdelt_loads_map_to_plover_and_reload_adds_nothing(store, shared):
    g = shared / "data" / "gdelt"
    assert R.load_gdelt(store, g / "gdelt1_events_sample_reed9999.tsv").rows == 710
    assert R.load_gdelt(store, g / "gdelt2_export_sample_20250820163000.tsv").rows == 29
    R.load_gdelt(store, g / "gdelt2_export_sample_20250820163000.tsv")
    assert count(store, "external_events") == 739
    got = store.con.execute("SELECT count(*) FILTER (event IS NOT NULL), count(*) FILTER (actor_iso3 IS NOT NULL),"
                            " count(DISTINCT source) FROM external_events").fetchone()
    assert got[0] > 300 and got[1] > 300 and got[2] == 2
    sanction = store.con.execute("SELECT event, mode FROM external_events WHERE cameo = '163' LIMIT 1").fetchone()
    if sanction:
        assert sanction == ("SANCTION", "discontinue")


def test_gdelt_bad_lines_are_named(store, shared, tmp_path):
    src = (shared / "data" / "gdelt" / "gdelt2_export_sample_20250820163000.tsv").read_text().splitlines()
    f = tmp_path / "g.tsv"
    f.write_text("\n".join(src[:3] + ["1\t2\t3"] + src[3:6]) + "\n")
    result = R.load_gdelt(store, f)
    assert result.rows == 6 and [s.source for s in result.skipped] == [f"{f}:4"]


def test_icews_and_polecat(store):
    r = R.load_icews(store, FIXTURES / "icews_sample.tab")
    assert r.rows == 3 and len(r.skipped) == 2
    row = store.con.execute("SELECT actor_iso3, recipient_iso3, cameo, goldstein, event FROM external_events "
                            "WHERE source = 'icews' AND source_id = '30001'").fetchone()
    assert row[:4] == ("RUS", "UKR", "190", -10.0)
    p = R.load_polecat(store, FIXTURES / "polecat_sample.tab")
    assert p.rows == 3 and not p.skipped
    row = store.con.execute("SELECT event, mode, contexts, actor_iso3, recipient_iso3 FROM external_events "
                            "WHERE source_id = 'pc-002'").fetchone()
    assert row == ("SANCTION", "discontinue", ["economic", "diplomatic"], None, "RUS")
    R.load_polecat(store, FIXTURES / "polecat_sample.tab")
    assert count(store, "external_events") == 6
    with pytest.raises(InputError, match="missing column"):
        R.load_polecat(store, FIXTURES / "icews_sample.tab")
    assert {d["dataset"]: d["rows"] for d in R.loaded(store)}["polecat"] == 3
