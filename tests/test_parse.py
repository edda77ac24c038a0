"""Feeds of every flavour, parsed into what a reader will see."""

from __future__ import annotations

import pytest

from aggregator.errors import ParseError
from aggregator.parse import parse_feed

from .conftest import read

BASE = "https://partner.example.org/feed.xml"


@pytest.mark.parametrize(
    ("name", "count", "title", "link"),
    [
        (
            "rss091.xml",
            1,
            "Request for Proposals: mercury-free gold processing pilots",
            "https://pact.example.org/solicitations/rfp-mercury-free",
        ),
        (
            "rss1.xml",
            1,
            "Weekly briefing: mining sites in eastern DRC",
            "https://ipis.example.org/briefing/1",
        ),
        (
            "rss2.xml",
            2,
            "Call for proposals: responsible tin sourcing in the Great Lakes Region",
            "https://eprm.example.org/calls/2027-tin-sourcing/",
        ),
        (
            "atom.xml",
            2,
            "Appel à propositions : orpaillage et mercure",
            "https://arm.example.org/fr/appels/orpaillage-2027",
        ),
        (
            "cp1252.xml",
            1,
            "Convocatoria: minería artesanal y pequeña minería – fecha límite",
            "https://ejemplo.example.org/convocatorias/2027-asm",
        ),
        (
            "relative.xml",
            1,
            "Request for expressions of interest: cobalt mine site assessments",
            "https://partner.example.org/news/eoi-cobalt-assessments",
        ),
        ("dup_guids.xml", 2, "Gold refiners update", "https://dup.example.org/a"),
    ],
)
def test_each_flavour_gives_its_items(name: str, count: int, title: str, link: str) -> None:
    parsed = parse_feed(read(f"feeds/{name}"), BASE, {"content-type": "text/xml"})
    assert len(parsed.items) == count
    assert parsed.items[0].title == title
    assert parsed.items[0].link == link
    assert parsed.items[0].key


def test_html_is_sanitised_and_plain_text_escaped() -> None:
    parsed = parse_feed(read("feeds/atom.xml"), BASE)
    call, workshop = parsed.items
    assert "onmouseover" not in call.summary and "javascript:" not in call.summary
    assert "Date limite : 15 juillet 2027." in call.summary
    # the feed marked this content as text: markup shows as text, never as HTML
    assert workshop.summary == "" or "<b>" not in workshop.summary
    assert "&lt;b&gt;le 3 avril&lt;/b&gt;" in workshop.content
    assert call.translations == (("en", "https://arm.example.org/en/calls/asgm-2027"),)
    assert call.language == "fr"


def test_script_in_rss_description_never_survives() -> None:
    parsed = parse_feed(read("feeds/rss2.xml"), BASE)
    assert "<script" not in parsed.items[0].summary
    assert "Deadline: 30 June 2027." in parsed.items[0].summary


def test_relative_links_inside_content_are_made_absolute() -> None:
    parsed = parse_feed(read("feeds/relative.xml"), "https://fca.example.org/feed/")
    assert 'href="https://fca.example.org/docs/terms.pdf"' in parsed.items[0].summary


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (read("feeds/notafeed.html"), "HTML page, not a feed"),
        (b"\x00\x01garbage", "not an RSS or Atom feed"),
        (read("feeds/entities.xml"), "declares XML entities"),
    ],
)
def test_what_is_not_a_feed_is_an_error_for_that_feed(body: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        parse_feed(body, BASE)


def test_a_feed_with_a_recoverable_error_is_used_with_a_warning() -> None:
    body = read("feeds/rss2.xml").replace(b"</channel>", b"<broken></channel>")
    parsed = parse_feed(body, BASE, {"content-type": "text/xml"})
    assert len(parsed.items) == 2
    assert parsed.warning and parsed.warning.startswith("parsed despite an error")
