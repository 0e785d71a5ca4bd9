"""Quotes, speakers and claim relations, measured on polemos' own gold set.

The set is tests/gold/says/*.jsonl in the repository (invented wire-style articles, written
before the rules were tuned; conventions in tests/gold/says/README.md). Unlike the other sets it
does not live in the shared data folder: `data` is accepted for the common signature and unused.

- quote recall: a gold quote is found when one of our quotes (or, for reported speech, one of our
  claims) holds its words;
- speaker, anonymity and source-type accuracy: over the found quotes;
- relation precision and recall: our relations (unordered claim pairs with a kind) against the
  gold pairs; a pair matches when each claim holds one of the gold words of its side.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import Figure, Miss, SetResult
from .gold import coded

if TYPE_CHECKING:
    from ..coder import Coder
    from ..records import Analysis, Claim, Speaker

GOLD = Path(__file__).resolve().parents[3] / "tests" / "gold" / "says"


def _speaker_words(speaker: "Speaker | None") -> str:
    if speaker is None:
        return ""
    return f"{speaker.name or ''} | {speaker.text}".lower()


def _find(analysis: "Analysis", gold: dict[str, Any]) -> tuple[str, "Speaker | None"] | None:
    """Our quote (or claim, for reported speech) holding the gold words: (text, speaker)."""
    words = gold["quote"]
    holding = [(q.text, q.speaker) for q in analysis.quotes if words in q.text]
    if not gold["direct"]:
        holding += [(c.text, c.speaker) for c in analysis.claims if words in c.text]
    if not holding:
        return None
    return min(holding, key=lambda h: len(h[0]))


def _pairs(claims: "tuple[Claim, ...]") -> set[tuple[str, str, str]]:
    by_id = {c.id: c for c in claims}
    pairs = set()
    for claim in claims:
        for rel in claim.relations:
            other = by_id.get(rel.claim)
            if other is None:
                continue
            a, b = sorted([claim.text, other.text])
            pairs.add((a, b, rel.kind))
    return pairs


def _matches(pair: tuple[str, str, str], gold: dict[str, Any]) -> bool:
    a, b, kind = pair
    if kind != gold["kind"]:
        return False

    def holds(text: str, side: list[str]) -> bool:
        return any(words in text for words in side)

    return (holds(a, gold["a"]) and holds(b, gold["b"])) or (holds(b, gold["a"]) and holds(a, gold["b"]))



def evaluate(data: Path, coder: "Coder", limit: int | None = None, folder: Path = GOLD) -> SetResult:
    started = time.perf_counter()
    if not folder.is_dir() or not any(folder.glob("*.jsonl")):
        return SetResult.skip("quotes", folder)
    found = speaker_ok = anonymity_ok = type_ok = total = 0
    predicted = predicted_ok = gold_relations = gold_found = 0
    misses: list[Miss] = []
    articles = 0
    for item, analysis in coded(folder, coder, limit):
        articles += 1
        for gold in item["quotes"]:
            total += 1
            hit = _find(analysis, gold)
            if hit is None:
                misses.append(Miss("quote not found", gold["quote"], gold["quote"], "-", item["id"]))
                continue
            found += 1
            _, speaker = hit
            words = _speaker_words(speaker)
            if any(s.lower() in words for s in gold["speaker"]):
                speaker_ok += 1
            else:
                misses.append(Miss("wrong speaker", gold["quote"], "/".join(gold["speaker"]), words or "none", item["id"]))
            if speaker is not None and speaker.anonymous == gold["anonymous"]:
                anonymity_ok += 1
            elif speaker is not None:
                misses.append(Miss("wrong anonymity", gold["quote"], str(gold["anonymous"]), str(speaker.anonymous), item["id"]))
            if speaker is not None and speaker.source_type == gold["source_type"]:
                type_ok += 1
            else:
                ours = speaker.source_type if speaker else "none"
                misses.append(Miss("wrong source type", gold["quote"], gold["source_type"], ours, item["id"]))
        pairs = _pairs(analysis.claims)
        predicted += len(pairs)
        for pair in pairs:
            if any(_matches(pair, g) for g in item["relations"]):
                predicted_ok += 1
            else:
                misses.append(Miss("spurious relation", pair[0][:80], "-", f"{pair[2]}: {pair[1][:80]}", item["id"]))
        for gold in item["relations"]:
            gold_relations += 1
            if any(_matches(pair, gold) for pair in pairs):
                gold_found += 1
            else:
                misses.append(Miss("relation not found", "/".join(gold["a"]), gold["kind"], "/".join(gold["b"]), item["id"]))
    figures = (
        Figure("quote_recall", found / total if total else 0.0, total),
        Figure("speaker_accuracy", speaker_ok / found if found else 0.0, found),
        Figure("anonymity_accuracy", anonymity_ok / found if found else 0.0, found),
        Figure("source_type_accuracy", type_ok / found if found else 0.0, found),
        Figure("relation_precision", predicted_ok / predicted if predicted else 0.0, predicted),
        Figure("relation_recall", gold_found / gold_relations if gold_relations else 0.0, gold_relations),
    )
    return SetResult(
        set="quotes",
        path=str(folder),
        figures=figures,
        misses=tuple(misses),
        seconds=time.perf_counter() - started,
        notes=(f"{articles} articles, {total} gold quotes, {gold_relations} gold relations",),
    )
