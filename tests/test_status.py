"""The sources' health: the state each source is in (a table of cases), and what
`aggregator status`, sources.html and sources.opml say after real runs against a real
local server."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from selectolax.lexbor import LexborHTMLParser
from werkzeug import Request, Response

from aggregator import pipeline
from aggregator.cli import EXIT_ATTENTION, cli
from aggregator.config import load_config
from aggregator.health import (
    detail_text,
    needs_attention,
    source_health,
    status_document,
    status_table,
)
from aggregator.types import DetailPart, Source, SourceRecord

from .conftest import NOW

XML = "application/rss+xml; charset=utf-8"
SOURCE = Source(name="Partner", url="https://partner.example/feed")
AN_HOUR_AGO = NOW - timedelta(hours=1)
A_DAY_AGO = NOW - timedelta(days=1)


def record(**fields: Any) -> SourceRecord:
    return SourceRecord(url=SOURCE.url, **fields)


# --- which state a source is in -------------------------------------------------------

CASES = [
    ("never polled", None, "new", None, "not polled yet"),
    (
        "its last poll worked",
        record(last_fetched=AN_HOUR_AGO, last_ok=AN_HOUR_AGO, outcome="ok"),
        "ok",
        None,
        "",
    ),
    (
        "not modified is fine",
        record(last_fetched=AN_HOUR_AGO, last_ok=AN_HOUR_AGO, outcome="not_modified"),
        "ok",
        None,
        "",
    ),
    (
        "ok with a warning says it",
        record(last_fetched=AN_HOUR_AGO, last_ok=AN_HOUR_AGO, outcome="ok", warning="no items"),
        "ok",
        None,
        "no items",
    ),
    (
        "failed: since the first failure after it last worked",
        record(
            last_fetched=AN_HOUR_AGO,
            last_ok=A_DAY_AGO - timedelta(days=1),
            outcome="failed",
            error="HTTP 500",
            last_error="HTTP 500",
            failures=2,
            failing_since=A_DAY_AGO,
        ),
        "failing",
        A_DAY_AGO,
        "HTTP 500 (2 failed polls in a row)",
    ),
    (
        "backing off keeps the real error and says when it is tried again",
        record(
            last_fetched=AN_HOUR_AGO,
            outcome="skipped",
            error="backing off until 2027-03-10 14:00 UTC",
            last_error="timed out",
            failures=4,
            failing_since=A_DAY_AGO,
            next_fetch=NOW + timedelta(hours=2),
        ),
        "failing",
        A_DAY_AGO,
        "timed out (4 failed polls in a row); next try 2027-03-10 14:00 UTC",
    ),
    (
        "gone wins over everything",
        record(
            last_fetched=AN_HOUR_AGO,
            outcome="gone",
            gone=True,
            failures=1,
            moved_to="https://x.example/",
            failing_since=A_DAY_AGO,
        ),
        "gone",
        A_DAY_AGO,
        "answered 410 Gone",
    ),
    (
        "held back, with how many and the command",
        record(
            last_fetched=AN_HOUR_AGO, last_ok=AN_HOUR_AGO, outcome="held", held=True, held_items=12
        ),
        "held",
        None,
        "12 new items held back after a suspected redesign: check the page, then "
        "'aggregator release \"Partner\"'",
    ),
    (
        "still held after the next ordinary poll",
        record(
            last_fetched=AN_HOUR_AGO, last_ok=AN_HOUR_AGO, outcome="ok", held=True, held_items=3
        ),
        "held",
        None,
        "3 new items held back",
    ),
    (
        "suspect selectors, with the page check's words",
        record(
            last_fetched=AN_HOUR_AGO,
            last_ok=AN_HOUR_AGO,
            outcome="suspect",
            warning="found 0 items where the last polls found 8, 9",
        ),
        "suspect",
        None,
        "found 0 items where the last polls found 8, 9",
    ),
    (
        "moved: the new address to put in feeds.yaml",
        record(
            last_fetched=AN_HOUR_AGO,
            last_ok=AN_HOUR_AGO,
            outcome="ok",
            moved_to="https://partner.example/new-feed",
        ),
        "moved",
        None,
        "permanently redirected to https://partner.example/new-feed: put that address in "
        "feeds.yaml",
    ),
    (
        "reset after 410 Gone: polled again, nothing to act on until then",
        record(last_fetched=AN_HOUR_AGO, outcome="gone", gone=False, failures=0),
        "new",
        None,
        "reset after 410 Gone: polled again at the next run",
    ),
    (
        "reset while failing: still failing, its back-off forgotten",
        record(
            last_fetched=AN_HOUR_AGO,
            outcome="failed",
            failures=0,
            last_error="HTTP 500",
            failing_since=A_DAY_AGO,
        ),
        "failing",
        A_DAY_AGO,
        "HTTP 500; reset: polled again at the next run",
    ),
    (
        "failing and moved: failing first",
        record(
            last_fetched=AN_HOUR_AGO,
            outcome="failed",
            failures=1,
            last_error="HTTP 404",
            moved_to="https://partner.example/new-feed",
            failing_since=AN_HOUR_AGO,
        ),
        "failing",
        AN_HOUR_AGO,
        "HTTP 404 (1 failed poll in a row)",
    ),
]


@pytest.mark.parametrize(
    ("record_", "state", "since", "detail"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_the_state_of_a_source(
    record_: SourceRecord | None, state: str, since: datetime | None, detail: str
) -> None:
    health = source_health(SOURCE, record_, now=NOW)
    assert (health.state, health.since) == (state, since)
    assert health.detail.startswith(detail) if detail else health.detail == ""


@pytest.mark.parametrize(
    ("failures", "lang", "detail"),
    [
        (1, "en", "HTTP 500 (1 failed poll in a row)"),
        (3, "en", "HTTP 500 (3 failed polls in a row)"),
        (1, "fr", "HTTP 500 (1 échec d’affilée)"),
        (3, "fr", "HTTP 500 (3 échecs d’affilée)"),
        (1, "es", "HTTP 500 (1 consulta fallida seguida)"),
        (3, "es", "HTTP 500 (3 consultas fallidas seguidas)"),
    ],
)
def test_a_failing_sources_detail_counts_its_failures_in_each_language(
    failures: int, lang: str, detail: str
) -> None:
    record = SourceRecord(url=SOURCE.url, last_fetched=NOW, outcome="failed", failures=failures,
                          last_error="HTTP 500")  # fmt: skip
    assert detail_text(source_health(SOURCE, record, now=NOW).detail_parts, lang) == detail


HELD = (
    "%(num)d new item held back after a suspected redesign: check the page, then "
    "'aggregator release \"%(name)s\"'",
    "%(num)d new items held back after a suspected redesign: check the page, then "
    "'aggregator release \"%(name)s\"'",
)


@pytest.mark.parametrize(
    ("num", "lang", "starts"),
    [
        (1, "en", "1 new item held back"),
        (2, "en", "2 new items held back"),
        ("2", "en", "2 new items held back"),  # a number written as text
        (0, "fr", "0 nouveau contenu retenu"),  # French: 0 and 1 are singular
        ("1", "fr", "1 nouveau contenu retenu"),
        (5, "fr", "5 nouveaux contenus retenus"),
        (1, "es", "1 contenido nuevo retenido"),
    ],
)
def test_a_plural_detail_is_chosen_and_written_by_its_number(
    num: int | str, lang: str, starts: str
) -> None:
    part = DetailPart(HELD[0], (("num", num), ("name", "P")), plural=HELD[1])
    assert detail_text([part], lang).startswith(starts)


@pytest.mark.parametrize("num", [2.5, "two", None, True, ""])
def test_a_plural_detail_without_a_whole_number_is_refused(num: object) -> None:
    """Once read as 0: 'HTTP 500 (1 failed polls in a row)', '3 échec d’affilée'."""
    values = () if num is None else (("num", num),)
    part = DetailPart(HELD[0], (*values, ("name", "P")), plural=HELD[1])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs a whole number as 'num'"):
        detail_text([part], "fr")


@pytest.mark.parametrize(
    ("state", "attention"),
    [
        ("ok", False),
        ("new", False),
        ("failing", True),
        ("gone", True),
        ("held", True),
        ("suspect", True),
        ("moved", True),
    ],
)
def test_which_states_need_attention(state: str, attention: bool) -> None:
    case = next(c for c in CASES if c[2] == state and "reset" not in c[0])
    assert needs_attention([source_health(SOURCE, case[1], now=NOW)]) is attention


# --- after real runs ------------------------------------------------------------------


def rss(*titles: str) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://partner.example.org/{n}</link>"
        f"<pubDate>Mon, 0{n + 1} Mar 2027 09:00:00 GMT</pubDate></item>"
        for n, t in enumerate(titles)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>P</title>'
        f"<link>https://partner.example.org/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def polled(server: HTTPServer, write_config) -> Path:
    """Two runs over five sources: one fine, one failing since the second run, one gone,
    one moved for good, one page whose partner name carries markup-like text."""
    calls: dict[str, int] = {}

    def answer(request: Request) -> Response:
        """The first run finds both feeds; at the second, one is unchanged, one fails."""
        calls[request.path] = calls.get(request.path, 0) + 1
        if calls[request.path] == 1:
            body = rss("Call A", "News B") if request.path == "/ok.xml" else rss("Call C")
            return Response(body, content_type=XML)
        return Response(status=304) if request.path == "/ok.xml" else Response("oops", 500)

    server.expect_request("/ok.xml").respond_with_handler(answer)
    server.expect_request("/flaky.xml").respond_with_handler(answer)
    server.expect_request("/gone.xml").respond_with_data("", status=410)
    server.expect_request("/old.xml").respond_with_data(
        "", status=301, headers={"Location": server.url_for("/new.xml")}
    )
    server.expect_request("/new.xml").respond_with_data(rss("Event D"), content_type=XML)
    path = write_config(
        [
            {"name": "Fine partner", "url": server.url_for("/ok.xml")},
            {"name": "Flaky <b>partner</b> & co", "url": server.url_for("/flaky.xml")},
            {"name": "Gone partner", "url": server.url_for("/gone.xml")},
            {"name": "Moved partner", "url": server.url_for("/old.xml")},
        ]
    )
    config = load_config(path)
    pipeline.run(config, now=NOW, send_digest=False)
    pipeline.run(config, now=NOW + timedelta(hours=1), send_digest=False)
    return path


def test_status_prints_each_source_and_exits_3_when_one_needs_attention(polled: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--config", str(polled)])
    assert result.exit_code == EXIT_ATTENTION, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["STATE", "SOURCE", "LAST", "OK", "ITEMS", "90D"]
    assert any(line.startswith("ok ") and "Fine partner" in line for line in lines)
    assert any(
        line.startswith("failing since 2027-03-10 13:00 UTC") and "Flaky" in line for line in lines
    )
    assert "↳ HTTP 500" in result.output
    assert any(line.startswith("gone") and "Gone partner" in line for line in lines)
    assert "moved" in result.output and "/new.xml: put that address in feeds.yaml" in result.output
    assert lines[-1] == "4 sources: 1 ok, 1 failing, 1 gone, 1 moved; 3 need attention"
    assert "Traceback" not in result.output


def test_status_json_is_the_documented_document(polled: Path) -> None:
    result = CliRunner().invoke(cli, ["status", "--json", "--config", str(polled)])
    assert result.exit_code == EXIT_ATTENTION
    document = json.loads(result.output)
    assert document["schema"] == 1
    assert document["needs_attention"] is True
    assert document["counts"] == {
        "ok": 1,
        "new": 0,
        "failing": 1,
        "gone": 1,
        "held": 0,
        "suspect": 0,
        "moved": 1,
    }
    fine, flaky, gone, moved = document["sources"]
    assert set(fine) == {
        "name",
        "type",
        "url",
        "polled_url",
        "site",
        "state",
        "since",
        "detail",
        "last_poll",
        "last_ok",
        "last_outcome",
        "http_status",
        "failures",
        "next_poll",
        "moved_to",
        "held_items",
        "recent_items",
    }
    assert (fine["state"], fine["last_ok"], fine["last_outcome"]) == (
        "ok",
        "2027-03-10T13:00:00Z",
        "not_modified",
    )
    assert fine["site"] == fine["url"].removesuffix("ok.xml")
    assert (flaky["state"], flaky["since"], flaky["http_status"]) == (
        "failing",
        "2027-03-10T13:00:00Z",
        500,
    )
    assert flaky["last_ok"] == "2027-03-10T12:00:00Z"
    assert gone["state"] == "gone" and gone["last_ok"] is None
    assert moved["state"] == "moved" and moved["moved_to"].endswith("/new.xml")


def test_status_exits_0_when_every_source_is_fine(server: HTTPServer, write_config) -> None:
    server.expect_request("/ok.xml").respond_with_data(rss("Call A"), content_type=XML)
    path = write_config([{"name": "Fine", "url": server.url_for("/ok.xml")}])
    before = CliRunner().invoke(cli, ["status", "--config", str(path)])
    assert before.exit_code == 0  # never polled: nothing to act on yet
    assert "new" in before.output and "not polled yet" in before.output
    assert not (path.parent / "test.db").exists()  # status created no database
    pipeline.run(load_config(path), now=datetime.now(UTC), send_digest=False)
    after = CliRunner().invoke(cli, ["status", "--config", str(path)])
    assert after.exit_code == 0, after.output
    assert after.output.splitlines()[-1] == "1 sources: 1 ok"
    assert (
        json.loads(CliRunner().invoke(cli, ["status", "--json", "-c", str(path)]).output)[
            "sources"
        ][0]["recent_items"]
        == 1
    )


def test_status_with_a_broken_configuration_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "feeds.yaml").write_text("title: x\nfeeds: 3\n")
    result = CliRunner().invoke(cli, ["status", "--config", str(tmp_path / "feeds.yaml")])
    assert result.exit_code == 2
    assert result.output.startswith("error: ") and "Traceback" not in result.output


def test_the_sources_page_lists_every_partner_with_its_state(polled: Path) -> None:
    page = (polled.parent / "site" / "sources.html").read_text()
    tree = LexborHTMLParser(page)
    assert tree.css_first("html").attributes["lang"] == "en"
    assert tree.css_first("main") is not None and tree.css_first("h1").text() == "Sources"
    rows = tree.css("tbody tr")
    names = [row.css_first("th").text(deep=False) for row in rows]
    # attention first, each group in feeds.yaml's order
    assert names == ["Flaky partner & co", "Gone partner", "Moved partner", "Fine partner"]
    flaky = rows[0]
    assert flaky.css_first(".state").text() == "Failing"
    assert "since 10 March 2027, 13:00 UTC" in flaky.text()
    assert (
        flaky.css_first("td[data-label='Last successful poll'] time").attributes["datetime"]
        == "2027-03-10T12:00:00Z"
    )
    assert "HTTP 500" in flaky.text()
    moved = rows[2]
    assert moved.css_first(".state").text() == "Moved"
    assert moved.css("a")[-1].attributes["href"].endswith("/new.xml")
    fine = rows[3]
    assert fine.css_first("td.number").text() == "2"  # items published in the last 90 days
    assert "<b>" not in page  # the partner's name was text from the start


def test_sources_opml_is_opml_2_with_one_outline_per_source(polled: Path) -> None:
    root = ET.fromstring((polled.parent / "site" / "sources.opml").read_bytes())
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Test Clearinghouse — sources"
    outlines = root.findall("body/outline")
    assert [o.get("text") for o in outlines] == [
        "Fine partner",
        "Flaky partner & co",
        "Gone partner",
        "Moved partner",
    ]
    for outline in outlines:
        assert outline.get("type") == "rss"
        assert outline.get("xmlUrl", "").startswith("http://127.0.0.1:")
        assert outline.get("htmlUrl", "").startswith("http://127.0.0.1:")


def test_a_page_source_is_a_plain_outline_feed_readers_skip() -> None:
    from aggregator.render import Site
    from aggregator.status_page import render_opml

    page = Source(name="Page & partner", url="https://partner.example/calls", type="page")
    feed = Source(name="Feed", url="https://partner.example/feed")
    healths = [source_health(page, None, now=NOW), source_health(feed, None, now=NOW)]
    site = Site("T", "", "https://x.example/", "x.example", {})
    root = ET.fromstring(render_opml(healths, site))
    first, second = root.findall("body/outline")
    assert first.attrib == {
        "text": "Page & partner",
        "title": "Page & partner",
        "htmlUrl": "https://partner.example/calls",
    }
    assert second.get("type") == "rss" and second.get("xmlUrl") == "https://partner.example/feed"


def test_the_table_and_the_document_agree() -> None:
    healths = [source_health(SOURCE, case[1], now=NOW) for case in CASES]
    document = status_document(healths, now=NOW)
    assert sum(document["counts"].values()) == len(CASES)
    assert status_table(healths).splitlines()[-1].startswith(f"{len(CASES)} sources: ")


def test_reset_rewrites_the_sources_page(polled: Path) -> None:
    result = CliRunner().invoke(cli, ["reset", "Gone partner", "--config", str(polled)])
    assert result.exit_code == 0, result.output
    page = LexborHTMLParser((polled.parent / "site" / "sources.html").read_text())
    row = next(r for r in page.css("tbody tr") if "Gone partner" in r.text())
    assert row.css_first(".state").text() == "Not polled yet"
    assert "reset after 410 Gone" in row.text()
