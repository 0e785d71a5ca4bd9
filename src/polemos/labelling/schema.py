"""The label schema of docs/event-codebook.md, checked: what a labelled article must hold.

A check returns every problem it finds (an empty list is a clean article), so a labeller fixes a
file in one pass instead of one error at a time.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..ontology import ACLED_SUBTYPES, FACTUALITY, MODES, ROOTS

SECTORS = ("GOV", "MIL", "COP", "SPY", "REB", "INS", "UAF", "OPP", "PTY", "CVL", "MED", "IGO", "NGO", "JUD", "LEG",
           "BUS", "REL", "LAB", "EDU", "HLH", "REF", "CRM", "ELI", "UNK")
SPLITS = ("train", "dev")
SCOPES = ("article", "sentences")
# A page of the stored news corpus is kept only as the sentences a label needs, never whole.
PAGES_MAX_SENTENCES = 12
PAGES_MAX_SHARE = 0.75
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


def _party(value: Any, where: str, problems: list[str], *, place: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping) or not isinstance(value.get("text"), str) or not value["text"].strip():
        problems.append(f"{where}: must be null or an object with a non-empty 'text'")
        return
    country = value.get("country")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        problems.append(f"{where}.country {country!r}: an ISO3 code (upper case) or null")
    if not place:
        sector = value.get("sector")
        if sector is not None and sector not in SECTORS:
            problems.append(f"{where}.sector {sector!r}: one of {', '.join(SECTORS)} or null")


def check_event(event: Mapping[str, Any], sentence_text: str | None, where: str) -> list[str]:
    problems: list[str] = []
    root = event.get("type")
    if root not in ROOTS:
        problems.append(f"{where}.type {root!r}: one of {', '.join(ROOTS)}")
    mode = event.get("mode")
    if mode is not None and mode not in MODES.get(str(root), ()):
        problems.append(f"{where}.mode {mode!r}: null or one of {', '.join(MODES.get(str(root), ())) or '(none for this root)'}")
    acled = event.get("acled")
    if acled is not None and acled not in ACLED_SUBTYPES:
        problems.append(f"{where}.acled {acled!r}: null or an ACLED sub-event type ({', '.join(ACLED_SUBTYPES)})")
    if event.get("factuality") not in FACTUALITY:
        problems.append(f"{where}.factuality {event.get('factuality')!r}: one of {', '.join(FACTUALITY)}")
    trigger = event.get("trigger")
    if not isinstance(trigger, str) or not trigger.strip():
        problems.append(f"{where}.trigger: the word(s) naming the event, as written in the sentence")
    elif sentence_text is not None and trigger.lower() not in sentence_text.lower():
        problems.append(f"{where}.trigger {trigger!r} is not in its sentence")
    if not isinstance(event.get("incident"), str) or not event["incident"]:
        problems.append(f"{where}.incident: an id shared by every mention of the same act in the article (e.g. 'i1')")
    for field in ("actor", "target"):
        _party(event.get(field), f"{where}.{field}", problems)
    _party(event.get("place"), f"{where}.place", problems, place=True)
    value = event.get("date")
    if value is not None and not (isinstance(value, str) and _DATE.match(value)):
        problems.append(f"{where}.date {value!r}: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY or null")
    deaths = event.get("fatalities")
    if deaths is not None and not (isinstance(deaths, int) and not isinstance(deaths, bool) and deaths >= 0):
        problems.append(f"{where}.fatalities {deaths!r}: a whole number or null")
    unknown = set(event) - {"trigger", "type", "mode", "acled", "factuality", "incident", "actor", "target", "place",
                            "date", "fatalities", "claimed_by", "note"}
    if unknown:
        problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    return problems


def check_article(article: Mapping[str, Any], source_text: str | None = None) -> list[str]:
    """Every problem of one labelled article; `source_text` (when readable) checks the offsets."""
    key = str(article.get("key", "?"))
    problems: list[str] = []
    if ":" not in key:
        problems.append(f"{key}: key must be KIND:ID")
    if article.get("split") not in SPLITS:
        problems.append(f"{key}: split must be one of {SPLITS}")
    if article.get("scope") not in SCOPES:
        problems.append(f"{key}: scope must be one of {SCOPES}")
    published = article.get("published")
    if published is not None and not (isinstance(published, str) and _DATE.match(published) and len(published) == 10):
        problems.append(f"{key}: published {published!r} must be YYYY-MM-DD or null")
    sentences = article.get("sentences")
    if not isinstance(sentences, list) or not sentences:
        return problems + [f"{key}: sentences must be a non-empty list"]
    pages = key.startswith("pages:")
    own = key.startswith("own:")  # sentences we wrote ourselves: kept whole
    if own:
        for number, sentence in enumerate(sentences):
            if not isinstance(sentence.get("text"), str):
                problems.append(f"{key} sentence {number}: our own sentences keep their text")
    if pages:
        if article.get("scope") != "sentences":
            problems.append(f"{key}: a stored page is kept only as labelled sentences (scope 'sentences')")
        total = article.get("of")
        if len(sentences) > PAGES_MAX_SENTENCES:
            problems.append(f"{key}: at most {PAGES_MAX_SENTENCES} sentences of a stored page may be kept")
        if not isinstance(total, int) or total < 1:
            problems.append(f"{key}: 'of' must give how many sentences the page has")
        elif len(sentences) > max(1, int(total * PAGES_MAX_SHARE)):
            problems.append(f"{key}: {len(sentences)} of {total} sentences kept; at most {PAGES_MAX_SHARE:.0%} of a page")
    last_end = -1
    seen_incidents: set[str] = set()
    for number, sentence in enumerate(sentences):
        where = f"{key} sentence {number}"
        start, end = sentence.get("start"), sentence.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
            problems.append(f"{where}: start/end must be offsets with start < end")
            continue
        if start < last_end:
            problems.append(f"{where}: sentences must be in text order and not overlap")
        last_end = end
        text = sentence.get("text")
        if (pages or own) and not isinstance(text, str):
            problems.append(f"{where}: a stored page's sentence keeps its text")
        if source_text is not None:
            if end > len(source_text):
                problems.append(f"{where}: end {end} is past the text ({len(source_text)} characters)")
            elif isinstance(text, str) and source_text[start:end] != text:
                problems.append(f"{where}: text does not match the source at {start}:{end}")
            text = text if isinstance(text, str) else source_text[start:end]
        events = sentence.get("events", [])
        if not isinstance(events, list):
            problems.append(f"{where}: events must be a list")
            continue
        for index, event in enumerate(events):
            ewhere = f"{where} event {index}"
            problems.extend(check_event(event, text if isinstance(text, str) else None, ewhere))
            incident = event.get("incident")
            if event.get("factuality") == "restated" and incident not in seen_incidents:
                problems.append(f"{ewhere}: 'restated' needs an earlier mention of incident {incident!r}")
            if isinstance(incident, str):
                seen_incidents.add(incident)
    for index, quote in enumerate(article.get("quotes", []) or []):
        where = f"{key} quote {index}"
        if not (isinstance(quote.get("start"), int) and isinstance(quote.get("end"), int)):
            problems.append(f"{where}: start/end offsets of the quoted words are required")
        if not isinstance(quote.get("anonymous"), bool):
            problems.append(f"{where}: anonymous must be true or false")
        if quote.get("speaker") is not None and not isinstance(quote.get("speaker"), str):
            problems.append(f"{where}: speaker must be the speaker as the article names them, or null")
    return problems
