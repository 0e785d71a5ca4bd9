"""A URL ingest cannot be turned against the machine or its network: loopback, private, link-local
(cloud metadata) and other non-public addresses, non-http(s) schemes, and redirects to any of them
are refused before a connection is made; pages have a size and a total time limit.

The server runs as a real process. Its one allowed origin (--fetch-allow) is a page server of this
test on loopback, which redirects; a second loopback server stands for the intranet and must never
be reached. Refused addresses outside loopback are refused before any packet is sent.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from serve_process import TOKEN, call, running

from polemos.fetch import Fetcher, FetchPolicy, GuardedTransport, SavedTransport, public_address

ARTICLE = (b"KHOST - Gunmen killed four soldiers at a checkpoint in Khost on Tuesday, officials said.\n\n"
           b"The Afghan interior ministry ordered an inquiry into the attack.\n")


class Intranet(BaseHTTPRequestHandler):
    """What must stay unreachable: it counts every request it gets."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Intranet.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret")

    def log_message(self, *args: object) -> None:
        pass


def pages(intranet_port: int) -> type[BaseHTTPRequestHandler]:
    redirects = {
        "/to-loopback": f"http://127.0.0.1:{intranet_port}/secret",
        "/to-localhost": f"http://localhost:{intranet_port}/secret",
        "/to-private": "http://10.0.0.7/admin",
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-file": "file:///etc/passwd",
        "/to-gopher": f"gopher://127.0.0.1:{intranet_port}/",
    }

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path in redirects:
                self.send_response(302)
                self.send_header("Location", redirects[self.path])
                self.end_headers()
            elif self.path.startswith("/article"):
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(ARTICLE)
            elif self.path == "/big":
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"word " * 400_000)  # 2 MB, over the server's 1 MB page limit
            elif self.path == "/slow":
                self.send_response(200)
                self.end_headers()
                for _ in range(12):  # a page that trickles in: 6 s, over the 2 s limit
                    self.wfile.write(b"news ")
                    self.wfile.flush()
                    time.sleep(0.5)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    return Pages


def serve_in_thread(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ssrf")
    intranet = serve_in_thread(Intranet)
    site = serve_in_thread(pages(intranet.server_address[1]))
    allowed = f"127.0.0.1:{site.server_address[1]}"
    with running(str(tmp / "ssrf.db"), tmp, "--fetch-allow", allowed, "--fetch-timeout", "2",
                 "--fetch-max-bytes", "1000000") as base:
        yield base, f"http://{allowed}", intranet.server_address[1]
    site.shutdown()
    intranet.shutdown()


def fetch(base: str, url: str):  # type: ignore[no-untyped-def]
    return call(base, "/api/v1/ingest/article", method="POST", body={"fetch": url}, token=TOKEN)


def test_the_allowed_page_is_fetched_and_coded(setup):
    base, site, _ = setup
    reply = fetch(base, f"{site}/article")
    assert reply.status == 201, reply.body
    assert reply.json()["events"] >= 1


@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{intranet}/secret", "http://localhost:{intranet}/secret", "http://[::1]:{intranet}/secret",
    "http://2130706433:{intranet}/secret",  # 127.0.0.1 written as one number
    "http://0.0.0.0:{intranet}/secret", "http://10.0.0.7/admin", "http://10.255.255.1/", "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/", "http://[::ffff:127.0.0.1]:{intranet}/",
    "file:///etc/passwd", "ftp://127.0.0.1:{intranet}/", "gopher://127.0.0.1:{intranet}/",
])
def test_a_url_that_is_not_a_public_http_address_is_refused(setup, target):
    base, _, intranet = setup
    before = len(Intranet.hits)
    reply = fetch(base, target.format(intranet=intranet))
    assert reply.status == 422 and reply.json()["error"]["code"] == "fetch_failed"
    assert len(Intranet.hits) == before


@pytest.mark.parametrize("path", ["/to-loopback", "/to-localhost", "/to-private", "/to-metadata", "/to-file",
                                  "/to-gopher"])
def test_a_redirect_from_an_allowed_page_to_a_forbidden_address_is_refused(setup, path):
    base, site, _ = setup
    before = len(Intranet.hits)
    reply = fetch(base, site + path)
    assert reply.status == 422 and reply.json()["error"]["code"] == "fetch_failed", reply.body
    assert len(Intranet.hits) == before


def test_a_page_over_the_size_limit_is_refused(setup):
    base, site, _ = setup
    reply = fetch(base, f"{site}/big")
    assert reply.status == 422 and "larger than the limit" in reply.json()["error"]["message"]


def test_a_page_that_trickles_in_past_the_time_limit_is_refused(setup):
    base, site, _ = setup
    reply = fetch(base, f"{site}/slow")
    assert reply.status == 422 and "longer than" in reply.json()["error"]["message"]


# --- the rules themselves, without a network ------------------------------------------------------
@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.10", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1",
                                     "224.0.0.1", "255.255.255.255"])
def test_non_public_addresses_are_recognised(address):
    assert not public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2001:4860:4860::8888"])
def test_public_addresses_are_recognised(address):
    assert public_address(address)


def test_a_name_that_resolves_elsewhere_at_connect_time_is_still_refused():
    """DNS rebinding: the check sees a public address, the connection would see loopback."""
    fetcher = Fetcher(transport=GuardedTransport(resolver=lambda host: ["127.0.0.1"]),
                      policy=FetchPolicy(obey_robots=False), resolver=lambda host: ["93.184.216.34"])
    rejection = fetcher.article("http://news.example/story")
    assert rejection.reason == "fetch_failed" and "no public address" in rejection.message


def test_redirects_are_checked_hop_by_hop_before_any_request_is_sent():
    from polemos.fetch import Response

    saved = SavedTransport({"http://news.example/a": Response("http://news.example/a", 301, b"",
                                                              {"Location": "http://169.254.169.254/"})})
    fetcher = Fetcher(transport=saved, policy=FetchPolicy(obey_robots=False), resolver=lambda host: ["93.184.216.34"])
    assert fetcher.article("http://news.example/a").reason == "fetch_failed"
    assert saved.requested == ["http://news.example/a"]
