"""The site in English, French and Spanish: the same items under each interface, in
site/, site/fr/ and site/es/, each with its own feeds and calendars, translated labels,
dates as each language writes them and a switcher between the three; the sources page
and the description of the JSON Feeds' `_clearinghouse` too."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path
from urllib.parse import urljoin

import icalendar
import pytest
from babel.messages.pofile import read_po
from selectolax.lexbor import LexborHTMLParser

from aggregator.facet_pages import write_facet_pages
from aggregator.health import source_health
from aggregator.i18n import LOCALE_DIR
from aggregator.render import SITE_LANGUAGES, call_status_in, render_site
from aggregator.status_page import write_status_files
from aggregator.types import Source, SourceHealth, SourceRecord
from tests.test_facet_pages import items
from tests.test_outputs_checked import NOW, SITE_URL, make_config, make_item


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three languages' sites, written as `pipeline.publish_site` writes them."""
    folder = tmp_path_factory.mktemp("languages") / "site"
    config = make_config(folder)
    listed = items()
    for lang in SITE_LANGUAGES:
        render_site(listed, config, now=NOW, lang=lang)
        write_facet_pages(listed, config, now=NOW, lang=lang)
    write_status_files(healths(), config, now=NOW)  # after each run
    return folder


def healths() -> list[SourceHealth]:
    """A partner that works (with many items), one failing since the day before, one moved."""
    an_hour_ago, a_day_ago = NOW - timedelta(hours=1), NOW - timedelta(days=1)
    fine = Source(name="Fine partner", url="https://fine.example/feed")
    failing = Source(name="Failing partner", url="https://failing.example/feed")
    moved = Source(name="Moved partner", url="https://moved.example/feed")
    return [
        source_health(
            fine,
            SourceRecord(url=fine.url, last_fetched=an_hour_ago, last_ok=an_hour_ago,
                         outcome="ok", recent_items=1234),
            now=NOW,
        ),
        source_health(
            failing,
            SourceRecord(url=failing.url, last_fetched=an_hour_ago, last_ok=a_day_ago,
                         outcome="failed", failures=3, last_error="HTTP 500",
                         failing_since=a_day_ago, next_fetch=NOW + timedelta(hours=2)),
            now=NOW,
        ),
        source_health(
            moved,
            SourceRecord(url=moved.url, last_fetched=an_hour_ago, last_ok=an_hour_ago,
                         outcome="ok", moved_to="https://moved.example/new-feed"),
            now=NOW,
        ),
    ]  # fmt: skip


def page(site: Path, name: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / name).read_text(encoding="utf-8"))


# folder, the open calls' heading, a deadline (20 June 2027) and its days left from 1 June
FRONT_PAGES = [
    ("", "en", "Open calls (2)", "20 June 2027", "closes in 19 days"),
    ("fr/", "fr", "Appels ouverts (2)", "20 juin 2027", "clôture dans 19 jours"),
    ("es/", "es", "Convocatorias abiertas (2)", "20 de junio de 2027", "cierra en 19 días"),
]


@pytest.mark.parametrize(("folder", "lang", "heading", "deadline", "left"), FRONT_PAGES)
def test_each_front_page_speaks_its_language(
    site: Path, folder: str, lang: str, heading: str, deadline: str, left: str
) -> None:
    front = page(site, f"{folder}index.html")
    assert front.css_first("html").attributes["lang"] == lang
    assert front.css_first("#open-calls-title").text() == heading
    # the list of calls its structured data gives is named as the page names it
    graph = json.loads(front.css_first('script[type="application/ld+json"]').text())["@graph"]
    assert graph[0]["name"] == heading.rsplit(" (", 1)[0]
    text = front.body.text() if front.body else ""
    assert deadline in text and left in text


