"""Train the trigger finder (models/triggers): which verbs and nouns the lexicon misses name an act.

    python -m polemos.training.triggers [--labels labels/events/train] [--seed 0]

Examples are the verbs and nouns of every labelled train sentence (nlp/event_features.py's
possible_triggers) that no lexicon proposal covers: a token is positive, with its root, when it
heads the trigger words of a gold mention (any factuality: the judge decides that), else NONE.
One multinomial logistic regression (scikit-learn, lbfgs, deterministic); C and the proposal
threshold by article-grouped 5-fold cross-validation (F1 of proposals against the gold triggers
the lexicon missed). Nothing here reads the dev split.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from ..labelling.corpus import REPO_LABELS, LabelledArticle, label_files, read_labelled
from ..nlp.classifiers import MODELS, save_model
from .events import C_GRID, _fit, _folds, _head, _sparse

NONE = "NONE"
STRIDE = 3  # one negative in three is kept
FINDER_EXCLUDES = ("polemos_trigger_finder", "polemos_factuality", "polemos_when", "polemos_where",
                   "polemos_howmany", "polemos_says")


@dataclass(slots=True)
class TokenExamples:
    rows: list[np.ndarray] = field(default_factory=list)
    label: list[str] = field(default_factory=list)
    group: list[str] = field(default_factory=list)
    missed_gold: int = 0  # gold triggers the lexicon did not cover (what the finder can win)


def _gold_heads(article: LabelledArticle, doc, offsets) -> dict[int, str]:
    """Doc token index -> root of the gold mention whose trigger words that token heads."""
    heads: dict[int, str] = {}
    by_start = {offsets.source_offset(t.idx): t for t in doc}
    for index, (start, end) in enumerate(article.sentences):
        text = article.text[start:end].lower()
        for event in article.labels["sentences"][index].get("events", []):
            words = str(event.get("trigger", "")).lower()
            at = text.find(words) if words else -1
            if at < 0:
                continue
            lo, hi = start + at, start + at + len(words)
            tokens = [t for s, t in by_start.items() if s is not None and lo <= s < hi]
            if not tokens:
                continue
            content = [t for t in tokens if t.pos_ in ("VERB", "NOUN")] or tokens
            head = min(content, key=lambda t: (sum(1 for _ in t.ancestors if _ in tokens), -t.i))
            heads[head.i] = str(event["type"])
    return heads


def build_token_examples(articles: list[LabelledArticle], stride: int = 3) -> TokenExamples:  # see STRIDE
    """Every positive, and every `stride`-th negative (negatives outnumber positives 30 to 1)."""
    from ..document import build_document
    from ..evaluation.alignment import OffsetMap
    from ..nlp import build_pipeline
    from ..nlp.embedding import embedder
    from ..nlp.event_features import possible_triggers, token_features
    from ..records import Document
    from ..sources import article_from_bytes

    nlp = build_pipeline(exclude=FINDER_EXCLUDES)
    out = TokenExamples()
    negatives = 0
    for article in articles:
        built = build_document(article_from_bytes(article.text.encode("utf-8"), id=article.key, kind="text",
                                                  published=article.published))
        if not isinstance(built, Document):
            continue
        doc = nlp.make_doc(built.text)
        doc._.published, doc._.dateline, doc._.document_id = built.published, built.dateline, built.id
        doc = nlp(doc)
        offsets = OffsetMap(built.text, article.text)
        covered = set()
        for event in doc._.events or []:
            span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
            if span is not None:
                covered.update(t.i for t in span)
        gold = _gold_heads(article, doc, offsets)
        out.missed_gold += sum(1 for i in gold if i not in covered)
        chosen = []
        for token in possible_triggers(doc):
            if token.i in covered:
                continue
            label = gold.get(token.i, NONE)
            if label == NONE:
                negatives += 1
                if negatives % stride:
                    continue
            chosen.append((token, label))
        if not chosen:
            continue
        rows = token_features(doc, [t for t, _ in chosen], embedder())
        out.rows.extend(rows)
        out.label.extend(label for _, label in chosen)
        out.group.extend([article.key] * len(chosen))
    return out


def _f1_at(probs: np.ndarray, classes: list[str], labels: list[str], threshold: float,
           stride: int = STRIDE) -> tuple[float, float, float]:
    """Proposal precision, recall and F1; a kept negative stands for `stride` negatives."""
    none = classes.index(NONE)
    right = proposed = 0
    gold = sum(1 for y in labels if y != NONE)
    for p, y in zip(probs, labels):
        best = int(p.argmax())
        if best == none or p[best] < threshold:
            continue
        proposed += 1 if y != NONE else stride
        right += classes[best] == y
    precision = right / proposed if proposed else 0.0
    recall = right / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def fit_finder(ex: TokenExamples, seed: int = 0):
    X, y = np.vstack(ex.rows), ex.label
    classes = sorted(set(y))
    best = None
    for c in C_GRID:
        probs = np.zeros((len(y), len(classes)))
        y_arr = np.array(y)
        for test in _folds(ex.group):
            train = np.setdiff1d(np.arange(len(y)), test)
            model = _fit(X[train], list(y_arr[train]), c, seed)
            p = model.predict_proba(_sparse(X[test]))
            for j, cls in enumerate(model.classes_):
                probs[test, classes.index(str(cls))] = p[:, j]
        for threshold in np.arange(0.3, 0.91, 0.05):
            scores = _f1_at(probs, classes, y, float(threshold))
            if best is None or scores[2] > best[0][2] + 1e-9:
                best = (scores, c, round(float(threshold), 2))
    assert best is not None
    head = _head("trigger", _fit(X, y, best[1], seed))
    meta = {"threshold": best[2], "C": best[1], "seed": seed, "examples": len(y),
            "cv": {"precision": round(best[0][0], 4), "recall": round(best[0][1], 4), "f1": round(best[0][2], 4)},
            "labels": dict(Counter(y)), "missed_gold": ex.missed_gold, "trained_on": date.today().isoformat()}
    return {"trigger": head}, meta


def train(labels: Path, data: Path, out: Path, seed: int = 0) -> dict:
    articles = [a for a in read_labelled(label_files(labels), data) if a.split == "train"]
    if not articles:
        raise SystemExit(f"no train labels under {labels}")
    ex = build_token_examples(articles, STRIDE)
    heads, meta = fit_finder(ex, seed)
    meta["articles"] = len(articles)
    save_model(out, heads, meta)
    cv = meta["cv"]
    (out / "card.md").write_text(f"""# triggers: words the lexicon does not know

