"""fetch through a real HTTP server on 127.0.0.1: the same code path users run, no internet."""
import gzip
import shutil
import json

import pytest
from click.testing import CliRunner

from multipolar.cli_data import data, votes
from multipolar.errors import FetchError
from multipolar.external.fetch import data_dir, fetch


def copy_to(folder, src, name=None):
    shutil.copy(src, folder / (name or src.name))
    return name or src.name


def test_data_dir_default_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv("MULTIPOLAR_DATA_DIR", raising=False)
    assert str(data_dir()).endswith(".cache/multipolar")
    monkeypatch.setenv("MULTIPOLAR_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


def test_fetch_unvotes_then_votes_json(shared, served, tmp_path):
    base, www = served
    name = copy_to(www, shared / "data" / "undl_votes_ga_sc_1946_2025.csv.gz")
    db, cache = tmp_path / "s.duckdb", tmp_path / "cache"
    r = CliRunner().invoke(data, ["fetch", "unvotes", "--url", f"{base}/{name}", "--data-dir", str(cache),
                                  "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)[0]["rows"] == 958459
    assert (cache / "unvotes" / name).stat().st_size == (shared / "data" / name).stat().st_size
    assert not list((cache / "unvotes").glob("*.part*")) and not list((cache / "unvotes").glob("*.check*"))
    v = CliRunner().invoke(votes, ["ES-11/1", "--db", str(db), "--format", "json"])
    doc = json.loads(v.stdout)
    assert doc["tally"] == {"yes": 141, "no": 5, "abstain": 35, "absent": 12} and doc["votes"]["RUS"] == "N"
    assert doc["date"] == "2022-03-02" and set(doc) == {"resolution", "date", "tally", "votes"}


def test_fetch_each_small_dataset(shared, served, tmp_path):
    base, www = served
    cases = {"idealpoints": shared / "data" / "bsv_idealpoints_july2025.csv",
             "wdi": shared / "data" / "wdi_pop_gdp.csv",
             "leaders": shared / "data" / "leaders_archigos41_plad_to2024.csv",
             "gdelt": shared / "data" / "gdelt" / "gdelt2_export_sample_20250820163000.tsv"}
    db = tmp_path / "s.duckdb"
    for name, src in cases.items():
        fname = copy_to(www, src)
        r = CliRunner().invoke(data, ["fetch", name, "--url", f"{base}/{fname}", "--data-dir",
                                      str(tmp_path / "c"), "--db", str(db), "--format", "json"])
        assert r.exit_code == 0, (name, r.output)
        assert json.loads(r.stdout)[0]["rows"] > 0
    for name in ("sanctions", "blocs"):   # bundled tables
        r = CliRunner().invoke(data, ["fetch", name, "--db", str(db), "--format", "json"])
        assert r.exit_code == 0 and json.loads(r.stdout)[0]["rows"] > 100
    listing = json.loads(CliRunner().invoke(data, ["list", "--db", str(db), "--format", "json"]).stdout)
    counts = {d["dataset"]: d["rows"] for d in listing}
    assert counts["leaders"] == 2979 and counts["blocs"] == 339 and counts["gdelt"] == 29


def test_zip_download_is_unpacked(shared, served, tmp_path):
    import zipfile
    base, www = served
    with zipfile.ZipFile(www / "20250820163000.export.CSV.zip", "w") as zf:
        zf.write(shared / "data" / "gdelt" / "gdelt2_export_sample_20250820163000.tsv", "20250820163000.export.CSV")
    paths = fetch("gdelt", url=f"{base}/20250820163000.export.CSV.zip", dir=tmp_path)
    assert [p.name for p in paths] == ["20250820163000.export.CSV"]


def test_bad_download_keeps_the_good_cached_file(shared, served, tmp_path):
    base, www = served
    good = copy_to(www, shared / "data" / "bsv_idealpoints_july2025.csv", "ip.csv")
    [cached] = fetch("idealpoints", url=f"{base}/{good}", dir=tmp_path)
    before = cached.read_bytes()
    (www / "ip.csv").write_text("<html>maintenance</html>\n")
    with pytest.raises(FetchError, match="did not verify"):
        fetch("idealpoints", url=f"{base}/ip.csv", dir=tmp_path)
    (www / "ip.csv").write_bytes(b"")
    with pytest.raises(FetchError, match="empty"):
        fetch("idealpoints", url=f"{base}/ip.csv", dir=tmp_path)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch("idealpoints", url=f"{base}/missing.csv", dir=tmp_path)
    assert cached.read_bytes() == before
    assert sorted(p.name for p in cached.parent.iterdir()) == ["ip.csv"]


def test_truncated_download_is_refused(shared, served, tmp_path):
    base, www = served
    raw = gzip.compress(b"undl_id,resolution,date,body,ms_name,iso3,vote\n")[:10]
    (www / "v.csv.gz").write_bytes(raw)
    with pytest.raises(FetchError):
        fetch("unvotes", url=f"{base}/v.csv.gz", dir=tmp_path)
    assert not (tmp_path / "unvotes" / "v.csv.gz").exists()


def test_unknown_and_addressless_datasets(tmp_path):
    with pytest.raises(FetchError, match="unknown dataset"):
        fetch("nope", dir=tmp_path)
    with pytest.raises(FetchError, match="--url"):
        fetch("icews", dir=tmp_path)
    r = CliRunner().invoke(data, ["fetch", "polecat", "--db", str(tmp_path / "s.duckdb")])
    assert r.exit_code != 0 and "E040" in r.output
