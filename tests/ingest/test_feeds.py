"""RSS/Atom: items become articles; non-feeds and entity-declaring feeds are refused."""
from datetime import date

import feedparser

from multipolar.ingest import read_one
from multipolar.ingest.feeds import parse_feed

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire</title><id>urn:wire</id><updated>2024-03-07T20:00:00Z</updated>
  <entry>
    <title>Sweden joins NATO</title><id>urn:wire:1</id>
    <link href="https://wire.example.org/sweden"/>
    <published>2024-03-07T19:30:00-05:00</published><updated>2024-03-08T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Sweden became the 32nd member of NATO on Thursday.&lt;/p&gt;&lt;p&gt;Prime Minister Ulf Kristersson handed over the documents.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Empty item</title><id>urn:wire:2</id><summary>Short.</summary>
  </entry>
</feed>
"""


def test_atom_items_dates_and_html_stripped(tmp_path):
    p = tmp_path / "wire.atom"
    p.write_text(ATOM)
    first, second = read_one(p)
    assert first.source == f"{p}#1" and first.id == "urn:wire:1"
    assert first.date == date(2024, 3, 7)            # published, as written (not 8 March UTC)
    assert first.url == "https://wire.example.org/sweden" and first.title == "Sweden joins NATO"
    assert first.text == ("Sweden became the 32nd member of NATO on Thursday.\n"
                          "Prime Minister Ulf Kristersson handed over the documents.")
    assert second.source == f"{p}#2" and second.reason.startswith("E016") and "Empty item" in second.reason


def test_feed_recognised_by_content(tmp_path):
    p = tmp_path / "download"
    p.write_text(ATOM)
    recs = list(read_one(p))
    assert recs[0].title == "Sweden joins NATO"


def test_not_a_feed_names_first_bytes_and_fix(bad, one_skip):
    s = one_skip([bad / "not_a_feed.xml"])
    assert s.reason.startswith("E012") and "not_a_feed.xml" in s.reason
    assert "not RSS or Atom" in s.reason and "'<html'" in s.reason and "--format html" in s.reason


def test_not_a_feed_can_be_forced_as_html(bad, batch):
    arts, skips = batch([bad / "not_a_feed.xml"], fmt="html")
    assert skips == [] and "ordinary web page" in arts[0].text


def test_xxe_feed_is_refused(bad, one_skip):
    s = one_skip([bad / "xxe_feed.xml"])
    assert s.reason.startswith("E018") and "xxe_feed.xml" in s.reason
    assert "XXE" in s.reason and "SYSTEM" in s.reason
    assert "root:" not in s.reason


def test_entity_bomb_is_refused(bad, one_skip):
    s = one_skip([bad / "billion_laughs.xml"])
    assert s.reason.startswith("E018") and "billion_laughs.xml" in s.reason


def test_utf16_feed_with_entities_is_refused_too(bad):
    data = (bad / "xxe_feed.xml").read_text().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    (s,) = parse_feed(data, "x.xml")
    assert s.reason.startswith("E018")


def test_feedparser_itself_does_not_expand_external_entities(tmp_path):
    """Defence in depth: even if the pre-check were bypassed, feedparser must not read the file."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>t &x;</title><item><title>a &x;</title>'
           '<description>b &x;</description></item></channel></rss>')
    parsed = feedparser.parse(xml.encode())
    assert "TOP-SECRET-MARKER" not in repr(parsed)


def test_feed_with_no_items(tmp_path, one_skip):
    p = tmp_path / "empty.rss"
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    s = one_skip([p])
    assert s.reason.startswith("E016") and "no items" in s.reason


def test_rss_without_dates_and_with_scripts(tmp_path):
    p = tmp_path / "f.rss"
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
                 '<description><![CDATA[<p>The European Union adopted new sanctions.</p>'
                 '<script>alert(1)</script>]]></description></item></channel></rss>')
    (art,) = read_one(p)
    assert art.date is None and "alert" not in art.text and art.text == "The European Union adopted new sanctions."
