"""The published site in headless Chromium, as visitors see it, served over HTTP on 127.0.0.1.

Two sites are built once with the project's own code: the demo
(`run_demo`: the whole pipeline on its bundled example partners) and a
realistic 300-item site (what `pipeline.publish_site` writes, from the items
of tests/browser/realistic.py, with one digest issue in its archive, in three
languages, as delivery publishes it).
Every kind of page is opened at 1366 and 390 px wide, in light and dark:
axe-core finds no serious or critical violation, nothing is logged as an
error, nothing is asked of any other host, and nothing scrolls sideways.
Without JavaScript each page still shows its content and its links work.

Each page is loaded once per width and scheme; the tests read what that
visit recorded. With SITE_SCREENSHOTS=folder, each visit leaves a full-page
screenshot there (`front-390-dark.png`, …).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from aggregator.call_calendars import write_call_calendars
from aggregator.demo import run_demo
from aggregator.digest import archive
from aggregator.digest.content import select_digest
from aggregator.digest.render import render_digest
from aggregator.exports import write_exports
from aggregator.facet_pages import write_facet_pages
from aggregator.render import SITE_LANGUAGES, render_site
from aggregator.status_page import write_status_files
from aggregator.taxonomy import build_taxonomy, tag_items
from aggregator.types import Config, Item
from tests.browser.realistic import realistic_items
from tests.browser.serve import SiteServer

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (1366, 390)
SCHEMES = ("light", "dark")
#: The front page with 300 items, with everything it loads, stays under this.
FRONT_PAGE_BUDGET = 300 * 1024
NOW = datetime.now(UTC).replace(microsecond=0)
#: The digest issue published in the 300-item site's archive.
ISSUE = NOW.date().isoformat()


def first_page(folder: str) -> Callable[[Path], str]:
    """The first page of a facet (in name order): `folder/<value>/index.html`."""

    def find(site: Path) -> str:
        pages = sorted((site / folder).glob("*/index.html"))
        return pages[0].relative_to(site).as_posix() if pages else f"{folder}/*/index.html"

    return find


#: page name -> (site, how to find the page in that site's folder).
PAGES: dict[str, tuple[str, Callable[[Path], str]]] = {
    "front": ("demo", lambda site: "index.html"),
    "front-fr": ("demo", lambda site: "fr/index.html"),
    "front-es": ("demo", lambda site: "es/index.html"),
    "partner": ("demo", first_page("partners")),
    "topic": ("demo", first_page("topics")),
    "country": ("demo", first_page("countries")),
    "region": ("demo", first_page("regions")),
    "language": ("demo", first_page("languages")),
    "topics-index": ("demo", lambda site: "topics/index.html"),
    "front-300": ("big", lambda site: "index.html"),
    "digest-archive": ("big", lambda site: "digests/index.html"),
    "digest-issue": ("big", lambda site: f"digests/{ISSUE}.html"),
    "sources": ("demo", lambda site: "sources.html"),
    "sources-fr": ("demo", lambda site: "fr/sources.html"),
    "sources-es": ("demo", lambda site: "es/sources.html"),
    "about-clearinghouse": ("demo", lambda site: "about/clearinghouse.html"),
    "about-clearinghouse-fr": ("demo", lambda site: "fr/about/clearinghouse.html"),
    "about-clearinghouse-es": ("demo", lambda site: "es/about/clearinghouse.html"),
}


# --- the sites -------------------------------------------------------------------


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, SiteServer]]:
    demo_output = tmp_path_factory.mktemp("browser-demo") / "demo"
    demo = SiteServer(demo_output / "site")
    big_folder = tmp_path_factory.mktemp("browser-big") / "site"
    big = SiteServer(big_folder)
    try:
        # in a thread of its own: the pipeline runs an event loop, which Playwright's
        # synchronous API forbids in the thread that drives the browser
        with ThreadPoolExecutor(1) as worker:
            worker.submit(run_demo, demo_output, site_url=demo.url(), now=NOW).result()
        big_config = _big_config(big_folder, big.url())
        _publish(realistic_items(NOW), big_config)
        _publish_digest(realistic_items(NOW), big_config)
        yield {"demo": demo, "big": big}
    finally:
        demo.close()
        big.close()


def _big_config(site: Path, site_url: str) -> Config:
    return Config(
        path=site.parent / "feeds.yaml",
        title="Responsible Minerals Clearinghouse",
        description="Calls, funding, events and news on responsible minerals trade.",
        site_url=site_url,
        database=site.parent / "aggregator.db",
        site=site,
        templates=ROOT / "templates",
        sources=(),
        feed_size=300,
    )


def _publish(items: list[Item], config: Config) -> None:
    """What a run publishes from the items it loads (`pipeline.publish_site`), with the
    facets a run gives them."""
    items = tag_items(items, build_taxonomy())
    for lang in SITE_LANGUAGES:  # English at the root, then fr/ and es/
        render_site(items, config, now=NOW, lang=lang)
        write_facet_pages(items, config, now=NOW, lang=lang)
    write_exports(items, config, now=NOW)
    write_call_calendars(items, config, now=NOW)
    write_status_files([], config, now=NOW)  # after each run (its sources: none here)


def _publish_digest(items: list[Item], config: Config) -> None:
    """One digest issue in the site's archive, in each language, as delivery publishes it."""
    content = select_digest(
        items, included_before=set(), reminded_before=set(), last_digest_at=None,
        now=NOW, first_digest_days=7,
    )  # fmt: skip
    copies = {
        lang: render_digest(content, config=config, subject=config.title, lang=lang).html
        for lang in ("en", "fr", "es")
    }
    archive.write_issue(config.site, ISSUE, copies)
    (config.site / "digest.html").write_text(
        archive.web_copy(copies["en"], archive.ICON), encoding="utf-8"
    )  # the latest
    archive.write_index(
        config.site, title=config.title, templates=config.template_folders,
        site_url=config.site_url,
    )  # fmt: skip


