"""The corpus-scale test corpus (scripts/build_corpus.py) holds what issue 14 asks for, and its
hostile inputs never stop an ingest: each is stored once, coded or rejected with a reason, and a
second run adds no row. The soak's checks (scripts/soak.py) find what they are meant to find."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from polemos.batch import ingest, key_of
from polemos.feeds import read_sources
from polemos.store import Store

REPO = Path(__file__).resolve().parents[1]


def _script(name: str):
    sys.path.insert(0, str(REPO / "scripts"))
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    build_corpus = _script("build_corpus")
    lines, made = build_corpus.build(800, seed=3)
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    build_corpus.write(lines, path)
    return build_corpus, path, made


def test_the_corpus_mixes_real_texts_languages_duplicates_and_hostile_inputs(built):
    _, path, made = built
    assert made["inputs"] == 800 == sum(1 for _ in path.open("rb"))
    assert {"real", "lead", "roundup", "near", "foreign", "mixed", "generated", "hostile", "duplicate"} <= set(made["kinds"])
    items = list(read_sources([str(path)]))  # every line reads: an article or a rejection, never an exception
    keys = [key_of(item) for item in items]
    assert len(items) == 800 and len(set(keys)) < 800  # duplicates are in
    if made["real_texts"]:  # the shared data is beside the project (else only our samples are real)
        assert sum(made["real_texts"].values()) > 1000


def test_hostile_inputs_are_each_stored_once_and_a_second_ingest_adds_nothing(built, tmp_path):
    build_corpus, _, _ = built
    import random

    rng = random.Random(1)
    english = "Gunmen killed five soldiers at a checkpoint in Quetta on Monday, officials said. " * 6
    path = tmp_path / "hostile.jsonl"
    path.write_text("".join(build_corpus.hostile(rng, number, english) for number in range(16)), "utf-8")
    with Store(str(tmp_path / "hostile.db")) as store:
        first = ingest(read_sources([str(path)]), store, partition_size=4)
        distinct = {key_of(item) for item in read_sources([str(path)])}
        counts = store.counts()
        assert first.coded + first.rejected == len(distinct) == counts["documents"] + counts["rejections"]
        assert first.rejected >= 6  # empty, blank, lone surrogates, over-size, broken JSON, not an object...
        again = ingest(read_sources([str(path)]), store)
        assert (again.coded, again.rejected) == (0, 0)
        assert {k: v for k, v in store.counts().items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}


def test_the_soak_check_finds_a_lost_input_a_duplicated_event_and_a_half_written_article():
    soak = _script("soak")
    reference = {"documents": {"a", "b"}, "rejections": {"r"}, "document_rows": 2,
                 "rows": {"a": {"events": 2, "mentions": 3}, "b": {"events": 1}},
                 "events": {"a": {"a:e1", "a:e2"}, "b": {"b:e1"}}, "orphans": 0, "unplaced": 0}
    assert soak.verify(reference, reference, {"a", "b", "r"}) == {
        "lost": 0, "unexpected": 0, "duplicated": 0, "half_written": 0, "coded_as_reference": 1, "unplaced_events": 0}
    broken = {**reference, "documents": {"a"}, "document_rows": 1,
              "rows": {"a": {"events": 3, "mentions": 1}, "b": {"events": 1}},
              "events": {"a": {"a:e1", "a:e2", "a:e9"}, "b": {"b:e1"}}}
    found = soak.verify(broken, reference, {"a", "b", "r"})
    assert found["lost"] == 1  # b
    assert found["duplicated"] == 1  # a:e9, an event the clean run never wrote
    assert found["half_written"] == 2  # a's rows differ, and b's events are left without their document
    assert json.dumps(found)
