"""Page sources end to end, against a real local server: runs, redesigns, floods, and the
`add`, `preview` and `release` commands."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator import pipeline
from aggregator.cli import cli, format_summary
from aggregator.config import load_config
from aggregator.store import load_items

from .conftest import NOW, read

HTML = "text/html; charset=utf-8"
EN_SELECTORS = {"item": "div.views-row", "title": "h3", "date": ".date", "summary": ".teaser"}


class Partner:
    """One partner page whose content the test swaps between runs."""

    def __init__(self, server: HTTPServer, path: str, page: str) -> None:
        self.page = page
        self.url = server.url_for(path)
        server.expect_request(path).respond_with_handler(self.respond)

    def respond(self, request: Request) -> Response:
        return Response(read(f"pages/{self.page}"), content_type=HTML)


def run(config_path: Path, hours: int) -> tuple[pipeline.RunSummary, str]:
    config = load_config(config_path)
    summary = pipeline.run(config, now=NOW + timedelta(hours=hours), send_digest=False)
    return summary, format_summary(summary, config)


def published_titles(config_path: Path) -> set[str]:
    config = load_config(config_path)
    return {item.title for item in load_items(sqlite_utils.Database(config.database))}


# --- runs --------------------------------------------------------------------------------


def test_a_redesign_that_breaks_the_selectors_is_reported_and_loses_nothing(
    server: HTTPServer, write_config
) -> None:
    partner = Partner(server, "/en/calls", "calls_en.html")
    path = write_config(
        [{"name": "GLMP", "url": partner.url, "type": "page", "selectors": EN_SELECTORS}]
    )
    first, _ = run(path, 0)
    (status,) = first.statuses
    assert (status.outcome, status.found, status.new_items) == ("ok", 4, 4)
    before = published_titles(path)
    assert "Call for proposals: ASM gold traceability pilots" in before

    partner.page = "calls_en_redesigned.html"
    second, text = run(path, 1)
    (status,) = second.statuses
    assert status.outcome == "suspect"
    assert "selectors may be broken" in (status.warning or "")
    assert "1 suspect" in text
    assert "suspect  GLMP: found no items where the last polls found 4" in text
    db = sqlite_utils.Database(load_config(path).database)
    row = db["feeds"].get(partner.url)
    assert row["outcome"] == "suspect"
    assert "selectors may be broken" in row["warning"]
    assert published_titles(path) == before  # nothing removed, nothing unpublished

    third, _ = run(path, 2)  # the same broken page is read again, not skipped as unchanged
    assert third.statuses[0].outcome == "suspect"


def test_a_flood_of_new_links_is_held_back_until_released(server: HTTPServer, write_config) -> None:
    partner = Partner(server, "/en/calls", "calls_en.html")
    path = write_config(
        [{"name": "GLMP", "url": partner.url, "type": "page", "selectors": EN_SELECTORS}]
    )
    run(path, 0)
    assert len(published_titles(path)) == 4

    partner.page = "calls_en_new_links.html"  # every link changed: 8 items, all new
    flooded, text = run(path, 1)
    (status,) = flooded.statuses
    assert (status.outcome, status.found) == ("held", 8)
    assert "1 held back" in text
    assert 'aggregator release "GLMP"' in text
    assert len(published_titles(path)) == 4  # held back: not published yet
    db = sqlite_utils.Database(load_config(path).database)
    assert len(load_items(db, include_held=True)) == 12

    result = CliRunner().invoke(cli, ["release", "GLMP", "--config", str(path)])
    assert result.exit_code == 0, result.output
    assert "GLMP: 8 held-back items published" in result.output
    assert len(load_items(db)) == 12  # the 4 old items and the 8 released ones
    site = load_config(path).site
    written = " ".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
    assert "Mercury-free gold processing demonstration call" in written

    again = CliRunner().invoke(cli, ["release", "GLMP", "--config", str(path)])
    assert "GLMP: no held-back items" in again.output

    quiet, _ = run(path, 2)  # the new layout is now the usual one
    assert quiet.statuses[0].outcome in ("ok", "not_modified")


def rss(*slugs: str) -> bytes:
    items = "".join(
        f"<item><title>News about {slug} from the institute</title>"
        f"<link>https://cobalt.example.org/news/{slug}</link><guid>{slug}</guid></item>"
        for slug in slugs
    )
    return f'<rss version="2.0"><channel><title>Cobalt news</title>{items}</channel></rss>'.encode()


def test_a_page_without_selectors_that_advertises_a_feed_is_read_as_that_feed(
    server: HTTPServer, write_config
) -> None:
    feed = {"body": rss("one", "two")}
    server.expect_request("/news/").respond_with_data(
        read("pages/with_feed.html"), content_type=HTML
    )
    server.expect_request("/news/atom.xml").respond_with_handler(
        lambda request: Response(feed["body"], content_type="application/rss+xml")
    )
    path = write_config([{"name": "Cobalt", "url": server.url_for("/news/"), "type": "page"}])
    first, _ = run(path, 0)
    assert (first.statuses[0].outcome, first.statuses[0].found) == ("ok", 2)
    assert "News about one from the institute" in published_titles(path)

    # A busy week: every entry of the feed is new. A feed's entries keep their
    # ids across redesigns, so this is news, not a flood to hold back.
    feed["body"] = rss(*(f"week-{n}" for n in range(8)))
    second, _ = run(path, 1)
    assert (second.statuses[0].outcome, second.statuses[0].new_items) == ("ok", 8)
    assert "News about week-7 from the institute" in published_titles(path)


def test_a_page_whose_feed_changes_while_the_page_does_not_still_gets_new_entries(
    server: HTTPServer, write_config
) -> None:
    page_date = "Mon, 01 Mar 2027 09:00:00 GMT"

    def page(request: Request) -> Response:
        if request.headers.get("If-Modified-Since") or request.headers.get("If-None-Match"):
            return Response(status=304)  # the page itself never changes
        return Response(
            read("pages/with_feed.html"), content_type=HTML, headers={"Last-Modified": page_date}
        )

    feed = {"body": rss("one"), "etag": '"feed-v1"'}
    server.expect_request("/home").respond_with_handler(page)
    server.expect_request("/news/atom.xml").respond_with_handler(
        lambda request: Response(
            feed["body"],
            content_type="application/rss+xml",
            headers={"ETag": feed["etag"], "Last-Modified": "Tue, 09 Mar 2027 10:00:00 GMT"},
        )
    )
    path = write_config([{"name": "Cobalt", "url": server.url_for("/home"), "type": "page"}])
    first, text = run(path, 0)
    assert first.statuses[0].outcome == "ok"
    assert "the page advertises a feed" in text

    feed.update(body=rss("one", "two"), etag='"feed-v2"')
    second, _ = run(path, 1)
    assert (second.statuses[0].outcome, second.statuses[0].new_items) == ("ok", 1)
    assert "News about two from the institute" in published_titles(path)


def test_a_resolved_feed_is_polled_directly_with_its_own_validators(
    server: HTTPServer, write_config
) -> None:
    """First run: the page, then its feed. Later runs: one conditional GET of the
    feed, answered 304 while it is unchanged."""
    etag = '"feed-v1"'

    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        return Response(rss("one"), content_type="application/rss+xml", headers={"ETag": etag})

    server.expect_request("/home").respond_with_data(
        read("pages/with_feed.html"), content_type=HTML
    )
    server.expect_request("/news/atom.xml").respond_with_handler(feed)
    path = write_config([{"name": "Cobalt", "url": server.url_for("/home"), "type": "page"}])

    first, _ = run(path, 0)
    assert first.statuses[0].outcome == "ok"
    assert [request.path for request, _ in server.log] == ["/home", "/news/atom.xml"]

    server.log.clear()
    second, _ = run(path, 1)
    assert second.statuses[0].outcome == "not_modified"
    ((request, response),) = server.log
    assert (request.path, request.headers.get("If-None-Match"), response.status_code) == (
        "/news/atom.xml",
        etag,
        304,
    )
    database = sqlite_utils.Database(load_config(path).database)
    row = database.execute("select resolved_feed, etag from feeds").fetchone()
    assert row == (server.url_for("/news/atom.xml"), etag)


def test_a_resolved_feed_that_goes_away_sends_the_run_back_to_the_page(
    server: HTTPServer, write_config
) -> None:
    page = {"body": read("pages/with_feed.html")}
    feed = {"status": 200}
    server.expect_request("/home").respond_with_handler(
        lambda request: Response(page["body"], content_type=HTML)
    )
    server.expect_request("/news/atom.xml").respond_with_handler(
        lambda request: Response(
            rss("one"), status=feed["status"], content_type="application/rss+xml"
        )
    )
    path = write_config([{"name": "Cobalt", "url": server.url_for("/home"), "type": "page"}])
    run(path, 0)

    # the partner drops its feed and lists its news on the page itself
    feed["status"] = 404
    page["body"] = read("pages/calls_en.html")
    server.log.clear()
    second, _ = run(path, 1)
    assert second.statuses[0].outcome == "ok"
    assert [request.path for request, _ in server.log] == ["/news/atom.xml", "/home"]
    database = sqlite_utils.Database(load_config(path).database)
    assert database.execute("select resolved_feed from feeds").fetchone() == (None,)


def test_a_page_in_automatic_mode_ignores_its_navigation(server: HTTPServer, write_config) -> None:
    server.expect_request("/updates").respond_with_data(
        read("pages/auto_noise.html"), content_type=HTML
    )
    path = write_config([{"name": "Forum", "url": server.url_for("/updates"), "type": "page"}])
    summary, _ = run(path, 0)
    assert summary.statuses[0].found == 4
    assert published_titles(path) == {
        "OECD Forum on Responsible Mineral Supply Chains 2027",
        "New guidance for gold refiners sourcing from ASM",
        "Great Lakes Region 3TG baseline report published",
        "Call for proposals: cooperatives in eastern DRC",
    }


# --- aggregator add / preview -----------------------------------------------------------

FEEDS_YAML = """\
# Clearinghouse configuration for the tests. This comment must survive.
title: Test Clearinghouse     # shown on the site
description: 'Calls and news for tests'
site_url: https://clearinghouse.example.org/
database: test.db
site: site
fetch: {workers: 0, read_timeout: 1, total_timeout: 3}

