"""The palette the report and the dashboard share (web/static/palette.json): camps, event types, votes, series."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PALETTE_FILE = Path(__file__).resolve().parents[1] / "web" / "static" / "palette.json"


@lru_cache(maxsize=1)
def palette() -> dict:
    return json.loads(PALETTE_FILE.read_text(encoding="utf-8"))


def camps() -> dict[str, str]:
    """camp -> colour, from against the target (blue) to with the target (red)."""
    return dict(palette()["camps"])


def camp_label(camp: str) -> str:
    return palette()["camp_labels"].get(camp, camp.replace("_", " "))


def type_colour(event_type: str) -> str:
    return palette()["types"].get(event_type, "#999999")


def series(i: int) -> str:
    s = palette()["series"]
    return s[i % len(s)]