# --- one visit of one page at one width and scheme ---------------------------------

_LAYOUT = """
() => ({
  scrollWidth: document.scrollingElement.scrollWidth,
  innerWidth: window.innerWidth,
  wide: [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
})
"""
_AXE = "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"


@dataclass
class Visit:
    """What loading one page recorded."""

    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    layout: dict[str, Any] = field(default_factory=dict)
    #: Its visible headings and links, and its ids (see _CONTENT).
    content: dict[str, Any] = field(default_factory=dict)
    #: Bytes of every response: the page and all it loaded.
    weight: int = 0


class Visitor:
    """Opens each (page, width, scheme) once, in a fresh browser context, and keeps the record."""

    def __init__(self, browser: Any, axe: Path, sites: dict[str, SiteServer]) -> None:
        self.browser, self.axe, self.sites = browser, axe, sites
        self.shots = os.environ.get("SITE_SCREENSHOTS")
        self._visits: dict[tuple[str, int, str], Visit] = {}

    def page_url(self, name: str) -> str:
        site_name, find = PAGES[name]
        site = self.sites[site_name]
        path = find(site.folder)
        assert (site.folder / path).is_file(), f"{name}: {path} is not in the site"
        return site.url(path)

    def visit(self, name: str, width: int, scheme: str) -> Visit:
        key = (name, width, scheme)
        if key not in self._visits:
            self._visits[key] = self._load(name, width, scheme)
        return self._visits[key]

    def _load(self, name: str, width: int, scheme: str) -> Visit:
        visit = Visit(self.page_url(name))
        context = self.browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        page = context.new_page()
        responses: list[Any] = []
        page.on("request", lambda request: visit.requests.append(request.url))
        page.on("response", lambda response: responses.append(response))
        page.on("pageerror", lambda error: visit.errors.append(f"uncaught: {error}"))
        page.on(
            "console",
            lambda message: (
                visit.errors.append(f"console: {message.text} ({message.location.get('url')})")
                if message.type == "error"
                else None
            ),
        )
        try:
            page.goto(visit.url, wait_until="load")
            visit.layout = page.evaluate(_LAYOUT)
            visit.content = page.evaluate(_CONTENT)
            visit.weight = sum(len(response.body()) for response in responses)
            if self.shots:  # the first screen a visitor sees, and the whole page
                shot = f"{self.shots}/{name}-{width}-{scheme}"
                page.screenshot(path=f"{shot}-top.png")
                page.screenshot(path=f"{shot}.png", full_page=True)
            page.add_script_tag(path=str(self.axe))
            visit.violations = page.evaluate(_AXE)
        finally:
            context.close()
        return visit


@pytest.fixture(scope="module")
def visitor(browser: Any, axe_script: Path, sites: dict[str, SiteServer]) -> Visitor:
    return Visitor(browser, axe_script, sites)


every_view = pytest.mark.parametrize(
    ("name", "width", "scheme"),
    [(name, width, scheme) for name in PAGES for width in WIDTHS for scheme in SCHEMES],
    ids=lambda value: str(value),
)


# --- the checks ---------------------------------------------------------------------


def test_axe_does_report_what_it_should(browser: Any, axe_script: Path) -> None:
    """The checker itself runs: a page with a nameless button and pale text fails it."""
    page = browser.new_page()
    try:
        page.set_content(
            '<html lang="en"><title>t</title><main><button></button>'
            '<p style="color:#ccc;background:#fff">pale</p></main></html>'
        )
        page.add_script_tag(path=str(axe_script))
        found = {(v["id"], v["impact"]) for v in page.evaluate(_AXE)}
    finally:
        page.close()
    assert {("button-name", "critical"), ("color-contrast", "serious")} <= found


