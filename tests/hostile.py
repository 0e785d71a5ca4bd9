"""Hypothesis strategies for hostile inputs (no test functions here): what a crawl, a dump or an
attacker may hand to `polemos ingest`, as the bytes of a .txt, .html or .jsonl file.

A `Hostile` input is a recipe (head + body × repeat + tail) so that a 10 MB input costs a few
bytes to draw and to send to a worker; `data()` builds it. The news sentences are our own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hypothesis import strategies as st

SUFFIXES = (".txt", ".html", ".jsonl", "")

NEWS = (
    "Gunmen attacked a police checkpoint in Quetta on Monday, killing three officers, officials said.",
    "The army said its troops had repelled an assault by rebel fighters near the northern border.",
    "Protesters clashed with security forces in the capital for a second day on Tuesday.",
    "A roadside bomb struck a military convoy in North Waziristan, the interior ministry said.",
    "Talks between the two governments resumed in Doha after a week of deadly border clashes.",
    "Police arrested twelve suspects after the attack on the market, a spokesman said.",
    "The rebels said they had captured the town, a claim the defence ministry denied.",
    "At least 40 people were killed when an airstrike hit a crowded market on Friday.",
)
WORDS = ("soldiers", "killed", "Quetta", "rebels", "police", "the", "attack", "and", "army", "Kabul", "said",
         "fighters", "of", "in", "border", "52", "drone", "ministry", "town", "wounded")

# Characters that break naive text handling: zero-width, bidi controls, C0/C1 controls, odd spaces.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2028\u2029\u00a0\u3000\u202f"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
CONTROL = "".join(chr(c) for c in (*range(1, 32), 127, *range(0x80, 0xa0)))
SCRIPTS = ((0x0600, 0x06ff), (0x0590, 0x05ff), (0x0400, 0x04ff), (0x4e00, 0x9fff), (0x0900, 0x097f),
           (0x0e00, 0x0e7f), (0xac00, 0xd7a3), (0x1f300, 0x1f6ff), (0x0300, 0x036f), (0x10000, 0x1007f))
MAGIC = (b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"PK\x03\x04", b"\xff\xd8\xff\xe0",
         b"GIF89a", b"\x7fELF", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00<")
TAGS = ("div", "p", "span", "table", "tr", "td", "script", "style", "a", "b", "i", "article", "main",
        "svg", "math", "template", "iframe", "noscript", "title", "head", "body", "html", "ul", "li")


@dataclass(frozen=True, slots=True)
class Hostile:
    kind: str  # which class of hostility, for the report
    suffix: str
    head: bytes = b""
    body: bytes = b""
    repeat: int = 1
    tail: bytes = b""

    def data(self) -> bytes:
        return self.head + self.body * self.repeat + self.tail

    @property
    def size(self) -> int:
        return len(self.head) + len(self.body) * self.repeat + len(self.tail)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


scripts_text = st.sampled_from(SCRIPTS).flatmap(
    lambda r: st.text(st.characters(min_codepoint=r[0], max_codepoint=r[1]), min_size=1, max_size=40))
news = st.lists(st.sampled_from(NEWS), min_size=1, max_size=8).map(" ".join)
junk_char = st.sampled_from(INVISIBLE + BIDI + CONTROL)


@st.composite
def sprinkled(draw: st.DrawFn, text: str, alphabet: st.SearchStrategy[str], most: int = 60) -> str:
    """`text` with characters of `alphabet` dropped in at drawn places."""
    chars = list(text)
    for _ in range(draw(st.integers(1, most))):
        chars.insert(draw(st.integers(0, len(chars))), draw(alphabet))
    return "".join(chars)


def binary() -> st.SearchStrategy[Hostile]:
    return st.builds(lambda magic, noise, suffix: Hostile("binary", suffix, magic, noise),
                     st.sampled_from((b"", *MAGIC)), st.binary(min_size=1, max_size=4096), st.sampled_from(SUFFIXES))


def empty() -> st.SearchStrategy[Hostile]:
    blank = st.text(st.sampled_from(" \t\r\n\f\v" + INVISIBLE), max_size=200)
    return st.builds(lambda text, suffix: Hostile("empty", suffix, _utf8(text)), blank, st.sampled_from(SUFFIXES))


def huge(scale: float) -> st.SearchStrategy[Hostile]:
    """10 MB of text or HTML, or just over a limit: 2 MB of bytes, 1 million characters of text."""
    sizes = st.sampled_from((10_000_000, 2_000_001, 1_500_000, 1_050_000)) if scale >= 1 else st.just(2_000_001)
    def build(sentence: str, size: int, suffix: str) -> Hostile:
        head, tail = (b'{"id": "huge", "text": "', b'"}') if suffix == ".jsonl" else (b"", b"")
        line = _utf8(sentence + ("\\n" if suffix == ".jsonl" else "\n"))
        return Hostile("huge", suffix, head, line, size // len(line) + 1, tail)

    return st.builds(build, st.sampled_from(NEWS), sizes, st.sampled_from(SUFFIXES))


@st.composite
def nested_html(draw: st.DrawFn, scale: float) -> Hostile:
    """Tags nested thousands deep, closed or not, with an article body somewhere inside."""
    tag = draw(st.sampled_from(TAGS))
    depth = draw(st.integers(10, int(20_000 * scale) + 10))
    closed = draw(st.booleans())
    body = _utf8(f"<p>{draw(news)}</p>")
    opening = f"<{tag}>".encode()
    tail = f"</{tag}>".encode() * depth if closed else b""
    return Hostile("nested_html", draw(st.sampled_from((".html", ".html", ".txt", ""))),
                   b"<!DOCTYPE html><html><body>", opening, depth, body + tail)


@st.composite
def broken_html(draw: st.DrawFn) -> Hostile:
    """Tag soup: unclosed comments and scripts, stray entities, attributes without end."""
    pieces = draw(st.lists(st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"), st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(("<!--", "-->", "<![CDATA[", "]]>", "<?xml", "<!DOCTYPE", "&#0;", "&#xFFFFFFFF;",
                         "&#99999999999;", "&nbsp", "&amp;amp;", "<a href='", '<img src="x" onerror=', "<",
                         ">", "<script>", "</scr", "<meta charset=\"utf-32\">", "<base href=//x>")),
        news, scripts_text), min_size=1, max_size=80))
    return Hostile("broken_html", draw(st.sampled_from((".html", ".html", ".txt", ".jsonl"))),
                   b"<html><body>", _utf8("".join(pieces)))


@st.composite
def mixed_scripts(draw: st.DrawFn) -> Hostile:
    parts = draw(st.lists(st.one_of(news, scripts_text), min_size=1, max_size=30))
    return Hostile("mixed_scripts", draw(st.sampled_from((".txt", ""))), _utf8(" ".join(parts)))


@st.composite
def rtl(draw: st.DrawFn) -> Hostile:
    """English reports under bidi overrides, with Arabic and Hebrew words among them."""
    rtl_words = st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06ff), min_size=1, max_size=12)
    text = draw(sprinkled(draw(news), st.one_of(st.sampled_from(BIDI), rtl_words)))
    return Hostile("rtl", draw(st.sampled_from((".txt", ".html", ""))), _utf8(text))


@st.composite
def invisible(draw: st.DrawFn) -> Hostile:
    """Zero-width, control and odd space characters inside and between words, or bytes that are not UTF-8."""
    text = draw(sprinkled(draw(news), junk_char, most=200))
    raw = _utf8(text)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.sampled_from((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe2\x82", b"\x80\x80"))) + raw[cut:]
    return Hostile("invisible", draw(st.sampled_from((".txt", ".html", ""))), raw)


HUGE_NUMBER_SENTENCES = (
    "At least {n} soldiers were killed and {m} wounded in Quetta on {d}, officials said.",
    "The attack came {n} days ago, and {m} weeks later the rebels struck again.",
    "Fighting resumed in the {n}th week of {d}, the army said, after {m} months of calm.",
    "In Q{n} {d} and the first half of {m}, some {n} million people fled the fighting.",
    "Police said {n} to {m} protesters were detained between {d} and {n}.",
    "The ministry said {n} people were killed on {m}/{d}/{n} and {n}.{m}.{d} in Kabul.",
    "Between {n} and {m} fighters died in the {d}s, the report said, {n} years after the war.",
)


@st.composite
def huge_numbers(draw: st.DrawFn) -> Hostile:
    """Figures no parser expects: hundreds of digits, exponents, impossible dates and counts."""
    digits = st.integers(1, 6000).map(lambda n: "9" * n)
    number = st.one_of(digits, st.integers().map(str), st.floats(allow_nan=True).map(str),
                       st.sampled_from(("1e308", "10^1000", "-0", "1,000,000,000,000,000,000", "a trillion trillion",
                                        "0x7fffffffffffffff", "99/99/99999", "February 30", "the year 10000000",
                                        "1.2.3.4.5", "½", "\u0664\u0662", "\uff15\uff10", "\u2167")))
    figures = draw(st.lists(number, min_size=1, max_size=12))
    templates = st.sampled_from(HUGE_NUMBER_SENTENCES)
    sentences = [draw(templates).format(n=n, m=m, d=d)
                 for n, m, d in zip(figures, reversed(figures), figures[1:] + figures[:1])]
    return Hostile("huge_numbers", draw(st.sampled_from((".txt", ""))), _utf8(" ".join(sentences)))


@st.composite
def enormous_sentence(draw: st.DrawFn, scale: float) -> Hostile:
    """One sentence of thousands of words with no full stop, or one word of thousands of letters."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=5, max_size=20))
    run = " ".join(words) + draw(st.sampled_from((" ", ", ", " and ", "-")))
    lengths = (1_000,) * 8 + (5_000,) * 6 + (20_000,) * 3 + (60_000,) * 2 + (200_000,)  # characters; long ones rarer
    target = draw(st.sampled_from(lengths if scale >= 1 else (2_000, 8_000)))
    if draw(st.integers(0, 9)) == 0:
        run = draw(st.sampled_from(WORDS))  # no space at all: one enormous token
    return Hostile("enormous_sentence", draw(st.sampled_from((".txt", ""))), _utf8(draw(news) + " "),
                   _utf8(run), target // len(_utf8(run)) + 1, b" in Quetta.")


@st.composite
def jsonl(draw: st.DrawFn) -> Hostile:
    """A batch whose lines are broken JSON, records of the wrong shape, or hostile text in a record."""
    value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20),
                      st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
    body = st.one_of(news, st.text(max_size=300), news.flatmap(lambda t: sprinkled(t, junk_char)),
                     st.just("\\ud800 lone"), scripts_text)
    record = st.fixed_dictionaries({}, optional={
        "id": value, "text": st.one_of(body, value), "html": st.one_of(body.map(lambda t: f"<p>{t}</p>"), value),
        "title": st.one_of(value, body), "published": st.one_of(value, st.sampled_from(
            ("2025-02-30", "99999-01-01", "0000-00-00", "yesterday", "1e308", "2025-13-45T99:99"))),
        "url": st.one_of(value, st.sampled_from(("http://", "https://a..b/2025/99/99/x", "javascript:x"))),
        "outlet": value})
    line = st.one_of(record.map(lambda r: json.dumps(r)),
                     record.map(lambda r: json.dumps(r).replace("lone", '\\ud800"')),  # broken on purpose
                     st.sampled_from(('{"text": "\\ud800\\udc00 ok \\ud800"}', "[1, 2]", "null", '"a string"', "{",
                                      '{"text": ' + '['*5000 + ']'*5000 + '}', "\x00\x01")),
                     st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
    lines = draw(st.lists(line, min_size=1, max_size=5))
    raw = b"\n".join(line.encode("utf-8", errors="surrogatepass") for line in lines)
    return Hostile("jsonl", ".jsonl", raw)


@st.composite
def hostile_article(draw: st.DrawFn) -> Hostile:
    """A plausible English report with one hostile thing inside: it passes the filters and reaches the parser."""
    base = draw(news)
    insert = draw(st.one_of(scripts_text, st.text(junk_char, min_size=1, max_size=50),
                            st.sampled_from(("\u202e", "9" * 500, "(" * 300, '"' * 200, "A.B.C." * 100,
                                             "http://" + "a" * 3000, "@" * 1000, "#" * 500, "\n" * 500))))
    at = draw(st.integers(0, len(base)))
    return Hostile("hostile_article", draw(st.sampled_from((".txt", ".html", ""))),
                   _utf8(base[:at] + insert + base[at:]))


def hostile(scale: float = 1.0) -> st.SearchStrategy[Hostile]:
    """Every class above; `scale` below 1 keeps the costly sizes small (the CI fuzz)."""
    classes = (binary(), empty(), huge(scale), nested_html(scale), broken_html(), mixed_scripts(), rtl(),
               invisible(), huge_numbers(), enormous_sentence(scale), jsonl(), hostile_article())
    # each class about as often: one_of and sampled_from favour their first choices
    return st.integers(0, 2**32 - 1).flatmap(lambda n: classes[n % len(classes)])
