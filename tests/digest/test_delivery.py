"""Sending the digest to a real SMTP server (aiosmtpd on 127.0.0.1), through the SQLite outbox."""

from __future__ import annotations

import os
import signal
import ssl
import stat
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import trustme

from aggregator.digest import outbox
from aggregator.digest.delivery import deliver_digest
from aggregator.errors import ConfigError
from aggregator.store import open_database
from aggregator.types import Config, DigestReport, Item
from tests.digest_support import (
    MONDAY,
    Inbox,
    free_port,
    make_config,
    make_item,
    smtp_server,
    with_smtp,
)

ITEMS = [
    make_item(1, kind="call", title="Call for proposals: ASM gold traceability",
              deadline=date(2027, 4, 12), partners=("OECD", "RMI")),
    make_item(2, kind="call", title="Appel à projets : cobalt artisanal"),
    make_item(3, kind="event", title="Great Lakes forum", partners=("ICGLR",)),
    make_item(4, title="Due diligence guidance updated", partners=("OECD",)),
    make_item(5, title="Tin supply chain report", partners=("ITSCI",)),
]  # fmt: skip
THREE = ("ana@example.org", "ben@example.org", "chloe@example.org")


def run(
    config: Config,
    items: list[Item] = ITEMS,
    *,
    now: Any = MONDAY,
    mode: Any = "scheduled",
    **kwargs: Any,
) -> DigestReport:
    with open_database(config.database) as db:
        return deliver_digest(db, config, items, now=now, mode=mode, smtp_env={}, **kwargs)


def item_titles(message: EmailMessage) -> list[str]:
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    return [line[2:] for line in text.splitlines() if line.startswith("* ")]


