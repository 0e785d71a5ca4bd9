"""Who said what: the `polemos_says` step (DESIGN.md §2, step 8).

It reads direct quotes by their marks (`quotes.find_quotes`), reporting cues on the parse
(`claims.find_cues`), names each speaker (`speakers.SpeakerBook`) and relates the claims
(`polemos.relations`). A direct quote takes the speaker of the cue whose clause holds it, else the
nearest cue of its sentence; a quote with no cue of its own continues the speaker of the quote
before it in the paragraph, or of the paragraph before when that one ended on a quote or cue.
Events inside a speaker's quote or claim are reported by that speaker (`doc._.event_claimants`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..attribution import Attribution, attribution
from ..records import Claim, Party, Quote, Speaker, replace
from ..relations import polarity_of, relate, topic_of
from .actors import party_of
from .attribution_model import AttributionModel, shipped_model
from .claims import Cue, find_cues
from .extensions import get_list, register_extensions, text_of
from .learned_cues import complete_cues
from .triggers import load_lexicon
from .quotes import QuoteMark, find_quotes
from .speakers import SpeakerBook

_INDIRECT = frozenset({"say", "report", "claim", "confirm", "believe", "deny", "accuse", "want"})
# Cues that introduce somebody's words; "wants" and "believes" report a wish or a view, not a quote.
_QUOTING = frozenset({"say", "report", "claim", "confirm", "deny", "accuse", "describe"})
MIN_CLAIM_WORDS = 3


@Language.factory(
    "polemos_says",
    requires=["token.dep", "token.lemma", "token.pos", "doc.sents"],
    assigns=["doc._.quotes", "doc._.claims", "doc._.event_claimants"],
    default_config={"learned": True},
)
def make_says(nlp: Language, name: str, learned: bool) -> "Says":
    register_extensions()
    return Says(attribution(), party_of, shipped_model() if learned else None)


@dataclass
class _Direct:
    mark: QuoteMark
    start: int  # token span
    end: int
    paragraph: int
    speaker: Speaker | None = None
    cue: Cue | None = None


def event_lemmas() -> frozenset[str]:
    """The one-word event triggers ("attack", "block", "condemn"): words the learned cues treat warily."""
    return frozenset(e.words[0] for e in load_lexicon().entries if len(e.words) == 1)


def cue_offsets(cue: Cue) -> tuple[int, int]:
    """Where the cue's words are: the verb, or the whole "according to" phrase."""
    token = cue.token
    if cue.text == "according to" and token.i + 1 < len(token.doc):
        return token.idx, token.doc[token.i + 1].idx + len(token.doc[token.i + 1])
    return token.idx, token.idx + len(token)


def is_scare_quote(text: str, mark: QuoteMark) -> bool:
    """One word in quotation marks inside a sentence ('an "incident"') may only flag a word; a
    one-word answer opening its sentence ('"No," she said') is a quote."""
    words = text[mark.start : mark.end].strip(" ,.;:!?").split()
    if len(words) != 1:
        return False
    before = text[: mark.opened].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


def same_speaker(a: Speaker | None, b: Speaker | None) -> bool:
    """The same person or body, wherever each was named ("Hamas said" and "it added")."""
    if a is None or b is None:
        return a is b
    return replace(a, start=None, end=None, mention=None) == replace(b, start=None, end=None, mention=None)


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


