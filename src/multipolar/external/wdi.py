"""World Bank WDI population (SP.POP.TOTL) and GDP in current US$ (NY.GDP.MKTP.CD).

Three layouts, all read into long rows (iso3, year, indicator, value, country, aggregate):
- the bulk download CSV (4 metadata lines, then Country Name, Country Code, Indicator Name, Indicator Code,
  1960, 1961, ...), one indicator per row;
- a tidy CSV iso3, country, year, population, gdp_usd;
- the v2 API JSON ([page metadata, [records]]) from api.worldbank.org.
Regional and income aggregates (WLD, EUU, HIC ...) are kept and flagged aggregate=True.
"""
from __future__ import annotations

import json
from pathlib import Path

from multipolar.errors import InputError
from multipolar.external._common import Table, dict_rows, open_text, skip, to_float

COLUMNS = ("iso3", "year", "indicator", "value", "country", "aggregate")
INDICATORS = {"SP.POP.TOTL": "population", "NY.GDP.MKTP.CD": "gdp_usd"}
AGGREGATES = frozenset("""AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX
LAC LCN LDC LIC LMC LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC
WLD""".split())
API_URL = "https://api.worldbank.org/v2/country/all/indicator/{indicator}?format=json&per_page=20000"


def read(path: str | Path) -> Table:
    with open_text(path) as f:
        head = f.read(2048)
    stripped = head.lstrip()
    if stripped.startswith("["):
        return read_api_json(path)
    if stripped.startswith('"Data Source"') or stripped.startswith("Data Source"):
        return read_bulk(path)
    first = stripped.splitlines()[0] if stripped else ""
    if "iso3" in first and "year" in first:
        return read_tidy(path)
    raise InputError(f"cannot read {path}: not a WDI bulk CSV, tidy CSV (iso3,year,...) or API JSON file")


def _indicator(path, line, code: str):
    name = INDICATORS.get(code.strip())
    return name or skip(path, line, f"indicator {code!r} is not one multipolar uses ({', '.join(INDICATORS)})")


def read_bulk(path: str | Path) -> Table:
    def rows():
        for line, r in dict_rows(path, ("Country Name", "Country Code", "Indicator Code"), skip_lines=4):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            ind = _indicator(path, line, r["Indicator Code"])
            if not isinstance(ind, str):
                yield ind
                continue
            iso3 = r["Country Code"].strip().upper()
            for col, value in r.items():
                if col and col.isdigit():
                    try:
                        v = to_float(value)
                    except ValueError:
                        yield skip(path, line, f"{col}: {value!r} is not a number")
                        continue
                    if v is not None:
                        yield (iso3, int(col), ind, v, r["Country Name"], iso3 in AGGREGATES)
    return Table("wdi", COLUMNS, rows(), str(path))


def read_tidy(path: str | Path) -> Table:
    def rows():
        for line, r in dict_rows(path, ("iso3", "year")):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            iso3 = r["iso3"].strip().upper()
            try:
                year = int(r["year"])
                values = {k: to_float(r.get(k)) for k in ("population", "gdp_usd")}
            except ValueError as exc:
                yield skip(path, line, f"not a number: {exc}")
                continue
            for ind, v in values.items():
                if v is not None:
                    yield (iso3, year, ind, v, r.get("country"), iso3 in AGGREGATES)
    return Table("wdi", COLUMNS, rows(), str(path))


def read_api_json(path: str | Path) -> Table:
    with open_text(path) as f:
        try:
            doc = json.load(f)
        except json.JSONDecodeError as exc:
            raise InputError(f"cannot read {path}: not JSON ({exc})") from None
    if not (isinstance(doc, list) and len(doc) == 2 and isinstance(doc[1], list)):
        msg = doc[0].get("message") if isinstance(doc, list) and doc and isinstance(doc[0], dict) else None
        raise InputError(f"cannot read {path}: not a World Bank API answer [metadata, records] {msg or ''}")

    def rows():
        for i, rec in enumerate(doc[1], start=1):
            try:
                code = rec["indicator"]["id"]
                iso3 = (rec.get("countryiso3code") or rec["country"]["id"]).upper()
                year, value = int(rec["date"]), rec.get("value")
            except (KeyError, TypeError, ValueError) as exc:
                yield skip(path, i, f"record {i} lacks {exc}")
                continue
            ind = _indicator(path, i, code)
            if not isinstance(ind, str):
                yield ind
            elif value is not None and iso3:
                yield (iso3, year, ind, float(value), rec["country"].get("value"), iso3 in AGGREGATES)
    return Table("wdi", COLUMNS, rows(), str(path))
