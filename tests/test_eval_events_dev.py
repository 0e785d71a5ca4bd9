"""How the blind dev set scores our events against gold incidents: one incident, one event; types
must agree; offsets of the clean text are mapped back to the input. Fixtures are our own."""

from __future__ import annotations

from polemos.evaluation.alignment import OffsetMap
from polemos.evaluation.event_matching import dates_compatible, incidents_of, match, weighted_f1
from polemos.evaluation.events_dev import DevArticle, score
from polemos.records import Analysis, Document, Event, Span

SOURCE = "ISLAMABAD:  Rebels shelled Marsa on Sunday.\n\nThe shelling killed four people.\nTalks will resume."
CLEAN = "Rebels shelled Marsa on Sunday.\nThe shelling killed four people.\nTalks will resume."


def _sentences():
    starts = [SOURCE.index("Rebels"), SOURCE.index("The shelling"), SOURCE.index("Talks")]
    ends = [SOURCE.index("Sunday.") + 7, SOURCE.index("people.") + 7, len(SOURCE)]
    return list(zip(starts, ends))


def _labels():
    return {"key": "own:t", "sentences": [
        {"events": [{"type": "ASSAULT", "incident": "i1", "factuality": "asserted", "acled": "Shelling/artillery/missile attack",
                     "trigger": "shelled"}]},
        {"events": [{"type": "ASSAULT", "incident": "i1", "factuality": "restated", "trigger": "shelling"}]},
        {"events": [{"type": "CONSULT", "incident": "i2", "factuality": "hypothetical", "trigger": "Talks"}]},
    ]}


def _event(word: str, root: str, n: int, **extra) -> Event:
    at = CLEAN.index(word)
    return Event(id=f"e{n}", type=root, mode=None, cameo=None, evidence=Span(at, at + 5, word),
                 trigger=Span(at, at + len(word), word), **extra)


def _article() -> DevArticle:
    return DevArticle("own:t", "dev", "A", SOURCE, _sentences(), _labels(), None)


def _figures(*events: Event) -> dict[str, float]:
    analysis = Analysis(document=Document(id="t", text=CLEAN), events=events)
    return {f.name: f.value for f in score([_article()], [analysis])}


def test_clean_offsets_map_back_to_the_input():
    offsets = OffsetMap(CLEAN, SOURCE)
    at = CLEAN.index("killed")
    assert SOURCE[offsets.source_offset(at):].startswith("killed")


def test_one_event_per_incident_is_a_perfect_score():
    figures = _figures(_event("shelled", "ASSAULT", 0))
    assert figures["event_precision"] == 1.0 and figures["event_recall"] == 1.0


def test_the_same_incident_coded_twice_is_a_false_positive():
    figures = _figures(_event("shelled", "ASSAULT", 0), _event("shelling", "ASSAULT", 1))
    assert figures["event_recall"] == 1.0 and figures["event_precision"] == 0.5


def test_a_wrong_type_does_not_match_but_counts_untyped():
    figures = _figures(_event("shelled", "COERCE", 0))
    assert figures["event_f1"] == 0.0 and figures["untyped_event_f1"] == 1.0


def test_a_planned_event_coded_as_live_is_unsupported():
    figures = _figures(_event("shelled", "ASSAULT", 0), _event("Talks", "CONSULT", 1))
    assert figures["unsupported_share"] == 0.5
    assert figures["factuality_accuracy"] == 0.5  # the talks are hypothetical in gold, asserted by us


def test_a_hypothetical_event_kept_as_such_is_right_and_not_counted_live():
    figures = _figures(_event("shelled", "ASSAULT", 0), _event("Talks", "CONSULT", 1, hypothetical=True))
    assert figures["event_precision"] == 1.0 and figures["factuality_accuracy"] == 1.0


def test_incidents_gather_their_mentions():
    (shelling, talks) = incidents_of(_labels()["sentences"], "own:t")
    assert shelling.told_in == {0, 1} and shelling.live and not talks.live


def test_weighted_f1_and_date_compatibility():
    assert weighted_f1([("Attack", "Attack"), ("Arrests", None)])[0] == 0.5
    assert dates_compatible("2025-W43", "2025-10-25") and not dates_compatible("2025-10-24", "2025-10-25")
    assert match([], incidents_of(_labels()["sentences"], "k")) == []