@pytest.mark.parametrize(("folder", "lang", "heading", "deadline", "left"), FRONT_PAGES)
def test_items_keep_their_own_language_under_every_interface(
    site: Path, folder: str, lang: str, heading: str, deadline: str, left: str
) -> None:
    front = page(site, f"{folder}index.html")
    # each title's language: its own lang, or the page's when they are the same
    titles = {
        node.text(): node.attributes.get("lang") or lang for node in front.css("article .title")
    }
    assert titles["Appel à projets : or artisanal au Sud-Kivu"] == "fr"
    assert titles["Call for proposals: cobalt monitoring in Lualaba, DRC"] == "en"
    marked = [node.attributes.get("lang") for node in front.css("article .title")]
    assert lang not in marked  # the page's own language goes unsaid on each row


@pytest.mark.parametrize(
    "name",
    [
        "index.html",
        "topics/index.html",
        "topics/gold/index.html",
        "countries/cd/index.html",
        "sources.html",
        "about/clearinghouse.html",
    ],
)
def test_every_page_links_to_itself_in_the_three_languages(site: Path, name: str) -> None:
    below = name.removesuffix("index.html")
    expected = {
        "en": f"{SITE_URL}{below}",
        "fr": f"{SITE_URL}fr/{below}",
        "es": f"{SITE_URL}es/{below}",
    }
    for folder in ("", "fr/", "es/"):
        shown = page(site, f"{folder}{name}")
        alternates = {
            node.attributes["hreflang"]: node.attributes["href"]
            for node in shown.css('link[rel="alternate"][hreflang]')
        }
        assert alternates == expected, folder + name
        switcher = shown.css_first("nav.languages")
        assert switcher is not None
        links = {a.attributes["hreflang"]: a.attributes["href"] for a in switcher.css("a")}
        current = switcher.css_first('[aria-current="page"]')
        assert current is not None
        own = current.attributes["lang"]
        assert links == {lang: url for lang, url in expected.items() if lang != own}
        assert own == (folder.rstrip("/") or "en")


@pytest.mark.parametrize(
    ("folder", "title", "calendar"),
    [
        ("", "Clearinghouse — open calls", "— deadlines"),
        ("fr/", "Clearinghouse — appels ouverts", "— dates limites"),
        ("es/", "Clearinghouse — convocatorias abiertas", "— fechas límite"),
    ],
)
def test_each_language_has_its_own_feeds_and_calendars(
    site: Path, folder: str, title: str, calendar: str
) -> None:
    channel = ET.parse(site / folder / "calls.xml").getroot().find("channel")
    assert channel is not None
    assert channel.findtext("title") == title
    assert channel.findtext("link") == f"{SITE_URL}{folder}"
    items = {item.findtext("title") for item in channel.iter("item")}
    assert "Appel à projets : or artisanal au Sud-Kivu" in items  # the items are the same
    parsed = icalendar.Calendar.from_ical((site / folder / "deadlines.ics").read_bytes())
    assert str(parsed["X-WR-CALNAME"]).endswith(calendar)
    front = page(site, f"{folder}index.html")
    advertised = {n.attributes["href"] for n in front.css('link[rel="alternate"][type]')}
    assert f"{SITE_URL}{folder}calls.xml" in advertised


def test_a_french_facet_page_has_french_labels_and_feeds(site: Path) -> None:
    gold = page(site, "fr/topics/gold/index.html")
    assert gold.css_first("html").attributes["lang"] == "fr"
    assert gold.css_first("#open-calls-title").text() == "Appels ouverts (1)"
    text = gold.body.text() if gold.body else ""
    assert "Date limite\u202f: 20 juin 2027" in text and "Publié le" in text
    channel = ET.parse(site / "fr/topics/gold/calls.xml").getroot().find("channel")
    assert channel is not None and channel.findtext("title", "").endswith("— appels ouverts")
    assert gold.css_first("h1").text() == "Or"  # the taxonomy's French label
    congo = page(site, "fr/countries/cd/index.html").css_first("h1")
    assert congo.text() == "République démocratique du Congo"
    chips = {a.text() for a in page(site, "fr/index.html").css("p.tags a")}
    assert {"Or", "République démocratique du Congo"} <= chips
    spanish = page(site, "es/topics/index.html")
    assert spanish.css_first("h1").text() == "Temas, regiones, países y socios"


