"""Train the event judge (models/events): is a proposed event an event, its root, its factuality, its ACLED type.

    python -m polemos.training.events [--labels labels/events/train] [--seed 0]

Three multinomial logistic regressions over nlp/event_features.py's features, fitted with
scikit-learn's lbfgs (deterministic), regularisation chosen by grouped 5-fold cross-validation
over articles; the keep threshold and the retyping margin are chosen on the same out-of-fold
predictions to maximise event F1 (one live event per live gold incident). Nothing here reads the
dev split.
"""

from __future__ import annotations

import argparse
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np

from ..labelling.corpus import REPO_LABELS, label_files, read_labelled
from ..nlp.classifiers import MODELS, Head, save_model
from ..ontology import LIVE, ROOT_ACLED
from .event_examples import NONE, Examples, build_examples

C_GRID = (0.3, 1.0, 3.0)
FOLDS = 5


def _fit(X, y: list[str], c: float, seed: int):
    """A multinomial logistic regression; rows go in as a sparse matrix (the hashed grammar features
    are mostly zeros), which makes lbfgs several times faster and changes nothing else."""
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=2000, tol=1e-4, random_state=seed)
    model.fit(X if sparse.issparse(X) else sparse.csr_matrix(X), y)
    return model


def _sparse(X):
    from scipy import sparse

    return X if sparse.issparse(X) else sparse.csr_matrix(X)


def _head(name: str, model) -> Head:
    classes = tuple(str(c) for c in model.classes_)
    weights, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # scikit-learn keeps one row for two classes: make it softmax-shaped
        weights = np.vstack([-weights[0] / 2, weights[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2])
    return Head(name, classes, weights.astype(np.float32), bias.astype(np.float32))


def _folds(groups: list[str], k: int = FOLDS) -> list[np.ndarray]:
    """Article-grouped folds, assigned by a stable order of article keys."""
    keys = sorted(set(groups))
    fold_of = {key: i % k for i, key in enumerate(keys)}
    labels = np.array([fold_of[g] for g in groups])
    return [np.where(labels == f)[0] for f in range(k)]


def _out_of_fold(X: np.ndarray, y: list[str], groups: list[str], c: float, seed: int, classes: list[str]) -> np.ndarray:
    probs = np.zeros((len(y), len(classes)), dtype=np.float64)
    y_arr = np.array(y)
    for test in _folds(groups):
        train = np.setdiff1d(np.arange(len(y)), test)
        if len(set(y_arr[train])) < 2 or len(test) == 0:
            continue
        model = _fit(X[train], list(y_arr[train]), c, seed)
        p = model.predict_proba(_sparse(X[test]))
        for j, cls in enumerate(model.classes_):
            probs[test, classes.index(str(cls))] = p[:, j]
    return probs


def _log_loss(probs: np.ndarray, y: list[str], classes: list[str]) -> float:
    index = np.array([classes.index(v) for v in y])
    return float(-np.mean(np.log(np.clip(probs[np.arange(len(y)), index], 1e-9, 1.0))))


def _choose_c(X: np.ndarray, y: list[str], groups: list[str], seed: int) -> tuple[float, np.ndarray, list[str]]:
    classes = sorted(set(y))
    best = None
    for c in C_GRID:
        probs = _out_of_fold(X, y, groups, c, seed, classes)
        loss = _log_loss(probs, y, classes)
        if best is None or loss < best[0]:
            best = (loss, c, probs)
    assert best is not None
    return best[1], best[2], classes


def simulate(ex: Examples, p_event: np.ndarray, event_classes: list[str], p_fact: np.ndarray,
             fact_classes: list[str], keep_at: float, margin: float) -> dict[str, float]:
    """Event precision/recall/F1 of the judge's decisions on these probabilities (folding approximated:
    a proposal judged `restated` is folded, not counted)."""
    none = event_classes.index(NONE)
    predicted = 0
    found: set[str] = set()
    for i in range(len(ex.root)):
        if 1.0 - p_event[i, none] < keep_at:
            continue
        factuality = fact_classes[int(np.argmax(p_fact[i]))]
        if factuality != LIVE:
            continue
        probs = dict(zip(event_classes, p_event[i]))
        root = ex.rule_root[i]
        best = max((c for c in event_classes if c != NONE), key=lambda c: probs[c])
        if best != root and probs[best] >= probs.get(root, 0.0) + margin:
            root = best
        predicted += 1
        if ex.live_incident[i] and root == ex.root[i] and ex.incident[i] not in found:
            found.add(ex.incident[i])
    gold = sum(ex.gold_live.values())
    precision = len(found) / predicted if predicted else 0.0
    recall = len(found) / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted, "gold": gold}


def train(labels: Path, data: Path, out: Path, seed: int = 0, progress: bool = True, cache: Path | None = None) -> dict:
    articles = [a for a in read_labelled(label_files(labels), data) if a.split == "train"]
    if not articles:
        raise SystemExit(f"no train labels under {labels}")
    if progress:
        print(f"events: {len(articles)} labelled train articles", flush=True)
    ex = _cached_examples(articles, cache, progress)
    heads, meta = fit_heads(ex, seed)
    meta["articles"] = len(articles)
    save_model(out, heads, meta)
    write_card(out, meta, labels)
    return meta


def _cached_examples(articles, cache: Path | None, progress: bool) -> Examples:
    """Coding the labelled texts is the slow part; while the heads are developed, keep the examples
    (a pickle keyed by nothing but its path: delete it when the labels or the features change)."""
    import pickle

    if cache is not None and cache.exists():
        return pickle.loads(cache.read_bytes())
    ex = build_examples(articles, progress=progress)
    if cache is not None:
        cache.write_bytes(pickle.dumps(ex))
    return ex


