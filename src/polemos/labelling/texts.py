"""Where a labelled text comes from, read in place by its key.

Keys: `gwn:<file>` (GeoWebNews), `trnews:<docid>` (TR-News), `lgl:<docid>`, `geovirus:<n>`,
`ipe:<doc_id>` (IndiaPoliceEvents), `pages:<id>` (a stored news page kept outside the repository
in a pages folder as JSON `{url, title, published, text}`). The shared sets are read from the data
folder (../shared/data) and their texts never leave it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigurationError

SHARED_FILES = {
    "gwn": "external/geowebnews/GWN.xml",
    "trnews": "external/geowebnews/TR-News.xml",
    "lgl": "external/lgl_geovirus/lgl.xml",
    "geovirus": "external/lgl_geovirus/GeoVirus.xml",
    "ipe": "external/india_police_events/metadata.jsonl",
}


@dataclass(frozen=True, slots=True)
class SourceText:
    key: str
    text: str
    title: str | None
    published: date | None
    url: str | None
    outlet: str | None
    origin: str  # the file it was read from


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _xml_articles(path: Path, id_attribute: str) -> dict[str, SourceText]:
    articles: dict[str, SourceText] = {}
    kind = {"file": "gwn", "docid": "trnews"}.get(id_attribute, "xml")
    for number, article in enumerate(ET.parse(path).getroot().iter("article")):
        ident = article.get(id_attribute) or str(number)
        url = (article.findtext("url") or article.findtext("link") or "").strip() or None
        domain = (article.findtext("domain") or "").strip() or None
        articles[ident] = SourceText(
            key=f"{kind}:{ident}",
            text=article.findtext("text") or "",
            title=(article.findtext("title") or "").strip() or None,
            published=_day(article.findtext("dltime")),
            url=url,
            outlet=domain,
            origin=str(path),
        )
    return articles


@lru_cache(maxsize=2)
def _ipe_articles(path: Path) -> dict[str, SourceText]:
    articles: dict[str, SourceText] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            ident = str(row["doc_id"])
            articles[ident] = SourceText(
                key=f"ipe:{ident}", text=row.get("full_text") or "", title=None, published=_day(row.get("date")),
                url=row.get("url"), outlet="Times of India", origin=str(path),
            )
    return articles


def shared_articles(kind: str, data: Path) -> dict[str, SourceText]:
    """Every article of one shared set, by its id."""
    if kind not in SHARED_FILES:
        raise ConfigurationError(f"unknown text source {kind!r}; known: {', '.join(sorted(SHARED_FILES))}, pages")
    path = data / SHARED_FILES[kind]
    if not path.exists():
        raise ConfigurationError(f"{kind}: {path} is absent (the shared data folder is read in place)")
    if kind == "ipe":
        return _ipe_articles(path)
    attribute = {"gwn": "file", "trnews": "docid", "lgl": "docid", "geovirus": "docid"}[kind]
    found = _xml_articles(path, attribute)
    return {ident: SourceText(f"{kind}:{ident}", a.text, a.title, a.published, a.url, a.outlet, a.origin)
            for ident, a in found.items()}


def read_pages(key: str, pages: Path) -> SourceText:
    ident = key.split(":", 1)[1]
    path = pages / f"{ident}.json"
    if not path.exists():
        raise ConfigurationError(f"{key}: no stored page at {path}; save it there as JSON {{url, title, published, text}}")
    row = json.loads(path.read_text(encoding="utf-8"))
    return SourceText(key=key, text=row["text"], title=row.get("title"), published=_day(row.get("published")),
                      url=row.get("url"), outlet=row.get("outlet"), origin=str(path))


def read_source(key: str, data: Path, pages: Path | None = None) -> SourceText:
    """The text a label key names, read where it lives."""
    kind, _, ident = key.partition(":")
    if not ident:
        raise ConfigurationError(f"{key!r} is not a text key (KIND:ID, e.g. gwn:12, lgl:40450848, pages:ab12)")
    if kind == "pages":
        if pages is None:
            raise ConfigurationError(f"{key}: give the folder of stored pages (--pages DIR)")
        return read_pages(key, pages)
    articles = shared_articles(kind, data)
    if ident not in articles:
        raise ConfigurationError(f"{key}: no article {ident!r} in {data / SHARED_FILES[kind]}")
    return articles[ident]
