"""How an item's dates are read, shared by the call and event readers.

`_DateReader` holds an item's language, its numeric date order (`_date_order`:
day or month first) and the reference a year-less date is read from; `_Dated`
is a date found after a deadline or milestone phrase. Day ranges, weekday
names and the milestones that never close a call are here because both
`calls` and `events` (and, for the milestones, `kind`) read them.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import NamedTuple

from aggregator.classify.text import _Hit, _sentence_bounds, _Text, fold
from aggregator.dates import DATE_PATTERN, MONTHS, near_digits
from aggregator.types import KeyDateKind

#: A deadline is at most this long before a dated item's publication, and at most
#: this long after it (after the run, for an undated item): "31 December 9999" or
#: "the 2012 deadline" in a call of 2027 is not read as one.
DEADLINE_PAST_LIMIT = timedelta(days=366)
DEADLINE_FUTURE_LIMIT = timedelta(days=10 * 366)


class _DateReader(NamedTuple):
    """How to read the dates of one item."""

    language: str | None
    date_order: str | None
    reference: datetime
    #: The earliest and latest day a deadline can be.
    window: tuple[date, date]


class _Dated(NamedTuple):
    """A date read after a deadline (or milestone) phrase."""

    day: date
    phrase: str
    extension: bool
    #: The milestone its sentence names before it ("concept notes", "questions"), if any.
    milestone: KeyDateKind | None
    #: Which text (0 the title, 1 the summary and content), and where the date starts.
    text: int
    start: int
    sentence: tuple[int, int]
    #: The first day of the window the date closes ("du 5 janvier au 20 février"), if any.
    opens: date | None = None


#: Milestones whose date is never the deadline: they do not close the call ("other": a
#: site visit, a pre-bid meeting).
_NOT_BINDING: frozenset[str] = frozenset(
    {"information-session", "questions", "results", "start", "event", "other"}
)


def _about_results(text: _Text, hit: _Hit) -> bool:
    """ "Results will be published in June": the future tense is not the call's."""
    begin, end = _sentence_bounds(text, hit.start, hit.end)
    return any(
        begin <= h.start < end and h.entry.value in _NOT_BINDING
        for h in text.of_category("milestone")
    )


#: 12/07/2027, 12.07.2027, 12-07-2027: the two numbers and the separator.
#: The first digit comes first, and what may not stand before it is checked after it:
#: a pattern that opens with a digit is tried only at digits, not at every character.
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.]\d)\d?)([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/])")
#: Words of a text written in the United States, where dates are month first.
_US_CUES = re.compile(
    r"\b(?:E[SD]?T|P[SD]?T|C[SD]T|Eastern Time|Pacific Time|U\.S\.|USAID|United States)\b"
)


def _date_order(language: str | None, text: str) -> str | None:
    """How an English text writes numeric dates, from the text itself.

    French and Spanish write the day first (the default for them). English
    written in Africa, Europe and Latin America does too; the United States
    writes the month first. A number over 12 or a dotted date tells; else
    US words ("EST", "USAID"); else words-dates ("June 30" against "30 June");
    else the day first.
    """
    if language != "en":
        return None
    numeric = _NUMERIC_DATE.findall(text)
    if not numeric:
        return None  # no numeric date to read: the order does not matter
    for first, separator, second in numeric:
        if int(first) > 12 >= int(second) or separator == ".":
            return "DMY"
        if int(second) > 12 >= int(first):
            return "MDY"
    if _US_CUES.search(text):
        return "MDY"
    month_first = day_first = 0
    for match in near_digits(DATE_PATTERN, text):
        month_first += match.group("md_d") is not None
        day_first += match.group("dm_d") is not None
    return "MDY" if month_first > day_first else "DMY"


def _same_month(day: date | None, number: int) -> date | None:
    """The day `number` of `day`'s month, if there is one."""
    if day is None:
        return None
    try:
        return day.replace(day=number)
    except ValueError:
        return None


_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY_WORD = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado"
    r"|domingo)\.?,?\s+"
)
#: "2-4 May 2027", "du jeudi 24 au samedi 26 septembre", "del 2 al 4 de mayo de 2027",
#: "14 and 15 October", "25, 26 y 27 de noviembre", "10, 17 y 24 de junio",
#: "el viernes 4 y el sábado 5 de diciembre".
_DAY_RANGE = re.compile(
    rf"(?<![\w/.-])(?:{_WEEKDAY_WORD})?(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er)?"
    rf"(?:\s*,\s*(?:{_WEEKDAY_WORD})?\d{{1,2}})*"
    rf"\s*(?:-|–|—|/|to|au|al|and|et|y|&|,)\s*(?:(?:the|el|le)\s+)?(?:{_WEEKDAY_WORD})?"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?"
    rf"(?P<month>{_MONTH_NAMES})\.?(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?(?![\w])",
    re.IGNORECASE,
)


_WEEKDAY_NAMES = (
    ("monday", "lundi", "lunes"),
    ("tuesday", "mardi", "martes"),
    ("wednesday", "mercredi", "miercoles"),
    ("thursday", "jeudi", "jueves"),
    ("friday", "vendredi", "viernes"),
    ("saturday", "samedi", "sabado"),
    ("sunday", "dimanche", "domingo"),
)
#: Each weekday's name (folded) and its number, Monday 0.
_WEEKDAY_NUMBERS = {name: number for number, names in enumerate(_WEEKDAY_NAMES) for name in names}
_WEEKDAY_ALTERNATION = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi"
_WEEKDAY_ALTERNATION += r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[eé]rcoles|jueves"
_WEEKDAY_ALTERNATION += r"|viernes|s[aá]bado|domingo)"
#: How far ahead a weekday with its day number ("el próximo martes 28") is looked for.
_RELATIVE_WEEKDAY_AHEAD = 62


def _next_weekday(name: str, number: str | None, after: date, *, strict: bool) -> date | None:
    """The first day on or after `after` (after it, if `strict`) with that weekday and,
    if given, that day of the month."""
    weekday = _WEEKDAY_NUMBERS.get(fold(name))
    if weekday is None:
        return None
    day = after + timedelta(days=1) if strict else after
    for _ in range(_RELATIVE_WEEKDAY_AHEAD if number else 7):
        if day.weekday() == weekday and (number is None or day.day == int(number)):
            return day
        day += timedelta(days=1)
    return None
