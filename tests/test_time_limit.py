"""The per-article time limit: a runaway article is a `time_limit` Rejection, and the batch goes on.

A hand-built step stalls on articles holding the word STALL; no test measures a duration.
"""

from __future__ import annotations

import contextlib
import signal
import threading

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import polemos.coder
import polemos.limits
from polemos import Coder
from polemos.limits import Deadline, TimeLimitExceeded, article_limit, hard_limit

REPORT = "Gunmen attacked a police post in Quetta on Monday, killing three officers, officials said."
STALLING = "Gunmen attacked a STALL near the police post in Quetta on Monday, officials said."


class FakeTime:
    """The limits module's clock: it moves only when a step says it took time."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now


CLOCK = FakeTime()


@Language.component("test_endless_on_stall")
def endless_on_stall(doc: Doc) -> Doc:
    """Never returns on a STALL article: only the forced guard can stop it."""
    while "STALL" in doc.text:
        pass
    return doc


@Language.component("test_hour_on_stall")
def hour_on_stall(doc: Doc) -> Doc:
    """Returns, but says an hour went by: only the cooperative check can notice."""
    if "STALL" in doc.text:
        CLOCK.now += 3600.0
    return doc


def pipeline_with(step: str) -> Language:
    from polemos.nlp.pipeline import build_pipeline

    nlp = build_pipeline.__wrapped__()
    nlp.add_pipe(step, after="parser")
    return nlp


LIMIT = 2.0  # seconds: far more than REPORT needs (the Coder warms its pipeline up first), far less than forever


@pytest.fixture(scope="module")
def endless() -> Language:
    return pipeline_with("test_endless_on_stall")


def test_a_step_that_never_returns_is_stopped_and_the_article_rejected_as_time_limit(endless):
    analysis = Coder(nlp=endless, time_limit=LIMIT).code_text(STALLING)
    assert analysis.rejection is not None
    assert analysis.rejection.reason == "time_limit"


def test_the_other_articles_of_the_batch_are_still_coded(endless):
    from polemos.sources import article_from_bytes

    items = [article_from_bytes(text.encode(), id=name) for name, text in
             (("before", REPORT), ("runaway", STALLING), ("after", REPORT))]
    analyses = list(Coder(nlp=endless, time_limit=LIMIT).code_many(items))
    assert [a.document.id for a in analyses] == ["before", "runaway", "after"]
    assert [a.rejection.reason if a.rejection else "coded" for a in analyses] == ["coded", "time_limit", "coded"]
    assert analyses[0].events and analyses[2].events


def test_the_limit_holds_in_a_worker_thread_as_on_dask(endless):
    found: list[str] = []
    worker = threading.Thread(target=lambda: found.append(
        Coder(nlp=endless, time_limit=LIMIT).code_text(STALLING).rejection.reason))
    worker.start()
    worker.join()
    assert found == ["time_limit"]


def test_a_slow_step_is_caught_between_steps_without_the_forced_guard(monkeypatch):
    monkeypatch.setattr(polemos.limits, "time", CLOCK)
    monkeypatch.setattr(polemos.coder, "hard_limit", lambda seconds: contextlib.nullcontext())
    coder = Coder(nlp=pipeline_with("test_hour_on_stall"), time_limit=60)
    assert coder.code_text(STALLING).rejection.reason == "time_limit"
    assert coder.code_text(REPORT).rejection is None


def test_no_limit_lets_a_slow_article_finish(monkeypatch):
    monkeypatch.setattr(polemos.limits, "time", CLOCK)
    coder = Coder(nlp=pipeline_with("test_hour_on_stall"), time_limit=None)
    assert coder.code_text(STALLING).rejection is None


def test_the_limit_grows_with_the_input_past_200_kb():
    assert article_limit(5_000) == 60.0
    assert article_limit(400_000) == 120.0
    assert article_limit(5_000, 10.0) == 10.0
    assert article_limit(5_000, 0) is None and article_limit(5_000, None) is None


def test_a_deadline_passes_until_its_clock_is_past_it():
    ticks = iter([0.0, 0.5, 2.0])
    deadline = Deadline(1.0, clock=lambda: next(ticks))
    deadline.check()
    with pytest.raises(TimeLimitExceeded):
        deadline.check()


def test_the_guard_gives_sigalrm_back_as_it_found_it():
    with hard_limit(30.0):
        pass
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_a_time_limit_is_no_exception_a_step_can_swallow():
    assert not issubclass(TimeLimitExceeded, Exception)


def test_an_ingest_stores_the_runaway_as_a_time_limit_rejection_and_counts_it(endless, tmp_path, monkeypatch):
    import polemos.batch
    from polemos.batch import ingest
    from polemos.sources import article_from_bytes
    from polemos.store import Store

    monkeypatch.setattr(polemos.batch, "_CODER", None)  # this process's Coder, built for this test only
    items = [article_from_bytes(text.encode(), id=name) for name, text in (("report", REPORT), ("runaway", STALLING))]
    with Store(str(tmp_path / "events.db")) as store:
        summary = ingest(items, store, coder_options={"nlp": endless, "time_limit": LIMIT}, incidents=False)
    assert (summary.coded, summary.rejected, dict(summary.reasons)) == (1, 1, {"time_limit": 1})
    assert "time_limit 1" in summary.line()
