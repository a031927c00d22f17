"""Web pages: boilerplate removed, date from metadata, truncated and empty pages."""
import time
from datetime import date

from multipolar.ingest import read_one

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title} | Wire</title>
{meta}<link rel="canonical" href="https://wire.example.org/story"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer><p>Copyright 2024 Wire. All rights reserved. Privacy policy. Cookie settings.</p></footer>
</body></html>"""
BODY = ("<p>The European Union adopted its 14th package of sanctions against Russia on Monday, "
        "targeting liquefied natural gas for the first time.</p>"
        "<p>The package bans the reloading of Russian LNG in EU ports for shipment to third countries.</p>")


def page(tmp_path, name="p.html", title="EU adopts sanctions", meta="", body=BODY, encoding="utf-8"):
    p = tmp_path / name
    p.write_bytes(PAGE.format(title=title, meta=meta, body=body, charset=encoding).encode(encoding))
    return p


def test_metadata_date_title_url_and_no_boilerplate(tmp_path):
    p = page(tmp_path, meta='<meta property="article:published_time" content="2024-06-24T13:15:00Z">')
    (art,) = read_one(p)
    assert art.date == date(2024, 6, 24)
    assert art.title == "EU adopts sanctions"
    assert art.url == "https://wire.example.org/story"
    assert art.text.startswith("The European Union adopted")     # headline kept out of the text
    for junk in ("Home", "Sport", "Copyright", "Cookie"):
        assert junk not in art.text


def test_date_from_visible_dateline_when_no_metadata(tmp_path):
    body = "<p>BRUSSELS, 24 June 2024 - The European Union adopted its 14th package of sanctions.</p>" + BODY
    (art,) = read_one(page(tmp_path, body=body))
    assert art.date == date(2024, 6, 24)


def test_no_date_at_all(tmp_path):
    (art,) = read_one(page(tmp_path))
    assert art.date is None          # not today's date, not the file's mtime


def test_declared_latin1_charset_is_honoured(tmp_path):
    body = "<p>Le pr\u00e9sident fran\u00e7ais a rencontr\u00e9 le chancelier allemand \u00e0 Berlin lundi.</p>"
    (art,) = read_one(page(tmp_path, body=body, encoding="iso-8859-1"))
    assert "pr\u00e9sident fran\u00e7ais" in art.text


def test_no_body_text(bad, one_skip):
    s = one_skip([bad / "no_body.html"])
    assert s.reason.startswith("E016") and "no_body.html" in s.reason and "no body text" in s.reason


def test_truncated_page_still_extracted(bad):
    (art,) = read_one(bad / "truncated.html")
    assert art.text.startswith("The European Union adopted its 14th package")
    assert art.date == date(2024, 6, 24)


def test_truncated_page_without_text_is_skipped_and_says_so(tmp_path, one_skip):
    p = tmp_path / "cut.html"
    p.write_text("<!DOCTYPE html><html><head><title>EU sanctions</title></head><body><nav>Home</nav><p>The Eu")
    s = one_skip([p])
    assert s.reason.startswith("E016") and "cut.html" in s.reason and "truncated" in s.reason


def test_deeply_nested_page_does_not_stop_the_batch(tmp_path, batch):
    depth = 100_000
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * depth + "<p>" + "Sweden joined NATO on Thursday. " * 5
                 + "</p>" + "</div>" * depth + "</body></html>")
    good = page(tmp_path, name="z_good.html")
    t0 = time.monotonic()
    arts, skips = batch([p, good])
    assert time.monotonic() - t0 < 30
    assert [a.source for a in arts][-1] == str(good)
    # Either the text is recovered or the page is skipped with a reason naming it; never an exception.
    assert len(arts) + len(skips) == 2
    for s in skips:
        assert "deep.html" in s.reason


def test_html_with_unknown_extension_is_sniffed(tmp_path):
    p = page(tmp_path, name="story.php")
    (art,) = read_one(p)
    assert art.title == "EU adopts sanctions"


def test_markup_that_trips_the_date_finder_is_skipped_not_raised():
    """Found by hypothesis: htmldate asserts on '<svg><p><p>'; the page must come back as Skipped."""
    from multipolar.ingest.html import parse_html
    from multipolar.model import Skipped

    assert isinstance(parse_html("<svg><p><p>", "gen.html"), Skipped)
