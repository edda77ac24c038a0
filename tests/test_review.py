"""The review loop: a run, the uncertain items listed, a correction written with
`aggregator review`, and every output corrected at the next runs, even after the
partner edits its post."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from aggregator import pipeline
from aggregator.cli import cli
from aggregator.config import load_config

from .conftest import NOW, through

CALL = "https://partner.example/blog/opportunity-goma"
NEWS = "https://partner.example/blog/cobalt-prices"


def feed(summary: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Partner</title><link>https://partner.example/</link>
<description>d</description><language>en</language>
<item><title>An opportunity in Goma</title><link>{CALL}</link><guid>{CALL}</guid>
<pubDate>Mon, 01 Mar 2027 09:00:00 GMT</pubDate><description>{summary}</description></item>
<item><title>Cobalt prices fall again</title><link>{NEWS}</link><guid>{NEWS}</guid>
<pubDate>Tue, 02 Mar 2027 09:00:00 GMT</pubDate>
<description>Traders in Kolwezi said prices fell for a third week.</description></item>
</channel></rss>"""


def run(config_path: Path, server: HTTPServer) -> None:
    pipeline.run(load_config(config_path), now=NOW, transport=through(server), send_digest=False)


def site_json(config_path: Path, name: str) -> dict:
    return json.loads((config_path.parent / "site" / name).read_text(encoding="utf-8"))


def test_a_correction_reaches_every_output_and_survives_the_partners_edits(
    server: HTTPServer, write_config
) -> None:
    text = {"summary": "A partner looks for help with a study; more soon."}
    server.expect_request("/feed.xml").respond_with_handler(
        lambda request: __import__("werkzeug").Response(
            feed(text["summary"]), content_type="application/rss+xml"
        )
    )
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])
    run(config_path, server)
    runner = CliRunner()

    listed = runner.invoke(cli, ["review", "--config", str(config_path), "--below", "1"])
    assert listed.exit_code == 0, listed.output
    assert "An opportunity in Goma" in listed.output and "why:" in listed.output

    corrected = runner.invoke(
        cli,
        [
            "review",
            CALL + "?utm_source=feed",
            "--config",
            str(config_path),
            "--kind",
            "call",
            "--deadline",
            "2027-04-30",
            "--note",
            "the ToR say 30 April",
        ],
    )
    assert corrected.exit_code == 0, corrected.output
    hidden = runner.invoke(cli, ["review", NEWS, "--config", str(config_path), "--hide"])
    assert hidden.exit_code == 0, hidden.output
    overrides = (config_path.parent / "overrides.yaml").read_text(encoding="utf-8")
    assert "the ToR say 30 April" in overrides

    for summary in (text["summary"], "The partner edited its post: a new paragraph."):
        text["summary"] = summary
        run(config_path, server)
        calls = site_json(config_path, "calls.json")["items"]
        assert [item["url"] for item in calls] == [CALL]
        assert calls[0]["_clearinghouse"]["deadline"] == "2027-04-30"
        everything = site_json(config_path, "feed.json")["items"]
        assert NEWS not in [item["url"] for item in everything]
        index = (config_path.parent / "site" / "index.html").read_text(encoding="utf-8")
        assert "Cobalt prices fall again" not in index

    check = runner.invoke(cli, ["check", "--config", str(config_path)])
    assert "2 corrections in overrides.yaml" in check.output


def test_a_mistake_in_overrides_yaml_stops_the_run_with_one_line(
    server: HTTPServer, write_config
) -> None:
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])
    (config_path.parent / "overrides.yaml").write_text(
        f"{CALL}:\n  kind: grant\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["run", "--config", str(config_path)])
    assert result.exit_code == 2
    assert "overrides.yaml:1:" in result.output and "kind 'grant'" in result.output
    assert "Traceback" not in result.output


def test_review_refuses_a_correction_without_a_url_or_a_date_it_cannot_read(
    write_config,
) -> None:
    config_path = write_config([{"name": "Partner", "url": "http://partner.example/feed.xml"}])
    runner = CliRunner()
    no_url = runner.invoke(cli, ["review", "--config", str(config_path), "--kind", "call"])
    assert no_url.exit_code == 2 and "name the item's URL" in no_url.output
    bad_date = runner.invoke(
        cli, ["review", CALL, "--config", str(config_path), "--deadline", "30/04/2027"]
    )
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.output
    assert not (config_path.parent / "overrides.yaml").exists()
