"""Pieces every command module shares."""
from __future__ import annotations

import functools

import click

from multipolar.errors import MultipolarError


def guard(fn):
    """Turn multipolar's own errors into clean click errors (exit code 1, the message, no traceback)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except MultipolarError as exc:
            raise click.ClickException(str(exc)) from exc
    return run
