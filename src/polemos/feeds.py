"""RSS/Atom feeds, URL lists, and the one reader `polemos ingest` uses for every kind of source.

A feed item whose own content is a full article is coded from it; otherwise its link is
fetched. Every item keeps the feed's title, date and outlet as the article's metadata.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path

from .errors import InputError, RejectReason
from .fetch import Fetcher
from .records import Article, Rejection
from .sources import article_from_bytes, parse_date, read_csv, read_paths

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
URL_LIST_SUFFIXES = {".urls"}
CSV_SUFFIXES = {".csv"}
FULL_TEXT_WORDS = 150  # an item's own content shorter than this is a teaser: fetch the page
_TAG = re.compile(r"<[^>]+>")
_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "rss1": "http://purl.org/rss/1.0/",
}


@dataclass(frozen=True, slots=True)
class FeedItem:
    title: str | None
    link: str | None
    published: date | None
    summary: str | None
    content: str | None
    outlet: str | None


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _date(value: str | None) -> date | None:
    if not value:
        return None
    value = value.strip()
    try:
        return parsedate_to_datetime(value).date()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()  # Atom: RFC 3339
    except ValueError:
        return parse_date(value)


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = "".join(element.itertext()).strip()
    return text or None


def parse_feed(raw: bytes) -> list[FeedItem]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; raises InputError when it is neither."""
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as err:
        raise InputError(f"The feed is not well-formed XML: {err}.") from err
    tag = root.tag.rsplit("}", 1)[-1].lower()
    items: list[FeedItem] = []
    if tag == "feed":  # Atom
        outlet = _text(root.find("atom:title", _NS))
        for entry in root.findall("atom:entry", _NS):
            link = next((l.get("href") for l in entry.findall("atom:link", _NS) if l.get("rel", "alternate") == "alternate"), None)
            items.append(FeedItem(
                title=_text(entry.find("atom:title", _NS)), link=link,
                published=_date(_text(entry.find("atom:published", _NS)) or _text(entry.find("atom:updated", _NS))),
                summary=_text(entry.find("atom:summary", _NS)), content=_text(entry.find("atom:content", _NS)),
                outlet=outlet,
            ))
        return items
    if tag in ("rss", "rdf"):
        channel = root.find("channel") if tag == "rss" else root.find("rss1:channel", _NS)
        outlet = _text(channel.find("title") if tag == "rss" else channel.find("rss1:title", _NS)) if channel is not None else None
        entries = root.iter("item") if tag == "rss" else root.findall("rss1:item", _NS)
        for item in entries:
            def first(*names: str) -> str | None:
                for name in names:
                    found = _text(item.find(name, _NS))
                    if found:
                        return found
                return None

            items.append(FeedItem(
                title=first("title", "rss1:title"), link=first("link", "rss1:link", "guid"),
                published=_date(first("pubDate", "dc:date")), summary=first("description", "rss1:description"),
                content=first("content:encoded"), outlet=outlet,
            ))
        return items
    raise InputError(f"The XML is not a feed: its root element is <{tag}>, not <rss>, <rdf:RDF> or <feed>.")


def read_feed(raw: bytes, name: str, fetcher: Fetcher | None) -> Iterator[Article | Rejection]:
    """Every item of a feed as an Article: from its own full content, or by fetching its link."""
    try:
        items = parse_feed(raw)
    except InputError as err:
        yield Rejection(RejectReason.BAD_RECORD.value, str(err), origin=name)
        return
    for number, item in enumerate(items, start=1):
        origin = f"{name}#{number}"
        meta = {"title": item.title, "published": item.published, "outlet": item.outlet}
        if item.content and len(_TAG.sub(" ", item.content).split()) >= FULL_TEXT_WORDS:
            body = item.content
            kind = "html" if _TAG.search(body) else "text"
            if kind == "html":
                body = f"<html><body><article>{body}</article></body></html>"
            yield article_from_bytes(body.encode("utf-8"), kind=kind, url=item.link, origin=origin, **meta)  # type: ignore[arg-type]
        elif item.link and fetcher is not None:
            article = fetcher.article(item.link, **meta)
            yield article
        else:
            yield Rejection(RejectReason.FETCH_FAILED.value,
                            "The feed item has no full text and no link that may be fetched.", origin=origin)


def read_url_list(lines: Iterable[str], name: str, fetcher: Fetcher) -> Iterator[Article | Rejection]:
    """One URL a line ('#' starts a comment); each page fetched, feeds expanded into their items."""
    for line in lines:
        url = line.split("#", 1)[0].strip()
        if url:
            yield from read_url(url, fetcher)


def read_url(url: str, fetcher: Fetcher) -> Iterator[Article | Rejection]:
    article = fetcher.article(url)
    if isinstance(article, Article) and looks_like_feed(article.raw):
        yield from read_feed(article.raw, url, fetcher)
    else:
        yield article


def read_sources(
    sources: Iterable[str], *, fetcher: Fetcher | None = None, csv_map: dict[str, str] | None = None
) -> Iterator[Article | Rejection]:
    """Files, folders, .jsonl, .csv, feeds (.rss/.atom/.xml), URL lists (.urls), URLs and '-'."""
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield from read_url(source, fetcher or Fetcher())
            continue
        path = Path(source)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                yield from _read_path(child, fetcher, csv_map)
        elif path.is_file():
            yield from _read_path(path, fetcher, csv_map)
        elif source == "-":
            yield from read_paths(["-"])
        else:
            raise InputError(f"No such file, folder or URL: {source}.")


def _read_path(path: Path, fetcher: Fetcher | None, csv_map: dict[str, str] | None) -> Iterator[Article | Rejection]:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        yield from read_csv(path, csv_map)
    elif suffix in URL_LIST_SUFFIXES:
        yield from read_url_list(path.read_text("utf-8").splitlines(), path.name, fetcher or Fetcher())
    elif suffix in FEED_SUFFIXES and looks_like_feed(path.read_bytes()[:2048]):
        yield from read_feed(path.read_bytes(), path.name, fetcher or Fetcher())
    else:
        yield from read_paths([str(path)])

