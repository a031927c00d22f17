import csv

from multipolar.external.countries import (cameo_country_to_iso3, cow_to_iso3, is_iso3, name_to_iso3,
                                           normalise_name)


def test_un_names_agree_with_the_shared_reference_table(shared):
    with open(shared / "data" / "undl_ms_name_iso3.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    wrong = [(r["ms_name"], r["iso3"], name_to_iso3(r["ms_name"])) for r in rows
             if name_to_iso3(r["ms_name"]) != r["iso3"]]
    assert len(rows) > 200 and wrong == []


def test_historical_states_keep_their_own_codes():
    assert name_to_iso3("USSR") == "SUN"
    assert name_to_iso3("Yugoslavia") == "YUG"
    assert name_to_iso3("CZECHOSLOVAKIA") == "CSK"
    assert name_to_iso3("German Democratic Republic") == "DDR"
    assert name_to_iso3("Zaire") == "COD"
    assert name_to_iso3("Türkiye") == "TUR" and normalise_name("Côte d’Ivoire") == "COTE D'IVOIRE"
    assert name_to_iso3("Atlantis") is None


def test_cow_and_cameo_codes():
    assert cow_to_iso3(365) == "RUS" and cow_to_iso3("2") == "USA" and cow_to_iso3(260) == "DEU"
    assert cow_to_iso3(245) is None and cow_to_iso3("x") is None
    assert cameo_country_to_iso3("ROM") == "ROU" and cameo_country_to_iso3("JAP") == "JPN"
    assert cameo_country_to_iso3("RUS") == "RUS" and cameo_country_to_iso3("AFR") is None
    assert cameo_country_to_iso3("") is None and is_iso3("SUN")
