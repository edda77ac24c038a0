"""Stored items decided by an older classifier are classified again by the next run
(a real SQLite file, a real local server); corrections in overrides.yaml still win."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils
from pytest_httpserver import HTTPServer

from aggregator import pipeline
from aggregator.classifier_version import classifier_version
from aggregator.config import load_config
from aggregator.store import load_items, open_database
from aggregator.types import Rules

from .conftest import NOW

XML = "application/rss+xml; charset=utf-8"
CALL = "https://partner.example/calls/baseline-kivu"
NEWS = "https://partner.example/news/prices"


def rss(*entries: tuple[str, str, str]) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link><description>{text}</description>"
        "<pubDate>Mon, 01 Mar 2027 09:00:00 +0000</pubDate></item>"
        for title, link, text in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Partner</title><link>https://partner.example/</link>{items}</channel></rss>"
    )


CALL_ENTRY = (
    "Call for proposals: baseline study of artisanal mines in South Kivu",
    CALL,
    "Consultancy firms may apply. Deadline for submissions: 15 April 2027.",
)
NEWS_ENTRY = (
    "Cobalt prices rise as buyers return to Kolwezi",
    NEWS,
    "Traders said demand had picked up after months of uncertainty.",
)


@pytest.fixture
def first_run(server: HTTPServer, write_config) -> tuple[Path, sqlite_utils.Database]:
    """One run stored a call and a news item; the partner's feed then drops them."""
    server.expect_ordered_request("/feed.xml").respond_with_data(
        rss(CALL_ENTRY, NEWS_ENTRY), content_type=XML
    )
    server.expect_request("/feed.xml").respond_with_data(rss(), content_type=XML)
    path = write_config([{"name": "Partner", "url": server.url_for("/feed.xml")}])
    pipeline.run(load_config(path), now=NOW, send_digest=False)
    return path, sqlite_utils.Database(load_config(path).database)


def as_an_older_classifier_left_it(db: sqlite_utils.Database, version: str | None) -> None:
    """The call stored as news without a deadline, as rules from before it were read."""
    db.execute(
        "update items set kind = 'news', deadline = null, status = null, classifier = ? "
        "where url = ?",
        [version, CALL],
    )
    db.conn.commit()


@pytest.mark.parametrize(
    "version",
    [
        pytest.param("0123456789abcdef", id="another classifier"),
        pytest.param(None, id="stored before classifiers were recorded"),
    ],
)
def test_the_next_run_classifies_again_what_an_older_classifier_decided(
    first_run: tuple[Path, sqlite_utils.Database], version: str | None
) -> None:
    path, db = first_run
    config = load_config(path)
    current = classifier_version(config.rules)
    assert {row["classifier"] for row in db["items"].rows} == {current}
    as_an_older_classifier_left_it(db, version)

    pipeline.run(config, now=NOW + timedelta(hours=1), send_digest=False)

    row = next(db["items"].rows_where("url = ?", [CALL]))
    assert (row["kind"], row["deadline"], row["status"]) == ("call", "2027-04-15", "open")
    assert row["classifier"] == current
    calls = json.loads((config.site / "calls.json").read_text(encoding="utf-8"))
    assert [entry["url"] for entry in calls["items"]] == [CALL]


def test_a_correction_still_wins_over_the_new_classification(
    first_run: tuple[Path, sqlite_utils.Database],
) -> None:
    path, db = first_run
    (path.parent / "overrides.yaml").write_text(f"{CALL}:\n  kind: news\n", encoding="utf-8")
    as_an_older_classifier_left_it(db, "0123456789abcdef")
    config = load_config(path)

    pipeline.run(config, now=NOW + timedelta(hours=1), send_digest=False)

    row = next(db["items"].rows_where("url = ?", [CALL]))
    assert (row["kind"], row["classifier"]) == ("call", classifier_version(config.rules))
    [item] = [item for item in load_items(db) if item.url == CALL]
    assert (item.kind, item.deadline) == ("news", None)


def test_a_large_backlog_is_classified_again_in_bounded_runs(
    first_run: tuple[Path, sqlite_utils.Database],
) -> None:
    path, db = first_run
    config = load_config(path)
    db.execute("update items set classifier = 'old'")
    db.conn.commit()
    now = NOW + timedelta(hours=1)

    assert pipeline.reclassify_stored(config, db, now=now, limit=1) == (1, 0)
    assert pipeline.reclassify_stored(config, db, now=now, limit=1) == (1, 0)
    assert pipeline.reclassify_stored(config, db, now=now, limit=1) == (0, 0)


def test_a_change_of_feeds_yaml_phrases_is_a_change_of_classifier(tmp_path: Path) -> None:
    extra = Rules(kind_phrases=(("call", ("sourcing challenge",)),))
    assert classifier_version(Rules()) != classifier_version(extra)
    assert classifier_version(Rules()) == classifier_version(Rules())
    # a fresh database has the column, empty until items are stored
    assert "classifier" in open_database(tmp_path / "x.db")["items"].columns_dict
