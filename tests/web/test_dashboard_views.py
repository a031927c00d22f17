"""Each dashboard view at desktop and phone width in headless Debian Chromium (Playwright, never a downloaded
browser), against real servers on 127.0.0.1: one palette with the report, camps in one direction, every state as a
target, isolation with axis titles, tooltips and gaps, labelled bloc nodes, nothing wider than the screen, a
getting-started panel on an empty store. Screenshots go to test-artifacts/screenshots/ (ignored by git; set
MULTIPOLAR_ARTIFACTS to put them elsewhere)."""
from __future__ import annotations

import json
import os
import re
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from multipolar.report import palette

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
VENDOR = REPO / "src/multipolar/web/frontend/node_modules"
ARTIFACTS = Path(os.environ.get("MULTIPOLAR_ARTIFACTS") or REPO / "test-artifacts" / "screenshots")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed at /usr/bin/chromium "
                       "(apt-get install -y chromium chromium-driver)"),
    pytest.mark.skipif(not (Path(os.environ.get("MULTIPOLAR_VENDOR_DIR") or VENDOR) / "d3/dist/d3.min.js").exists(),
                       reason="dashboard front-end packages missing: npm ci --prefix src/multipolar/web/frontend"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI package playwright not installed")

SIZES = {"desktop": (1400, 1000), "phone": (390, 844)}
CAMPS = ", ".join(f"#map path.{c}" for c in palette.camps())


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i:i + 2], 16) for i in (0, 2, 4)))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, timeout=60_000, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


def open_page(browser, url: str, size: str):
    w, h = SIZES[size]
    ctx = browser.new_context(viewport={"width": w, "height": h}, is_mobile=size == "phone",
                              has_touch=size == "phone")
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    return ctx, page


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    return path


def no_sideways_scroll(page) -> None:
    over = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert over <= 1, f"the page is {over} px wider than the screen"


class _Server:
    def __init__(self, app):
        import uvicorn
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start within 30 s"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=15)


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory):
    """A store with no articles at all."""
    from multipolar.store.db import Store
    from multipolar.web.app import create_app
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    Store.open(path).close()
    with _Server(create_app(path)) as srv:
        yield srv


def test_one_palette_for_report_and_dashboard():
    from multipolar.report import charts
    pal = json.loads((REPO / "src/multipolar/web/static/palette.json").read_text())
    assert charts.CAMP_COLOURS == pal["camps"]
    assert len(pal["types"]) == 16 and len(set(pal["types"].values())) == 16
    from multipolar.ontology.ontology import EVENT_TYPES
    assert set(pal["types"]) == set(EVENT_TYPES)
    # the direction: against the target is blue, with the target is red, in both views
    for camp, side in (("condemning", "blue"), ("leaning_against", "blue"), ("leaning_towards", "red"),
                       ("supporting", "red")):
        r, _, b = (int(pal["camps"][camp][i:i + 2], 16) for i in (1, 3, 5))
        assert (b > r) == (side == "blue"), camp


