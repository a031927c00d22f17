"""JSONL: bad lines are skipped by path:line, good lines still read, memory stays bounded."""
import json
import time
import tracemalloc
from datetime import date

from multipolar.ingest import read_one
from multipolar.ingest.jsonl import read_jsonl


def test_broken_lines_are_named_and_the_rest_is_read(bad, batch):
    path = bad / "broken.jsonl"
    arts, skips = batch([path])
    assert [a.id for a in arts] == ["eu-14", "sweden-nato"]
    assert [a.source for a in arts] == [f"{path}:1", f"{path}:9"]
    assert arts[0].date == date(2024, 6, 24) and arts[0].title == "EU adopts 14th package"
    by_line = {s.source.rsplit(":", 1)[1]: s.reason for s in skips}
    assert sorted(by_line, key=int) == ["2", "3", "4", "6", "7", "8"]       # blank line 5 is not an error
    for line, reason in by_line.items():
        assert f"broken.jsonl:{line}" in reason
    assert by_line["2"].startswith("E017") and "not valid JSON" in by_line["2"]
    assert "'text' is missing" in by_line["3"] and '"text"' in by_line["3"]    # shows the fix
    assert "'text' is a number" in by_line["4"]
    assert "not an object" in by_line["6"]
    assert "'date' is a number" in by_line["7"] and "2024-06-19" in by_line["7"]
    assert by_line["8"].startswith("E016")


def test_impossible_date_keeps_the_article(bad):
    (art,) = read_one(bad / "bad_date.jsonl")
    assert art.id == "bad-date" and art.date is None


def test_integer_id_and_missing_id(tmp_path):
    p = tmp_path / "a.jsonl"
    text = "Finland became the 31st member of NATO on Tuesday."
    p.write_text(json.dumps({"id": 7, "text": text}) + "\n" + json.dumps({"text": text + " Again."}))
    first, second = read_one(p)
    assert first.id == "7"
    assert second.id == second.hash           # no id: the content hash


def test_invalid_utf8_line(tmp_path, batch):
    p = tmp_path / "a.jsonl"
    good = json.dumps({"id": "g", "text": "Sweden became the 32nd member of NATO."}).encode()
    p.write_bytes(b'{"id": "x", "text": "caf\xe9 au lait is served in Brussels"}\n' + good + b"\n")
    arts, skips = batch([p])
    assert [a.id for a in arts] == ["g"]
    assert skips[0].source == f"{p}:1" and skips[0].reason.startswith("E014")


def test_long_line_skipped_by_line_with_small_limit(tmp_path):
    p = tmp_path / "a.jsonl"
    good = json.dumps({"id": "g", "text": "Sweden became the 32nd member of NATO."})
    p.write_text(json.dumps({"id": "big", "text": "x" * 5000}) + "\n" + good + "\n")
    long, ok = read_jsonl(p, max_line_bytes=1000)
    assert long.source == f"{p}:1" and long.reason.startswith("E015") and "limit for one line" in long.reason
    assert ok.id == "g" and ok.source == f"{p}:2"


def test_200_mb_single_line_is_skipped_in_bounded_memory(tmp_path, batch):
    """Generated here, never committed: a 200 MB line, then a good line."""
    p = tmp_path / "huge.jsonl"
    chunk = b"x" * (1024 * 1024)
    with open(p, "wb") as f:
        f.write(b'{"id": "huge", "text": "')
        for _ in range(200):
            f.write(chunk)
        f.write(b'"}\n')
        f.write(json.dumps({"id": "after", "text": "Sweden became the 32nd member of NATO."}).encode() + b"\n")
    tracemalloc.start()
    t0 = time.monotonic()
    try:
        arts, skips = batch([p])
        elapsed = time.monotonic() - t0
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [s.source for s in skips] == [f"{p}:1"] and "huge.jsonl:1" in skips[0].reason
    assert [a.id for a in arts] == ["after"]
    assert peak < 20 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB: the line was held in memory"
    assert elapsed < 20


def test_utf16_jsonl_is_refused_with_fix(tmp_path, one_skip):
    p = tmp_path / "a.jsonl"
    p.write_bytes(json.dumps({"text": "Sweden became the 32nd member of NATO."}).encode("utf-16"))
    s = one_skip([p])
    assert s.reason.startswith("E014") and "UTF-16" in s.reason and "iconv" in s.reason


def test_jsonl_recognised_by_content(tmp_path):
    p = tmp_path / "export.dat"
    p.write_text(json.dumps({"id": "d", "text": "Sweden became the 32nd member of NATO."}) + "\n")
    (art,) = read_one(p)
    assert art.id == "d"