feeds:
  # Partners with a feed
  - name: EPRM            # European Partnership for Responsible Minerals
    url: "https://eprm.example.org/feed.xml"
"""


@pytest.fixture
def feeds_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS_YAML)
    return path


def add(feeds_yaml: Path, *args: str, answer: str | None = None):
    return CliRunner().invoke(cli, ["add", *args, "--config", str(feeds_yaml)], input=answer)


def test_add_a_feed(server: HTTPServer, feeds_yaml: Path) -> None:
    server.expect_request("/ipis.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="application/rss+xml"
    )
    url = server.url_for("/ipis.xml")
    result = add(feeds_yaml, url, "--name", "IPIS", "--yes")
    assert result.exit_code == 0, result.output
    assert "Feed: European Partnership for Responsible Minerals" in result.output
    assert f"Added 'IPIS' to {feeds_yaml}" in result.output
    assert feeds_yaml.read_text() == FEEDS_YAML + f"  - name: IPIS\n    url: {url}\n"


def test_add_a_feed_that_moved_permanently_adds_its_new_address(
    server: HTTPServer, feeds_yaml: Path
) -> None:
    server.expect_request("/old.xml").respond_with_data(
        "", status=301, headers={"Location": server.url_for("/new.xml")}
    )
    server.expect_request("/new.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="application/rss+xml"
    )
    result = add(feeds_yaml, server.url_for("/old.xml"), "--name", "Moved", "--yes")
    assert result.exit_code == 0, result.output
    assert load_config(feeds_yaml).sources[-1].url == server.url_for("/new.xml")


def test_add_a_page_that_advertises_a_feed_adds_the_feed(
    server: HTTPServer, feeds_yaml: Path
) -> None:
    server.expect_request("/news/").respond_with_data(
        read("pages/with_feed.html"), content_type=HTML
    )
    server.expect_request("/news/atom.xml").respond_with_data(
        read("feeds/atom.xml"), content_type="application/atom+xml"
    )
    result = add(feeds_yaml, server.url_for("/news/"), "--yes")
    assert result.exit_code == 0, result.output
    assert f"It advertises a feed: {server.url_for('/news/atom.xml')}" in result.output
    added = load_config(feeds_yaml).sources[-1]
    assert (added.name, added.url, added.type) == (
        "Alliance pour une mine responsable",  # the feed's own title
        server.url_for("/news/atom.xml"),
        "feed",
    )


def test_add_a_page_shows_the_items_then_writes_the_selectors(
    server: HTTPServer, feeds_yaml: Path
) -> None:
    server.expect_request("/fr/appels").respond_with_data(
        read("pages/appels_fr.html"), content_type=HTML
    )
    url = server.url_for("/fr/appels")
    result = add(feeds_yaml, url, "--name", "Observatoire", answer="y\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "No feed: proposed selectors." in out
    assert "    item: article.call" in out
    assert "Items these selectors extract now (3):" in out
    assert "2027-07-15  Appel à propositions : traçabilité de l'étain au Sud-Kivu" in out
    assert server.url_for("/fr/appels/etain-tracabilite.html") in out
    text = feeds_yaml.read_text()
    assert text.startswith(FEEDS_YAML)  # every comment and quote kept
    assert text[len(FEEDS_YAML) :] == (
        "  - name: Observatoire\n"
        f"    url: {url}\n"
        "    type: page\n"
        "    language: fr\n"
        "    selectors:\n"
        "      item: article.call\n"
        "      date: span.date\n"
        "      summary: p.resume\n"
    )

    preview = CliRunner().invoke(cli, ["preview", "Observatoire", "--config", str(feeds_yaml)])
    assert preview.exit_code == 0, preview.output
    assert "Observatoire: 3 items" in preview.output
    assert "2027-07-01  call   Appel à manifestation d'intérêt : or artisanal responsable" in (
        preview.output
    )


def test_add_asks_first_and_a_no_writes_nothing(server: HTTPServer, feeds_yaml: Path) -> None:
    server.expect_request("/calls").respond_with_data(
        read("pages/calls_en.html"), content_type=HTML
    )
    result = add(feeds_yaml, server.url_for("/calls"), answer="n\n")
    assert result.exit_code == 0, result.output
    assert "Nothing added." in result.output
    assert feeds_yaml.read_text() == FEEDS_YAML


def test_add_refuses_a_feed_already_in_the_file(server: HTTPServer, feeds_yaml: Path) -> None:
    server.expect_request("/eprm.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="application/rss+xml"
    )
    first = add(feeds_yaml, server.url_for("/eprm.xml"), "--name", "EPRM mirror", "--yes")
    assert first.exit_code == 0, first.output
    once = feeds_yaml.read_text()
    again = add(feeds_yaml, server.url_for("/eprm.xml"), "--name", "Another", "--yes")
    assert again.exit_code == 2
    assert "is already in the file as 'EPRM mirror'" in again.output
    same_name = add(feeds_yaml, server.url_for("/eprm.xml") + "?v=2", "--name", "eprm", "--yes")
    assert same_name.exit_code == 2
    assert "the name 'eprm' is already used" in same_name.output
    assert feeds_yaml.read_text() == once
    assert "Traceback" not in again.output + same_name.output


def test_add_refuses_a_url_already_in_the_file_before_fetching_it(feeds_yaml: Path) -> None:
    result = add(feeds_yaml, "http://www.eprm.example.org/feed.xml/", "--yes")  # not reachable
    assert result.exit_code == 2
    assert "feeds.yaml:11: http://www.eprm.example.org/feed.xml/ is already in the file" in (
        result.output
    )
    assert "as 'EPRM'" in result.output


@pytest.mark.parametrize(
    ("path", "body", "message"),
    [
        ("/empty", b"<html><body><p>Nothing here.</p></body></html>", "no repeated list of items"),
        ("/missing", None, "could not fetch http://127.0.0.1:"),
    ],
)
def test_add_explains_what_it_cannot_add(
    server: HTTPServer, feeds_yaml: Path, path: str, body: bytes | None, message: str
) -> None:
    if body is None:
        server.expect_request(path).respond_with_data("gone fishing", status=404)
    else:
        server.expect_request(path).respond_with_data(body, content_type=HTML)
    result = add(feeds_yaml, server.url_for(path), "--yes")
    assert result.exit_code == 1
    assert message in result.output
    assert feeds_yaml.read_text() == FEEDS_YAML


def test_preview_a_url_not_in_the_file_stores_nothing(server: HTTPServer, feeds_yaml: Path) -> None:
    server.expect_request("/es").respond_with_data(
        read("pages/convocatorias_es.html"), content_type=HTML
    )
    result = CliRunner().invoke(
        cli, ["preview", server.url_for("/es"), "--config", str(feeds_yaml)]
    )
    assert result.exit_code == 0, result.output
    assert "3 items" in result.output
    assert "2027-08-01" in result.output
    assert "https://red.example.net/es/convocatorias/oro-artesanal" in result.output
    assert not (feeds_yaml.parent / "test.db").exists()


def test_preview_an_unknown_name_is_an_error(feeds_yaml: Path) -> None:
    result = CliRunner().invoke(cli, ["preview", "Nobody", "--config", str(feeds_yaml)])
    assert result.exit_code == 1
    assert "no source named 'Nobody'" in result.output


def test_a_call_on_a_page_and_in_another_partners_feed_is_one_item_with_two_sources(
    server: HTTPServer, write_config
) -> None:
    partner = Partner(server, "/en/calls", "calls_en.html")
    feed = read("feeds/rss2.xml").replace(
        b"https://eprm.example.org/calls/2027-tin-sourcing/",
        b"http://www.partner.example.org/en/calls/3tg-smelter-audits?utm_source=rss",
    )
    server.expect_request("/feed.xml").respond_with_data(feed, content_type="text/xml")
    path = write_config(
        [
            {"name": "GLMP", "url": partner.url, "type": "page", "selectors": EN_SELECTORS},
            {"name": "EPRM", "url": server.url_for("/feed.xml")},
        ]
    )
    run(path, 0)
    items = load_items(sqlite_utils.Database(load_config(path).database))
    (audit,) = [
        i for i in items if i.url == "https://partner.example.org/en/calls/3tg-smelter-audits"
    ]
    assert set(audit.partner_names) == {"GLMP", "EPRM"}


DEADLINE_LINES = """<!doctype html><html lang="fr"><head><title>Appels</title></head><body><main>
<h1>Appels en cours</h1>
<article class="appel"><h3><a href="/appels/cobalt">Appel à propositions : cobalt artisanal</a></h3>
  <time datetime="2027-02-01">1 février 2027</time><p>Date limite : 10 avril 2027.</p></article>