- What: one linear head over `polemos.nlp.event_features.token_features` (static MiniLM vectors of the
  token, its window and its sentence; hashed lemma, tag, relation, head and children): NONE or a PLOVER root.
- Data: verbs and nouns no lexicon proposal covers in the train split of labels/events ({meta['articles']}
  articles; {meta['examples']} examples, every third negative kept); a token is positive when it heads a
  gold trigger. Gold triggers the lexicon missed: {meta['missed_gold']}. The dev split was not read.
- Training: scikit-learn LogisticRegression (lbfgs), seed {seed}, C {meta['C']} and proposal threshold
  {meta['threshold']} by article-grouped 5-fold CV: proposals P {cv['precision']:.3f}, R {cv['recall']:.3f},
  F1 {cv['f1']:.3f} against those missed triggers (each kept negative counted for the {STRIDE} it stands for). Built {meta['trained_on']} by
  `python -m polemos.training.triggers` (`make train`, before the event judge, which learns from its proposals).
""", encoding="utf-8")
    return meta


def main() -> None:
    from ..evaluation.base import default_data_path

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=Path, default=REPO_LABELS / "train")
    parser.add_argument("--data", type=Path, default=default_data_path())
    parser.add_argument("--out", type=Path, default=MODELS / "triggers")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    meta = train(args.labels, args.data, args.out, args.seed)
    print({k: meta[k] for k in ("threshold", "C", "cv", "missed_gold", "examples")})


if __name__ == "__main__":
    main()