class Says:
    def __init__(
        self,
        kb: Attribution,
        party_of: Callable[[Doc, Token | Span], Party | None] | None,
        model: AttributionModel | None = None,
    ) -> None:
        self.kb = kb
        self.party_of = party_of
        self.model = model
        self.event_words = event_lemmas() if model is not None else frozenset()

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        paragraphs = _paragraph_starts(text)
        directs: list[_Direct] = []
        quoted: set[int] = set()
        for mark in find_quotes(text):
            span = doc.char_span(mark.start, mark.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            directs.append(_Direct(mark, span.start, span.end, bisect.bisect_right(paragraphs, mark.start) - 1))
            quoted.update(range(span.start, span.end))
        book = SpeakerBook(doc, self.kb, self.party_of)
        cues = list(find_cues(doc, self.kb, quoted))
        if self.model is not None:
            cues = complete_cues(doc, self.kb, self.model, cues, quoted, self.event_words)
        directs = [d for d in directs if not self._scare_quote(text, d, cues)]
        speakers: dict[int, Speaker | None] = {}
        for cue in cues:
            found = book.speaker_for(cue.subject) if cue.subject is not None else None
            speakers[cue.token.i] = book.at(found, cue.subject) if found is not None and cue.subject is not None else found
        self._attribute(doc, directs, cues, speakers, paragraphs)
        quotes, claims = self._records(doc, text, directs, cues, speakers)
        doc._.quotes = quotes
        doc._.claims = relate(claims)
        doc._.event_claimants = self._claimants(doc, doc._.claims, quotes)
        return doc

    @staticmethod
    def _scare_quote(text: str, direct: _Direct, cues: list[Cue]) -> bool:
        """A one-word quote no reported statement holds ('the so-called "roadmap"') is the writer
        flagging a word; inside what a speaker is reported to say ('said it was defending villages
        from "paramilitary" attacks') it is the speaker's word, a quote."""
        if not is_scare_quote(text, direct.mark):
            return False
        return not any(c.content and c.content[0] <= direct.start and direct.end <= c.content[1] for c in cues)

    # -- direct quotes -----------------------------------------------------------------------------
    def _attribute(
        self,
        doc: Doc,
        directs: list[_Direct],
        cues: list[Cue],
        speakers: dict[int, Speaker | None],
        paragraphs: list[int],
    ) -> None:
        by_sentence: dict[int, list[Cue]] = {}
        for cue in cues:
            by_sentence.setdefault(cue.sentence, []).append(cue)
        last_in_paragraph: dict[int, tuple[int, Speaker | None]] = {}
        for cue in cues:
            p = bisect.bisect_right(paragraphs, cue.token.idx) - 1
            if speakers.get(cue.token.i) is not None:
                last_in_paragraph[p] = max(last_in_paragraph.get(p, (-1, None)), (cue.token.i, speakers[cue.token.i]), key=lambda x: x[0])
        for index, direct in enumerate(directs):
            first, last = doc[direct.start], doc[max(direct.start, direct.end - 1)]
            candidates = by_sentence.get(last.sent.start, []) + (
                by_sentence.get(first.sent.start, []) if first.sent.start != last.sent.start else []
            )
            candidates = [c for c in candidates if speakers.get(c.token.i) is not None and c.kind in _QUOTING]
            covering = [c for c in candidates if c.content and c.content[0] <= direct.start < c.content[1]]
            chosen = None
            if covering:
                chosen = min(covering, key=lambda c: c.content[1] - c.content[0])  # type: ignore[index]
            elif candidates:
                chosen = min(candidates, key=lambda c: min(abs(c.token.i - direct.start), abs(c.token.i - direct.end)))
            if chosen is not None:
                direct.speaker, direct.cue = speakers[chosen.token.i], chosen
                continue
            orphan = self._orphan(doc, last, by_sentence, speakers, paragraphs, direct.paragraph)
            if orphan is not None:
                direct.speaker, direct.cue = speakers[orphan.token.i], orphan
                continue
            previous = directs[index - 1] if index > 0 else None
            opens_paragraph = direct.mark.opened == paragraphs[direct.paragraph]
            if previous is not None and previous.paragraph == direct.paragraph and previous.speaker is not None:
                direct.speaker, direct.cue = previous.speaker, None
            elif opens_paragraph and previous is not None and previous.paragraph == direct.paragraph - 1 and previous.speaker is not None:
                direct.speaker = previous.speaker
            elif opens_paragraph and direct.paragraph - 1 in last_in_paragraph:
                direct.speaker = last_in_paragraph[direct.paragraph - 1][1]
            else:
                following = next((d for d in directs[index + 1 :] if d.paragraph == direct.paragraph), None)
                if following is not None:
                    self._attribute(doc, [following], cues, speakers, paragraphs)
                    direct.speaker = following.speaker

    @staticmethod
    def _orphan(
        doc: Doc,
        last: Token,
        by_sentence: dict[int, list[Cue]],
        speakers: dict[int, Speaker | None],
        paragraphs: list[int],
        paragraph: int,
    ) -> Cue | None:
        """A cue left alone in the next sentence ("... spokesman Lt. Col. | Nadav Shoshani said.") belongs to the quote."""
        end = last.sent.end
        if end >= len(doc) or bisect.bisect_right(paragraphs, doc[end].idx) - 1 != paragraph:
            return None
        for cue in by_sentence.get(doc[end].sent.start, []):
            if cue.content is None and cue.kind in _QUOTING and speakers.get(cue.token.i) is not None:
                return cue
        return None

    # -- records ----------------------------------------------------------------------------------
    def _records(
        self, doc: Doc, full: str, directs: list[_Direct], cues: list[Cue], speakers: dict[int, Speaker | None]
    ) -> tuple[list[Quote], list[Claim]]:
        items: list[tuple[int, str, Quote | None, Claim | None]] = []
        indirect_spans: list[tuple[int, int, Speaker | None]] = []
        contents = [(c.content, speakers.get(c.token.i)) for c in cues if c.content is not None]
        for cue in cues:
            if cue.content is None:
                continue
            start, end = cue.content
            speaker = speakers.get(cue.token.i)
            cue_start, cue_end = cue_offsets(cue)
            if any(
                (s, e) != (start, end) and s <= start and end <= e and same_speaker(sp, speaker) for (s, e), sp in contents
            ):
                continue  # "he said he believed ...": the outer claim already holds it
            inside = sum(1 for d in directs for i in range(max(start, d.start), min(end, d.end)))
            if inside >= 0.6 * (end - start):
                continue
            span = doc[start:end]
            if speaker is None or (len(span) < MIN_CLAIM_WORDS and cue.kind not in {"deny"}):
                continue  # a claim is somebody's: "to demand an end to the war" names no one
            indirect_spans.append((span.start_char, span.end_char, speaker))
            claim = Claim(
                id="",
                text=span.text,
                start=span.start_char,
                end=span.end_char,
                speaker=speaker,
                topic=topic_of(span.text),
                polarity=polarity_of(span.text, denial=cue.kind == "deny"),
                cue=cue.text,
                cue_start=cue_start,
                cue_end=cue_end,
            )
            quote = None
            has_direct = any(start <= d.start < end for d in directs)
            if cue.kind in _INDIRECT and not has_direct:
                quote = Quote("", span.text, span.start_char, span.end_char, False, cue.text, speaker, cue_start, cue_end)
            items.append((span.start_char, "i", quote, claim))
        for direct in directs:
            mark = direct.mark
            text = full[mark.start : mark.end]
            cue_start, cue_end = cue_offsets(direct.cue) if direct.cue is not None else (None, None)
            cue_text = direct.cue.text if direct.cue is not None else None
            quote = Quote("", text, mark.start, mark.end, True, cue_text, direct.speaker, cue_start, cue_end)
            claim = None
            contained = any(s <= mark.start and mark.end <= e + 2 for s, e, _ in indirect_spans)
            if len(text.split()) >= MIN_CLAIM_WORDS and not contained:
                claim = Claim("", text, mark.start, mark.end, direct.speaker, topic=topic_of(text), polarity=polarity_of(text))
            items.append((mark.start, "d", quote, claim))
        items.sort(key=lambda item: (item[0], item[1]))
        quotes: list[Quote] = []
        claims: list[Claim] = []
        for _, _, quote, claim in items:
            if quote is not None:
                quotes.append(replace(quote, id=f"q{len(quotes) + 1}"))
            if claim is not None:
                claims.append(replace(claim, id=f"c{len(claims) + 1}"))
        return quotes, claims

    def _claimants(self, doc: Doc, claims: list[Claim], quotes: list[Quote]) -> dict[str, str]:
        spans = [(c.start, c.end, c.speaker) for c in claims] + [(q.start, q.end, q.speaker) for q in quotes]
        spans = [(s, e, sp) for s, e, sp in spans if sp is not None]
        claimants: dict[str, str] = {}
        for event in get_list(doc, "events"):
            at = event.trigger.start
            holding = [(e - s, sp) for s, e, sp in spans if s <= at < e]
            if holding:
                speaker = min(holding, key=lambda x: x[0])[1]
                claimants[event.id] = speaker.name or speaker.text
        return claimants
