"""The `aggregator` command as the secretariat and cron see it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from aggregator.cli import cli

from .conftest import read

README = Path(__file__).parent.parent / "README.md"


def test_run_ends_with_a_summary_and_exit_0_when_some_sources_fail(
    server: HTTPServer, write_config
) -> None:
    server.expect_request("/ok.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="text/xml"
    )
    server.expect_request("/missing.xml").respond_with_data("no", status=404)
    server.expect_request("/moved.xml").respond_with_data(
        "", status=308, headers={"Location": server.url_for("/ok2.xml")}
    )
    server.expect_request("/ok2.xml").respond_with_data(
        read("feeds/rss1.xml"), content_type="text/xml"
    )
    path = write_config(
        [
            {"name": "EPRM", "url": server.url_for("/ok.xml")},
            {"name": "Missing", "url": server.url_for("/missing.xml")},
            {"name": "Moved", "url": server.url_for("/moved.xml")},
        ]
    )
    result = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Polled 3 sources" in out
    assert "2 ok, 0 not modified, 1 failed" in out
    assert "failed   Missing: HTTP 404" in out
    assert f"moved    Moved: permanently redirected to {server.url_for('/ok2.xml')}" in out
    assert "update its url in feeds.yaml" in out
    assert "Items: 3 new, 0 updated" in out
    assert "Traceback" not in out

    again = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert "Items: 0 new, 0 updated" in again.output


def test_run_exits_1_when_nothing_could_be_fetched(write_config) -> None:
    path = write_config([{"name": "Nobody home", "url": "http://127.0.0.1:9/feed.xml"}])
    result = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert result.exit_code == 1
    assert "failed   Nobody home: cannot connect" in result.output


def test_reset_lets_a_gone_feed_be_polled_again(server: HTTPServer, write_config) -> None:
    server.expect_ordered_request("/f.xml").respond_with_data("gone", status=410)
    server.expect_ordered_request("/f.xml").respond_with_data(
        read("feeds/rss1.xml"), content_type="text/xml"
    )
    path = write_config([{"name": "P", "url": server.url_for("/f.xml")}])
    runner = CliRunner()
    assert "gone     P: 410 Gone" in runner.invoke(cli, ["run", "--config", str(path)]).output
    assert "gone     P" in runner.invoke(cli, ["run", "--config", str(path)]).output
    reset = runner.invoke(cli, ["reset", "--config", str(path), "P"])
    assert reset.exit_code == 0 and "polled on the next run" in reset.output
    assert "1 ok" in runner.invoke(cli, ["run", "--config", str(path)]).output


def test_unknown_source_name_is_a_clear_error(write_config) -> None:
    path = write_config([{"name": "P", "url": "http://127.0.0.1:9/f.xml"}])
    result = CliRunner().invoke(cli, ["reset", "--config", str(path), "Q"])
    assert result.exit_code == 1
    assert result.output.strip() == f"error: no source named 'Q' in {path}"


def test_every_command_is_documented_in_the_readme() -> None:
    readme = README.read_text()
    for name, command in cli.commands.items():
        assert re.search(rf"aggregator {name}\b", readme), f"'aggregator {name}' not in README"
        assert command.help, f"{name} has no --help text"
        for sub, subcommand in getattr(command, "commands", {}).items():
            assert re.search(rf"aggregator {name} {sub}\b", readme), f"'{name} {sub}' not in README"
            assert subcommand.help, f"{name} {sub} has no --help text"


@pytest.mark.parametrize(
    ("setting", "prepare", "message"),
    [
        ({"database": "feeds.yaml/x.db"}, None, "cannot create the lock file"),
        ({"database": "folder"}, "folder", "cannot use"),
        ({"database": "notes.txt"}, "notes.txt", "cannot use"),
        ({"site": "notes.txt"}, "notes.txt", "cannot write the site in"),
    ],
)
def test_a_database_or_site_path_that_cannot_work_is_one_clear_line(
    server: HTTPServer, write_config, tmp_path: Path, setting, prepare, message
) -> None:
    server.expect_request("/ok.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="text/xml"
    )
    if prepare == "folder":
        (tmp_path / "folder").mkdir()
    elif prepare:
        (tmp_path / prepare).write_text("These are my notes, not a database.\n" * 200)
    path = write_config([{"name": "EPRM", "url": server.url_for("/ok.xml")}], **setting)
    result = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # an error reported, not a crash
    assert message in result.output
    assert "feeds.yaml" in result.output.splitlines()[-1]
    if prepare == "notes.txt":
        assert (tmp_path / "notes.txt").read_text().startswith("These are my notes")


def test_on_a_terminal_the_progress_bar_is_not_written_over(
    server: HTTPServer, write_config
) -> None:
    import os
    import pty
    import subprocess
    import sys

    server.expect_request("/ok.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="text/xml"
    )
    server.expect_request("/missing.xml").respond_with_data("no", status=404)
    path = write_config(
        [
            {"name": "EPRM", "url": server.url_for("/ok.xml")},
            {"name": "Missing", "url": server.url_for("/missing.xml")},
        ]
    )
    main, terminal = pty.openpty()
    run = subprocess.Popen(
        [sys.executable, "-c", "from aggregator.cli import main; main()", "run", "-c", str(path)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    run.wait(timeout=30)
    os.close(main)
    text = shown.decode()
    assert "Polling" in text  # the bar
    assert "WARNING" not in text
    assert "failed   Missing: HTTP 404" in text  # the summary still says it
