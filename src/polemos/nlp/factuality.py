"""Learned judgement of each proposed event: is it an event, of which root, did it happen, which ACLED type.

The trigger rules (polemos_events) propose; this step decides where the rules are unsure, with
linear heads trained by `make train` on our labelled sentences (models/events/card.md):
`event` (none or a PLOVER root), `factuality` (asserted, negated, hypothetical, habitual, denied,
restated) and `acled` (none or a sub-event type). Without a trained model it leaves the rules'
answer (negated/hypothetical flags) in place, so polemos still runs from a bare checkout.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from ..ontology import ROOT_ACLED
from ..records import Event
from .classifiers import LinearModel, load_model
from .embedding import embedder
from .event_features import candidates_of, featurize
from .extensions import get_list, register_extensions

NONE = "NONE"


@dataclass(frozen=True, slots=True)
class Verdict:
    keep: bool
    root: str
    factuality: str
    acled: str | None


def rule_factuality(event: Event) -> str:
    return "negated" if event.negated else "hypothetical" if event.hypothetical else "asserted"


def decide(event: Event, p_event: np.ndarray, event_classes: tuple[str, ...], p_fact: np.ndarray,
           fact_classes: tuple[str, ...], p_acled: np.ndarray, acled_classes: tuple[str, ...],
           keep_at: float, retype_margin: float, rule_flags: bool = False) -> Verdict:
    """One proposal's verdict from its three probability rows (the same at run time and in training).
    With `rule_flags`, a negation or a modal the rules read in the grammar ("no officers were
    wounded", "would strike") outranks the learned factuality, unless it says the act was denied."""
    probs = dict(zip(event_classes, p_event))
    root = event.type
    best = max((c for c in event_classes if c != NONE), key=lambda c: probs[c])
    if best != root and probs[best] >= probs.get(root, 0.0) + retype_margin:
        root = best
    keep = (1.0 - probs.get(NONE, 0.0)) >= keep_at
    factuality = fact_classes[int(np.argmax(p_fact))]
    if rule_flags and factuality != "denied" and (event.negated or event.hypothetical):
        factuality = "negated" if event.negated else "hypothetical"
    allowed = ROOT_ACLED.get(root, ())
    scores = {c: p for c, p in zip(acled_classes, p_acled) if c in allowed}
    acled = max(scores, key=lambda c: scores[c]) if scores else None
    return Verdict(keep, root, factuality, acled)


def judge(model: LinearModel, rows: np.ndarray, events: list[Event]) -> list[Verdict]:
    meta = model.meta
    keep_at = float(meta.get("keep_threshold", 0.5))
    retype_margin = float(meta.get("retype_margin", 0.2))
    rule_flags = bool(meta.get("rule_flags", False))
    heads = model.head("event"), model.head("factuality"), model.head("acled")
    p_event, p_fact, p_acled = (h.probabilities(rows) for h in heads)
    return [
        decide(event, p_event[i], heads[0].classes, p_fact[i], heads[1].classes, p_acled[i], heads[2].classes,
               keep_at, retype_margin, rule_flags)
        for i, event in enumerate(events)
    ]


@Language.factory(
    "polemos_factuality",
    requires=["doc._.events", "token.dep", "token.lemma"],
    assigns=["doc._.event_verdicts"],
)
def make_factuality(nlp: Language, name: str) -> "FactualityJudge":
    register_extensions()
    return FactualityJudge()


class FactualityJudge:
    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        model = load_model("events")
        if model is None or not events:
            doc._.event_verdicts = {}
            return doc
        candidates = candidates_of(doc, events)
        if not candidates:
            doc._.event_verdicts = {}
            return doc
        rows = featurize(doc, candidates, embedder())
        judged = judge(model, rows, [c.event for c in candidates])
        doc._.event_verdicts = {c.event.id: v for c, v in zip(candidates, judged)}
        return doc
