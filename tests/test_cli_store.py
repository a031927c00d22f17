"""CLI behaviour around the store (cli_store.py and the commands using it): names as --actor, undated events,
read commands on a missing --db. A real DuckDB file coded by the real pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from multipolar.cli import main


@pytest.fixture(scope="module")
def store_path(tmp_path_factory) -> Path:
    from multipolar.pipeline import ingest
    from multipolar.store.db import Store

    folder = tmp_path_factory.mktemp("cli_store")
    (folder / "dated.txt").write_text("Date: 2024-06-19\n\nRussian President Vladimir Putin met North Korean leader "
                                      "Kim Jong Un in Pyongyang on Wednesday.\n")
    (folder / "undated.txt").write_text("China and Brazil signed a trade agreement, officials said.\n")
    db = folder / "s.duckdb"
    with Store.open(db) as store:
        stats = ingest([folder / "dated.txt", folder / "undated.txt"], store)
    assert stats.undated == [str(folder / "undated.txt")]
    return db


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_actor_names_resolve_to_codes(store_path):
    by_code = _run("events", "--actor", "RUS", "--db", store_path, "--format", "json")
    assert by_code.exit_code == 0 and '"RUS"' in by_code.stdout
    for name in ("russia", "Russia", "the Kremlin", "Putin"):
        r = _run("events", "--actor", name, "--db", store_path, "--format", "json")
        assert r.exit_code == 0 and r.stdout == by_code.stdout, name
    bad = _run("events", "--actor", "Narnia", "--db", store_path)
    assert bad.exit_code != 0 and "E050 unknown actor 'Narnia'" in bad.output


def test_events_filter_undated(store_path):
    undated = _run("events", "--undated", "--db", store_path, "--format", "json")
    dated = _run("events", "--dated", "--db", store_path, "--format", "json")
    assert undated.exit_code == 0 and dated.exit_code == 0
    assert "Brazil" in undated.stdout and "Pyongyang" not in undated.stdout
    assert "Pyongyang" in dated.stdout and "Brazil" not in dated.stdout


@pytest.mark.parametrize("args", [("stance", "RUS", "--date", "2022-03-31"), ("isolation", "RUS"), ("dyads", "RUS"),
                                  ("blocs",), ("idealpoints",), ("events",), ("votes", "ES-11/1"), ("data", "list")])
def test_read_commands_on_a_missing_store_fail_and_create_nothing(tmp_path, args):
    db = tmp_path / "absent.duckdb"
    r = _run(*args, "--db", db)
    said = r.output + str(r.exception or "")          # `events` raises for the entry point (cli.run) to print
    assert r.exit_code != 0 and "E030" in said and "does not exist" in said, said
    assert not db.exists()
