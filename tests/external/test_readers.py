from datetime import date

import pytest

from multipolar.errors import InputError
from multipolar.external import blocs, gdelt, idealpoints, leaders_archigos, sanctions, unvotes, wdi
from multipolar.model import Skipped


def split(table):
    rows, skipped = [], []
    for r in table.rows:
        (skipped if isinstance(r, Skipped) else rows).append(r)
    return rows, skipped


def test_resolution_symbols_normalise():
    assert unvotes.normalise_resolution("ES-11/1") == "A/RES/ES-11/1"
    assert unvotes.normalise_resolution("68/262") == "A/RES/68/262"
    assert unvotes.normalise_resolution("S/RES/2623 (2022)") == "S/RES/2623(2022)"
    assert unvotes.normalise_resolution("a/res/ES-11/4") == "A/RES/ES-11/4"


def test_wide_ukraine_votes(shared):
    rows, skipped = split(unvotes.read(shared / "data" / "unga_ukraine_votes_wide.csv"))
    assert not skipped
    es111 = [r for r in rows if r[1] == "A/RES/ES-11/1"]
    assert sum(r[6] == "Y" for r in es111) == 141 and sum(r[6] == "N" for r in es111) == 5
    assert es111[0][2] == date(2022, 3, 2)


def test_bad_vote_lines_are_named(tmp_path):
    f = tmp_path / "v.csv"
    f.write_text("undl_id,resolution,date,body,ms_name,iso3,vote\n"
                 "1,A/RES/1,2020-01-01,GA,FRANCE,FRA,Y\n"
                 "2,A/RES/1,2020-13-01,GA,SPAIN,ESP,Y\n"
                 "3,A/RES/1,2020-01-01,GA,NARNIA,,Y\n"
                 "4,A/RES/1,2020-01-01,GA,ITALY,ITA,Q\n"
                 "5,A/RES/1,2020-01-01,GA\n")
    rows, skipped = split(unvotes.read(f))
    assert len(rows) == 1
    assert [s.source.rsplit(":", 1)[1] for s in skipped] == ["3", "4", "5", "6"]
    assert "NARNIA" in skipped[1].reason and "columns" in skipped[3].reason


def test_not_a_votes_file(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="not a UN votes file"):
        unvotes.read(f)


def test_ideal_points(shared):
    rows, skipped = split(idealpoints.read(shared / "data" / "bsv_idealpoints_july2025.csv"))
    assert len(rows) > 10000 and not skipped
    usa = [r for r in rows if r[1] == "USA" and r[3] == 2020][0]
    assert usa[4] > 1


def test_wdi_layouts(shared):
    bulk, skipped = split(wdi.read(shared / "data" / "wdi_gdp_current_usd.csv"))
    assert not skipped and {r[2] for r in bulk} == {"gdp_usd"}
    assert any(r[0] == "WLD" and r[5] for r in bulk) and any(r[0] == "FRA" and not r[5] for r in bulk)
    tidy, _ = split(wdi.read(shared / "data" / "wdi_pop_gdp.csv"))
    world = {r[2]: r[3] for r in tidy if r[0] == "WLD" and r[1] == 2022}
    assert 7.9e9 < world["population"] < 8.1e9 and 1.0e14 < world["gdp_usd"] < 1.03e14


def test_wdi_api_json(tmp_path):
    f = tmp_path / "p.json"
    f.write_text('[{"page":1,"pages":1},[{"indicator":{"id":"SP.POP.TOTL"},"country":{"id":"FR","value":"France"},'
                 '"countryiso3code":"FRA","date":"2022","value":68000000},'
                 '{"indicator":{"id":"SP.POP.TOTL"},"country":{"id":"1W","value":"World"},'
                 '"countryiso3code":"WLD","date":"2022","value":null}]]')
    rows, _ = split(wdi.read(f))
    assert rows == [("FRA", 2022, "population", 68000000.0, "France", False)]


def test_archigos_open_terms(shared):
    path = shared / "data" / "leaders_archigos41_plad_to2024.csv"
    assert leaders_archigos.detect_build_date(path) == date(2024, 7, 29)
    table = leaders_archigos.read(path)
    rows, skipped = split(table)
    putin = [r for r in rows if r[0] == "RUS" and r[1] == "Putin"]
    assert putin[-1][3] is None and table.notes
    assert all(r[3] != date(2024, 7, 29) for r in rows)
    assert skipped and all("COW code" in s.reason for s in skipped)
    line = int(skipped[0].source.rsplit(":", 1)[1])
    assert ",245," in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_bundled_sanctions_and_blocs():
    rows, skipped = split(sanctions.read())
    assert not skipped and all(r[6] for r in rows)
    rus22 = {r[0] for r in rows if r[1] == "RUS" and r[2] == "RUS-2022"}
    assert {"EU", "USA", "GBR", "CAN", "JPN", "KOR", "AUS", "NZL", "CHE", "NOR", "ISL", "LIE", "SGP", "TWN",
            "ALB", "MNE", "MKD", "DEU", "FRA", "HRV"} <= rus22
    assert len(rus22 & {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
                        "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
                        "SWE"}) == 27
    brows, bskipped = split(blocs.read())
    assert not bskipped
    sau = [r for r in brows if r[0] == "BRICS" and r[1] == "SAU"]
    assert sau[0][4] == "ambiguous"


def test_opensanctions_metadata(shared):
    from pathlib import Path
    f = Path(__file__).parent / "data" / "opensanctions_programs.json"
    rows, skipped = split(sanctions.read(f))
    assert ("CHE", "RUS") in {(r[0], r[1]) for r in rows} and ("CHE", "BLR") in {(r[0], r[1]) for r in rows}
    assert all(r[6].startswith("OpenSanctions") for r in rows)
    assert len(skipped) == 2


def test_gdelt_layout_detection(shared, tmp_path):
    assert gdelt.layout(shared / "data" / "gdelt" / "gdelt2_export_sample_20250820163000.tsv") is gdelt.V2
    assert gdelt.layout(shared / "data" / "gdelt" / "gdelt1_events_sample_reed9999.tsv") is gdelt.V1
    f = tmp_path / "m.tsv"
    f.write_text("a\tb\tc\n")
    with pytest.raises(InputError, match="3 tab-separated columns"):
        gdelt.layout(f)
