"""The country an article is about: its dateline's, else the one most of its names lie in; and,
looser, the country its fighting belongs to and the one country its named armed groups belong to.

Why: role words with no country of their own ("the army said", "security forces", "the militants")
are read in the article's country, the way an analyst reads a report datelined Islamabad. The actors
step computes these once per Doc (coreference.refer) and leaves them on doc.user_data.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..knowledge import KnowledgeBase
from .phrases import is_stance, names_of

if TYPE_CHECKING:
    from .coreference import Found

HOME = "polemos_home_country"  # doc.user_data: the article's own country (dateline, else most names), or None
GROUNDS = "polemos_grounds_country"  # doc.user_data: the country the article's fighting belongs to, or None
ARMED_HOME = "polemos_armed_country"  # doc.user_data: the one country of every armed group the article names, or None
MAIN_SHARE = 0.75  # share of country-bearing names one country needs to be the article's own
PLURALITY_SHARE = 0.5  # share one country needs for the armed groups and crowds of an article to be its
DATELINE_SHARE = 0.15  # share of those names the dateline's country needs to stay the article's own
DATELINE_CHECK = 5  # names an article needs before its dateline is checked against them


def home_country(doc: Doc) -> str | None:
    """The article's own country as the actors step found it (None before it ran)."""
    return doc.user_data.get(HOME)


def armed_country(doc: Doc) -> str | None:
    """The one country every armed group the article names belongs to (Hamas and the Qassam
    Brigades: Palestine), else None: the country of the article's unnamed militants."""
    return doc.user_data.get(ARMED_HOME) or doc.user_data.get(GROUNDS)


def grounds_country(doc: Doc) -> str | None:
    """The country an article's fighting belongs to: its own, else the one it names at least half
    the time and twice as often as any other (a report on Syria that also names Russia)."""
    return doc.user_data.get(GROUNDS)


def home_of(doc: Doc, kb: KnowledgeBase, memo: list[str | None]) -> str | None:
    """The dateline's country, else the one country the article is about (most of its named places
    and actors lie there), else None."""
    if memo:
        return memo[0]
    counts: Counter[str] = Counter()
    for start, _, key in names_of(doc).by_start.values():
        entry = kb.entries.get(key)
        if entry is not None and entry.country and not is_stance(doc, start):
            counts[entry.country] += 1
    total = sum(counts.values())
    country = dateline_country(doc, kb)
    if country is not None and total >= DATELINE_CHECK and counts[country] / total < DATELINE_SHARE:
        country = None  # a report on Myanmar datelined Bangkok: the dateline is where the reporter sits
    main = None
    if total:
        (top, n), *rest = counts.most_common(2)
        main = top if n / total >= PLURALITY_SHARE and (not rest or n >= 2 * rest[0][1]) else None
        if country is None:
            country = top if n / total >= MAIN_SHARE else None
    memo.append(country)
    doc.user_data[GROUNDS] = country or main
    return country


def grounds_here(doc: Doc, kb: KnowledgeBase, f: "Found") -> str | None:
    """The country the article's fighting belongs to, for a state role or titled person whose own
    sentence names no other country ("security forces said" in a report mostly on Tunisia)."""
    grounds = doc.user_data.get(GROUNDS)
    if grounds is None:
        return None
    sent = doc[f.head].sent
    kb_names = names_of(doc).by_start
    for i in range(sent.start, sent.end):
        found = kb_names.get(i)
        entry = kb.entries.get(found[2]) if found is not None else None
        if entry is not None and entry.kind in {"country", "demonym"} and entry.country != grounds:
            return None  # (a capital or a city named in passing does not count: "NATO headquarters in Brussels")
    return grounds


def dateline_country(doc: Doc, kb: KnowledgeBase) -> str | None:
    """The country of the dateline place ('ISLAMABAD' -> PAK), when the knowledge base knows it."""
    dateline = doc._.dateline
    if not dateline:
        return None
    entry = kb.entry(dateline.strip().title()) or kb.entry(dateline.strip())
    return entry.country if entry is not None else None
