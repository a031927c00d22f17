"""The coder stays readable (issue 12, item 6): coder.py at most 250 lines, no function in coding/ over 60 lines,
at most 10 literal word sets left in coding/*.py (word lists live in coding/data/words.tsv)."""
import ast
from pathlib import Path

import multipolar.coding

CODING = Path(multipolar.coding.__file__).parent
MODULES = sorted(CODING.glob("*.py"))


def test_coder_module_is_short():
    assert len((CODING / "coder.py").read_text().splitlines()) <= 250


def test_no_long_functions():
    long = []
    for p in MODULES:
        for n in ast.walk(ast.parse(p.read_text())):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                start = min([d.lineno for d in n.decorator_list] + [n.lineno])
                if n.end_lineno - start + 1 > 60:
                    long.append(f"{p.name}:{n.name}")
    assert not long


def test_word_lists_are_data():
    sets = [f"{p.name}:{n.lineno}" for p in MODULES for n in ast.walk(ast.parse(p.read_text()))
            if isinstance(n, ast.Set) and n.elts
            and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in n.elts)]
    assert len(sets) <= 10, sets
