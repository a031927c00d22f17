"""The Article record (model.py): what a caller of the Python API may pass as a date."""
from datetime import date, datetime

import pytest

from multipolar.model import Article


def test_an_iso_string_or_a_datetime_becomes_a_date():
    assert Article.make("Text.", date="2024-05-01").date == date(2024, 5, 1)
    assert Article.make("Text.", date="2024-05-01T09:30:00Z").date == date(2024, 5, 1)
    assert Article.make("Text.", date=datetime(2024, 5, 1, 9, 30)).date == date(2024, 5, 1)
    assert Article.make("Text.").date is None


def test_a_date_that_is_no_date_fails_naming_the_article_and_the_fix():
    with pytest.raises(ValueError, match=r"'a1'.*'May 1st'.*YYYY-MM-DD"):
        Article.make("Text.", id="a1", date="May 1st")
    with pytest.raises(TypeError, match=r"'a1'.*datetime.date"):
        Article.make("Text.", id="a1", date=20240501)
