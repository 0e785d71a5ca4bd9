"""Turning an `Article` (raw bytes) into a `Document` (clean text), or into a `Rejection`.

Everything the NLP layer must not see is handled here: markup, datelines ("ISLAMABAD:"),
bylines, photo captions, inputs that are empty, binary, too large or not English.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from .errors import RejectReason
from .publication import date_in_name, date_line
from .records import Article, Document, Rejection

MAX_BYTES = 2_000_000  # a news article is rarely over 100 kB; 2 MB leaves room for heavy HTML
MAX_CHARS = 1_000_000  # of clean text: spaCy's own max_length, past which its parser's memory use explodes
MIN_WORDS = 3  # "Gunmen kill five": a headline is a text to code like any other
MIN_HTML_WORDS = 8  # an extracted page body shorter than this is menus and footers, not an article
SHORT_TEXT = 40  # words: below this, function-word shares say little; only another language's words reject it

_DATELINE = re.compile(
    r"""^\s*
    (?P<place>[A-Z][A-Z.'\-]+(?:[ \-][A-Z][A-Z.'\-]+){0,3}   # ISLAMABAD, NEW DELHI, PORT-AU-PRINCE
       (?:/[A-Z][A-Z.'\-]+(?:[ \-][A-Z][A-Z.'\-]+){0,3}){0,2}  # BEIRUT/JERUSALEM: filed from two cities
       (?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?)      # , Pakistan / , Calif.
    (?:,?\s*(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?  # , March 4
    \s*(?:\((?P<agency>[^)]{1,40})\))?                      # (Reuters)
    \s*(?::|\u2014|\u2013|--|-)\s+""",
    re.VERBOSE,
)
_BYLINE = re.compile(r"^\s*(?:By|BY|Written by)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}(?:\s*(?:,|and|&)\s*[\w .'\-]+)?\s*$")
_CAPTION = re.compile(r"^\s*(?:Photo|Image|File photo|Caption|Picture|Video)\s*(?::|\||-|\u2014)", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")

# Function words: English text is thick with them, other languages are not.
_ENGLISH = frozenset(
    "the of and to in a is that for on was with as by it at from his her are were be has have had "
    "said not this which an their they after but who its been will would also more than".split()
)
_OTHER = {
    "fr": frozenset("le la les des du est et une dans pour que qui sur au aux avec par pas ne ont été".split()),
    "es": frozenset("el los las del que en por con para una es se no al lo como más pero sus".split()),
    "de": frozenset("der die das und ist nicht ein eine mit den dem von zu auf für sich im auch".split()),
    "pt": frozenset("o os as do da dos das em que para com uma não por se mais foi ao".split()),
    "it": frozenset("il lo gli della delle che di per con una non sono nel alla anche".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an HTML page gave us before cleaning."""

    text: str
    title: str | None
    published: date | None
    outlet: str | None
    url: str | None


def reads_as_english(text: str) -> tuple[bool, str]:
    """Whether to code a text as English, and the best guess. A long text must be thick with English
    function words; a short one (a headline, a snippet) has few of any language's, so it is refused
    only when another language's function words outnumber English ones, or when it has almost no
    Latin letters."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    language, share = detect_language(text)
    if len(words) >= SHORT_TEXT:
        return language == "en" and share >= 0.08, language
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ch.isascii() for ch in letters) / len(letters) if letters else 0.0
    if latin < 0.7:
        return False, language if language != "en" else "und"
    english = sum(w in _ENGLISH for w in words)
    other = max(sum(w in vocab for w in words) for vocab in _OTHER.values())
    if other > english and other >= 2:
        return False, language
    return True, "en"


def detect_language(text: str) -> tuple[str, float]:
    """A cheap guess by function-word share; good enough to keep non-English text out."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return "und", 0.0
    scores = {"en": sum(w in _ENGLISH for w in words) / len(words)}
    for code, vocab in _OTHER.items():
        scores[code] = sum(w in vocab for w in words) / len(words)
    best = max(scores, key=lambda k: scores[k])
    return best, scores[best]


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:8192]
    if b"\x00" in sample:
        return True
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start > len(sample) - 4:  # a multi-byte character cut by the sample boundary
            text = sample[: err.start].decode("utf-8", errors="ignore")
        else:
            return True
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return control > max(2, len(text) // 100)


def _page_date_params() -> dict[str, object]:
    """The page's own date only (metadata, <time>, JSON-LD, the URL): htmldate's extensive search also
    reads dates in the body text, where "since March 3, 2024" is an event's date, not the page's."""
    from datetime import timedelta

    return {"original_date": True, "extensive_search": False,
            "max_date": (date.today() + timedelta(days=2)).isoformat()}


def _extract_html(raw: str, url: str | None) -> Extracted | None:
    import trafilatura

    result = trafilatura.bare_extraction(
        raw, url=url, include_comments=False, include_tables=False, with_metadata=True, favor_precision=True,
        date_extraction_params=_page_date_params(),
    )
    if result is None:
        return None
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = data.get("text") or ""
    published = None
    if data.get("date"):
        try:
            published = date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    return Extracted(
        text=text,
        title=data.get("title") or None,
        published=published,
        outlet=data.get("sitename") or None,
        url=data.get("url") or url,
    )


def _clean_lines(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Normalise whitespace, drop captions, and take the byline and dateline off the top.

    Returns the text, the dateline's place, its date as written ("Jan. 6": the report's date, which
    is kept apart from the body so that it never dates an event) and the byline.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not _CAPTION.match(line)]
    byline = None
    while lines and _BYLINE.match(lines[0]):
        byline = lines.pop(0)
    dateline = dated = None
    # the dateline opens the body, which a headline may precede in a plain-text file
    for n in range(min(2, len(lines))):
        match = _DATELINE.match(lines[n])
        if match and len(lines[n]) > match.end() + 20 and lines[n][match.end()].isupper():
            dateline = match.group("place").split("/")[0].strip()  # the first city of a joint dateline
            dated = match.group("date")
            lines[n] = lines[n][match.end():]
            break
        if not _is_headline(lines[n]):
            break
    if dateline is None and lines and _lower_cased(lines):
        match = _LOWER_DATELINE.match(lines[0])
        if match and len(lines[0]) > match.end() + 20 and _names_a_town(match.group("place")):
            dateline = match.group("place")
            lines[0] = lines[0][match.end():]
    return "\n".join(lines), dateline, dated, byline


