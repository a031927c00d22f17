"""PLOVER conflict-cooperation scores of coded events as the indicators read them.

One reading differs from the type's own score: an invitation ("He invited Putin to visit China") is coded by the
event coder as a request or demand of the invited party, but it is an offer to meet, CAMEO 036 (express intent to
meet or negotiate), which PLOVER files under AGREE; the indicators score it as AGREE (verbal cooperation).
"""
from __future__ import annotations

import re

INVITATION = re.compile(r"\binvit(?:e|es|ed|ing|ation|ations)\b", re.IGNORECASE)
ASKING = {"DEMAND", "REQUEST"}


def is_invitation(event: str, trigger: str | None, sentence: str | None = None) -> bool:
    """An asking event whose trigger (or, without a trigger, whose sentence) is an invitation."""
    if event not in ASKING:
        return False
    text = trigger if isinstance(trigger, str) and trigger else sentence
    return bool(isinstance(text, str) and INVITATION.search(text))


def event_score(event: str, mode: str | None, trigger: str | None = None,
                sentence: str | None = None) -> tuple[float | None, int]:
    """(score -10..+10, quad class 1-4) of an event; (None, 0) for a type the ontology does not know."""
    from multipolar.ontology import Ontology
    ont = Ontology.load()
    if is_invitation(event, trigger, sentence):
        event, mode = "AGREE", None
    try:
        return float(ont.score(event, mode)), int(ont.quad_code(event))
    except Exception:  # noqa: BLE001 - an unknown type is not scored
        return None, 0
