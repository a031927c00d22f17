"""`data fetch` and `data load` against hostile files (issue 15 F6, F7, F8), through a real HTTP server on
127.0.0.1: a zip bomb and an endless download stop at their limits while streaming, GDELT's published MD5 and
size are checked, a CSV field over 128 KB is one named line (not a `_csv.Error` traceback), and a file name
holding glob characters loads that one file only.
"""
from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from multipolar.errors import FetchError
from multipolar.external.fetch import fetch
from multipolar.store.db import Store

GDELT_SAMPLE = "gdelt2_export_sample_20250820163000.tsv"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path.startswith("/endless"):      # no Content-Length: only counting while streaming stops it
            self.send_response(200)
            self.send_header("Content-Type", "text/csv")
            self.end_headers()
            block = b"x" * 65536
            try:
                for _ in range(2000):               # 128 MB at most, should the client never stop
                    self.wfile.write(block)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
            return
        super().do_GET()


@pytest.fixture
def www(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def _left_over(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_zip_bomb_stops_at_the_unzip_limit(www, tmp_path, monkeypatch):
    base, root = www
    with zipfile.ZipFile(root / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("votes.csv", "w") as member:
            for _ in range(64):
                member.write(b"\0" * (1 << 20))             # 64 MB of zeros, ~64 KB zipped
    assert (root / "bomb.zip").stat().st_size < 1 << 20
    monkeypatch.setenv("MULTIPOLAR_MAX_UNZIPPED", str(4 << 20))
    cache = tmp_path / "cache"
    with pytest.raises(FetchError, match="limit") as err:
        fetch("unvotes", url=f"{base}/bomb.zip", dir=cache)
    assert str(err.value).startswith("E040") and "MULTIPOLAR_MAX_UNZIPPED" in str(err.value)
    assert _left_over(cache) == []                         # nothing half-written is left in the cache


def test_zip_that_lies_about_its_size_stops_while_inflating(www, tmp_path, monkeypatch):
    base, root = www
    with zipfile.ZipFile(root / "liar.zip", "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("votes.csv", b"a" * (8 << 20))
    data = bytearray((root / "liar.zip").read_bytes())
    # rewrite the uncompressed size in the local header and the central directory to 1 KB
    for sig, off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = data.find(sig)
        data[i + off:i + off + 4] = (1024).to_bytes(4, "little")
    (root / "liar.zip").write_bytes(bytes(data))
    monkeypatch.setenv("MULTIPOLAR_MAX_UNZIPPED", str(2 << 20))
    with pytest.raises(FetchError):
        fetch("unvotes", url=f"{base}/liar.zip", dir=tmp_path / "cache")
    assert _left_over(tmp_path / "cache") == []


def test_endless_download_stops_at_the_download_limit(www, tmp_path, monkeypatch):
    base, _ = www
    monkeypatch.setenv("MULTIPOLAR_MAX_DOWNLOAD", str(3 << 20))
    with pytest.raises(FetchError, match="MULTIPOLAR_MAX_DOWNLOAD"):
        fetch("unvotes", url=f"{base}/endless.csv", dir=tmp_path / "cache")
    assert _left_over(tmp_path / "cache") == []


def test_announced_size_over_the_limit_is_refused_before_reading(www, tmp_path, monkeypatch, shared):
    base, root = www
    shutil.copy(shared / "data" / "gdelt" / GDELT_SAMPLE, root / "big.CSV")
    monkeypatch.setenv("MULTIPOLAR_MAX_DOWNLOAD", "1000")
    with pytest.raises(FetchError, match="announced"):
        fetch("gdelt", url=f"{base}/big.CSV", dir=tmp_path / "cache")


def _gdelt_zip(root: Path, shared: Path) -> bytes:
    with zipfile.ZipFile(root / "20250820163000.export.CSV.zip", "w") as zf:
        zf.write(shared / "data" / "gdelt" / GDELT_SAMPLE, "20250820163000.export.CSV")
    return (root / "20250820163000.export.CSV.zip").read_bytes()


def test_gdelt_md5_and_size_from_lastupdate_are_checked(www, tmp_path, shared):
    base, root = www
    body = _gdelt_zip(root, shared)
    url = f"{base}/20250820163000.export.CSV.zip"
    (root / "lastupdate.txt").write_text(f"{len(body)} {'0' * 32} {url}\n")
    with pytest.raises(FetchError, match="MD5"):
        fetch("gdelt", url=f"{base}/lastupdate.txt", dir=tmp_path / "c1")
    (root / "lastupdate.txt").write_text(f"{len(body) + 1} {hashlib.md5(body).hexdigest()} {url}\n")
    with pytest.raises(FetchError, match="bytes"):
        fetch("gdelt", url=f"{base}/lastupdate.txt", dir=tmp_path / "c2")
    (root / "lastupdate.txt").write_text(f"{len(body)} {hashlib.md5(body).hexdigest()} {url}\n")
    [path] = fetch("gdelt", url=f"{base}/lastupdate.txt", dir=tmp_path / "c3")
    assert path.name == "20250820163000.export.CSV"


def test_default_sources_are_https():
    from multipolar.external import gdelt
    from multipolar.external.fetch import registry

    urls = [u for d in registry().values() for u in d.urls] + [gdelt.URL_V2_LAST, gdelt.URL_V2_FILE, gdelt.URL_V1_DAY]
    assert urls and all(u.startswith("https://") for u in urls), [u for u in urls if not u.startswith("https://")]


def test_huge_csv_field_is_a_named_line_not_a_traceback(tmp_path):
    from multipolar.cli import main

    src = tmp_path / "votes.csv"
    src.write_text("resolution,date,ms_name,vote\nA/RES/77/1,2022-10-12,France,Y\n"
                   f'A/RES/77/1,2022-10-12,"{"x" * 200_000}",Y\nA/RES/77/1,2022-10-12,Germany,N\n')
    db = tmp_path / "s.duckdb"
    res = CliRunner().invoke(main, ["data", "load", "unvotes", str(src), "--db", str(db), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output and "_csv.Error" not in res.output
    with Store.open(db, read_only=True) as store:
        reasons = dict(store.skipped())
    assert any(k.endswith("votes.csv:3") and "field limit" in v for k, v in reasons.items()), reasons


def test_a_file_name_with_glob_characters_loads_that_file_only(tmp_path, shared):
    from multipolar.store import event_files

    folder = tmp_path / "gd"
    folder.mkdir()
    sample = shared / "data" / "gdelt" / GDELT_SAMPLE
    shutil.copy(sample, folder / "2025082016300?.export.CSV")       # the name really holds a '?'
    shutil.copy(sample, folder / "20250820163001.export.CSV")       # ... which, as a glob, matches this too
    shutil.copy(sample, folder / "20250820163002.export.CSV")
    rows = sum(1 for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    with Store.open(tmp_path / "s.duckdb") as store:
        result = event_files.load_gdelt(store, folder / "2025082016300?.export.CSV")
        n, ids = store.con.execute("SELECT count(*), count(DISTINCT source_id) FROM external_events").fetchone()
    assert result.rows == n == ids <= rows
    with Store.open(tmp_path / "t.duckdb") as store, pytest.raises(Exception, match="(?i)no such file"):
        event_files.load_gdelt(store, folder / "2025082016300[0-9].export.CSV")