@every_view
def test_axe_finds_no_serious_or_critical_violation(
    visitor: Visitor, name: str, width: int, scheme: str
) -> None:
    visit = visitor.visit(name, width, scheme)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        + (f" and {len(v['nodes']) - 3} more" if len(v["nodes"]) > 3 else "")
        for v in visit.violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{name} at {width} px, {scheme}: " + "; ".join(serious)


@every_view
def test_nothing_is_logged_as_an_error(
    visitor: Visitor, name: str, width: int, scheme: str
) -> None:
    """Not even a missing icon: each page names the site's, so Chromium does not ask
    for a /favicon.ico there is none of."""
    visit = visitor.visit(name, width, scheme)
    assert visit.errors == []


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_shows_the_sites_icon(visitor: Visitor, name: str) -> None:
    visit = visitor.visit(name, 1366, "light")
    icons = [url for url in visit.requests if urlsplit(url).path.endswith("/favicon.svg")]
    assert icons, f"{name} asked for no icon: {visit.requests}"
    assert not [url for url in visit.requests if url.endswith("/favicon.ico")]


@every_view
def test_nothing_is_asked_of_another_host(
    visitor: Visitor, name: str, width: int, scheme: str
) -> None:
    visit = visitor.visit(name, width, scheme)
    origin = urlsplit(visit.url).netloc
    elsewhere = [url for url in visit.requests if urlsplit(url).netloc != origin]
    assert elsewhere == []
    assert visit.url in visit.requests


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_scrolls_sideways_on_a_phone(visitor: Visitor, name: str, scheme: str) -> None:
    layout = visitor.visit(name, 390, scheme).layout
    assert layout["scrollWidth"] <= layout["innerWidth"], layout


def test_the_front_page_with_300_items_weighs_under_300_kb(visitor: Visitor) -> None:
    visit = visitor.visit("front-300", 1366, "light")
    assert visit.weight < FRONT_PAGE_BUDGET, f"{visit.weight} bytes"


# --- without JavaScript ----------------------------------------------------------

#: What a reader gets from a page: its headings, its links, the ids links can aim at.
_CONTENT = """
() => ({
  headings: [...document.querySelectorAll('h1, h2, h3')]
    .filter(h => h.offsetParent !== null).map(h => h.textContent.trim()),
  links: [...document.querySelectorAll('a[href]')]
    .filter(a => a.offsetParent !== null).map(a => a.href),
  ids: [...document.querySelectorAll('[id], a[name]')].map(e => e.id || e.name),
})
"""


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_works_without_javascript(browser: Any, visitor: Visitor, name: str) -> None:
    """Everything shown with the script is there without it, and every link of ours answers."""
    with_script = visitor.visit(name, 390, "light").content
    url = visitor.page_url(name)
    origin = urlsplit(url).netloc
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(url, wait_until="load")
        content = page.evaluate(_CONTENT)
        assert len([h for h in content["headings"] if h]) >= 1
        assert [h for h in with_script["headings"] if h not in content["headings"]] == []
        assert [a for a in with_script["links"] if a not in content["links"]] == []
        ours = {  # a webcal:// link hands its https:// twin to a calendar: that one is fetched
            urldefrag(link)
            for link in content["links"]
            if urlsplit(link).netloc == origin and urlsplit(link).scheme in ("http", "https")
        }
        here = urldefrag(url).url
        aimless = [
            f"#{at}" for link, at in ours if link == here and at and at not in content["ids"]
        ]
        assert aimless == [], "in-page links to nothing"
        broken = []
        for link in sorted({link for link, _ in ours}):
            # a calendar's webcal:// address is its http:// one, for calendar programs
            answer = context.request.get(link.replace("webcal://", "http://", 1))
            if not answer.ok:
                broken.append(f"{link}: {answer.status}")
        assert broken == []
    finally:
        context.close()


# --- the front page's filter, with JavaScript ----------------------------------------

#: Each row of the front page: shown or not, its text, the addresses it links to.
_ROWS = """
() => [...document.querySelectorAll('main article.item')].map(row => ({
  shown: row.offsetParent !== null,
  text: row.textContent.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase(),
  links: [...row.querySelectorAll('a[href]')].map(a => new URL(a.href).pathname),
}))
"""
#: Each group of open calls by urgency: the count in its heading, the rows it shows.
_GROUPS = """
() => [...document.querySelectorAll('main section.urgency')].map(section => ({
  heading: section.querySelector('h3').textContent,
  shown: section.offsetParent === null ? null
    : section.querySelectorAll('article.item:not([hidden])').length,
}))
"""
#: The chip a row shows for each filter's choice links to one of these facet pages.
_FACET_PATHS = {
    "topics": ("topics/{}/", "regions/{}/"),  # the Topic choice offers regions too
    "countries": ("countries/{}/",),
    "languages": ("languages/{}/",),
    "partners": ("partners/{}/",),
}


