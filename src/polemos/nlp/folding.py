"""One incident, one event, within an article: verdicts applied, retellings folded in.

An act is often told several times (the lede, a quote, a later paragraph with its toll). The
learned judge marks a later telling `restated`; it then joins the nearest earlier event of the
same root whose parties, place and date do not conflict. Two asserted events of one root also
fold when their triggers are tied in the parse ("a drone strike hit a car": the noun is the
verb's subject; "shelled and bombed the town": coordinated verbs), or when their sides agree and so does their place or day, and nothing conflicts (sides,
place, day, mode). The
folded event keeps the first telling's figures and takes what it lacked from the others; every
telling stays as an evidence span in `mentions`. An exchange of fire or talks told from both
sides are one event: for reciprocal roots the sides may be swapped, and the records the rules make
for each side of one trigger are one event.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from ..ontology import ACLED_SUBTYPES, DOUBTFUL, LIVE, ROOT_CAMEO
from ..periods import dates_compatible
from ..records import Acled, Event, Party, Span, replace
from .factuality import Verdict, rule_factuality


def apply_verdicts(events: Iterable[Event], verdicts: dict[str, Verdict]) -> list[Event]:
    """Each event as the judge sees it. One it doubts is an event at all stays, `doubtful` and never
    live, with the rules' root: nothing a sentence-level reader needs is lost. The confidence stays
    the rules' (how well the sentence's grammar fills the event); the judge's probability decides."""
    judged = []
    for event in events:
        verdict = verdicts.get(event.id)
        if verdict is None:
            judged.append(replace(event, factuality=rule_factuality(event)))
            continue
        if not verdict.keep:
            judged.append(replace(event, factuality=DOUBTFUL))
            continue
        changes: dict = {"factuality": verdict.factuality, "negated": verdict.factuality == "negated",
                         "hypothetical": verdict.factuality == "hypothetical"}
        if verdict.root != event.type:
            changes.update(type=verdict.root, mode=None, cameo=ROOT_CAMEO.get(verdict.root, event.cameo))
        if verdict.acled is not None:
            changes["acled"] = Acled(ACLED_SUBTYPES[verdict.acled], verdict.acled)
        elif verdict.root != event.type:
            changes["acled"] = None
        judged.append(replace(event, **changes))
    return judged


