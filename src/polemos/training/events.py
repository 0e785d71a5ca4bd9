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
# Retyping a lexicon line's root takes a clear margin: below 0.2 the out-of-fold gain is within noise
# (a few events in 4,000) while PLOVER's gold roots, a set the judge never saw, lose 1-2 points.
RETYPE_MARGINS = (0.2, 0.4, 1.0)


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


def _oof(X, y: list[str], groups: list[str], seed: int, rows: list[int] | None = None):
    """C, out-of-fold probabilities (for every row of X; zero where the head was not trained) and classes."""
    index = list(range(len(y))) if rows is None else rows
    labels = [y[i] for i in index]
    c, probs, classes = _choose_c(X[index], labels, [groups[i] for i in index], seed)
    full = np.zeros((X.shape[0], len(classes)))
    full[index] = probs
    return c, full, classes, labels


def score_runs(ex: Examples, p_event: np.ndarray, event_classes: list[str], p_fact: np.ndarray, fact_classes: list[str],
               p_acled: np.ndarray, acled_classes: list[str], keep_at: float, margin: float,
               rule_flags: bool = False) -> dict[str, float]:
    """The blind-dev scorer's figures on the train articles, from out-of-fold probabilities: verdicts,
    folding and matching exactly as a run would do them."""
    from ..evaluation.events_dev import score
    from ..nlp.factuality import decide
    from ..nlp.folding import apply_verdicts, fold_incidents
    from ..records import Analysis, Document

    articles, analyses = [], []
    for run in ex.runs:
        start, _ = run.rows
        verdicts = {
            event.id: decide(event, p_event[start + k], tuple(event_classes), p_fact[start + k], tuple(fact_classes),
                             p_acled[start + k], tuple(acled_classes), keep_at, margin, rule_flags)
            for k, event in enumerate(run.events)
        }
        live, other = fold_incidents(apply_verdicts(run.events, verdicts), run.tied)
        articles.append(run.article)
        analyses.append(Analysis(document=Document(id=run.article.key, text=run.clean_text), events=tuple(live),
                                 unasserted=tuple(other)))
    return {f.name: f.value for f in score(articles, analyses)}


def fit_heads(ex: Examples, seed: int = 0) -> tuple[dict[str, Head], dict]:
    """The three heads and their decision settings, from examples: the same examples and seed
    give the same weights. The keep threshold and the retyping margin are those that give the best
    event F1 when out-of-fold verdicts are folded and scored like a run (score_runs)."""
    X = _sparse(ex.matrix())
    groups = ex.group
    c_event, p_event, event_classes, _ = _oof(X, ex.root, groups, seed)
    real = [i for i, r in enumerate(ex.root) if r != NONE]
    c_fact, p_fact, fact_classes, fact_y = _oof(X, ex.factuality, groups, seed, real)
    p_fact[[i for i in range(len(ex.root)) if i not in set(real)], fact_classes.index(LIVE)] = 1.0
    acled_rows = [i for i, r in enumerate(ex.root) if r in ROOT_ACLED]
    c_acled, p_acled, acled_classes, acled_y = _oof(X, ex.acled, groups, seed, acled_rows)
    best = None
    for keep_at in np.arange(0.2, 0.91, 0.05):
        for margin in RETYPE_MARGINS:
            for rule_flags in (False, True):
                figures = score_runs(ex, p_event, event_classes, p_fact, fact_classes, p_acled, acled_classes,
                                     float(keep_at), margin, rule_flags)
                ranked = (round(figures["event_f1"], 6), round(figures.get("factuality_accuracy", 0.0), 6))  # none scored: all doubted
                if best is None or ranked > best[4]:
                    best = (figures, round(float(keep_at), 2), margin, rule_flags, ranked)
    assert best is not None
    rules_only = score_rules(ex)
    heads = {
        "event": _head("event", _fit(X, ex.root, c_event, seed)),
        "factuality": _head("factuality", _fit(X[real], fact_y, c_fact, seed)),
        "acled": _head("acled", _fit(X[acled_rows], acled_y, c_acled, seed)),
    }
    keys = ("event_f1", "event_precision", "event_recall", "unsupported_share", "factuality_accuracy",
            "acled_weighted_f1", "acled_text_weighted_f1")
    meta = {
        "keep_threshold": best[1], "retype_margin": best[2], "rule_flags": best[3], "seed": seed, "features": int(X.shape[1]),
        "trained_on": date.today().isoformat(), "articles": len(ex.gold_live), "examples": len(ex.root),
        "C": {"event": c_event, "factuality": c_fact, "acled": c_acled},
        "cv": {k: round(best[0][k], 4) for k in keys if k in best[0]},
        "cv_rules_only": {k: round(rules_only[k], 4) for k in keys if k in rules_only},
        "gold_live_unreached": ex.unreached,
        "labels": {"root": dict(Counter(ex.root)), "factuality": dict(Counter(fact_y)), "acled": dict(Counter(acled_y))},
    }
    return heads, meta