@pytest.fixture
def front_page(browser: Any, visitor: Visitor) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 390, "height": 900})
    page = context.new_page()
    try:
        page.goto(visitor.page_url("front"), wait_until="load")
        page.get_by_role("search").locator("summary").click()
        yield page
    finally:
        context.close()


def _check_counts(page: Any, shown: int, total: int) -> None:
    status = page.get_by_role("status").text_content() or ""
    assert f"{shown} of {total}" in status
    for group in page.evaluate(_GROUPS):
        if group["shown"] is not None:  # a group left empty is hidden
            assert f"({group['shown']})" in group["heading"], group


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def test_typing_in_the_filter_keeps_the_rows_that_say_it(front_page: Any) -> None:
    total = len(front_page.evaluate(_ROWS))
    for typed in ("cobalt", "Kivu", "formalización", "mineria"):  # accents or not
        front_page.get_by_label("Search").fill(typed)
        word = _folded(typed)
        rows = front_page.evaluate(_ROWS)
        shown = [row for row in rows if row["shown"]]
        assert 0 < len(shown) < total, typed
        assert all(word in row["text"] for row in shown), typed
        assert not any(word in row["text"] for row in rows if not row["shown"]), typed
        _check_counts(front_page, len(shown), total)
    front_page.get_by_label("Search").fill("")
    assert all(row["shown"] for row in front_page.evaluate(_ROWS))


@pytest.mark.parametrize(
    ("field", "label"),
    [("topics", "Topic"), ("countries", "Country"), ("languages", "Language"),
     ("partners", "Partner")],
)  # fmt: skip
def test_each_choice_in_the_filter_keeps_the_rows_of_its_page(
    front_page: Any, field: str, label: str
) -> None:
    """Every choice offered matches some rows: exactly those showing its chip."""
    total = len(front_page.evaluate(_ROWS))
    choice = front_page.get_by_label(label, exact=True)
    values = [value for value in choice.locator("option").evaluate_all(
        "options => options.map(o => o.value)") if value]  # fmt: skip
    assert values, f"the {label} filter offers no choice"
    for value in values:
        choice.select_option(value)
        rows = front_page.evaluate(_ROWS)
        paths = tuple(path.format(value.lower()) for path in _FACET_PATHS[field])
        marked = [
            row["shown"] for row in rows if any(link.endswith(paths) for link in row["links"])
        ]
        assert 0 < sum(row["shown"] for row in rows) <= total, value
        assert all(marked) and len(marked) == sum(row["shown"] for row in rows), value
        _check_counts(front_page, len(marked), total)
    choice.select_option("")
    assert all(row["shown"] for row in front_page.evaluate(_ROWS))


# --- the sources page's rows on a phone ----------------------------------------------

#: Each cell of the sources table as a phone shows it: the label the stylesheet puts
#: before it (its column's name), then its own text.
_PHONE_CELLS = """
() => [...document.querySelectorAll('tbody tr')].map(row => [...row.querySelectorAll('td')]
  .map(td => {
    const before = getComputedStyle(td, '::before').content;
    return [before === 'none' ? '' : JSON.parse(before), td.innerText];
  }))
"""


@pytest.mark.parametrize(
    ("name", "read_from", "last_poll"),
    [
        ("sources", ("Feed: http://", "Page: http://"), "Last successful poll: "),
        ("sources-fr", ("Flux\u202f: http://", "Page\u202f: http://"),
         "Dernière interrogation réussie\u202f: "),
        ("sources-es", ("Feed: http://", "Página: http://"), "Última consulta correcta: "),
    ],
)  # fmt: skip
def test_a_sources_row_on_a_phone_names_each_cell_once(
    browser: Any, visitor: Visitor, name: str, read_from: tuple[str, ...], last_poll: str
) -> None:
    """On a phone the column names come before the cells ('Lue depuis : Flux : …' named
    the address twice): a cell that says what it is gets no second label."""
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(visitor.page_url(name), wait_until="load")
        rows = page.evaluate(_PHONE_CELLS)
    finally:
        context.close()
    assert rows
    for (label, address), (poll_label, _poll), *_others in rows:
        assert label == "" and address.startswith(read_from), address
        assert poll_label == last_poll
    labelled = [label + text for row in rows for label, text in row if label]
    assert [text for text in labelled if text.count(": ") > 1] == []
