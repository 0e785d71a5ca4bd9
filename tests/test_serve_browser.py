"""The web UI in a real browser: Debian's chromium driven by Playwright, against a real server on a
corpus of our own articles. Each view is opened, filters are clicked, a map point is followed to
its evidence in the article, and an article whose title and body carry script and event-handler
payloads is shown literally without anything running.

With POLEMOS_SCREENSHOTS=FOLDER the tests save a screenshot of each view there (docs/screenshots
is made so: `make screenshots`). Page-load times are printed, not asserted: the figures of record
come from scripts/bench_serve.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from serve_corpus import build
from serve_process import TOKEN, call, running

CHROMIUM = os.environ.get("POLEMOS_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
PAYLOAD_TITLE = '<script>window.__pwned = "title"</script><img src=x onerror="window.__pwned=\'img\'"> Raid near Gao'
PAYLOAD_BODY = ("GAO - Gunmen killed three soldiers near Gao on Sunday, the army said. "
                "<script>window.__pwned = 'body'</script> <img src=x onerror=\"window.__pwned='body-img'\">\n\n"
                "The army said <b onmouseover=\"window.__pwned='hover'\">reinforcements</b> were sent to the area.\n")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser")
    db = str(tmp / "browser.db")
    build(db)
    with running(db, tmp) as found:
        yield found


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: `make browser` installs Debian's chromium")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as driver:
        # Playwright gives every launch a fresh, empty user-data-dir of its own.
        launched = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.problems = []  # type: ignore[attr-defined]
    opened.on("pageerror", lambda err: opened.problems.append(str(err)))  # type: ignore[attr-defined]
    opened.on("dialog", lambda dialog: (opened.problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))  # type: ignore[attr-defined]
    yield opened
    context.close()


def open_view(page, url: str, view: str) -> float:
    """Go to a view and wait until it has drawn; returns ms from navigation start to drawn."""
    page.goto(url)
    page.wait_for_selector(f'body[data-ready="{view}"]', timeout=20000)
    return float(page.evaluate("window.polemosReadyMs"))


def shoot(page, name: str) -> None:
    folder = os.environ.get("POLEMOS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_the_timeline_shows_daily_counts_and_opens_one_incident_from_its_url(base, page):
    took = open_view(page, f"{base}/ui/timeline", "timeline")
    print(f"timeline drawn after {took:.0f} ms")
    assert page.locator("svg.daily rect.bar").count() > 0
    shoot(page, "timeline")
    link = page.locator("a.incident-link").first
    incident = link.get_attribute("data-incident")
    link.click()
    page.wait_for_selector(".incident-detail")
    assert f"incident={incident}" in page.url
    reports = page.locator(".incident-detail .event-card").count()
    assert reports >= 1 and not page.problems
    again = page.context.new_page()  # the URL alone reproduces the view
    open_view(again, page.url, "timeline")
    assert again.locator(".incident-detail").get_attribute("data-incident") == incident
    assert again.locator(".incident-detail .event-card").count() == reports


def test_a_filter_applied_in_the_form_is_in_the_url_and_narrows_the_events(base, page):
    open_view(page, f"{base}/ui/timeline", "timeline")
    everything = page.locator(".events .event-card").count()
    page.fill("#filters input[name=country]", "SDN")
    page.select_option("#filters select[name=type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=SDN"))
    page.wait_for_selector('body[data-ready="timeline"]')
    narrowed = page.locator(".events .event-card").count()
    assert 0 < narrowed < everything
    assert "type=ASSAULT" in page.url
    for badge in page.locator(".events .event-card .badge.type").all_text_contents():
        assert badge == "ASSAULT"
    fresh = page.context.new_page()
    open_view(fresh, page.url, "timeline")
    assert fresh.input_value("#filters input[name=country]") == "SDN"
    assert fresh.locator(".events .event-card").count() == narrowed


def test_a_map_point_leads_to_its_evidence_in_the_article(base, page):
    took = open_view(page, f"{base}/ui/map", "map")
    print(f"map drawn after {took:.0f} ms")
    assert page.locator("svg.map path.land").count() > 100  # the offline basemap's countries
    assert page.locator("svg.map .point, svg.map .cluster").count() > 0
    shoot(page, "map")
    for _ in range(8):  # zoom into clusters until single points or a list of co-located events shows
        if page.locator(".map-panel .event-card").count():
            break
        if page.locator("svg.map circle.point").count():
            page.locator("svg.map circle.point").first.click()
            page.wait_for_selector(".map-panel .event-card")
            break
        before = page.locator("svg.map").get_attribute("viewBox")
        page.locator("svg.map .cluster-group").first.click()
        page.wait_for_function("([b]) => document.querySelector('svg.map').getAttribute('viewBox') !== b"
                               " || document.querySelector('.map-panel .event-card')", arg=[before])
        page.wait_for_timeout(400)
    card = page.locator(".map-panel .event-card").first
    evidence = card.locator(".evidence").text_content()
    assert "view=" in page.url or evidence  # zooming is kept in the URL
    card.locator("a.evidence-link").click()
    page.wait_for_selector('body[data-ready="article"]')
    page.wait_for_selector(".article-text .hl.selected")
    marked = "".join(page.locator(".article-text .hl.selected").all_text_contents())
    assert marked.strip() and marked.strip() in evidence and not page.problems


def test_the_network_draws_actors_and_coloured_edges_and_filters_by_a_clicked_actor(base, page):
    open_view(page, f"{base}/ui/network", "network")
    assert page.locator("svg.net .node").count() >= 4
    edge = page.locator("svg.net path.edge").first
    assert edge.get_attribute("stroke").startswith("#") and edge.get_attribute("data-root")
    shoot(page, "network")
    node = page.locator("svg.net .node").first
    actor = node.get_attribute("data-id")
    node.locator("circle").click()
    page.wait_for_url(re.compile(r"actor="))
    page.wait_for_selector('body[data-ready="network"]')
    ids = page.locator("svg.net path.edge").evaluate_all("els => els.map(e => [e.dataset.source, e.dataset.target])")
    assert ids and all(actor in pair for pair in ids)


def test_the_claims_board_sets_contradicting_accounts_side_by_side_with_source_types(base, page):
    open_view(page, f"{base}/ui/claims", "claims")
    pairs = page.locator(".pair-contradicts")
    assert pairs.count() >= 1 and page.locator(".pair-corroborates").count() >= 1
    talks = pairs.filter(has_text="Kabul Courier").first
    assert set(talks.locator(".badge").all_text_contents()) >= {"anonymous official", "state media"}
    shoot(page, "claims")
    page.uncheck("input[name=kind][value=corroborates]")
    page.wait_for_url(re.compile(r"kind=contradicts"))
    page.wait_for_selector('body[data-ready="claims"]')
    assert page.locator(".pair-corroborates").count() == 0 and page.locator(".pair-contradicts").count() >= 1


def test_the_article_view_marks_events_quotes_places_and_dates_at_their_offsets(base, page):
    open_view(page, f"{base}/ui/articles", "articles")
    page.locator("a.article-link", has_text="Quetta").first.click()
    page.wait_for_selector('body[data-ready="article"]')
    for kind in ("evidence-span", "trigger", "quote", "place", "date", "actor"):
        assert page.locator(f".article-text .hl.{kind}").count() > 0, kind
    text = page.locator(".article-text").text_content()
    api = call(base, "/api/v1/articles/" + page.url.split("/ui/article/")[1].split("?")[0]).json()
    assert text == api["text"]  # the marks cut the text into runs and add nothing to it
    shoot(page, "article")
    place = page.locator(".place-item a.ref-link").first
    name = place.text_content()
    place.click()
    assert "place=" in page.url
    assert "".join(page.locator(".article-text .hl.selected").all_text_contents()) == name


def test_search_finds_events_articles_and_places_by_words(base, page):
    open_view(page, f"{base}/ui/timeline", "timeline")
    page.fill("#search-q", "Quetta")
    page.press("#search-q", "Enter")
    page.wait_for_selector('body[data-ready="search"]')
    assert "q=Quetta" in page.url
    assert page.locator(".results-events .event-card").count() >= 2
    assert page.locator(".results-places li").first.text_content().startswith("Quetta")
    shoot(page, "search")


def test_script_and_event_handler_payloads_in_an_article_show_literally_and_never_run(base, page):
    reply = call(base, "/api/v1/ingest/article", method="POST", token=TOKEN,
                 body={"title": PAYLOAD_TITLE, "text": PAYLOAD_BODY, "published": "2026-11-20", "outlet": "<i>Wire</i>"})
    assert reply.status == 201, reply.body
    (doc,) = reply.json()["documents"]
    open_view(page, f"{base}/ui/article/{doc}", "article")
    page.wait_for_timeout(300)
    assert page.locator("h1.article-title").text_content() == PAYLOAD_TITLE
    assert "<script>window.__pwned = 'body'</script>" in page.locator(".article-text").text_content()
    assert page.locator("#view script, #view img, #view b, #view i").count() == 0
    page.locator(".article-text").hover()
    for url, view in ((f"{base}/ui/articles", "articles"), (f"{base}/ui/search?q=Gao", "search"),
                      (f"{base}/ui/timeline?since=2026-11-01", "timeline")):
        open_view(page, url, view)
        assert page.locator("#view script, #view img").count() == 0
    assert page.evaluate("window.__pwned") is None and not page.problems