def fit_heads(ex: Examples, seed: int = 0) -> tuple[dict[str, Head], dict]:
    """The three heads and their decision settings, from examples: the same examples and seed
    give the same weights."""
    X = ex.matrix()
    groups = ex.group
    c_event, p_event, event_classes = _choose_c(X, ex.root, groups, seed)
    real = [i for i, r in enumerate(ex.root) if r != NONE]
    fact_y = [ex.factuality[i] for i in real]
    c_fact, p_fact_real, fact_classes = _choose_c(X[real], fact_y, [groups[i] for i in real], seed)
    p_fact = np.zeros((len(ex.root), len(fact_classes)))
    p_fact[:, fact_classes.index(LIVE)] = 1.0
    p_fact[real] = p_fact_real
    acled_rows = [i for i, r in enumerate(ex.root) if r in ROOT_ACLED]
    acled_y = [ex.acled[i] for i in acled_rows]
    c_acled, _, _ = _choose_c(X[acled_rows], acled_y, [groups[i] for i in acled_rows], seed)
    best = None
    for keep_at in np.arange(0.2, 0.91, 0.05):
        for margin in (0.0, 0.1, 0.2, 0.4, 1.0):
            scores = simulate(ex, p_event, event_classes, p_fact, fact_classes, float(keep_at), margin)
            if best is None or scores["f1"] > best[0]["f1"] + 1e-9:
                best = (scores, round(float(keep_at), 2), margin)
    assert best is not None
    rules_only = simulate(ex, _one_hot(ex.rule_root, event_classes), event_classes,
                          p_fact * 0 + np.eye(len(fact_classes))[fact_classes.index(LIVE)], fact_classes, 0.5, 1.0)
    heads = {
        "event": _head("event", _fit(X, ex.root, c_event, seed)),
        "factuality": _head("factuality", _fit(X[real], fact_y, c_fact, seed)),
        "acled": _head("acled", _fit(X[acled_rows], acled_y, c_acled, seed)),
    }
    meta = {
        "keep_threshold": best[1], "retype_margin": best[2], "seed": seed, "features": int(X.shape[1]),
        "trained_on": date.today().isoformat(), "articles": len(ex.gold_live), "examples": len(ex.root),
        "C": {"event": c_event, "factuality": c_fact, "acled": c_acled},
        "cv_event": {k: round(v, 4) if isinstance(v, float) else v for k, v in best[0].items()},
        "cv_rules_only": {k: round(v, 4) if isinstance(v, float) else v for k, v in rules_only.items()},
        "cv_factuality_accuracy": round(float(np.mean([fact_classes[int(np.argmax(p_fact_real[j]))] == fact_y[j] for j in range(len(real))])) if real else 0.0, 4),
        "gold_live_unreached": ex.unreached,
        "labels": {"root": dict(Counter(ex.root)), "factuality": dict(Counter(fact_y)), "acled": dict(Counter(acled_y))},
    }
    return heads, meta


def _one_hot(values: list[str], classes: list[str]) -> np.ndarray:
    out = np.zeros((len(values), len(classes)))
    for i, v in enumerate(values):
        if v in classes:
            out[i, classes.index(v)] = 1.0
    return out


def write_card(out: Path, meta: dict, labels: Path) -> None:
    cv, rules = meta["cv_event"], meta["cv_rules_only"]
    (out / "card.md").write_text(f"""# events: the event judge

- What: three linear heads over the features of `polemos.nlp.event_features` (static MiniLM vectors of the
  trigger, its window, its sentence and the sentence before; hashed grammar indicators; the rules' root,
  mode and flags): `event` (NONE or a PLOVER root), `factuality` (asserted, negated, hypothetical,
  habitual, denied, restated), `acled` (NONE or an ACLED sub-event type).
- Data: the train split of labels/events ({meta['articles']} articles, {meta['examples']} proposed events;
  labels/PROVENANCE.md). The dev split was not read.
- Training: scikit-learn LogisticRegression (lbfgs), seed {meta['seed']}, C by grouped {FOLDS}-fold CV over
  articles (event {meta['C']['event']}, factuality {meta['C']['factuality']}, acled {meta['C']['acled']});
  keep threshold {meta['keep_threshold']} and retyping margin {meta['retype_margin']} chosen on the
  out-of-fold predictions. Built {meta['trained_on']} by `python -m polemos.training.events` (`make train`).
- Cross-validated on train (not the dev set): event F1 {cv['f1']:.3f} (P {cv['precision']:.3f}, R {cv['recall']:.3f});
  the rules alone on the same proposals: F1 {rules['f1']:.3f} (P {rules['precision']:.3f}, R {rules['recall']:.3f});
  factuality accuracy {meta['cv_factuality_accuracy']:.3f}. Live gold mentions no rule proposed: {meta['gold_live_unreached']}.
- Blind dev figures: `polemos eval events-dev` (docs/benchmarks.md).
""", encoding="utf-8")


def main() -> None:
    from ..evaluation.base import default_data_path

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=Path, default=REPO_LABELS / "train")
    parser.add_argument("--data", type=Path, default=default_data_path())
    parser.add_argument("--out", type=Path, default=MODELS / "events")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None, help="Keep the coded examples here between runs (development).")
    args = parser.parse_args()
    meta = train(args.labels, args.data, args.out, args.seed, cache=args.cache)
    print({k: meta[k] for k in ("keep_threshold", "retype_margin", "cv_event", "cv_rules_only", "cv_factuality_accuracy")})


if __name__ == "__main__":
    main()
