"""Rendering the digest: email-safe HTML with inlined CSS and dark mode, under 100 KB, and text."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from aggregator.digest.content import select_digest
from aggregator.digest.render import MAX_HTML_BYTES, render_digest
from aggregator.errors import ConfigError
from aggregator.types import DigestContent, Item, RenderedDigest
from tests.digest_support import MONDAY, make_config, make_item

LONG_SUMMARY = "<p>" + "Artisanal and small-scale mining due diligence. " * 30 + "</p>"


def content_of(items: list[Item]) -> DigestContent:
    return select_digest(
        items,
        included_before=set(),
        reminded_before=set(),
        last_digest_at=None,
        now=MONDAY,
        first_digest_days=7,
    )


def render(tmp_path: Path, items: list[Item]) -> RenderedDigest:
    return render_digest(content_of(items), config=make_config(tmp_path), subject="Digest")


def many_items(count: int) -> list[Item]:
    kinds = ("call", "event", "news", "news")
    return [
        make_item(
            n,
            kind=kinds[n % 4],
            partners=(f"Partner {n % 7}",),
            deadline=date(2027, 4, 1) + timedelta(days=n % 50) if n % 4 == 0 else None,
            summary=LONG_SUMMARY,
            published=MONDAY - timedelta(minutes=n),
        )
        for n in range(count)
    ]


def test_layout_is_email_safe(tmp_path: Path) -> None:
    html = render(tmp_path, many_items(8)).html
    assert '<meta name="color-scheme" content="light dark">' in html
    assert "@media (prefers-color-scheme: dark)" in html  # kept in the <style> block
    # The CSS is inlined as well: the card keeps its width without the <style> block.
    assert re.search(r'<table[^>]*class="card"[^>]*style="[^"]*max-width: ?600px', html)
    assert re.search(r'<td[^>]*class="section"[^>]*style="[^"]*padding', html)
    assert "<script" not in html and "<link" not in html and "<img" not in html
    assert not re.search(r"""(src|href)=["'](?!https://|mailto:)""", html)


def test_links_to_the_site_feed_and_calendar_and_preheader(tmp_path: Path) -> None:
    rendered = render(tmp_path, many_items(8))
    for link in (
        "https://clearinghouse.example.org/",
        "https://clearinghouse.example.org/feed.xml",
        "https://clearinghouse.example.org/deadlines.ics",
        "https://example.org/leave",
        "mailto:digest-leave@example.org",
    ):
        assert f'href="{link}"' in rendered.html
        assert link.removeprefix("mailto:") in rendered.text
    assert rendered.preheader == "2 new calls, 2 events, 4 news items"
    assert re.search(
        r'class="preheader"[^>]*display: ?none[^>]*>2 new calls, 2 events, 4 news items<',
        rendered.html,
    )


def test_calls_show_deadline_and_days_left(tmp_path: Path) -> None:
    items = [
        make_item(1, kind="call", title="Closes today", deadline=MONDAY.date()),
        make_item(2, kind="call", title="Closes tomorrow", deadline=MONDAY.date() + timedelta(1)),
        make_item(3, kind="call", title="Later", deadline=date(2027, 5, 28)),
        make_item(4, kind="call", title="Open-ended"),
        make_item(5, kind="event", title="Forum", deadline=date(2027, 4, 20)),
        make_item(6, kind="event", title="Workshop", deadline=date(2027, 3, 1)),
    ]
    text = render(tmp_path, items).text
    assert "Deadline 29 March 2027, closes today" in text
    assert "Deadline 30 March 2027, closes tomorrow" in text
    assert "Deadline 28 May 2027, closes in 60 days" in text
    assert text.count("No deadline given") == 1
    # Events carry their date, without a countdown.
    assert "  Deadline 20 April 2027\n" in text
    assert "  Deadline was 1 March 2027\n" in text


def test_repost_shows_every_partner_once(tmp_path: Path) -> None:
    items = [make_item(1, title="Shared news", partners=("OECD", "RMI", "ITSCI"))]
    rendered = render(tmp_path, items)
    assert rendered.text.count("Shared news") == 1
    assert "Also posted by RMI, ITSCI" in rendered.text
    assert rendered.html.count(">Shared news<") == 1