def read(node: object) -> str:
    """A node's text as a reader sees it: runs of spaces and line ends are one space, the
    no-break spaces French puts before its colons are kept."""
    return re.sub(r"[ \t\n]+", " ", node.text()).strip()  # type: ignore[attr-defined]


# folder, each sentence a reader sees: a call's deadline, an event's days, a call opening,
# a publication day, the summary line's time, the footer's first sentences
SENTENCES = [
    ("", [
        "closes in 19 days Deadline 20 June 2027",
        "When: 15 June 2027 to 16 June 2027",
        "coming soon Opens 1 July 2027",
        "Published 30 May 2027",
        "updated 1 June 2027, 12:00 UTC ·",
        "Updated 1 June 2027, 12:00 UTC. Gathered from partners' own feeds and pages; follow "
        "each title to the original. Every address: all items (RSS), JSON Feed, open calls "
        "(RSS), deadlines and events (iCal).",
        "Open the open calls feed or the feed of everything, or copy an address into your "
        "feed reader (Feedly, Inoreader, Thunderbird, Outlook).",
    ]),
    ("fr/", [
        "clôture dans 19 jours Date limite\u202f: 20 juin 2027",
        "Dates\u202f: du 15 juin 2027 au 16 juin 2027",
        "bientôt ouvert Ouverture le 1er juillet 2027",
        "Publié le 30 mai 2027",
        "mis à jour le 1er juin 2027, 12:00 UTC ·",
        "Mis à jour le 1er juin 2027, 12:00 UTC. Rassemblé depuis les flux et les pages des "
        "partenaires\u202f; chaque titre mène à l’original. Toutes les adresses\u202f: tous les "
        "contenus "
        "(RSS), JSON Feed, appels ouverts (RSS), dates limites et événements (iCal).",
        "Ouvrez le flux des appels ouverts ou le flux de tous les contenus, ou copiez une "
        "adresse dans votre lecteur de flux (Feedly, Inoreader, Thunderbird, Outlook).",
    ]),
    ("es/", [
        "cierra en 19 días Fecha límite: 20 de junio de 2027",
        "Fechas: del 15 de junio de 2027 al 16 de junio de 2027",
        "próximamente Abre el 1 de julio de 2027",
        "Publicado el 30 de mayo de 2027",
        "actualizado el 1 de junio de 2027, 12:00 UTC ·",
        "Actualizado el 1 de junio de 2027, 12:00 UTC. Reunido a partir de los feeds y las "
        "páginas de los socios; cada título lleva al original. Todas las direcciones: todos "
        "los contenidos (RSS), JSON Feed, convocatorias abiertas (RSS), fechas límite y "
        "eventos (iCal).",
        "Abra el feed de convocatorias abiertas o el feed de todos los contenidos, o copie una "
        "dirección en su lector de feeds (Feedly, Inoreader, Thunderbird, Outlook).",
    ]),
]  # fmt: skip


