"""Documented errors instead of tracebacks (issue 15 F6): a truncated store, a COMMIT that fails on a full
disk, negative limits, absurd windows, an unwritable output file and a CLI module that cannot be imported.
Each names the input and the fix, with a stable code; none prints a traceback or SQL.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from multipolar.pipeline import ingest
from multipolar.store.db import Store

from ._support import article_text

REPO = Path(__file__).resolve().parents[2]
LEAKS = ("Traceback", "BinderException", "SELECT ", "IOException", "OverflowError", "no transaction is active")


def _cli(*args, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "multipolar.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "COLUMNS": "250"}, **kw)


def _clean(r: subprocess.CompletedProcess, code: str) -> str:
    out = r.stdout + r.stderr
    assert r.returncode == 2, (r.returncode, out[-2000:])
    assert code in out, out[-2000:]
    for leak in LEAKS:
        assert leak not in out, f"{leak!r} in {out[-2000:]}"
    return " ".join(out.split())


@pytest.fixture(scope="module")
def small_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docerr")
    rng = random.Random(5)
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "text": article_text(rng, 4), "date": "2024-03-0" + str(1 + i % 9)})
                           + "\n" for i in range(40)), encoding="utf-8")
    db = folder / "s.duckdb"
    with Store.open(db) as store:
        ingest([src], store)
        store.con.execute("CHECKPOINT")
    return db


@pytest.mark.parametrize("keep", [0.5, 0.02])
def test_truncated_store_is_e030_with_the_fix(small_store, tmp_path, keep):
    db = tmp_path / "cut.duckdb"
    shutil.copy(small_store, db)
    os.truncate(db, int(db.stat().st_size * keep))
    for args in (["events", "--db", db], ["ingest", REPO / "examples" / "articles.jsonl", "--db", db]):
        text = _clean(_cli(*args), "E030")
        assert "truncated" in text and "backup" in text and str(db) in text


def test_failed_commit_reports_the_real_cause(tmp_path):
    """A file-size limit (as a full disk): the COMMIT fails with 'File too large', and that is what the
    user reads, not the ROLLBACK's 'no transaction is active'. A rerun without the limit completes the store."""
    rng = random.Random(9)
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": f"x{i}", "text": article_text(rng, 4) + " " + "filler words " * 200})
                           + "\n" for i in range(600)), encoding="utf-8")
    db = tmp_path / "fs.duckdb"
    script = textwrap.dedent(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        from multipolar.store.db import Store
        from multipolar.pipeline import ingest
        store = Store.open({str(db)!r})
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))
        ingest([{str(src)!r}], store)
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert r.returncode != 0
    assert "E030" in r.stderr and "File too large" in r.stderr, r.stderr[-1500:]
    assert "no transaction is active" not in r.stderr
    with Store.open(db) as store:
        before = store.counts()["articles"]
        stats = ingest([src], store)
        assert before < 600 and store.counts()["articles"] == 600 and stats.articles == 600 - before


@pytest.mark.parametrize("args", [["--limit", "-1"], ["--limit", "-5", "--actor", "RUS"]])
def test_negative_limit_is_a_clear_error(small_store, args):
    text = _clean(_cli("events", "--db", small_store, *args), "E050")
    assert "--limit" in text and "whole number" in text


def test_absurd_claim_window_is_a_clear_error(small_store):
    text = _clean(_cli("claim", "Putin met with over 20 world leaders", "--as-of", "2024-11-07", "--window", "9999y",
                       "--db", small_store), "E050")
    assert "window" in text and "1y" in text


def test_unwritable_report_output_is_a_clear_error(small_store, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "r.html"
    text = _clean(_cli("report", "--db", small_store, "-o", target), "E080")
    assert str(target) in text


def test_a_cli_module_that_cannot_import_fails_loudly():
    """cli.py used to swallow ImportError, so a broken analysis or web module silently dropped its commands."""
    for module in ("multipolar.cli_analysis", "multipolar.cli_web"):
        code = f"import sys; sys.modules[{module!r}] = None; import multipolar.cli"
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
        assert r.returncode != 0 and "Error" in r.stderr and module in r.stderr, (module, r.stderr[-500:])
