"""GDELT 1.0 and 2.0 event files: tab-separated, no header.

1.0 daily files have 57 columns (to 2013-03-31) or 58 (SOURCEURL added); 2.0 15-minute exports have 61
(an ADM2 code per geography, DATEADDED as YYYYMMDDHHMMSS). Columns follow the GDELT event codebooks.
Actor countries are CAMEO country codes (mostly ISO3; see multipolar.external.countries); the CAMEO event code
maps to PLOVER with multipolar.ontology.cameo_to_plover. Locations keep GDELT's FIPS country codes.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycountry

from multipolar.errors import InputError
from multipolar.external._common import open_text
from multipolar.external.countries import CAMEO_TO_ISO3, EXTRA_CODES, cameo_country_to_iso3
from multipolar.external.events import EventLayout

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
          "NumMentions", "NumSources", "NumArticles", "AvgTone")
_GEO1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _columns(geo: tuple[str, ...], url: bool) -> tuple[str, ...]:
    cols = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    for a in ("Actor1", "Actor2"):
        cols += [a + c for c in _ACTOR]
    cols += list(_EVENT)
    for g in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        cols += [g + c for c in geo]
    cols.append("DATEADDED")
    if url:
        cols.append("SOURCEURL")
    return tuple(cols)


COLUMNS_V1 = _columns(_GEO1, url=True)        # 58; the first 57 for files before April 2013
COLUMNS_V2 = _columns(_GEO2, url=True)        # 61
assert len(COLUMNS_V1) == 58 and len(COLUMNS_V2) == 61

_FIELDS = {"source_id": "GLOBALEVENTID", "date": "SQLDATE", "actor_code": "Actor1Code",
           "actor_name": "Actor1Name", "actor_country": "Actor1CountryCode", "actor_sector": "Actor1Type1Code",
           "recipient_code": "Actor2Code", "recipient_name": "Actor2Name",
           "recipient_country": "Actor2CountryCode", "recipient_sector": "Actor2Type1Code",
           "cameo": "EventCode", "goldstein": "GoldsteinScale", "quad_class": "QuadClass",
           "location_name": "ActionGeo_FullName", "location_country": "ActionGeo_CountryCode",
           "lat": "ActionGeo_Lat", "lon": "ActionGeo_Long", "url": "SOURCEURL"}



@lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    """Every CAMEO actor country code cameo_country_to_iso3 resolves, with its ISO3 (regions are left out:
    they map to None). The store joins on this table instead of calling the function per row."""
    known = {c.alpha_3 for c in pycountry.countries} | set(EXTRA_CODES) | set(CAMEO_TO_ISO3)
    out = {code: cameo_country_to_iso3(code) for code in sorted(known)}
    return {k: v for k, v in out.items() if v}


V1 = EventLayout("gdelt1", _FIELDS, "%Y%m%d", cameo_country_to_iso3, columns=COLUMNS_V1, widths=(57, 58),
                 cameo_to_plover=True, country_codes=country_codes)
V2 = EventLayout("gdelt2", _FIELDS, "%Y%m%d", cameo_country_to_iso3, columns=COLUMNS_V2, widths=(61,),
                 cameo_to_plover=True, country_codes=country_codes)

URL_V2_LAST = "https://data.gdeltproject.org/gdeltv2/lastupdate.txt"
URL_V2_FILE = "https://data.gdeltproject.org/gdeltv2/{stamp}.export.CSV.zip"      # stamp YYYYMMDDHHMMSS
URL_V1_DAY = "https://data.gdeltproject.org/events/{day}.export.CSV.zip"          # day YYYYMMDD


def layout(path: str | Path) -> EventLayout:
    """Pick the 1.0 or 2.0 layout from the first line's column count."""
    with open_text(path) as f:
        first = f.readline().rstrip("\r\n")
    if not first:
        raise InputError(f"cannot read {path}: the file is empty")
    n = first.count("\t") + 1
    if n in V2.widths:
        return V2
    if n in V1.widths:
        return V1
    raise InputError(f"cannot read {path}:1: {n} tab-separated columns; a GDELT event file has 57 or 58 "
                     f"(1.0) or 61 (2.0). Is this a mentions or GKG file, or not tab-separated?")
