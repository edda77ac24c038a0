"""An event's dates and whether it is held online.

`_event_dates` finds the day or span an event is held on near the start of its
text: written dates and ranges ("du 5 au 7 mai", "May 5-7"), weekdays ("next
Tuesday"), "tomorrow", skipping dates of registration, of past sentences and
of earlier editions; `_online` reads the online, on-site and hybrid phrases.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from aggregator.classify.days import (
    _DAY_RANGE,
    _MONTH_NAMES,
    _WEEKDAY_ALTERNATION,
    _WEEKDAY_NUMBERS,
    DEADLINE_PAST_LIMIT,
    _Dated,
    _DateReader,
    _next_weekday,
    _same_month,
)
from aggregator.classify.text import (
    _DIGIT,
    _SENTENCE_END,
    _about_former,
    _full_sentence_start,
    _sentence_bounds,
    _Text,
    fold,
)
from aggregator.dates import date_starts, find_dates, near_digits, parse_date
from aggregator.types import EventDates

#: A date this near the start of a text, on the day it was published, is its dateline.
DATELINE_CHARS = 40
#: Characters of the text in which an event's own dates are looked for.
EVENT_DATES_CHARS = 1_000


def _event_dates(
    texts: tuple[_Text, ...], read: _DateReader, registration: list[_Dated]
) -> EventDates | None:
    """The first and last day of an event, from its first date still to come."""
    today = read.reference.date()
    skip = {(d.text, d.start) for d in registration}
    spans: list[tuple[date, date]] = []
    told_past: set[tuple[date, date]] = set()
    weeks: set[tuple[date, date]] = set()
    labelled: set[tuple[date, date]] = set()
    around: set[tuple[date, date]] = set()
    titled: set[date] = set()
    session = _SESSION_TITLE.search(texts[0].folded) is not None
    for index, text in enumerate(texts):
        for start, first, last in _date_spans(text, read):
            if (index, start) in skip or _in_registration(text, start):
                continue
            if (
                index == 1
                and start < DATELINE_CHARS
                and first == today
                and not _OPENS_TODAY.match(text.original, start)
            ):
                continue  # a dateline: "Lubumbashi, 2 juin – …"
            if _in_past_sentence(text, start) or _about_former(
                text, _sentence_bounds(text, start, start + 1)
            ):
                # "el foro, celebrado del 4 al 6 de noviembre": a recap's dates, even
                # when a year-less date reads as next year's
                told_past.add((first, last))
                continue
            if _MOVED_FROM.search(text.original, max(0, start - 40), start) or _WAS_DUE.search(
                text.original, max(0, start - 60), start
            ):
                # "which was due to take place from 6-8 October 2026, has been moved to
                # 15-17 June 2027": the old days
                told_past.add((first, last))
                continue
            if session and _LARGER_GATHERING.search(
                text.folded,
                _full_sentence_start(text, start),
                _sentence_bounds(text, start, start + 1)[1],
            ):
                around.add((first, last))
            if _WEEK_OF.search(text.original, max(0, start - 24), start):
                weeks.add((first, last))
            if _WHEN_LABEL.search(text.original, max(0, start - 40), start) or (
                index == 1 and _heading_day(text.original, start)
            ):
                labelled.add((first, last))
            if index == 0 and first == last and first > today:
                titled.add(first)
            spans.append((first, last))
    spans = [span for span in spans if span not in told_past]
    if not spans:
        return None
    # "Forum hosts Great Lakes ministers on 19 Nov", over "the forum's digital week runs
    # from 16 to 20 November": a day to come that the title gives, inside a longer span
    # of the text but not its first day, is the post's own event (a title's "opens 15
    # December" over "from 15 to 17 December" is the gathering's first day, not all of it)
    labelled |= {(day, day) for day in titled if any(a < day <= b for a, b in spans if a < b)}
    ahead = [span for span in spans if span[1] >= today]
    # "When: Wednesday 4 November", below "the COP meets from 2 to 6 November": the
    # gathering's own line
    ahead = [span for span in ahead if span in labelled] or ahead
    if session:
        # "Join our workshop … at Lubumbashi Mining Week": the session's own day, inside
        # the days of the larger gathering it is held during
        inside = [
            span
            for span in ahead
            if span[0] == span[1]
            and any(a < b and a <= span[0] <= b for a, b in around if (a, b) != span)
        ]
        if inside:
            ahead = inside
            labelled.add(inside[0])
    first, last = ahead[0] if ahead else spans[0]
    if (first, last) in weeks:
        narrowed = _within_week(first, last, spans)
        if narrowed != (first, last):
            # "la semaine du 16 novembre … du mardi 17 au jeudi 19": the week's first day
            # only named the week
            spans = [span for span in spans if span not in weeks]
        first, last = narrowed
    if (first, last) in labelled:
        # a labelled day is not widened to the larger gathering it is held during
        spans = [span for span in spans if span in labelled]
    first, last = _widened(first, max(first, last), spans)
    return EventDates(start=first, end=last, online=_online(texts))


#: Words before an event's old days, when it was moved: "which was due to take place
#: from", "initialement prévu du", "devait se tenir le week-end des", "inicialmente
#: prevista para el", "no se realizará del 20 al 22 de octubre, como estaba previsto".
_MOVED_FROM = re.compile(
    r"\b(?:was\s+due\s+to\s+(?:take\s+place|be\s+held)|was\s+(?:scheduled|planned)"
    r"|will\s+(?:not|no\s+longer)\s+(?:take\s+place|be\s+held)|first\s+set\s+for"
    r"|no\s+se\s+(?:realizar|celebrar|llevar)[áa]|no\s+tendr[áa]\s+lugar"
    r"|ne\s+se\s+tiendra\s+pas|n'aura\s+pas\s+lieu"
    r"|(?:originally|initially)\s+(?:scheduled|planned|set|due)"
    r"|(?:pr[ée]vue?s?|programm[ée]e?s?|previst[oa]s?|programad[oa]s?|planned|scheduled)"
    r"\s+(?:initialement|inicialmente|originalmente|originally|initially)"
    r"|(?:initialement|inicialmente)\s+(?:pr[ée]vue?s?|programm[ée]e?s?|previst[oa]s?"
    r"|programad[oa]s?)|estaba\s+previst[oa]|(?:était|étaient)\s+prévue?s?)\b[^.;!?\d]{0,30}$",
    re.IGNORECASE,
)
#: The same, when the words of the old plan stand right before its days ("devait se
#: tenir le week-end des 27 et 28 mars"; not "qui devait se tenir à Goma aura lieu le 12
#: décembre à Bukavu", a change of place).
_WAS_DUE = re.compile(
    r"\b(?:devai(?:t|ent)\s+(?:se\s+tenir|avoir\s+lieu|se\s+d[ée]rouler)"
    r"|deb[ií]an?\s+(?:celebrarse|realizarse|llevarse\s+a\s+cabo))\s+"
    r"(?:(?:le|les|du|des|au|el|los|del|ce|cette|este|week-end|fin\s+de\s+semana)\s+){0,3}$",
    re.IGNORECASE,
)
#: A title naming one session of a gathering (folded words).
_SESSION_TITLE = re.compile(
    r"\b(?:workshop|session|side event|panel|roundtable|round table|webinar|atelier"
    r"|table ronde|sesion|taller|mesa redonda|conversatorio)\b"
)
#: Words naming a larger gathering that sessions are held during (folded words).
_LARGER_GATHERING = re.compile(
    r"\b(?:week|conference|forum|expo|exhibition|congress|summit|fair|semaine|salon"
    r"|congres|sommet|foire|semana|conferencia|foro|feria|congreso|cumbre|convention"
    r"|convencion|conference of the parties)\b"
)
#: A line's label that gives the gathering's day: "When:", "Date :", "Fechas:",
#: "Quand ?", "Fecha y hora:", a weekday after it ("When: Wednesday 4 November").
_WHEN_LABEL = re.compile(
    r"(?:^|\n)[^\S\n]*(?:when|date|dates|date\s+and\s+time|quand|date\s+et\s+heure"
    r"|fecha|fechas|cu[aá]ndo|fecha\s+y\s+hora|d[ií]a)[^\S\n]*[:?][^\S\n]*"
    r"(?:(?:" + _WEEKDAY_ALTERNATION + r")\.?,?[^\S\n]+)?$",
    re.IGNORECASE,
)
#: How long a text's first line may be to be a heading that holds only a day.
_HEADING_DAY_CHARS = 40
_HEADING_DAY = re.compile(
    r"[^\S\n]*(?:(?:" + _WEEKDAY_ALTERNATION + r")\.?,?[^\S\n]+)?$", re.IGNORECASE
)


def _heading_day(original: str, start: int) -> bool:
    """The date at `start` opens the text on a short line of its own, above the rest: a
    session's programme headed "Wednesday, March 10, 2027", then its chair and hours."""
    line_end = original.find("\n")
    return (
        0 < line_end <= _HEADING_DAY_CHARS
        and start < line_end
        and _HEADING_DAY.match(original, 0, start) is not None
    )


