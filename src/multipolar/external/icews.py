"""ICEWS coded event files (Harvard Dataverse doi:10.7910/DVN/28075): tab-separated with a header.

Published columns: Event ID, Event Date, Source Name, Source Sectors, Source Country, Event Text, CAMEO Code,
Intensity, Target Name, Target Sectors, Target Country, Story ID, Sentence Number, Publisher, City, District,
Province, Country, Latitude, Longitude. Countries are English names ("Russian Federation"); Intensity is the
Goldstein-style score of the CAMEO code.
"""
from __future__ import annotations

from multipolar.external.countries import name_to_iso3
from multipolar.external.events import EventLayout

COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
           "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
           "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")

LAYOUT = EventLayout(
    "icews",
    {"source_id": "Event ID", "date": "Event Date", "actor_name": "Source Name", "actor_country": "Source Country",
     "actor_sector": "Source Sectors", "recipient_name": "Target Name", "recipient_country": "Target Country",
     "recipient_sector": "Target Sectors", "cameo": "CAMEO Code", "goldstein": "Intensity",
     "location_name": "City", "location_country": "Country", "lat": "Latitude", "lon": "Longitude"},
    "%Y-%m-%d", name_to_iso3,
    required=("Event ID", "Event Date", "Source Country", "CAMEO Code", "Target Country"),
    cameo_to_plover=True)
