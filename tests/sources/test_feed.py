"""Feeds of every flavour, parsed into what a reader will see."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from aggregator.errors import ParseError
from aggregator.sources.feed import parse_feed

from ..conftest import read

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


def _xml_base_feed(feed_base: str) -> bytes:
    """An Atom feed whose entry and content each add a relative xml:base."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" {feed_base}>
  <title>Partner news</title>
  <entry xml:base="2027/">
    <title>Call for proposals: traceability pilots</title>
    <id>urn:uuid:6c1b2a4e-1</id>
    <link href="call.html"/>
    <link rel="alternate" hreflang="fr" href="appel.html"/>
    <updated>2027-01-05T00:00:00Z</updated>
    <summary type="html">&lt;a href="terms.pdf"&gt;Terms&lt;/a&gt;</summary>
    <content type="html" xml:base="annex/">&lt;a href="budget.xlsx"&gt;Budget&lt;/a&gt;</content>
  </entry>
  <entry>
    <title>Field visit report</title>
    <id>urn:uuid:6c1b2a4e-2</id>
    <link href="/reports/visit"/>
    <updated>2027-01-04T00:00:00Z</updated>
    <summary type="html">&lt;a href="visit.pdf"&gt;Report&lt;/a&gt;</summary>
  </entry>
</feed>""".encode()


@pytest.mark.parametrize(
    ("feed_base", "root"),
    [
        ('xml:base="https://cdn.partner.example/news/"', "https://cdn.partner.example/news/"),
        ('xml:base="/news/"', "https://partner.example.org/news/"),
        ("", "https://partner.example.org/"),
    ],
)
def test_links_follow_each_xml_base_down_the_feed(feed_base: str, root: str) -> None:
    call, report = parse_feed(_xml_base_feed(feed_base), BASE).items
    assert call.link == f"{root}2027/call.html"
    assert call.translations == (("fr", f"{root}2027/appel.html"),)
    assert f'href="{root}2027/terms.pdf"' in call.summary
    assert f'href="{root}2027/annex/budget.xlsx"' in call.content
    # the first entry's xml:base stops at its end
    assert report.link == "https://" + root.split("/")[2] + "/reports/visit"
    assert f'href="{root}visit.pdf"' in report.summary


def test_an_items_key_is_its_id_made_absolute_however_the_feed_is_read() -> None:
    parsed = parse_feed(read("feeds/dup_guids.xml"), BASE)
    keys = [item.key for item in parsed.items]
    assert keys == [
        "https://partner.example.org/same-guid",
        "https://partner.example.org/other-guid",
    ]
    # text that looks like a base attribute makes feedparser resolve links itself:
    # the keys (and so the stored items they update) must not change with it
    mentions_base = read("feeds/dup_guids.xml").replace(
        b"<description>A feed", b"<description>See https://db.example.org/q?base=gold. A feed"
    )
    assert [item.key for item in parse_feed(mentions_base, BASE).items] == keys
    not_permalink = read("feeds/dup_guids.xml").replace(b"<guid>", b'<guid isPermaLink="false">')
    assert [item.key for item in parse_feed(not_permalink, BASE).items] == keys
    atom = parse_feed(_xml_base_feed(""), BASE)
    assert [item.key for item in atom.items] == ["urn:uuid:6c1b2a4e-1", "urn:uuid:6c1b2a4e-2"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_utf16_feed_is_read_like_its_utf8_twin(encoding: str) -> None:
    utf8 = _xml_base_feed('xml:base="/news/"')
    wide = utf8.decode().replace('encoding="utf-8"', f'encoding="{encoding}"').encode(encoding)
    assert parse_feed(wide, BASE).items == parse_feed(utf8, BASE).items


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32", "utf-7", "cp037"])
def test_entities_are_refused_in_every_encoding_feedparser_reads(encoding: str) -> None:
    """A plain-text entity repeated is what feedparser would expand: 100 times the body."""
    bomb = (
        f'<?xml version="1.0" encoding="{encoding}"?>'
        f'<!DOCTYPE rss [<!ENTITY a "{"A" * 1000}">]>'
        '<rss version="2.0"><channel><title>Partner</title>'
        f"<item><title>Call</title><description>{'&a;' * 1000}</description></item>"
        "</channel></rss>"
    ).encode(encoding)
    with pytest.raises(ParseError, match="declares XML entities"):
        parse_feed(bomb, BASE)


def test_control_characters_and_lone_surrogates_never_come_through() -> None:
    """A terminal escape would recolour the admin's terminal; a lone surrogate used to
    make the sanitiser refuse the whole feed."""
    body = read("feeds/rss2.xml").replace(
        b"<title>Call for proposals:", b"<title>&#x1b;[31mCall&#x1b;[0m for proposals:", 1
    )
    body = body.replace(b"Deadline: 30 June 2027.", b"Deadline: 30 June 2027. &#xD800;&#x7;")
    call, other = parse_feed(body, BASE).items
    assert call.title.startswith("[31mCall[0m for proposals:")
    assert "\x1b" not in call.title and "\x07" not in call.summary
    assert "Deadline: 30 June 2027." in call.summary
    assert other.title


def test_a_json_feed_is_read_like_rss_and_atom() -> None:
    parsed = parse_feed(read("feeds/jsonfeed.json"), "https://fca.example.org/feed.json")
    assert (parsed.title, parsed.link, parsed.language) == (
        "Fair Cobalt Alliance – news",
        "https://fca.example.org/",
        "en",
    )
    call, webinar = parsed.items
    assert call.key == "https://fca.example.org/?p=881"
    assert call.link == "https://fca.example.org/calls/cobalt-livelihoods-2027"
    assert call.summary == "Proposals invited for livelihoods projects."
    assert 'href="https://fca.example.org/docs/terms.pdf"' in call.content
    assert "<script" not in call.content and "Deadline: 30 June 2027." in call.content
    assert call.published == datetime(2027, 3, 1, 9, tzinfo=UTC)
    assert (call.author, call.categories) == ("FCA secretariat", ("cobalt", "livelihoods"))
    # a title is plain text: markup a partner wrote in it is removed, never shown or run
    assert webinar.title == "Webinar: cobalt traceability"
    assert webinar.key == "882" and webinar.link is None and webinar.language == "fr"
    assert webinar.content == "Join us on 5 May 2027 &lt;script&gt;."
    assert webinar.published == datetime(2027, 2, 20, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "body",
    [
        b'{"title": "no version"}',
        b"{not json",
        b'{"version": 1.1}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000,
    ],
)
def test_json_that_is_not_a_json_feed_is_an_error_for_that_feed(body: bytes) -> None:
    with pytest.raises(ParseError, match="not a JSON Feed"):
        parse_feed(body, BASE)


def test_a_surrogate_reference_in_a_utf16_feed_costs_one_character() -> None:
    text = read("feeds/rss2.xml").decode().replace('encoding="utf-8"', 'encoding="utf-16"')
    body = text.replace("Deadline: 30 June 2027.", "Deadline: 30 June 2027. &#xD800;")
    call, _ = parse_feed(body.encode("utf-16"), BASE, {"content-type": "application/xml"}).items
    assert "Deadline: 30 June 2027." in call.summary
