"""Claims of different articles about one matter are related (contradicts / corroborates / revises);
claims about different matters are not. Articles are ours (tests/crossclaims_articles.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from crossclaims_articles import ARTICLES, DNIPRO_FIRST, DNIPRO_LATER, PAIRS

from polemos.relations import relate_analyses


@pytest.fixture(scope="module")
def coded(coder):
    return {a.id: analysis for a, analysis in zip(ARTICLES, coder.code_many(ARTICLES))}


def _kinds(coded, first, second) -> set[str]:
    return {r.kind for r in relate_analyses([coded[first.id], coded[second.id]])}


@pytest.mark.parametrize(("first", "second", "kind"), [p for p in PAIRS if p[2]], ids=lambda v: getattr(v, "id", v))
def test_two_reports_of_one_matter_are_related_with_the_expected_kind(coded, first, second, kind):
    assert kind in _kinds(coded, first, second)


@pytest.mark.parametrize(("first", "second"), [p[:2] for p in PAIRS if p[2] is None], ids=lambda v: v.id)
def test_reports_of_different_matters_are_not_related(coded, first, second):
    assert _kinds(coded, first, second) == set()


def test_the_later_report_holds_the_revision_and_names_both_figures(coded):
    (relation,) = relate_analyses([coded[DNIPRO_LATER.id], coded[DNIPRO_FIRST.id]])
    assert (relation.document, relation.other_document, relation.kind) == (DNIPRO_LATER.id, DNIPRO_FIRST.id, "revises")
    assert "9" in relation.reason and "17" in relation.reason


def test_reports_published_far_apart_are_not_compared(coded):
    later = coded[DNIPRO_LATER.id]
    months_later = replace(later, document=replace(later.document, published=DNIPRO_FIRST.published.replace(year=2027)))
    assert relate_analyses([coded[DNIPRO_FIRST.id], months_later]) == []


def test_every_relation_over_the_whole_fixture_set_joins_a_pair_we_expect(coded):
    expected = {frozenset((a.id, b.id)): kind for a, b, kind in PAIRS if kind}
    found = relate_analyses(coded.values())
    assert found and all(expected.get(frozenset((r.document, r.other_document))) == r.kind for r in found)


def test_articles_about_different_conflicts_published_the_same_day_are_never_related(coder):
    """The says gold set: 14 articles, 14 conflicts. Dated alike, they all fall in one window; claims
    such as "the strikes hit ..." or "four soldiers were killed" still must not meet across them."""
    import json
    from datetime import date
    from pathlib import Path

    from polemos.records import Article

    rows = [json.loads(line) for line in (Path(__file__).parent / "gold" / "says" / "wire.jsonl").open(encoding="utf-8")]
    articles = [Article(id=r["id"], raw=r["text"].encode("utf-8"), kind="text", published=date(2026, 5, 1)) for r in rows]
    assert relate_analyses(coder.code_many(articles)) == []