#: Words before a date that name the week it starts: "la semaine du 16 novembre", "the
#: week of 16 November", "la semana del 16 de noviembre".
_WEEK_OF = re.compile(
    r"(?:semaine|week|semana)\s+(?:du|of|del|de)\s+(?:the\s+|lundi\s+|monday\s+|lunes\s+)?$",
    re.IGNORECASE,
)


def _within_week(first: date, last: date, spans: list[tuple[date, date]]) -> tuple[date, date]:
    """The days a text gives inside the week it first named: "prévu pour la semaine du 16
    novembre … du mardi 17 au jeudi 19 novembre" runs 17-19 November."""
    week_end = first + timedelta(days=6)
    for begin, end in spans:
        if (begin, end) != (first, last) and first <= begin and max(begin, end) <= week_end:
            return begin, max(begin, end)
    return first, last


_ONE_DAY = timedelta(days=1)


def _widened(first: date, last: date, spans: list[tuple[date, date]]) -> tuple[date, date]:
    """The event's days widened to every span of dates that overlaps them, or ends on the
    day before them:
    "main sessions on 5 and 6 May, with partner-led sessions the same week, 4-7 May" runs
    4-7 May; "du 23 au 24 juin … d'abord une pré-conférence le 22 juin" runs 22-24 June."""
    grown = True
    while grown:
        grown = False
        for begin, end in spans:
            end = max(begin, end)
            overlaps = begin <= last and end >= first
            # "d'abord une pré-conférence … le 22 juin", before "du 23 au 24 juin"; not a
            # recording or a reception the day after
            day_before = end == first - _ONE_DAY
            if (overlaps or day_before) and (begin < first or end > last):
                first, last, grown = min(first, begin), max(last, end), True
    return first, last


