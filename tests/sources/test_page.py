"""Reading items out of partners' HTML pages: with selectors, automatically, and safely."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.errors import ParseError
from aggregator.sources.page import decode_html, extract_page, find_feed_links
from aggregator.types import ParsedFeed, Selectors, Source

PAGES = Path(__file__).parent.parent / "data" / "pages"
NOW = datetime(2027, 7, 20, 9, 0, tzinfo=UTC)
PAGE_URL = "http://127.0.0.1:8000/site/listing.html"

EN_SELECTORS = Selectors(item="div.views-row", title="h3", date=".date", summary=".teaser")
FR_SELECTORS = Selectors(item="article.call", date=".date", summary=".resume")
ES_SELECTORS = Selectors(item="li.convocatoria", date="time, .fecha")


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def extract(
    name: str,
    selectors: Selectors | None = None,
    *,
    url: str = PAGE_URL,
    language: str | None = None,
    now: datetime | None = NOW,
    headers: dict[str, str] | None = None,
) -> ParsedFeed:
    source = Source(name=name, url=url, type="page", selectors=selectors, language=language)
    return extract_page(page(name), url, source, now=now, headers=headers)


def day(text: str) -> datetime:
    """The moment a page's date without a time stands for: noon UTC on that day."""
    return datetime.fromisoformat(text).replace(hour=12, tzinfo=UTC)


# --- selectors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "selectors", "expected"),
    [
        (
            "calls_en.html",  # <base href>, relative links, a duplicate and a script link
            EN_SELECTORS,
            [
                (
                    "https://partner.example.org/en/calls/asm-gold-traceability?utm_source=listing",
                    "Call for proposals: ASM gold traceability pilots",
                    day("2027-06-23"),  # "23 June 2027"
                ),
                (
                    "https://partner.example.org/en/calls/cobalt-due-diligence-grants",
                    "Cobalt due diligence small grants 2027",
                    day("2027-06-23"),  # "June 23", the latest 23 June before NOW
                ),
                (
                    "https://partner.example.org/en/calls/3tg-smelter-audits",
                    "Tender: 3TG smelter audit support",
                    day("2027-06-01"),  # "2027-06-01"
                ),
                (
                    "https://partner.example.org/en/calls/women-in-asm",
                    "Women in artisanal mining: call for applications",
                    None,  # "no date yet": the pipeline uses the time first seen
                ),
            ],
        ),
        (
            "appels_fr.html",  # no <base>: links relative to the page, one with ../
            FR_SELECTORS,
            [
                (
                    "http://127.0.0.1:8000/site/appels/etain-tracabilite.html",
                    "Appel à propositions : traçabilité de l'étain au Sud-Kivu",
                    day("2027-07-15"),  # "15 juillet 2027"
                ),
                (
                    "http://127.0.0.1:8000/site/appels/or-artisanal.html",
                    "Appel à manifestation d'intérêt : or artisanal responsable",
                    day("2027-07-01"),  # "1er juillet 2027"
                ),
                (
                    "http://127.0.0.1:8000/evenements/atelier-goma.html",
                    "Atelier régional sur le devoir de diligence à Goma",
                    day("2027-06-12"),  # "12/06/2027", day first in French
                ),
            ],
        ),
        (
            "convocatorias_es.html",
            ES_SELECTORS,
            [
                (
                    "https://red.example.net/es/convocatorias/oro-artesanal",
                    "Convocatoria: oro artesanal y mercurio cero",
                    day("2027-08-01"),  # <time datetime="2027-08-01">
                ),
                (
                    "https://red.example.net/es/convocatorias/cobalto-cooperativas",
                    "Convocatoria de proyectos para cooperativas de cobalto",
                    day("2027-07-15"),  # <time>15 de julio de 2027</time>
                ),
                (
                    "https://red.example.net/es/convocatorias/estano-trazabilidad",
                    "Licitación: trazabilidad del estaño en la región",
                    day("2027-07-03"),  # "3 de julio de 2027"
                ),
            ],
        ),
    ],
)
def test_selectors_read_link_title_and_date_in_each_language(
    name: str, selectors: Selectors, expected: list[tuple[str, str, datetime | None]]
) -> None:
    feed = extract(name, selectors)
    assert [(item.link, item.title, item.published) for item in feed.items] == expected
    assert feed.warning is None
    assert feed.alternate_feed is None


