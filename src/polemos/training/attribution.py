"""Train the attribution scorers (nlp/attribution_model.py) on PolNeAR's train part.

    python -m polemos.training.attribution [--data ../shared/data] [--seed 13] [--out DIR]
    make train-attribution

Each article of the train part (never the held-out part: evaluation/polnear.py's `part_of`) is read
by polemos' own pipeline up to the says step, so the features are the ones run time sees. Two
example sets come out of it:
- cue: every candidate word (a verb, noun, adjective or preposition outside quotation marks) with
  label 1 when it heads a gold Cue span (the other words of a longer cue are left out);
- source: for every gold attribution with a Source and a Cue, each noun-phrase head of the cue's
  sentence, with label 1 when it heads the gold Source span.
Each is fitted by L2-regularised logistic regression, full batch, with a fixed number of Adam steps:
no random draw anywhere, so the same data and settings give the same weights, byte for byte (the
seed is written to the card and orders nothing but is kept for the `make train` contract).
Parsed articles are cached under $POLEMOS_CACHE (default ~/.cache/polemos)/training/.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..attribution import Attribution, attribution
from ..evaluation.base import default_data_path
from ..evaluation.polnear import FOLDER, Alignment, GoldArticle, GoldAttribution, articles
from ..nlp.attribution_model import (
    MODEL_DIR,
    cue_features,
    is_cue_candidate,
    source_candidates,
    source_features,
)

SEED = 13
L2 = 1.0  # on the summed log loss: weak, the data are plentiful
STEPS = 300
RATE = 0.1
MIN_COUNT = 2  # a feature seen once is noise
PRUNE = 0.01  # weights smaller than this change no decision: left out of the file
CUE_LEMMA_MIN = 3  # a lemma enters the cue screen with at least this many gold cues ...
CUE_LEMMA_SHARE = 0.05  # ... and this share of its occurrences a gold cue
CUE_THRESHOLD = 0.4  # held-out word level: precision 0.82, recall 0.73 (0.5: 0.86 / 0.70)
EXCLUDE = ("polemos_actors", "polemos_events", "polemos_when", "polemos_where", "polemos_howmany", "polemos_says")


@dataclass(frozen=True, slots=True)
class Example:
    features: tuple[str, ...]
    label: int


@dataclass(frozen=True, slots=True)
class Labelled:
    """One article as the says step sees it, with its gold attributions in the Doc's offsets."""

    doc: object  # spacy Doc (kept untyped: training code may not leak Docs into records)
    golds: tuple[GoldAttribution, ...]


def _cache_dir() -> Path:
    root = Path(os.environ.get("POLEMOS_CACHE") or Path.home() / ".cache" / "polemos")
    return root / "training"


def _clean(spans: Iterable[tuple[int, int]], align: Alignment) -> tuple[tuple[int, int], ...]:
    out = []
    for start, end in spans:
        mapped = align.clean_span(start, end)
        if mapped is not None:
            out.append(mapped)
    return tuple(out)


def parse(gold: Sequence[GoldArticle], cache: bool = True) -> list[Labelled]:
    """Articles through polemos' pipeline (cleaning included), gold spans carried to clean offsets."""
    from spacy.tokens import DocBin

    from ..document import build_document
    from ..nlp.pipeline import build_pipeline
    from ..records import Article, Rejection

    nlp = build_pipeline(exclude=EXCLUDE)
    key = hashlib.sha256(("\n".join(a.name for a in gold) + nlp.meta.get("version", "")).encode()).hexdigest()[:16]
    path = _cache_dir() / f"polnear-{key}.spacy"
    documents = []
    for article in gold:
        built = build_document(Article(id=article.name, raw=article.text.encode("utf-8"), kind="text"))
        documents.append(None if isinstance(built, Rejection) else built)
    if cache and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        texts = [d.text for d in documents if d is not None]
        docs = list(nlp.pipe(texts, batch_size=16))
        if cache:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(path)
    out: list[Labelled] = []
    parsed = iter(docs)
    for article, document in zip(gold, documents):
        if document is None:
            continue
        doc = next(parsed)
        align = Alignment(document.text, article.text)
        golds = tuple(
            GoldAttribution(g.id, _clean(g.source, align), _clean(g.cue, align), _clean(g.content, align))
            for g in article.attributions
        )
        out.append(Labelled(doc, golds))
    return out


