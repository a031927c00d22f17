"""read_paths over folders: order, dispatch, a whole folder of bad inputs, the examples."""
import contextlib
import os
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

import pytest

from multipolar.ingest import read_one, read_paths
from multipolar.model import Article, Skipped

GOOD = "Date: 2024-06-19\n\nRussian President Vladimir Putin arrived in Pyongyang on Wednesday.\n"

EXPECTED_DATES = {
    "2022-07-22_istanbul_grain_deal.txt": [date(2022, 7, 22)],
    "2022-10-20_eu_sanctions_iranian_drones.txt": [date(2022, 10, 20)],
    "2023-01-25_abrams_leopards.html": [date(2023, 1, 25)],
    "2023-03-21_xi_moscow.html": [date(2023, 3, 21)],
    "2023-04-04_finland_joins_nato.txt": [date(2023, 4, 4)],
    "2023-05-21_g7_hiroshima.html": [date(2023, 5, 21)],
    "2023-07-12_nato_vilnius.html": [date(2023, 7, 12)],
    "2024-03-07_sweden_joins_nato.txt": [date(2024, 3, 7)],
    "2024-05-16_putin_beijing.html": [date(2024, 5, 16)],
    "2024-06-19_putin_pyongyang.txt": [date(2024, 6, 19)],
    "2024-06-20_putin_hanoi.txt": [date(2024, 6, 20)],
    "2024-07-09_modi_moscow.txt": [date(2024, 7, 9)],
    "2024-07-10_nato_washington.html": [date(2024, 7, 10)],
    "2024-10-23_brics_kazan.html": [date(2024, 10, 23)],
    "articles.jsonl": [date(2022, 3, 2), date(2022, 10, 12), date(2022, 11, 8), date(2024, 10, 18)],
    "feed.xml": [date(2024, 2, 23), date(2024, 6, 24), date(2024, 7, 4), date(2024, 7, 30)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED_DATES))
def test_each_example_yields_articles_with_the_right_dates(examples, name):
    recs = list(read_one(examples / name))
    assert all(isinstance(r, Article) for r in recs), recs
    assert [r.date for r in recs] == EXPECTED_DATES[name]
    for r in recs:
        assert r.title and 100 <= len(r.text.split()) <= 300
        if name.endswith(".html"):
            assert "All rights reserved" not in r.text and "Most read" not in r.text


def test_examples_folder_reads_completely(examples, batch):
    arts, skips = batch([examples])
    assert skips == []
    assert len(arts) == 22 and len({a.hash for a in arts}) == 22
    assert all(a.date is not None and a.title for a in arts)


def test_folder_of_bad_inputs_never_raises_and_good_items_survive(bad, tmp_path, batch):
    folder = tmp_path / "mixed"
    shutil.copytree(bad, folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "good.txt").write_text(GOOD)
    arts, skips = batch([folder])
    assert "good.txt" in {os.path.basename(a.source) for a in arts}
    assert "utf16_bom.txt" in {os.path.basename(a.source) for a in arts}
    skipped_files = {os.path.basename(s.source.split(":")[0].split("#")[0]) for s in skips}
    for name in ("empty.txt", "binary.bin", "invalid_utf8.txt", "no_body.html", "not_a_feed.xml",
                 "xxe_feed.xml", "billion_laughs.xml", "broken.jsonl", "too_short.txt", "whitespace_only.txt"):
        assert name in skipped_files, name
    for s in skips:
        assert s.reason[:1] == "E" and s.reason[1:4].isdigit()
        assert os.path.basename(s.source.split(":")[0].split("#")[0]) in s.reason


def test_walk_is_sorted_and_deterministic(tmp_path):
    for name in ("b.txt", "a.txt", "c/z.txt", "c/a.txt", ".hidden.txt", ".git/x.txt"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text(GOOD.replace("Wednesday", name))
    order = [os.path.relpath(r.source, tmp_path) for r in read_paths([tmp_path])]
    assert order == ["a.txt", "b.txt", "c/a.txt", "c/z.txt"]
    assert order == [os.path.relpath(r.source, tmp_path) for r in read_paths([tmp_path])]


def test_symlink_loop_does_not_trap_the_walk(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    recs = list(read_paths([tmp_path]))
    assert [type(r) for r in recs][0] is Article
    assert len(recs) <= 2      # the link itself may be reported as "not a regular file", never followed


@contextlib.contextmanager
def unprivileged():
    """As root, permissions don't stop reads: drop the effective uid to `nobody` for the block."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(65534)
    try:
        yield
    finally:
        os.seteuid(0)


def test_unreadable_file_is_skipped_and_the_rest_is_read(batch):
    folder = Path(tempfile.mkdtemp(prefix="multipolar-perm-"))   # not tmp_path: that is 0700 for root
    try:
        folder.chmod(0o755)
        (folder / "a.txt").write_text(GOOD)
        locked = folder / "b.txt"
        locked.write_text(GOOD)
        (folder / "c.txt").write_text(GOOD.replace("Pyongyang", "Hanoi"))
        for f in folder.iterdir():
            f.chmod(0o644)
        (folder / "d").mkdir()
        (folder / "d" / "e.txt").write_text(GOOD)
        locked.chmod(0)
        (folder / "d").chmod(0)
        with unprivileged():
            try:                   # os.access would test the real uid, which stays root
                locked.open("rb").close()
                readable = True
            except PermissionError:
                readable = False
            if not readable:
                arts, skips = batch([folder])
        if readable:
            pytest.skip("this process can read a chmod 000 file even unprivileged (capabilities?)")
        assert [os.path.basename(a.source) for a in arts] == ["a.txt", "c.txt"]
        assert len(skips) == 2 and skips[0].reason.startswith("E011") and "b.txt" in skips[0].reason
        assert "ermission" in skips[0].reason
        assert skips[1].reason.startswith("E011 cannot read folder") and str(folder / "d") in skips[1].reason
    finally:
        (folder / "d").chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_200_mb_text_file_is_skipped_without_reading(tmp_path, batch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(200 * 1024 * 1024)    # sparse: 200 MB on paper, nothing on disk
    (tmp_path / "small.txt").write_text(GOOD)
    t0 = time.monotonic()
    arts, skips = batch([tmp_path])
    assert time.monotonic() - t0 < 5
    assert [os.path.basename(a.source) for a in arts] == ["small.txt"]
    assert skips[0].reason.startswith("E015") and "big.txt" in skips[0].reason and "50 MB" in skips[0].reason


def test_unknown_format_name(tmp_path, one_skip):
    p = tmp_path / "a.txt"
    p.write_text(GOOD)
    s = one_skip([p], fmt="pdf")
    assert s.reason.startswith("E012") and "pdf" in s.reason


def test_read_paths_is_lazy(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(GOOD.replace("Wednesday", f"day {i}"))
    it = read_paths([tmp_path])
    first = next(it)
    (tmp_path / "2.txt").unlink()         # removed after the batch began: reported, not raised
    rest = list(it)
    assert isinstance(first, Article) and isinstance(rest[-1], Skipped) and "2.txt" in rest[-1].reason
