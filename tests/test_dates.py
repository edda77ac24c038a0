"""Reading date phrases in English, French and Spanish."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime

import pytest

from aggregator.dates import (
    DATE_PATTERN,
    find_dates,
    normalise_language,
    parse_date,
    parse_datetime,
)

MARCH_4 = datetime(2027, 3, 4, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("23 June 2027", None, date(2027, 6, 23)),
        ("June 23, 2027", "en", date(2027, 6, 23)),
        ("Monday, June 23rd, 2027", None, date(2027, 6, 23)),
        ("the 23rd of June 2027", "en", date(2027, 6, 23)),
        ("Sept. 12, 2027", "en", date(2027, 9, 12)),
        ("15 juillet 2027", "fr", date(2027, 7, 15)),
        ("1er mars 2027", "fr", date(2027, 3, 1)),
        ("vendredi 12 septembre 2027", None, date(2027, 9, 12)),
        ("12 sept. 2027", "fr", date(2027, 9, 12)),
        ("30 AOÛT 2027", "fr", date(2027, 8, 30)),
        ("1 de agosto de 2027", "es", date(2027, 8, 1)),
        ("15 de septiembre del 2027", "es", date(2027, 9, 15)),
        ("miércoles 3 de noviembre de 2027", None, date(2027, 11, 3)),
        ("2027-06-23", None, date(2027, 6, 23)),
        ("2027/06/23", None, date(2027, 6, 23)),
        ("Deadline: 30 June 2027, 17:00 CET", "en", date(2027, 6, 30)),
        ("le 3 mars 2027 à 16 h", "fr", date(2027, 3, 3)),
    ],
)
def test_dates_with_a_year(text: str, language: str | None, expected: date) -> None:
    assert parse_date(text, language=language) == expected
    assert parse_date(text, language=language, relative_to=MARCH_4) == expected


@pytest.mark.parametrize(
    ("text", "language", "date_order", "expected"),
    [
        ("12/07/2027", "en", None, date(2027, 12, 7)),
        ("12/07/2027", "fr", None, date(2027, 7, 12)),
        ("12/07/2027", "es", None, date(2027, 7, 12)),
        ("12/07/2027", None, None, date(2027, 12, 7)),
        ("12/07/2027", "en", "DMY", date(2027, 7, 12)),
        ("12/07/2027", "fr", "MDY", date(2027, 12, 7)),
        ("23/06/2027", None, None, date(2027, 6, 23)),
        ("23/06/2027", "en", None, date(2027, 6, 23)),
        ("06/23/2027", "fr", None, date(2027, 6, 23)),
        ("12.07.2027", "fr", None, date(2027, 7, 12)),
        ("12-07-2027", "es", None, date(2027, 7, 12)),
        ("12/07/27", "fr", None, date(2027, 7, 12)),
        ("31/02/2027", "fr", None, None),
        ("27/07/12", "en", "YMD", date(2027, 7, 12)),
        ("2027/07/12", "en", "DMY", date(2027, 7, 12)),
        ("12/07/2027", "es", "dmy", date(2027, 7, 12)),
        ("12/07/2027", "es", "XYZ", date(2027, 7, 12)),
        ("30:04:2027", "es", None, date(2027, 4, 30)),
    ],
)
def test_numeric_dates_follow_the_date_order(
    text: str, language: str | None, date_order: str | None, expected: date | None
) -> None:
    assert parse_date(text, language=language, date_order=date_order) == expected


@pytest.mark.parametrize(
    ("text", "prefer", "expected"),
    [
        ("June 23", "future", date(2027, 6, 23)),
        ("June 23", "past", date(2026, 6, 23)),
        ("5 May", "future", date(2027, 5, 5)),
        ("le 3 mars", "future", date(2028, 3, 3)),
        ("le 3 mars", "past", date(2027, 3, 3)),
        ("4 mars", "future", date(2027, 3, 4)),
        ("4 mars", "past", date(2027, 3, 4)),
        ("hasta el 15 de septiembre", "future", date(2027, 9, 15)),
        ("12/07", "future", date(2027, 12, 7)),
        ("29 February", "future", date(2028, 2, 29)),
        ("29 February", "past", date(2024, 2, 29)),
        ("tomorrow", "future", date(2027, 3, 5)),
        ("3 days ago", "past", date(2027, 3, 1)),
        ("hace 3 días", "past", date(2027, 3, 1)),
        ("hier", "past", date(2027, 3, 3)),
    ],
)
def test_dates_without_a_year_resolve_against_relative_to(
    text: str, prefer: str, expected: date
) -> None:
    assert parse_date(text, relative_to=MARCH_4, prefer=prefer) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["June 23", "le 3 mars", "tomorrow", "3 days ago"])
def test_a_date_without_a_year_needs_relative_to(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "junk",
        "call for proposals",
        "1.5 million",
        "mi-juillet 2027",
        "x" * 500,
        "99/99/9999",
        "10:30:45",
    ],
)
def test_junk_gives_none(text: str) -> None:
    assert parse_date(text, relative_to=MARCH_4) is None
    assert parse_datetime(text) is None


def test_non_text_gives_none() -> None:
    assert parse_date(None) is None  # type: ignore[arg-type]
    assert parse_datetime(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-06-23T10:00:00+02:00", datetime(2027, 6, 23, 8, 0, tzinfo=UTC)),
        ("2027-06-23T10:00:00Z", datetime(2027, 6, 23, 10, 0, tzinfo=UTC)),
        ("2027-06-23 10:00", datetime(2027, 6, 23, 10, 0, tzinfo=UTC)),
        ("2027-06-23", datetime(2027, 6, 23, 12, 0, tzinfo=UTC)),  # a day alone: noon UTC
        ("23 June 2027", datetime(2027, 6, 23, 12, 0, tzinfo=UTC)),
        ("Wed, 23 Jun 2027 10:00:00 GMT", datetime(2027, 6, 23, 10, 0, tzinfo=UTC)),
        ("23 juin 2027 14:30", datetime(2027, 6, 23, 14, 30, tzinfo=UTC)),
    ],
)
def test_parse_datetime_is_utc_aware(text: str, expected: datetime) -> None:
    found = parse_datetime(text)
    assert found == expected
    assert found is not None and found.tzinfo is not None


def test_find_dates_locates_each_date_phrase() -> None:
    text = "Deadline: 30 June 2027; the event is on 12/07/2027, for 1.5 million miners."
    found = find_dates(text)
    assert [m.text for m in found] == ["30 June 2027", "12/07/2027"]
    assert all(text[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mon. 5 May 2027 and Tues, June 3", ["Mon. 5 May 2027", "Tues, June 3"]),
        (
            "jeudi 1er mars, SÁBADO 2 de mayo de 2027",
            ["jeudi 1er mars", "SÁBADO 2 de mayo de 2027"],
        ),
        ("sept. 3, Sept 4, September 5 2027", ["sept. 3", "Sept 4", "September 5 2027"]),
        ("3 mars, 4 marzo, 5 march", ["3 mars", "4 marzo", "5 march"]),
        ("3 marsh, 4 junes, Monday5 May", []),  # whole names and numbers only
    ],
)
def test_find_dates_reads_each_month_and_weekday_name(text: str, found: list[str]) -> None:
    assert [m.text for m in find_dates(text)] == found


#: Pieces of text near dates: names, numbers, separators, words that only look alike.
_PIECES = (
    "Monday", "mon.", "Tues,", "jeudi", "SÁBADO", "miércoles", "June", "Sept.", "juin",
    "1er", "de", "del", "of", "au", "al", "to", "and", "y", "-", "–", "/", ".", ",", ":",
    "5", "23", "2027", "12/07", "12.07.27", "2027-06-23", "99999", "x", "marsh", "_",
    "(", ")", "\n", " ", "  ", "\u00a0",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(8))
def test_find_dates_finds_what_the_pattern_finds_everywhere_in_the_text(seed: int) -> None:
    """Dates are looked for only next to digits: never one fewer, never one more."""
    chance = random.Random(seed)
    for _ in range(500):
        text = "".join(chance.choice(_PIECES) + chance.choice(("", " ", " ")) for _ in range(12))
        expected = [(m.start(), m.group()) for m in DATE_PATTERN.finditer(text)]
        assert [(m.start, m.text) for m in find_dates(text)] == expected, text


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("en-US", "en"),
        ("FR", "fr"),
        ("es_CO", "es"),
        ("", None),
        (None, None),
        ('en" onmouseover="alert(1)', None),  # a partner's junk is no language
        ("english", None),
    ],
)
def test_normalise_language(given: str | None, expected: str | None) -> None:
    assert normalise_language(given) == expected