def test_a_digest_is_received_whole(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        report = run(make_config(tmp_path, port=port))
    assert report.sent == 1 and report.error is None
    assert report.summary == "digest 2027-03-29: 2 calls, 1 event, 2 news; 1 sent"
    [(mail_from, rcpts, message)] = inbox.messages
    assert mail_from == "digest@example.org"
    assert rcpts == ["members@lists.example.org"]
    assert message["Subject"] == "Responsible minerals: 2 new calls, 2 news"
    assert message["From"] == "Clearinghouse <digest@example.org>"
    assert message["To"] == "members@lists.example.org"
    assert message["Message-ID"].startswith("<digest.2027-03-29.")
    assert (
        message["List-Id"]
        == "Responsible Minerals Clearinghouse <digest.clearinghouse.example.org>"
    )
    assert (
        message["List-Unsubscribe"].strip()
        == "<mailto:digest-leave@example.org>, <https://example.org/leave>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert item_titles(message) == [
        "Call for proposals: ASM gold traceability",
        "Appel à projets : cobalt artisanal",
        "Great Lakes forum",
        "Tin supply chain report",  # news by partner, A-Z: ITSCI, OECD
        "Due diligence guidance updated",
    ]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    for item in ITEMS:
        assert item.link in html
    assert "2 new calls, 1 event, 2 news" in html
    assert "closes in 14 days" in html
    # The latest digest is on the site too, with the site's icon (the email has none).
    on_site = (tmp_path / "site" / "digest.html").read_text()
    icon = '<link rel="icon" type="image/svg+xml" href="favicon.svg">'
    assert icon in on_site and "<link" not in html
    assert on_site.replace(f"\n{icon}", "").rstrip() == html.replace("\r\n", "\n").rstrip()


def test_the_same_run_again_sends_nothing(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port)
        first = run(config)
        again = run(config, now=MONDAY + timedelta(hours=1))
        send_now = run(config, now=MONDAY + timedelta(hours=2), mode="send")
    assert (first.sent, again.sent, send_now.sent) == (1, 0, 0)
    assert again.skipped is not None and again.skipped.startswith("not due until 2027-04-05 08:00")
    assert send_now.skipped == "nothing new"
    assert len(inbox.messages) == 1


def test_server_down_then_up_the_digest_arrives_once_whole(tmp_path: Path) -> None:
    port = free_port()  # nothing listening
    config = make_config(tmp_path, port=port)
    down = run(config)
    assert down.sent == 0 and down.retry == 1
    assert down.error is not None
    assert f"cannot reach SMTP server 127.0.0.1:{port}" in down.error
    assert "connection refused" in down.error
    assert "Traceback" not in down.error
    later_items = [*ITEMS, make_item(9, first_seen=MONDAY + timedelta(hours=1))]
    with smtp_server(port) as (inbox, _):
        up = run(config, later_items, now=MONDAY + timedelta(hours=1))
        again = run(config, later_items, now=MONDAY + timedelta(hours=2))
    assert (up.sent, up.error, again.sent) == (1, None, 0)
    assert up.digest_id is None  # no second digest for the same period
    [(_, _, message)] = inbox.messages
    assert len(item_titles(message)) == len(ITEMS)
    with open_database(config.database) as db:
        [recipient] = outbox.recipients_of(db, "2027-03-29")
        assert recipient.status == "sent" and recipient.attempts == 1
        # The item seen after the digest was built waits for the next one.
        assert "item-9" not in outbox.digest_history(db).included
    with smtp_server(port) as (inbox, _):
        next_week = run(config, later_items, now=MONDAY + timedelta(days=7))
    assert (next_week.period, next_week.sent) == ("2027-04-05", 1)
    # Only the waiting item is new; the call sent last week is reminded (closes in 7 days).
    assert item_titles(inbox.messages[0][2]) == [
        "Call for proposals: ASM gold traceability",
        "News number 9",
    ]
    assert (next_week.calls, next_week.news) == (0, 1)


def test_a_4xx_for_one_recipient_of_three_retries_only_that_one(tmp_path: Path) -> None:
    inbox = Inbox(refuse={"ben@example.org": "450 4.2.1 Mailbox busy, try later"})
    with smtp_server(inbox=inbox) as (_, port):
        config = make_config(tmp_path, port=port, to=THREE)
        first = run(config)
        assert (first.sent, first.retry, first.error) == (2, 1, None)
        assert "1 to retry" in first.summary
        assert [rcpts for _, rcpts, _ in inbox.messages] == [
            ["ana@example.org"],
            ["chloe@example.org"],
        ]
        inbox.refuse.clear()
        second = run(config, now=MONDAY + timedelta(hours=1))
    assert (second.sent, second.retry) == (1, 0)
    assert [rcpts for _, rcpts, _ in inbox.messages][2:] == [["ben@example.org"]]
    with open_database(config.database) as db:
        rows = {r.address: r for r in outbox.recipients_of(db, "2027-03-29")}
        assert rows["ben@example.org"].attempts == 2
        assert rows["ana@example.org"].attempts == 1
        assert all(r.status == "sent" for r in rows.values())
        assert outbox.pending_digests(db) == []
    # Every message to a recipient has its own Message-ID.
    ids = {message["Message-ID"] for _, _, message in inbox.messages}
    assert len(ids) == 3


def test_a_5xx_is_final_and_the_others_still_get_it(tmp_path: Path) -> None:
    inbox = Inbox(refuse={"ana@example.org": "550 5.1.1 No such user"})
    with smtp_server(inbox=inbox) as (_, port):
        config = make_config(tmp_path, port=port, to=THREE)
        first = run(config)
        second = run(config, now=MONDAY + timedelta(hours=1))
    assert (first.sent, first.refused, first.retry) == (2, 1, 0)
    assert second.sent == 0
    with open_database(config.database) as db:
        refused = next(r for r in outbox.recipients_of(db, "2027-03-29") if r.status == "refused")
        assert refused.address == "ana@example.org"
        assert refused.last_error == "550 5.1.1 No such user"


def test_a_refused_sender_refuses_no_recipient(tmp_path: Path) -> None:
    inbox = Inbox(refuse_sender="553 5.7.1 Sender address rejected: not owned by user")
    with smtp_server(inbox=inbox) as (_, port):
        config = make_config(tmp_path, port=port, to=THREE)
        first = run(config)
        assert first.error is not None
        assert "refused the sender digest@example.org: 553 5.7.1" in first.error
        assert (first.sent, first.refused, first.retry) == (0, 0, 3)
        inbox.refuse_sender = None  # the admin fixed the account
        second = run(config, now=MONDAY + timedelta(hours=1))
    assert (second.sent, second.error) == (3, None)


def test_auth_not_offered_without_tls(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        config = with_smtp(
            make_config(tmp_path, port=port), username_env="SMTP_USER", password_env="SMTP_PASSWORD"
        )
        with open_database(config.database) as db:
            report = deliver_digest(
                db, config, ITEMS, now=MONDAY, mode="scheduled",
                smtp_env={"SMTP_USER": "digest", "SMTP_PASSWORD": "s3cret!"},
            )  # fmt: skip
    assert report.error is not None and "does not offer AUTH" in report.error
    assert "s3cret" not in report.error
    assert inbox.messages == []


def test_a_resend_reuses_the_message_id(tmp_path: Path) -> None:
    inbox = Inbox(refuse={"members@lists.example.org": "451 4.3.0 Try again"})
    with smtp_server(inbox=inbox) as (_, port):
        config = make_config(tmp_path, port=port)
        run(config)
        with open_database(config.database) as db:
            [pending] = outbox.recipients_of(db, "2027-03-29")
        inbox.refuse.clear()
        run(config, now=MONDAY + timedelta(hours=1))
    [(_, _, message)] = inbox.messages
    assert message["Message-ID"] == pending.message_id
    assert pending.last_error == "451 4.3.0 Try again"


def test_starttls_with_auth(tmp_path: Path) -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    with smtp_server(tls_context=server_context, credentials=("digest", "s3cret!")) as (
        inbox,
        port,
    ):
        config = with_smtp(
            make_config(tmp_path, port=port),
            security="starttls",
            username_env="SMTP_USER",
            password_env="SMTP_PASSWORD",
        )
        with open_database(config.database) as db:
            wrong = deliver_digest(
                db, config, ITEMS, now=MONDAY, mode="scheduled", ssl_context=client_context,
                smtp_env={"SMTP_USER": "digest", "SMTP_PASSWORD": "wrong-password"},
            )  # fmt: skip
            right = deliver_digest(
                db, config, ITEMS, now=MONDAY, mode="scheduled", ssl_context=client_context,
                smtp_env={"SMTP_USER": "digest", "SMTP_PASSWORD": "s3cret!"},
            )  # fmt: skip
    assert wrong.error is not None
    assert "refused the login of the user in $SMTP_USER: 535" in wrong.error
    assert "wrong-password" not in wrong.error
    assert (right.sent, right.error) == (1, None)
    assert inbox.logins == ["digest"]
    assert len(inbox.messages) == 1


def test_implicit_tls(tmp_path: Path) -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    with smtp_server(implicit_tls=server_context) as (inbox, port):
        config = with_smtp(make_config(tmp_path, port=port), security="ssl")
        report = run(config, ssl_context=client_context)
    assert (report.sent, report.error) == (1, None)
    assert len(inbox.messages) == 1


def test_an_untrusted_certificate_is_a_clear_error(tmp_path: Path) -> None:
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    with smtp_server(tls_context=server_context) as (inbox, port):
        config = with_smtp(make_config(tmp_path, port=port), security="starttls")
        report = run(config)  # the system CAs do not trust the test CA
    assert report.error is not None
    assert "TLS error" in report.error and "CERTIFICATE_VERIFY_FAILED" in report.error
    assert inbox.messages == []


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "environment variable SMTP_USER (digest.smtp.username_env) is not set"),
        ({"SMTP_USER": "digest"}, "environment variable SMTP_PASSWORD"),
    ],
)
def test_missing_credentials_name_the_variable(
    tmp_path: Path, env: dict[str, str], says: str
) -> None:
    config = with_smtp(
        make_config(tmp_path, port=free_port()),
        username_env="SMTP_USER",
        password_env="SMTP_PASSWORD",
    )
    with open_database(config.database) as db:
        report = deliver_digest(db, config, ITEMS, now=MONDAY, mode="scheduled", smtp_env=env)
    assert report.error is not None and says in report.error


