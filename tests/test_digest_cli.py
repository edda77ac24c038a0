"""The digest from the command line: `run` sends it when due, `digest` previews or sends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from aggregator.cli import cli
from tests.conftest import read
from tests.digest_support import free_port, smtp_server


def digest_config(server: HTTPServer, write_config: Any, port: int) -> Path:
    server.expect_request("/feed.xml").respond_with_data(
        read("feeds/rss2.xml"), content_type="text/xml"
    )
    return write_config(
        [{"name": "EPRM", "url": server.url_for("/feed.xml")}],
        digest={
            "schedule": "daily 00:00 UTC",
            "subject": "Clearinghouse: {calls} new calls, {news} news",
            "from": "Clearinghouse <digest@example.org>",
            "to": ["members@lists.example.org"],
            "unsubscribe": ["mailto:digest-leave@example.org"],
            "smtp": {"host": "127.0.0.1", "port": port, "security": "none", "timeout": 5},
            "first_digest_days": 36500,
        },
    )


def test_run_sends_the_digest_once_and_digest_command_previews(
    server: HTTPServer, write_config: Any
) -> None:
    with smtp_server() as (inbox, port):
        path = digest_config(server, write_config, port)
        first = CliRunner().invoke(cli, ["run", "--config", str(path)])
        again = CliRunner().invoke(cli, ["run", "--config", str(path)])
        send_now = CliRunner().invoke(cli, ["digest", "--send", "--config", str(path)])
        preview = CliRunner().invoke(cli, ["digest", "--preview", "--config", str(path)])
    assert first.exit_code == 0, first.output
    assert "Digest: digest 20" in first.output and "; 1 sent" in first.output
    assert "Digest: no digest (not due until" in again.output
    assert send_now.exit_code == 0 and "no digest (nothing new); 0 sent" in send_now.output
    assert preview.exit_code == 0 and "digest preview (" in preview.output
    assert len(inbox.messages) == 1
    message = inbox.messages[0][2]
    assert message["Subject"].startswith("Clearinghouse: ")
    assert (path.parent / "site" / "digest.html").exists()
    assert (path.parent / "digest-preview.eml").exists()


def test_smtp_down_then_digest_command_finishes_it(server: HTTPServer, write_config: Any) -> None:
    port = free_port()
    path = digest_config(server, write_config, port)
    run = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert run.exit_code == 0, run.output  # the run itself went fine
    assert "error: cannot reach SMTP server 127.0.0.1" in run.output
    down = CliRunner().invoke(cli, ["digest", "--config", str(path)])
    assert down.exit_code == 1
    assert "Traceback" not in down.output
    with smtp_server(port) as (inbox, _):
        up = CliRunner().invoke(cli, ["digest", "--config", str(path)])
    assert up.exit_code == 0, up.output
    assert "1 sent" in up.output
    assert len(inbox.messages) == 1


def test_digest_without_a_digest_section_is_a_config_error(write_config: Any) -> None:
    path = write_config([{"name": "EPRM", "url": "http://127.0.0.1:9/feed.xml"}])
    result = CliRunner().invoke(cli, ["digest", "--preview", "--config", str(path)])
    assert result.exit_code == 2
    assert "no 'digest' section" in result.output


def test_recipients_written_without_brackets_all_receive_it(
    server: HTTPServer, write_config: Any
) -> None:
    with smtp_server() as (inbox, port):
        path = digest_config(server, write_config, port)
        text = path.read_text().replace(
            "- members@lists.example.org", "alice@example.org, carol@example.org"
        )
        path.write_text(text.replace("to:\n  ", "to: "))
        check = CliRunner().invoke(cli, ["check", "--config", str(path)])
        run = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert "digest to 2 recipients" in check.output, check.output
    assert run.exit_code == 0, run.output
    assert sorted(rcpt for _, rcpts, _ in inbox.messages for rcpt in rcpts) == [
        "alice@example.org",
        "carol@example.org",
    ]


def test_recipients_that_can_never_work_are_found_by_check_and_fail_the_run(
    server: HTTPServer, write_config: Any, tmp_path: Path
) -> None:
    port = free_port()
    path = digest_config(server, write_config, port)
    path.write_text(
        path.read_text().replace(
            "to:\n  - members@lists.example.org", "recipients_file: members.txt"
        )
    )
    check = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert check.exit_code == 2
    assert "cannot read the digest recipients file" in check.output
    run = CliRunner().invoke(cli, ["run", "--config", str(path)])
    assert run.exit_code == 2, run.output  # cron reports it
    assert "1 ok" in run.output and (tmp_path / "site" / "index.html").is_file()
    assert "digest not sent: cannot read the digest recipients file" in run.output
    (tmp_path / "members.txt").write_text("not an address\n")
    check = CliRunner().invoke(cli, ["check", "--config", str(path)])
    assert check.exit_code == 2
    assert "members.txt:1: not an email address: 'not an address'" in check.output


def test_preview_and_send_together_are_refused(tmp_path: Path, write_config: Any) -> None:
    path = write_config([])
    result = CliRunner().invoke(cli, ["digest", "--preview", "--send", "--config", str(path)])
    assert result.exit_code == 2
    assert "choose --preview or --send, not both" in result.output
