"""Reading one date phrase in English, French or Spanish.

    parse_date("Date limite : 15 juillet 2027")            -> date(2027, 7, 15)
    parse_date("June 23", relative_to=published)           -> the next 23 June on or after it
    parse_date("5 May", relative_to=seen, prefer="past")   -> the latest 5 May on or before it
    parse_datetime("2027-06-23T10:00:00+02:00")             -> 2027-06-23 08:00 UTC
    parse_datetime("2027-06-23")                            -> 2027-06-23 12:00 UTC (midday)

The common shapes are read by compiled regular expressions (ISO dates,
numeric dates, "23 June 2027", "June 23, 2027", "1er mars", "1 de agosto de
2027"); anything else goes to dateparser, imported only when first needed and
restricted to the languages given. Numeric dates follow `date_order`: "DMY",
"MDY" or "YMD" (two-digit year first, 27/07/12; four-digit years first are
always read as year-month-day); by default MDY in English, DMY in French and
Spanish, and when the language is unknown MDY unless the first number cannot
be a month (> 12). A number that cannot be a month swaps the order (23/06/2027
is 23 June even in English).

A date without a year is resolved against `relative_to`: its next occurrence
on or after it with ``prefer="future"`` (a deadline), its latest occurrence on
or before it with ``prefer="past"`` (a publication date on a listing). With no
`relative_to` a year-less date gives None: these functions never read the
clock. Nothing here raises on junk; it returns None.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

DateOrder = Literal["DMY", "MDY", "YMD"]
Prefer = Literal["future", "past"]

LANGUAGES: tuple[str, ...] = ("en", "fr", "es")

#: Month names and abbreviations in English, French and Spanish (lower case, with
#: and without accents). One table serves every language: no name is ambiguous.
MONTHS: dict[str, int] = {
    # English
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # French
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2,
    "fév": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6,
    "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12, "déc": 12,
    # Spanish
    "enero": 1, "ene": 1, "febrero": 2, "marzo": 3, "abril": 4, "abr": 4,
    "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "ago": 8,
    "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11,
    "diciembre": 12, "dic": 12,
}  # fmt: skip

#: Weekday names and abbreviations in English, French and Spanish.
_WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado",
    "domingo",
)  # fmt: skip


def _alternation(names: Iterable[str]) -> str:
    """A pattern matching any of `names`, written as a trie ("ma(?:y|rs?)").

    The engine tries one letter per branch instead of every name in turn: four
    times quicker when searching a text. Longer names are tried first; a name
    here is always followed by a non-letter, so only one of them can match.
    """
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char
        ]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(trie)


_MONTH = _alternation(MONTHS)
_WEEKDAY = rf"{_alternation(_WEEKDAYS)}\.?,?\s+"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|º|°|o)?"

#: 2027-06-23 (also 2027/06/23).
_ISO = r"(?P<iso_y>\d{4})[-/](?P<iso_m>\d{1,2})[-/](?P<iso_d>\d{1,2})"
#: 23 June 2027, 23rd of June, 1er mars 2027, 1 de agosto de 2027, 15-Jul-2027.
#: A year-less date must not be followed by a number too long to be a time of day
#: ("31 December 99999" has a mistyped year, not none).
_NO_LONG_NUMBER = r"(?![\s,.-]*(?:(?:de|del)\s+)?\d{5})"
_DAY_MONTH = (
    rf"(?:{_WEEKDAY})?(?P<dm_d>\d{{1,2}}){_ORDINAL}(?:\s*(?:of|de)\s+|[\s.-]+)"
    rf"(?P<dm_m>{_MONTH})\.?(?:[\s,.-]*(?:(?:de|del)\s+)?(?P<dm_y>\d{{4}})"
    rf"|-(?P<dm_y2>\d{{2}})(?!\d)|{_NO_LONG_NUMBER})"
)
#: June 23, 2027; June 23rd; Jun. 23 2027.
_MONTH_DAY = (
    rf"(?:{_WEEKDAY})?(?P<md_m>{_MONTH})\.?\s+(?P<md_d>\d{{1,2}}){_ORDINAL}"
    rf"(?:,?\s+(?P<md_y>\d{{4}})|{_NO_LONG_NUMBER})"
)
#: 12/07/2027, 12/07/27, 12/07; 12.07.2027 and 12-07-2027 only with a year; 30:04:2027
#: only with a full year (10:30:45 is a time of day).
_NUMERIC = (
    r"(?P<n_a>\d{1,2})/(?P<n_b>\d{1,2})(?:/(?P<n_y>\d{4}|\d{2}))?"
    r"|(?P<p_a>\d{1,2})(?:(?P<p_sep>[.-])(?P<p_b>\d{1,2})(?P=p_sep)(?P<p_y>\d{4}|\d{2})"
    r"|:(?P<c_b>\d{1,2}):(?P<c_y>\d{4}))"
)

#: Any date shape the fast path reads; also used to find dates inside a text.
DATE_PATTERN = re.compile(
    rf"(?<![\w/.-])(?:{_ISO}|{_DAY_MONTH}|{_MONTH_DAY}|{_NUMERIC})(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_TIME = re.compile(r"\d{1,2}:\d{2}|\d{1,2}\s*(?:am|pm|h\d{0,2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date phrase found in a text, and where."""

    start: int
    end: int
    text: str