# A feed that lower-cases everything ("vadodara: the city police on tuesday ..."): its dateline is a
# known town or region before a colon at the very start.
_LOWER_DATELINE = re.compile(r"^(?P<place>[a-z][a-z.'\-]+(?: [a-z][a-z.'\-]+){0,2}):\s+")


def _lower_cased(lines: list[str]) -> bool:
    head = " ".join(lines[:3])[:2000]
    return sum(c.isalpha() for c in head) > 40 and not any(c.isupper() for c in head)


def _names_a_town(name: str) -> bool:
    """Only a place the index knows as a sizeable town, a region or a country ("police:" is no dateline)."""
    from .geo.gazetteer import gazetteer

    return any(p.kind in ("country", "admin1") or (p.kind == "city" and (p.population or 0) >= 50_000)
               for p in gazetteer().lookup(name.title()))


def _agency(text: str) -> str | None:
    """The agency a dateline names ("KHARTOUM, Nov 2 (Nile Wire) -"): the report's source when the
    input names no outlet of its own."""
    for line in text.lstrip().split("\n", 3)[:3]:
        match = _DATELINE.match(line)
        if match and match.group("agency"):
            return match.group("agency").strip()
    return None


def _dated(written: str | None) -> date | None:
    """The day a dateline gives when it gives its year ("Jan. 6, 2026"): the report's date when
    nothing else says it. Without a year it says nothing sure."""
    if not written:
        return None
    plain = re.sub(r"\.|(?<=Sep)t", "", written)
    for form in ("%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y"):
        try:
            return datetime.strptime(plain, form).date()
        except ValueError:
            continue
    return None


def _is_headline(line: str) -> bool:
    """A short line that does not end like a sentence: a title above the body."""
    return len(line.split()) <= 20 and not line.rstrip().endswith((".", "!", "?", ":", '"', "\u201d"))


def build_document(article: Article, *, max_bytes: int = MAX_BYTES) -> Document | Rejection:
    """The one door into the NLP layer: a clean `Document`, or a `Rejection` saying why not."""

    def reject(reason: RejectReason, message: str) -> Rejection:
        return Rejection(reason=reason.value, message=message, document_id=article.id, origin=article.origin)

    raw = article.raw
    if not raw.strip():
        return reject(RejectReason.EMPTY, "The input is empty: there is no text to code.")
    if len(raw) > max_bytes:
        return reject(
            RejectReason.TOO_LARGE,
            f"The input is {len(raw):,} bytes, over the limit of {max_bytes:,}; "
            "split it into articles or raise the limit with --max-bytes.",
        )
    if _looks_binary(raw):
        return reject(RejectReason.BINARY, "The input looks binary (NUL or control bytes), not text or HTML.")
    decoded = raw.decode("utf-8", errors="replace")
    title, published, outlet, url = article.title, article.published, article.outlet, article.url
    if article.kind == "html":
        extracted = _extract_html(decoded, url)
        if extracted is None or len(extracted.text.split()) < MIN_HTML_WORDS:
            return reject(RejectReason.NO_BODY, "The HTML page has no article body that could be extracted.")
        decoded = extracted.text
        title = title or extracted.title
        published = published or extracted.published
        outlet = outlet or extracted.outlet
        url = url or extracted.url
    text, dateline, dateline_date, byline = _clean_lines(decoded)
    outlet = outlet or _agency(decoded)
    if title is None and "\n" in text and _is_headline(text.split("\n", 1)[0]):
        title = text.split("\n", 1)[0]  # a plain-text file's first line, above its body
    # The input's own date, strongest first: a record's field or the page's metadata (above), a
    # dateline that gives its year, a date line under the headline, a day in the URL or file name.
    published = (published or _dated(dateline_date) or date_line(text.split("\n", 3)[:3])
                 or date_in_name(url) or date_in_name(article.origin))
    if len(text) > MAX_CHARS:
        return reject(
            RejectReason.TOO_LARGE,
            f"The text is {len(text):,} characters, over the limit of {MAX_CHARS:,}; split it into articles.",
        )
    if len(text.split()) < MIN_WORDS:
        return reject(RejectReason.EMPTY, f"The text has fewer than {MIN_WORDS} words: nothing to code.")
    english, language = reads_as_english(text)
    if not english:
        name = {"und": "undetermined", "en": "English, but too few English words"}.get(language, language)
        return reject(
            RejectReason.NOT_ENGLISH,
            f"The text does not read as English (best guess: {name}); polemos codes English news only.",
        )
    return Document(
        id=article.id,
        text=text,
        title=title,
        published=published,
        url=url,
        outlet=outlet,
        language="en",
        dateline=dateline,
        dateline_date=dateline_date,
        byline=byline,
    )
