"""Cross-checks against the read-only reference files in ../shared (skipped when ../shared is absent)."""
from __future__ import annotations

import csv
import re

import pytest

from multipolar.ontology import cameo_to_plover, goldstein

# Where multipolar deliberately differs from CAMEO2PLOVER-2021 on the *type*, with the reason.
DELIBERATE = {
    "163": ("SANCTION", "manual: sanctions are SANCTION (table says COERCE); see ../shared/README.md"),
    "116": ("SANCTION", "draft 0.8 SANCTION mode `convict`: find guilty or liable in a court of law"),
}
LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def _cameo2plover(shared):
    path = shared / "reference" / "CAMEO2PLOVER-2021.txt"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    table: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if m:
            table.setdefault(m.group(1), set()).add(m.group(2))
    assert len(table) > 250, "CAMEO2PLOVER-2021.txt parsed to too few codes"
    return table


def test_every_cameo2plover_code_maps_to_the_same_type(shared):
    table = _cameo2plover(shared)
    mismatches = []
    for code, types in sorted(table.items()):
        ours = cameo_to_plover(code)[0]
        if code in DELIBERATE:
            assert ours == DELIBERATE[code][0], code
            continue
        if ours not in types:          # root 08 lists both CONCEDE and RETREAT
            mismatches.append(f"{code}: reference {sorted(types)}, ours {ours}")
    assert not mismatches, "\n".join(mismatches)


def test_goldstein_matches_published_values(shared):
    path = shared / "reference" / "cameo_codes.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 300
    wrong = [f"{r['code']}: published {r['goldstein']}, ours {goldstein(r['code'])}"
             for r in rows if goldstein(r["code"]) != float(r["goldstein"])]
    assert not wrong, "\n".join(wrong)


def test_every_listed_cameo_code_is_known(shared):
    path = shared / "reference" / "cameo_codes.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            code = row["code"]
            event = cameo_to_plover(code)[0]
            assert (event is None) == (code[:2] in ("01", "02")), code
