"""The front page, made to scan: open calls grouped by how soon they close, a summary
line, compact rows, calls coming soon and events in their own sections, a menu, and a
filter that enhances the page (tried in Chromium) and a page that works without it."""

from __future__ import annotations

import itertools
import os
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.render import render_site, urgency, urgency_group
from aggregator.store import load_window, open_database, store_items
from aggregator.taxonomy import build_taxonomy, tag_items
from aggregator.types import (
    Classification,
    ClassifiedItem,
    EventDates,
    Item,
    ParsedItem,
    Source,
    SourceRef,
)
from tests.browser.realistic import LANGUAGES, PARTNERS, PLACES, SUMMARY, TAGS, TEXT, TITLES, TOPICS
from tests.test_outputs_checked import NOW, PARTNER, make_config, make_item

TODAY = NOW.date()
CHROMIUM = Path("/usr/bin/chromium")
OTHER = SourceRef("Red Andina", "https://red.example/", feed="https://red.example/rss")


@pytest.mark.parametrize(
    ("left", "badge", "group"),
    [
        (None, "none", "none"),
        (-1, "today", "week"),
        (0, "today", "week"),
        (1, "today", "week"),
        (2, "week", "week"),
        (7, "week", "week"),
        (8, "month", "month"),
        (30, "month", "month"),
        (31, "later", "later"),
        (200, "later", "later"),
    ],
)
def test_how_soon_a_call_closes(left: int | None, badge: str, group: str) -> None:
    assert (urgency(left), urgency_group(left)) == (badge, group)


def call(id: str, days: int | None, **changes: object) -> Item:
    deadline = TODAY + timedelta(days=days) if days is not None else None
    changes.setdefault("title", f"Call {id}")
    return make_item(id, kind="call", deadline=deadline, **changes)


def items() -> list[Item]:
    made = [
        call("today", 0, title="Cobalt grants in the DRC"),
        call("week", 5, deadline_extended=True, title="Appel : orpaillage au Burkina Faso",
             language="fr"),
        call("month", 20, title="Convocatoria: oro en el Perú", language="es", sources=(OTHER,)),
        call("later", 200),
        call("open", None),
        make_item("coming", kind="call", status="forthcoming", opens=TODAY + timedelta(days=9)),
        make_item("soon", kind="event", event=EventDates(TODAY + timedelta(days=3),
                  TODAY + timedelta(days=3), online=True), title="Webinar on mercury"),
        make_item("later-event", kind="event", event=EventDates(TODAY + timedelta(days=40),
                  TODAY + timedelta(days=41), online=False)),
        make_item("news", title="A report on gold in Ghana"),
    ]  # fmt: skip
    return tag_items(made, build_taxonomy())


@pytest.fixture
def site(tmp_path: Path) -> Path:
    sources = (Source(name="Partner", url="https://partner.example/feed"),
               Source(name="Red Andina", url="https://red.example/rss"))  # fmt: skip
    config = make_config(tmp_path / "site", sources=sources)
    (tmp_path / "site" / "digests").mkdir(parents=True)
    (tmp_path / "site" / "digests" / "index.html").write_text("<!doctype html>")
    render_site(items(), config, now=NOW)
    return tmp_path / "site"


def page(site: Path) -> LexborHTMLParser:
    return LexborHTMLParser((site / "index.html").read_text())


def test_open_calls_are_grouped_by_urgency_with_counts(site: Path) -> None:
    tree = page(site)
    groups = {
        node.attributes["id"]: (
            node.css_first("h3").text(),
            [h.text() for h in node.css("article h4")],
        )
        for node in tree.css("#open-calls section.urgency")
    }
    assert groups == {
        "calls-week": ("Closing this week (2)", ["Cobalt grants in the DRC",
                                                 "Appel : orpaillage au Burkina Faso"]),
        "calls-month": ("Closing within 30 days (1)", ["Convocatoria: oro en el Perú"]),
        "calls-later": ("Closing later (1)", ["Call later"]),
        "calls-none": ("No deadline given (1)", ["Call open"]),
    }  # fmt: skip
    assert tree.css_first("#open-calls-title").text() == "Open calls (5)"
    line = " ".join(tree.css_first(".summary-line").text().split())
    assert line == (
        "1 closes today · 2 close this week · 5 open calls · updated 1 June 2027, 12:00 UTC"
        " · 2 partners"
    )