def test_starttls_required_but_not_offered(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        config = with_smtp(make_config(tmp_path, port=port), security="starttls")
        report = run(config)
    assert report.error is not None and "does not offer STARTTLS" in report.error
    assert inbox.messages == []


def test_hostile_title_cannot_inject_headers_or_html(tmp_path: Path) -> None:
    hostile = make_item(
        7,
        title="Grant\r\nBcc: victim@example.net\r\n\r\n<script>alert(1)</script>",
        summary="<p>fine</p>",
        link="javascript:alert(1)",
    )
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port)
        report = run(config, [hostile])
    assert report.sent == 1
    [(_, rcpts, message)] = inbox.messages
    assert rcpts == ["members@lists.example.org"]
    assert message["Bcc"] is None
    assert "victim" not in str(message["Subject"])
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "javascript:" not in html
    assert item_titles(message) == ["Grant Bcc: victim@example.net <script>alert(1)</script>"]


def test_send_now_outside_the_schedule(tmp_path: Path) -> None:
    tuesday = MONDAY + timedelta(days=1)
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port)
        scheduled = run(config, now=MONDAY)
        newer = [*ITEMS, make_item(8, title="Fresh news", first_seen=tuesday)]
        not_due = run(config, newer, now=tuesday)
        sent_now = run(config, newer, now=tuesday, mode="send")
    assert scheduled.sent == 1 and not_due.sent == 0
    assert (sent_now.sent, sent_now.news) == (1, 1)
    assert sent_now.period == "manual 2027-03-30T07:00:00Z"
    # The call sent on Monday closes in 13 days, but Monday's digest listed it first as
    # closing within 14 days: it is not reminded the next day, only the fresh news goes.
    latest = inbox.messages[-1][2]
    assert item_titles(latest) == ["Fresh news"]


