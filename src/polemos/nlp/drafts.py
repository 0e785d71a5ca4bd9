"""Events being drafted: one sentence's triggers before they become records, and how one trigger
takes another as its content ("agreed to [a ceasefire]": data/content_modes.tsv) or names the same
act ("fired [a barrage]")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..records import Acled
from .triggers import Match, read_cues

# Links through which one trigger takes another as its content ("agreed to [a ceasefire]").
CONTENT_LINKS = frozenset({"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "nsubjpass", "advcl", "attr", "compound"})
CONTENT_PREPS = frozenset({"to", "for", "on", "upon", "of", "with", "about", "into", "from", "against"})


@dataclass(frozen=True, slots=True)
class ContentRule:
    outer: str
    inner: str
    inner_mode: str
    root: str
    mode: str | None
    cameo: str


@lru_cache(maxsize=1)
def load_content_rules() -> tuple[ContentRule, ...]:
    rules = []
    for row in read_cues("content_modes.tsv"):
        outer, inner, inner_mode, root, mode, cameo = (c.strip() for c in row[:6])
        rules.append(ContentRule(outer, inner, inner_mode, root, None if mode == "-" else mode, cameo))
    return tuple(rules)


def content_rule(outer: str, inner: str, inner_mode: str | None) -> ContentRule | None:
    for rule in load_content_rules():
        if rule.outer == outer and rule.inner == inner and rule.inner_mode in {"*", inner_mode or ""}:
            return rule
    return None


@lru_cache(maxsize=1)
def load_target_modes() -> dict[str, tuple[str, str]]:
    """Target words that tell the ASSAULT mode (data/target_modes.tsv)."""
    return {row[0].strip(): (row[1].strip(), row[2].strip()) for row in read_cues("target_modes.tsv")}


# Verbs that deliver an attack named by their object ("fired a barrage"): verb and noun are one event.
DELIVERING_VERBS = frozenset({"fire", "unleash", "launch", "drop", "lob", "hurl", "rain"})


@dataclass
class Draft:
    """An event being built: mutable while its sentence is read, frozen into an Event at the end."""

    match: Match
    root: str
    mode: str | None
    cameo: str
    acled: Acled | None
    content: Match | None = None
    absorbed: bool = False


def fold_named_attacks(doc: Doc, drafts: dict[int, Draft]) -> None:
    """One attack told by a verb that delivers it and the noun that names it is one event: "fired a
    barrage", "unleashed a salvo" (the verb's, with the noun's mode). Only delivering verbs: the
    attack someone "repelled" or "condemned" is another event."""
    for draft in drafts.values():
        anchor = doc[draft.match.anchor]
        if draft.absorbed or draft.root != "ASSAULT" or anchor.pos_ != "NOUN" or anchor.dep_ not in ("dobj", "obj"):
            continue
        verb = drafts.get(anchor.head.i)
        if verb is None or verb is draft or verb.absorbed or verb.root != "ASSAULT":
            continue
        if anchor.head.lemma_.lower() in DELIVERING_VERBS:
            draft.absorbed = True
            verb.mode = verb.mode or draft.mode


def mode_of(rule: ContentRule | None, current: str | None) -> str | None:
    """The mode a conversion gives: the rule's own, or the current one for "*" and "="."""
    if rule is None or rule.mode in {"*", "="}:
        return current if rule is not None else None
    return rule.mode


def governing_trigger(anchor: Token, by_token: dict[int, Match], own: Match) -> Match | None:
    """The nearest trigger above this one, reached through complement links only."""
    node = anchor
    words = 0
    for _ in range(5):
        if node.dep_ not in CONTENT_LINKS and node.dep_ != "conj" or node.head is node:
            return None
        node = node.head
        if node.pos_ == "ADP" and node.lemma_.lower() not in CONTENT_PREPS:
            return None  # "reached after two days of talks": an adjunct, not the content
        if node.pos_ in {"NOUN", "VERB"}:
            words += 1
            if words > 2:
                return None
        match = by_token.get(node.i)
        if match is not None and match is not own:
            return match if match.anchor == node.i else None
        if node.pos_ == "VERB":
            # a light verb lends its object's event: "staged protests to demand ...", "began a strike to ..."
            for child in node.children:
                light = by_token.get(child.i)
                if child.dep_ in {"dobj", "obj"} and light is not None and light is not own and light.anchor == child.i:
                    return light
    return None
