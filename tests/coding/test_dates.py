from datetime import date

import pytest

from multipolar.coding.dates import parse_date

BASE = date(2024, 6, 20)   # a Thursday


@pytest.mark.parametrize("text, expected, precision", [
    ("19 June 2024", date(2024, 6, 19), "day"),
    ("June 19, 2024", date(2024, 6, 19), "day"),
    ("2024-06-19", date(2024, 6, 19), "day"),
    ("June 2024", date(2024, 6, 1), "month"),
    ("Wednesday", date(2024, 6, 19), "day"),
    ("Thursday", date(2024, 6, 20), "day"),
    ("last Thursday", date(2024, 6, 13), "day"),
    ("yesterday", date(2024, 6, 19), "day"),
    ("today", date(2024, 6, 20), "day"),
    ("last month", date(2024, 5, 1), "month"),
    ("earlier this year", date(2024, 1, 1), "year"),
    ("last year", date(2023, 1, 1), "year"),
    ("December 3", date(2023, 12, 3), "day"),      # a month-day in the future of the article is last year's
    ("25/12/2023", date(2023, 12, 25), "day"),
])
def test_parse_date(text, expected, precision):
    assert parse_date(text, BASE) == (expected, precision)


def test_future_weekday_points_forward():
    assert parse_date("Monday", BASE, True) == (date(2024, 6, 24), "day")


def test_ambiguous_numeric_date_is_flagged_without_locale():
    d, precision = parse_date("11/07/2024", BASE)
    assert precision == "day-ambiguous"


def test_numeric_date_follows_site_locale():
    assert parse_date("11/07/2024", BASE, locale="us") == (date(2024, 11, 7), "day")
    assert parse_date("11/07/2024", BASE, locale="uk") == (date(2024, 7, 11), "day")


def test_impossible_date_is_none():
    assert parse_date("31/02/2024", BASE)[0] is None


def test_relative_date_without_article_date_is_unknown():
    assert parse_date("last month", None) == (None, None)


def test_a_relative_day_before_the_calendar_starts_gives_no_date():
    from datetime import date
    from multipolar.coding.dates import parse_date
    assert parse_date("on Friday, according to state media", date(1, 1, 1), False) == (None, None)
