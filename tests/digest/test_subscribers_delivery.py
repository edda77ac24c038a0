"""Subscribers with languages and filters, each sent exactly their digest by a real SMTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import sqlite_utils

from aggregator.digest import outbox
from aggregator.digest.delivery import deliver_digest
from aggregator.store import open_database
from aggregator.types import Config, DigestReport, Item
from tests.digest.test_delivery import _HangOnSecond
from tests.digest_support import MONDAY, free_port, make_config, make_item, smtp_server

TODAY = MONDAY.date()
ITEMS = [
    make_item(1, kind="call", title="Gold traceability fund", tags=("gold", "cd"),
              deadline=TODAY + timedelta(days=30), partners=("OECD",)),
    make_item(2, kind="call", title="Convocatoria: cobalto en Perú", tags=("cobalt", "pe"),
              language="es", deadline=TODAY + timedelta(days=10), partners=("ARM",)),
    make_item(3, title="Gold refiners report", tags=("gold",), partners=("RMI",)),
    make_item(4, kind="event", title="Great Lakes forum", partners=("ICGLR",)),
]  # fmt: skip
SUBSCRIBERS = (
    "# readers\n"
    "email,name,language,topics,countries,partners,kinds,frequency\n"
    "ana@example.org,Ana Mukendi,fr,gold,,,calls,\n"
    "ben@example.org,Ben Osei,en,,,,all,\n"
    "chloe@example.org,Chloé Quispe,es,,PE,,all,\n"
    "dina@example.org,Dina,en,,,,all,\n"
    "eve@example.org,Eve,en,lithium,,,all,\n"
)


def config_for(tmp_path: Path, port: int) -> Config:
    (tmp_path / "subscribers.csv").write_text(SUBSCRIBERS, encoding="utf-8")
    (tmp_path / "suppressed.txt").write_text("# left\nDina@example.org\n", encoding="utf-8")
    return make_config(
        tmp_path,
        port=port,
        to=("members@lists.example.org",),
        subscribers=tmp_path / "subscribers.csv",
        suppressed=tmp_path / "suppressed.txt",
        preferences="https://example.org/preferences?email={email}",
        subscribe="https://example.org/subscribe",
    )


def run(config: Config, items: list[Item] = ITEMS, **kwargs: Any) -> DigestReport:
    kwargs.setdefault("now", MONDAY)
    with open_database(config.database) as db:
        return deliver_digest(db, config, items, mode="scheduled", smtp_env={}, **kwargs)


def text_of(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()  # type: ignore[union-attr]


def html_of(message: EmailMessage) -> str:
    return message.get_body(("html",)).get_content()  # type: ignore[union-attr]


def titles(message: EmailMessage) -> list[str]:
    return [line[2:] for line in text_of(message).splitlines() if line.startswith("* ")]


EXPECTED = {
    "ana@example.org": ["Gold traceability fund"],
    "ben@example.org": [
        "Convocatoria: cobalto en Perú",
        "Gold traceability fund",
        "Great Lakes forum",
        "Gold refiners report",
    ],
    "chloe@example.org": ["Convocatoria: cobalto en Perú"],
    "members@lists.example.org": [
        "Convocatoria: cobalto en Perú",
        "Gold traceability fund",
        "Great Lakes forum",
        "Gold refiners report",
    ],
}


def test_each_subscriber_gets_their_digest_in_their_language_once(tmp_path: Path) -> None:
    with smtp_server() as (inbox, port):
        config = config_for(tmp_path, port)
        report = run(config)
        again = run(config, now=MONDAY + timedelta(hours=1))
    assert (report.sent, again.sent) == (4, 0)
    received = {rcpts[0]: message for _, rcpts, message in inbox.messages}
    assert len(inbox.messages) == 4  # once each; Dina left, nothing matched Eve
    assert {address: titles(message) for address, message in received.items()} == EXPECTED

    ana = received["ana@example.org"]
    assert ana["To"] == "Ana Mukendi <ana@example.org>"
    assert ana["Subject"] == "1 nouveaux appels, 0 actualités de la plateforme"
    assert '<html lang="fr"' in html_of(ana)
    assert "Nouveaux appels" in html_of(ana) and "Date limite\u202f: 28 avril 2027" in text_of(ana)
    assert "https://example.org/preferences?email=ana@example.org" in html_of(ana)
    assert ana["List-Unsubscribe"]

    chloe = received["chloe@example.org"]
    assert '<html lang="es"' in html_of(chloe)
    assert "Cierran en los próximos 14 días" in html_of(chloe)
    assert "cierra en 10 días" in text_of(chloe)
    # Her item is in Spanish, like her digest: it carries no lang of its own.
    assert '<div class="entry" lang=' not in html_of(chloe)

    ben = received["ben@example.org"]
    assert ben["Subject"] == "Responsible minerals: 2 new calls, 1 news"
    assert '<div class="entry" lang="es"' in html_of(ben)
    assert "Forwarded this? Subscribe" in html_of(ben)

    # The issue is on the site in each language a reader uses, with its WhatsApp text.
    digests = tmp_path / "site" / "digests"
    assert sorted(path.name for path in digests.iterdir()) == [
        "2027-03-29-whatsapp.es.txt",
        "2027-03-29-whatsapp.fr.txt",
        "2027-03-29-whatsapp.txt",
        "2027-03-29.es.html",
        "2027-03-29.fr.html",
        "2027-03-29.html",
        "index.html",
    ]
    assert "*Gold traceability fund*" in (digests / "2027-03-29-whatsapp.txt").read_text()
    assert "https://clearinghouse.example.org/digests/2027-03-29.fr.html" in text_of(ana)


def test_smtp_down_then_up_each_subscriber_once(tmp_path: Path) -> None:
    port = free_port()  # nothing listening
    config = config_for(tmp_path, port)
    down = run(config)
    assert (down.sent, down.retry) == (0, 4) and down.error is not None
    with smtp_server(port) as (inbox, _):
        up = run(config, now=MONDAY + timedelta(hours=1))
        again = run(config, now=MONDAY + timedelta(hours=2))
    assert (up.sent, again.sent) == (4, 0)
    received = {rcpts[0]: titles(message) for _, rcpts, message in inbox.messages}
    assert len(inbox.messages) == 4 and received == EXPECTED


def test_someone_who_leaves_while_the_server_is_down_is_not_sent_it(tmp_path: Path) -> None:
    port = free_port()
    config = config_for(tmp_path, port)
    assert run(config).retry == 4
    with (tmp_path / "suppressed.txt").open("a", encoding="utf-8") as file:
        file.write("ben@example.org\n")
    with smtp_server(port) as (inbox, _):
        up = run(config, now=MONDAY + timedelta(hours=1))
    assert (up.sent, up.refused) == (3, 1)
    assert "ben@example.org" not in {rcpts[0] for _, rcpts, _ in inbox.messages}


_CHILD = """
import sys
from pathlib import Path
from aggregator.digest.delivery import deliver_digest
from aggregator.store import open_database
from tests.digest.test_subscribers_delivery import ITEMS, config_for
from tests.digest_support import MONDAY
config = config_for(Path(sys.argv[1]), int(sys.argv[2]))
deliver_digest(open_database(config.database), config, ITEMS, now=MONDAY,
               mode="scheduled", smtp_env={})
