"""URL helpers: the canonical form that identifies an item across partners, which
partner publishes an item (`publisher`), and links made safe to publish
(`safe_link`, without tracking parameters)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "yclid"})
SAFE_SCHEMES = frozenset({"http", "https"})
_SPACE = re.compile(r"\s")
# Characters a published link keeps as they are in its path, query and fragment:
# the URI reserved (but "[" and "]") and unreserved characters, and the "%" of
# existing escapes. Everything else is percent-encoded.
_URL_KEEP = "!#$%&'()*+,/:;=?@~-._"
_USERINFO_KEEP = "!$%&'()*+,;=:~-._"
# A "%" that does not start an escape ("100% gold") stands for itself.
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# What the host part of a URL may hold once in ASCII (user:password@host:port, [IPv6]).
_NETLOC = re.compile(r"[A-Za-z0-9!$%&'()*+,;=:@\[\]~._-]+")


def canonical_url(url: str) -> str:
    """The form under which the same page posted by several partners compares equal.

    Lower-case scheme and host, no ``www.``, no default port, no ``utm_*`` or
    click-id parameters, no fragment, no trailing slash; http and https are
    the same page.

    >>> canonical_url("HTTPS://www.Example.org/Calls/?utm_source=x&id=3#top")
    'https://example.org/Calls?id=3'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = _port(parts.netloc)
    if port and port not in ("80", "443"):
        host = f"{host}:{port}"
    query = parts.query
    if query:
        query = urlencode(
            [
                (key, value)
                for key, value in parse_qsl(query, keep_blank_values=True)
                if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
            ]
        )
    path = parts.path.rstrip("/")
    return urlunsplit((scheme, host, path, query, ""))


def absolute_url(base: str, link: str | None) -> str | None:
    """`link` resolved against `base`; None unless it is a well-formed http(s) URL."""
    if not link:
        return None
    try:
        resolved = urljoin(base, link.strip())
        parts = urlsplit(resolved)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return resolved


def web_address_problem(url: str) -> str | None:
    """Why `url` is not a usable http(s) address, or None when it is."""
    if _SPACE.search(url.strip()):
        return "it contains a space; write %20 for a space in a path"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        return str(exc)
    if parts.scheme not in SAFE_SCHEMES or not parts.hostname:
        return "it must start with https:// or http:// followed by a host name"
    return None


def _port(netloc: str) -> str | None:
    """The port written in a netloc, as text (never raises on a malformed one)."""
    host = netloc.rpartition("@")[2]
    if host.startswith("["):
        host = host.partition("]")[2]
    _, colon, port = host.rpartition(":")
    return port if colon and port else None


def host_of(url: str) -> str:
    """The host (and port) a URL points at, for per-host limits."""
    return urlsplit(url).netloc.lower()


#: Second-level labels under which a country's sites are registered (example.co.uk).
_SECOND_LEVEL = frozenset({"ac", "co", "com", "edu", "gob", "gouv", "gov", "net", "or", "org"})


def host_key(url: str) -> str:
    """A URL's host as items are compared: lower case, without ``www.`` or a final dot."""
    host = (urlsplit(url).hostname or "").rstrip(".")
    return host.removeprefix("www.")


