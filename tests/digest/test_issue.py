"""One issue as its reader sees it: section order, caps, languages, Outlook's width, the archive."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest

from aggregator.digest.archive import issues, web_copy, write_index, write_issue
from aggregator.digest.content import select_digest
from aggregator.digest.render import (
    IssueLinks,
    describe_counts,
    issue_sections,
    render_digest,
    whatsapp_share_link,
    whatsapp_text,
)
from aggregator.types import DigestContent, EventDates, Item
from tests.digest_support import MONDAY, TEMPLATES, make_config, make_item

TODAY = MONDAY.date()
LINKS = IssueLinks(
    web="https://clearinghouse.example.org/digests/2027-03-29.html",
    archive="https://clearinghouse.example.org/digests/",
    unsubscribe=("mailto:digest-leave@example.org", "https://example.org/leave"),
    preferences="https://example.org/preferences?email=ana%40example.org",
    subscribe="https://example.org/subscribe",
)


def content_of(items: list[Item], *, included: set[str] | None = None) -> DigestContent:
    return select_digest(
        items,
        included_before=included or set(),
        reminded_before=set(),
        last_digest_at=None,
        now=MONDAY,
        first_digest_days=7,
    )


def sample() -> list[Item]:
    return [
        make_item(1, kind="call", title="Closes soon", deadline=TODAY + timedelta(days=5)),
        make_item(2, kind="call", title="Extended call", deadline=TODAY + timedelta(days=40),
                  deadline_extended=True),
        make_item(3, kind="call", title="Appel à projets cobalt", language="fr",
                  deadline=TODAY + timedelta(days=60)),
        make_item(4, kind="call", title="Announced", status="forthcoming",
                  opens=date(2027, 5, 1)),
        make_item(5, kind="event", title="Later forum",
                  event=EventDates(start=date(2027, 6, 1), end=date(2027, 6, 2))),
        make_item(6, kind="event", title="Sooner workshop", language="es",
                  event=EventDates(start=date(2027, 4, 10), end=date(2027, 4, 10))),
        make_item(7, title="Partner news", partners=("OECD",)),
    ]  # fmt: skip


def test_sections_come_in_reading_order() -> None:
    sections = issue_sections(content_of(sample()))
    assert [(s.key, [item.title for item in s.items]) for s in sections] == [
        ("closing", ["Closes soon"]),
        ("calls", ["Extended call", "Appel à projets cobalt"]),
        ("forthcoming", ["Announced"]),
        ("events", ["Sooner workshop", "Later forum"]),
        ("news", []),
    ]
    assert [group.partner for group in sections[-1].groups] == ["OECD"]


def test_reminders_count_in_the_preview_and_replace_nothing_new(tmp_path: Path) -> None:
    old_call = make_item(1, kind="call", title="Reminded", deadline=TODAY + timedelta(days=3),
                         first_seen=MONDAY - timedelta(days=20))  # fmt: skip
    content = select_digest(
        [old_call],
        included_before={"item-1"},
        reminded_before=set(),
        last_digest_at=MONDAY - timedelta(days=7),
        now=MONDAY,
        first_digest_days=7,
    )
    assert content.is_empty and content.closing_soon
    assert describe_counts(content) == "1 call closing soon"
    rendered = render_digest(content, config=make_config(tmp_path), subject="S", links=LINKS)
    assert "Nothing new" not in rendered.html and "Nothing new" not in rendered.text
    assert "reminders of calls closing soon" in rendered.text
    assert rendered.preheader == "1 call closing soon"


def test_at_most_twenty_new_calls_then_a_link(tmp_path: Path) -> None:
    calls = [
        make_item(n, kind="call", title=f"Call {n:02d}", deadline=TODAY + timedelta(days=20 + n))
        for n in range(25)
    ]
    more = "https://clearinghouse.example.org/topics/gold/"
    links = IssueLinks(more=more)
    rendered = render_digest(content_of(calls), config=make_config(tmp_path), subject="S",
                            links=links)  # fmt: skip
    assert rendered.text.count("\n* Call ") == 20
    assert f'<a href="{more}"' in rendered.html and "5 more on the site" in rendered.html
    assert f"5 more on the site: {more}" in rendered.text


@pytest.mark.parametrize(
    ("lang", "heading", "deadline", "extended"),
    [
        ("en", "Closing within 14 days", "Deadline 3 April 2027, closes in 5 days",
         "Deadline extended"),
        ("fr", "Clôture dans les 14 jours", "Date limite\u202f: 3 avril 2027, clôture dans 5 jours",
         "Date limite prolongée"),
        ("es", "Cierran en los próximos 14 días",
         "Fecha límite: 3 de abril de 2027, cierra en 5 días", "Fecha límite prorrogada"),
    ],
)  # fmt: skip
def test_an_issue_in_each_language(
    tmp_path: Path, lang: str, heading: str, deadline: str, extended: str
) -> None:
    rendered = render_digest(content_of(sample()), config=make_config(tmp_path), subject="S",
                            lang=lang, links=LINKS)  # fmt: skip
    html, text = rendered.html, rendered.text
    assert f'<html lang="{lang}"' in html
    assert re.search(r"<h1[^>]*>.*Responsible Minerals Clearinghouse.*</h1>", html, re.S)
    assert heading in html and heading.upper() in text
    for shown in (deadline, extended):
        assert shown in html and shown in text
    # items in another language than the issue's say which
    if lang != "fr":
        assert re.search(r'<div class="entry" lang="fr"[^>]*>\s*<p[^>]*><a[^>]*>Appel', html)
    if lang != "es":
        assert re.search(r'<div class="entry" lang="es"', html)
    assert 'lang="en"' not in html.split("<body", 1)[1] or lang != "en"


def test_the_card_is_600_px_in_outlook_too(tmp_path: Path) -> None:
    html = render_digest(content_of(sample()), config=make_config(tmp_path), subject="S",
                        links=LINKS).html  # fmt: skip
    opening = html.index('<!--[if mso]><table role="presentation" width="600"')
    card = html.index('class="card"')
    closing = html.index("<!--[if mso]></td></tr></table><![endif]-->")
    assert opening < card < closing
    assert re.search(r'<table[^>]*class="card"[^>]*style="[^"]*max-width: ?600px', html)


def test_the_footer_lets_a_reader_leave_change_or_subscribe(tmp_path: Path) -> None:
    rendered = render_digest(content_of(sample()), config=make_config(tmp_path), subject="S",
                            lang="fr", links=LINKS)  # fmt: skip
    html, text = rendered.html, rendered.text
    assert '<a href="https://example.org/leave"' in html
    assert '<a href="https://example.org/preferences?email=ana%40example.org"' in html
    assert "Modifier vos préférences" in html
    assert '<a href="https://example.org/subscribe"' in html
    assert "On vous l’a transférée\u202f? Abonnez-vous" in html
    assert "https://example.org/subscribe" in text
    assert LINKS.web in html and LINKS.web in text


def test_whatsapp_text_and_share_link() -> None:
    items = [
        *sample(),
        make_item(9, kind="call", title="*Bold* attempt_", deadline=TODAY + timedelta(days=30)),
    ]
    text = whatsapp_text(content_of(items), title="Clearinghouse", lang="en",
                         web="https://s.example.org/digests/2027-03-29.html",
                         site="https://s.example.org/")  # fmt: skip
    lines = text.splitlines()
    assert lines[0] == "*Clearinghouse*"
    assert "*Closing within 14 days*" in lines
    assert (
        "• *Closes soon* — Partner A — Deadline 3 April 2027, closes in 5 days "
        "https://partner.example.org/call/1"
    ) in lines
    assert any(line.startswith("• *Bold attempt* — ") for line in lines)
    assert any("(Deadline extended)" in line for line in lines)
    assert "*News*: 1 news item" in lines
    link = whatsapp_share_link("Call: gold & cobalt https://x.org/a?b=1")
    assert link.startswith("https://wa.me/?text=") and " " not in link and "&" not in link[20:]
    assert unquote(link[20:]) == "Call: gold & cobalt https://x.org/a?b=1"


ICON = '<link rel="icon" type="image/svg+xml" href="../favicon.svg">'


@pytest.mark.parametrize(
    ("email", "page"),
    [
        ("<html><head><title>t</title></head>", f"<html><head>\n{ICON}<title>t</title></head>"),
        ('<HTML><HEAD lang="en"><title>t', f'<HTML><HEAD lang="en">\n{ICON}<title>t'),
        ("<p>no head</p>", "<p>no head</p>"),  # nothing to put it in
        (f"<head>\n{ICON}</head>", f"<head>\n{ICON}</head>"),  # once
    ],
)
def test_a_web_copy_names_the_sites_icon(email: str, page: str) -> None:
    assert web_copy(email, "../favicon.svg") == page


def test_issues_are_archived_with_an_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_issue(site, "2027-03-22", {"en": "<p>old</p>"}, whatsapp={"en": "*old*\n"})
    write_issue(site, "2027-03-29", {"en": "<p>en</p>", "fr": "<p>fr</p>"},
                whatsapp={"en": "*new* <b>\n", "fr": "*nouveau*\n"})  # fmt: skip
    index = write_index(site, title="Clearinghouse", templates=TEMPLATES, site_url="https://s/")
    assert [issue.stem for issue in issues(site)] == ["2027-03-29", "2027-03-22"]
    html = index.read_text()
    assert '<a href="2027-03-29.html">2027-03-29</a>' in html
    assert '<a href="2027-03-29.fr.html" hreflang="fr" lang="fr">FR</a>' in html
    assert "<textarea readonly" in html and "*new* &lt;b&gt;" in html
    assert (site / "digests" / "2027-03-29-whatsapp.txt").read_text() == "*new* <b>\n"
    assert (site / "digests" / "2027-03-29-whatsapp.fr.txt").read_text() == "*nouveau*\n"
    assert '<textarea readonly lang="fr"' in html
    assert ICON in html  # the archive's pages name the site's icon, one folder up
