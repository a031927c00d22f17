"""The store package's shape (issue 15 part 8): no import cycle between its modules, counting imports inside
functions too (a cycle hidden in a function is still a cycle), and one function turns rows into records."""
from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "src" / "multipolar" / "store"


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in STORE.glob("*.py"):
        name = "multipolar.store" if path.stem == "__init__" else f"multipolar.store.{path.stem}"
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("multipolar.store"):
                if node.module == "multipolar.store":
                    deps |= {f"multipolar.store.{a.name}" for a in node.names}
                else:
                    deps.add(node.module)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names if a.name.startswith("multipolar.store.")}
        graph[name] = deps - {name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep in graph and not state.get(dep):
                found = visit(dep, path + [dep])
                if found:
                    return found
        state[node] = 2
        return None

    for node in sorted(graph):
        if not state.get(node):
            found = visit(node, [node])
            if found:
                return found
    return None


def test_no_import_cycle_in_store():
    graph = _graph()
    assert "multipolar.store.db" in graph and len(graph) > 8
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_cycles():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_records_are_made_in_one_place():
    """store/records.py makes every event record: stored rows (store.events) and coded events (Event.as_record)."""
    makers = [str(p.relative_to(STORE.parent)) for p in STORE.parent.rglob("*.py")
              if '"source_of_claim":' in (text := p.read_text(encoding="utf-8")) and '"span":' in text]
    assert makers == ["store/records.py"], makers


def test_no_sql_outside_the_store():
    """report/, analysis/, web/ and the CLI call store functions; none runs SQL itself (issue 15 part 8)."""
    import re

    src = STORE.parent
    pattern = re.compile(r"\.execute\(|\.sql\(|\.con\.|\bimport duckdb\b")
    offenders = [f"{p.relative_to(src)}:{n}" for p in src.rglob("*.py") if STORE not in p.parents
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert offenders == [], offenders