def site_of(url: str) -> str:
    """The registrable domain of a URL's host, roughly: its last two labels, or three
    under a country's second level (``partner.org.uk``); an address, whole.

    ``feeds.partner.org`` and ``www.partner.org`` are one site. Hosting platforms
    (``alice.wordpress.com``, ``bob.github.io``) are one site too, so decisions
    about a partner's own items look at the exact host first (`host_key`).
    """
    host = host_key(url)
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return host
    labels = host.split(".")
    keep = 3 if len(labels) > 2 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def publisher(item_url: str, feeds: Sequence[str], links: Sequence[str | None] = ()) -> str | None:
    """Which of the sources (their feeds.yaml addresses, first stored first) publishes
    the item at `item_url`: the only one; else the first on the item's own host
    (www.partner.org for www.partner.org/calls/x); else the first on its site
    (feeds.partner.org); else, given each source's link for the item (`links`, in
    the order of `feeds`), the first whose link carries no tracking parameters
    when another's does (a re-post tags its link with its own campaign:
    ``?utm_source=other-partner``); else the first. A partner whose feed is on
    its own site keeps its items whoever re-posts them; partners on one hosting
    platform (alice.wordpress.com, bob.wordpress.com) are told apart only by
    order and their links."""
    if len(feeds) <= 1:
        return feeds[0] if feeds else None
    host, site = host_key(item_url), site_of(item_url)
    for same in (lambda feed: host_key(feed) == host, lambda feed: site_of(feed) == site):
        found = next((feed for feed in feeds if host and same(feed)), None)
        if found is not None:
            return found
    if len(links) == len(feeds):
        clean = [
            feed for feed, link in zip(feeds, links, strict=True) if link and not tracked(link)
        ]
        if clean and len(clean) < len(feeds):
            return clean[0]
    return feeds[0]


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key.startswith("utm_") or key in _TRACKING_PARAMS


def tracked(url: str) -> bool:
    """Whether `url` carries tracking parameters (``utm_*``, ``fbclid``, ``gclid`` …)."""
    query = urlsplit(url).query if "?" in url else ""
    return any(_is_tracking(pair.split("=", 1)[0]) for pair in query.split("&") if pair)


def without_tracking(url: str) -> str:
    """`url` without its tracking parameters (``utm_*``, ``fbclid``, ``gclid`` …), the
    rest of it exactly as written (the other parameters, their order, escapes).

    >>> without_tracking("https://p.example/calls/x?id=3&utm_source=rss&utm_medium=feed#top")
    'https://p.example/calls/x?id=3#top'
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    kept = [pair for pair in parts.query.split("&") if not _is_tracking(pair.split("=", 1)[0])]
    if len(kept) == len(parts.query.split("&")):
        return url
    return urlunsplit(parts._replace(query="&".join(kept)))


def safe_link(url: str | None) -> str | None:
    """`url` as a link safe to publish, or None if it is not an absolute http(s) URL.

    Characters a URL may not carry (space, ``"``, ``<``, ``>``, backtick,
    control characters, non-ASCII letters) are percent-encoded in the path,
    query and fragment, and a non-ASCII host is written in punycode:

    >>> safe_link("http://www.partner.example/docs/appel d'offres.pdf")
    "http://www.partner.example/docs/appel%20d'offres.pdf"

    Tracking parameters are removed (``utm_*``, ``fbclid`` …: `without_tracking`);
    everything else is kept as the partner wrote it (``http``, ``www.``, a
    trailing slash, existing %-escapes). Other schemes (``javascript:``,
    ``data:``, ``mailto:`` …), relative links and URLs without a usable host
    give None. Escaping for HTML or XML is left to the templates.
    """
    if not url:
        return None
    url = without_tracking(url.strip())
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in SAFE_SCHEMES or not parts.hostname:
        return None
    netloc = _ascii_netloc(parts.netloc, parts.hostname, parts.port)
    if netloc is None:
        return None
    rest = urlunsplit(("", "", parts.path, parts.query, parts.fragment))
    rest = _LONE_PERCENT.sub("%25", rest)
    return f"{scheme}://{netloc}{quote(rest, safe=_URL_KEEP)}"


def _ascii_netloc(netloc: str, hostname: str, port: int | None) -> str | None:
    """`netloc` with a non-ASCII host in punycode; None if it cannot be a host."""
    if not netloc.isascii():
        userinfo, at, _ = netloc.rpartition("@")
        try:
            host = hostname.encode("idna").decode("ascii")
        except UnicodeError:
            return None
        userinfo = quote(userinfo, safe=_USERINFO_KEEP)
        netloc = f"{userinfo}{at}{host}" + (f":{port}" if port is not None else "")
    return netloc if _NETLOC.fullmatch(netloc) else None