def find_dates(text: str, starts: list[int] | None = None) -> tuple[DateMatch, ...]:
    """Every date-shaped phrase in `text` that the fast path can read, in order.

    Cheap (one compiled regular expression, tried only next to digits); meant
    for locating candidates next to a deadline phrase before reading them with
    `parse_date`. `starts`: `date_starts(text)`, when the caller has them already.
    """
    return tuple(
        DateMatch(m.start(), m.end(), m.group(0)) for m in near_digits(DATE_PATTERN, text, starts)
    )


_DIGIT_RUN = re.compile(r"\d+")


def near_digits(
    pattern: re.Pattern[str], text: str, starts: list[int] | None = None
) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, for a date pattern: one whose
    matches start at a digit, or at a word (a weekday, a month) or two words
    before their first digit, each word followed by "." or "," and spaces, and
    not after a letter or digit ("Monday, June 5", "Sept. 5", "du jeudi 24").

    The regular expression engine tries a date pattern at every character of
    the text, which costs most of reading dates; here it is tried only where a
    match can start: at each run of digits and at the one or two words before
    it. Those are tried in order, each from the end of the last match, as
    finditer does. `starts`: `date_starts(text)`, found once for a text that
    several patterns read.
    """
    end = 0
    match = pattern.match
    for start in date_starts(text) if starts is None else starts:
        if start >= end:
            found = match(text, start)
            if found is not None:
                yield found
                end = found.end()


def date_starts(text: str) -> list[int]:
    """Where in `text` a date pattern's match may start (`near_digits`), in order."""
    starts: set[int] = set()
    for run in _DIGIT_RUN.finditer(text):
        digit = run.start()
        starts.add(digit)
        word = _word_before(text, digit)
        if word >= 0:
            starts.add(word)
            earlier = _word_before(text, word)
            if earlier >= 0:
                starts.add(earlier)
    return sorted(starts)


def _word_before(text: str, end: int) -> int:
    """Where the word before the spaces before `end` starts (back over "." and ","
    after it, and every letter, digit and "_" of it: where `\\w` stops), or -1."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == end:
        return -1
    while i > 0 and text[i - 1] in ".,":
        i -= 1
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return start if start < i else -1


def parse_date(
    text: str,
    *,
    language: str | None = None,
    date_order: str | None = None,
    relative_to: datetime | None = None,
    prefer: Prefer = "future",
) -> date | None:
    """The date `text` names, or None if it names none (never raises).

    `language` is "en", "fr" or "es" (None: any of them); `date_order` "DMY"
    or "MDY" for numeric dates; `relative_to` resolves year-less and relative
    dates, in the direction `prefer` says.
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 200:
        return None
    language = normalise_language(language)
    base = relative_to.date() if relative_to is not None else None
    try:
        return _parse_date_cached(text, language, _order(date_order), base, prefer)
    except Exception:  # dateparser raises assorted errors on odd input
        return None


def parse_datetime(
    text: str,
    *,
    language: str | None = None,
    date_order: str | None = None,
    relative_to: datetime | None = None,
    prefer: Prefer = "future",
) -> datetime | None:
    """A UTC-aware datetime from `text` (ISO 8601 first); a bare date is noon UTC
    (`midday`).

    A naive time is taken as UTC. None when nothing parses (never raises).
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip()
    if not text or len(text) > 200:
        return None
    iso = _parse_iso_datetime(text)
    if iso is not None:
        return iso
    if _TIME.search(text):
        found = _dateparser_datetime(
            text, normalise_language(language), _order(date_order), relative_to, prefer
        )
        if found is not None:
            return found
    day = parse_date(
        text, language=language, date_order=date_order, relative_to=relative_to, prefer=prefer
    )
    return midday(day) if day is not None else None


def midday(day: date) -> datetime:
    """The moment a date given without a time stands for: noon UTC, which is the
    same day everywhere from UTC-11 to UTC+11 (midnight UTC is the day before in
    Lima or Bogotá)."""
    return datetime.combine(day, time(12), tzinfo=UTC)


def normalise_language(language: str | None) -> str | None:
    """The bare language code: "en-US" -> "en", "FR" -> "fr"; empty or not a code -> None."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return code if _LANGUAGE_CODE.fullmatch(code) else None


# --- internals ---------------------------------------------------------------


def _order(date_order: str | None) -> DateOrder | None:
    if date_order is None:
        return None
    upper = date_order.strip().upper()
    if upper == "DMY":
        return "DMY"
    if upper == "MDY":
        return "MDY"
    if upper == "YMD":
        return "YMD"
    return None


