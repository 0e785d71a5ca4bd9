"""What the query layer and the store give the server's views, on SQLite and on PostgreSQL: keyset
pages, a map's box, counts per day, grid cells and dyads, and an article read back with every item
at its offsets. The corpus is ours (tests/serve_corpus.py), coded by the real pipeline."""

from __future__ import annotations

import pytest
from serve_corpus import build
from test_store_backends import BACKENDS, store_url

from polemos.query import EventQuery
from polemos.store import Store


@pytest.fixture(scope="module", params=BACKENDS)
def url(request, tmp_path_factory):
    where = store_url(request.param, tmp_path_factory.mktemp(request.param))
    found = next(where)
    build(found)
    with Store(found) as store:  # two undated events, so pages must carry the NULL block correctly
        uids = [r["uid"] for r in store.events(EventQuery(limit=2, order="date_asc"))]
        for uid in uids:
            store.db.execute("UPDATE events SET date_start = NULL, date_end = NULL WHERE uid = ?", (uid,))
    yield found
    next(where, None)


@pytest.fixture
def store(url):
    with Store(url) as opened:
        yield opened


@pytest.mark.parametrize("order", ["date_desc", "date_asc"])
def test_keyset_pages_visit_every_event_once_in_the_order_of_one_long_page(store, order):
    whole = [r["uid"] for r in store.events(EventQuery(limit=None, order=order))]
    seen, after = [], None
    while True:
        page = store.events(EventQuery(limit=4, order=order, after=after))
        if not page:
            break
        seen += [r["uid"] for r in page]
        after = (page[-1]["date_start"], page[-1]["uid"])
    assert seen == whole and len(set(seen)) == len(seen) > 8


@pytest.mark.parametrize("order", ["date_desc", "date_asc"])
@pytest.mark.parametrize(("countries", "types"), [(("SDN",), ()), (("PAK", "SDN"), ("ASSAULT",)),
                                                  (("SDN", "UKR"), ("ASSAULT", "COERCE"))])
def test_a_country_page_is_the_head_of_the_whole_selection_read_in_one(store, order, countries, types):
    # a page with countries is a union of one branch per country column (query.page_uids)
    whole = [r["uid"] for r in store.events(EventQuery(countries=countries, types=types, limit=None, order=order))]
    seen, after = [], None
    while page := store.events(EventQuery(countries=countries, types=types, limit=2, order=order, after=after)):
        seen += [r["uid"] for r in page]
        after = (page[-1]["date_start"], page[-1]["uid"])
    assert seen == whole and len(set(seen)) == len(seen) > 2
    offset = store.events(EventQuery(countries=countries, types=types, limit=2, offset=1, order=order))
    assert [r["uid"] for r in offset] == whole[1:3]


def test_every_write_moves_the_generation_so_kept_views_are_computed_again(store):
    before = store.generation()
    with store.db.transaction():
        store.bump()
    assert store.generation() == before + 1
    store.update_incidents()
    assert store.generation() >= before + 1


def test_a_box_keeps_only_events_inside_it(store):
    box = (60.0, 20.0, 75.0, 40.0)  # Pakistan and around
    inside = store.events(EventQuery(bbox=box, limit=None))
    assert inside and all(60 <= r["lon"] <= 75 and 20 <= r["lat"] <= 40 for r in inside)
    assert store.events(EventQuery(bbox=(-170.0, -60.0, -150.0, -50.0), limit=None)) == []  # open ocean


def test_a_box_across_the_antimeridian_wraps_instead_of_covering_the_world(store):
    assert store.events(EventQuery(bbox=(170.0, -90.0, -170.0, 90.0), limit=None)) == []
    assert len(store.events(EventQuery(bbox=(-10.0, -90.0, -20.0, 90.0), limit=None))) > 0  # all but 10 degrees


def test_daily_counts_account_for_every_selected_event(store):
    query = EventQuery(countries=("SDN",))
    counts = store.daily_counts(query)
    dated = sum(d["events"] for d in counts["days"])
    assert dated > 0 and dated + counts["coarser"] + counts["undated"] == store.count_events(query)
    assert [d["day"] for d in counts["days"]] == sorted(d["day"] for d in counts["days"])


