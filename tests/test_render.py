"""The published files: what a feed reader, a calendar and a browser get.

Golden copies of the six outputs for one fixed set of items live in
tests/data/render/; after an intended change, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_render.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import time
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import feedparser
import icalendar
import pytest
from selectolax.lexbor import LexborHTMLParser

from aggregator.config import load_config
from aggregator.errors import ConfigError
from aggregator.render import OUTPUT_NAMES, ROOT_NAMES, render_site
from aggregator.types import Config, EventDates, Item, KeyDate, Source, SourceRef

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "data" / "render"
NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
ATOM = "{http://www.w3.org/2005/Atom}"
RFC822 = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"
)
HOSTILE_TITLE = '<script>alert("t")</script> ]]> Call & more'

CHANNEL_ELEMENTS = {
    "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
    "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
    "rating", "textInput", "skipHours", "skipDays", "item", f"{ATOM}link",
}  # fmt: skip
ITEM_ELEMENTS = {
    "title", "link", "description", "author", "category", "comments", "enclosure", "guid",
    "pubDate", "source",
}  # fmt: skip

OECD = SourceRef("OECD", "https://oecd.example/")
IMPACT = SourceRef("IMPACT", "https://impact.example/")
EN_CALL = "https://oecd.example/en/call-for-proposals"
FR_CALL = "https://oecd.example/fr/appel-a-propositions"
ES_CALL = "https://oecd.example/es/convocatoria"


def make_item(id: str, **changes: Any) -> Item:
    published = changes.pop("published", NOW - timedelta(days=3))
    base = Item(
        id=id,
        url=f"https://partner.example/{id}",
        link=f"https://partner.example/{id}",
        title=f"Item {id}",
        summary=f"<p>About {id}.</p>",
        published=published,
        first_seen=published,
        updated=published,
        kind="news",
        kind_reason="default",
        deadline=None,
        deadline_phrase=None,
        language="en",
        tags=(),
        sources=(OECD,),
    )
    return replace(base, **changes)


def sample_items() -> list[Item]:
    """One of each case a reader can meet."""
    return [
        make_item(
            "call-en",
            kind="call",
            url=EN_CALL,
            link=EN_CALL + "?utm_source=rss",
            title="Call for proposals: artisanal gold due diligence",
            summary='<p>Grants for <strong>ASM</strong> cooperatives. <a href="https://oecd.example/guide">Guide</a></p>',
            deadline=date(2027, 6, 23),
            deadline_phrase="Applications close 23 June 2027",
            tags=("gold", "asm"),
            sources=(OECD, IMPACT),
            translations=(("fr", FR_CALL), ("es", ES_CALL)),
            published=datetime(2027, 5, 20, 9, 30, tzinfo=UTC),
        ),
        make_item(
            "call-fr",
            kind="call",
            url=FR_CALL,
            link=FR_CALL,
            title="Appel à propositions : diligence raisonnable dans l'or artisanal",
            summary="<p>Subventions pour les coopératives.</p>",
            deadline=date(2027, 6, 23),
            language="fr",
            tags=("gold",),
            published=datetime(2027, 5, 20, 9, 31, tzinfo=UTC),
        ),
        make_item(
            "call-es",
            kind="call",
            url=ES_CALL,
            link=ES_CALL,
            title="Convocatoria: debida diligencia en el oro artesanal",
            summary="<p>Subvenciones para cooperativas.</p>",
            deadline=date(2027, 6, 23),
            language="es",
            published=datetime(2027, 5, 20, 9, 32, tzinfo=UTC),
        ),
        make_item(
            "call-today",
            kind="call",
            title="Request for abstracts: cobalt traceability",
            deadline=TODAY,
            tags=("cobalt",),
            sources=(IMPACT,),
            published=datetime(2027, 5, 2, tzinfo=UTC),
        ),
        make_item(
            "call-undated",
            kind="call",
            title="Expressions of interest: 3TG smelter audits",
            published=datetime(2027, 5, 22, tzinfo=UTC),
        ),
        make_item(
            "call-expired",
            kind="call",
            title="Call for consultants: Great Lakes Region mapping",
            deadline=date(2027, 5, 20),
            published=datetime(2027, 4, 1, tzinfo=UTC),
        ),
        make_item(
            "hostile",
            kind="call",
            title=HOSTILE_TITLE,
            link="javascript:alert(1)",
            url=None,
            # Stored summaries are sanitised; this one pretends the database was tampered with.
            summary=(
                '<script>alert(1)</script><p onclick="x()">'
                'Fine <a href="javascript:alert(2)">text</a></p>'
            ),
            deadline=date(2027, 7, 1),
            sources=(SourceRef("Unlisted <partner>", "javascript:alert(3)"),),
            tags=("<b>tag</b>",),
            translations=(("fr", "javascript:alert(4)"),),
            published=datetime(2027, 5, 25, tzinfo=UTC),
        ),
        make_item(
            "event",
            kind="event",
            title="Webinar: OECD Forum on Responsible Mineral Supply Chains",
            sources=(SourceRef("Unlisted partner", "https://unlisted.example/"),),
            published=datetime(2027, 5, 28, 15, tzinfo=UTC),
            event=EventDates(date(2027, 6, 15), date(2027, 6, 17), True),
            key_dates=(KeyDate("registration", date(2027, 6, 10)),),
        ),
        make_item(
            "call-forthcoming",
            kind="call",
            title="Forthcoming call for proposals, anticipated for publication in June",
            status="forthcoming",
            opens=date(2027, 6, 20),
            published=datetime(2027, 5, 20, 9, tzinfo=UTC),
        ),
        make_item(
            "news-no-link",
            kind="news",
            url=None,
            link=None,
            title="Cobalt refiners publish audit results",
            language=None,
            published=datetime(2027, 5, 30, tzinfo=UTC),
        ),
    ]


def make_config(site: Path, **changes: Any) -> Config:
    config = Config(
        path=site.parent / "feeds.yaml",
        title="Responsible Minerals Clearinghouse",
        description="Calls, funding and news on responsible minerals trade.",
        site_url="https://minerals.example/clearinghouse",
        database=site.parent / "items.db",
        site=site,
        templates=ROOT / "templates",
        sources=(
            Source(name="OECD", url="https://oecd.example/feed.xml"),
            Source(name="IMPACT", url="https://impact.example/news", type="page"),
        ),
    )
    return replace(config, **changes)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site") / "public"
    render_site(sample_items(), make_config(folder), now=NOW)
    return folder


def read(site: Path, name: str) -> str:
    return (site / name).read_text(encoding="utf-8")


def rss_items(site: Path, name: str) -> list[ET.Element]:
    return ET.fromstring(read(site, name)).findall("./channel/item")


def ics_events(site: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes())
    return list(calendar.walk("VEVENT"))


def section(page: str, section_id: str) -> str:
    """The HTML of the section with this id, the sections nested in it included."""
    start = page.index(f'<section id="{section_id}"')
    depth, at = 0, start
    for tag in re.finditer(r"<(/?)section\b", page[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            at = start + tag.start()
            break
    return page[start:at]


# --- the files ---------------------------------------------------------------------------


def test_render_writes_its_files_and_nothing_else(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "site"
    written = render_site(sample_items(), make_config(folder), now=NOW)
    # the English site's root also holds the files every language links to (its icon)
    assert written == [folder / name for name in (*OUTPUT_NAMES, *ROOT_NAMES)]
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == sorted((*OUTPUT_NAMES, *ROOT_NAMES))  # no temp files
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a web server can read it


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_outputs_match_golden_copies(site: Path, name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / name, golden)
    assert (site / name).read_bytes() == golden.read_bytes()


def test_output_is_deterministic_for_a_fixed_now(tmp_path: Path) -> None:
    items = sample_items()
    render_site(items, make_config(tmp_path / "a"), now=NOW)
    render_site(list(reversed(items)), make_config(tmp_path / "b"), now=NOW)
    for name in OUTPUT_NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_site_files_are_readable_by_all_even_if_made_private(tmp_path: Path) -> None:
    config = make_config(tmp_path / "site")
    render_site(sample_items(), config, now=NOW)
    feed = tmp_path / "site" / "feed.xml"
    os.chmod(feed, 0o600)
    render_site(sample_items()[:3], config, now=NOW)
    assert stat.S_IMODE(feed.stat().st_mode) == 0o644


def test_the_configured_templates_are_used(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    for name, tag, marker in [
        ("feed.xml", "<channel>", "<!-- our own feed -->"),
        ("index.html", "</head>", "<!-- our own page -->"),
    ]:
        text = (ROOT / "templates" / name).read_text(encoding="utf-8")
        (templates / name).write_text(text.replace(tag, tag + marker, 1), encoding="utf-8")
    config = make_config(
        tmp_path / "site", templates=templates, templates_fallback=ROOT / "templates"
    )
    render_site(sample_items(), config, now=NOW)  # item.html, style.css: the shipped ones
    assert "<!-- our own page -->" in read(tmp_path / "site", "index.html")
    assert "<!-- our own feed -->" in read(tmp_path / "site", "feed.xml")
    assert feedparser.parse(read(tmp_path / "site", "feed.xml")).bozo == 0


def test_a_template_missing_from_the_configured_folder_is_a_configuration_error(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    shutil.copyfile(ROOT / "templates" / "feed.xml", templates / "feed.xml")  # no index.html
    config = make_config(tmp_path / "site", templates=templates)
    with pytest.raises(ConfigError, match=r"has no index\.html") as caught:
        render_site(sample_items(), config, now=NOW)
    assert caught.value.key == "templates"
    assert not (tmp_path / "site").exists()  # nothing half-published


def test_a_template_the_configured_folder_lacks_comes_from_the_shipped_ones(
    tmp_path: Path,
) -> None:
    templates = tmp_path / "our-templates"
    templates.mkdir()
    page = (ROOT / "templates" / "index.html").read_text(encoding="utf-8")
    (templates / "index.html").write_text(
        page.replace("</head>", "<!-- our own page --></head>", 1), encoding="utf-8"
    )
    (tmp_path / "feeds.yaml").write_text(
        "title: Clearinghouse\nsite_url: https://example.org/\ntemplates: our-templates\n"
        "feeds:\n  - name: OECD\n    url: https://oecd.example/feed.xml\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "feeds.yaml")
    render_site(sample_items(), config, now=NOW)
    assert "<!-- our own page -->" in read(config.site, "index.html")
    assert len(feedparser.parse(read(config.site, "feed.xml")).entries) == len(sample_items())


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    config = make_config(tmp_path / "site")
    render_site(sample_items(), config, now=NOW)
    feed = tmp_path / "site" / "feed.xml"
    os.utime(feed, (1_000_000_000, 1_000_000_000))
    render_site(sample_items(), config, now=NOW + timedelta(minutes=30))
    assert feed.stat().st_mtime == 1_000_000_000  # readers' conditional GETs keep working
    assert "12:30 UTC" in read(tmp_path / "site", "index.html")  # the page says when it was built


# --- RSS ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["feed.xml", "calls.xml"])
def test_rss_follows_the_validator_rules(site: Path, name: str) -> None:
    text = read(site, name)
    assert text.startswith(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<?xml-stylesheet type="text/xsl" href="feed.xsl"?>\n<rss version="2.0"'
    )
    assert 'xmlns:atom="http://www.w3.org/2005/Atom"' in text
    rss = ET.fromstring(text)
    channel = rss.find("channel")
    assert channel is not None
    assert {child.tag for child in channel} <= CHANNEL_ELEMENTS
    self_link = channel.find(f"{ATOM}link")
    assert self_link is not None
    assert self_link.attrib == {
        "href": f"https://minerals.example/clearinghouse/{name}",
        "rel": "self",
        "type": "application/rss+xml",
    }
    assert channel.findtext("link") == "https://minerals.example/clearinghouse/"
    assert RFC822.match(channel.findtext("lastBuildDate") or "")
    assert channel.findtext("generator")
    items = channel.findall("item")
    assert items
    guids = [item.findtext("guid") for item in items]
    assert len(set(guids)) == len(guids)
    for item in items:
        assert {child.tag for child in item} <= ITEM_ELEMENTS
        assert RFC822.match(item.findtext("pubDate") or "")
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") == "false"
        assert (guid.text or "").startswith("urn:clearinghouse:")
        assert re.match(r"^https?://", item.findtext("link") or "")
        source = item.find("source")
        if source is not None:
            assert re.match(r"^https?://", source.get("url") or "")
    parsed = feedparser.parse(text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert len(parsed.entries) == len(items)


def test_feed_has_the_newest_items_with_their_details(site: Path) -> None:
    items = {item.findtext("guid"): item for item in rss_items(site, "feed.xml")}
    assert len(items) == len(sample_items())
    call = items["urn:clearinghouse:call-en"]
    assert call.findtext("title") == "Call for proposals: artisanal gold due diligence"
    assert call.findtext("link") == EN_CALL  # the partner's tracking parameters are not published
    assert call.findtext("pubDate") == "Thu, 20 May 2027 09:30:00 +0000"
    assert (call.findtext("description") or "").startswith(
        "Deadline: 23 June 2027 — <p>Grants for <strong>ASM</strong>"
    )
    assert [c.text for c in call.findall("category")] == [
        "OECD",
        "IMPACT",
        "call",
        "status:open",
        "gold",
        "asm",
    ]
    source = call.find("source")
    assert source is not None
    assert (source.text, source.get("url")) == ("OECD", "https://oecd.example/feed.xml")
    # A partner missing from feeds.yaml is credited with its own link.
    event = items["urn:clearinghouse:event"]
    source = event.find("source")
    assert source is not None
    assert (source.text, source.get("url")) == ("Unlisted partner", "https://unlisted.example/")
    # An item without a link points at its partner's link for it (with no usable link
    # either, at its place on our page: see the hostile item).
    assert items["urn:clearinghouse:news-no-link"].findtext("link") == "https://oecd.example/"
    assert (
        items["urn:clearinghouse:news-no-link"].findtext("description")
        == "<p>About news-no-link.</p>"
    )


def test_feed_keeps_only_feed_size_newest(tmp_path: Path) -> None:
    render_site(sample_items(), make_config(tmp_path, feed_size=3), now=NOW)
    assert [i.findtext("guid") for i in rss_items(tmp_path, "feed.xml")] == [
        "urn:clearinghouse:news-no-link",
        "urn:clearinghouse:event",
        "urn:clearinghouse:hostile",
    ]
    assert len(json.loads(read(tmp_path, "feed.json"))["items"]) == 3


def test_feedparser_reads_the_feed_as_a_reader_would(site: Path) -> None:
    parsed = feedparser.parse(read(site, "feed.xml"))
    assert parsed.feed.title == "Responsible Minerals Clearinghouse"
    entry = next(e for e in parsed.entries if e.id == "urn:clearinghouse:call-fr")
    assert entry.title == "Appel à propositions : diligence raisonnable dans l'or artisanal"
    assert entry.published_parsed[:6] == (2027, 5, 20, 9, 31, 0)
    assert [t.term for t in entry.tags] == ["OECD", "call", "status:open", "gold"]


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["fr", "fr"], "fr"), (["en", "fr"], None), (["en", None], None), ([None], None)],
)
def test_channel_language_only_when_uniform(
    tmp_path: Path, languages: list[str | None], expected: str | None
) -> None:
    items = [make_item(f"i{n}", language=lang) for n, lang in enumerate(languages)]
    render_site(items, make_config(tmp_path), now=NOW)
    channel = ET.fromstring(read(tmp_path, "feed.xml")).find("channel")
    assert channel is not None
    assert channel.findtext("language") == expected
    assert json.loads(read(tmp_path, "feed.json")).get("language") == expected


def test_calls_feed_lists_open_calls_closing_soonest_first(site: Path) -> None:
    expected = [
        "call-today",
        "call-es",  # the same deadline: newest first
        "call-fr",
        "call-en",
        "hostile",
        "call-undated",
    ]
    guids = [item.findtext("guid") for item in rss_items(site, "calls.xml")]
    assert guids == [f"urn:clearinghouse:{id}" for id in expected]
    calls = json.loads(read(site, "calls.json"))
    assert [item["id"] for item in calls["items"]] == guids
    assert calls["feed_url"] == "https://minerals.example/clearinghouse/calls.json"
    everything = {item["id"]: item for item in json.loads(read(site, "feed.json"))["items"]}
    for item in calls["items"]:
        assert item == everything[item["id"]]  # the same item shape in both feeds
    assert "call-expired" not in read(site, "calls.xml")


# --- JSON Feed ---------------------------------------------------------------------------


def test_json_feed_shape(site: Path) -> None:
    text = read(site, "feed.json")
    feed = json.loads(text)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "Responsible Minerals Clearinghouse"
    assert feed["home_page_url"] == "https://minerals.example/clearinghouse/"
    assert feed["feed_url"] == "https://minerals.example/clearinghouse/feed.json"
    assert feed["description"].startswith("Calls, funding")
    assert len({item["id"] for item in feed["items"]}) == len(feed["items"]) == 10
    for item in feed["items"]:
        assert re.match(r"^https?://", item["url"])
        assert datetime.fromisoformat(item["date_published"]).tzinfo is not None
        assert datetime.fromisoformat(item["date_modified"]).tzinfo is not None
        assert set(item["_clearinghouse"]) == {
            "about",
            "kind",
            "status",
            "deadline_extended",
            "opens",
            "key_dates",
            "event",
            "confidence",
            "corrected",
            "deadline",
            "deadline_phrase",
            "sources",
            "language",
            "topics",
            "regions",
            "countries",
        }
    call = next(item for item in feed["items"] if item["id"] == "urn:clearinghouse:call-en")
    assert call == {
        "id": "urn:clearinghouse:call-en",
        "url": EN_CALL,
        "title": "Call for proposals: artisanal gold due diligence",
        "content_html": "Deadline: 23 June 2027 — <p>Grants for <strong>ASM</strong> cooperatives."
        ' <a href="https://oecd.example/guide" rel="noopener noreferrer nofollow">Guide</a></p>',
        "summary": "Grants for ASM cooperatives. Guide",
        "date_published": "2027-05-20T09:30:00Z",
        "date_modified": "2027-05-20T09:30:00Z",
        "tags": ["call", "gold", "asm"],
        "authors": [
            {"name": "OECD", "url": "https://oecd.example/"},
            {"name": "IMPACT", "url": "https://impact.example/"},
        ],
        "language": "en",
        "_clearinghouse": {
            "about": "https://minerals.example/clearinghouse/about/clearinghouse.html",
            "kind": "call",
            "status": "open",
            "deadline": "2027-06-23",
            "deadline_phrase": "Applications close 23 June 2027",
            "deadline_extended": False,
            "opens": None,
            "key_dates": [],
            "event": None,
            "confidence": 1.0,
            "corrected": [],
            "sources": [
                {"name": "OECD", "link": "https://oecd.example/"},
                {"name": "IMPACT", "link": "https://impact.example/"},
            ],
            "language": "en",
            "topics": [],
            "regions": [],
            "countries": [],
        },
    }
    news = next(item for item in feed["items"] if item["id"] == "urn:clearinghouse:news-no-link")
    assert news["_clearinghouse"]["deadline"] is None
    assert "language" not in news
    assert "Appel à propositions" in text  # UTF-8, not \u escapes


def test_json_feed_summary_is_short_plain_text(tmp_path: Path) -> None:
    long_summary = "<p>" + " ".join(["cobalt"] * 200) + "</p>"
    render_site([make_item("long", summary=long_summary)], make_config(tmp_path), now=NOW)
    summary = json.loads(read(tmp_path, "feed.json"))["items"][0]["summary"]
    assert len(summary) <= 300 and summary.endswith("…") and "<" not in summary


# --- iCalendar ---------------------------------------------------------------------------


def test_calendar_has_one_all_day_event_per_open_call_with_a_deadline(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes())
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//Responsible Minerals Clearinghouse")
    assert str(calendar["X-WR-CALNAME"]) == "Responsible Minerals Clearinghouse — deadlines"
    events = ics_events(site)
    uids = [str(event["UID"]) for event in events]
    assert uids == [
        "call-today@minerals.example",
        "call-en@minerals.example",
        "call-es@minerals.example",
        "call-fr@minerals.example",
        "hostile@minerals.example",
    ]  # no undated, no expired call
    event = events[1]
    assert event.decoded("DTSTART") == date(2027, 6, 23)
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.decoded("DTEND") == date(2027, 6, 24)
    assert event.decoded("DTSTAMP") == NOW
    assert str(event["SUMMARY"]) == "Deadline: Call for proposals: artisanal gold due diligence"
    assert str(event["URL"]) == EN_CALL
    description = str(event["DESCRIPTION"])
    assert "Partners: OECD, IMPACT" in description
    assert "Applications close 23 June 2027" in description
    assert EN_CALL in description
    assert b"\r\n" in (site / "deadlines.ics").read_bytes()


def test_calendar_text_cannot_break_out_of_its_event(tmp_path: Path) -> None:
    title = "Call\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected; x, y"
    item = make_item("c", kind="call", title=title, deadline=date(2027, 7, 1))
    render_site([item], make_config(tmp_path), now=NOW)
    (event,) = ics_events(tmp_path)
    assert str(event["SUMMARY"]) == "Deadline: Call END:VEVENT BEGIN:VEVENT SUMMARY:injected; x, y"


def test_calendar_event_uid_is_stable_across_builds(tmp_path: Path) -> None:
    item = make_item("c", kind="call", deadline=date(2027, 7, 1))
    render_site([item], make_config(tmp_path / "a"), now=NOW)
    render_site([item], make_config(tmp_path / "b"), now=NOW + timedelta(days=3))
    assert [str(e["UID"]) for e in ics_events(tmp_path / "a")] == [
        str(e["UID"]) for e in ics_events(tmp_path / "b")
    ]


# --- index.html --------------------------------------------------------------------------


def test_page_head_announces_the_feeds(site: Path) -> None:
    page = read(site, "index.html")
    assert page.startswith('<!doctype html>\n<html lang="en">')
    base = "https://minerals.example/clearinghouse/"
    for kind, name in [
        ("application/rss+xml", "feed.xml"),
        ("application/feed+json", "feed.json"),
        ("application/rss+xml", "calls.xml"),
        ("text/calendar", "deadlines.ics"),
    ]:
        assert re.search(
            rf'<link rel="alternate" type="{re.escape(kind)}" title="[^"]+" href="{base}{name}">',
            page,
        )
        assert f'<a href="{base}{name}">' in page


#: The front page's filter, our own script next to it (the page works without it).
FILTER_SCRIPT = '<script src="filter.js" defer></script>'


def without_json_ld(page: str) -> str:
    """The page without its JSON-LD data block (a script that runs nothing) and its
    filter script (ours), so what remains can be checked for markup."""
    page = page.replace(FILTER_SCRIPT, "", 1)
    scripts = LexborHTMLParser(page).css("script")
    assert all(s.attributes == {"type": "application/ld+json"} for s in scripts), scripts
    start = page.find('<script type="application/ld+json">')
    if start < 0:
        return page
    end = page.index("</script>", start) + len("</script>")
    assert "<" not in page[start + len('<script type="application/ld+json">') : end - 9]
    return page[:start] + page[end:]


def test_page_has_no_external_resources(site: Path) -> None:
    page = read(site, "index.html")
    assert "<style>" in page
    assert "<script" not in without_json_ld(page).lower()
    assert 'rel="stylesheet"' not in page and "@import" not in page and "url(" not in page
    assert "<img" not in page  # none in this data; summaries' images are the partners' own


def test_open_calls_section_closing_soonest_with_days_left(site: Path) -> None:
    open_section = section(read(site, "index.html"), "open-calls")
    order = [
        open_section.index(title)
        for title in (
            "Request for abstracts: cobalt traceability",
            "Call for proposals: artisanal gold due diligence",
            "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;",
            "Expressions of interest: 3TG smelter audits",
        )
    ]
    assert order == sorted(order)
    assert "closes today" in open_section
    assert "closes in 22 days" in open_section
    assert "closes in 30 days" in open_section
    assert '<time datetime="2027-06-23">23 June 2027</time>' in open_section
    assert "No deadline given" in open_section
    assert "Great Lakes Region mapping" not in open_section


def test_translations_are_shown_together(site: Path) -> None:
    open_section = section(read(site, "index.html"), "open-calls")
    # One article for the three versions, led by the English one.
    assert "Appel à propositions" not in open_section
    assert open_section.count("<article") == 4
    assert (
        f'Also in: <a href="{FR_CALL}" hreflang="fr" lang="fr">Français</a>,'
        f' <a href="{ES_CALL}" hreflang="es" lang="es">Español</a>'
    ) in open_section
    # Links to the other versions' places on the page still land on the group.
    assert 'id="item-call-fr"' in open_section and 'id="item-call-es"' in open_section


def test_events_news_and_archive_sections(site: Path) -> None:
    page = read(site, "index.html")
    news = section(page, "news")
    assert "Cobalt refiners" in news and "Webinar: OECD Forum" not in news
    # an upcoming event is in its own section, with its dates
    events = section(page, "events")
    assert "Webinar: OECD Forum" in events
    assert (
        'When: <time datetime="2027-06-15">15 June 2027</time> to '
        '<time datetime="2027-06-17">17 June 2027</time>'
    ) in events  # each day machine-readable
    forthcoming = section(page, "forthcoming")
    assert "Forthcoming call for proposals" in forthcoming and "coming soon" in forthcoming
    # No link of its own: the title points at the partner's link for it.
    assert (
        '<h3 class="title"><a href="https://oecd.example/">Cobalt refiners publish audit'
        " results</a></h3>" in news
    )
    assert "News" in news
    archive = section(page, "archive")
    assert "Call for consultants: Great Lakes Region mapping" in archive
    assert 'Deadline was <time datetime="2027-05-20">20 May 2027</time>' in archive
    order = [page.index(f'id="{name}"') for name in ("open-calls", "forthcoming", "events", "news")]
    assert order == sorted(order) and order[-1] < page.index('id="archive"')


@pytest.mark.parametrize(
    ("kind", "deadline", "where", "reads"),
    [
        ("event", date(2027, 6, 15), "news", "closes in 14 days"),
        ("event", date(2027, 5, 15), "news", "Deadline was"),
        ("news", TODAY, "news", "closes today"),
        ("call", date(2027, 5, 15), "archive", "Deadline was"),
        ("call", None, "archive", "No deadline given</p>"),
        (
            "call",
            None,
            "open-calls",
            '<strong class="badge u-none">open</strong> No deadline given',
        ),
    ],
)
def test_deadline_line_reads_right_in_each_section(
    tmp_path: Path, kind: str, deadline: date | None, where: str, reads: str
) -> None:
    published = NOW - timedelta(days=90 if where == "archive" else 3)
    item = make_item("x", kind=kind, deadline=deadline, published=published)
    render_site([item], make_config(tmp_path), now=NOW)
    assert reads in section(read(tmp_path, "index.html"), where)


def test_item_shows_partners_date_kind_and_language(site: Path) -> None:
    page = read(site, "index.html")
    start = page.index('id="item-call-en"')
    article = page[start : page.index("</article>", start)]
    # each partner's name leads to its page here; the title leads to the partner's post
    assert '<a href="partners/oecd/">OECD</a>, <a href="partners/impact/">IMPACT</a>' in article
    # an open call is listed by its deadline: its publication day is in the feeds
    assert "Published" not in article
    assert 'class="kind"' not in article  # in the open calls, being a call goes unsaid
    news = page[page.index('id="item-news-no-link"') :]
    news = news[: news.index("</article>")]
    assert '<span class="kind">News</span>' in news and "Published <time datetime=" in news
    # an English item on the English page: its language needs no lang of its own
    assert '<a href="languages/en/">English</a>' in article
    # the classifier's tags are in the feeds; the page shows facets (none set here)
    assert "<li>gold</li>" not in article and 'class="tags"' not in article
    # the listing shows the summary as a plain-text excerpt (no partner markup or images)
    assert '<p class="summary">Grants for ASM cooperatives. Guide</p>' in article


def test_expired_call_leaves_the_open_list_but_stays_in_the_archive(tmp_path: Path) -> None:
    call = make_item("c", kind="call", title="Closing call", deadline=date(2027, 6, 2))
    for now, where in [(NOW, "open-calls"), (NOW + timedelta(days=2), "archive")]:
        render_site([call], make_config(tmp_path), now=now)
        page = read(tmp_path, "index.html")
        assert "Closing call" in section(page, where)
        assert rss_items(tmp_path, "calls.xml") == [] if where == "archive" else True
        assert len(ics_events(tmp_path)) == (0 if where == "archive" else 1)
    assert "Closing call" in read(tmp_path, "feed.xml")  # still news in the full feed


# --- hostile content ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["feed.xml", "calls.xml", "feed.json", "calls.json", "index.html"])
def test_hostile_title_is_escaped(site: Path, name: str) -> None:
    text = read(site, name)
    if name == "index.html":
        text = without_json_ld(text)
    assert "<script" not in text.lower()
    assert "]]>" not in text
    assert "<b>tag" not in text


@pytest.mark.parametrize("name", OUTPUT_NAMES)
def test_no_javascript_link_anywhere(site: Path, name: str) -> None:
    assert "javascript:" not in read(site, name).lower()
    assert "onclick" not in read(site, name).lower()


def test_hostile_title_reads_back_as_the_same_text(site: Path) -> None:
    (rss_entry,) = [
        i for i in rss_items(site, "feed.xml") if i.findtext("guid") == "urn:clearinghouse:hostile"
    ]
    assert rss_entry.findtext("title") == HOSTILE_TITLE
    assert rss_entry.findtext("link") == "https://minerals.example/clearinghouse/#item-hostile"
    assert rss_entry.find("source") is None  # the partner's only link was unsafe
    json_entry = next(
        i for i in json.loads(read(site, "feed.json"))["items"] if i["id"].endswith("hostile")
    )
    assert json_entry["title"] == HOSTILE_TITLE
    assert (
        json_entry["content_html"]
        == 'Deadline: 1 July 2027 — <p>Fine <a rel="noopener noreferrer nofollow">text</a></p>'
    )
    assert json_entry["authors"] == [{"name": "Unlisted <partner>"}]
    (event,) = [e for e in ics_events(site) if str(e["UID"]).startswith("hostile@")]
    assert str(event["SUMMARY"]) == f"Deadline: {HOSTILE_TITLE}"  # iCalendar text is plain text


def test_control_characters_do_not_break_the_xml(tmp_path: Path) -> None:
    item = make_item("ctl", title="Bad\x00 \x0bbyte\x1f", summary="<p>x\x08y</p>")
    render_site([item], make_config(tmp_path), now=NOW)
    (entry,) = rss_items(tmp_path, "feed.xml")
    assert entry.findtext("title") == "Bad byte"
    assert feedparser.parse(read(tmp_path, "feed.xml")).bozo == 0


# --- empty and large ---------------------------------------------------------------------


def test_no_items_gives_valid_empty_outputs(tmp_path: Path) -> None:
    render_site([], make_config(tmp_path), now=NOW)
    for name in ("feed.xml", "calls.xml"):
        channel = ET.fromstring(read(tmp_path, name)).find("channel")
        assert channel is not None and channel.findall("item") == []
        assert channel.findtext("lastBuildDate") == "Tue, 01 Jun 2027 12:00:00 +0000"
        assert feedparser.parse(read(tmp_path, name)).bozo == 0
    for name in ("feed.json", "calls.json"):
        assert json.loads(read(tmp_path, name))["items"] == []
    assert ics_events(tmp_path) == []
    page = read(tmp_path, "index.html")
    assert "No open calls right now." in page
    assert "No news yet." in page and "No upcoming events." in page
    assert "No closed calls yet." in page


def test_index_page_limits_news_and_archive_to_feed_size(tmp_path: Path) -> None:
    items = [make_item(f"n{i}", published=NOW - timedelta(hours=i)) for i in range(5)]
    items += [
        make_item(f"c{i}", kind="call", deadline=TODAY - timedelta(days=i + 1)) for i in range(5)
    ]
    items += [make_item(f"o{i}", kind="call", deadline=TODAY + timedelta(days=i)) for i in range(5)]
    render_site(items, make_config(tmp_path, feed_size=2), now=NOW)
    page = read(tmp_path, "index.html")
    assert section(page, "open-calls").count("<article") == 5  # every open call
    assert section(page, "news").count("<article") == 2
    assert section(page, "archive").count("<article") == 2


def many_items(n: int) -> list[Item]:
    kinds = ("call", "event", "news")
    items = []
    for i in range(n):
        published = NOW - timedelta(hours=i)
        deadline = TODAY + timedelta(days=i % 90 - 30) if i % 3 == 0 and i % 7 else None
        items.append(
            make_item(
                f"item-{i:05d}",
                kind=kinds[i % 3],
                title=f"Item {i}: responsible cobalt sourcing in the Great Lakes Region",
                summary=f'<p>Item {i}, <a href="https://partner.example/{i}">a link</a>.</p>',
                published=published,
                deadline=deadline if kinds[i % 3] == "call" else None,
                language=("en", "fr", "es")[i % 3],
                tags=("cobalt", "due diligence"),
                translations=(
                    (("fr", f"https://partner.example/item-{i + 1:05d}"),) if i % 10 == 0 else ()
                ),
            )
        )
    return items


def test_rendering_five_thousand_items_is_quick(tmp_path: Path) -> None:
    items = many_items(5000)
    config = make_config(tmp_path)
    render_site(items[:10], config, now=NOW)  # templates compiled
    # CPU time, not wall time: other work on the machine must not fail the test
    start = time.process_time()
    render_site(items, config, now=NOW)
    elapsed = time.process_time() - start
    assert elapsed < 3.0, f"render_site took {elapsed:.2f} s for 5000 items"


# --- in a real browser -------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_page_fits_a_360_pixel_screen(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("/usr/bin/chromium is required in CI")
        pytest.skip("/usr/bin/chromium is not installed: cannot check the page at 360 px")
    from playwright.sync_api import sync_playwright

    wide = make_item(
        "wide",
        kind="call",
        deadline=date(2027, 6, 10),
        title="Averyveryverylongunbrokenwordthatwouldoverflowanarrowscreen" * 3,
        link="https://partner.example/" + "x" * 300,
        summary=(
            "<p>https://partner.example/" + "y" * 200 + "</p>"
            "<table><tr>"
            + "".join(f"<td>column{i}column</td>" for i in range(20))
            + "</tr></table>"
            '<img src="https://partner.example/big.png" width="2000" height="100" alt="">'
            "<pre>" + "code " * 100 + "</pre>"
        ),
        tags=tuple(f"tag-{i}" for i in range(12)),
        sources=tuple(
            SourceRef(f"Partner number {i}", "https://partner.example/") for i in range(6)
        ),
    )
    render_site([*sample_items(), wide], make_config(tmp_path), now=NOW)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 360, "height": 800})
            # Nothing may be fetched from the network: the page is self-contained.
            page.route("http*://**", lambda route: route.abort())
            page.goto((tmp_path / "index.html").as_uri())
            widths = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.body.scrollWidth]"
            )
            assert max(widths) <= 360, widths
            assert page.title() == "Responsible Minerals Clearinghouse"
            headings = page.locator("h2").all_inner_texts()
            assert headings == [
                "Open calls (5)",
                "Coming soon (1)",
                "Upcoming events (1)",
                "News",
                "Archive: closed calls",
                "Follow the calls your way",
            ]
            assert page.locator(".badge.u-today").all_inner_texts() == ["closes today"]
            assert page.locator(".summary-line strong").inner_text() == "1 closes today"
        finally:
            browser.close()


# --- links as URIs ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "published"),
    [
        (
            "https://partenaire.example/appel-à-propositions?q=é#dépôt",
            "https://partenaire.example/appel-%C3%A0-propositions?q=%C3%A9#d%C3%A9p%C3%B4t",
        ),
        ("https://exémple.org/convocatoria", "https://xn--exmple-cva.org/convocatoria"),
        ("https://partner.example/a%20b?x=1&y=2,3", "https://partner.example/a%20b?x=1&y=2,3"),
        ("https://partner.example/a|b^c", "https://partner.example/a%7Cb%5Ec"),
    ],
)
def test_links_are_published_as_ascii_uris(tmp_path: Path, link: str, published: str) -> None:
    item = make_item("iri", kind="call", link=link, deadline=date(2027, 7, 1))
    render_site([item], make_config(tmp_path), now=NOW)
    (entry,) = rss_items(tmp_path, "feed.xml")
    assert entry.findtext("link") == published
    assert json.loads(read(tmp_path, "feed.json"))["items"][0]["url"] == published
    (event,) = ics_events(tmp_path)
    assert str(event["URL"]) == published
    assert f'<a href="{published.replace("&", "&amp;")}">' in read(tmp_path, "index.html")


def published_links(site: Path, item_id: str) -> dict[str, str | None]:
    """The link each output gives item `item_id` (None on the page: a plain title)."""
    (rss_entry,) = [
        i
        for i in rss_items(site, "feed.xml")
        if i.findtext("guid") == f"urn:clearinghouse:{item_id}"
    ]
    (json_entry,) = [
        i for i in json.loads(read(site, "feed.json"))["items"] if i["id"].endswith(f":{item_id}")
    ]
    page = LexborHTMLParser(read(site, "index.html"))
    title = page.css_first(f"#item-{item_id} .title")
    assert title is not None
    anchor = title.css_first("a")
    return {
        "feed.xml": rss_entry.findtext("link"),
        "feed.json": json_entry["url"],
        "index.html": anchor.attributes["href"] if anchor is not None else None,
    }


def test_a_partner_link_with_a_space_and_a_quote_is_published_as_written(tmp_path: Path) -> None:
    link = "http://www.partner.example/docs/appel d'offres.pdf"
    published = "http://www.partner.example/docs/appel%20d'offres.pdf"
    item = make_item(
        "tender",
        kind="call",
        link=link,
        url="https://partner.example/docs/appel d'offres.pdf",  # canonical: https, no www.
        deadline=date(2027, 7, 1),
    )
    render_site([item], make_config(tmp_path), now=NOW)
    assert published_links(tmp_path, "tender") == dict.fromkeys(
        ["feed.xml", "feed.json", "index.html"], published
    )
    (event,) = ics_events(tmp_path)
    assert str(event["URL"]) == published
    for name in OUTPUT_NAMES:
        assert "https://partner.example/docs" not in read(tmp_path, name), name


WWW_PARTNER = SourceRef("Partner", "http://www.partner.example/")


@pytest.mark.parametrize(
    ("link", "sources", "expected_feed", "expected_page"),
    [
        # No link: the partner's own address, never the canonical Item.url.
        (None, (WWW_PARTNER,), "http://www.partner.example/", "http://www.partner.example/"),
        (
            "javascript:alert(1)",
            (WWW_PARTNER,),
            "http://www.partner.example/",
            "http://www.partner.example/",
        ),
        (
            "data:text/html,x",
            (WWW_PARTNER,),
            "http://www.partner.example/",
            "http://www.partner.example/",
        ),
        # Nothing usable at all: the item's place on our page (a plain title there).
        (
            "javascript:alert(1)",
            (SourceRef("Partner", "javascript:alert(2)"),),
            "https://minerals.example/clearinghouse/#item-x",
            None,
        ),
        (None, (), "https://minerals.example/clearinghouse/#item-x", None),
    ],
)
def test_an_item_without_a_usable_link_falls_back_to_its_partner_then_the_page(
    tmp_path: Path,
    link: str | None,
    sources: tuple[SourceRef, ...],
    expected_feed: str,
    expected_page: str | None,
) -> None:
    item = make_item("x", link=link, url="https://partner.example/x", sources=sources)
    render_site([item], make_config(tmp_path), now=NOW)
    assert published_links(tmp_path, "x") == {
        "feed.xml": expected_feed,
        "feed.json": expected_feed,
        "index.html": expected_page,
    }
    for name in OUTPUT_NAMES:
        text = read(tmp_path, name)
        assert "https://partner.example/x" not in text, name
        assert "javascript:" not in text and "data:" not in text, name


def test_a_link_with_markup_is_encoded_and_never_leaves_its_attribute(tmp_path: Path) -> None:
    link = 'https://partner.example/a"><script>alert(1)</script><a href="'
    published = "https://partner.example/a%22%3E%3Cscript%3Ealert(1)%3C/script%3E%3Ca%20href=%22"
    item = make_item("x", kind="call", link=link, deadline=date(2027, 6, 5))
    render_site([item], make_config(tmp_path), now=NOW)
    assert published_links(tmp_path, "x") == dict.fromkeys(
        ["feed.xml", "feed.json", "index.html"], published
    )
    page = LexborHTMLParser(read(tmp_path, "index.html"))
    assert [node.attributes for node in page.css("script")] == [
        {"type": "application/ld+json"},
        {"src": "filter.js", "defer": None},
    ]
    # the title, the partner, the language, its calendar and the WhatsApp share link
    assert len(page.css("#item-x a")) == 5
    [share] = page.css("#item-x .share a[href^='https://wa.me/']")
    assert share.attributes["href"].startswith("https://wa.me/?text=")
    assert '"' not in share.attributes["href"] and "<" not in share.attributes["href"]
    # opened in a new tab, WhatsApp's page gets no hold on ours
    assert share.attributes["target"] == "_blank" and share.attributes["rel"] == "noopener"
    for name in OUTPUT_NAMES:
        text = read(tmp_path, name)
        assert "<script" not in (without_json_ld(text) if name.endswith(".html") else text), name


def test_each_call_closing_this_week_has_a_whatsapp_share_link(tmp_path: Path) -> None:
    """And its calendar; a call closing later has neither (a page of 300 calls keeps its
    weight): its deadline is in deadlines.ics."""
    call = make_item("c", kind="call", title="Appel : or & étain", deadline=date(2027, 6, 5))
    later = make_item("later", kind="call", deadline=date(2027, 7, 1))
    render_site([call, later, make_item("n")], make_config(tmp_path), now=NOW)
    page = LexborHTMLParser(read(tmp_path, "index.html"))
    [share] = page.css(".share a[href^='https://wa.me/']")
    href = share.attributes["href"] or ""
    assert href.startswith("https://wa.me/?text=") and " " not in href
    text = unquote(href.removeprefix("https://wa.me/?text="))
    assert text.startswith("Appel : or & étain — Deadline 5 June 2027 https://")
    assert [a.attributes["href"] for a in page.css("#item-c a[download]")] == ["calls/item-c.ics"]
    assert page.css("#item-n .share") == [] and page.css("#item-later .share") == []


def test_an_odd_language_code_is_not_declared_on_the_channel(tmp_path: Path) -> None:
    render_site([make_item("x", language="english please")], make_config(tmp_path), now=NOW)
    channel = ET.fromstring(read(tmp_path, "feed.xml")).find("channel")
    assert channel is not None and channel.find("language") is None