def _quoted(doc) -> set[int]:  # type: ignore[no-untyped-def]
    from ..nlp.quotes import find_quotes

    inside: set[int] = set()
    for mark in find_quotes(doc.text):
        span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _heads(doc, spans: Sequence[tuple[int, int]]) -> tuple[list[int], set[int]]:  # type: ignore[no-untyped-def]
    """The head words of a (possibly broken) span: its tokens whose syntactic head lies outside it."""
    tokens: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    heads = sorted(i for i in tokens if doc[i].head.i not in tokens or doc[i].head.i == i)
    return heads, tokens


def examples(data: Sequence[Labelled], kb: Attribution) -> tuple[list[Example], list[Example], Counter]:
    """Cue and source examples of every article, and counts for the card."""
    cues: list[Example] = []
    sources: list[Example] = []
    counts: Counter = Counter()
    for item in data:
        doc = item.doc
        quoted = _quoted(doc)
        positive: set[int] = set()
        inner: set[int] = set()
        heads_of: list[tuple[int, GoldAttribution]] = []
        for gold in item.golds:
            if not gold.cue:
                continue
            heads, tokens = _heads(doc, gold.cue)
            candidates = [i for i in heads if is_cue_candidate(doc[i])] or heads
            if not candidates:
                continue
            head = candidates[0]
            positive.add(head)
            inner.update(tokens - {head})
            heads_of.append((head, gold))
        for token in doc:
            if not is_cue_candidate(token) or (token.i in inner and token.i not in positive):
                continue
            cues.append(Example(tuple(cue_features(token, kb, token.i in quoted)), int(token.i in positive)))
        for head, gold in heads_of:
            counts["attributions with a cue"] += 1
            if not gold.source:
                continue
            _, source_tokens = _heads(doc, gold.source)
            cue = doc[head]
            candidates = source_candidates(cue)
            labels = [int(t.i in source_tokens and (t.head.i not in source_tokens or t.head.i == t.i)) for t in candidates]
            if not any(labels):
                counts["source outside the cue's sentence or not a noun phrase head"] += 1
                continue
            counts["source examples"] += 1
            for token, label in zip(candidates, labels):
                sources.append(Example(tuple(source_features(cue, token, kb, token.i in quoted)), label))
    return cues, sources, counts


def fit(data: Sequence[Example], l2: float = L2, steps: int = STEPS, rate: float = RATE) -> tuple[dict[str, float], float]:
    """Logistic regression over sparse binary features: full-batch Adam, deterministic."""
    counts = Counter(f for ex in data for f in set(ex.features))
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: n for n, f in enumerate(vocabulary)}
    rows: list[int] = []
    cols: list[int] = []
    for r, ex in enumerate(data):
        for f in sorted(set(ex.features)):
            c = index.get(f)
            if c is not None:
                rows.append(r)
                cols.append(c)
    row = np.asarray(rows, dtype=np.int64)
    col = np.asarray(cols, dtype=np.int64)
    y = np.asarray([ex.label for ex in data], dtype=np.float64)
    n, d = len(data), len(vocabulary)
    w = np.zeros(d + 1)  # the last weight is the bias
    m = np.zeros(d + 1)
    v = np.zeros(d + 1)
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, steps + 1):
        z = np.bincount(row, weights=w[col], minlength=n) + w[d]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        err = p - y
        grad = np.empty(d + 1)
        grad[:d] = np.bincount(col, weights=err[row], minlength=d) + l2 * w[:d]
        grad[d] = err.sum()
        grad /= max(1, n) / 1000.0  # the step size reads per thousand examples
        m = beta1 * m + (1 - beta1) * grad
        v = beta2 * v + (1 - beta2) * grad * grad
        w -= rate * (m / (1 - beta1**step)) / (np.sqrt(v / (1 - beta2**step)) + eps)
    weights = {f: round(float(w[i]), 4) for i, f in enumerate(vocabulary) if abs(w[i]) >= PRUNE}
    return weights, round(float(w[d]), 4)


