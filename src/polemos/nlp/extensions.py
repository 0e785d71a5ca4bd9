"""The custom attributes the NLP layer keeps on a spaCy `Doc`, declared once.

Components write records (from `polemos.records`) here; `assembly.doc_to_analysis` reads them.
Nothing outside `polemos.nlp` sees a `Doc`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

# name -> (default factory description, help)
DOC_ATTRIBUTES: dict[str, str] = {
    "published": "datetime.date the article was published, or None (set by the coder)",
    "dateline": "the dateline place ('ISLAMABAD'), or None (set by the coder)",
    "document_id": "the Document id (set by the coder)",
    "ner_sentences": "indices of the sentences the statistical NER read (polemos_ner)",
    "mentions": "list[Mention]: actor mentions, resolved (polemos_actors)",
    "events": "list[Event]: coded events without date/place/fatalities (polemos_events)",
    "learned_triggers": "dict[token index, (root, probability)]: triggers the lexicon does not know (polemos_trigger_finder)",
    "event_verdicts": "dict[event id, Verdict]: learned event/root/factuality/ACLED judgement (polemos_factuality)",
    "dates": "list[DateMention]: every normalised date expression (polemos_when)",
    "event_dates": "dict[event id, EventDate] (polemos_when)",
    "places": "list[PlaceMention]: every resolved place mention (polemos_where)",
    "event_locations": "dict[event id, Location] (polemos_where)",
    "context_locations": "dict[event id, Location]: the report's place for events whose sentence names none (polemos_where)",
    "event_fatalities": "dict[event id, Fatalities] (polemos_howmany)",
    "casualties": "list[CasualtyCount]: every count of dead or wounded, tied to an event or not (polemos_howmany)",
    "quotes": "list[Quote] (polemos_says)",
    "claims": "list[Claim] (polemos_says)",
    "event_claimants": "dict[event id, str]: who reports the event (polemos_says)",
}

TOKEN_ATTRIBUTES: dict[str, str] = {
    "trigger": "the trigger-lexicon entry a token starts, or None (polemos_events)",
}


def register_extensions() -> None:
    """Idempotent: safe to call from every component factory."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in TOKEN_ATTRIBUTES:
        if not Token.has_extension(name):
            Token.set_extension(name, default=None)
    if not Span.has_extension("party"):
        Span.set_extension("party", default=None)


def get_list(doc: Doc, name: str) -> list:
    value = getattr(doc._, name)
    return list(value) if value else []


def get_map(doc: Doc, name: str) -> dict:
    value = getattr(doc._, name)
    return dict(value) if value else {}


_TEXT = "polemos_text"


def text_of(doc: Doc) -> str:
    """doc.text, built once per Doc: spaCy joins every token's text on each access, and a Doc's text never changes."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text
