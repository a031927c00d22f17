"""Events, their articles, and writing articles through the real coder (when the server allows writes)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import httpx
from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from multipolar.store.db import MIN_YEAR, Store
from multipolar.store.events import event_by_id, list_events
from multipolar.store.filters import Filters
from multipolar.store.web_queries import append_events, article, event_ids_of_articles
from multipolar.web import errors
from multipolar.web.app import Backend, get_store, require_writer
from multipolar.web.errors import ApiError
from multipolar.web.params import Page, event_filters, page, respond

router = APIRouter()
FETCH_TIMEOUT = 10.0
FETCH_MAX_BYTES = 5_000_000
# Coding costs about 40 us a character (linear since issue 15): these caps bound one request's CPU time.
MAX_ARTICLE_CHARS = 100_000
MAX_REQUEST_CHARS = 500_000


@router.get("/events", tags=["events"], summary="Coded events, newest first, with their source sentence")
def get_events(f: Filters = Depends(event_filters), pg: Page = Depends(page), store: Store = Depends(get_store)):
    return respond(list_events(store, f, limit=pg.limit, offset=pg.offset), pg, f, name="events")


@router.get("/events/{event_id}", tags=["events"], summary="One event with its article's title and link")
def get_event(event_id: str = Path(max_length=100), store: Store = Depends(get_store)):
    record = event_by_id(store, event_id)
    if record is None:
        raise ApiError(404, errors.NOT_FOUND, f"no event {event_id!r}: list events with /api/v1/events")
    return record


@router.get("/articles/{article_hash}", tags=["events"], summary="A stored article: title, link, date and text")
def get_article(article_hash: str = Path(pattern=r"^[0-9a-f]{16}$"), store: Store = Depends(get_store)):
    art = article(store, article_hash)
    if art is None:
        raise ApiError(404, errors.NOT_FOUND, f"no article {article_hash!r}: article links come from "
                                              "an event's article.hash")
    return art


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, description=f"the article text, at most {MAX_ARTICLE_CHARS:,} characters")
    id: str | None = Field(None, max_length=200)
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    date: dt.date | None = None


class IngestIn(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list, max_length=100)
    fetch: list[str] = Field(default_factory=list, max_length=10,
                             description="URLs for the server to fetch; only hosts on its --allow-fetch list")


def _check_sizes(articles: list[ArticleIn]) -> None:
    """413 for an article text over MAX_ARTICLE_CHARS, or a request over MAX_REQUEST_CHARS of text; 422 for a
    date before MIN_YEAR."""
    for n, a in enumerate(articles):
        if len(a.text) > MAX_ARTICLE_CHARS:
            raise ApiError(413, errors.TOO_LARGE, f"article {n} has {len(a.text):,} characters, over the "
                           f"{MAX_ARTICLE_CHARS:,} accepted per article: split it into parts, or ingest the file "
                           "with `multipolar ingest`", details=[{"field": f"articles.{n}.text", "problem": "too long"}])
        if a.date is not None and a.date.year < MIN_YEAR:
            raise ApiError(422, errors.BAD_REQUEST, f"article {n} has date {a.date}, before {MIN_YEAR}: file ingest "
                           "reads such dates as unknown; send the publication date, or none",
                           details=[{"field": f"articles.{n}.date", "problem": f"before {MIN_YEAR}"}])
    total = sum(len(a.text) for a in articles)
    if total > MAX_REQUEST_CHARS:
        raise ApiError(413, errors.TOO_LARGE, f"{total:,} characters of article text in one request, over the "
                       f"{MAX_REQUEST_CHARS:,} accepted: send them in several requests")


def _fetch(url: str, backend: Backend):
    """Fetch one page for a client, only from an allow-listed host, never following redirects."""
    from multipolar.ingest.html import parse_html

    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not backend.allow_fetch:
        raise ApiError(403, errors.FETCH_OFF, "this server fetches no URLs: the operator can allow hosts with "
                                              "--allow-fetch HOST; or send the article text itself")
    if parts.scheme not in ("http", "https") or host not in backend.allow_fetch:
        raise ApiError(403, errors.FETCH_OFF, f"will not fetch {url!r}: only http(s) URLs on the allow-list "
                                              f"({', '.join(backend.allow_fetch)})")
    try:
        with httpx.Client(timeout=FETCH_TIMEOUT, follow_redirects=False) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code != 200:
                    raise ApiError(400, errors.BAD_REQUEST, f"fetching {url} gave HTTP {resp.status_code}")
                body = b""
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > FETCH_MAX_BYTES:
                        raise ApiError(400, errors.BAD_REQUEST, f"{url} is over {FETCH_MAX_BYTES:,} bytes")
    except httpx.HTTPError as exc:
        raise ApiError(400, errors.BAD_REQUEST, f"cannot fetch {url}: {type(exc).__name__}") from None
    return parse_html(body.decode(resp.encoding or "utf-8", errors="replace"), url)


@router.post("/articles", tags=["events"], status_code=201,
             summary="Code articles with the real coder and store their events (needs the write token)")
def post_articles(body: IngestIn, request: Request, backend: Backend = Depends(require_writer)):
    from multipolar.model import Article, Skipped
    from multipolar.pipeline import code_articles

    if not body.articles and not body.fetch:
        raise ApiError(400, errors.BAD_REQUEST, "nothing to ingest: send {\"articles\": [{\"text\": ...}]}")
    _check_sizes(body.articles)
    items: list[Article] = []
    skipped: list[dict] = []
    for n, a in enumerate(body.articles):
        items.append(Article.make(a.text, id=a.id, date=a.date, url=a.url, title=a.title, source=f"api:{n}"))
    for url in body.fetch:
        got = _fetch(url, backend)
        if isinstance(got, Skipped):
            skipped.append({"source": got.source, "reason": got.reason})
        else:
            items.append(got)
    # code outside the lock (the slow part); only the store writes queue behind other writers
    batch, failed = [], []
    for art, n_sent, events, skip in code_articles(items):
        if skip:
            skipped.append({"source": skip.source, "reason": skip.reason})
            failed.append(skip)
        else:
            batch.append((art, n_sent, events))
    with backend.write_lock, backend.writer() as store:
        store.add_skipped(failed)
        known = store.known_hashes([a.hash for a, _, _ in batch])
        new, refused = store.add_coded_isolated(batch)
        skipped += [{"source": r.source, "reason": r.reason} for r in refused]
        ids = event_ids_of_articles(store, sorted({a.hash for a, _, _ in batch} - known))
        if new:
            append_events(store, ids)
        backend.generation += 1
    return {"articles": new, "duplicates": len(batch) - new, "events": ids, "skipped": skipped,
            "hashes": [a.hash for a, _, _ in batch]}