@pytest.mark.parametrize(("folder", "sentences"), SENTENCES)
def test_each_front_page_writes_whole_sentences_in_its_language(
    site: Path, folder: str, sentences: list[str]
) -> None:
    """Each language orders its own sentence around a date or a link ('Publié le 1er juin
    2027'), rather than a label joined to it."""
    front = page(site, f"{folder}index.html")
    shown = [read(node) for node in front.css("p")]
    missing = [s for s in sentences if not any(s in text for text in shown)]
    assert missing == [], shown


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_catalogs_follow_their_languages_typography(lang: str) -> None:
    """French writes ’ for the apostrophe and a narrow no-break space before : ; ? ! and
    inside « »; Spanish opens its questions with ¿ and quotes a command with « »."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        strings = [
            text
            for message in read_po(po, locale=lang)
            if message.id
            for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        ]
    if lang == "fr":
        text = [re.sub(r"&\w+;", "", t) for t in strings]  # not the HTML's &lt;
        wrong = [t for t in text if re.search(r"\w'\w| [:;?!»]|« |(?<=\w)[;?!»]|«(?=\w)", t)]
    else:
        wrong = [t for t in strings if re.search(r"'|^[^¿]*\?|^[^¡]*!", t)]
    assert wrong == []


def test_the_calls_own_calendars_are_linked_at_the_root(site: Path, tmp_path: Path) -> None:
    """Published once: a French page links the English site's files, which exist."""
    soon = make_item("soon", kind="call", deadline=NOW.date() + timedelta(days=3))
    for lang in SITE_LANGUAGES:
        render_site([soon], make_config(tmp_path), now=NOW, lang=lang)
    front = page(tmp_path, "fr/index.html")
    calendars = [a.attributes["href"] or "" for a in front.css("a[download]")]
    # relative addresses (the page's weight): from fr/ they lead to the root's calls/
    resolved = [urljoin(f"{SITE_URL}fr/index.html", href) for href in calendars]
    assert resolved == [f"{SITE_URL}calls/item-soon.ics"]
    assert {a.attributes["href"] for a in page(site, "fr/sources.html").css("a")} >= {
        f"{SITE_URL}sources.opml"  # the sources' list, once at the root
    }


@pytest.mark.parametrize("folder", ["", "fr/", "es/"])
def test_each_front_page_links_its_own_sources_and_about_pages(site: Path, folder: str) -> None:
    links = {a.attributes["href"] for a in page(site, f"{folder}index.html").css("#subscribe a")}
    assert {f"{SITE_URL}{folder}sources.html", f"{SITE_URL}{folder}about/clearinghouse.html"} <= (
        links
    )
    assert (site / folder / "sources.html").is_file()
    assert (site / folder / "about" / "clearinghouse.html").is_file()
    about = {a.attributes["href"] for a in page(site, f"{folder}sources.html").css("footer a")}
    assert about == {f"{SITE_URL}{folder}about/clearinghouse.html"}


@pytest.mark.parametrize("folder", ["", "fr/", "es/"])
def test_each_json_feed_describes_its_extension_on_a_page_in_its_language(
    site: Path, folder: str
) -> None:
    feed = json.loads((site / folder / "feed.json").read_text(encoding="utf-8"))
    about = {item["_clearinghouse"]["about"] for item in feed["items"]}
    assert about == {f"{SITE_URL}{folder}about/clearinghouse.html"}
    described = page(site, f"{folder}about/clearinghouse.html")
    assert described.css_first("html").attributes["lang"] == (folder.rstrip("/") or "en")