#: How near a date the words telling of the gathering in the past must stand: before
#: it ("celebrado del 4 al 6", "tenues du 14 au 17 avril") or after it ("23 y 24 de
#: julio se realizó").
_PAST_BEFORE = 40
_PAST_AFTER = 60


def _in_past_sentence(text: _Text, start: int) -> bool:
    """A date told of in the past tense ("was held on", "se realizó"), in a sentence
    that does not also announce a gathering ("will take place")."""
    past = text.of_category("event-past") + text.of_category("event-opened")
    if not past:
        return False
    original = text.original
    near = False
    for hit in past:
        if start - _PAST_BEFORE <= hit.end <= start:
            # "celebrada en 2025, la feria vuelve del 3 al 5 de junio": another date between
            near = near or not _DIGIT.search(original, hit.end, start)
        elif start < hit.start <= start + _PAST_AFTER:
            near = near or not _SENTENCE_END.search(original, start, hit.start)
    if not near:
        return False
    begin, end = _sentence_bounds(text, start, start + 1)
    return not any(begin <= h.start < end for h in text.of_category("cue", "event"))


def _in_registration(text: _Text, start: int) -> bool:
    """A date in a sentence about registration or a deadline, before it."""
    begin = max(0, start - 80)
    for category in ("registration", "deadline"):
        for hit in text.of_category(category):
            if begin <= hit.start < start:
                sentence_start, _ = _sentence_bounds(text, hit.start, hit.end)
                # endpos one past `start`: the look-ahead for a capital must see it
                stop = _SENTENCE_END.search(text.original, hit.end, start + 1)
                if stop is None and sentence_start <= hit.start:
                    return True
    return False