"""


def test_a_process_killed_between_two_subscribers_then_a_normal_run(tmp_path: Path) -> None:
    inbox = _HangOnSecond()
    root = Path(__file__).resolve().parents[2]
    with smtp_server(inbox=inbox) as (_, port):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tmp_path), str(port)],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
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
        report = run(config_for(tmp_path, port), now=MONDAY + timedelta(hours=1))
    assert report.digest_id is None  # the stored digest was finished, not built again
    delivered = [rcpts[0] for _, rcpts, _ in inbox.messages]
    # Each served once; the one in flight when the process died was refused by the
    # server here (451), so it too arrives once, at the next run.
    assert sorted(delivered) == sorted(EXPECTED)
    assert len(delivered) == len(set(delivered))
    for _, rcpts, message in inbox.messages:
        assert titles(message) == EXPECTED[rcpts[0]]
    with sqlite_utils.Database(tmp_path / "aggregator.db") as db:
        statuses = {r.address: r.status for r in outbox.recipients_of(db, "2027-03-29")}
    assert set(statuses.values()) == {"sent"}


def test_a_weekly_reader_of_a_daily_digest_gets_the_week_on_monday(tmp_path: Path) -> None:
    (tmp_path / "subscribers.csv").write_text(
        "email,language,frequency\nwendy@example.org,en,weekly\ndan@example.org,en,daily\n"
    )
    tuesday = MONDAY - timedelta(days=6)
    early = make_item(7, kind="call", title="Found last Tuesday",
                      deadline=date(2027, 6, 1), first_seen=tuesday,
                      published=tuesday)  # fmt: skip
    with smtp_server() as (inbox, port):
        config = make_config(tmp_path, port=port, to=(), schedule="daily 07:00 UTC",
                             subscribers=tmp_path / "subscribers.csv")  # fmt: skip
        run(config, [early], now=tuesday + timedelta(hours=1))
        run(config, [early, *ITEMS], now=MONDAY + timedelta(hours=1))
    to_wendy = [m for _, rcpts, m in inbox.messages if rcpts == ["wendy@example.org"]]
    to_dan = [m for _, rcpts, m in inbox.messages if rcpts == ["dan@example.org"]]
    assert len(to_dan) == 2 and len(to_wendy) == 1
    assert "Found last Tuesday" in titles(to_wendy[0])
    assert "Gold traceability fund" in titles(to_wendy[0])
    assert "Found last Tuesday" not in titles(to_dan[1])
