"""Reading a corpus: CSV dumps with column mapping, RSS and Atom feeds, URL lists, and the safety
rules of fetching (private addresses, robots.txt, size limits, redirects), all through saved pages."""

from __future__ import annotations

import pytest

from polemos.errors import InputError
from polemos.feeds import parse_feed, read_sources
from polemos.fetch import Fetcher, FetchPolicy, Response, SavedTransport
from polemos.records import Article, Rejection

BODY = ("Troops and insurgents clashed for several hours near the northern border town on Sunday, "
        "local officials said, adding that the fighting had forced families to leave their homes. ")
PAGE = f"<html><head><title>Clashes near the border</title></head><body><article><h1>Clashes</h1><p>{BODY * 4}</p></article></body></html>".encode()


def public(host: str) -> list[str]:
    return ["93.184.216.34"]  # a documentation-range-like public address for every test host


def fetcher(pages: dict, **policy) -> Fetcher:
    return Fetcher(SavedTransport(pages), FetchPolicy(**policy), resolver=public)


RSS = f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Border Times</title>
<item><title>Clashes near the border</title><link>https://border.example/clashes</link>
<pubDate>Mon, 02 Mar 2026 08:00:00 GMT</pubDate><description>Short teaser.</description></item>
<item><title>Full text item</title><link>https://border.example/full</link>
<pubDate>Tue, 03 Mar 2026 09:30:00 +0500</pubDate><content:encoded><![CDATA[<p>{BODY * 6}</p>]]></content:encoded></item>
</channel></rss>""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Capital Wire</title>
<entry><title>Talks resume</title><link rel="alternate" href="https://wire.example/talks"/>
<published>2026-03-04T10:00:00Z</published><summary>Envoys met again.</summary></entry></feed>"""


def test_an_rss_feed_yields_its_items_with_the_feeds_title_date_and_outlet():
    items = parse_feed(RSS)
    assert [i.title for i in items] == ["Clashes near the border", "Full text item"]
    assert str(items[1].published) == "2026-03-03" and items[0].outlet == "Border Times"


def test_an_atom_feed_yields_its_entries():
    (entry,) = parse_feed(ATOM)
    assert (entry.link, str(entry.published), entry.outlet) == ("https://wire.example/talks", "2026-03-04", "Capital Wire")


def test_a_feed_item_with_only_a_teaser_is_fetched_and_one_with_full_text_is_not(tmp_path):
    path = tmp_path / "border.rss"
    path.write_bytes(RSS)
    transport = SavedTransport({"https://border.example/clashes": PAGE})
    items = list(read_sources([str(path)], fetcher=Fetcher(transport, resolver=public)))
    assert all(isinstance(i, Article) for i in items)
    assert [u for u in transport.requested if not u.endswith("robots.txt")] == ["https://border.example/clashes"]
    assert items[0].kind == "html" and items[0].outlet == "Border Times" and str(items[0].published) == "2026-03-02"


def test_a_url_list_fetches_each_page_and_expands_feeds(tmp_path):
    path = tmp_path / "list.urls"
    path.write_text("# morning sweep\nhttps://border.example/clashes\nhttps://wire.example/feed.atom\n", "utf-8")
    pages = {"https://border.example/clashes": PAGE, "https://wire.example/feed.atom": ATOM,
             "https://wire.example/talks": PAGE}
    items = list(read_sources([str(path)], fetcher=fetcher(pages)))
    assert [i.url for i in items] == ["https://border.example/clashes", "https://wire.example/talks"]
    assert items[1].title == "Talks resume"


def test_a_csv_dump_is_read_with_a_column_mapping(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(f'headline,body,day,site\n"Clashes","{BODY}",2026-03-02,Border Times\n', "utf-8")
    (article,) = read_sources([str(path)], csv_map={"text": "body", "published": "day"})
    assert article.title == "Clashes" and str(article.published) == "2026-03-02" and article.outlet == "Border Times"


def test_a_csv_without_a_body_column_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text("headline,day\nClashes,2026-03-02\n", "utf-8")
    with pytest.raises(InputError, match="--csv-map text="):
        list(read_sources([str(path)]))


def test_loopback_and_private_addresses_are_refused_unless_allowed():
    pages = {"http://127.0.0.1/admin": PAGE, "http://10.0.0.5/page": PAGE}
    refused = Fetcher(SavedTransport(pages)).article("http://127.0.0.1/admin")
    assert isinstance(refused, Rejection) and refused.reason == "fetch_failed" and "private" in refused.message
    internal = Fetcher(SavedTransport(pages), resolver=lambda host: ["192.168.1.4"]).article("http://intranet.example/x")
    assert isinstance(internal, Rejection)
    allowed = Fetcher(SavedTransport(pages), FetchPolicy(allow_private=True)).article("http://10.0.0.5/page")
    assert isinstance(allowed, Article)


def test_a_redirect_to_a_private_address_is_refused():
    pages = {"https://border.example/go": Response("https://border.example/go", 302, b"", {"Location": "http://127.0.0.1/secret"})}
    result = fetcher(pages).article("https://border.example/go")
    assert isinstance(result, Rejection) and "127.0.0.1" in result.message


def test_robots_txt_is_obeyed():
    pages = {"https://border.example/robots.txt": b"User-agent: *\nDisallow: /private/\n",
             "https://border.example/private/page": PAGE}
    result = fetcher(pages).article("https://border.example/private/page")
    assert isinstance(result, Rejection) and "robots.txt" in result.message
    assert isinstance(fetcher(pages, obey_robots=False).article("https://border.example/private/page"), Article)


def test_pages_over_the_size_limit_are_refused():
    result = fetcher({"https://border.example/big": PAGE}, max_bytes=100).article("https://border.example/big")
    assert isinstance(result, Rejection) and "limit" in result.message


def test_a_missing_page_becomes_a_rejection_not_an_exception():
    result = fetcher({}).article("https://border.example/gone")
    assert isinstance(result, Rejection) and "404" in result.message