def test_items_are_identified_by_their_canonical_link() -> None:
    feed = extract("calls_en.html", EN_SELECTORS)
    assert [item.key for item in feed.items] == [
        "https://partner.example.org/en/calls/asm-gold-traceability",
        "https://partner.example.org/en/calls/cobalt-due-diligence-grants",
        "https://partner.example.org/en/calls/3tg-smelter-audits",
        "https://partner.example.org/en/calls/women-in-asm",
    ]


def test_summary_is_sanitised_html_with_absolute_links() -> None:
    first = extract("calls_en.html", EN_SELECTORS).items[0]
    assert first.summary.startswith(
        "<p>Funding for artisanal gold traceability pilots in <em>South Kivu</em>."
    )
    assert 'href="https://partner.example.org/en/calls/asm-gold-traceability"' in first.summary


def test_translations_come_from_hreflang_links_in_the_item() -> None:
    english = extract("calls_en.html", EN_SELECTORS).items[0]
    assert english.translations == (("fr", "https://partner.example.org/fr/appels/tracabilite-or"),)
    spanish = extract("convocatorias_es.html", ES_SELECTORS).items[0]
    assert spanish.translations == (("en", "https://red.example.net/en/calls/artisanal-gold"),)


@pytest.mark.parametrize(
    ("name", "source_language", "expected"),
    [
        ("calls_en.html", None, "en"),  # <html lang="en-GB">
        ("appels_fr.html", None, "fr"),  # <html lang="fr-FR">
        ("convocatorias_es.html", None, "es"),
        ("appels_fr.html", "es", "es"),  # the source's setting wins
    ],
)
def test_language_is_the_page_language_unless_the_source_sets_one(
    name: str, source_language: str | None, expected: str
) -> None:
    feed = extract(name, Selectors(item="article, li, div.views-row"), language=source_language)
    assert feed.language == expected
    assert {item.language for item in feed.items} == {expected}


def test_feed_title_is_the_page_title() -> None:
    feed = extract("calls_en.html", EN_SELECTORS)
    assert feed.title == "Calls for proposals | Great Lakes Minerals Partnership"
    assert feed.link == PAGE_URL


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2027, 7, 20, tzinfo=UTC), day("2027-06-23")),
        (datetime(2027, 6, 23, 18, 0, tzinfo=UTC), day("2027-06-23")),
        (datetime(2027, 6, 1, tzinfo=UTC), day("2026-06-23")),  # not a date in the future
        (None, None),  # no clock: a year-less date stays unread
    ],
)
def test_year_less_dates_are_the_latest_such_day_before_now(
    now: datetime | None, expected: datetime | None
) -> None:
    second = extract("calls_en.html", EN_SELECTORS, now=now).items[1]
    assert second.title == "Cobalt due diligence small grants 2027"
    assert second.published == expected


def test_a_link_selector_picks_the_link_and_may_wrap_it() -> None:
    html = b"""<html><body>
      <div class="row"><a href="/tag/gold">gold</a><h3><a href="/c/1">First call</a></h3></div>
      <div class="row"><a href="/tag/tin">tin</a><h3><a href="/c/2">Second call</a></h3></div>
    </body></html>"""
    source = Source(
        name="x", url=PAGE_URL, type="page", selectors=Selectors(item=".row", link="h3")
    )
    feed = extract_page(html, PAGE_URL, source, now=NOW)
    assert [(item.link, item.title) for item in feed.items] == [
        ("http://127.0.0.1:8000/c/1", "First call"),
        ("http://127.0.0.1:8000/c/2", "Second call"),
    ]