<article class="appel">
  <h3><a href="/appels/etain">Appel à propositions : traçabilité de l'étain</a></h3>
  <time datetime="2027-01-15">15 janvier 2027</time><p>Date limite : 20 mai 2027.</p></article>
<article class="appel"><h3><a href="/appels/or">Appel à propositions : or sans mercure</a></h3>
  <time datetime="2026-12-01">1 décembre 2026</time><p>Date limite : 1 mars 2027.</p></article>
</main></body></html>"""


@pytest.mark.parametrize("selectors", [None, {"item": "article.appel", "date": "time"}])
def test_a_deadline_line_beside_each_call_is_read(
    server: HTTPServer, write_config, selectors: dict[str, str] | None
) -> None:
    """Whether or not a summary selector holds it, the listing's deadline line counts."""
    server.expect_request("/appels").respond_with_data(DEADLINE_LINES, content_type=HTML)
    entry = {"name": "Observatoire", "url": server.url_for("/appels"), "type": "page"}
    path = write_config([entry | ({"selectors": selectors} if selectors else {})])
    run(path, 0)
    config = load_config(path)
    items = {item.title: item for item in load_items(sqlite_utils.Database(config.database))}
    assert {title: str(item.deadline) for title, item in items.items()} == {
        "Appel à propositions : cobalt artisanal": "2027-04-10",
        "Appel à propositions : traçabilité de l'étain": "2027-05-20",
        "Appel à propositions : or sans mercure": "2027-03-01",
    }
    page = (config.site / "index.html").read_text()
    open_calls = page.split("Archive")[0]
    assert "or sans mercure" not in open_calls  # closed on 1 March, before this run


def test_what_else_a_listing_says_is_read_but_not_shown(server: HTTPServer, write_config) -> None:
    page = DEADLINE_LINES.replace("</p></article>", "</p><span>3 comments</span></article>")
    later = page.replace("3 comments", "4 comments")
    pages = [page, later]
    server.expect_request("/appels").respond_with_handler(
        lambda request: Response(pages[0], content_type=HTML)
    )
    path = write_config([{"name": "Obs", "url": server.url_for("/appels"), "type": "page"}])
    run(path, 0)
    pages.pop(0)
    second, _ = run(path, 1)
    (status,) = second.statuses
    assert status.updated_items == 0  # a comment counter is not an edit
    config = load_config(path)
    items = load_items(sqlite_utils.Database(config.database))
    assert all("comments" not in item.summary for item in items)
    assert {str(item.deadline) for item in items} == {"2027-04-10", "2027-05-20", "2027-03-01"}
