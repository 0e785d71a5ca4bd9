"""Fetching pages and feeds over HTTP, politely and safely, through an injectable transport.

The rules an analyst's crawler must keep: a timeout, a size limit, robots.txt, and no requests
to loopback or private addresses unless explicitly allowed (a feed must not be able to make
polemos read the intranet). Tests and offline replays pass a `SavedTransport` instead of the
network. A failed fetch is a `Rejection` with reason `fetch_failed`, never an exception.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from . import __version__
from .errors import RejectReason
from .records import Article, Rejection
from .sources import article_from_bytes, sniff_kind

Resolver = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    status: int
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def location(self) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == "location"), None)


class Transport(Protocol):
    """What moves bytes: the network, or saved pages in tests. Redirects are returned, not followed."""

    def get(self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str]) -> Response: ...


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # the Fetcher follows redirects itself, checking each address


class UrllibTransport:
    """The network, through the standard library; reads at most `max_bytes + 1` bytes."""

    def __init__(self) -> None:
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str]) -> Response:
        request = urllib.request.Request(url, headers=dict(headers))
        try:
            with self._opener.open(request, timeout=timeout) as reply:
                return Response(reply.geturl(), reply.status, reply.read(max_bytes + 1), dict(reply.headers))
        except urllib.error.HTTPError as err:
            return Response(url, err.code, err.read(max_bytes + 1) if err.fp else b"", dict(err.headers or {}))


class SavedTransport:
    """Saved pages and feeds keyed by URL (a dict, or a folder of files named by `saved_name`)."""

    def __init__(self, pages: Mapping[str, bytes | Response] | None = None, folder: Path | None = None) -> None:
        self.pages = dict(pages or {})
        self.folder = folder
        self.requested: list[str] = []

    def get(self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str]) -> Response:
        self.requested.append(url)
        page = self.pages.get(url)
        if page is None and self.folder is not None and (self.folder / saved_name(url)).is_file():
            page = (self.folder / saved_name(url)).read_bytes()
        if page is None:
            return Response(url, 404, b"")
        if isinstance(page, Response):
            return Response(page.url, page.status, page.body[: max_bytes + 1], page.headers)
        return Response(url, 200, page[: max_bytes + 1])


def public_address(address: str) -> bool:
    """True for an address on the public internet: not loopback, private, link-local (cloud metadata
    at 169.254.169.254), shared, reserved, multicast or unspecified, also when written as IPv4-mapped IPv6."""
    ip = ipaddress.ip_address(address.split("%")[0].strip("[]"))
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class GuardedTransport:
    """The network, checked at the moment of connecting: the host is resolved here and only a public
    address (or an explicitly allowed host:port) is connected to, so a name that resolves to a public
    address when checked and to a private one when fetched (DNS rebinding) still cannot reach the
    intranet. Reads stop at `max_bytes + 1` bytes and at `timeout` seconds in all, not per read."""

    def __init__(self, allow: tuple[str, ...] = (), allow_private: bool = False, resolver: Resolver | None = None) -> None:
        self.allow = frozenset(allow)
        self.allow_private = allow_private
        self.resolver = resolver or system_resolver

    def _socket(self, host: str, port: int, deadline: float) -> socket.socket:
        addresses = [host.strip("[]")] if _is_ip(host) else self.resolver(host)
        allowed = self.allow_private or f"{host}:{port}" in self.allow
        usable = [a for a in addresses if allowed or public_address(a)]
        if not usable:
            raise OSError(f"{host} resolves to {', '.join(addresses) or 'nothing'}: no public address to connect to")
        last: OSError | None = None
        for address in usable:
            try:
                return socket.create_connection((address, port), timeout=max(0.1, deadline - time.monotonic()))
            except OSError as err:
                last = err
        raise last or OSError(f"cannot connect to {host}")

    def get(self, url: str, *, timeout: float, max_bytes: int, headers: Mapping[str, str]) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"{url!r} is not an http(s) URL")
        deadline = time.monotonic() + timeout
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        sock = self._socket(host, port, deadline)
        if parts.scheme == "https":
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
        connection.sock = sock  # already connected to the checked address
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers={"Host": parts.netloc, "Connection": "close", **headers})
            reply = connection.getresponse()
            body = bytearray()
            while len(body) <= max_bytes:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise OSError(f"{url} took longer than {timeout:g} s")
                sock.settimeout(remaining)
                chunk = reply.read(min(65536, max_bytes + 1 - len(body)))
                if not chunk:
                    break
                body += chunk
            return Response(url, reply.status, bytes(body), {k: v for k, v in reply.getheaders()})
        finally:
            connection.close()


def saved_name(url: str) -> str:
    """A file name for a saved URL: host and path with unsafe characters replaced."""
    parts = urlsplit(url)
    path = (parts.path or "/").strip("/").replace("/", "_") or "index"
    return f"{parts.hostname}_{path}" + (f"_{parts.query}" if parts.query else "")


def system_resolver(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    allow_private: bool = False
    obey_robots: bool = True
    max_redirects: int = 5
    allow_origins: tuple[str, ...] = ()  # host:port reachable although private (an intranet mirror, a test server)
    user_agent: str = f"polemos/{__version__} (news event coder)"


class FetchError(Exception):
    """Why one URL could not be fetched (turned into a Rejection by `Fetcher.article`)."""


class Fetcher:
    def __init__(self, transport: Transport | None = None, policy: FetchPolicy = FetchPolicy(),
                 resolver: Resolver = system_resolver) -> None:
        self.transport = transport or UrllibTransport()
        self.policy = policy
        self.resolver = resolver
        self._robots: dict[str, RobotFileParser | None] = {}

    def fetch(self, url: str) -> Response:
        """The final 200 response for a URL, after safe redirects; raises FetchError otherwise."""
        headers = {"User-Agent": self.policy.user_agent, "Accept": "text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.5"}
        for _ in range(self.policy.max_redirects + 1):
            self._check_url(url)
            if self.policy.obey_robots and not self._robots_allow(url):
                raise FetchError(f"robots.txt of {urlsplit(url).hostname} disallows {url}.")
            try:
                reply = self.transport.get(url, timeout=self.policy.timeout, max_bytes=self.policy.max_bytes, headers=headers)
            except (OSError, ValueError) as err:
                raise FetchError(f"Could not fetch {url}: {err}.") from err
            if reply.status in (301, 302, 303, 307, 308) and reply.location:
                url = urljoin(url, reply.location)
                continue
            if reply.status != 200:
                raise FetchError(f"{url} answered HTTP {reply.status}.")
            if len(reply.body) > self.policy.max_bytes:
                raise FetchError(f"{url} is larger than the limit of {self.policy.max_bytes:,} bytes.")
            return reply
        raise FetchError(f"{url} redirects more than {self.policy.max_redirects} times.")

    def article(self, url: str, **meta: object) -> Article | Rejection:
        """An Article from a URL (HTML or text, sniffed), or a fetch_failed Rejection saying why."""
        try:
            reply = self.fetch(url)
        except FetchError as err:
            return Rejection(RejectReason.FETCH_FAILED.value, str(err), document_id=None, origin=url)
        suffix = Path(urlsplit(reply.url).path).suffix
        return article_from_bytes(reply.body, kind=sniff_kind(reply.body, suffix), url=reply.url, origin=url, **meta)  # type: ignore[arg-type]

    def _check_url(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url!r} is not an http(s) URL.")
        if self.policy.allow_private or f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}" in self.policy.allow_origins:
            return
        try:
            addresses = [parts.hostname] if _is_ip(parts.hostname) else self.resolver(parts.hostname)
        except OSError as err:
            raise FetchError(f"Cannot resolve {parts.hostname}: {err}.") from err
        for address in addresses:
            if not public_address(address):
                raise FetchError(
                    f"{parts.hostname} resolves to {address}, not a public address (loopback, private, link-local "
                    "or reserved): refused. Allow it explicitly (polemos ingest --allow-private, polemos serve "
                    "--fetch-allow HOST:PORT) when you mean to read your own network."
                )

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: RobotFileParser | None = None
            try:
                reply = self.transport.get(origin + "/robots.txt", timeout=self.policy.timeout,
                                           max_bytes=500_000, headers={"User-Agent": self.policy.user_agent})
                if reply.status == 200:
                    parser = RobotFileParser()
                    parser.parse(reply.body.decode("utf-8", errors="replace").splitlines())
            except (OSError, ValueError):
                parser = None  # no readable robots.txt: the site set no rule
            self._robots[origin] = parser
        parser = self._robots[origin]
        return parser is None or parser.can_fetch(self.policy.user_agent, url)


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False
