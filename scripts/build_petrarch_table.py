"""Derive coding/data/petrarch_verbs.tsv from PETRARCH2's CAMEO verb dictionary (MIT, ../shared/reference/petrarch2).

Each verb synonym takes its own CAMEO code or its block's; each phrase pattern "- * OBJECT ... [code]" gives a
(verb, object word) pair for every synonym of its block, as PETRARCH applies them. CAMEO codes become PLOVER
types through the ontology's crosswalk (../shared/reference/CAMEO2PLOVER-2021.txt, already in ontology/data).

    .venv/bin/python scripts/build_petrarch_table.py ../shared/reference/petrarch2/CAMEO.2.0.txt
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from multipolar import ontology

OUT = Path(__file__).resolve().parents[1] / "src/multipolar/coding/data/petrarch_verbs.tsv"
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
SYNONYM = re.compile(r"^([A-Z][A-Z_]*)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?")
PATTERN = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]")


def _code(raw: str | None) -> str | None:
    raw = (raw or "").split(":")[0].strip()
    return raw if raw and raw[0].isdigit() else None


def _object(pattern: str) -> str | None:
    words = pattern.split()
    if "*" not in words:
        return None
    for w in words[words.index("*") + 1:]:
        w = w.strip("{}()")
        if w and w[0] in "&$+^%|":
            return None
        if w.isalpha():
            return w.lower()
    return None


def rows(path: Path):
    default, synonyms, patterns = None, [], []

    def flush():
        for verb, code in synonyms:
            code = code or default
            if code:
                yield verb, "", code
            for obj, pcode in patterns:
                yield verb, obj, pcode

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if m := HEADER.match(line):
            yield from flush()
            default, synonyms, patterns = _code(m.group(2)), [], []
        elif m := PATTERN.match(line):
            obj, code = _object(m.group(1)), _code(m.group(2))
            if obj and code:
                patterns.append((obj, code))
        elif (m := SYNONYM.match(line)) and not line.startswith(("&", "+")):
            synonyms.append((m.group(1).lower().replace("_", " ").strip(), _code(m.group(2))))
    yield from flush()


def main(src: str) -> None:
    seen, out = set(), []
    for verb, obj, code in rows(Path(src)):
        event, mode, _ = ontology.cameo_to_plover(code)
        if event is None or (verb, obj) in seen or not verb.replace(" ", "").isalpha():
            continue
        seen.add((verb, obj))
        out.append(f"{verb}\t{obj}\t{code}\t{event}\t{mode or ''}")
    OUT.write_text("# derived from PETRARCH2 CAMEO.2.0.txt (openeventdata/petrarch2 @676801c, MIT: see "
                   "PETRARCH2_LICENSE.txt) by scripts/build_petrarch_table.py\n"
                   "# verb\tobject\tcameo\tplover\tmode\n" + "\n".join(sorted(out)) + "\n", encoding="utf-8")
    print(f"{len(out)} rows -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/petrarch2/CAMEO.2.0.txt")
