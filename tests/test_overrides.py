"""overrides.yaml: the secretariat's corrections, loaded, applied and written back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from aggregator.errors import ConfigError
from aggregator.overrides import apply_override, load_overrides, write_override
from aggregator.types import EventDates, Item, Override, SourceRef

WHEN = datetime(2027, 3, 1, 9, tzinfo=UTC)
URL = "https://partner.example/calls/gold-2027"


def item(**changes: object) -> Item:
    base = Item(
        id="i1",
        url=URL,
        link=URL + "?utm_source=x",
        title="Gold traceability",
        summary="",
        published=WHEN,
        first_seen=WHEN,
        updated=WHEN,
        kind="news",
        kind_reason="default",
        deadline=None,
        deadline_phrase=None,
        language="en",
        tags=(),
        sources=(SourceRef(name="P", link=URL),),
        confidence=0.55,
    )
    import dataclasses

    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            Override(URL, kind="call", deadline=date(2027, 4, 30)),
            {"kind": "call", "deadline": date(2027, 4, 30), "status": "open", "confidence": 1.0},
        ),
        (Override(URL, kind="call"), {"kind": "call", "status": "rolling"}),
        (Override(URL, status="closed"), {"status": "closed"}),
        (Override(URL, no_deadline=True), {"deadline": None}),
        (
            Override(
                URL, kind="event", event=EventDates(date(2027, 5, 2), date(2027, 5, 4), False)
            ),
            {"kind": "event", "event": EventDates(date(2027, 5, 2), date(2027, 5, 4), False)},
        ),
    ],
)
def test_a_correction_replaces_what_was_read(
    override: Override, expected: dict[str, object]
) -> None:
    corrected = apply_override(item(), {URL: override})
    assert corrected is not None
    assert {key: getattr(corrected, key) for key in expected} == expected
    assert corrected.corrected


def test_a_hidden_item_is_gone_and_others_are_untouched() -> None:
    overrides = {URL: Override(URL, hidden=True)}
    assert apply_override(item(), overrides) is None
    other = item(url="https://partner.example/news/other", link=None)
    assert apply_override(other, overrides) is other


def test_a_call_corrected_to_news_loses_its_deadline() -> None:
    call = item(kind="call", deadline=date(2027, 4, 30), status="open")
    corrected = apply_override(call, {URL: Override(URL, kind="news")})
    assert corrected is not None
    assert (corrected.kind, corrected.deadline, corrected.status) == ("news", None, None)


def test_the_file_is_read_by_canonical_url(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "# checked by the secretariat\n"
        f"{URL}?utm_campaign=feed:\n  kind: call\n  deadline: 2027-04-30\n"
        "https://partner.example/news/spam:\n  hidden: true\n",
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    corrected = apply_override(item(), overrides)
    assert corrected is not None and corrected.deadline == date(2027, 4, 30)
    assert load_overrides(tmp_path / "missing.yaml") == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"{URL}:\n  kind: grant\n",
            "overrides.yaml:1: https://partner.example/calls/gold-2027: "
            "kind 'grant' is not one of call, event, news",
        ),
        (f"{URL}:\n  deadline: 30/04/2027\n", "is not a date (write it as YYYY-MM-DD)"),
        (f"{URL}:\n  dedline: 2027-04-30\n", "unknown correction 'dedline'"),
        ("gold-2027:\n  kind: call\n", "keyed by the item's URL"),
        (f"{URL}:\n  event: {{end: 2027-05-04}}\n", "event needs a start date"),
        ("- one\n- two\n", "must map item URLs to corrections"),
        (f"{URL}: [\n", "not valid YAML"),
    ],
)
def test_a_mistake_in_the_file_is_one_line_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_overrides(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_writing_a_correction_keeps_the_files_comments_and_entries(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(
        "# checked by the secretariat\n"
        "https://partner.example/news/spam:\n  hidden: true  # a duplicate of the EPRM post\n",
        encoding="utf-8",
    )
    write_override(path, URL + "?utm_source=feed", {"kind": "call", "deadline": date(2027, 4, 30)})
    write_override(path, URL, {"deadline": None})
    text = path.read_text(encoding="utf-8")
    assert "# checked by the secretariat" in text
    assert "# a duplicate of the EPRM post" in text
    overrides = load_overrides(path)
    assert overrides[URL].kind == "call" and overrides[URL].no_deadline
    assert overrides["https://partner.example/news/spam"].hidden


def test_writing_refuses_what_would_not_load(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yaml"
    with pytest.raises(ConfigError):
        write_override(path, URL, {"status": "maybe"})
    assert not path.exists()