def test_a_row_shows_deadline_days_left_badge_extended_partner_and_language(
    site: Path,
) -> None:
    row = page(site).css_first("#item-week")
    assert row.css_first(".badge.u-week").text() == "closes in 5 days"
    assert row.css_first(".badge.extended").text() == "extended"
    assert row.css_first(".deadline time").attributes["datetime"] == "2027-06-06"
    meta = {a.text(): a.attributes["href"] for a in row.css(".meta a")}
    assert meta == {"Partner": "partners/partner/", "Français": "languages/fr/"}
    assert "Published" not in row.css_first(".meta").text()  # listed by its deadline
    assert page(site).css_first("#item-today .badge.u-today").text() == "closes today"
    chips = [a.attributes["href"] for a in row.css(".tags a")]
    # topics, then countries, then regions, five at most
    assert chips == ["topics/gold/", "topics/asm/", "countries/bf/", "regions/sahel/",
                     "regions/west-africa/"]  # fmt: skip


def test_forthcoming_events_by_date_news_and_the_menu(site: Path) -> None:
    tree = page(site)
    assert [h.text() for h in tree.css("#forthcoming h3")] == ["Item coming"]
    assert "Opens" in tree.css_first("#forthcoming .deadline").text()
    assert [h.text() for h in tree.css("#events h3")] == ["Webinar on mercury", "Item later-event"]
    assert [h.text() for h in tree.css("#news h3")] == ["A report on gold in Ghana"]
    skip = tree.css_first("a.skip")
    assert skip.attributes["href"] == "#main" and tree.css_first("main#main") is not None
    menu = [a.attributes["href"] for a in tree.css("nav.menu a")]
    assert menu == ["#open-calls", "#forthcoming", "#events", "#news", "#archive", "topics/",
                    "digests/", "#subscribe"]  # fmt: skip
    levels = [int(node.tag[1]) for node in tree.css("h1, h2, h3, h4")]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))  # no level skipped


def test_the_filter_is_hidden_until_its_script_runs(site: Path) -> None:
    tree = page(site)
    form = tree.css_first("form#filter")
    assert "hidden" in form.attributes
    options = [o.attributes["value"] for o in tree.css("#filter-languages option")]
    assert options == ["", "en", "fr", "es"]
    # the script fills the other choices in from the rows' links (tried in Chromium below)
    assert [o.text() for o in tree.css("#filter-partners option")] == ["All"]
    assert "data-fill" in tree.css_first("#filter-partners").attributes
    assert (site / "filter.js").read_text().startswith("// The front page's filter")


def test_three_hundred_items_stay_under_300_kb(tmp_path: Path) -> None:
    summary = "<p>" + "Grants for artisanal cooperatives working on traceability. " * 12 + "</p>"
    many = [
        replace(
            call(f"c{i}", i % 120 - 10 if i % 5 else None, summary=summary),
            title=f"Call for proposals {i}: responsible cobalt and gold in the DRC and Peru",
            kind=("call", "news", "event")[i % 3],
            language=("en", "fr", "es")[i % 3],
        )
        for i in range(300)
    ]
    render_site(tag_items(many, build_taxonomy()), make_config(tmp_path), now=NOW)
    size = (tmp_path / "index.html").stat().st_size
    assert size < 300_000, size


def stored_calls(count: int = 300) -> dict[Source, list[ClassifiedItem]]:
    """`count` open calls as 28 partners' feeds give them: three languages, summaries
    with photos and tables, deadlines over the next 200 days (one in 13 gives none),
    one in 11 extended."""
    by_source: dict[Source, list[ClassifiedItem]] = {}
    for n in range(count):
        lang = LANGUAGES[n % len(LANGUAGES)]
        partner = PARTNERS[n % len(PARTNERS)]
        host = partner.link.split("/")[2]
        title = TITLES["call"][lang].format(
            topic=TOPICS[lang][n % len(TOPICS[lang])], place=PLACES[lang][n % len(PLACES[lang])]
        )
        deadline = TODAY + timedelta(days=n % 200) if n % 13 else None
        parsed = ParsedItem(
            key=f"call-{n}",
            title=f"{title} ({n})",
            link=f"https://{host}/calls/{n}",
            summary=SUMMARY.format(
                host=host, n=n, text=TEXT[lang], long="terms-of-reference-" * 6 + f"{n}.pdf"
            ),
            published=NOW - timedelta(hours=2 * n + 1),
            language=lang,
        )
        decided = Classification(
            kind="call",
            kind_reason="title: call for proposals",
            deadline=deadline,
            deadline_phrase=f"Deadline {deadline}" if deadline else None,
            tags=(TAGS[n % len(TAGS)], TAGS[(n + 3) % len(TAGS)]),
            language=lang,
            status="open",
            deadline_extended=n % 11 == 5,
        )
        source = Source(name=partner.name, url=f"https://{host}/feed.xml")
        by_source.setdefault(source, []).append(ClassifiedItem(parsed, decided))
    return by_source


