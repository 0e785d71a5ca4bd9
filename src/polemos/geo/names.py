"""How a place name is written down for lookup: one key for "Türkiye", "Turkiye" and "TÜRKIYE".

News spells places with and without accents, with "St." or "Saint", with curly or straight
apostrophes and with hyphens or spaces; the index and every query go through `normalise` so
those variants meet on one key.
"""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'", "\u2010": "-", "\u2013": "-"})
_SEPARATORS = re.compile(r"[\s\-_/]+")
_DROPPED = re.compile(r"[.,()\"]")
# Abbreviations a reporter writes for the words a gazetteer spells out.
_EXPANSIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}
_LEADING_ARTICLE = "the "


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise(name: str) -> str:
    """The lookup key of a place name (lower case, no accents, abbreviations spelled out)."""
    text = strip_accents(name.translate(_APOSTROPHES)).casefold()
    text = _DROPPED.sub(" ", text)
    words = _SEPARATORS.sub(" ", text).strip().split(" ")
    words = [_EXPANSIONS.get(w, w) for w in words if w]
    key = " ".join(words)
    if key.startswith(_LEADING_ARTICLE) and len(key) > len(_LEADING_ARTICLE) + 2:
        key = key[len(_LEADING_ARTICLE) :]
    return key


def is_latin(name: str) -> bool:
    """True when a name is written in Latin letters (the only ones an English text will use)."""
    plain = strip_accents(name)
    return bool(plain) and all(c.isascii() for c in plain) and any(c.isalpha() for c in plain)


_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)[ \-']")
_DIGRAPHS = (("dj", "j"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("x", "ks"), ("ou", "u"))
_VOWELS = frozenset("aeiouyw")


def plain(name: str) -> str:
    """The name in lower-case ASCII letters and spaces, without a leading Arabic article."""
    text = strip_accents(name.translate(_APOSTROPHES)).casefold()
    text = _ARTICLE.sub("", text)
    return re.sub(r"[^a-z ]+", "", _SEPARATORS.sub(" ", text)).strip()


def skeleton(name: str) -> str:
    """One key for the transliterations of a name: Hodeidah, Hudaydah and Hodeida; Kharkiv and
    Kharkov; Timbuktu and Tombouctou. Its first letter and its consonants, with the letters that
    transliteration systems trade (q/k, dj/j, a silent h after a vowel) made one, doubles single."""
    text = plain(name).replace(" ", "")
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    if not text:
        return ""
    kept = [text[0]]
    for i, c in enumerate(text[1:], 1):
        if c in _VOWELS or (c == "h" and (text[i - 1] in _VOWELS or i == len(text) - 1)):
            continue
        if c != kept[-1]:
            kept.append(c)
    return "".join(kept)