def test_nothing_new_is_skipped_once_and_recorded(tmp_path: Path) -> None:
    old = [make_item(1, published=MONDAY - timedelta(days=60))]
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port)
        report = run(config, old)
        again = run(config, old, now=MONDAY + timedelta(hours=1))
    assert report.skipped == "nothing new"
    assert again.skipped is not None and again.skipped.startswith("not due")
    assert inbox.messages == []


def test_an_empty_digest_is_sent_when_not_skipping(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port, skip_when_empty=False)
        report = run(config, [])
    assert report.sent == 1
    text = inbox.messages[0][2].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Nothing new since the last digest." in text


def test_recipients_file_adds_and_deduplicates(tmp_path: Path) -> None:
    (tmp_path / "subscribers.txt").write_text(
        "# members\nana@example.org\n\nANA@example.org  # twice\nDan <dan@example.org>\n"
    )
    with smtp_server() as (inbox, port):
        config = make_config(
            tmp_path, port=port, to=("ana@example.org",), recipients_file=Path("subscribers.txt")
        )
        report = run(config)
    assert report.sent == 2
    assert [rcpts for _, rcpts, _ in inbox.messages] == [["ana@example.org"], ["dan@example.org"]]
    assert inbox.messages[1][2]["To"] == "Dan <dan@example.org>"


