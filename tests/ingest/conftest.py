"""Fixtures for the ingest tests: the committed bad inputs, the examples, and a batch splitter."""
from __future__ import annotations

from pathlib import Path

import pytest

from multipolar.ingest import read_paths
from multipolar.model import Article, Skipped

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bad() -> Path:
    return REPO / "tests" / "data" / "bad"


@pytest.fixture(scope="session")
def examples() -> Path:
    return REPO / "examples"


def split(paths, **kw) -> tuple[list[Article], list[Skipped]]:
    """Run read_paths to the end; (articles, skipped). Anything else is a bug."""
    arts, skips = [], []
    for rec in read_paths(paths, **kw):
        if isinstance(rec, Article):
            arts.append(rec)
        elif isinstance(rec, Skipped):
            skips.append(rec)
        else:
            raise AssertionError(f"unexpected record {rec!r}")
    return arts, skips


def only_skip(paths, **kw) -> Skipped:
    arts, skips = split(paths, **kw)
    assert arts == [], arts
    assert len(skips) == 1, skips
    return skips[0]


@pytest.fixture
def batch():
    return split


@pytest.fixture
def one_skip():
    return only_skip
