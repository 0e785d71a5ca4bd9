"""The reference article (read in place from ../shared/data/seed): who said what in it.

Nothing of the article is copied here: quotes are located at run time from its own marks and from
the speakers' names and descriptions.
"""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from polemos.coder import Coder

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "seed"


@pytest.fixture(scope="module")
def analysis():
    meta_path = SEED / "meta.json"
    if not meta_path.is_file():
        pytest.skip(f"reference article absent: {SEED}")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    text = (SEED / meta["file"]).read_text(encoding="utf-8")
    return Coder().code_text(text, published=date.fromisoformat(meta["published"]), id=meta["id"])


def paragraph_of(analysis, words: str) -> tuple[int, int]:
    text = analysis.document.text
    at = text.index(words)
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end != -1 else len(text)


def test_every_quotation_mark_pair_is_a_direct_quote(analysis):
    text = analysis.document.text
    pairs = [m.span(1) for m in re.finditer("\u201c([^\u201d\n]+)\u201d", text)]
    assert len(pairs) >= 10
    direct = [q for q in analysis.quotes if q.direct]
    for start, end in pairs:
        assert any(q.start <= start and end - 1 <= q.end for q in direct), text[start:end]


def test_the_security_officials_quotes_are_anonymous(analysis):
    theirs = [q for q in analysis.quotes if q.direct and q.speaker and "security official" in q.speaker.text]
    assert len(theirs) >= 5
    assert all(q.speaker.anonymous and q.speaker.source_type == "anonymous official" for q in theirs)
    assert all(q.speaker.country == "PAK" for q in theirs)


def test_a_quote_paragraph_with_no_cue_goes_to_the_official(analysis):
    uncued = [q for q in analysis.quotes if q.direct and q.cue is None]
    assert uncued
    assert all("security official" in q.speaker.text for q in uncued)


def test_the_state_outlet_and_the_broadcaster_are_radio_television_of_afghanistan(analysis):
    for words in ("state outlet", "The broadcaster"):
        start, end = paragraph_of(analysis, words)
        quotes = [q for q in analysis.quotes if start <= q.start < end and q.cue not in {"quoted ... as saying"}]
        assert quotes, words
        for q in quotes:
            assert q.speaker.name == "Radio Television of Afghanistan"
            assert q.speaker.source_type == "state media"
            assert q.speaker.country == "AFG"


def test_open_war_is_the_defence_ministers(analysis):
    last = max((q for q in analysis.quotes if q.direct), key=lambda q: q.start)
    assert last.speaker.name == "Khawaja Asif"
    assert "minister" in last.speaker.role
    assert last.speaker.country == "PAK" and last.speaker.source_type == "official"


def test_the_officials_account_of_the_talks_contradicts_the_broadcasters(analysis):
    by_id = {c.id: c for c in analysis.claims}
    pairs = {
        (c.speaker.text, by_id[r.claim].speaker.name)
        for c in analysis.claims
        for r in c.relations
        if r.kind == "contradicts" and c.speaker and by_id[r.claim].speaker
    }
    assert any("security official" in mine and theirs == "Radio Television of Afghanistan" for mine, theirs in pairs)
