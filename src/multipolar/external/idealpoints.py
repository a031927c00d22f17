"""Bailey-Strezhnev-Voeten UNGA ideal points (Harvard Dataverse doi:10.7910/DVN/LEJUQZ), one row per state-year.

Published columns used: ccode, iso3c, countryname, year, idealpointfp, idealpointall, idealpointlegacy,
nvotesfp, nvotesall. Rows without iso3c (historical states) get ISO3 from the COW code.
"""
from __future__ import annotations

from pathlib import Path

from multipolar.external._common import Table, dict_rows, skip, to_float, to_int
from multipolar.external.countries import cow_to_iso3

COLUMNS = ("ccode", "iso3", "country", "year", "idealpoint_fp", "idealpoint_all", "idealpoint_legacy",
           "nvotes_fp", "nvotes_all")
REQUIRED = ("ccode", "iso3c", "countryname", "year", "idealpointfp")


def read(path: str | Path) -> Table:
    def rows():
        for line, r in dict_rows(path, REQUIRED):
            if "__error__" in r:
                yield skip(path, line, r["__error__"])
                continue
            try:
                ccode, year = int(r["ccode"]), int(r["year"])
                values = [to_float(r.get(k)) for k in ("idealpointfp", "idealpointall", "idealpointlegacy")]
                counts = [to_int(r.get(k)) for k in ("nvotesfp", "nvotesall")]
            except ValueError as exc:
                yield skip(path, line, f"not a number: {exc}")
                continue
            iso3 = r["iso3c"].strip().upper()
            if not iso3 or iso3 == "NA":
                iso3 = cow_to_iso3(ccode)
            if not iso3:
                yield skip(path, line, f"COW code {ccode} ({r['countryname']}) has no ISO3 and iso3c is empty")
                continue
            yield (ccode, iso3, r["countryname"], year, *values, *counts)
    return Table("idealpoints", COLUMNS, rows(), str(path))
