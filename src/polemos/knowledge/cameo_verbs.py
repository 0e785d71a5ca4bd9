"""Read CAMEO/PETRARCH verb dictionaries into polemos trigger-lexicon entries.

Why: the TABARI/PETRARCH verb dictionaries hold decades of event-coding knowledge, and PETRARCH2's
unit records test coding *given* their own verb dictionary. A verb dictionary reads

    &WEAPONRY                      a synset: its members follow on '+' lines
    +ROCKETS
    +HEAVY_GUNS
    --- SHELL  [190] ---           a verb block and its default CAMEO code ('---': no event)
    SHELL                          a verb of the block (its inflections may follow in {...})
    +OPEN_FIRE [190]               a multi-word verb: '+' marks the verb word; its own code
    - * &WEAPONRY (AT +) [194]     a pattern: '*' is the verb, words before it come before the
                                   verb, (...) a prepositional phrase, {...} a noun phrase,
                                   $ + ^ % actor markers, '_' joins words, [A:B] a paired code

Each verb and each (verb, pattern) pair becomes one line of polemos' trigger lexicon (the shape
data/triggers.tsv has): the verb and the pattern's words form a phrase, which polemos' event step
matches when the words stand together or are linked in the parse. The CAMEO code is kept as
`cameo`; the PLOVER root and mode come from the PLOVER project's CAMEO2PLOVER table, read in place.
Actor markers are dropped: polemos' own argument rules find the source and target.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING

from ..nlp.triggers import DATA, Entry, Lexicon, read_entries

if TYPE_CHECKING:
    from spacy.language import Language

PLOVER_TABLE_ENV = "POLEMOS_CAMEO2PLOVER"
PLOVER_TABLE = Path("external") / "plover" / "CAMEO2PLOVER-2021.txt"
MAX_VARIANTS = 48  # synset expansions kept per pattern: enough for real synsets, bounded for speed
MARKERS = frozenset("$+^%")
EVENTS_STEP = "polemos_events"

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_HEADER = re.compile(r"^---\s*(.*?)\s*---\s*$")
_DIGITS = re.compile(r"^(\d{2,4})")


@dataclass(frozen=True, slots=True)
class Plover:
    """What a CAMEO code is in PLOVER: root and (when the table names one) mode."""

    root: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class VerbTrigger:
    """One phrase of a verb dictionary and its CAMEO code (before PLOVER mapping)."""

    words: tuple[str, ...]  # lower case, the verb's own words first
    cameo: str
    verb: str  # the block's verb, for reports


@dataclass(frozen=True, slots=True)
class Imported:
    """The lexicon entries read from one dictionary and what could not be taken over."""

    entries: tuple[Entry, ...]
    triggers: int  # phrases read (verbs and patterns)
    unmapped: int  # phrases dropped: their CAMEO code has no PLOVER root (01, 02, test codes)


# ---------------------------------------------------------------- PLOVER's conversion table


def default_plover_table() -> Path:
    """POLEMOS_CAMEO2PLOVER, else external/plover/CAMEO2PLOVER-2021.txt in the data folder beside the repo
    (read in place: the table is the PLOVER project's, under its own licence)."""
    value = os.environ.get(PLOVER_TABLE_ENV)
    if value:
        return Path(value)
    from ..evaluation.base import default_data_path

    return default_data_path() / PLOVER_TABLE


@lru_cache(maxsize=4)
def read_plover_table(path: Path) -> dict[str, Plover]:
    """CAMEO code -> PLOVER root and mode, from lines such as `0874: RETREAT, disarm, military # ...`."""
    table: dict[str, Plover] = {}
    if not path.exists():
        return table
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(r"\s*(\d{2,4})\s*:\s*([A-Za-z_]+)\s*(?:,\s*([^,#]*))?", line)
        if match and match.group(1) not in table:
            mode = (match.group(3) or "").strip().replace(" ", "") or None
            table[match.group(1)] = Plover(match.group(2).upper(), mode)
    return table


def plover_for(code: str, table: dict[str, Plover]) -> Plover | None:
    """The PLOVER reading of a CAMEO code: the code itself, else its 3- then 2-digit parent."""
    digits = _DIGITS.match(code)
    if digits is None:
        return None
    number = digits.group(1)
    for length in (len(number), 3, 2):
        if number[:length] in table:
            return table[number[:length]]
    return None


# ---------------------------------------------------------------- the dictionary format


def _first_code(text: str) -> str | None:
    """'[042:043]' -> '042' (the source's side of a paired code); '[:054]' -> '054'; '[---]' -> None."""
    codes = _CODE.findall(text)
    if not codes:
        return None
    for part in codes[0].split(":"):
        part = part.strip().rstrip("?")
        if part and _DIGITS.match(part):
            return part
    return None


def _uncomment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _verb_words(raw: str) -> tuple[str, ...]:
    """'KLM_NOP_+RST' -> ('rst', 'klm', 'nop'): the verb word (marked '+', else the first) leads."""
    words = [w for w in re.split(r"[_\s]+", raw.strip()) if w]
    marked = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    words = [w.lstrip("+").lower() for w in words]
    return tuple(w for w in [words[marked]] + words[:marked] + words[marked + 1 :] if w)


def read_synsets(lines: Sequence[str]) -> dict[str, list[str]]:
    """'&NAME' blocks and their '+' member phrases (members may name other synsets: expanded later)."""
    raw: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = _uncomment(line).strip()
        if text.startswith("&"):
            current = text[1:].split()[0].rstrip("_").upper()
            raw[current] = []
        elif text.startswith("+") and current is not None:
            raw[current].append(text[1:].strip())
        else:
            current = None
    return raw


def _expand_member(member: str, raw: dict[str, list[str]], seen: frozenset[str]) -> list[str]:
    name = member[1:].rstrip("_").upper() if member.startswith("&") else None
    if name is None:
        return [member]
    if name in seen or name not in raw:
        return []
    return [m for inner in raw[name] for m in _expand_member(inner, raw, seen | {name})]


def _tokens(pattern: str) -> list[str]:
    """A pattern's words with brackets as their own tokens; '_' joins are read as separate words."""
    spaced = re.sub(r"([(){}])", r" \1 ", pattern)
    return [t for t in re.split(r"[\s_]+", spaced) if t]


def _segments(tokens: Iterable[str]) -> list[list[str]]:
    """Words in runs: a run ends at a bracket or a marker (a phrase boundary)."""
    runs: list[list[str]] = [[]]
    for token in tokens:
        if token in "(){}" or token in MARKERS:
            runs.append([])
            continue
        word = token.strip("+").strip()
        if word and word not in MARKERS:
            runs[-1].append(word)
    return [r for r in runs if r]


def _orders(before: list[list[str]], after: list[list[str]]) -> list[tuple[str, ...]]:
    """Word orders for polemos' phrase matcher (each next word must be adjacent to the last or linked
    to one already matched): as written (chains: "to let escape"), and heads first in every run
    ("the new protocol": protocol, then new). Words before the verb follow it, nearest first."""
    pre = [w for run in reversed(before) for w in reversed(run)]
    written = tuple(w for run in after for w in run) + tuple(pre)
    heads_first = tuple(w for run in after for w in reversed(run)) + tuple(pre)
    return [written] if written == heads_first else [written, heads_first]


def _pattern_phrases(body: str, synsets: dict[str, list[str]]) -> list[tuple[str, ...]]:
    """The word orders of one pattern body (code and comment removed), synsets expanded."""
    tokens = _tokens(body)
    if "*" not in tokens:
        return []
    slots: list[list[list[str]]] = []  # each token: its alternatives, each a list of tokens
    for token in tokens:
        if token.startswith("&"):
            members = _expand_member(token, synsets, frozenset())
            slots.append([_tokens(m) for m in members] or [[]])
        else:
            slots.append([[token]])
    phrases: list[tuple[str, ...]] = []
    for choice in product(*slots):
        flat = [t for alternative in choice for t in alternative]
        star = flat.index("*")
        for order in _orders(_segments(flat[:star]), _segments(flat[star + 1 :])):
            phrase = tuple(w.lower() for w in order)
            if phrase not in phrases:
                phrases.append(phrase)
        if len(phrases) >= MAX_VARIANTS:
            break
    return phrases


def read_verb_dictionary(path: Path | str) -> list[VerbTrigger]:
    """Every verb and (verb, pattern) phrase of a CAMEO/PETRARCH verb dictionary, in file order.

    A verb without a code of its own takes its block's; a pattern coded '---' or one whose words
    are only the verb and actor markers adds nothing (the verb's own entry stands)."""
    text = _COMMENT.sub("", Path(path).read_text(encoding="utf-8", errors="replace"))
    lines = text.splitlines()
    synsets = read_synsets(lines)
    out: list[VerbTrigger] = []
    seen: set[tuple[str, ...]] = set()

    def add(words: tuple[str, ...], code: str | None, verb: str) -> None:
        if code and words and words not in seen:
            seen.add(words)
            out.append(VerbTrigger(words, code, verb))

    block: str | None = None
    default: str | None = None
    verbs: list[tuple[str, ...]] = []
    for raw in lines:
        if raw.lstrip().startswith("#") or raw.lstrip().startswith("~"):
            continue
        header = _HEADER.match(raw.strip())
        if header:
            block = _CODE.sub("", header.group(1)).split("#")[0].strip().rstrip("_") or None
            default = _first_code(header.group(1))
            verbs = []
            continue
        line = _uncomment(raw).strip()
        if block is None or not line:
            continue
        if line.startswith("&"):
            block = None  # a synset between verb blocks ends the block
            continue
        if line.startswith("- ") or line == "-":
            code = _first_code(line)
            phrases = [p for p in _pattern_phrases(_CODE.sub(" ", line[1:]), synsets) if p] if code else []
            for words in verbs:
                for phrase in phrases:
                    add(words + phrase, code, block)
            continue
        name = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", line)).strip()
        words = _verb_words(name)
        if not words:
            continue
        verbs.append(words)
        add(words, _first_code(line) if _CODE.search(line) else default, block)
    return out


# ---------------------------------------------------------------- into polemos' lexicon


def trigger_rows(triggers: Iterable[VerbTrigger], table: dict[str, Plover], unmapped_root: str | None = None) -> list[str]:
    """Lines of a trigger-lexicon TSV (lemma, pos, root, mode, cameo, acled, needs).

    A code PLOVER has no root for (CAMEO's 01 statements and 02 appeals, a dictionary's own test
    codes) is dropped, or given `unmapped_root` when a caller scores CAMEO codes rather than PLOVER."""
    rows = []
    for trigger in triggers:
        plover = plover_for(trigger.cameo, table)
        if plover is None and unmapped_root is None:
            continue
        root, mode = (plover.root, plover.mode) if plover else (unmapped_root, None)
        rows.append("\t".join((" ".join(trigger.words), "VERB", root, mode or "-", trigger.cameo, "-", "-")))
    return rows


def import_cameo_verbs(
    path: Path | str, plover_table: Path | None = None, unmapped_root: str | None = None
) -> Imported:
    """A CAMEO verb dictionary as polemos lexicon entries (PLOVER root and mode, CAMEO code kept)."""
    table_path = plover_table or default_plover_table()
    table = read_plover_table(Path(table_path))
    if not table:
        raise FileNotFoundError(
            f"CAMEO2PLOVER table not found at {table_path}: set {PLOVER_TABLE_ENV} to the PLOVER project's table"
        )
    triggers = read_verb_dictionary(path)
    rows = trigger_rows(triggers, table, unmapped_root)
    entries = read_entries(str(path), "\n".join(rows))
    return Imported(tuple(entries), len(triggers), len(triggers) - len(rows))


def cameo_lexicon(
    paths: Sequence[Path | str],
    *,
    shipped: bool = True,
    plover_table: Path | None = None,
    unmapped_root: str | None = None,
) -> Lexicon:
    """A trigger lexicon of the dictionaries' verbs, before polemos' own entries when `shipped`
    (a dictionary's verb then wins where both name the same word alone)."""
    entries: list[Entry] = []
    for path in paths:
        entries.extend(import_cameo_verbs(path, plover_table, unmapped_root).entries)
    if shipped:
        entries.extend(read_entries(DATA / "triggers.tsv"))
    return Lexicon(entries)


def use_cameo_verbs(nlp: "Language", paths: Sequence[Path | str], **options: object) -> "Language":
    """Give this pipeline's event step the dictionaries' verbs (options as for `cameo_lexicon`).

    Call it on a pipeline of your own (e.g. `build_pipeline.__wrapped__()`), not the cached shared one."""
    events = nlp.get_pipe(EVENTS_STEP)
    events.lexicon = cameo_lexicon(paths, **options)  # type: ignore[attr-defined, arg-type]
    return nlp
