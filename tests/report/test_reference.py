"""The report's reference sections: UN vote tallies and sanctioning states next to coded events."""
from __future__ import annotations

import pytest

from multipolar.pipeline import ingest
from multipolar.report.reference import sections
from multipolar.store import reference as R
from multipolar.store.db import Store

NEWS = {
    "a.txt": "Moscow, 3 March 2022. The European Union imposed new sanctions on Russia on Thursday. Russian troops "
             "attacked Ukrainian positions near Kharkiv. Japan condemned Russia over the invasion of Ukraine.\n",
    "b.txt": "Washington, 10 March 2022. The United States banned imports of Russian oil. North Korea fired a "
             "ballistic missile over the sea, and South Korea condemned North Korea.\n",
}


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "report.duckdb") as s:
        yield s


def _news(store, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in NEWS.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert ingest([folder], store).events >= 3


def test_sections_say_what_is_not_loaded(store, tmp_path):
    _news(store, tmp_path)
    page = "\n".join(sections(store))
    assert "UN votes not loaded" in page and "multipolar data load unvotes FILE" in page
    assert "Sanctions not loaded" in page and "multipolar data load sanctions FILE" in page


def test_tallies_and_sanctioning_states_next_to_events(store, shared, tmp_path):
    _news(store, tmp_path)
    R.load_unvotes(store, shared / "data" / "unga_ukraine_votes_wide.csv")
    R.load_sanctions(store)
    tally = R.votes_on(store, "ES-11/1")["tally"]
    page = "\n".join(sections(store))
    assert "not loaded" not in page
    assert "<h3>RUS</h3>" in page and "ES-11/1" in page
    assert (tally["yes"], tally["no"], tally["abstain"]) == (141, 5, 35)
    assert "<td>141-5-35</td>" in page
    row = page[page.index("<tr><td>RUS</td>"):]
    row = row[:row.index("</tr>")]
    for sender in ("USA", "GBR", "JPN", "CAN", "DEU", "KOR"):
        assert sender in row, sender
    assert "Sanctions on RUS in force on" in page and "2022-02-" in page     # since-dates ...
    assert "Council of the EU" in page                                       # ... and sources
    assert "include_plotlyjs" not in page and "<script type=\"text/javascript\">window.PlotlyConfig" not in page


def test_cells_are_escaped(store, tmp_path):
    _news(store, tmp_path)
    R.load_sanctions(store, [{"sender": "USA", "target": "RUS", "program": "<script>alert(1)</script>",
                              "start": "2020-01-01", "end": None, "scope": "<b>x</b>", "source_name": "a&b",
                              "source_url": None, "note": None}])
    page = "\n".join(sections(store))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x</b>" not in page and "a&amp;b" in page