@pytest.mark.parametrize(
    ("link", "title"),
    [
        ("<b>C</b>obalt due <em>diligence</em>\n   call", "Cobalt due diligence call"),
        ("Line one<br>line two", "Line one line two"),
        ("  Appel à\u00a0propositions  ", "Appel à propositions"),
        ("<span>Convocatoria</span> <span>abierta</span>", "Convocatoria abierta"),
    ],
)
def test_titles_read_as_a_reader_sees_them(link: str, title: str) -> None:
    html = f'<html><body><div class="row"><a href="/c">{link}</a></div></body></html>'.encode()
    source = Source(name="x", url=PAGE_URL, type="page", selectors=Selectors(item=".row"))
    (item,) = extract_page(html, PAGE_URL, source, now=NOW).items
    assert item.title == title


def test_title_falls_back_to_the_first_heading_when_the_link_has_no_text() -> None:
    html = b"""<html><body>
      <div class="card"><a href="/c/1"><img src="/1.png" alt=""></a><h4>Cobalt call</h4></div>
    </body></html>"""
    source = Source(name="x", url=PAGE_URL, type="page", selectors=Selectors(item=".card"))
    (item,) = extract_page(html, PAGE_URL, source, now=NOW).items
    assert item.title == "Cobalt call"


def test_an_item_selector_that_matches_nothing_is_reported() -> None:
    feed = extract("calls_en_redesigned.html", EN_SELECTORS)
    assert feed.items == ()
    assert feed.warning == "the item selector 'div.views-row' matched nothing on the page"


@pytest.mark.parametrize("bad", ["div[", "div >> p", "::nonsense("])
def test_a_selector_that_is_not_css_is_a_parse_error(bad: str) -> None:
    with pytest.raises(ParseError, match="not a valid CSS selector"):
        extract("calls_en.html", Selectors(item=bad))
    with pytest.raises(ParseError, match=r"selectors\.date"):
        extract("calls_en.html", Selectors(item="div.views-row", date=bad))


# --- hostile pages --------------------------------------------------------------------


def test_scripts_handlers_and_unsafe_links_never_survive() -> None:
    feed = extract("hostile.html", Selectors(item=".entry", date=".date", summary=".summary"))
    assert [item.link for item in feed.items] == [
        "http://127.0.0.1:8000/site/calls/safe-one",
        "http://127.0.0.1:8000/calls/safe-two",
    ]
    assert feed.title == "Calls"
    first, second = feed.items
    assert first.title == "A perfectly ordinary call for proposals"
    everything = " ".join(
        f"{item.title} {item.summary} {item.link} {item.translations}" for item in feed.items
    ).lower()
    forbidden = ["<script", "alert", "onclick", "onerror", "onmouseover", "javascript:"]
    forbidden += ["data:", "vbscript:", "<iframe", "<style", "style=", "evil.example"]
    for text in forbidden:
        assert text not in everything
    assert '<a href="http://127.0.0.1:8000/docs/terms.pdf"' in first.summary
    assert "<b>bold</b>" in first.summary
    assert second.summary == "<div>Plain summary.</div>"


def test_a_hostile_page_in_automatic_mode_yields_nothing_unsafe() -> None:
    feed = extract("hostile.html")
    assert all(item.link and item.link.startswith("http") for item in feed.items)


# --- automatic mode ---------------------------------------------------------------------


def test_automatic_mode_finds_the_listing_and_ignores_navigation() -> None:
    feed = extract("auto_noise.html", url="https://forum.example.org/updates")
    updates = "https://forum.example.org/updates"
    assert [(item.link, item.published) for item in feed.items] == [
        (f"{updates}/oecd-forum-2027", datetime(2027, 5, 2, 7, 30, tzinfo=UTC)),  # <time> +02:00
        (f"{updates}/gold-refiners-guidance", day("2027-04-28")),  # "April 28, 2027"
        (f"{updates}/great-lakes-3tg-report", day("2027-04-15")),  # "2027-04-15"
        (f"{updates}/call-cooperatives", day("2027-04-10")),  # "10 April 2027"
    ]
    assert feed.items[0].title == "OECD Forum on Responsible Mineral Supply Chains 2027"
    assert feed.items[0].summary.startswith("<p>Registration is open for the annual forum")
    assert feed.warning is None