def cue_lemmas(data: Sequence[Labelled], kb: Attribution) -> list[str]:
    """Lemmas that head gold cues often enough to be worth scoring at run time (the screen)."""
    seen: Counter = Counter()
    cued: Counter = Counter()
    for item in data:
        doc = item.doc
        heads = set()
        for gold in item.golds:
            if gold.cue:
                found, _ = _heads(doc, gold.cue)
                candidates = [i for i in found if is_cue_candidate(doc[i])] or found
                if candidates:
                    heads.add(candidates[0])
        for token in doc:
            if is_cue_candidate(token):
                lemma = token.lemma_.lower()
                seen[lemma] += 1
                cued[lemma] += token.i in heads
    return sorted(l for l, n in cued.items() if n >= CUE_LEMMA_MIN and n / seen[l] >= CUE_LEMMA_SHARE)


def train(data: Sequence[Labelled], seed: int = SEED, kb: Attribution | None = None) -> dict:
    """The model file's content: weights, thresholds, the cue screen and what it was trained on."""
    kb = kb or attribution()
    cues, sources, counts = examples(data, kb)
    cue_weights, cue_bias = fit(cues)
    source_weights, source_bias = fit(sources)
    return {
        "format": 1,
        "seed": seed,
        "trained_on": {
            "articles": len(data),
            "cue_examples": len(cues),
            "cue_positives": sum(e.label for e in cues),
            "source_examples": len(sources),
            **{k: v for k, v in sorted(counts.items())},
        },
        "cue_threshold": CUE_THRESHOLD,
        "source_threshold": 0.2,
        "cue_lemmas": cue_lemmas(data, kb),
        "cue": {"bias": cue_bias, "weights": dict(sorted(cue_weights.items()))},
        "source": {"bias": source_bias, "weights": dict(sorted(source_weights.items()))},
    }


def measure(model: dict, data: Sequence[Labelled], kb: Attribution | None = None) -> dict[str, float]:
    """Word-level figures of the two scorers on other articles: cue precision and recall at the
    threshold, and how often the best-scored noun phrase heads the gold source."""
    from ..nlp.attribution_model import Scorer

    kb = kb or attribution()
    cue = Scorer(model["cue"]["weights"], model["cue"]["bias"])
    source = Scorer(model["source"]["weights"], model["source"]["bias"])
    screen = set(model["cue_lemmas"]) | set(kb.cues)
    cues, _, _ = examples(data, kb)
    tp = fp = fn = 0
    for ex in cues:
        lemma = next(f[2:] for f in ex.features if f.startswith("l="))
        said = lemma in screen and cue.probability(ex.features) >= model["cue_threshold"]
        tp += said and ex.label
        fp += said and not ex.label
        fn += ex.label and not said
    right = total = 0
    for item in data:
        doc = item.doc
        quoted = _quoted(doc)
        for gold in item.golds:
            if not gold.cue or not gold.source:
                continue
            heads, _ = _heads(doc, gold.cue)
            heads = [i for i in heads if is_cue_candidate(doc[i])] or heads
            if not heads:
                continue
            token = doc[heads[0]]
            _, source_tokens = _heads(doc, gold.source)
            candidates = source_candidates(token)
            total += 1
            if candidates:
                best = max(candidates, key=lambda t: source.logit(source_features(token, t, kb, t.i in quoted)))
                right += best.i in source_tokens
    return {
        "cue_precision": tp / (tp + fp) if tp + fp else 0.0,
        "cue_recall": tp / (tp + fn) if tp + fn else 0.0,
        "source_top1": right / total if total else 0.0,
        "source_cases": total,
    }


def write(model: dict, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "weights.json"
    path.write_text(json.dumps(model, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m polemos.training.attribution", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--limit", type=int, default=None, help="train on the first N articles of the train part only")
    parser.add_argument("--measure", action="store_true", help="also print word-level figures on the held-out part")
    args = parser.parse_args(argv)
    folder = (args.data or default_data_path()) / FOLDER
    if not (folder / "attributions").is_dir():
        print(f"PolNeAR's train split is not at {folder}: nothing to train on.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    gold = list(articles(folder, "train"))[: args.limit]
    data = parse(gold)
    model = train(data, seed=args.seed)
    path = write(model, args.out)
    print(f"trained on {len(data)} articles in {time.perf_counter() - started:.0f}s: {path}")
    print(json.dumps(model["trained_on"], indent=1))
    if args.measure:
        held = parse(list(articles(folder, "held-out")))
        print("held-out part:", json.dumps(measure(model, held), indent=1))
        print("train part:", json.dumps(measure(model, data[:150]), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