@pytest.mark.parametrize("size", list(SIZES))
def test_map_camps_isolation_blocs_events(browser, ref_server, size):
    ctx, page = open_page(browser, ref_server.url + "/?state=RUS&target=RUS&on=2024-12-31", size)
    try:
        page.wait_for_selector("#map path.country.target")
        assert page.locator(CAMPS).count() >= 150, "the map shows camps toward Russia"
        camps = palette.camps()
        for camp in ("condemning", "supporting", "leaning_against"):
            node = page.locator(f"#map path.{camp}").first
            if node.count():
                assert node.evaluate("n => getComputedStyle(n).fill") == rgb(camps[camp]), camp
        usa = page.locator("#map path.country[data-iso3='USA']").get_attribute("class")
        assert "condemning" in usa or "leaning_against" in usa, usa         # the West is on the blue side

        # every state can be the target
        assert page.locator("#target option").count() >= 150
        # isolation: axis titles, a tooltip on every point, a gap wherever a month has no value
        page.wait_for_selector("#isolation path.line")
        titles = page.locator("#isolation text.axis-title").all_text_contents()
        assert any("month" in t for t in titles) and any("isolation" in t for t in titles)
        points = page.locator("#isolation circle.point")
        assert points.count() > 0 and points.count() == page.locator("#isolation circle.point title").count()
        items = httpx.get(ref_server.url + "/api/v1/isolation", timeout=60, params={
            "state": "RUS", "freq": "month", "since": "2014-12-31", "until": "2024-12-31", "limit": 1000}).json()["items"]
        months = {str(i["period"])[:7] for i in items if i["isolation"] is not None}
        d = page.locator("#isolation path.line").get_attribute("d")
        assert d.count("M") == _runs(months), "one line piece per run of months with a value"
        # the parts drawn beside the index, each named in the legend, and named in every point's tooltip
        drawn = {p: any(i[p] is not None for i in items) for p in ("votes", "sanctions", "suspensions", "engagement")}
        for part, has in drawn.items():
            assert page.locator(f"#isolation path.part-{part}").count() == int(has), part
            assert page.locator(f"#isolation-legend [data-part='{part}']").count() == int(has), part
        assert drawn["votes"] and drawn["sanctions"]
        assert "votes" in page.locator("#isolation circle.point title").first.text_content()
        # camp shares of world population with their intervals, one row per camp
        rows = page.locator("#camp-shares tr.share")
        assert rows.count() == 5
        stance = httpx.get(ref_server.url + "/api/v1/stance", timeout=120, params={
            "target": "RUS", "on": "2024-12-31", "limit": 1}).json()
        lo, hi = stance["camps"]["condemning"]["population_share_interval"]
        assert page.locator("#camp-shares tr[data-camp='condemning'] td.interval").inner_text() == \
            f"{100 * lo:.1f}% to {100 * hi:.1f}%"
        # bloc network: every bloc node is labelled
        page.wait_for_selector("#blocs circle.node-bloc")
        blocs = page.locator("#blocs circle.node-bloc").count()
        labels = set(page.locator("#blocs text.node-label.bloc").all_text_contents())
        assert blocs >= 2 and len(labels) == blocs
        # event types have their palette colour
        page.wait_for_selector("#events tr.event")
        swatch = page.locator("#events tr.event .type-swatch").first
        assert swatch.evaluate("n => getComputedStyle(n).backgroundColor") == \
            rgb(palette.type_colour(swatch.get_attribute("title")))
        assert page.locator("#getting-started").is_hidden()
        # a state's evidence reads as text: no raw JSON
        page.locator("#map path.country[data-iso3='IND']").click()
        page.wait_for_selector("#evidence tr.evidence")
        evidence = page.locator("#evidence").inner_text()
        assert "{" not in evidence and "undefined" not in evidence
        assert "voted" in evidence and "UN vote agreement with the target" in evidence
        # the country panel: score interval, coverage and the near-boundary flag as the API gives them
        explain = httpx.get(ref_server.url + "/api/v1/stance/explain", timeout=120, params={
            "target": "RUS", "state": "IND", "on": "2024-12-31"}).json()
        detail = page.locator("#camp-detail")
        lo, hi = explain["interval"]
        assert detail.locator(".interval").inner_text() == f"interval {lo:.2f} to {hi:.2f}"
        assert detail.locator(".coverage").inner_text() == f"coverage {100 * explain['coverage']:.1f}% of the weight"
        assert detail.locator(".near-boundary").count() == int(explain["near_boundary"])
        assert "undefined" not in detail.inner_text() and "NaN" not in detail.inner_text()
        no_sideways_scroll(page)
        if size == "phone":       # one column: the map panel spans the screen
            box = page.locator("#map-panel").bounding_box()
            assert box["width"] >= 0.9 * SIZES["phone"][0] - 20
        shot(page, f"dashboard-{size}")
        if size == "desktop" and os.environ.get("MULTIPOLAR_SCREENSHOT"):
            page.screenshot(path=os.environ["MULTIPOLAR_SCREENSHOT"], full_page=True)
        assert not page.errors, page.errors
    finally:
        ctx.close()


def _runs(months: set[str]) -> int:
    """How many runs of consecutive months the set holds."""
    def nxt(m):
        y, mo = int(m[:4]), int(m[5:7])
        return f"{y + mo // 12}-{mo % 12 + 1:02d}"
    return sum(1 for m in months if not any(nxt(p) == m for p in months))


def test_another_target_and_a_failing_one(browser, ref_server):
    ctx, page = open_page(browser, ref_server.url + "/?state=CHN&target=RUS&on=2024-06-01", "desktop")
    try:
        page.wait_for_selector("#map path.country.target")
        page.select_option("#target", "CHN")
        sync_api.expect(page.locator("#map path.country[data-iso3='CHN']")).to_have_class("country target focus",
                                                                                          timeout=90_000)
        sync_api.expect(page.locator("#map-note")).not_to_contain_text("computing", timeout=90_000)
        note = page.locator("#map-note").inner_text()
        if "states classified" in note:
            assert page.locator(CAMPS).count() > 0
        else:                               # the classifier refused this target: its message is shown
            assert note.startswith("No stance camps:") and len(note) > len("No stance camps: ")
        shot(page, "dashboard-target-CHN")
        assert not page.errors, page.errors
    finally:
        ctx.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_getting_started_on_an_empty_store(browser, empty_server, size):
    ctx, page = open_page(browser, empty_server.url + "/", size)
    try:
        panel = page.locator("#getting-started")
        assert panel.is_visible()
        assert "multipolar ingest" in panel.inner_text()
        page.wait_for_selector("#map-note:not(:empty)")
        assert not re.search(r"\b(E\d{3}) \1\b", page.locator("#map-note").inner_text()), "an error code once"
        no_sideways_scroll(page)
        shot(page, f"dashboard-empty-{size}")
        assert not page.errors, page.errors
    finally:
        ctx.close()
