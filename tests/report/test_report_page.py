"""The whole report page in Debian Chromium at laptop and phone width: fits the screen, one plotting library
(inline SVG, no scripts), the dashboard's palette, tooltips and axis titles, no NaN, no internal names, any
target and date. Screenshots go to test-artifacts/screenshots/ (MULTIPOLAR_ARTIFACTS to move them)."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from multipolar.cli import main
from multipolar.report import palette

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("MULTIPOLAR_ARTIFACTS") or REPO / "test-artifacts" / "screenshots")


@pytest.fixture(scope="module")
def report_file(shared, tmp_path_factory):
    from multipolar.pipeline import ingest
    from multipolar.store import reference
    from multipolar.store.db import Store

    d = tmp_path_factory.mktemp("report")
    db = d / "r.duckdb"
    with Store.open(db) as store:
        ingest([REPO / "examples"], store)
        reference.load_unvotes(store, shared / "data" / "undl_votes_ga_sc_1946_2025.csv.gz")
        reference.load_wdi(store, shared / "data" / "wdi_pop_gdp.csv")
        reference.load_sanctions(store)
        reference.load_blocs(store)
    out = d / "report.html"
    res = CliRunner().invoke(main, ["report", "--db", str(db), "-o", str(out), "--target", "CHN",
                                    "--date", "2024-06-01"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return out


def test_report_content(report_file):
    page = report_file.read_text(encoding="utf-8")
    assert "Stance toward CHN" in page and "2024-06-01" in page and "Isolation of CHN" in page
    stance = page[page.index("Stance toward CHN"):page.index("Isolation of CHN")]
    assert "<th>population interval</th>" in stance and "<th>near boundary</th>" in stance
    assert re.search(r"<td>0\.\d{3} to 0\.\d{3}</td>", stance), "camp shares with their intervals"
    iso = page[page.index("Isolation of CHN"):]
    for part in ("isolation", "votes", "sanctions", "suspensions", "engagement"):
        assert f"<th>{part}</th>" in iso, part
    assert "<script" not in page and "plotly" not in page.lower(), "one plotting library: inline SVG only"
    assert "NaN" not in page and ">nan<" not in page
    assert "multipolar.analysis" not in page and "RESOLUTIONS" not in page
    assert "Error" not in page, "no raw error in a report over a complete store"
    for colour in palette.camps().values():
        assert colour.lower() in page.lower() or colour.upper() in page, colour      # the dashboard's camps
    assert page.count("<title>") > 100, "tooltips on map countries, points and bars"
    for axis in (">quarter<", ">month<", ">year<"):
        assert axis in page, axis
    types = {t for t in palette.palette()["types"] if f">{t}<" in page}
    for t in types:                      # each type in the events chart has its own colour
        assert palette.type_colour(t).lower() in page.lower(), t


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed at /usr/bin/chromium")
@pytest.mark.parametrize("width", [1366, 390])
def test_report_fits_the_screen(report_file, width):
    sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI package playwright not installed")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, timeout=60_000,
                               args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = b.new_page(viewport={"width": width, "height": 900})
            page.goto(report_file.as_uri())
            over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert over <= 1, f"the report scrolls sideways by {over} px at {width} px"
            for box in page.locator("figure.chart svg").all():
                assert box.bounding_box()["width"] <= width
            height = page.evaluate("document.documentElement.scrollHeight")
            if width > 1000:
                assert height < 14_000, f"the report is {height} px tall"
            assert not re.search(r"\bNaN\b", page.inner_text("body"))
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"report-{width}.png"), full_page=True)
        finally:
            b.close()