@pytest.mark.parametrize(
    ("name", "count", "first_link"),
    [
        ("calls_en.html", 4, "https://partner.example.org/en/calls/asm-gold-traceability?utm_source=listing"),
        ("appels_fr.html", 3, "http://127.0.0.1:8000/site/appels/etain-tracabilite.html"),
        ("convocatorias_es.html", 3, "https://red.example.net/es/convocatorias/oro-artesanal"),
        ("calls_en_redesigned.html", 4, "https://partner.example.org/en/calls/asm-gold-traceability"),
        ("appels_fr_latin1.html", 3, "http://127.0.0.1:8000/appels/1"),
        ("wordpress_news.html", 3, "https://gold.example.org/2027/06/call-mercury-free/"),
        ("table_convocatorias.html", 4, "http://127.0.0.1:8000/convocatorias/2027-01"),
        ("cards_fr.html", 3, "http://127.0.0.1:8000/actualites/forum-kolwezi"),
    ],
)  # fmt: skip
def test_automatic_mode_reads_listings_in_each_language(
    name: str, count: int, first_link: str
) -> None:
    feed = extract(name)
    assert len(feed.items) == count
    assert feed.items[0].link == first_link
    assert all(item.published is not None for item in feed.items[:3])


@pytest.mark.parametrize(
    ("name", "title", "published", "summary"),
    [
        (  # WordPress: per-post classes vary (category-calls, tag-ghana); "published" <time>
            "wordpress_news.html",
            "Call for proposals: mercury-free processing in Ghana",
            datetime(2027, 6, 14, 8, 0, tzinfo=UTC),
            "<p>We invite proposals from cooperatives to pilot mercury-free gold processing.</p>",
        ),
        (  # a table: the publication date is the second cell
            "table_convocatorias.html",
            "Fortalecimiento de unidades de pequeña minería de oro",
            day("2027-06-02"),
            "",
        ),
        (  # the title is a heading without a link; the link says "Read more"
            "read_more_en.html",
            "Consultancy: baseline study of tin supply chains in Rwanda",
            day("2027-07-12"),
            "<p>Terms of reference for a six-week baseline study of tin traceability.</p>",
        ),
        (  # a link wrapping a whole card: the heading is the title
            "cards_fr.html",
            "Forum de Kolwezi sur le cobalt artisanal",
            day("2027-06-12"),
            "<p>Retour sur deux jours d'échanges avec les coopératives minières.</p>",
        ),
    ],
)
def test_automatic_mode_reads_common_layouts(
    name: str, title: str, published: datetime, summary: str
) -> None:
    first = extract(name).items[0]
    assert (first.title, first.published, first.summary) == (title, published, summary)


@pytest.mark.parametrize("tags_first", [True, False])
def test_tag_links_beside_read_more_are_not_items(tags_first: bool) -> None:
    def row(n: int, topic: str) -> str:
        tags = f'<a href="/topics/{topic}">{topic}</a> <a href="/only/{n}">only here</a>'
        more = f'<a href="/calls/{n}">Lire la suite</a>'
        links = f"{tags} {more}" if tags_first else f"{more} {tags}"
        return f"<div class='row'><h2>Appel numéro {n} pour les coopératives</h2>{links}</div>"

    rows = "".join(row(n, topic) for n, topic in enumerate(["or", "étain", "or", "cobalt"]))
    html = f"<html><body><main>{rows}</main></body></html>".encode()
    feed = extract_page(html, PAGE_URL, Source(name="x", url=PAGE_URL, type="page"), now=NOW)
    assert [(item.link, item.title) for item in feed.items] == [
        (f"http://127.0.0.1:8000/calls/{n}", f"Appel numéro {n} pour les coopératives")
        for n in range(4)
    ]