def test_three_hundred_open_calls_stay_under_300_kb(tmp_path: Path) -> None:
    """The heaviest front page: every item an open call with its excerpt and chips,
    stored in SQLite and read back as a run reads its window (issue #12)."""
    config = make_config(tmp_path / "site", feed_size=300)
    db = open_database(config.database)
    for source, entries in stored_calls().items():
        store_items(db, source, entries, now=NOW)
    window = tag_items(
        load_window(db, today=TODAY, newest=300, open_days=config.open_call_days),
        build_taxonomy(),
    )
    for lang, folder in (("en", ""), ("fr", "fr/"), ("es", "es/")):
        render_site(window, config, now=NOW, lang=lang)
        front = config.site / folder / "index.html"
        # French and Spanish labels are longer: each language's page keeps the budget
        assert front.stat().st_size < 300_000, (lang, front.stat().st_size)
    front = config.site / "index.html"
    rows = LexborHTMLParser(front.read_text(encoding="utf-8")).css("#open-calls article.item")
    assert len(rows) == 300
    # each row keeps what the issue asks: title, partner, language, deadline or its
    # absence, a badge, an excerpt and chips to the facet pages
    for row in rows:
        assert row.css_first("h3 a, h4 a") and row.css_first(".deadline .badge")
        assert {a.attributes["href"].split("/")[0] for a in row.css(".meta a")} == {
            "partners",
            "languages",
        }
        assert row.css_first(".summary") and row.css(".tags a")
    assert len([r for r in rows if r.css_first(".badge.extended")]) > 20


@pytest.mark.browser
def test_the_filter_narrows_the_lists_and_the_page_works_without_it(site: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is required in CI")
        pytest.skip("/usr/bin/chromium is not installed")
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run", "--disable-sync"],
        )  # fmt: skip
        try:
            plain = browser.new_context(java_script_enabled=False).new_page()
            plain.goto((site / "index.html").as_uri())
            assert plain.locator("form#filter").is_hidden()
            assert plain.locator("article.item:visible").count() == 9

            context = browser.new_context(viewport={"width": 390, "height": 900})
            context.route("http*://**", lambda route: (requests.append(route.request.url),
                                                        route.abort()))  # fmt: skip
            tab = context.new_page()
            errors: list[str] = []
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.goto((site / "index.html").as_uri())
            tab.locator("#filter summary").click()
            # the choices the script filled in: what the rows link to, named as they are
            assert tab.locator("#filter-partners option").all_inner_texts() == [
                "All",
                "Partner",
                "Red Andina",
            ]
            tab.select_option("#filter-countries", "cd")
            visible = tab.locator("main article.item:visible h3, main article.item:visible h4")
            assert visible.all_inner_texts() == ["Cobalt grants in the DRC"]
            assert tab.locator("#calls-month").is_hidden()  # a group left empty is hidden
            assert tab.locator("#filter-count").inner_text() == "1 of 9 items shown"
            tab.select_option("#filter-countries", "")
            tab.fill("#filter-text", "peru")  # accents and case folded: "Perú"
            assert visible.all_inner_texts() == ["Convocatoria: oro en el Perú"]
            tab.fill("#filter-text", "")
            tab.select_option("#filter-languages", "fr")
            assert visible.all_inner_texts() == ["Appel : orpaillage au Burkina Faso"]
            assert tab.locator("#calls-week-title").text_content() == "Closing this week (1)"
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390
            assert errors == []
        finally:
            browser.close()
    assert requests == []
    assert PARTNER.name == "Partner"