def _date_spans(text: _Text, read: _DateReader) -> list[tuple[int, date, date]]:
    """Each date or range of dates in a text: where it starts, its first and last day."""
    spans: list[tuple[int, date, date]] = []
    covered: list[tuple[int, int]] = []
    # an event's dates stand near the start: reading them further costs more than it finds
    original = text.original[:EVENT_DATES_CHARS]
    starts = date_starts(original)  # the same places for the three patterns
    for match in near_digits(_DAY_RANGE, original, starts):
        month, year = match.group("month"), match.group("year") or ""
        last = _read_day(f"{match.group('d2')} {month} {year}", read)
        # "23 y 24 de julio": the last day reads as written, the first is in its month
        first = _same_month(last, int(match.group("d1")))
        if first is not None and last is not None and first <= last:
            spans.append((match.start(), first, last))
            covered.append(match.span())
    for match in near_digits(_MONTH_RANGE, original, starts):
        month, year = match.group("month"), match.group("year") or ""
        first = _read_day(f"{month} {match.group('d1')} {year}", read)
        last = _read_day(f"{month} {match.group('d2')} {year}", read)
        if first is not None and last is not None and first <= last:
            spans.append((match.start(), first, last))
            covered.append(match.span())
    for match in _NUMERIC_DAYS_RANGE.finditer(original) if _NUMERIC_DAYS.search(original) else ():
        span = _numeric_days(match)
        if span is not None:
            spans.append((match.start(), *span))
            covered.append(match.span())
    singles = [
        m for m in find_dates(original, starts) if not any(a <= m.start < b for a, b in covered)
    ]
    used: set[int] = set()
    for position, single in enumerate(singles):
        if position in used:
            continue
        day = _read_day(single.text, read)
        if day is None:
            continue
        last = day
        if position + 1 < len(singles):
            following = singles[position + 1]
            if _RANGE_JOIN.fullmatch(original, single.end, following.start):
                end_day = _read_day(following.text, read)
                if end_day is not None and day <= end_day <= day + timedelta(days=62):
                    last = end_day
                    used.add(position + 1)
        spans.append((single.start, day, last))
    taken = covered + [(m.start, m.end) for m in singles]
    for match in _RELATIVE_WEEKDAY.finditer(original):
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in taken):
            continue
        days = _relative_days(match, read.reference.date())
        if days is not None:
            spans.append((match.start(), *days))
    for match in _SINCE_YESTERDAY.finditer(original):
        # "le Géoforum se tient depuis hier": under way, begun the day before the post
        today = read.reference.date()
        spans.append((match.start(), today - timedelta(days=1), today))
    for match in _TOMORROW.finditer(original):
        # "le SAEMAPE ouvre demain un atelier": the day after the post
        tomorrow = read.reference.date() + timedelta(days=1)
        spans.append((match.start(), tomorrow, tomorrow))
    for match in _OPENS_TODAY.finditer(original):
        # "Inicia hoy la Convención", "the fair opens today": the day of the post, up to
        # the day it runs until ("desde hoy y hasta el viernes 24 de octubre")
        today = read.reference.date()
        spans.append((match.start(), today, _runs_until(text, match.end(), read) or today))
    for match in _THIS_MONTH_DAY.finditer(original):
        # "aura lieu le 27 courant": that day of the month the post was written in
        day = _day_this_month(match, read.reference.date())
        if day is not None:
            spans.append((match.start(), day, day))
    spans.sort(key=lambda span: span[0])
    return spans


def _numeric_days(match: re.Match[str]) -> tuple[date, date] | None:
    """The first and last day of "5-7/03/2027": the month and year are the last day's."""
    d1, d2 = int(match.group("d1")), int(match.group("d2"))
    try:
        last = date(int(match.group("year")), int(match.group("month")), d2)
    except ValueError:
        return None
    return (last.replace(day=d1), last) if 1 <= d1 < d2 else None


