"""The one filter vocabulary of event listings, shared by `multipolar events` and the API's `/api/v1/events`
(whose other endpoints take its who/what/when part).

The field names are the API's query names and the CLI's option names (`min_confidence` is `--min-confidence`;
`dated` is `--dated`/`--undated` on the CLI and `dated=true|false` in the API). `Filters.make` checks and
normalises them the same way for both: codes upper case and as stored (SCO -> IGOSCO), dates YYYY-MM-DD between
1900 and 2100 (store.db.as_date), `since` not after `until`, a known modality, a confidence in 0..1.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date

from multipolar.codes import stored_code
from multipolar.errors import QueryError
from multipolar.model import MODALITIES
from multipolar.store.db import as_date

MAX_OFFSET = 1_000_000_000


@dataclass(frozen=True)
class Filters:
    """Which events to list (None = no filter). distinct: one record per deduplicated event, with its source
    counts; dated: True only events with a date, False only those without one."""

    actor: str | None = None
    recipient: str | None = None
    party: str | None = None
    type: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None
    dated: bool | None = None
    distinct: bool = False

    @classmethod
    def make(cls, **kw) -> "Filters":
        """Filters from CLI options or API parameters (strings or parsed values), checked and normalised."""
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(kw) - names)
        if unknown:
            raise TypeError(f"unknown filter {unknown[0]!r}; filters are {', '.join(sorted(names))}")
        codes = {k: _code(kw.get(k)) for k in ("actor", "recipient", "party")}
        since, until = as_date(kw.get("since"), "since"), as_date(kw.get("until"), "until")
        if since and until and since > until:
            raise QueryError(f"since={since} is after until={until}: swap them")
        modality = kw.get("modality") or None
        if modality is not None and modality not in MODALITIES:
            raise QueryError(f"modality={modality!r} is not one of {', '.join(MODALITIES)}")
        conf = kw.get("min_confidence")
        if conf is not None and not (isinstance(conf, (int, float)) and 0 <= conf <= 1):
            raise QueryError(f"min_confidence={conf!r} is not a confidence: give a number from 0 to 1")
        kind = kw.get("type")
        return cls(**codes, type=kind.strip().upper() if isinstance(kind, str) and kind.strip() else None,
                   modality=modality, since=since, until=until, min_confidence=conf, dated=kw.get("dated"),
                   distinct=bool(kw.get("distinct")))

    def as_dict(self) -> dict:
        """The filters in force, as the API echoes them (dates as YYYY-MM-DD)."""
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(self).items()
                if v is not None and not (k == "distinct" and not v)}


def _code(value: str | None) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return stored_code(value.strip().upper())


def check_page(limit: int | None, offset: int | None) -> None:
    """A page that SQL can take: limit and offset whole numbers, not negative (a DuckDB BinderException
    with the query in it otherwise)."""
    for name, value in (("limit", limit), ("offset", offset)):
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_OFFSET:
            raise QueryError(f"--{name} {value!r} is not a number of rows: give a whole number from 0 to "
                             f"{MAX_OFFSET:,}")
