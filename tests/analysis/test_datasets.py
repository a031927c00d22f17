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