def test_headers_inside_items_are_not_taken_for_the_site_header() -> None:
    rows = "".join(
        f'<div class="item"><header><h3><a href="/{n}">Item number {n} of the listing</a></h3>'
        f"</header><footer>{n} June 2027</footer></div>"
        for n in range(1, 4)
    )
    html = (
        '<html><body><header><a href="/">The site name and its long tagline</a></header>'
        f'<div class="wrap"><div class="list">{rows}</div></div>'
        "<footer><ul>"
        + "".join(
            f'<li><a href="/p{n}">Legal notice number {n} of the site</a></li>' for n in "123"
        )
        + "</ul></footer></body></html>"
    ).encode()
    feed = extract_page(html, PAGE_URL, Source(name="x", url=PAGE_URL, type="page"), now=NOW)
    assert [(item.title, item.published) for item in feed.items] == [
        (f"Item number {n} of the listing", day(f"2027-06-0{n}")) for n in range(1, 4)
    ]


def test_automatic_mode_follows_the_feed_a_page_advertises() -> None:
    feed = extract("with_feed.html", url="https://cobalt.example.org/news/")
    assert feed.alternate_feed == "https://cobalt.example.org/news/atom.xml"
    assert feed.items == ()


def test_selectors_win_over_an_advertised_feed() -> None:
    feed = extract("with_feed.html", Selectors(item="article"))
    assert feed.alternate_feed is None
    assert len(feed.items) == 3


def test_automatic_mode_without_a_list_says_so() -> None:
    html = b"<html><body><p>Just one <a href='/a'>link to a single page here</a>.</p></body></html>"
    feed = extract_page(html, PAGE_URL, Source(name="x", url=PAGE_URL, type="page"), now=NOW)
    assert feed.items == ()
    assert feed.warning is not None and "set selectors" in feed.warning


def test_automatic_mode_stays_fast_on_a_big_deep_page() -> None:
    rows = "".join(
        f'<div class="row"><h3><a href="/c/{i}">Call number {i} for proposals</a></h3>'
        f"<span>{1 + i % 28} June 2027</span></div>"
        for i in range(2000)
    )
    deep = "<div>" * 3000 + "text" + "</div>" * 3000
    html = f"<html><body>{deep}<main>{rows}</main></body></html>".encode()
    feed = extract_page(html, PAGE_URL, Source(name="x", url=PAGE_URL, type="page"), now=NOW)
    assert len(feed.items) == 2000


# --- feed links and character sets --------------------------------------------------------


def test_find_feed_links_lists_rss_and_atom_before_json_feed() -> None:
    assert find_feed_links(page("with_feed.html"), "https://cobalt.example.org/news/") == [
        "https://cobalt.example.org/news/atom.xml",
        "https://cobalt.example.org/news/news/rss.xml",
        "https://cobalt.example.org/news/feed.json",
    ]


@pytest.mark.parametrize("name", ["calls_en.html", "auto_noise.html", "hostile.html"])
def test_pages_without_feed_links_have_none(name: str) -> None:
    assert find_feed_links(page(name), PAGE_URL) == []


@pytest.mark.parametrize(
    ("body", "headers", "expected"),
    [
        ("café".encode("cp1252"), {"Content-Type": "text/html; charset=ISO-8859-1"}, "café"),
        ("café".encode(), {"content-type": "text/html; charset=utf-8"}, "café"),
        ('<meta charset="windows-1252">café'.encode("cp1252"), None, "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", None, "café"),  # UTF-8 byte order mark
        (b"caf\xe9", None, "caf\ufffd"),  # undeclared and not UTF-8: replaced, no error
        ("café".encode(), {"Content-Type": "text/html; charset=nonsense"}, "café"),
    ],
)
def test_pages_are_decoded_by_their_declared_charset(
    body: bytes, headers: dict[str, str] | None, expected: str
) -> None:
    assert decode_html(body, headers).endswith(expected)


def test_a_latin1_page_reads_correctly() -> None:
    feed = extract("appels_fr_latin1.html")
    assert feed.title == "Appels à propositions — Fédération des coopératives minières"
    assert feed.items[1].title == "Appel d’offres : étude sur le cobalt artisanal"
    assert feed.items[1].published == day("2027-08-02")