def score_rules(ex: Examples) -> dict[str, float]:
    """The same figures for the rules alone (no verdicts: every proposal kept, the rules' flags)."""
    from ..evaluation.events_dev import score
    from ..nlp.folding import apply_verdicts, fold_incidents
    from ..records import Analysis, Document

    analyses = []
    for run in ex.runs:
        live, other = fold_incidents(apply_verdicts(run.events, {}), run.tied)
        analyses.append(Analysis(document=Document(id=run.article.key, text=run.clean_text), events=tuple(live),
                                 unasserted=tuple(other)))
    return {f.name: f.value for f in score([r.article for r in ex.runs], analyses)}


def write_card(out: Path, meta: dict, labels: Path) -> None:
    cv, rules = meta["cv"], meta["cv_rules_only"]
    (out / "card.md").write_text(f"""# events: the event judge

- What: three linear heads over the features of `polemos.nlp.event_features` (static MiniLM vectors of the
  trigger, its window, its sentence and the sentence before; hashed grammar indicators; the rules' root,
  mode and flags): `event` (NONE or a PLOVER root), `factuality` (asserted, negated, hypothetical,
  habitual, denied, restated), `acled` (NONE or an ACLED sub-event type).
- Data: the train split of labels/events ({meta['articles']} articles, {meta['examples']} proposed events;
  labels/PROVENANCE.md). The dev split was not read.
- Training: scikit-learn LogisticRegression (lbfgs), seed {meta['seed']}, C by grouped {FOLDS}-fold CV over
  articles (event {meta['C']['event']}, factuality {meta['C']['factuality']}, acled {meta['C']['acled']});
  keep threshold {meta['keep_threshold']}, retyping margin {meta['retype_margin']} (of {', '.join(map(str, RETYPE_MARGINS))}) and whether the rules' negation and
  modal flags outrank the learned factuality ({meta['rule_flags']}) chosen on the out-of-fold predictions
  (best event F1, then factuality). Built {meta['trained_on']} by `python -m polemos.training.events` (`make train`).
- Cross-validated on train (not the dev set), out-of-fold verdicts folded and scored exactly like
  `polemos eval events-dev`: event F1 {cv['event_f1']:.3f} (P {cv['event_precision']:.3f}, R {cv['event_recall']:.3f}),
  unsupported {cv['unsupported_share']:.3f}, factuality {cv['factuality_accuracy']:.3f}, ACLED weighted F1
  {cv['acled_weighted_f1']:.3f} (per text {cv['acled_text_weighted_f1']:.3f}); the rules alone on the same
  proposals: event F1 {rules['event_f1']:.3f} (P {rules['event_precision']:.3f}, R {rules['event_recall']:.3f}).
  Live gold mentions no rule proposed: {meta['gold_live_unreached']}.
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
    print({k: meta[k] for k in ("keep_threshold", "retype_margin", "rule_flags", "C", "cv", "cv_rules_only", "gold_live_unreached")})


if __name__ == "__main__":
    main()