#: A gathering that opens on the day of its post: "inicia hoy", "arranca hoy", "opens
#: today", "s'ouvre aujourd'hui", "desde hoy y hasta el viernes 24" (not "register
#: today", "dès aujourd'hui", nor "today opened", told of in the past).
_OPENS_TODAY = re.compile(
    r"(?<![\w-])(?:(?:opens|begins|starts|kicks\s+off|gets\s+under\s+way|runs\s+from)"
    r"\s+today"
    r"|(?:s.ouvre|s.ouvrent|d[ée]bute|d[ée]butent|commence|commencent|d[ée]marre|d[ée]marrent)"
    r"\s+(?:ce\s+jour|aujourd.hui)"
    r"|(?:inicia|inician|comienza|comienzan|arranca|arrancan|empieza|empiezan|abre|abren"
    r"|se\s+inaugura|se\s+inauguran|desde)\s+hoy)\b",
    re.IGNORECASE,
)
#: A day of the month the post was written in: "le 27 courant", "le 5 du mois en cours",
#: "el 27 del presente mes", "el 27 del mes en curso", "on the 27th of this month".
_THIS_MONTH_DAY = re.compile(
    r"(?<![\w/.-])(?P<day>\d{1,2})(?:er|st|nd|rd|th)?\s+"
    r"(?:courant|du\s+mois\s+(?:courant|en\s+cours)|del?\s+(?:presente\s+mes|mes\s+en\s+curso"
    r"|mes\s+corriente|corriente\s+mes)|of\s+this\s+month)\b",
    re.IGNORECASE,
)


#: What joins "today" to the day a gathering runs until: "desde hoy y hasta el", "from
#: today until", "à partir d'aujourd'hui et jusqu'au".
_UNTIL_JOIN = re.compile(
    r"\s*,?\s*(?:(?:y|et|and)\s+)?(?:hasta(?:\s+el)?|until|to|through|jusqu.au)\s+",
    re.IGNORECASE,
)
#: How long a gathering that opens today may run.
OPENS_TODAY_RUNS_AT_MOST = timedelta(days=31)


def _runs_until(text: _Text, end: int, read: _DateReader) -> date | None:
    """The day right after "today … until" ("desde hoy y hasta el viernes 24 de
    octubre"), within a month of the post; None when none is written there."""
    join = _UNTIL_JOIN.match(text.original, end)
    if join is None:
        return None
    found = text.dates_in(join.end(), join.end() + 40)
    if not found or found[0].start != join.end():
        return None
    day = _read_day(found[0].text, read)
    today = read.reference.date()
    if day is None or not today <= day <= today + OPENS_TODAY_RUNS_AT_MOST:
        return None
    return day


def _day_this_month(match: re.Match[str], today: date) -> date | None:
    try:
        return today.replace(day=int(match.group("day")))
    except ValueError:
        return None  # "le 31 courant" in a month of 30 days


#: A gathering under way since the day before its post.
_SINCE_YESTERDAY = re.compile(r"\b(?:depuis\s+hier|since\s+yesterday|desde\s+ayer)\b", re.I)
#: A gathering held the day after its post: "ouvre demain", "opens tomorrow", "inicia
#: mañana" (not "après-demain", nor "la mañana", the morning).
_TOMORROW = re.compile(
    r"(?<![\w-])(?:demain|tomorrow|(?<!la\s)(?<!una\s)(?<!esta\s)ma[ñn]ana)\b", re.I
)