def test_open_calls_found_late_go_out_and_the_sites_open_call_days_apply(tmp_path: Path) -> None:
    config = replace(make_config(tmp_path, port=free_port()), open_call_days=14)
    found_today = MONDAY - timedelta(hours=1)
    items = [
        make_item(1, kind="call", title="Old call, still open", deadline=date(2027, 5, 1),
                  published=MONDAY - timedelta(days=40), first_seen=found_today),
        make_item(2, kind="call", title="Undated call, closed after 14 days",
                  published=MONDAY - timedelta(days=30), first_seen=found_today),
        make_item(3, title="Old news", published=MONDAY - timedelta(days=40),
                  first_seen=found_today),
    ]  # fmt: skip
    report = run(config, items, mode="preview")
    assert (report.calls, report.news) == (1, 0)
    assert report.preview_path is not None
    raw = message_from_bytes(report.preview_path.read_bytes(), policy=policy.default)
    text = raw.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Old call, still open" in text
    assert "Undated call" not in text and "Old news" not in text


def test_preview_writes_files_and_sends_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path, port=free_port())
    report = run(config, mode="preview")
    assert report.preview_path == tmp_path / "digest-preview.eml"
    assert report.summary == (
        f"digest preview (2 calls, 1 event, 2 news) written to {report.preview_path}"
    )
    raw = report.preview_path.read_bytes()
    assert b"Subject: Responsible minerals: 2 new calls, 2 news" in raw
    preview = tmp_path / "digest-preview.html"
    assert "Responsible minerals" in preview.read_text()
    assert stat.S_IMODE(preview.stat().st_mode) == 0o644
    assert not (tmp_path / "site").exists()  # the published digest.html is not replaced
    with open_database(config.database) as db:
        assert outbox.pending_digests(db) == []
        assert outbox.digest_history(db).last_period is None
    # A scheduled run after a preview still sends everything.
    with smtp_server(config.digest.smtp.port) as (inbox, _):  # type: ignore[union-attr]
        assert run(config).sent == 1
    assert len(item_titles(inbox.messages[0][2])) == len(ITEMS)


def test_no_digest_section_is_a_config_error(tmp_path: Path) -> None:
    config = replace(make_config(tmp_path), digest=None)
    with pytest.raises(ConfigError, match="no 'digest' section"):
        run(config)


_CHILD = """
import sys
from datetime import datetime
from aggregator.digest.delivery import deliver_digest
from aggregator.store import open_database
from tests.digest_support import make_config, MONDAY
from tests.digest.test_delivery import ITEMS, THREE
from pathlib import Path
config = make_config(Path(sys.argv[1]), port=int(sys.argv[2]), to=THREE)
deliver_digest(open_database(config.database), config, ITEMS, now=MONDAY,
               mode="scheduled", smtp_env={})
"""


class _HangOnSecond(Inbox):
    """Accepts the first message, then hangs on the second's data: the client is killed there."""

    def __init__(self) -> None:
        super().__init__()
        self.hanging = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        import asyncio

        if len(self.messages) == 1 and not self.release.is_set():
            self.hanging.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
            return "451 4.3.0 Aborted"
        return await super().handle_DATA(server, session, envelope)


def test_a_process_killed_half_way_resends_only_the_rest(tmp_path: Path) -> None:
    inbox = _HangOnSecond()
    with smtp_server(inbox=inbox) as (_, port):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), str(port)],
            cwd=Path(__file__).resolve().parents[2],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        try:
            assert inbox.hanging.wait(timeout=30), "the child never reached the second message"
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
        inbox.release.set()
        time.sleep(0.05)
        config = make_config(tmp_path, port=port, to=THREE)
        report = run(config, now=MONDAY + timedelta(hours=1))
    assert report.sent == 2 and report.digest_id is None
    delivered = [rcpts[0] for _, rcpts, _ in inbox.messages]
    assert delivered == ["ana@example.org", "ben@example.org", "chloe@example.org"]
    for _, _, message in inbox.messages:
        assert len(item_titles(message)) == len(ITEMS)
