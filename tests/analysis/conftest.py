"""A reference store built once per test session from ../shared with the real loaders."""
from __future__ import annotations

import pytest

from multipolar.store import reference
from multipolar.store.db import Store


@pytest.fixture(scope="session")
def ref_store(shared, tmp_path_factory):
    path = tmp_path_factory.mktemp("analysis") / "ref.duckdb"
    store = Store.open(path)
    data = shared / "data"
    reference.load_unvotes(store, data / "undl_votes_ga_sc_1946_2025.csv.gz")
    reference.load_idealpoints(store, data / "bsv_idealpoints_july2025.csv")
    reference.load_wdi(store, data / "wdi_pop_gdp.csv")
    reference.load_sanctions(store)
    reference.load_blocs(store)
    yield store
    store.close()