def _party_conflict(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return False
    if a.id and b.id and a.id == b.id or a.name.lower() == b.name.lower():
        return False
    return bool(a.country and b.country and a.country != b.country)


def _party_agrees(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return False
    return bool(a.id and a.id == b.id) or a.name.lower() == b.name.lower() or bool(a.country and a.country == b.country)


RECIPROCAL = frozenset({"ASSAULT", "CONSULT", "AGREE", "COOPERATE"})


def _sides_conflict(kept: Event, other: Event) -> bool:
    straight = _party_conflict(kept.actor, other.actor) or _party_conflict(kept.target, other.target)
    if not straight or kept.type not in RECIPROCAL:
        return straight
    return _party_conflict(kept.actor, other.target) or _party_conflict(kept.target, other.actor)


def _straight_conflict(kept: Event, other: Event) -> bool:
    """The actors or the targets differ as written: a restatement says who did it again, so "the
    Taliban responded with attacks" after "Pakistan's airstrikes" is a new act, not a retelling."""
    return _party_conflict(kept.actor, other.actor) or _party_conflict(kept.target, other.target)


def _conflict(kept: Event, other: Event) -> bool:
    if _sides_conflict(kept, other):
        return True
    if kept.mode and other.mode and kept.mode != other.mode:
        return True
    if kept.location and other.location and kept.location.country and other.location.country \
            and kept.location.country != other.location.country:
        return True
    if kept.date and other.date and kept.date.source == "text" and other.date.source == "text" \
            and not dates_compatible(kept.date.value, other.date.value):
        return True
    return False


def _retold(kept: Event, other: Event) -> bool:
    """Two asserted tellings in different sentences are one act only when the sides agree and so
    does a named place finer than a province: the same dyad, country or day alone is a war's many acts."""
    sides = max(
        _party_agrees(kept.actor, other.actor) + _party_agrees(kept.target, other.target),
        _party_agrees(kept.actor, other.target) + _party_agrees(kept.target, other.actor) if kept.type in RECIPROCAL else 0,
    )
    place = bool(kept.location and other.location and kept.location.name == other.location.name
                 and kept.location.precision in _FINE and other.location.precision in _FINE)
    return sides >= 1 and place


def joint(one: Party | None, other: Party | None) -> Party | None:
    """Two parties named together for one act ("Türkiye and Qatar mediated"): one joint party, with
    the country and sector they share, else none (docs/event-codebook.md §3)."""
    if one is None or other is None:
        return one or other
    if one.name.lower() == other.name.lower() or (one.id and one.id == other.id):
        return one
    names = [n for n in (*one.name.split(" and "), *other.name.split(" and "))]
    texts = [t for t in (*one.text.split(" and "), *other.text.split(" and "))]
    unique = list(dict.fromkeys(names))
    ids = sorted({i for p in (one, other) for i in (p.id or "").split("+") if i})
    return Party(
        text=" and ".join(dict.fromkeys(texts)), name=" and ".join(unique),
        country=one.country if one.country == other.country else None,
        sector=one.sector if one.sector == other.sector else "JNT",  # a joint actor, as polemos_actors names one
        id="+".join(ids) if len(ids) > 1 else None,
    )


def _swapped(kept: Event, other: Event) -> bool:
    return _party_agrees(kept.actor, other.target) and _party_agrees(kept.target, other.actor)


def _merge_sides(kept: Event, other: Event) -> Event:
    """The records of one trigger made per side become one event: swapped sides stay a dyad, parties
    named together become a joint party."""
    if _swapped(kept, other):
        return _merge(kept, other)
    merged = _merge(kept, other)
    return replace(merged, actor=joint(kept.actor, other.actor), target=joint(kept.target, other.target))


def _joined_trigger(kept: Event, other: Event) -> Span:
    """Two words of one sentence naming one act ("imposed sanctions", "drone strike hit") become one
    trigger when they stand close; far apart, the first one names the act."""
    start, end = min(kept.trigger.start, other.trigger.start), max(kept.trigger.end, other.trigger.end)
    sentence = kept.evidence
    if end - start > 30 or not (sentence.start <= start and end <= sentence.end):
        return kept.trigger
    return Span(start, end, sentence.text[start - sentence.start:end - sentence.start])


_AGENCIES = frozenset({"COP", "MIL", "SPY", "JUD"})  # arms of a government, finer than GOV
_ARMED_GROUPS = frozenset({"REB", "IMG"})  # "jihadists", "rebels", "JNIM": namings of one armed group


def _finer(kept: Party | None, other: Party | None) -> Party | None:
    """Of two namings of one side of one act, the more specific: "Jihadists kill…" then "JNIM
    attacked…" is JNIM's attack; "authorities arrested…" then "police detained…" is the police's
    arrest. A joint party is never narrowed, and parties of different countries are not one side."""
    if kept is None or other is None:
        return kept or other
    if kept.sector == "JNT" or other.sector == "JNT" or _party_conflict(kept, other):
        return kept
    if kept.sector is not None and other.sector is not None and kept.sector != other.sector \
            and not (kept.sector == "GOV" and other.sector in _AGENCIES) \
            and not (kept.sector in _ARMED_GROUPS and other.sector in _ARMED_GROUPS):
        return kept  # civilians and a military post are two targets, not two namings of one
    if kept.id is None and other.id is not None:
        return other
    if kept.sector == other.sector and kept.country is None and other.country is not None:
        return other  # "al Qaeda" then "JNIM": the named affiliate over the network it belongs to
    same_country = bool(kept.country and kept.country == other.country)
    if same_country and (kept.sector is None and other.sector is not None
                         or kept.sector == "GOV" and other.sector in _AGENCIES):
        return other
    return kept


def _merge(kept: Event, other: Event) -> Event:
    spans = {(m.start, m.end): m for m in (*kept.mentions, other.evidence, *other.mentions)}
    spans.pop((kept.evidence.start, kept.evidence.end), None)
    return replace(
        kept,
        mentions=tuple(spans[k] for k in sorted(spans)),
        actor=_finer(kept.actor, other.actor),
        target=_finer(kept.target, other.target),
        location=kept.location or other.location,
        date=kept.date if kept.date and kept.date.source == "text" else other.date or kept.date,
        fatalities=kept.fatalities or other.fatalities,
        acled=kept.acled or other.acled,
        confidence=max(kept.confidence, other.confidence),
        claimed_by=kept.claimed_by or other.claimed_by,
    )


_FINE = frozenset({"point", "city", "admin2"})
_TIES = frozenset({"nsubj", "nsubjpass", "dobj", "compound", "appos", "conj", "attr", "acl", "relcl"})


def tied_triggers(doc: Doc, events: Iterable[Event]) -> set[frozenset[str]]:
    """Pairs of events of one root whose trigger heads are joined by one parse arc of a kind that
    names one act twice (subject, object, compound, apposition, coordination)."""
    heads: dict[int, list[Event]] = {}
    for event in events:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            heads.setdefault(span.root.i, []).append(event)
    tied: set[frozenset[str]] = set()
    for i, mine in heads.items():
        token = doc[i]
        if token.dep_ in _TIES and token.head.i in heads:
            for a in mine:
                for b in heads[token.head.i]:
                    if a.type == b.type and a.id != b.id:
                        tied.add(frozenset((a.id, b.id)))
    return tied


def fold_incidents(events: Iterable[Event], tied: set[frozenset[str]] = frozenset(),
                   absorbed: dict[str, str] | None = None) -> tuple[list[Event], list[Event]]:
    """(live events, one per incident; the events that are not live), both in text order.
    `absorbed`, when given, receives folded event id -> the id of the event it joined."""
    absorbed = {} if absorbed is None else absorbed
    kept: list[Event] = []
    unasserted: list[Event] = []
    twins: dict[tuple[str, str, int, int], int] = {}  # (root, factuality, trigger span) -> index in unasserted
    for event in sorted(events, key=lambda e: (e.trigger.start, e.id)):
        if event.factuality not in (LIVE, "restated"):
            key = (event.type, event.factuality, event.trigger.start, event.trigger.end)
            twin = twins.get(key)
            if twin is None:
                twins[key] = len(unasserted)
                unasserted.append(event)
            else:  # one trigger, one act, whether or not it happened: coded once per side, kept once
                unasserted[twin] = _merge_sides(unasserted[twin], event)
                absorbed[event.id] = unasserted[twin].id
            continue
        into = None
        for index in range(len(kept) - 1, -1, -1):
            earlier = kept[index]
            if earlier.type != event.type:
                continue
            if (earlier.trigger.start, earlier.trigger.end) == (event.trigger.start, event.trigger.end):
                kept[index] = _merge_sides(earlier, event)  # one trigger, one act: coded once per side
                absorbed[event.id] = earlier.id
                into = -1
                break
            if _conflict(earlier, event):
                continue
            if frozenset((earlier.id, event.id)) in tied:
                kept[index] = replace(_merge(earlier, event), trigger=_joined_trigger(earlier, event))
                absorbed[event.id] = earlier.id
                into = -1
                break
            if event.factuality == "restated" and not _straight_conflict(earlier, event) or _retold(earlier, event):
                into = index
                break
        if into == -1:
            continue
        if into is not None:
            absorbed[event.id] = kept[into].id
            kept[into] = _merge(kept[into], event)
        else:
            kept.append(replace(event, factuality=LIVE))
    _lend_doubts(kept, unasserted, absorbed)
    return kept, unasserted


def _lend_doubts(kept: list[Event], unasserted: list[Event], absorbed: dict[str, str]) -> None:
    """ "A car bomb exploded outside a market, killing four people": the judge keeps one proposal of
    the act and doubts the other, which holds the toll. What the doubted telling of a live event's
    sentence knows and the live one lacks (toll, place, day, the side acted on) goes to the live one;
    the doubted record stays unasserted as it was, and counts tied to it follow the live event."""
    for doubt in unasserted:
        if doubt.factuality != DOUBTFUL:
            continue
        for index, event in enumerate(kept):
            if event.type != doubt.type or event.sentence != doubt.sentence or _conflict(event, doubt):
                continue
            kept[index] = replace(
                event,
                fatalities=event.fatalities or doubt.fatalities,
                location=event.location or doubt.location,
                date=event.date if event.date and event.date.source == "text" or not doubt.date or doubt.date.source != "text" else doubt.date,
                target=event.target or doubt.target,
            )
            absorbed.setdefault(doubt.id, event.id)
            break
