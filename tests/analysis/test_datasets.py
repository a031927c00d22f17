"""The small dated datasets written for the indicators load with the real loaders, every row with a source URL and
a date, and change what they should."""
from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from multipolar.store import reference
from multipolar.store.db import Store

DATA = Path(str(resources.files("multipolar.external") / "data"))


@pytest.mark.parametrize("name, loader, rows", [("suspensions.csv", "load_suspensions", 21),
                                                ("unfriendly_2022.tsv", "load_sanctions", 48),
                                                ("oil_price_cap_2022.tsv", "load_sanctions", 32)])
def test_loads_whole_with_sources_and_dates(tmp_path, name, loader, rows):
    with Store.open(tmp_path / "d.duckdb") as store:
        result = getattr(reference, loader)(store, DATA / name)
        assert result.rows == rows and not result.skipped
        table = "suspensions" if loader == "load_suspensions" else "sanctions"
        bad = store.sql(f'SELECT count(*) AS n FROM {table} WHERE source_url IS NULL OR source_url = \'\' '
                        f'OR "start" IS NULL').n[0]
        assert bad == 0


def test_unfriendly_list_and_price_cap(tmp_path):
    with Store.open(tmp_path / "d.duckdb") as store:
        reference.load_sanctions(store, DATA / "unfriendly_2022.tsv")
        reference.load_sanctions(store, DATA / "oil_price_cap_2022.tsv")
        listed = set(reference.sanctioners(store, "USA", date(2022, 4, 1))) | {
            t for t in ("FSM", "CHN", "IND", "TWN") if "RUS" in reference.sanctioners(store, t, date(2022, 4, 1))}
        assert {"RUS", "FSM", "TWN"} <= listed and not {"CHN", "IND"} & listed
        assert "RUS" not in reference.sanctioners(store, "USA", date(2022, 3, 1))
        cap = reference.sanctioners(store, "RUS", date(2022, 12, 31))
        assert {"USA", "AUS", "DEU"} <= set(cap) and "CHE" not in cap
        assert not reference.sanctioners(store, "RUS", date(2022, 12, 1))


def test_suspension_spells_cover_what_the_index_reads(tmp_path):
    from multipolar.store import indicators as db
    with Store.open(tmp_path / "d.duckdb") as store:
        bundled = db.suspension_spells(store, ["RUS"])            # empty table: the bundled facts
        reference.load_suspensions(store, DATA / "suspensions.csv")
        stored = db.suspension_spells(store, ["RUS"])
    assert len(bundled) == len(stored) == 7 and set(stored.body) == {"G8", "PACE", "COE", "CBSS", "UNHRC", "UNWTO"}


EVIDENCE = [("es11_cosponsors.tsv", "cosponsors", 149), ("russia_africa_summits.tsv", "summits", 58),
            ("ukraine_aid.tsv", "ukraine_aid", 18), ("arms_imports_russia.tsv", "arms_imports", 15)]


@pytest.mark.parametrize("name, dataset, rows", EVIDENCE)
def test_evidence_tables_load_whole_once_with_sources_and_dates(tmp_path, name, dataset, rows):
    from multipolar.store import evidence
    with Store.open(tmp_path / "d.duckdb") as store:
        assert evidence.rows(store, dataset).shape[0] == rows           # empty table: the bundled rows
        load = getattr(evidence, f"load_{dataset}")
        result = load(store, DATA / name)
        assert result.rows == rows and not result.skipped
        load(store, DATA / name)                                          # reloading adds nothing
        table = evidence.SPECS[dataset][0]
        date_col = {"cosponsors": "adopted", "summits": "date", "ukraine_aid": "period_end",
                    "arms_imports": "published"}[dataset]
        assert store.sql(f"SELECT count(*) AS n FROM {table}").n[0] == rows
        assert store.sql(f"SELECT count(*) AS n FROM {table} WHERE source_url IS NULL OR source_url = '' "
                         f"OR {date_col} IS NULL").n[0] == 0


def test_evidence_tables_load_from_the_command_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from multipolar.cli import main
    monkeypatch.setenv("MULTIPOLAR_NO_DEFAULTS", "1")
    db = tmp_path / "cli.duckdb"
    for name, dataset, rows in EVIDENCE:
        res = CliRunner().invoke(main, ["data", "load", dataset, str(DATA / name), "--db", str(db), "--format", "json"])
        assert res.exit_code == 0 and f'"rows": {rows}' in res.output, res.output
    res = CliRunner().invoke(main, ["data", "fetch", "summits", "--db", str(db), "--format", "json"])
    assert res.exit_code == 0 and '"rows": 58' in res.output, res.output


def test_evidence_facts(tmp_path):
    from multipolar.store import evidence
    with Store.open(tmp_path / "d.duckdb") as store:
        sp = evidence.rows(store, "cosponsors")
        es1, es4 = (set(sp[sp.resolution == f"A/RES/ES-11/{i}"].state) for i in (1, 4))
        assert len(es1) == 94 and len(es4) == 55 and {"UKR", "USA", "QAT", "KOR"} <= es1
        assert not {"RUS", "CHN", "IND", "BRA", "ZAF"} & (es1 | es4)
        sm = evidence.rows(store, "summits")
        top = sm[sm.level.isin(["head_of_state", "head_of_government"])]
        assert {"ETH", "MLI", "BFA", "ZAF", "EGY"} <= set(top[top.summit == "Sochi 2019"].state)
        assert len(sm[(sm.summit == "St Petersburg 2023") & (sm.level == "head_of_state")]) == 16
        ar = evidence.rows(store, "arms_imports").set_index(["state", "period_end"]).share_pct
        assert ar[("IND", 2021)] == 46 and ar[("CHN", 2022)] == 83
