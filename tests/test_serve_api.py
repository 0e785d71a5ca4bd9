"""The HTTP API as a client sees it, against a real `polemos serve` process on SQLite and on
PostgreSQL: filters and cursor pages, article offsets, exports, ingest behind the token, and the
failures (JSON with a code, never a traceback, bound parameters, closed CORS, bounded bodies)."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from serve_corpus import build
from serve_process import TOKEN, call, running
from test_store_backends import BACKENDS, store_url


@pytest.fixture(scope="module", params=BACKENDS)
def server(request, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"api-{request.param}")
    where = store_url(request.param, tmp)
    url = next(where)
    build(url)
    with running(url, tmp) as base:
        yield base
    next(where, None)


def get(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params, doseq=True)
    reply = call(base, f"{path}?{query}" if query else path)
    assert reply.status == 200, reply.body[:500]
    return reply.json()


def test_health_names_the_store_and_says_writes_need_the_token(server):
    health = get(server, "/api/v1/health")
    assert health["status"] == "ok" and health["store"] in ("sqlite", "postgresql") and health["writes"] is True


def test_events_are_filtered_by_country_and_type_together(server):
    page = get(server, "/api/v1/events", country="SDN", type="ASSAULT", limit=100)
    assert page["items"]
    for event in page["items"]:
        assert event["type"] == "ASSAULT"
        countries = {event["location"] and event["location"]["country"], event["actor"] and event["actor"]["country"],
                     event["target"] and event["target"]["country"]}
        assert "SDN" in countries


def test_following_next_cursor_visits_every_event_once(server):
    everything = [e["id"] for e in get(server, "/api/v1/events", limit=500)["items"]]
    seen, cursor = [], None
    while True:
        page = get(server, "/api/v1/events", limit=3, **({"cursor": cursor} if cursor else {}))
        seen += [e["id"] for e in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == everything and len(seen) == len(set(seen)) > 6


def test_an_event_links_to_its_article_where_its_evidence_sits_at_its_offsets(server):
    event = get(server, "/api/v1/events", text="checkpoint", limit=1)["items"][0]
    article = get(server, f"/api/v1/articles/{event['document']['id']}")
    start, end = event["evidence"]["start"], event["evidence"]["end"]
    assert article["text"][start:end] == event["evidence"]["text"]
    for kind in ("quotes", "claims", "places", "dates", "mentions"):
        for item in article[kind]:
            assert article["text"][item["start"]:item["end"]] == item["text"]


def test_an_incident_lists_its_reports_with_why_each_joined(server):
    incidents = get(server, "/api/v1/incidents", country="PAK", type="ASSAULT")["items"]
    merged = next(i for i in incidents if i["reports"] >= 2)  # the Quetta attack, told by two outlets
    detail = get(server, f"/api/v1/incidents/{merged['id']}")
    assert len(detail["evidence"]) == merged["reports"] and set(detail["reasons"]) == {e["id"] for e in detail["evidence"]}
    assert {e["document"]["outlet"] for e in detail["evidence"]} == {"Frontier Post", "Daily Ledger"}


def test_the_timeline_of_an_incident_counts_its_reports(server):
    incident = get(server, "/api/v1/incidents", country="PAK", type="ASSAULT")["items"][0]
    days = get(server, "/api/v1/timeline", incident=incident["id"])
    assert sum(d["events"] for d in days["days"]) + days["coarser"] + days["undated"] == incident["reports"]


def test_contradictions_come_in_pairs_with_each_sources_type(server):
    pairs = get(server, "/api/v1/contradictions", kind=["contradicts", "corroborates"])["items"]
    kinds = {p["kind"] for p in pairs}
    assert kinds == {"contradicts", "corroborates"}
    talks = next(p for p in pairs if {p["claim"]["outlet"], p["other"]["outlet"]} == {"Islamabad Ledger", "Kabul Courier"})
    types = {talks["claim"]["speaker"]["source_type"], talks["other"]["speaker"]["source_type"]}
    assert types == {"anonymous official", "state media"}


def test_map_network_search_actors_places_and_quotes_answer_in_their_shapes(server):
    cells = get(server, "/api/v1/map", cell=1)["cells"]
    assert cells and all(c["uid"] is None or c["events"] == 1 for c in cells)
    graph = get(server, "/api/v1/network", country="SDN")
    assert graph["edges"] and {e["source"] for e in graph["edges"]} <= {n["id"] for n in graph["nodes"]}
    found = get(server, "/api/v1/search", q="Quetta")
    assert found["events"] and found["places"][0]["name"] == "Quetta"
    assert get(server, "/api/v1/actors", q="rapid")["items"]
    assert get(server, "/api/v1/quotes", actor="Ukraine")["items"]


@pytest.mark.parametrize(("path", "params"), [
    ("/api/v1/events", {"limit": 500}), ("/api/v1/events", {"country": ["SDN", "PAK"], "type": "ASSAULT"}),
    ("/api/v1/timeline", {}), ("/api/v1/map", {"cell": 1}), ("/api/v1/network", {})])
def test_answers_written_without_their_models_are_what_the_models_would_send(server, path, params):
    from polemos.serve import models

    model = {"events": models.EventPage, "timeline": models.Timeline, "map": models.MapCells,
             "network": models.Network}[path.rsplit("/", 1)[1]]
    body = get(server, path, **params)
    assert body and model.model_validate(body).model_dump(mode="json") == body


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "graphml", "acled", "claimreview"])
def test_exports_download_the_selected_events_in_each_format(server, fmt):
    reply = call(server, f"/api/v1/exports/{fmt}?country=SDN")
    assert reply.status == 200 and reply.body
    assert "attachment" in reply.headers["content-disposition"]
    if fmt == "jsonl":
        rows = [json.loads(line) for line in reply.body.decode("utf-8").splitlines()]
        assert rows and len(rows) == len(get(server, "/api/v1/events", country="SDN", limit=500)["items"])


# --- failures -----------------------------------------------------------------------------------
def test_errors_are_json_with_a_code_and_no_traceback(server):
    for path, status, code in [("/api/v1/events/nope:e0", 404, "not_found"), ("/api/v1/nothing", 404, "not_found"),
                               ("/api/v1/events?limit=0", 400, "invalid_parameter"),
                               ("/api/v1/events?since=2026-13-01", 400, "invalid_parameter"),
                               ("/api/v1/events?cursor=bm90LWEtY3Vyc29y", 400, "invalid_parameter"),
                               ("/api/v1/events?near=95,10", 400, "invalid_parameter"),
                               ("/api/v1/exports/xlsx", 400, "invalid_parameter")]:
        reply = call(server, path)
        assert reply.status == status, path
        assert reply.headers["content-type"].startswith("application/json")
        error = reply.json()["error"]
        assert error["code"] == code and error["message"] and "Traceback" not in reply.body.decode()
    wrong_method = call(server, "/api/v1/events", method="DELETE")
    assert wrong_method.status == 405 and wrong_method.json()["error"]["code"] == "method_not_allowed"


def test_parameters_reach_sql_only_bound(server):
    everything = len(get(server, "/api/v1/events", limit=500)["items"])
    for attack in ["x' OR '1'='1", "x\" OR 1=1 --", "'; DROP TABLE events; --"]:
        assert get(server, "/api/v1/events", actor=attack)["items"] == []
        assert get(server, "/api/v1/articles", q=attack)["items"] == []
        assert get(server, "/api/v1/events", text=attack, limit=500)["items"] == []
    assert len(get(server, "/api/v1/events", limit=500)["items"]) == everything


def test_control_characters_are_refused_not_sent_to_the_database(server):
    reply = call(server, "/api/v1/events?actor=" + urllib.parse.quote("a\x00b"))
    assert reply.status == 400 and reply.json()["error"]["code"] == "invalid_parameter"


def test_cors_is_closed_and_pages_carry_a_strict_content_security_policy(server):
    reply = call(server, "/api/v1/events", headers={"Origin": "https://elsewhere.example"})
    assert reply.status == 200 and "access-control-allow-origin" not in reply.headers
    preflight = call(server, "/api/v1/events", method="OPTIONS", headers={
        "Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers
    page = call(server, "/ui/timeline")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert page.headers["x-content-type-options"] == "nosniff"


# --- writes ---------------------------------------------------------------------------------------
ARTICLE = {"title": "Clashes near Kassala", "published": "2026-11-02", "outlet": "Test Wire",
           "text": "KASSALA - Soldiers clashed with gunmen near Kassala on Sunday, killing three gunmen, the army said.\n\n"
                   "The army said the gunmen had crossed the border at night.\n"}


def test_writes_need_the_token_and_compare_it_whole(server):
    assert call(server, "/api/v1/ingest/article", method="POST", body=ARTICLE).json()["error"]["code"] == "missing_token"
    for wrong in (TOKEN[:-1], TOKEN + "x", "x" * len(TOKEN)):
        reply = call(server, "/api/v1/ingest/article", method="POST", body=ARTICLE, token=wrong)
        assert (reply.status, reply.json()["error"]["code"]) == (403, "bad_token")


def test_an_article_posted_with_the_token_is_coded_once(server):
    def counted() -> int:  # the server keeps this answer (serve/views.py) until the store changes
        days = get(server, "/api/v1/timeline")
        return sum(d["events"] for d in days["days"]) + days["coarser"] + days["undated"]

    before = counted()
    assert counted() == before
    first = call(server, "/api/v1/ingest/article", method="POST", body=ARTICLE, token=TOKEN)
    assert first.status in (200, 201), first.body
    (doc,) = first.json()["documents"]
    again = call(server, "/api/v1/ingest/article", method="POST", body=ARTICLE, token=TOKEN)
    assert again.status == 200 and again.json()["coded"] == 0 and again.json()["documents"] == [doc]
    assert get(server, f"/api/v1/articles/{doc}")["title"] == "Clashes near Kassala"
    assert counted() > before


def test_a_jsonl_batch_codes_the_good_lines_and_lists_the_bad_ones(server):
    good = {"id": "kassala-2", "text": "KASSALA - Gunmen attacked a police post near Kassala on Monday, killing two "
            "policemen, officials said.", "published": "2026-11-03", "outlet": "Test Wire"}
    body = (json.dumps(good) + "\n{not json\n" + json.dumps({"id": "x", "title": "no body"}) + "\n").encode()
    reply = call(server, "/api/v1/ingest/jsonl", method="POST", body=body, token=TOKEN,
                 headers={"Content-Type": "application/x-ndjson"})
    result = reply.json()
    assert reply.status == 200 and len(result["documents"]) == 1
    assert sorted(r["reason"] for r in result["rejections"]) == ["bad_record", "bad_record"]


def test_a_rejected_article_answers_with_its_reason_as_the_code(server):
    reply = call(server, "/api/v1/ingest/article", method="POST", body={"text": "Les manifestants sont dans la rue pour la paix et contre la guerre."}, token=TOKEN)
    assert reply.status == 422 and reply.json()["error"]["code"] in ("empty", "no_body", "not_english")


def test_a_body_over_the_limit_is_refused_before_it_is_read(server):
    import socket

    host, port = urllib.parse.urlsplit(server).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:  # announce 6 MB, send none of it
        sock.sendall(f"POST /api/v1/ingest/article HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {TOKEN}\r\n"
                     "Content-Type: application/json\r\nContent-Length: 6000000\r\n\r\n".encode())
        reply = b""
        while b"\r\n\r\n" not in reply or not reply.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413") and json.loads(body)["error"]["code"] == "too_large"
