"""Digest messages: recipients, subject, headers that feeds cannot touch, stable Message-IDs."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from aggregator.digest.content import select_digest
from aggregator.digest.mail import (
    build_message,
    digest_subject,
    header_safe,
    list_id,
    message_id,
)
from aggregator.digest.recipients import read_recipients
from aggregator.errors import ConfigError
from aggregator.types import DigestContent, DigestSettings, StoredDigest
from tests.digest_support import MONDAY, make_item

SETTINGS = DigestSettings(
    schedule="daily 07:00 UTC",
    subject="{calls} new calls, {news} news, {events} events ({total} in all)",
    sender="Clearinghouse <digest@example.org>",
)
DIGEST = StoredDigest(
    id="2027-03-29",
    period="2027-03-29",
    created=MONDAY,
    subject="2 new calls",
    html="<p>hello</p>",
    text="hello",
    status="pending",
)


def content() -> DigestContent:
    items = [
        make_item(1, kind="call"),
        make_item(2, kind="call"),
        make_item(3),
        make_item(4, kind="event"),
    ]
    return select_digest(
        items,
        included_before=set(),
        reminded_before=set(),
        last_digest_at=None,
        now=MONDAY,
        first_digest_days=7,
    )


def test_subject_placeholders() -> None:
    assert digest_subject(SETTINGS.subject, content()) == "2 new calls, 1 news, 1 events (4 in all)"


@pytest.mark.parametrize("template", ["{unknown} items", "{calls", "{0} calls"])
def test_bad_subject_template_is_a_config_error(template: str) -> None:
    with pytest.raises(ConfigError, match="placeholders"):
        digest_subject(template, content())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grant\r\nBcc: victim@example.net", "Grant Bcc: victim@example.net"),
        ("a\nb\rc\x00d\u2028e", "a b c d e"),
        ("  plenty   of   space ", "plenty of space"),
    ],
)
def test_header_safe(text: str, expected: str) -> None:
    assert header_safe(text) == expected


def test_subject_with_line_breaks_stays_on_one_line() -> None:
    assert digest_subject("News\r\nBcc: x@example.net {news}", content()) == (
        "News Bcc: x@example.net 1"
    )


def test_message_id_is_stable_per_digest_and_recipient() -> None:
    first = message_id("2027-03-29", "ana@example.org", SETTINGS.sender)
    assert first == message_id("2027-03-29", "Ana <ANA@example.org>", SETTINGS.sender)
    assert first != message_id("2027-03-29", "ben@example.org", SETTINGS.sender)
    assert first != message_id("2027-04-05", "ana@example.org", SETTINGS.sender)
    assert first.startswith("<digest.2027-03-29.") and first.endswith("@example.org>")


@pytest.mark.parametrize(
    ("unsubscribe", "header", "one_click"),
    [
        (("mailto:leave@example.org",), "<mailto:leave@example.org>", False),
        (("https://example.org/leave",), "<https://example.org/leave>", True),
        ((), None, False),
    ],
)
def test_list_headers(unsubscribe: tuple[str, ...], header: str | None, one_click: bool) -> None:
    message = build_message(
        DIGEST,
        recipient="ana@example.org",
        message_id="<x@example.org>",
        settings=replace(SETTINGS, unsubscribe=unsubscribe),
        list_id=list_id("Clearing\r\nhouse", "https://clearinghouse.example.org/"),
        date=datetime(2027, 3, 29, 7, tzinfo=UTC),
    )
    assert message["List-Id"] == "Clearing house <digest.clearinghouse.example.org>"
    assert (message["List-Unsubscribe"].strip() if header else None) == header
    assert (message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click") is one_click
    assert message["Date"] == "Mon, 29 Mar 2027 07:00:00 +0000"
    assert [part.get_content_type() for part in message.iter_parts()] == [
        "text/plain",
        "text/html",
    ]


def test_recipients_file_errors_point_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "subscribers.txt"
    path.write_text("ana@example.org\nnot an address\n")
    with pytest.raises(ConfigError) as raised:
        read_recipients(replace(SETTINGS, recipients_file=path))
    assert raised.value.line == 2
    assert f"{path}:2: not an email address: 'not an address'" in raised.value.message


def test_missing_recipients_file(tmp_path: Path) -> None:
    settings = replace(SETTINGS, recipients_file=Path("subscribers.txt"))
    with pytest.raises(ConfigError, match="cannot read the digest recipients file"):
        read_recipients(settings, base=tmp_path)


def test_recipients_deduplicated_in_order(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("# comment\nben@example.org # old member\nAna@Example.org\n")
    settings = replace(
        SETTINGS, to=("ana@example.org", "ben@example.org"), recipients_file=Path("list.txt")
    )
    assert read_recipients(settings, base=tmp_path) == ("ana@example.org", "ben@example.org")


@pytest.mark.parametrize(
    ("to", "lines", "expected"),
    [
        (("a@x.org, b@y.org",), "", ("a@x.org", "b@y.org")),
        ((), "c@x.org, José <j@y.org>\n", ("c@x.org", "José <j@y.org>")),
        (('"Doe, Jane" <jane@x.org>',), "", ('"Doe, Jane" <jane@x.org>',)),
    ],
)
def test_a_list_of_recipients_on_one_line_is_each_of_them(
    tmp_path: Path, to: tuple[str, ...], lines: str, expected: tuple[str, ...]
) -> None:
    (tmp_path / "members.txt").write_text(lines, encoding="utf-8")
    settings = replace(SETTINGS, to=to, recipients_file=Path("members.txt") if lines else None)
    assert read_recipients(settings, base=tmp_path) == expected


@pytest.mark.parametrize("written", ["a@x.org, b@@y.org", "a@x.org; b@y.org"])
def test_a_list_with_a_bad_address_is_refused_whole(written: str) -> None:
    with pytest.raises(ConfigError, match="not an email address"):
        read_recipients(replace(SETTINGS, to=(written,)))