# folder, language, heading, the failing state, its detail, since when, a column, the counts
SOURCES_PAGES = [
    ("", "en", "Sources", "Failing",
     "HTTP 500 (3 failed polls in a row); next try 1 June 2027, 14:00 UTC",
     "since 31 May 2027, 12:00 UTC", "Last successful poll", "1,234", "Failing: 1"),
    ("fr/", "fr", "Sources", "En échec",
     "HTTP 500 (3 échecs d’affilée)\u202f; prochain essai le 1er juin 2027, 14:00 UTC",
     "depuis le 31 mai 2027, 12:00 UTC", "Dernière interrogation réussie", "1\u202f234",
     "En échec\u202f: 1"),
    ("es/", "es", "Fuentes", "Con fallos",
     "HTTP 500 (3 consultas fallidas seguidas); próximo intento el 1 de junio de 2027, 14:00 UTC",
     "desde el 31 de mayo de 2027, 12:00 UTC", "Última consulta correcta", "1.234",
     "Con fallos: 1"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("folder", "lang", "heading", "failing", "detail", "since", "column", "items", "count"),
    SOURCES_PAGES,
)
def test_each_sources_page_speaks_its_language(
    site: Path,
    folder: str,
    lang: str,
    heading: str,
    failing: str,
    detail: str,
    since: str,
    column: str,
    items: str,
    count: str,
) -> None:
    sources = page(site, f"{folder}sources.html")
    assert sources.css_first("html").attributes["lang"] == lang
    assert sources.css_first("h1").text() == heading
    rows = {row.css_first("th").text(deep=False): row for row in sources.css("tbody tr")}
    assert list(rows) == ["Failing partner", "Moved partner", "Fine partner"]  # attention first
    flaky = rows["Failing partner"]
    assert flaky.css_first(".state").text() == failing
    assert flaky.css("td")[-1].css_first(".detail").text() == detail  # the error as said
    assert since in flaky.text()
    assert [th.text() for th in sources.css("thead th")][2] == column
    assert rows["Fine partner"].css_first("td.number").text() == items
    assert count in [li.text() for li in sources.css("ul.counts li")]


def test_the_french_pages_write_the_first_of_the_month_1er(site: Path) -> None:
    """The forthcoming call opens on 1 July 2027."""
    text = page(site, "fr/index.html").body.text()  # type: ignore[union-attr]
    assert "1er juillet 2027" in text and "1 juillet" not in text
    assert "1 de julio de 2027" in page(site, "es/index.html").body.text()  # type: ignore[union-attr]


def test_the_description_of_the_feeds_is_translated(site: Path) -> None:
    french = page(site, "fr/about/clearinghouse.html")
    assert french.css_first("h1").text() == "L’extension _clearinghouse des flux JSON Feed"
    assert french.css_first("h2").text() == "Les champs"
    spanish = page(site, "es/about/clearinghouse.html")
    assert spanish.css_first("h2").text() == "Los campos"
    # the field names stay as the files write them
    assert [dt.text() for dt in spanish.css("dt")] == [dt.text() for dt in french.css("dt")]
    assert "deadline_extended" in [dt.text() for dt in french.css("dt")]
    # the exports are published once, at the root: the French page links those
    exports = [a.attributes["href"] for a in french.css("footer a")]
    assert f"{SITE_URL}calls.csv" in exports


@pytest.mark.parametrize(
    ("lang", "left", "shown"),
    [
        ("en", 5, "closes in 5 days"),
        ("en", 0, "closes today"),
        ("fr", -1, "clôturé"),
        ("fr", 0, "clôture aujourd’hui"),
        ("fr", 1, "clôture demain"),
        ("fr", 2, "clôture dans 2 jours"),
        ("es", 1, "cierra mañana"),
        ("es", 30, "cierra en 30 días"),
        ("es", None, None),
    ],
)
def test_how_a_deadline_reads_in_each_language(lang: str, left: int | None, shown: str) -> None:
    assert call_status_in(left, lang) == shown


def test_each_language_uses_its_own_title_and_description(tmp_path: Path) -> None:
    """`title: {en: …, fr: …}`: the French site's pages, feeds and calendars are named by
    the French title; Spanish, left out, uses the English one."""
    config = make_config(
        tmp_path / "site",
        titles=(("fr", "Centre d'échange"),),
        descriptions=(("fr", "Appels et actualités."),),
    )
    for lang in SITE_LANGUAGES:
        render_site(items(), config, now=NOW, lang=lang)
    for folder, title, description in (
        ("fr/", "Centre d'échange", "Appels et actualités."),
        ("es/", "Clearinghouse", "Calls and news."),
        ("", "Clearinghouse", "Calls and news."),
    ):
        site = tmp_path / "site" / folder
        channel = ET.parse(site / "feed.xml").getroot().find("channel")
        assert channel is not None and channel.findtext("title") == title
        assert channel.findtext("description") == description
        assert json.loads((site / "calls.json").read_text())["title"].startswith(title)
        calendar = icalendar.Calendar.from_ical((site / "deadlines.ics").read_bytes())
        assert str(calendar["X-WR-CALNAME"]).startswith(title)
        assert title in (page(tmp_path / "site", f"{folder}index.html").css_first("h1").text())
