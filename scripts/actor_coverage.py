"""List the actor names polemos leaves without a country, over the news texts beside the project.

Reads GeoWebNews, TR-News, LGL and the PolNeAR train texts in place from ../shared/data/external
(never copied), runs the pipeline up to the actors step, and counts every mention that names an
actor (a person, organisation or nationality) which resolves to no party, or to a party with
neither country nor a transnational sector. Prints names and counts only, never sentences: the list
is what tells which armed groups, ministries, leaders and media the knowledge base still lacks.

    .venv/bin/python scripts/actor_coverage.py [--data ../shared/data] [--limit 100] [--top 150]
"""

from __future__ import annotations

import argparse
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

TRANSNATIONAL = {"IGO", "NGO", "IMG", "MNC"}


def texts(data: Path, limit: int | None) -> Iterator[tuple[str, str, date | None]]:
    """(set, text, published) for every article of the four sets present, `limit` per set."""
    external = data / "external"
    for name, path, tag, date_tag in (
        ("geowebnews", external / "geowebnews" / "GWN.xml", "article", None),
        ("tr-news", external / "geowebnews" / "TR-News.xml", "article", "dltime"),
        ("lgl", external / "lgl_geovirus" / "lgl.xml", "article", None),
    ):
        if not path.is_file():
            continue
        for n, article in enumerate(ET.parse(path).getroot().iter(tag)):
            if limit is not None and n >= limit:
                break
            day = (article.findtext(date_tag) or "").strip() if date_tag else ""
            yield name, article.findtext("text") or "", _day(day)
    folder = external / "polnear_train" / "text"
    if folder.is_dir():
        for n, path in enumerate(sorted(folder.glob("*.txt"))):
            if limit is not None and n >= limit:
                break
            parts = path.stem.split("_")
            yield "polnear", path.read_text(encoding="utf-8"), _day(parts[1] if len(parts) > 1 else "")


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def unplaced(party) -> bool:
    return party is None or (party.country is None and (party.sector or "")[:3] not in TRANSNATIONAL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="articles per set")
    parser.add_argument("--top", type=int, default=150)
    parser.add_argument("--labels", default="ORG,PERSON,NORP", help="mention labels to count")
    args = parser.parse_args()

    from polemos.nlp import build_pipeline

    nlp = build_pipeline()
    keep = {"tok2vec", "tagger", "polemos_sentences", "polemos_gazetteer", "parser", "polemos_token_rules", "polemos_lemmas", "polemos_ner", "polemos_actors"}
    labels = set(args.labels.split(","))
    missing: Counter[str] = Counter()
    total = Counter()
    sets = Counter()
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p in keep]):
        for name, text, day in texts(args.data, args.limit):
            if not text.strip():
                continue
            doc = nlp.make_doc(text[:20000])
            doc._.published = day
            doc = nlp(doc)
            sets[name] += 1
            for m in doc._.mentions or []:
                if m.label not in labels or m.source == "pronoun":
                    continue
                total[m.label] += 1
                if unplaced(m.party):
                    missing[(m.label, " ".join(m.text.split()))] += 1
    print(f"articles: {dict(sets)}")
    for label in sorted(labels):
        gone = sum(n for (lab, _), n in missing.items() if lab == label)
        print(f"{label}: {total[label]} mentions, {gone} without a country ({gone / max(1, total[label]):.1%})")
    for (label, text), n in missing.most_common(args.top):
        print(f"{n:5d}  {label:6s}  {text}")


if __name__ == "__main__":
    main()