@pytest.mark.parametrize("count", [400, 1500])
def test_hundreds_of_items_stay_under_100_kb(tmp_path: Path, count: int) -> None:
    rendered = render(tmp_path, many_items(count))
    assert len(rendered.html.encode()) <= MAX_HTML_BYTES
    assert rendered.cut > 0
    more = [int(n) for n in re.findall(r">(\d+) more on the site<", rendered.html)]
    assert len(more) >= 3  # calls, events, news each cut
    assert sum(more) == rendered.cut
    # The text part carries the same items and the same "more" lines.
    shown_html = len(re.findall(r'class="entry-title"', rendered.html))
    shown_text = len([line for line in rendered.text.splitlines() if line.startswith("* ")])
    assert shown_html == shown_text == count - rendered.cut
    assert shown_html > 30  # cut, not emptied
    text_more = [int(n) for n in re.findall(r"^(\d+) more on the site", rendered.text, re.M)]
    assert text_more == more


def test_small_digest_is_not_cut(tmp_path: Path) -> None:
    rendered = render(tmp_path, many_items(20))
    assert rendered.cut == 0
    assert "more on the site" not in rendered.html


def test_summary_html_becomes_a_short_plain_excerpt(tmp_path: Path) -> None:
    item = make_item(
        1,
        summary='<p>Read <b>this</b> <img src="https://tracker.example.net/p.gif"> now. '
        + "word " * 200
        + "</p>",
    )
    rendered = render(tmp_path, [item])
    assert "tracker.example.net" not in rendered.html
    assert "Read this now. word word" in rendered.text
    excerpt = next(line for line in rendered.text.splitlines() if line.startswith("  Read"))
    assert len(excerpt.strip()) <= 280 and excerpt.endswith("…")


def test_missing_template_is_a_config_error(tmp_path: Path) -> None:
    config = replace(make_config(tmp_path), templates=tmp_path / "nowhere")
    with pytest.raises(ConfigError, match=r"digest template 'digest\.html' not found"):
        render_digest(content_of([]), config=config, subject="Digest")


def test_a_templates_folder_without_the_digest_templates_falls_back_to_the_shipped_ones(
    tmp_path: Path,
) -> None:
    (tmp_path / "our-templates").mkdir()
    shipped = make_config(tmp_path).templates
    config = replace(
        make_config(tmp_path), templates=tmp_path / "our-templates", templates_fallback=shipped
    )
    rendered = render_digest(content_of([]), config=config, subject="Digest")
    assert (
        rendered.html
        == render_digest(content_of([]), config=make_config(tmp_path), subject="Digest").html
    )


GOLDEN = Path(__file__).parent.parent / "data" / "digest"


def golden_content() -> DigestContent:
    """A week with every section: two new calls, a reminder, an event, news by two partners."""
    items = [
        make_item(1, kind="call", title="Call for proposals: ASM gold traceability pilots",
                  deadline=date(2027, 4, 12), partners=("OECD", "RMI"),
                  summary="<p>Funding for <b>traceability</b> pilots in artisanal gold.</p>"),
        make_item(2, kind="call", title="Appel à projets : cobalt artisanal responsable",
                  partners=("ICGLR",), summary="<p>Projets pilotes en RDC.</p>"),
        make_item(3, kind="call", title="Request for abstracts: 3TG conference",
                  deadline=date(2027, 4, 2), first_seen=MONDAY - timedelta(days=20),
                  published=MONDAY - timedelta(days=20), partners=("RMI",)),
        make_item(4, kind="event", title="Great Lakes forum on due diligence",
                  partners=("ICGLR",), summary=""),
        make_item(5, title="Due diligence guidance updated", partners=("OECD", "ITSCI"),
                  published=MONDAY - timedelta(hours=30)),
        make_item(6, title="Tin supply chain report", partners=("ITSCI",)),
    ]  # fmt: skip
    return select_digest(
        items,
        included_before={"item-3"},
        reminded_before=set(),
        last_digest_at=MONDAY - timedelta(days=7),
        now=MONDAY,
        first_digest_days=7,
    )


def test_text_part_matches_the_golden_file(tmp_path: Path) -> None:
    """The plain-text digest, byte for byte (update tests/data/digest/digest.txt on purpose)."""
    content = golden_content()
    assert [len(content.calls), len(content.closing_soon)] == [2, 1]
    rendered = render_digest(content, config=make_config(tmp_path), subject="Digest")
    assert rendered.text == (GOLDEN / "digest.txt").read_text(encoding="utf-8")
