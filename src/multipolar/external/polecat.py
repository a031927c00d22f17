"""POLECAT weekly event files (PLOVER-coded; Harvard Dataverse doi:10.7910/DVN/AJGVIT): tab-separated, header.

Columns read (others are ignored): Event ID, Story Date, Event Date, Event Type, Event Mode, Contexts,
Event Intensity, Quad Code, Actor Name, Actor Country, Primary Actor Sector, Recipient Name, Recipient Country,
Primary Recipient Sector, Placename, Country, Latitude, Longitude, Feed. Events are already PLOVER, so no
CAMEO mapping is applied; countries are ISO3 codes (names are accepted too). Contexts are ';'-separated.
"""
from __future__ import annotations

from multipolar.external.countries import name_to_iso3
from multipolar.external.events import EventLayout

REQUIRED = ("Event ID", "Event Date", "Event Type", "Actor Country", "Recipient Country")

LAYOUT = EventLayout(
    "polecat",
    {"source_id": "Event ID", "date": "Event Date", "event": "Event Type", "mode": "Event Mode",
     "contexts": "Contexts", "intensity": "Event Intensity", "quad_class": "Quad Code",
     "actor_name": "Actor Name", "actor_country": "Actor Country", "actor_sector": "Primary Actor Sector",
     "recipient_name": "Recipient Name", "recipient_country": "Recipient Country",
     "recipient_sector": "Primary Recipient Sector", "location_name": "Placename", "location_country": "Country",
     "lat": "Latitude", "lon": "Longitude", "url": "Feed"},
    "%Y-%m-%d", name_to_iso3, required=REQUIRED)
