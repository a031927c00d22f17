from datetime import date

import pytest

from multipolar.ingest.pubdate import find_date, parse_date


@pytest.mark.parametrize("value, expected", [
    ("2024-06-19", date(2024, 6, 19)),
    ("2024-06-19T23:30:00-05:00", date(2024, 6, 19)),       # the local day as written, not UTC
    ("Wed, 19 Jun 2024 23:30:00 -0500", date(2024, 6, 19)),
    ("Wed, 19 Jun 2024 10:00:00 GMT", date(2024, 6, 19)),
    ("19 June 2024", date(2024, 6, 19)),
    ("June 19, 2024", date(2024, 6, 19)),
    ("19/06/2024", date(2024, 6, 19)),
    ("03/04/2024", date(2024, 4, 3)),                       # day first, documented
    ("31/02/2024", None),                                   # impossible: None, not an error
    ("2024-02-31", None),
    ("yesterday", None),                                    # relative: refused, so runs are reproducible
    ("3 days ago", None),
    ("June 2024", None),                                    # no day: not a publication date
    ("not a date at all", None),
    ("", None),
    (None, None),
    ("x" * 5000, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_parse_date_returns_plain_dates():
    d = parse_date("Wed, 19 Jun 2024 10:00:00 GMT")
    assert type(d) is date


def test_find_date_reads_a_dateline():
    text = "MOSCOW, 9 July 2024 — Indian Prime Minister Narendra Modi held talks in the Kremlin."
    assert find_date(text) == date(2024, 7, 9)


def test_find_date_ignores_dates_deep_in_the_article():
    text = "\n".join(["Leaders met on Tuesday."] * 5 + ["The treaty was signed on 19 June 2024."])
    assert find_date(text) is None