def test_map_cells_hold_every_located_event_and_a_lone_event_names_itself(store):
    located = [r for r in store.events(EventQuery(limit=None)) if r["lat"] is not None]
    fine = store.map_cells(EventQuery(), 0.01)
    coarse = store.map_cells(EventQuery(), 90.0)
    assert sum(c["events"] for c in fine) == sum(c["events"] for c in coarse) == len(located)
    assert len(coarse) < len(fine)
    single = next(c for c in fine if c["events"] == 1)
    assert store.event(single["uid"])["lat"] == pytest.approx(single["lat"])


def test_the_network_counts_each_dyad_and_root_once(store):
    events = [r for r in store.events(EventQuery(limit=None))
              if r["actor_id"] and r["target_id"] and r["actor_id"] != r["target_id"]]
    graph = store.network(EventQuery())
    assert sum(e["events"] for e in graph["edges"]) == len(events)
    assert {(e["source"], e["target"], e["type"]) for e in graph["edges"]} == {
        (r["actor_id"], r["target_id"], r["type"]) for r in events}
    assert {n["id"] for n in graph["nodes"]} == {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]}


def test_an_article_read_back_has_every_item_at_its_offsets(store):
    (doc,) = store.documents(EventQuery(limit=1), words="policemen at a checkpoint")
    found = store.document(doc["id"])
    text = found["text"]
    assert found["events"] and found["places"] and found["dates"] and found["mentions"]
    for event in found["events"]:
        assert text[event["evidence_start"]:event["evidence_end"]] == event["evidence_text"]
        assert text[event["trigger_start"]:event["trigger_end"]] == event["trigger_text"]
    for table in ("quotes", "claims", "mentions", "places", "dates"):
        for item in found[table]:
            assert text[item["start_char"]:item["end_char"]] == item["text"], (table, item)
    assert any(p["name"] == "Quetta" for p in found["places"])


def test_article_titles_match_words_and_wildcards_mean_themselves(store):
    titles = [d["title"] for d in store.documents(EventQuery(limit=None), words="kadugli")]
    assert titles and all("kadugli" in t.lower() for t in titles)
    assert store.documents(EventQuery(limit=None), words="%") == []
    assert store.documents(EventQuery(limit=None), words="_") == []


def test_articles_selected_by_event_filters_and_publication_dates(store):
    from datetime import date

    sudan = store.documents(EventQuery(countries=("SDN",), limit=None))
    assert sudan and all(store.count_events(EventQuery(countries=("SDN",), documents=(d["id"],))) for d in sudan)
    june = store.documents(EventQuery(since=date(2026, 6, 1), until=date(2026, 6, 30), limit=None))
    assert june and all("2026-06-01" <= d["published"] <= "2026-06-30" for d in june)


def test_each_pair_of_related_claims_comes_once_with_both_sides(store):
    pairs = store.relation_pairs(EventQuery(limit=None), ("contradicts", "corroborates"))
    keys = [frozenset({(p["document_id"], p["claim_id"]), (p["other_document_id"], p["other_claim_id"])}) for p in pairs]
    assert len(keys) == len(set(keys)) and {p["kind"] for p in pairs} == {"contradicts", "corroborates"}
    assert all(p["document_id"] != p["other_document_id"] for p in pairs)
    talks = [p for p in pairs if {p["outlet"], p["other_outlet"]} == {"Islamabad Ledger", "Kabul Courier"}]
    assert talks and talks[0]["kind"] == "contradicts"


def test_a_filter_selects_a_pair_by_either_of_its_claims(store):
    both = store.relation_pairs(EventQuery(limit=None, actors=("RTA",)), ("contradicts",))
    assert both and all("RTA" in (p["speaker_text"] or "") + (p["other_speaker_text"] or "") for p in both)


def test_quotes_are_filtered_by_speaker(store):
    quotes = store.quotes(EventQuery(actors=("Ukraine",), limit=None))
    assert quotes and all("Ukraine" in (q["speaker_name"] or "") + (q["speaker_affiliation"] or "")
                          + (q["text"] or "") for q in quotes)


def test_actors_and_places_by_name_with_their_counts(store):
    actors = store.actors("rapid support")
    assert actors and actors[0]["events_as_actor"] + actors[0]["events_as_target"] > 0
    places = store.places(EventQuery(limit=10), "quetta")
    assert [p["name"] for p in places] == ["Quetta"] and places[0]["events"] >= 2

