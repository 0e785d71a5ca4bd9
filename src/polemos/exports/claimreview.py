"""ClaimReview JSON-LD (schema.org): one ClaimReview per stored claim, with who made it, where it
appeared, and a rating that reports what other claims say (contradicted, corroborated, revised)
rather than a verdict polemos cannot give."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

SUFFIX, BINARY, READS, UNIT = ".jsonld", False, "claims", "report"
_RATING = {"contradicts": ("Contradicted by another source", 2), "corroborates": ("Corroborated by another source", 4),
           "revises": ("Revises an earlier account", 3), "revised_by": ("Revised by a later account", 3)}


def _relation(rel: dict[str, Any]) -> str:
    """One relation as a reader weighs it: what the other source said, where and when."""
    where = "in another article" if rel.get("across") else "in the same article"
    who = rel.get("other_speaker_name") or rel.get("other_speaker_text")
    said = f' {who}: "{rel["other_text"]}"' if rel.get("other_text") else f" claim {rel['other_claim_id']}"
    source = ", ".join(str(v) for v in (rel.get("other_outlet"), rel.get("other_published")) if v) if rel.get("across") else ""
    return (f"{rel['kind'].replace('_', ' ')} {where}" + (f" ({source})" if source else "") + f" by{said}"
            + (f" [{rel['reason']}]" if rel.get("reason") else ""))


def _citations(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The other articles whose claims this one is related to."""
    seen: dict[str, dict[str, Any]] = {}
    for rel in row.get("relations", ()):
        if rel.get("across") and rel.get("other_document_id") not in seen:
            article = {"@type": "NewsArticle", "url": rel.get("other_url"), "headline": rel.get("other_title"),
                       "datePublished": rel.get("other_published"),
                       "publisher": {"@type": "Organization", "name": rel["other_outlet"]} if rel.get("other_outlet") else None}
            seen[rel["other_document_id"]] = {k: v for k, v in article.items() if v is not None}
    return list(seen.values())


def claim_review(row: dict[str, Any]) -> dict[str, Any]:
    kinds = sorted({r["kind"] for r in row.get("relations", ())})
    label, value = _RATING.get(kinds[0], ("Unverified", 3)) if len(kinds) == 1 else (
        ("Disputed between sources", 2) if kinds else ("Unverified", 3))
    speaker = row.get("speaker_name") or row.get("speaker_affiliation") or row.get("speaker_text")
    author: dict[str, Any] = {"@type": "Person" if row.get("speaker_name") else "Organization",
                              "name": speaker or "unnamed source"}
    if row.get("speaker_role"):
        author["jobTitle"] = row["speaker_role"]
    appearance = {"@type": "NewsArticle", "url": row.get("url"), "headline": row.get("title"),
                  "publisher": {"@type": "Organization", "name": row.get("outlet")} if row.get("outlet") else None,
                  "datePublished": row.get("published")}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"polemos:claim:{row['document_id']}:{row['claim_id']}",
        "url": row.get("url"),
        "claimReviewed": row["text"],
        "datePublished": row.get("published"),
        "author": {"@type": "Organization", "name": "polemos"},
        "itemReviewed": {"@type": "Claim", "author": author, "datePublished": row.get("published"),
                         "appearance": {k: v for k, v in appearance.items() if v is not None}},
        "reviewRating": {"@type": "Rating", "alternateName": label, "ratingValue": value, "bestRating": 5,
                         "worstRating": 1},
        "reviewBody": "; ".join(_relation(r) for r in row.get("relations", ())) or None,
        **({"citation": cited} if (cited := _citations(row)) else {}),
    }


def write(rows: Iterable[dict[str, Any]], out: IO[str], left_out: Counter[str] | None = None) -> int:
    reviews = [claim_review(row) for row in rows]
    json.dump(reviews, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(reviews)
