"""One name for an IGO with a three-letter acronym in every view people read.

The store keeps the CAMEO-style code (IGOSCO, IGOIMF: a three-letter acronym takes the prefix IGO so that it never
collides with an ISO3 state); tables, the dashboard and the bloc views show the acronym itself (SCO, IMF), and the
API's filters accept either."""
from __future__ import annotations

import re

_PREFIXED = re.compile(r"^IGO([A-Z]{3})$")


def display_code(code: str | None) -> str | None:
    """The code as people read it: IGOSCO -> SCO; every other code unchanged."""
    if not isinstance(code, str):
        return code
    m = _PREFIXED.match(code)
    return m.group(1) if m else code


def stored_code(code: str | None) -> str | None:
    """The code as stored: SCO -> IGOSCO when SCO is no state and IGOSCO is an IGO of the roster; else unchanged."""
    if not isinstance(code, str) or len(code) != 3 or not code.isalpha():
        return code
    from multipolar.actors import Roster
    roster = Roster.load()
    up = code.upper()
    if up in roster.countries() or up in roster.former_states():
        return code
    return "IGO" + up if "IGO" + up in roster.igos() else code
