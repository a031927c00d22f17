"""coding/places.py: where an event happened."""
from parsing import parse, token

from multipolar.coding import places


def test_lookup_gazetteer_and_regions():
    assert places.lookup("Kyiv").country == "UKR"
    assert places.lookup("Crimea").country == "UKR"
    assert places.lookup("the West Bank").country == "PSE"
    assert places.lookup("Mali").country == "MLI"


def test_regions_file_is_read_with_aliases():
    assert places.regions()["Crimean Peninsula"].country == "UKR"


def test_event_location_under_the_trigger():
    sent, _ = parse("Protesters rallied in Tbilisi on Monday.")
    loc = places.event_location(sent, token(sent, "rally"), set())
    assert loc is not None and loc.country == "GEO"


def test_a_state_or_province_beats_a_small_town_elsewhere():
    assert places.lookup("Arizona").country == "USA"          # not the Honduran town
    assert places.lookup("Kerala").country == "IND"
    assert places.lookup("Paris").country == "FRA"            # a large city keeps its name
    assert places.lookup("Georgia").country == "GEO"          # a country's own name still wins


def test_a_compass_name_is_no_place():
    # Cameroon's regions "South", "Far North"; Ghana's "Upper East"; Tanzania's "Coast": parts of every state
    for name in ("South", "North", "Far North", "Upper East", "North-West", "Coast", "Gulf", "Southern Province"):
        assert places.lookup(name) is None, name
    assert places.lookup("Lagos").country == "NGA" and places.lookup("South Ossetia").country == "GEO"
    assert places.lookup("North Darfur").country == "SDN"
