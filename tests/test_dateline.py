"""Datelines: the filing place, date and wire before a story's first words."""
from __future__ import annotations

import pytest

from multipolar.dateline import dateline_end, dateline_place


@pytest.mark.parametrize("text,place,rest", [
    ("MOSCOW, July 9 — Putin met Modi.", "MOSCOW", "Putin met Modi."),
    ("KABUL (Reuters) - The United States brokered a truce.", "KABUL", "The United States brokered a truce."),
    ("Canadian Press - OTTAWA (CP) - Canada sent troops.", "OTTAWA", "Canada sent troops."),
    ("AFP - BAGHDAD, Iraq - US forces raided a town.", "BAGHDAD", "US forces raided a town."),
    ("TAIPEI (The China Post) — China recalled its envoy.", "TAIPEI", "China recalled its envoy."),
    ("SEOUL, November 1 (AJP) - North Korea fired a missile.", "SEOUL", "North Korea fired a missile."),
    ("ANCHORAGE, Alaska – August 15, 2025 — Trump met Putin.", "ANCHORAGE", "Trump met Putin."),
    ("PRAGUE, October 3, 2006 (RFE/RL) -- Belarus protested.", "PRAGUE", "Belarus protested."),
    ("ISLAMABAD, Dec 3: Pakistan summoned the envoy.", "ISLAMABAD", "Pakistan summoned the envoy."),
    ("GAZA CITY, Gaza Strip - Israel struck a school.", "GAZA CITY", "Israel struck a school."),
])
def test_a_dateline_is_cut_before_the_story(text, place, rest):
    assert dateline_place(text) == place
    assert text[dateline_end(text):] == rest


@pytest.mark.parametrize("text", [
    "U.S.: No Decision Made on Iraq Unit's Fate.",       # a headline's speaker, not a filing place
    "Russia, China and India met in Kazan.",
    "The EU - and its members - imposed sanctions.",
    "AP - The man who claims the governor harassed him sued.",   # the wire alone names no place
    "NATO-Russia talks resumed on Monday.",
])
def test_no_dateline(text):
    assert dateline_end(text) is None and dateline_place(text) is None


def test_a_dateline_is_found_inside_a_sentence_span():
    text = "Title here. KABUL (Reuters) - Troops left."
    start = text.index("KABUL")
    assert text[dateline_end(text, start, len(text)):] == "Troops left."
