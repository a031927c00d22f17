"""README.md's command list names real commands and options: every `multipolar ...` line of its "Command line"
block is checked against the click commands (a renamed or removed option fails here), and every command is listed."""
from __future__ import annotations

import re
from pathlib import Path

import click

from multipolar.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def command_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```", 2)[1]
    lines: list[str] = []
    for raw in block.splitlines():
        code = raw.split("#", 1)[0].rstrip()
        if code.startswith("multipolar "):
            lines.append(code)
        elif code.strip() and lines:                  # a continuation line of the same command
            lines[-1] += " " + code.strip()
    return lines


def commands_of(line: str) -> list[tuple[tuple[str, ...], click.Command]]:
    """The commands a line shows: `data fetch|load NAME`, `corpus eval`, `dyads A [B] | blocs [...]`."""
    found = []
    for part in re.split(r"\s\|\s", line.removeprefix("multipolar ")):
        words = part.split()
        if not words or words[0] not in main.commands:
            continue
        cmd = main.commands[words[0]]
        if isinstance(cmd, click.Group):
            assert len(words) > 1, f"{line!r}: which {words[0]} command?"
            for sub in words[1].split("|"):
                assert sub in cmd.commands, f"{line!r}: no command {words[0]} {sub}"
                found.append(((words[0], sub), cmd.commands[sub]))
        else:
            found.append(((words[0],), cmd))
    return found


def test_every_readme_command_exists_with_its_options():
    lines = command_lines()
    assert len(lines) >= 20
    shown: set[tuple[str, ...]] = set()
    for line in lines:
        cmds = commands_of(line)
        assert cmds, f"README names a command the CLI does not have: {line!r}"
        opts = {o for _, c in cmds for p in c.params for o in getattr(p, "opts", [])}
        for opt in re.findall(r"(?<![\w-])(--[a-z][a-z-]*|-o)\b", line):
            assert opt in opts, f"{line!r}: {opt} is not an option of {[' '.join(n) for n, _ in cmds]}"
        shown |= {n for n, _ in cmds}
    expected = {(name, sub) if isinstance(c, click.Group) else (name,)
                for name, c in main.commands.items()
                for sub in (c.commands if isinstance(c, click.Group) else [name])}
    assert expected - shown == set(), f"commands missing from README's list: {sorted(expected - shown)}"


def test_readme_keeps_the_two_setup_commands_first():
    text = README.read_text(encoding="utf-8")
    first = text.split("```", 2)[1].strip().splitlines()
    assert [line.split()[:2] for line in first] == [["make", "run"], ["make", "test"]]