@lru_cache(maxsize=4096)
def _parse_date_cached(
    text: str,
    language: str | None,
    date_order: DateOrder | None,
    base: date | None,
    prefer: Prefer,
) -> date | None:
    match = DATE_PATTERN.search(text)
    if match is not None:
        return _read_match(match, language, date_order, base, prefer)
    return _dateparser_date(text, language, date_order, base, prefer)


def _read_match(
    match: re.Match[str],
    language: str | None,
    date_order: DateOrder | None,
    base: date | None,
    prefer: Prefer,
) -> date | None:
    groups = match.groupdict()
    if groups["iso_y"]:
        return _make(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
    if groups["dm_d"]:
        day, month = groups["dm_d"], MONTHS[groups["dm_m"].lower()]
        year = groups["dm_y"] or (f"20{groups['dm_y2']}" if groups["dm_y2"] else None)
    elif groups["md_d"]:
        day, month, year = groups["md_d"], MONTHS[groups["md_m"].lower()], groups["md_y"]
    else:
        first = int(groups["n_a"] or groups["p_a"])
        second = int(groups["n_b"] or groups["p_b"] or groups["c_b"])
        last = groups["n_y"] or groups["p_y"] or groups["c_y"]
        if date_order == "YMD" and last is not None:
            return _make(2000 + first, second, int(last))  # 27/07/12: 12 July 2027
        order = date_order if date_order in ("DMY", "MDY") else _default_order(language, first)
        if order == "MDY" and first > 12 >= second:
            order = "DMY"  # 23/06/2027 can only be day first
        elif order == "DMY" and second > 12 >= first:
            order = "MDY"
        d, m = (first, second) if order == "DMY" else (second, first)
        return _complete(d, m, _full_year(last), base, prefer)
    return _complete(int(day), month, int(year) if year else None, base, prefer)


def _default_order(language: str | None, first: int) -> DateOrder:
    if language in ("fr", "es"):
        return "DMY"
    if language == "en":
        return "MDY"
    return "DMY" if first > 12 else "MDY"


def _full_year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _complete(
    day: int, month: int, year: int | None, base: date | None, prefer: Prefer
) -> date | None:
    """A full date; a year-less one resolved against `base` in the preferred direction."""
    if year is not None:
        return _make(year, month, day)
    if base is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    step = 1 if prefer == "future" else -1
    for offset in range(9):  # 29 February recurs within 8 years
        candidate = _make(base.year + step * offset, month, day)
        if candidate is None:
            continue
        if (prefer == "future" and candidate >= base) or (prefer == "past" and candidate <= base):
            return candidate
    return None


def _parse_iso_datetime(text: str) -> datetime | None:
    if not (len(text) >= 10 and text[:4].isdigit() and text[4] == "-"):
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:  # a date alone: "2027-06-23"
        return midday(value.date())
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# --- dateparser, for the shapes the regular expressions do not read -----------


@lru_cache(maxsize=64)
def _date_data_parser(
    languages: tuple[str, ...], settings: tuple[tuple[str, Any], ...]
) -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages),
        settings={key: list(v) if isinstance(v, tuple) else v for key, v in settings},
    )


def _dateparser_settings(
    date_order: DateOrder | None, base: datetime | None, prefer: Prefer, aware: bool
) -> tuple[tuple[str, Any], ...]:
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": prefer,
        "REQUIRE_PARTS": ["day", "month"],
        # Relative phrases ("tomorrow", "in 3 days") only make sense against a base.
        "PARSERS": ["absolute-time", "relative-time"] if base else ["absolute-time"],
    }
    if date_order:
        settings["DATE_ORDER"] = date_order
    if base is not None:
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
    if aware:
        settings["RETURN_AS_TIMEZONE_AWARE"] = True
        settings["TO_TIMEZONE"] = "UTC"
    else:
        settings["RETURN_AS_TIMEZONE_AWARE"] = False
    return tuple((key, tuple(v) if isinstance(v, list) else v) for key, v in settings.items())


def _run_dateparser(
    text: str,
    language: str | None,
    date_order: DateOrder | None,
    base: datetime | None,
    prefer: Prefer,
    aware: bool,
) -> datetime | None:
    if base is None and not _YEAR.search(text):
        return None  # a year-less date needs a base, and the clock is not one
    languages = (language,) if language in LANGUAGES else LANGUAGES
    frozen = _dateparser_settings(date_order, base, prefer, aware)
    parser = _date_data_parser(languages, frozen)
    data = parser.get_date_data(text)
    value = data["date_obj"] if data else None
    return value if isinstance(value, datetime) else None


def _dateparser_date(
    text: str,
    language: str | None,
    date_order: DateOrder | None,
    base: date | None,
    prefer: Prefer,
) -> date | None:
    base_time = datetime.combine(base, time(12)) if base is not None else None
    value = _run_dateparser(text, language, date_order, base_time, prefer, aware=False)
    return value.date() if value is not None else None


def _dateparser_datetime(
    text: str,
    language: str | None,
    date_order: DateOrder | None,
    relative_to: datetime | None,
    prefer: Prefer,
) -> datetime | None:
    try:
        value = _run_dateparser(text, language, date_order, relative_to, prefer, aware=True)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
