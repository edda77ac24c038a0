"""Two hourly runs against a real local server: what the database and the site hold after each."""

from __future__ import annotations

import functools
import gzip
import json
import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import feedparser
import pytest
import sqlite_utils
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from aggregator import pipeline, runtime
from aggregator.config import load_config
from aggregator.types import RunSummary

from .conftest import NOW, read, through

XML = "application/rss+xml; charset=utf-8"


class Partners:
    """The partner sites of the scenario, served by one real HTTP server."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.requests: dict[str, list[dict[str, str]]] = {}
        self.edited_version = 1

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def log(self, request: Request) -> None:
        self.requests.setdefault(request.path, []).append(dict(request.headers))

    def serve(self) -> None:
        s = self.server
        s.expect_request("/rss2.xml").respond_with_handler(self._conditional)
        for path, name in [
            ("/atom.xml", "feeds/atom.xml"),
            ("/cp1252.xml", "feeds/cp1252.xml"),
            ("/relative.xml", "feeds/relative.xml"),
            ("/dup.xml", "feeds/dup_guids.xml"),
            ("/repost.xml", "feeds/repost_utm.xml"),
            ("/rss1.xml", "feeds/rss1.xml"),
            ("/entities.xml", "feeds/entities.xml"),
        ]:
            s.expect_request(path).respond_with_handler(self._static(path, read(name)))
        s.expect_request("/edited.xml").respond_with_handler(self._edited)
        s.expect_request("/gone.xml").respond_with_handler(self._status(410, "Gone"))
        s.expect_request("/old-ipis.xml").respond_with_handler(self._moved)
        s.expect_request("/busy.xml").respond_with_handler(self._busy)
        s.expect_request("/slow.xml").respond_with_handler(self._slow)
        s.expect_request("/notafeed.html").respond_with_handler(
            self._static("/notafeed.html", read("feeds/notafeed.html"), "text/html")
        )
        s.expect_request("/huge.xml").respond_with_handler(self._huge)
        s.expect_request("/bomb.xml").respond_with_handler(self._bomb)

    def _static(self, path: str, body: bytes, content_type: str = "text/xml"):
        def handler(request: Request) -> Response:
            self.log(request)
            return Response(body, content_type=content_type)

        return handler

    def _conditional(self, request: Request) -> Response:
        self.log(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(
            read("feeds/rss2.xml"),
            content_type=XML,
            headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Mar 2027 09:00:00 GMT"},
        )

    def _edited(self, request: Request) -> Response:
        self.log(request)
        return Response(read(f"feeds/edited_v{self.edited_version}.xml"), content_type=XML)

    def _status(self, code: int, text: str):
        def handler(request: Request) -> Response:
            self.log(request)
            return Response(text, status=code)

        return handler

    def _moved(self, request: Request) -> Response:
        self.log(request)
        return Response(status=301, headers={"Location": self.url("/rss1.xml")})

    def _busy(self, request: Request) -> Response:
        self.log(request)
        return Response("slow down", status=429, headers={"Retry-After": "7200"})

    def _slow(self, request: Request) -> Response:
        self.log(request)
        time.sleep(2.5)
        return Response(read("feeds/rss1.xml"), content_type=XML)

    def _huge(self, request: Request) -> Response:
        self.log(request)
        filler = "<item><title>x</title><description>" + "y" * 1000 + "</description></item>"
        body = "<rss version='2.0'><channel><title>big</title>" + filler * 200 + "</channel></rss>"
        return Response(body, content_type=XML)

    def _bomb(self, request: Request) -> Response:
        self.log(request)
        return Response(_bomb(), content_type=XML, headers={"Content-Encoding": "gzip"})


@functools.cache
def _bomb() -> bytes:
    """50 MB of XML in about 50 kB of gzip (made once, so the server answers at once)."""
    return gzip.compress(b"<rss>" + b" " * 50_000_000, compresslevel=9)


FEEDS = [
    ("EPRM", "/rss2.xml", {"tags": ["eprm"]}),
    ("ARM", "/atom.xml", {}),
    ("Convocatorias", "/cp1252.xml", {"language": "es"}),
    ("Fair Cobalt Alliance", "/relative.xml", {}),
    ("Duplicates", "/dup.xml", {}),
    ("RMI", "/edited.xml", {}),
    ("PPA", "/repost.xml", {}),
    ("Gone partner", "/gone.xml", {}),
    ("IPIS", "/old-ipis.xml", {}),
    ("Busy partner", "/busy.xml", {}),
    ("Slow partner", "/slow.xml", {}),
    ("Broken partner", "/notafeed.html", {}),
    ("Huge partner", "/huge.xml", {}),
    ("Bomb partner", "/bomb.xml", {}),
    ("Entity partner", "/entities.xml", {}),
]


@pytest.fixture
def scenario(server: HTTPServer, write_config):
    _bomb()  # compressed before the run: on a loaded machine it takes longer than read_timeout
    partners = Partners(server)
    partners.serve()
    feeds = [{"name": name, "url": partners.url(path), **extra} for name, path, extra in FEEDS]
    path = write_config(
        feeds,
        fetch={"workers": 2, "read_timeout": 1, "total_timeout": 3, "max_bytes": 65536},
    )
    return partners, load_config(path)


def by_name(summary: RunSummary) -> dict[str, object]:
    return {status.name: status for status in summary.statuses}


def item_titles(db: sqlite_utils.Database) -> set[str]:
    return {row["title"] for row in db["items"].rows}


def test_two_runs(scenario) -> None:
    partners, config = scenario
    first = pipeline.run(config, now=NOW)
    status = by_name(first)

    # one failing partner never stops the others
    assert {s.name for s in first.statuses if s.outcome == "ok"} == {
        "EPRM",
        "ARM",
        "Convocatorias",
        "Fair Cobalt Alliance",
        "Duplicates",
        "RMI",
        "PPA",
        "IPIS",
    }
    assert status["Gone partner"].outcome == "gone"
    assert "410" in status["Gone partner"].error
    assert status["Busy partner"].outcome == "failed"
    assert (
        "429" in status["Busy partner"].error and "retry after 7200" in status["Busy partner"].error
    )
    assert "timed out" in status["Slow partner"].error
    assert "HTML page, not a feed" in status["Broken partner"].error
    assert "larger than" in status["Huge partner"].error
    assert "larger than" in status["Bomb partner"].error
    assert "entities" in status["Entity partner"].error
    assert status["IPIS"].moved_to == partners.url("/rss1.xml")

    db = sqlite_utils.Database(config.database)
    titles = item_titles(db)
    # windows-1252 decoded, HTML title reduced to text
    assert "Convocatoria: minería artesanal y pequeña minería – fecha límite" in titles
    assert "Appel à propositions : orpaillage et mercure" in titles
    # duplicate guids: one item per guid
    assert sum("Gold refiners update" in t for t in titles) == 1
    assert "Second distinct item" in titles

    # the call re-posted by PPA with utm_ parameters is one item with two sources
    rows = list(
        db.query(
            "select i.id, count(*) n from items i join item_sources s on s.item_id = i.id "
            "where i.url = 'https://eprm.example.org/calls/2027-tin-sourcing' group by i.id"
        )
    )
    assert len(rows) == 1 and rows[0]["n"] == 2

    # relative links made absolute; HTML sanitised before it was stored
    fca = next(db.query("select * from items where title like 'Request for expressions%'"))
    assert fca["link"] == partners.url("/news/eoi-cobalt-assessments")
    assert f'href="{partners.url("/docs/terms.pdf")}"' in fca["summary"]
    summaries = " ".join(row["summary"] for row in db["items"].rows)
    for hostile in ("<script", "onmouseover", "javascript:", "steal()"):
        assert hostile not in summaries

    # the outputs
    site = config.site
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo
    assert len(feed.entries) == db["items"].count
    assert feed.entries[0].title  # newest first, each with a title
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    feed_json = json.loads((site / "feed.json").read_text())
    assert feed_json["version"] == "https://jsonfeed.org/version/1.1"
    shared = [
        i
        for i in feed_json["items"]
        if i["title"].startswith("Call for proposals: responsible tin")
    ]
    assert len(shared) == 1
    assert {s["name"] for s in shared[0]["_clearinghouse"]["sources"]} == {"EPRM", "PPA"}
    index = (site / "index.html").read_text()
    assert "Call for proposals: responsible tin sourcing" in index and "<script>alert" not in index

    # second run, an hour later: conditional GET, an edit, the gone feed left alone
    partners.edited_version = 2
    second = pipeline.run(config, now=NOW + timedelta(hours=1))
    status = by_name(second)
    assert partners.requests["/rss2.xml"][-1].get("If-None-Match") == '"v1"'
    assert partners.requests["/rss2.xml"][-1].get("If-Modified-Since") == (
        "Mon, 01 Mar 2027 09:00:00 GMT"
    )
    assert status["EPRM"].outcome == "not_modified"
    # no validators, same bytes: not parsed again
    assert status["ARM"].outcome == "not_modified"
    assert len(partners.requests["/gone.xml"]) == 1
    assert status["Gone partner"].outcome == "gone"
    # Retry-After of two hours honoured: not polled an hour later
    assert len(partners.requests["/busy.xml"]) == 1
    assert status["Busy partner"].outcome == "skipped"

    assert status["RMI"].updated_items == 1 and status["RMI"].new_items == 0
    rmi = list(db.query("select * from items where url like '%abstracts-2027'"))
    assert len(rmi) == 1
    assert rmi[0]["title"].endswith("(deadline extended)")
    assert rmi[0]["deadline"] == "2027-05-31"
    assert second.new_items == 0

    history = db["fetches"].count_where("feed_url = ?", [partners.url("/rss2.xml")])
    assert history == 2

    # the outputs follow the edit, without a duplicate
    feed = feedparser.parse((config.site / "feed.xml").read_bytes())
    rmi_entries = [e for e in feed.entries if "abstracts" in e.link]
    assert [e.title for e in rmi_entries] == [rmi[0]["title"]]
    assert len(feed.entries) == db["items"].count
    assert rmi[0]["title"] in (config.site / "index.html").read_text()
    feed_json = json.loads((config.site / "feed.json").read_text())
    (rmi_json,) = [i for i in feed_json["items"] if "abstracts" in i["url"]]
    assert rmi_json["_clearinghouse"]["deadline"] == "2027-05-31"


def test_requests_name_the_project_and_its_site(scenario) -> None:
    partners, config = scenario
    pipeline.run(config, now=NOW)
    agent = partners.requests["/rss2.xml"][0]["User-Agent"]
    assert agent.startswith("ResponsibleMineralsClearinghouse/")
    assert "+https://clearinghouse.example.org/" in agent


def test_items_never_deleted_when_they_leave_a_feed(server: HTTPServer, write_config) -> None:
    server.expect_ordered_request("/feed.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type=XML
    )
    server.expect_ordered_request("/feed.xml").respond_with_data(
        read("feeds/rss1.xml"), content_type=XML
    )
    config = load_config(write_config([{"name": "P", "url": server.url_for("/feed.xml")}]))
    pipeline.run(config, now=NOW)
    pipeline.run(config, now=NOW + timedelta(hours=1))
    db = sqlite_utils.Database(config.database)
    assert db["items"].count == 3


def test_second_run_while_one_is_running_exits_at_once(write_config, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from aggregator.cli import cli

    path = write_config([{"name": "P", "url": "http://127.0.0.1:9/feed.xml"}])
    config = load_config(path)
    with runtime.run_lock(config.database):
        started = time.monotonic()
        result = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert f"another 'aggregator run' (pid {os.getpid()}) is in progress" in result.output


def test_a_malformed_link_loses_only_that_item(server: HTTPServer, write_config) -> None:
    body = read("feeds/rss2.xml").replace(
        b"https://eprm.example.org/news/annual-report-2026", b"http://eprm.example.org:99999/x"
    )
    server.expect_request("/feed.xml").respond_with_data(body, content_type=XML)
    server.expect_request("/other.xml").respond_with_data(read("feeds/rss1.xml"), content_type=XML)
    config = load_config(
        write_config(
            [
                {"name": "P", "url": server.url_for("/feed.xml")},
                {"name": "Q", "url": server.url_for("/other.xml")},
            ]
        )
    )
    summary = pipeline.run(config, now=NOW)
    assert [s.outcome for s in summary.statuses] == ["ok", "ok"]
    titles = item_titles(sqlite_utils.Database(config.database))
    assert "Call for proposals: responsible tin sourcing in the Great Lakes Region" in titles
    assert "EPRM annual report published" in titles  # kept, without the broken link
    assert (config.site / "feed.xml").exists()


def test_the_site_is_only_rewritten_when_something_it_shows_changed(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/feed.xml").respond_with_data(read("feeds/rss2.xml"), content_type=XML)
    config = load_config(write_config([{"name": "P", "url": server.url_for("/feed.xml")}]))
    index = config.site / "index.html"

    def written_at(path: Path) -> int:
        return path.stat().st_mtime_ns

    pipeline.run(config, now=NOW)
    # sources.html and sources.opml say when each source last worked: written every run
    every = sorted(p for p in config.site.rglob("*") if p.is_file() and p.stem != "sources")
    first = {path: written_at(path) for path in every}
    assert config.site / "fr" / "index.html" in first and config.site / "es" / "calls.xml" in first
    pipeline.run(config, now=NOW + timedelta(hours=1))  # same items, same day
    assert {path: written_at(path) for path in every} == first  # no language rewritten

    (config.site / "feed.json").unlink()  # an output went missing
    (config.site / "es" / "calls.xml").unlink()  # in a language's folder too
    pipeline.run(config, now=NOW + timedelta(hours=2))
    assert (config.site / "feed.json").exists() and (config.site / "es" / "calls.xml").exists()

    before = written_at(index)
    pipeline.run(config, now=NOW + timedelta(days=1))  # "closes in N days" moved on
    assert written_at(index) != before
    assert "closes in 111 days" in index.read_text()  # 30 June 2027 from 11 March
    assert "clôture dans 111 jours" in (config.site / "fr" / "index.html").read_text()


def test_the_site_names_a_partner_that_reposts_an_item_already_shown(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/eprm.xml").respond_with_data(read("feeds/rss2.xml"), content_type=XML)
    ppa = iter([read("feeds/rss1.xml"), read("feeds/repost_utm.xml")])
    server.expect_request("/ppa.xml").respond_with_handler(
        lambda request: Response(next(ppa), content_type=XML)
    )
    config = load_config(
        write_config(
            [
                {"name": "EPRM", "url": server.url_for("/eprm.xml")},
                {"name": "Public-Private Alliance", "url": server.url_for("/ppa.xml")},
            ]
        )
    )
    pipeline.run(config, now=NOW)
    feed = json.loads((config.site / "feed.json").read_text())
    (call,) = [i for i in feed["items"] if "tin sourcing" in i["title"]]
    assert [s["name"] for s in call["_clearinghouse"]["sources"]] == ["EPRM"]

    pipeline.run(config, now=NOW + timedelta(hours=1))  # PPA now re-posts it: no new item
    feed = json.loads((config.site / "feed.json").read_text())
    (call,) = [i for i in feed["items"] if "tin sourcing" in i["title"]]
    assert {s["name"] for s in call["_clearinghouse"]["sources"]} == {
        "EPRM",
        "Public-Private Alliance",
    }


def test_progress_is_reported_as_each_partner_finishes(server: HTTPServer, write_config) -> None:
    """The progress bar moves while a slow partner is still answering."""
    slow_answered: list[float] = []

    def slow(request: Request) -> Response:
        time.sleep(1.5)
        slow_answered.append(time.monotonic())
        return Response(read("feeds/rss1.xml"), content_type=XML)

    server.expect_request("/slow.xml").respond_with_handler(slow)
    server.expect_request("/fast.xml").respond_with_data(read("feeds/rss2.xml"), content_type=XML)
    server.expect_request("/gone.xml").respond_with_data("Gone", status=410)
    config = load_config(
        write_config(
            [
                {"name": "Slow", "url": server.url_for("/slow.xml")},
                {"name": "Fast", "url": server.url_for("/fast.xml")},
                {"name": "Gone", "url": server.url_for("/gone.xml")},
            ],
            fetch={"workers": 0, "read_timeout": 5, "total_timeout": 10},
        )
    )
    reported: dict[str, float] = {}
    pipeline.run(
        config,
        now=NOW,
        progress=lambda status: reported.setdefault(status.name, time.monotonic()),
    )
    (answered,) = slow_answered
    assert reported["Fast"] < answered and reported["Gone"] < answered
    assert reported["Slow"] > answered


def test_a_failing_progress_display_stops_the_run_with_its_error(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/fast.xml").respond_with_data(read("feeds/rss2.xml"), content_type=XML)
    config = load_config(write_config([{"name": "Fast", "url": server.url_for("/fast.xml")}]))

    def broken(status: object) -> None:
        raise RuntimeError("display gone")

    with pytest.raises(RuntimeError, match="display gone"):
        pipeline.run(config, now=NOW, progress=broken)


def test_an_absurd_deadline_is_ignored_and_the_site_still_written(
    server: HTTPServer, write_config
) -> None:
    body = read("feeds/rss2.xml").replace(b"30 June 2027.", b"31 December 9999.")
    server.expect_request("/feed.xml").respond_with_data(body, content_type=XML)
    config = load_config(write_config([{"name": "P", "url": server.url_for("/feed.xml")}]))
    pipeline.run(config, now=NOW)
    db = sqlite_utils.Database(config.database)
    assert [row["deadline"] for row in db["items"].rows] == [None, None]
    assert "9999" not in (config.site / "deadlines.ics").read_text()
    assert (config.site / "index.html").is_file()


def _one_item_feed(title: str, link: str, guid: str, text: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Partner</title><link>https://partner.example.org/</link>"
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        f"<description>{text}</description>"
        "<pubDate>Mon, 01 Mar 2027 09:00:00 +0000</pubDate></item></channel></rss>"
    ).encode()


def test_only_the_partner_that_published_an_item_can_edit_it(
    server: HTTPServer, write_config
) -> None:
    call = "https://eprm.example.org/calls/cobalt-pilots"
    first = _one_item_feed(
        "Call for proposals: cobalt pilots", call, "c1", "Applications close 30 June 2027."
    )
    repost = _one_item_feed(
        "Call for proposals: cobalt pilots",
        "http://www.eprm.example.org/calls/cobalt-pilots/?utm_source=x",
        "h1",
        "Applications close 30 June 2027.",
    )
    hijack = _one_item_feed(
        "CANCELLED - see the new portal", "https://phish.example/login", "h1", "Nothing."
    )
    edited = _one_item_feed(
        "Call for proposals: cobalt pilots (extended)",
        call,
        "c1",
        "Applications close 15 July 2027.",
    )
    for body in (first, edited):
        server.expect_ordered_request("/eprm.xml").respond_with_data(body, content_type=XML)
        server.expect_ordered_request("/other.xml").respond_with_data(
            repost if body is first else hijack, content_type=XML
        )
    config = load_config(
        write_config(
            [
                {"name": "EPRM", "url": server.url_for("/eprm.xml")},
                {"name": "Other", "url": server.url_for("/other.xml")},
            ],
            fetch={"workers": 0, "per_host": 1, "read_timeout": 1, "total_timeout": 3},
        )
    )
    pipeline.run(config, now=NOW)
    second = pipeline.run(config, now=NOW + timedelta(hours=1))
    db = sqlite_utils.Database(config.database)
    items = {row["link"]: row for row in db["items"].rows}
    # the partner's own edit applies; the re-poster's change did not touch it
    assert items[call]["title"] == "Call for proposals: cobalt pilots (extended)"
    assert (items[call]["kind"], items[call]["deadline"]) == ("call", "2027-07-15")
    assert sum(status.updated_items for status in second.statuses) == 1
    # the re-post now links elsewhere: it is that other item's, under its own name
    sources = {
        row["item_id"]: row["feed_url"].rsplit("/", 1)[-1] for row in db["item_sources"].rows
    }
    assert sorted(sources.values()) == ["eprm.xml", "other.xml"]
    assert items["https://phish.example/login"]["title"] == "CANCELLED - see the new portal"
    feed = json.loads((config.site / "feed.json").read_text())
    (eprm_call,) = [entry for entry in feed["items"] if entry["url"] == call]
    assert [s["name"] for s in eprm_call["_clearinghouse"]["sources"]] == ["EPRM"]


def test_the_publisher_edits_its_call_even_when_a_faster_partner_stored_it_first(
    server: HTTPServer, write_config
) -> None:
    call = "https://eprm.example.org/calls/cobalt-pilots"
    versions = [
        _one_item_feed("Call for proposals: cobalt pilots", call, "c1", "Apply by 1 March 2027."),
        _one_item_feed(
            "Call for proposals: cobalt pilots (extended)", call, "c1", "Apply by 1 May 2027."
        ),
    ]

    def publisher(request: Request) -> Response:
        time.sleep(0.5)  # the re-poster's answer is stored first
        return Response(versions[0], content_type=XML)

    server.expect_request("/eprm/feed.xml").respond_with_handler(publisher)
    server.expect_request("/news/feed.xml").respond_with_data(
        _one_item_feed("Call for proposals: cobalt pilots", call + "?utm_source=n", "n1", "See"),
        content_type=XML,
    )
    config = load_config(
        write_config(
            [
                {"name": "EPRM", "url": "http://feeds.eprm.example.org/eprm/feed.xml"},
                {"name": "News", "url": "http://news.minerals.example/news/feed.xml"},
            ]
        )
    )
    pipeline.run(config, now=NOW, transport=through(server))
    (item,) = sqlite_utils.Database(config.database)["items"].rows
    # the re-poster stored it first, but the publisher's version is the one shown
    assert (item["link"], item["summary"], item["deadline"]) == (
        call,
        "Apply by 1 March 2027.",
        "2027-03-01",
    )
    versions.pop(0)
    pipeline.run(config, now=NOW + timedelta(hours=1), transport=through(server))
    (item,) = sqlite_utils.Database(config.database)["items"].rows
    assert (item["title"], item["deadline"]) == (
        "Call for proposals: cobalt pilots (extended)",
        "2027-05-01",
    )


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_slow_run(server: HTTPServer, write_config, **popen: Any) -> tuple[Any, list[int], Path]:
    """`aggregator run` in a process of its own, polling 5 partners that answer in 3 s;
    returned once its 2 parsing processes exist, with their pids."""
    import subprocess
    import sys

    def slow(request: Request) -> Response:
        time.sleep(3)
        return Response(read("feeds/rss2.xml"), content_type=XML)

    server.expect_request("/slow.xml").respond_with_handler(slow)
    path = write_config(
        [{"name": f"P{n}", "url": server.url_for(f"/slow.xml?n={n}")} for n in range(5)],
        fetch={"workers": 2, "read_timeout": 10, "total_timeout": 20},
    )
    run = subprocess.Popen(
        [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c", str(path)],
        stdout=subprocess.DEVNULL,
        **popen,
    )
    deadline = time.monotonic() + 10
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2
    return run, workers, path


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_run_leaves_no_parsing_process_and_no_lock_behind(
    server: HTTPServer, write_config
) -> None:
    import signal
    import subprocess

    run, workers, path = _start_slow_run(server, write_config, stderr=subprocess.DEVNULL)
    run.send_signal(signal.SIGTERM)  # as `timeout` or a stop from cron would
    run.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    with runtime.run_lock(load_config(path).database):  # the next run can start
        pass


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_ctrl_c_stops_a_run_with_one_line(server: HTTPServer, write_config) -> None:
    import os
    import signal
    import subprocess

    run, _, _ = _start_slow_run(
        server, write_config, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C sends: the whole foreground group
    _, errors = run.communicate(timeout=20)
    assert run.returncode == 130
    assert "interrupted" in errors and "Traceback" not in errors


def test_a_partner_publishing_a_json_feed_is_polled_like_any_other(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/feed.json").respond_with_data(
        read("feeds/jsonfeed.json"), content_type="application/feed+json"
    )
    config = load_config(write_config([{"name": "FCA", "url": server.url_for("/feed.json")}]))
    (status,) = pipeline.run(config, now=NOW).statuses
    assert (status.outcome, status.new_items) == ("ok", 2)
    calls = json.loads((config.site / "calls.json").read_text())
    (call,) = calls["items"]
    assert call["_clearinghouse"]["deadline"] == "2027-06-30"


def test_a_partners_new_entry_linking_to_its_own_call_does_not_replace_it(
    server: HTTPServer, write_config
) -> None:
    call = "https://eprm.example.org/calls/cobalt-pilots"
    first = _one_item_feed(
        "Call for proposals: cobalt pilots", call, "c1", "Apply by 30 June 2027."
    )
    results = first.replace(
        b"</channel>",
        b"<item><title>Results of the cobalt pilots call announced</title>"
        + f"<link>{call}</link><guid>n1</guid></item></channel>".encode(),
    )
    rotated = first.replace(b"<guid>c1</guid>", b"<guid>c1-v2</guid>")
    for body in (first, results, rotated):
        server.expect_ordered_request("/feed.xml").respond_with_data(body, content_type=XML)
    config = load_config(write_config([{"name": "EPRM", "url": server.url_for("/feed.xml")}]))
    summaries = [pipeline.run(config, now=NOW + timedelta(hours=hour)) for hour in range(3)]
    (item,) = sqlite_utils.Database(config.database)["items"].rows
    assert (item["title"], item["kind"], item["deadline"]) == (
        "Call for proposals: cobalt pilots",
        "call",
        "2027-06-30",
    )
    assert [summary.updated_items for summary in summaries] == [0, 0, 0]
