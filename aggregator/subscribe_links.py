"""The "subscribe by task" links: a calendar's webcal:// and Google Calendar addresses,
and the address of the feed stylesheet for a feed at any depth. Pure.

    webcal_url("https://example.org/ch/deadlines.ics") -> "webcal://example.org/ch/deadlines.ics"
    google_calendar_url(ics_url)                        -> "https://calendar.google.com/…?cid=…"
    stylesheet_href("partners/ipis/feed")               -> "../../feed.xsl"
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

#: Google Calendar's "add a calendar by its address" page; `cid` is the calendar's URL.
GOOGLE_ADD_BY_URL = "https://calendar.google.com/calendar/render?cid="
#: The feed stylesheet, at the top of the site.
FEED_STYLESHEET = "feed.xsl"


def webcal_url(ics_url: str) -> str | None:
    """The calendar's address with the webcal:// scheme, which asks the system's calendar
    application to subscribe; None unless `ics_url` is http(s)."""
    parts = urlsplit(ics_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return "webcal://" + ics_url.split("://", 1)[1]


def google_calendar_url(ics_url: str) -> str | None:
    """Google Calendar's page adding the calendar at `ics_url` by its address (the
    webcal:// form, which Google reads as a subscription); None unless http(s)."""
    webcal = webcal_url(ics_url)
    return GOOGLE_ADD_BY_URL + quote(webcal, safe="") if webcal else None


def stylesheet_href(feed: str) -> str:
    """The stylesheet's address relative to a feed named `feed` (its path in the site
    without the extension), so a browser fetches it from the same site wherever the
    site is served: Chromium applies an XSL stylesheet only from the feed's own origin."""
    return "../" * feed.count("/") + FEED_STYLESHEET
