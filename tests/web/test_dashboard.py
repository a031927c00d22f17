"""The dashboard in headless Debian Chromium, driven by Playwright, against a real server on 127.0.0.1."""
from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

CHROMIUM = Path("/usr/bin/chromium")
VENDOR = Path(__file__).resolve().parents[2] / "src/multipolar/web/frontend/node_modules"
pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed at /usr/bin/chromium "
                       "(apt-get install -y chromium chromium-driver)"),
    pytest.mark.skipif(not (Path(os.environ.get("MULTIPOLAR_VENDOR_DIR") or VENDOR) / "d3/dist/d3.min.js").exists(),
                       reason="dashboard front-end packages missing: npm ci --prefix src/multipolar/web/frontend"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="PyPI package playwright not installed")

HOSTILE = ("Hostile page\n\nMOSCOW, May 5, 2025 - Russia condemned Ukraine on Monday "
           "<script>window.__pwned = 1</script> <img src=x onerror=\"window.__pwned = 2\"> "
           "<a href=\"javascript:window.__pwned = 3\">click</a> officials said.")


@pytest.fixture(scope="module")
def browser():
    # launch() gives Chromium a new empty profile directory of its own each time (a fresh user-data-dir)
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, timeout=60_000, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1100})
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def open_dashboard(page, url):
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
    page.wait_for_selector("#map path.country.target")


CAMPS = "#map path.condemning, #map path.leaning_against, #map path.neutral, #map path.leaning_towards, " \
        "#map path.supporting"


def open_event(page, server):
    """Open the first event of the table: the sentence, its highlighted words, the stored article."""
    row = page.locator("#events tr.event").first
    row.wait_for()
    event_id = row.get_attribute("data-id")
    row.click()
    detail = page.locator("#events tr.detail")
    detail.wait_for()
    ev = httpx.get(f"{server.url}/api/v1/events/{event_id}").json()
    assert detail.locator("p.sentence").inner_text() == ev["sentence"]
    marks = detail.locator("mark.trigger").all_inner_texts()
    assert marks and marks[0].lower() == ev["trigger"].lower()
    named = [p["text"] for p in ev["actor"] + ev["recipient"]
             if p["text"] and p["text"].lower() in ev["sentence"].lower()
             and p["text"].lower() not in ev["trigger"].lower()]
    assert detail.locator("mark.actor, mark.recipient").count() >= (1 if named else 0)
    detail.locator("a.stored").click()
    page.wait_for_selector("#article-panel:not([hidden])")
    assert ev["sentence"] in page.locator("#article-text").inner_text()


def test_map_camps_and_a_country_s_evidence(page, ref_server, tmp_path):
    """Reference data loaded: the map shows analysis.stance camps; a click shows the camp and its evidence."""
    open_dashboard(page, ref_server.url + "/?state=RUS&target=RUS&on=2024-12-31")
    assert page.locator("#map path.country[data-iso3='RUS']").get_attribute("class").startswith("country target")
    stance = httpx.get(ref_server.url + "/api/v1/stance", params={"target": "RUS", "on": "2024-12-31",
                                                                  "limit": 1000}, timeout=60).json()
    camp = {r["iso3"]: r["camp"] for r in stance["items"]}
    assert page.locator(CAMPS).count() >= 150, "the map shows camps toward Russia"
    for iso in ("DEU", "CHN", "IND", "BRA"):
        assert page.locator(f"#map path.country[data-iso3='{iso}']").get_attribute("class").split()[1] == camp[iso]
    assert page.locator("#isolation path.line").count() == 1
    assert "Xi Jinping" in page.locator("#meetings").inner_text()

    page.locator("#map path.country[data-iso3='DEU']").click()
    sync_api.expect(page.locator("#profile-name")).to_contain_text("DEU")
    sync_api.expect(page.locator("#camp-head")).to_have_attribute("data-camp", camp["DEU"])
    explain = httpx.get(ref_server.url + "/api/v1/stance/explain", params={"target": "RUS", "state": "DEU",
                                                                           "on": "2024-12-31"}, timeout=60).json()
    rows = page.locator("#evidence tr.evidence")
    assert rows.count() == min(60, len(explain["evidence"])) > 0
    assert {"vote", "sanction"} <= set(page.locator("#evidence tr.evidence td:first-child").all_inner_texts())
    assert page.locator("#state").input_value() == "DEU"

    page.locator("#map path.country[data-iso3='IND']").click()
    sync_api.expect(page.locator("#camp-head")).to_have_attribute("data-camp", camp["IND"])
    open_event(page, ref_server)
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    if os.environ.get("MULTIPOLAR_SCREENSHOT"):
        page.screenshot(path=os.environ["MULTIPOLAR_SCREENSHOT"], full_page=True)
    assert not page.errors, page.errors


def test_map_pick_country_and_read_an_event(page, server):
    """No reference data: the map says what is missing; every other panel works; events open."""
    open_dashboard(page, server.url + "/?state=RUS&on=2024-12-31")
    assert page.locator("#map path.country").count() > 150
    assert page.locator(CAMPS).count() == 0
    assert "unvotes" in page.locator("#map-note").inner_text()
    assert page.locator("#isolation path.line").count() == 1
    assert page.locator("#blocs circle.node-bloc").count() >= 3
    assert page.locator("#meetings tbody tr").count() >= 1
    assert "2024-06-19 to 2024-06-20" in page.locator("#meetings").inner_text()   # Vietnam: one visit, two days

    page.locator("#map path.country[data-iso3='IND']").click()
    sync_api.expect(page.locator("#profile-name")).to_contain_text("IND")
    page.wait_for_selector("#map path.country.focus[data-iso3='IND']")
    assert page.locator("#state").input_value() == "IND"
    page.wait_for_selector("#events tbody[data-party='IND']")     # the table shows IND's events, not RUS's
    open_event(page, server)
    assert not page.errors, page.errors


def test_hostile_article_cannot_run_code(page, writable, token):
    resp = httpx.post(writable.url + "/api/v1/articles", timeout=120, headers={"Authorization": f"Bearer {token}"},
                      json={"articles": [{"text": HOSTILE, "date": "2025-05-05", "id": "hostile",
                                          "title": "<img src=x onerror=\"window.__pwned = 4\"><script>x</script>",
                                          "url": "javascript:window.__pwned = 5"}]})
    assert resp.status_code == 201, resp.text
    assert resp.json()["events"], "the coder should code 'Russia condemned Ukraine'"
    open_dashboard(page, writable.url + "/?state=RUS&on=2025-05-31")
    scripts_before = page.locator("script").count()
    row = page.locator("#events tr.event").first
    row.click()
    detail = page.locator("#events tr.detail")
    detail.wait_for()
    sentence = detail.locator("p.sentence").inner_text()
    assert "<script>" in sentence and "onerror" in sentence      # shown as text, not parsed
    assert detail.locator("a.source").count() == 0                # a javascript: URL is never a link
    assert detail.locator("img, script, [onerror]").count() == 0
    detail.locator("a.stored").click()
    page.wait_for_selector("#article-panel:not([hidden])")
    assert "<script>" in page.locator("#article-title").inner_text()
    assert "<script>" in page.locator("#article-text").inner_text()
    for a in page.locator("a[href]").all():
        assert not a.get_attribute("href").strip().lower().startswith("javascript:")
    page.mouse.move(10, 10)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == scripts_before
    assert page.dialogs == [] and not page.errors
