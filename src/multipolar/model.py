"""The records that cross stage boundaries: small, frozen, defined once here.

sources -> ingest (Article | Skipped) -> nlp -> actors (ActorRef) -> coding (Event) -> store
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, asdict
from datetime import date, datetime

from multipolar.store.records import event_record, party

CODER_VERSION = "multipolar 0.1.0"

MODALITIES = ("asserted", "reported", "future", "hypothetical", "negated")
# The longest article text multipolar codes: a longer one read from a file, standard input or a web page is recorded
# in `skipped` instead (multipolar.ingest.capped); the API's request bodies have the same default cap (web.app).
MAX_TEXT_CHARS = 2_000_000


def clean_str(value: str | None) -> str | None:
    """`value` as valid Unicode that encodes to UTF-8: lone surrogates (a JSON "\\ud83d" cut in half, a
    file name with a non-UTF-8 byte decoded with surrogateescape) become U+FFFD; surrogate pairs left
    uncombined become the character they encode. The one place strings are made safe for the store.
    """
    if value is None:
        return None
    try:
        value.encode("utf-8")
        return value                      # the fast path: almost every string is already valid
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def content_hash(text: str) -> str:
    """Identity of an article: the SHA-256 of its normalised text (first 16 hex digits)."""
    normal = " ".join(text.split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, feed item or JSONL line."""

    id: str                       # the source's own id, or the content hash
    text: str
    date: date | None = None      # publication date, when known
    url: str | None = None
    title: str | None = None
    source: str = ""              # file path (and line or item) it came from
    hash: str = ""                # content hash; set by make_article

    def __post_init__(self):
        # Every string entering the model is valid UTF-8, however the Article was built.
        for name in ("id", "text", "url", "title", "source", "hash"):
            value = getattr(self, name)
            if isinstance(value, str):
                clean = clean_str(value)
                if clean is not value:
                    object.__setattr__(self, name, clean)
        # A date is a datetime.date; an ISO string from the Python API is read, anything else fails here, not
        # deep inside the coder's leader lookups.
        if isinstance(self.date, str):
            try:
                object.__setattr__(self, "date", date.fromisoformat(self.date.strip()[:10]))
            except ValueError:
                raise ValueError(f"article {self.id!r}: date {self.date!r} is not YYYY-MM-DD; pass a "
                                 f"datetime.date or an ISO date") from None
        elif isinstance(self.date, datetime):
            object.__setattr__(self, "date", self.date.date())
        elif self.date is not None and not isinstance(self.date, date):
            raise TypeError(f"article {self.id!r}: date must be a datetime.date or None, not "
                            f"{type(self.date).__name__}")

    @staticmethod
    def make(text: str, *, id: str | None = None, date: date | None = None,
             url: str | None = None, title: str | None = None, source: str = "") -> "Article":
        text = clean_str(text)
        h = content_hash(text)
        return Article(id=id or h, text=text, date=date, url=url, title=title, source=source, hash=h)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with a reason that names it and the fix."""

    source: str                   # path, path:line, or path#item
    reason: str

    def __post_init__(self):
        object.__setattr__(self, "source", clean_str(str(self.source)))
        object.__setattr__(self, "reason", clean_str(str(self.reason)))


@dataclass(frozen=True)
class ActorRef:
    """A resolved participant of an event."""

    code: str                     # ISO3 for states; IGO/bloc code (EU, NATO, UN, WST ...) otherwise
    text: str = ""                # the words in the sentence
    name: str = ""                # canonical name (e.g. "Vladimir Putin", "Russia")
    sector: str = "GOV"           # GOV, MIL, BUS, ... ; "" when unknown
    kind: str = "state"           # state, leader, igo, bloc, group

    def as_dict(self) -> dict:
        d = {"code": self.code, "sector": self.sector, "text": self.text}
        if self.name:
            d["name"] = self.name
        return d


@dataclass(frozen=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Event:
    """One coded PLOVER event, traceable to its sentence and characters."""

    id: str
    doc_id: str
    event: str                    # PLOVER type, e.g. CONSULT
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...] = ()
    mode: str | None = None
    context: tuple[str, ...] = ()
    modality: str = "asserted"
    date: date | None = None
    date_precision: str | None = None   # day, month, year
    location: Location | None = None
    cameo: str | None = None
    intensity: float | None = None      # PLOVER score, -10 .. +10
    sentence: str = ""
    span: tuple[int, int] = (0, 0)      # character span of the sentence in the article text
    trigger: str = ""                   # the words that triggered the event
    confidence: float = 0.5
    source_of_claim: tuple[ActorRef, ...] = ()  # "Beijing said ...": who reported it
    coder: str = CODER_VERSION
    features: tuple[tuple[str, float], ...] = ()  # the evidence behind `confidence` (not stored)
    sources: tuple[tuple[int, int], ...] = ()     # further sentences of the same article telling this event

    def as_record(self) -> dict:
        """The PLOVER-JSON record of design.md (what `code` and `events --format jsonl` emit), made by the one
        record maker (store.records.event_record), with the coder's trace: `sources` (further tellings in the
        same article) and `why` (the evidence behind `confidence`)."""
        loc = self.location
        row = {"id": self.id, "doc_id": self.doc_id, "date": self.date, "date_precision": self.date_precision,
               "event": self.event, "mode": self.mode, "context": list(self.context),
               "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
               "lat": loc.lat if loc else None, "lon": loc.lon if loc else None, "modality": self.modality,
               "cameo": self.cameo, "intensity": self.intensity, "sentence": self.sentence,
               "span_start": self.span[0], "span_end": self.span[1], "trigger": self.trigger,
               "confidence": self.confidence, "coder": self.coder}
        parties = {role: [party(a.code, a.sector, a.text, a.name) for a in refs]
                   for role, refs in (("actor", self.actor), ("recipient", self.recipient),
                                      ("claim_source", self.source_of_claim))}
        return {**event_record(row, parties),
                **({"sources": [list(s) for s in self.sources]} if self.sources else {}),
                **({"why": {k: round(v, 3) for k, v in self.features}} if self.features else {})}


@dataclass
class IngestStats:
    articles: int = 0
    duplicates: int = 0
    sentences: int = 0
    events: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)     # sources of new articles with no publication date
    off_topic: int = 0                                    # new articles the story gate did not code