#: A year written in a date ("2027", "12/07/27").
_YEAR_WRITTEN = re.compile(r"\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
#: A gathering's year-less date this far after publication is the last one before it:
#: an announcement that far ahead writes the year; a recap ("from Wednesday the 14th to
#: Thursday the 15th of October", posted in December) does not.
YEARLESS_EVENT_AHEAD = timedelta(days=300)


def _read_day(text: str, read: _DateReader) -> date | None:
    day = parse_date(
        text, language=read.language, date_order=read.date_order, relative_to=read.reference
    )
    if day is None:
        return None
    if day > read.reference.date() + YEARLESS_EVENT_AHEAD and not _YEAR_WRITTEN.search(text):
        day = parse_date(
            text,
            language=read.language,
            date_order=read.date_order,
            relative_to=read.reference,
            prefer="past",
        )
        if day is None:
            return None
    earliest = read.reference.date() - DEADLINE_PAST_LIMIT
    if not earliest <= day <= read.reference.date() + timedelta(days=3 * 366):
        return None
    return day


def _online(texts: tuple[_Text, ...]) -> bool | None:
    """True online, False on site, None hybrid or both named. The title's own word wins
    over the text's: "… (ONLINE)", above "the convention runs in person from 7 to 10 March"."""
    in_title = {
        category for category in ("online", "onsite", "hybrid") if texts[0].of_category(category)
    }
    if in_title in ({"online"}, {"onsite"}):
        return "online" in in_title
    found = {
        category
        for text in texts
        for category in ("online", "onsite", "hybrid")
        if text.of_category(category)
    }
    if "hybrid" in found or {"online", "onsite"} <= found:
        return None
    return "online" in found


#: "May 2-4, 2027", "October 14 to 15".
_MONTH_RANGE = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*"
    r"(?:-|–|—|to|through|and|&)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d/])"
    r"(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: Days of one month before its numbers, day first: "Fechas: 5-7/03/2027", "du 12 au
#: 14/05/2027", "12-14.05.2027".
_NUMERIC_DAYS_RANGE = re.compile(
    r"(?<![\w/.-])(?P<d1>\d{1,2})\s*(?:-|–|au|al)\s*(?P<d2>\d{1,2})(?P<sep>[/.])"
    r"(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)(?![/.-]\d)"
)
#: What such a range always holds, looked for first: most texts have none.
_NUMERIC_DAYS = re.compile(r"\d\s*(?:-|–|au|al)\s*\d{1,2}[/.]\d")
#: What joins two dates into a range: "30 June – 2 July", "du 30 juin au 2 juillet".
_RANGE_JOIN = re.compile(
    r"\s*(?:-|–|—|to|through|until|au|al|à|hasta el|hasta|jusqu'au)\s*", re.IGNORECASE
)
#: A gathering's day named by its weekday, near its publication: "ce vendredi et ce
#: samedi", "el próximo martes 28", "this Friday", "le mardi 28" (a weekday and a day
#: number, no month: the next such day).
_RELATIVE_WEEKDAY = re.compile(
    rf"(?<![\w])(?P<this>ce|cette|este|esta|this|next|coming|el\s+pr[oó]ximo|le\s+prochain"
    rf"|ce\s+prochain|desde\s+el|depuis\s+le|since|le|el|on)\s+(?P<w1>{_WEEKDAY_ALTERNATION})"
    r"(?:\s+(?P<d1>\d{1,2})(?:st|nd|rd|th|er)?)?"
    rf"(?:\s*(?:et|y|and|&|au|al|to|-|–)\s*(?:(?:ce|este|this|le|el)\s+)?"
    rf"(?P<w2>{_WEEKDAY_ALTERNATION})(?:\s+(?P<d2>\d{{1,2}}))?)?"
    rf"(?![\w/.-]|\s*,?\s*(?:de\s+|of\s+)?(?:\d|{_MONTH_NAMES}))",
    re.IGNORECASE,
)


def _relative_days(match: re.Match[str], today: date) -> tuple[date, date] | None:
    """The first and last day a weekday phrase names, after `today`."""
    this = fold(match.group("this")).split()[0]
    if this in _SINCE:
        # "que se desarrolla desde el lunes 10", posted on Tuesday 11: under way since then
        began = _last_weekday(match.group("w1"), match.group("d1"), today)
        return None if began is None or match.group("w2") else (began, today)
    first = _next_weekday(match.group("w1"), match.group("d1"), today, strict=this in _NEXT)
    if first is None or (this in ("le", "el", "on") and match.group("d1") is None):
        return None  # "le vendredi" alone: which one?
    last = first
    if match.group("w2"):
        last = _next_weekday(match.group("w2"), match.group("d2"), first, strict=True) or first
        if last - first > timedelta(days=7):
            last = first
    return first, last


#: Words that name the weekday of the coming week, not of this one.
_NEXT = frozenset({"next", "prochain"})
#: Words that name the weekday a gathering under way began on (folded, first word).
_SINCE = frozenset({"desde", "depuis", "since"})


def _last_weekday(name: str, number: str | None, today: date) -> date | None:
    """The last day on or before `today` with that weekday and, if given, that day of
    the month, within a week."""
    weekday = _WEEKDAY_NUMBERS.get(fold(name))
    if weekday is None:
        return None
    day = today
    for _ in range(7):
        if day.weekday() == weekday and (number is None or day.day == int(number)):
            return day
        day -= timedelta(days=1)
    return None
