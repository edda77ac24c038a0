"""A call's facts: its deadline, window, milestones and key dates, opening and status.

`_deadline_dates` reads every date next to a deadline, window, extension or
milestone phrase (after it, before it, a weekday, "the deadline is ..."),
`_choose_deadline` picks the one that closes the call, and `_call_facts` adds
the key dates, the opening date and the status (open, closed, forthcoming,
rolling), the status field of a listing (`_status_field`) first.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import get_args

from aggregator.classify.days import (
    _DAY_RANGE,
    _MONTH_NAMES,
    _NOT_BINDING,
    _WEEKDAY_ALTERNATION,
    DEADLINE_FUTURE_LIMIT,
    DEADLINE_PAST_LIMIT,
    _about_results,
    _Dated,
    _DateReader,
    _next_weekday,
    _same_month,
)
from aggregator.classify.text import (
    _DIGIT,
    _SENTENCE_END,
    DEADLINE_WINDOW,
    _about_former,
    _about_registration,
    _Hit,
    _reason,
    _sentence_bounds,
    _Text,
    fold,
)
from aggregator.dates import MONTHS, parse_date
from aggregator.types import CallStatus, KeyDate, KeyDateKind

#: How far before "deadline" its date may end ("the 30 June deadline").
DEADLINE_BEFORE_WINDOW = 12
#: An undated item is judged at each run, long after it first appeared: for it
#: the earliest deadline is fixed.
EARLIEST_DEADLINE = date(2000, 1, 1)
#: What may stand between "by"/"until"/"hasta" and its date ("hasta las 17:00 del").
#: Each piece is atomic (`(?>…)`): once one has matched, the ones before it are never
#: cut again another way, so a gap that does not fit fails at once instead of trying
#: every split of its spaces between pieces (which took a minute on "(a)  (a)  … x").
_TIGHT_GAP = re.compile(
    r"(?>[\s,:]|\b(?:the|on|at|of|le|la|les|el|las|los|del|de|à|a|al)\b"
    # a time zone in words, before the words it starts with are read alone: "à 10
    # heures, heure de Kinshasa, le", "a las 17:00, hora local, del"
    r"|\b(?:local\s+time|heure\s+(?:locale|de\s+(?-i:[A-Z][\w-]+))"
    r"|hora\s+(?:local|de\s+(?-i:[A-Z]\w+)))\b"
    r"|\d{1,2}(?:[:h.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h(?:eures?|oras?|rs?\.?)?)?(?!\d)"
    # and right after the hour: "17:00 hora local", "10:00 heure de Paris"
    r"(?:\s+(?:heure\s+)?(?:locale?|de\s+(?-i:[A-Z][\w-]+)))?"
    r"|\b(?:horas?|hrs?|d[ií]a|jour|day)\b\.?"
    # "Hasta ayer miércoles 14 de abril fue el plazo"
    r"|\b(?:ayer|hoy|yesterday|today|hier)\b"
    # the end of the working day: "by COB Friday 12 March", "before midnight on 5 May"
    r"|\b(?:COB|EOD|close\s+of\s+business|end\s+of\s+(?:the\s+)?day|midnight|noon"
    r"|minuit|midi|fin\s+de\s+journ[ée]e|medianoche|mediod[ií]a)\b"
    # the date a step is set for: "La presentación de ofertas, programada para el
    # 30/11/2026", "submission of bids, scheduled for 5 May"
    r"|\b(?:programad[oa]s?|previst[oa]s?|fijad[oa]s?|scheduled|planned|set"
    r"|fix[ée]e?s?|pr[ée]vue?s?)\s+(?:para|for|pour|au|le|el)\b"
    # a short aside: "Envoi des propositions (résumé de 500 mots) 15 mars 2026", or
    # a time zone in brackets "(GMT+1)"
    r"|\([^()\n]{0,40}\)[\s:|]*"
    # a time zone after the time: "until 14:00 CEST on 15 October", "by 10:00 a.m. GMT on"
    r"|\(?(?-i:\b(?:GMT|UTC|CES?T|BST|[ECW]AT|SAST|E[SD]?T|P[SD]?T|C[SD]T)\b)"
    r"(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\)?"
    # a zone named in English words: "by 17:00 East Africa Time on"
    r"|\b(?:(?:east|west|central|south|north)(?:ern)?\s+)?(?:africa|african|europe"
    r"|european|atlantic|pacific|mountain|greenwich|indian)\s+(?:standard\s+|summer\s+"
    r"|daylight\s+|mean\s+)?time\b)*",
    re.IGNORECASE,
)


def _deadline_dates(
    texts: tuple[_Text, ...], read: _DateReader, *, registration_only: bool = False
) -> list[_Dated]:
    """Every date written after a deadline phrase, in text order (extensions first)."""
    found: list[_Dated] = []
    seen: set[tuple[int, int]] = set()
    categories = ("extension", "deadline") if registration_only else _DEADLINE_CATEGORIES
    for category in categories:
        for index, text in enumerate(texts):
            for hit in sorted(text.of_category(category), key=lambda h: h.start):
                if registration_only and not _about_registration(text, hit):
                    continue
                extension = category == "extension"
                opens = None
                if category == "window":
                    window = _window_after(text, hit, read)
                    got = window[1:] if window is not None else None
                    opens = window[0] if window is not None else None
                else:
                    got = _date_after(text, hit, read, last=extension)
                if got is None and hit.entry.value == "after-date":
                    got = _date_before(text, hit, read)
                if got is None and category == "deadline" and hit.entry.phrase in _NAMES_DATE:
                    got = _date_after_is(text, hit, read)
                if got is None and category in ("deadline", "extension"):
                    got = _weekday_after(text, hit, read) or _month_end_after(text, hit, read)
                if got is None and category == "deadline":
                    got = _timeline_date(text, hit, read)
                if got is None:
                    continue
                day, phrase, start, sentence = got
                last = _period_end(text, start, read) if category == "deadline" else None
                if last is not None:
                    # "va desde el 30 de octubre hasta el 15 de enero": the first day opens
                    # the period, its last closes it (the first is not taken as the call's
                    # opening day: after a deadline word it may start something else)
                    day, start, end = last
                    phrase = _phrase(text, sentence[0], hit.start, end)
                if (index, start) in seen or _about_former(text, sentence):
                    continue
                if hit.entry.value == "past" and _ended_subject(text, hit):
                    continue  # "Ce programme s'est terminé le 31 mars 2026": not the call's end
                if fold(hit.entry.phrase) in _BEFORE_WORDS and _NOT_YET_AVAILABLE.search(
                    text.folded, start, sentence[1]
                ):
                    # "Antes del 15 de febrero el formulario no estará habilitado": the day
                    # it opens, not a deadline
                    continue
                if any(
                    hit.end <= h.start < start and _labels_publication(text, h)
                    for h in text.of_category("published")
                ):
                    continue  # "plazos / Fecha de publicación: 03-11-2025": the notice's day
                if not extension and _about_former(text, sentence, "former-deadline"):
                    continue  # "el cierre original estaba fijado para el 16 de diciembre"
                if not extension and _ORIGINALLY.search(
                    text.original, max(sentence[0], hit.start - _ORIGINALLY_BEFORE), start
                ):
                    # "Bids, originally due on 18 November, may now be submitted until
                    # 18 December": the old date is history, a later one in its
                    # sentence replaces it
                    continue
                seen.add((index, start))
                # the milestone named since the date before this one (before the window's
                # name for a window), in its sentence
                before = hit.start if opens is not None else start
                earlier = text.dates_in(sentence[0], before)
                milestone = _milestone(text, earlier[-1].end if earlier else sentence[0], start)
                found.append(
                    _Dated(day, phrase, extension, milestone, index, start, sentence, opens)
                )
    return [
        d._replace(extension=True) if not d.extension and _replaces(texts[d.text], d) else d
        for d in found
    ]


#: A call's title that ends with its window: "…, 15.10.2026 – 29.01.2027".
_TITLE_WINDOW_JOIN = re.compile(r"\s*(?:[-–—]|to|au|al|hasta)\s*", re.IGNORECASE)
_TITLE_WINDOW_END = re.compile(r"[\s).]*$")


def _title_window(title: _Text, read: _DateReader) -> _Dated | None:
    """The window a call's title ends with, two full dates with only a dash (or "to",
    *au*, *al*) between and nothing after, open on its publication: its last day is the
    deadline, its first the opening day."""
    found = title.dates_in(0, len(title.original))
    if len(found) < 2:
        return None
    first, last = found[-2], found[-1]
    if not _TITLE_WINDOW_JOIN.fullmatch(title.original, first.end, last.start):
        return None
    if not _TITLE_WINDOW_END.fullmatch(title.original, last.end):
        return None
    begin, end = _deadline_date(first.text, read), _deadline_date(last.text, read)
    if begin is None or end is None or not begin <= read.reference.date() <= end:
        return None
    phrase = title.original[first.start : last.end]
    return _Dated(end, phrase, False, None, 0, last.start, (first.start, last.end), begin)


#: Deadline phrases that say "before" a date, after which a form may open.
_BEFORE_WORDS = frozenset({"before", "avant", "avant le", "antes del", "antes de"})
#: A form or a platform not open before a date: that date is when the call opens
#: ("Antes del 15 de febrero el formulario no estará habilitado"; not "Applications
#: close on 15 January, after which the form will not be available").
_NOT_YET_AVAILABLE = re.compile(
    r"\b(?:no estara (?:habilitad|disponible|abiert)|will not (?:yet )?be (?:available|open"
    r"|enabled|accessible)|ne sera pas (?:encore )?(?:ouverte?|disponible|accessible|active))"
)


#: What a past-tense end phrase may close that is not a call: "Ce programme s'est
#: terminé le 31 mars 2026", "the pilot project ended on", "el proyecto concluyó el"
#: (a subject a few words before the phrase, in the folded text), but not the
#: submissions of "cet appel à projets est clôturé" or "el cargue de proyectos cerró".
_ENDED_SUBJECT = re.compile(
    r"(?<!\ba )(?<!\bde )(?<!\bd')(?<!\bof )(?<!\bfor )"
    r"\b(?:programme|program|programa|project|projet|proyecto|phase|fase|mandate|mandat"
    r"|contract|contrat|contrato)\b(?:\W+\w+){0,6}\W+$"
)
#: What a call's own end names, before or after the programme: "applications to the
#: programme closed on", "Project grant applications closed on", "La licitación del
#: proyecto cerró el".
_CALL_SUBJECT = re.compile(
    r"\b(?:applications?|calls?|appels?|candidatures?|convocatorias?|postulaciones"
    r"|submissions?|bids?|offres|proposals?|propositions|propuestas|dossiers|tenders?"
    r"|licitacion|licitaciones|concursos?|grants?|subventions?|subvenciones)\b"
)
_SUBJECT_REACH = 80


def _ended_subject(text: _Text, hit: _Hit) -> bool:
    """Whether the subject of an end phrase is a programme or project, not a call."""
    begin = max(0, hit.start - _SUBJECT_REACH)
    stop = max(text.folded.rfind(". ", begin, hit.start), text.folded.rfind("\n", begin, hit.start))
    begin = max(begin, stop + 1)
    named = _ENDED_SUBJECT.search(text.folded, begin, hit.start)
    return named is not None and not _CALL_SUBJECT.search(text.folded, begin, hit.start)


#: Publication words that label the notice's day only as a field, a colon after them
#: ("Publicación: 20 de noviembre"), not in "papers for publication in the special
#: issue: 30 October".
_BARE_PUBLICATION = frozenset({"publication", "parution", "publicación"})


def _labels_publication(text: _Text, hit: _Hit) -> bool:
    if hit.entry.phrase not in _BARE_PUBLICATION:
        return True
    return text.original[hit.end : hit.end + 3].lstrip().startswith(":")


#: Words before a date that make it the first day of a period: "El plazo de envío de
#: resúmenes va desde el 30 de octubre de 2026 hasta el 15 de enero de 2027", "Plazo de
#: presentación: del 15 de febrero al 15 de marzo de 2027".
_FROM_BEFORE = re.compile(
    r"\b(?:desde|from|starting|à\s+partir\s+du|a\s+partir\s+del?|del|du)\s+"
    r"(?:(?:el|the|le)\s+)?$",
    re.IGNORECASE,
)
#: What leads from a period's first date to its last: "… de 2026 hasta el".
_TO_LAST = re.compile(
    r"[\s,]*(?:hasta(?:\s+el)?|until(?:\s+the)?|to(?:\s+the)?|through"
    r"|jusqu'au|au|al|y\s+el|and\s+the|[-–])\s*",
    re.IGNORECASE,
)


def _period_end(text: _Text, start: int, read: _DateReader) -> tuple[date, int, int] | None:
    """The last day of a period whose first date, after "from" (*desde*, *à partir
    du*), starts at `start`, and where it starts and ends; None when no last date
    follows."""
    if not _FROM_BEFORE.search(text.original, max(0, start - 20), start):
        return None
    found = text.dates_in(start, start + 80)
    if len(found) < 2 or found[0].start != start:
        return None
    if _TO_LAST.fullmatch(text.original, found[0].end, found[1].start) is None:
        return None
    day = _deadline_date(found[1].text, read)
    return (day, found[1].start, found[1].end) if day is not None else None


#: A timeline's line that opens with its date: "08/14/2026: Letter of Interest due",
#: "15 mars 2027 – notes conceptuelles dues".
_LINE_DATE = re.compile(
    r"[^\S\n]*(?P<date>\S[^\n:–|-]{3,29}?)"
    # a time of day after it: "Oct. 15 at 11:59 p.m. CT: application closes"
    r"(?:[^\S\n]+(?:at|à|a\s+las)?[^\S\n]*\d{1,2}[:h.]\d{2}[^\n:–|-]{0,14}?)?"
    r"[^\S\n]*[:–|-][^\S\n]"
)
#: What may follow the deadline phrase on such a line: nothing but punctuation.
_LINE_REST = re.compile(r"[^\S\n]*[.;,]?(?:\n|$)")


def _timeline_date(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """The date a timeline's line opens with, when the line ends with the phrase
    ("08/14/2026: Letter of Interest due")."""
    if hit.entry.value == "tight" or not _LINE_REST.match(text.original, hit.end):
        return None
    line_start = text.original.rfind("\n", 0, hit.start) + 1
    lead = _LINE_DATE.match(text.original, line_start, hit.start)
    if lead is None:
        return None
    found = text.dates_in(lead.start("date"), lead.end("date"))
    if len(found) != 1 or found[0].start != lead.start("date"):
        return None
    day = _deadline_date(found[0].text, read)
    if day is None:
        return None
    sentence = (line_start, hit.end)
    return day, _phrase(text, line_start, line_start, hit.end), found[0].start, sentence


#: Words that make a deadline's date an earlier one, shortly before its phrase or
#: between the phrase and the date: "originally due on", "la date limite, initialement
#: fixée au", "inicialmente prevista para el".
_ORIGINALLY = re.compile(
    r"\b(?:originally|initially|previously|formerly|initialement|pr[ée]c[ée]demment"
    r"|inicialmente|originalmente|previamente)\s+(?:[^\W\d]+\s+)?"
    r"(?:due|set|scheduled|planned|expected|fixed|pr[ée]vu|fix[ée]|attendu|previst|fijad"
    r"|programad|establecid)",
    re.IGNORECASE,
)
#: How far before a deadline phrase such a word may stand.
_ORIGINALLY_BEFORE = 20


def _replaces(text: _Text, dated: _Dated) -> bool:
    """A date after an old one in its sentence ("Les dossiers, initialement attendus le
    5 mars, seront reçus jusqu'au 2 avril"): the new deadline, extended."""
    said = _ORIGINALLY.search(text.original, dated.sentence[0], dated.start)
    return said is not None and bool(text.dates_in(said.end(), dated.start))


#: Words that put a deadline's weekday after today, never on it.
_AHEAD = frozenset({"next", "coming", "proximo", "prochain"})


def _weekday_after(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """A weekday named as the deadline right after its phrase, near publication."""
    match = _WEEKDAY_DEADLINE.match(text.original, hit.end)
    if match is None:
        return _weekday_and_day_after(text, hit, read)
    if match.end() - hit.end > DEADLINE_WINDOW:
        return None
    # "el próximo miércoles" said on a Wednesday is a week on; "este miércoles", today
    ahead = bool(set(fold(match.group("this")).split()) & _AHEAD)
    today = read.reference.date()
    day = _next_weekday(match.group("weekday"), None, today, strict=ahead)
    if day is None or not read.window[0] <= day <= read.window[1]:
        return None
    sentence = _sentence_bounds(text, hit.start, match.end())
    phrase = _phrase(text, sentence[0], hit.start, match.end())
    return day, phrase, match.start("this"), sentence


def _weekday_and_day_after(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """A weekday and a day of the month with no month, right after the phrase ("a más
    tardar el viernes 12"): the first such day on or after publication."""
    match = _WEEKDAY_AND_DAY.match(text.original, hit.end)
    if match is None:
        return None
    day = _next_weekday(
        match.group("weekday"), match.group("day"), read.reference.date(), strict=False
    )
    if day is None or not read.window[0] <= day <= read.window[1]:
        return None
    sentence = _sentence_bounds(text, hit.start, match.end())
    phrase = _phrase(text, sentence[0], hit.start, match.end())
    return day, phrase, match.start("weekday"), sentence


#: The end of a month, and its year if given: "the end of September", "fin mai", "la fin
#: du mois d'août", "fines de marzo", "finales de octubre de 2027".
_MONTH_END_WORDS = (
    r"(?:(?:the\s+)?end\s+of\s+(?:the\s+month\s+of\s+)?"
    r"|(?:la\s+)?fin\s+(?:du\s+mois\s+)?(?:de\s+|d')?"
    r"|(?:el\s+|los\s+)?(?:fin|finales|fines)\s+(?:del\s+mes\s+)?de\s+)"
    r"(?P<month>" + _MONTH_NAMES + r")\b\.?(?:,?\s+(?:de\s+)?(?P<year>\d{4}))?"
)
#: Right after a deadline phrase, a preposition between: "extended until the end of
#: September", "by the end of June 2027", "jusqu'à fin mai", "hasta fines de marzo".
_MONTH_END = re.compile(
    r"[\s,:]*(?:(?:until|till|to|by|before|jusqu'(?:à|au)|avant|hasta|antes\s+de)\s+)?"
    + _MONTH_END_WORDS,
    re.IGNORECASE,
)
#: Further on after an extension, its preposition always before it: "has extended the
#: period for receiving proposals in its bid round to the end of June 2026".
_MONTH_END_MOVED = re.compile(
    r"\b(?:until|till|to|jusqu'(?:à|au)|hasta)\s+" + _MONTH_END_WORDS, re.IGNORECASE
)


def _month_end_after(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """The last day of the month named as "the end of" it right after an extension or
    deadline phrase (not a short word such as "by"): its next end on or after
    publication, unless a year is given."""
    if hit.entry.value == "tight":
        return None  # "se abrirá antes de finales de marzo": when it opens, as often
    match = _MONTH_END.match(text.original, hit.end)
    if match is None and hit.entry.category == "extension":
        # "has extended the period for receiving proposals in its bid round to the end
        # of June 2026": what it moves may stand between, a preposition before the end
        match = _MONTH_END_MOVED.search(text.original, hit.end, hit.end + _NAMES_DATE_REACH)
        if match is not None and _SENTENCE_END.search(text.original, hit.end, match.start()):
            match = None
    if match is None:
        return None
    month = MONTHS[match.group("month").lower()]
    published = read.reference.date()
    year = int(match.group("year")) if match.group("year") else published.year
    day = _last_day(year, month)
    if match.group("year") is None and hit.entry.value == "past" and day > published:
        # "were accepted until the end of March", written in February: last year's March
        day = _last_day(year - 1, month)
    elif match.group("year") is None and hit.entry.value != "past" and day < published:
        day = _last_day(year + 1, month)
    if not read.window[0] <= day <= read.window[1]:
        return None
    sentence = _sentence_bounds(text, hit.start, match.end())
    phrase = _phrase(text, sentence[0], hit.start, match.end())
    return day, phrase, match.start("month"), sentence


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


#: A weekday and its day number, no month after them: "el viernes 12", "Friday the
#: 12th", "le vendredi 12". A month or another number after it makes it a full date,
#: or an hour ("Friday 12:00"), read elsewhere.
_WEEKDAY_AND_DAY = re.compile(
    r"[\s,:]*(?:(?:el|le|on|the)\s+)?(?P<weekday>" + _WEEKDAY_ALTERNATION + r")\.?,?\s+"
    r"(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th|er)?\b"
    r"(?![/.:h-]?\d|\s*(?:de\s+|of\s+)?(?:" + _MONTH_NAMES + r")\b)",
    re.IGNORECASE,
)


#: Deadline phrases that name a date, which a long subject may part from its verb:
#: "The deadline for submission of initial proposals, with a title and an abstract of
#: at most 400 words, is July 12."
_NAMES_DATE = frozenset(
    {
        "deadline",
        "closing date",
        "submission deadline",
        "application deadline",
        "date limite",
        "date de clôture",
        "fecha límite",
        "fecha de cierre",
        "plazo",
        "plazo máximo",
        "fecha máxima",
        "fecha tope",
        "deadline for submission",
        "date limite de dépôt",
        "date limite de soumission",
    }
)
#: How far after such a phrase its "is <date>" may stand, in the same sentence.
_NAMES_DATE_REACH = 160
#: The verb that gives the date: "is", "est", "es", "será", "will be" (and an article),
#: or the colon that ends a long label ("Plazo máximo de presentación de expresiones de
#: interés y hoja de vida documentada: 08/02/2027"), no number in the label.
_IS_DATE = re.compile(
    r"\s(?:is|will\s+be|est\s+(?:fix[ée]e?\s+(?:au|le)|le)|sera\s+le|es\s+el|ser[áa]\s+el|vence\s+el)"
    r"\s+(?:(?:on\s+)?(?:the\s+)?)"
    r"|(?<=[^\W\d])\s*:\s*",
    re.IGNORECASE,
)


def _date_after_is(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """The date after "is" that ends a deadline's sentence, past a long subject."""
    original = text.original
    stop = _SENTENCE_END.search(original, hit.end, hit.end + _NAMES_DATE_REACH)
    end = stop.start() if stop else min(len(original), hit.end + _NAMES_DATE_REACH)
    for verb in _IS_DATE.finditer(original, hit.end, end):
        if ":" in verb.group() and _DIGIT.search(original, hit.end, verb.start()):
            break  # "Plazo: 30 días; entrega del informe: 5 de mayo" is no label
        found = text.dates_in(verb.end(), end + 1)
        if found and found[0].start == verb.end():
            day = _deadline_date(found[0].text, read)
            if day is not None:
                sentence = _sentence_bounds(text, hit.start, hit.end)
                phrase = _phrase(text, sentence[0], hit.start, found[0].end)
                return day, phrase, found[0].start, (sentence[0], max(sentence[1], end))
        break  # the first verb is the sentence's; a later one belongs to another clause
    return None


#: Where deadlines are read from, in order: an extension's new date first, then the
#: end of a window of dates, then a date after a deadline phrase.
_DEADLINE_CATEGORIES = ("extension", "window", "deadline")

#: Words that may stand between a window's name and its first date.
_WINDOW_WORDS = (
    "will|be|are|is|open|opened|opens|accepted|received|taken|online|period|window|the|on"
    "|sera|seront|est|sont|ouverte?s?|ouverts?|accept[ée]e?s|re[çc]ue?s|en|ligne|p[ée]riode"
    "|la|las|los|el|le|les|des|de|plateforme|plataforma|podr[áa]n|pueden|presentarse"
    "|postularse|se|recibir[áa]n?|reciben|estar[áa]n?|abiert[oa]s?|l[íi]nea|per[íi]odo"
)
#: What leads from a window's name to its first date: "Submission window:", "sera
#: ouverte du", "podrán presentarse entre el", "(en el SEACE): del", "1° etapa:".
_WINDOW_LEAD = re.compile(
    r"[\s:|\-–,]*(?:\([^()]{0,40}\)[\s:|\-–,]*)?"
    r"(?:(?:\d{1,2}\s*(?:°|º|ª|er|re|e|st|nd|rd|th)?\s*(?:etapa|fase|phase|[ée]tape|stage)"
    r"|(?:etapa|fase|phase|[ée]tape|stage)\s*\d{1,2})[\s:|\-–,]*)?"
    rf"(?:(?:{_WINDOW_WORDS})\s+){{0,4}}"
    r"(?:(?:from|between|du|del|entre|desde|a\s+partir\s+du?)\s+(?:(?:the|le|el)\s+)?)?",
    re.IGNORECASE,
)
#: What joins a window's two dates, a time of day and its zone allowed after the first:
#: " - ", " au ", " al ", " y el ", ", 12h00 (CEST) au ".
_WINDOW_JOIN = re.compile(
    r"(?:[\s,]*(?:(?:à|a\s+las|at)\s+)?\d{1,2}\s*[:h.]\s*\d{2}\s*"
    r"(?:h|hrs?|heures?|horas|a\.?m\.?|p\.?m\.?)?\s*(?:\([^()]{0,20}\)|(?-i:[A-Z]{2,4}))?)?"
    r"\s*(?:-|–|—|to|through|until|till|au|al|à|a|hasta(?:\s+el)?|jusqu'au|y(?:\s+el)?|and"
    r"|et(?:\s+le)?)\s*",
    re.IGNORECASE,
)
#: Two cells of a timetable's row, its start and its end: "Registro de participantes
#: 04/03/2026 16/03/2026" (full numeric dates only, nothing but spaces or a bar between).
_CELLS_JOIN = re.compile(r"[ \t]*\|?[ \t]*")
_FULL_NUMERIC_DATE = re.compile(r"\d{1,2}([/.-])\d{1,2}\1\d{4}")
#: A window longer than this is no application period (a project's years).
_WINDOW_MOST = timedelta(days=400)


def _window_after(
    text: _Text, hit: _Hit, read: _DateReader
) -> tuple[date, date, str, int, tuple[int, int]] | None:
    """The first and last day of a range of dates right after a window's name, the
    words read, where the last date starts and its sentence ("Submission window: 1 May
    2026 - 30 November 2026", "del 2 al 20 de mayo de 2027")."""
    original = text.original
    if _DIGIT.search(original, hit.end, hit.end + DEADLINE_WINDOW) is None:
        return None
    lead = _WINDOW_LEAD.match(original, hit.end)
    at = lead.end() if lead else hit.end
    if at - hit.end > DEADLINE_WINDOW:
        return None
    days = _DAY_RANGE.match(original, at)
    if days is not None:
        month, year = days.group("month"), days.group("year") or ""
        last = _deadline_date(f"{days.group('d2')} {month} {year}", read)
        first = _same_month(last, int(days.group("d1")))
        last_start, last_end = days.start("d2"), days.end()
    else:
        found = text.dates_in(at, at + DEADLINE_WINDOW + 40)
        if len(found) < 2 or found[0].start != at:
            return None
        if not _WINDOW_JOIN.fullmatch(original, found[0].end, found[1].start) and not (
            _CELLS_JOIN.fullmatch(original, found[0].end, found[1].start)
            and all(_FULL_NUMERIC_DATE.fullmatch(f.text) for f in found[:2])
        ):
            return None
        last = _deadline_date(found[1].text, read)
        if last is None:
            return None
        # a first date without its year is in the window's last year, on or before it
        first = parse_date(
            found[0].text,
            language=read.language,
            date_order=read.date_order,
            relative_to=datetime(last.year, last.month, last.day, 12, tzinfo=read.reference.tzinfo),
            prefer="past",
        )
        last_start, last_end = found[1].start, found[1].end
    if first is None or last is None or not first <= last <= first + _WINDOW_MOST:
        return None
    sentence = _sentence_bounds(text, hit.start, last_end)
    return first, last, _phrase(text, sentence[0], hit.start, last_end), last_start, sentence


def _milestone(text: _Text, begin: int, date_start: int) -> KeyDateKind | None:
    """The milestone named nearest before a date in its sentence."""
    named = [h for h in text.of_category("milestone") if begin <= h.start < date_start]
    if not named and any(begin <= h.start < date_start for h in text.of_category("registration")):
        return "registration"
    if not named:
        return None
    return _as_milestone(max(named, key=lambda h: h.start).entry.value)


def _as_milestone(value: str) -> KeyDateKind:
    for kind in _MILESTONES:
        if kind == value:
            return kind
    return "other"


_MILESTONES: tuple[KeyDateKind, ...] = get_args(KeyDateKind)


def _choose_deadline(dated: list[_Dated], today: date) -> _Dated | None:
    """The first binding closing date: an extension's new date, else the earliest to come."""
    binding = [d for d in dated if d.milestone not in _NOT_BINDING]
    if not binding:
        return None
    extended = [d for d in binding if d.extension]
    if extended:
        return extended[0]
    ahead = [d for d in binding if d.day >= today]
    if ahead:
        return min(ahead, key=lambda d: (d.day, d.text, d.start))
    return max(binding, key=lambda d: d.day)


@dataclass(frozen=True)
class _CallFacts:
    """What the text says of a call besides its kind."""

    deadline: date | None = None
    phrase: str | None = None
    extended: bool = False
    status: CallStatus | None = None
    status_reason: str | None = None
    opens: date | None = None
    key_dates: tuple[KeyDate, ...] = ()


def _call_facts(
    texts: tuple[_Text, ...],
    read: _DateReader,
    dated: list[_Dated],
    chosen: _Dated | None,
    today: date,
) -> _CallFacts:
    opens = _opens(texts, read, chosen.day if chosen is not None else None)
    if opens is None and chosen is not None and chosen.milestone != "registration":
        # "Submission window: 1 May 2026 - 30 November 2026"; a tender's registration of
        # bidders ("Registro de participantes: del 05/05 al 19/05") is a step of a call
        # already convened, not the day it opens
        opens = chosen.opens
    others = [d for d in dated if chosen is None or d is not chosen]
    if chosen is not None and chosen.extension:
        # the date it replaces is history, not a milestone
        begin, end = chosen.sentence
        others = [d for d in others if not (d.text == chosen.text and begin <= d.start < end)]
    if chosen is not None:
        others = [d for d in others if d.day != chosen.day]
    key_dates: set[tuple[str, date]] = {(d.milestone or "other", d.day) for d in others}
    key_dates |= _milestone_dates(texts, read, {d.day for d in dated})
    if opens is not None:
        key_dates = {k for k in key_dates if k[1] != opens}
    deadline = chosen.day if chosen is not None else None
    # "el número se publicará en julio", after "hasta el 15 de enero": a later step's
    # future tense, not the call's
    later = chosen.sentence[1] if chosen is not None and chosen.text == 1 else None
    status, reason = _status(
        texts,
        deadline,
        opens,
        today,
        later_from=later,
        extended=chosen is not None and chosen.extension,
    )
    if status == "forthcoming" and deadline is not None and deadline < today:
        # a call not open yet cannot have closed: the date is an earlier round's
        chosen, deadline = None, None
        key_dates = {k for k in key_dates if k[1] >= today}
    if (
        status == "closed"
        and chosen is not None
        and deadline is not None
        and deadline > today
        and not _YEAR.search(chosen.phrase)
    ):
        # "Submissions … are closed. 30 October: proposals due", in November: a call said
        # closed closed on the last such day before it, not on the next
        earlier = _year_before(deadline)
        if earlier is not None and today - _RECENTLY_CLOSED <= earlier <= today:
            deadline = earlier
            chosen = chosen._replace(day=earlier)
    return _CallFacts(
        deadline=deadline,
        phrase=chosen.phrase if chosen is not None else None,
        extended=chosen is not None and chosen.extension,
        status=status,
        status_reason=reason,
        opens=opens,
        key_dates=tuple(
            KeyDate(_as_milestone(what), day)
            for what, day in sorted(key_dates, key=lambda k: (k[1], k[0]))
        ),
    )


_YEAR = re.compile(r"\b\d{4}\b")
#: How long before publication a call said closed may have closed for its year-less
#: deadline to be read as last year's ("Round 3 is closed. Proposals for Round 4 are due
#: 15 January", in December, keeps next January).
_RECENTLY_CLOSED = timedelta(days=90)


def _year_before(day: date) -> date | None:
    """The same day a year earlier (None for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return None


def _as_key_dates(dated: list[_Dated], what: KeyDateKind) -> tuple[KeyDate, ...]:
    return tuple(KeyDate(what, day) for day in sorted({d.day for d in dated}))


def _milestone_dates(
    texts: tuple[_Text, ...], read: _DateReader, known: set[date]
) -> set[tuple[str, date]]:
    """Dates written right after a milestone's name ("information session: 10 April")."""
    found: set[tuple[str, date]] = set()
    for text in texts:
        for hit in text.of_category("milestone"):
            got = _date_after(text, hit, read)
            if got is not None and got[0] not in known:
                found.add((hit.entry.value, got[0]))
    return found


#: A listing's field of the day a call opens: "Lancement : 21/05/2027" (not a launch
#: ceremony, "cérémonie de lancement le 10 décembre"), in the folded text.
_LAUNCH_FIELD = re.compile(r"(?<![\w'])lancement\s*:\s*")


def _opens(texts: tuple[_Text, ...], read: _DateReader, deadline: date | None) -> date | None:
    """The day applications open: not a results or start date, never after the deadline."""
    for text in texts:
        field = _LAUNCH_FIELD.search(text.folded)
        if field is not None:
            # a listing's "Lancement : 21/05/2027 à 20h00 Clôture : 15/07/2027"
            found = text.dates_in(field.end(), field.end() + 12)
            day = _deadline_date(found[0].text, read) if found else None
            if (
                day is not None
                and found[0].start == field.end()
                and (deadline is None or day <= deadline)
            ):
                return day
    for text in texts:
        for hit in sorted(text.of_category("opens"), key=lambda h: h.start):
            if _about_results(text, hit):
                continue  # "notification will be made from 31 July"
            got = _date_after(text, hit, read)
            if got is not None and (deadline is None or got[0] <= deadline):
                return got[0]
    return None


def _status(
    texts: tuple[_Text, ...],
    deadline: date | None,
    opens: date | None,
    today: date,
    *,
    later_from: int | None = None,
    extended: bool = False,
) -> tuple[CallStatus, str]:
    """`later_from`: where the text, past the deadline's sentence, tells of later steps;
    `extended`: the deadline is an extension's new date."""
    title, body = texts
    if deadline is None or deadline < today:
        later_from = None
    # "Le premier guichet s'est clôturé le 31 janvier. Un délai supplémentaire est
    # accordé … jusqu'au 5 mars": an extension still to come reopens what had closed
    reopened = (
        extended
        and deadline is not None
        and deadline >= today
        and any(_REOPENED.search(text.folded) for text in texts)
    )
    for where, text in (("title", title), ("summary", body)):
        closed = [h for h in text.of_category("closed") if not _ended_subject(text, h)]
        if closed and not reopened:
            return "closed", _reason(where, closed[0])
    void = title.of_category("void")
    if void:
        return "closed", _reason("title", void[0]) + " (a tender declared void)"
    for where, text in (("title", title), ("summary", body)):
        said_void = _declared_void(text)
        if said_void is not None:
            return "closed", _reason(where, said_void) + " (a tender declared void)"
    field = _status_field(body)
    if field is not None:
        return field
    if opens is not None and opens > today:
        return "forthcoming", f"opens {opens.isoformat()}"
    for where, text in (("title", title), ("summary", body)):
        for hit in text.of_category("forthcoming"):
            if where == "summary" and (_about_results(text, hit) or _about_schedule(text, hit)):
                continue
            if where == "summary" and later_from is not None and hit.start >= later_from:
                continue
            return "forthcoming", _reason(where, hit)
    if deadline is not None:
        if deadline < today:
            return "closed", "deadline passed"
        return "open", "deadline given"
    for where, text in (("title", title), ("summary", body)):
        rolling = text.of_category("rolling")
        if rolling:
            return "rolling", _reason(where, rolling[0])
    return "rolling", "no deadline given"


#: Words that say a closed window opened again (folded): only then does an extension
#: still to come outweigh the text's "closed" ("Aucun délai supplémentaire ne sera
#: accordé", "the grantees' final reports have been extended" leave a call closed).
_REOPENED = re.compile(
    r"\b(?:reouverture|rouvert|rouverte|reopen|reopens|reopened|reopening|reabre|reabren"
    r"|reabierta|reabierto|reapertura)\b"
)


#: A listing's status field and its value: "Estado: Cerrada", "Status: Awarded",
#: "Statut : attribué", "Last Known Status: Deleted 05/22/2026 (Archived.)". Each word's
#: first letter comes first (then "no letter before it"): the pattern is tried only at
#: an "e" or an "s", not at every character of the text.
_STATUS_FIELD = re.compile(
    r"(?:e(?<!\we)(?:stado|tat)|s(?<!\ws)(?:tatus|tatut))"
    r"(?:\s+(?:de\s+la\s+convocatoria|del\s+proceso"
    r"|de\s+l'appel|du\s+marche|of\s+the\s+call|of\s+the\s+tender|actual))?"
    r"\s*[:|]\s*(?P<first>[a-z]+)(?P<second>\s+[a-z]+)?"
)
#: What ends a field's one-word value: the end of the text, a line, a cell or a clause,
#: a number ("Deleted 05/22/2026"), or the capitalised label of the next field.
_FIELD_VALUE_END = re.compile(r"[^\S\n]*(?:$|\n|[^\w\s'’-]|\d|[A-ZÀ-Ý])")
#: What a status field's value says of the call (folded words); None: it is open, and
#: the dates decide.
_STATUS_VALUES: dict[str, CallStatus | None] = {
    **dict.fromkeys(
        (
            "closed", "archived", "deleted", "awarded", "cancelled", "canceled", "expired",
            "cerrada", "cerrado", "finalizada", "finalizado", "vencida", "vencido",
            "adjudicada", "adjudicado", "desierta", "desierto", "cancelada", "en evaluacion",
            "cloture", "cloturee", "clos", "close", "ferme", "fermee", "attribue", "attribuee",
            "termine", "terminee", "annule", "annulee", "expire", "expiree",
        ),
        "closed",
    ),
    **dict.fromkeys(
        ("forthcoming", "upcoming", "proximamente", "por abrir", "a venir", "prochainement"),
        "forthcoming",
    ),
    **dict.fromkeys(
        (
            "open", "active", "published", "abierta", "abierto", "vigente", "publicada",
            "publicado", "en curso", "ouvert", "ouverte", "en cours", "publie", "publiee",
        ),
        None,
    ),
}  # fmt: skip


def _declared_void(text: _Text) -> _Hit | None:
    """The text's word that the tender it is about is void now, not an earlier round."""
    for hit in text.of_category("void-now"):
        if not _about_former(text, _sentence_bounds(text, hit.start, hit.end)):
            return hit
    return None


def _status_field(body: _Text) -> tuple[CallStatus, str] | None:
    """The status a listing's field gives ("Estado: Cerrada"), if it says closed or
    not yet open; "Estado: Publicada", "Status: Open" leave the dates to decide.

    A field is a label of its own: capitalised or first on its line ("Status: Closed"),
    not a word of a sentence ("describe your site's current status: close to a river"),
    and its value is whole: "close to", "closed-loop", "fermé ou ouvert" are no value.
    The first field with a value decides, so an open round's "Status: Open" is not
    closed by the earlier round's "Status: Closed" below it."""
    for match in _STATUS_FIELD.finditer(body.folded):
        start = match.start()
        line_start = body.original.rfind("\n", 0, start) + 1
        if not body.original[start].isupper() and body.original[line_start:start].strip():
            continue
        first, second = match.group("first"), match.group("second")
        end = match.end()
        words = f"{first} {second.strip()}" if second else ""
        if words not in _STATUS_VALUES:
            words, end = first, match.end("first")
            if not _FIELD_VALUE_END.match(body.original, end):
                continue
        if words not in _STATUS_VALUES:
            continue
        value = _STATUS_VALUES[words]
        if value is None:
            return None
        said = body.original[start:end]
        return value, f'summary: "{" ".join(said.split())}"'
    return None


def _about_schedule(text: _Text, hit: _Hit) -> bool:
    """ "The schedule will be published with the final documents": not the call's tense."""
    begin, end = _sentence_bounds(text, hit.start, hit.end)
    return any(begin <= h.start < end for h in text.of_category("schedule"))


#: A deadline given as a weekday of this week or the next, right after its phrase, a
#: verb or two between: "cuyo plazo termina este miércoles", "closes this Friday",
#: "avant ce vendredi", "vence el próximo lunes".
_WEEKDAY_DEADLINE = re.compile(
    r"[\s,:]*(?:[^\W\d]+\s+){0,2}?"
    r"(?P<this>este|esta|this|ce|cette|next|coming|el\s+pr[oó]ximo|le\s+prochain"
    r"|ce\s+prochain)\s+(?P<weekday>" + _WEEKDAY_ALTERNATION + r")\b"
    r"(?!\s*,?\s*(?:\d|de\s+\w|of\s+\w))",
    re.IGNORECASE,
)


#: A date read after a phrase: the day, the words it was read from, where the
#: date starts, and the sentence (start, end) it stands in.
_Found = tuple[date, str, int, tuple[int, int]]


def _date_after(text: _Text, hit: _Hit, read: _DateReader, *, last: bool = False) -> _Found | None:
    """The first date soon after `hit` in its sentence (the last one if `last`)."""
    if _DIGIT.search(text.original, hit.end, hit.end + DEADLINE_WINDOW + 12) is None:
        return None  # the common case: every date shape has a digit
    reach = hit.end + DEADLINE_WINDOW + 40
    # an extension's sentence may name what it moves first: "se prorroga la recepción de
    # candidaturas, en todas las categorías, hasta el 4 de junio"
    most = DEADLINE_WINDOW + 40 if last else DEADLINE_WINDOW
    near = [m for m in text.dates_in(hit.end, reach) if m.start - hit.end <= most]
    if not near:
        return None  # the common case, decided without looking for the sentence
    # a form field: "Closing date | 30/11/2026" keeps its label and its value together
    gap = _FIELD_GAP.match(text.original, hit.end)
    label_end = gap.end() if gap else hit.end
    # "1 February 2027: abstract submission opens" / "8 March 2027: …": a line that holds
    # its own date before the phrase is no label of the next line's date
    line_start = text.original.rfind("\n", 0, hit.start) + 1
    dated_line = _DIGIT.search(text.original, line_start, hit.start) is not None
    if dated_line and "\n" in text.original[hit.end : label_end]:
        label_end = hit.end
    newline = text.original.find("\n", label_end, label_end + 60)
    if (
        newline >= 0
        and not dated_line
        and not _LABEL_STOP.search(text.original, label_end, newline)
        and _DIGIT.search(text.original, newline + 1, newline + 25)
    ):
        # a label on its own line, its value on the next: "Date limite de dépôt :" / "15/03/2027"
        label_end = newline + 1
    sentence_start, window_end = _sentence_bounds(text, hit.start, label_end)
    # "30 March." at a sentence's end: the month's abbreviation dot is the full stop
    near = [m for m in near if m.end - m.text.endswith(".") <= window_end]
    if hit.entry.value in ("tight", "field"):
        # "by", "until": only articles and a time of day may stand before the date; a
        # field's label may run on a few words ("Entrega del sobre de precalificación
        # (obligatoria) | 22/01/2027", "Presentación de ofertas técnica y económica")
        runs_on = _LABEL_TAIL.match(text.original, hit.end) if hit.entry.value == "field" else None
        tail = runs_on.end() if runs_on is not None else 0
        near = [
            m
            for m in near
            if (
                _TIGHT_GAP.fullmatch(text.original, hit.end, m.start)
                or (tail and _TIGHT_GAP.fullmatch(text.original, tail, m.start))
            )
            # "Outcome by" heading a table's column is no label of the next row's date
            # (but "Apply before" / "15 January 2027 at 17:00 GMT" is)
            and not (
                hit.entry.value == "tight"
                and "\n" in text.original[hit.end : m.start]
                and _row_goes_on(text, m.end)
            )
        ]
    if last:
        # "postponed to 14 December (originally 30 November)": the old date is history
        near = [
            m for m in near if not _FORMER.search(text.original, max(0, m.start - 24), m.start)
        ] or near
        # "(this is the second extension of the abstract deadline): 6 November – abstract
        # submission opens 30 January – …": the day a step opens is not the new deadline
        near = [m for m in near if not _opens_after(text, m.end)]
    for match in reversed(near) if last else near:
        past = hit.entry.value == "past" or bool(
            _YESTERDAY.search(text.original, hit.end, match.start)
        )  # "Hasta ayer miércoles 14 de abril", not "la fecha límite, anunciada ayer, es el"
        day = _deadline_date(match.text, read, past=past)
        if day is not None:
            phrase = _phrase(text, sentence_start, hit.start, match.end)
            return day, phrase, match.start, (sentence_start, window_end)
    return None


#: How far after a date an opening phrase makes it the day something opens.
_OPENS_AFTER_REACH = 40


def _opens_after(text: _Text, end: int) -> bool:
    """An opening phrase follows the date ending at `end`, no other date between:
    "6 November – abstract submission opens"."""
    for hit in text.of_category("opens"):
        if end <= hit.start <= end + _OPENS_AFTER_REACH:
            return not text.dates_in(end, hit.start)
    return False


#: How much may follow a date on its own line, a time of day and a zone, before the
#: line reads as a table's row.
_DATE_LINE_TAIL = 30


def _row_goes_on(text: _Text, end: int) -> bool:
    """The line of the date ending at `end` goes on with more cells: another date or
    more than a time of day ("16 October and 11 January mid-March early April")."""
    line_end = text.original.find("\n", end)
    line_end = len(text.original) if line_end < 0 else line_end
    rest = text.original[end:line_end].strip()
    return len(rest) > _DATE_LINE_TAIL or bool(text.dates_in(end, line_end))


#: A date said to be yesterday's, the word right before it: a year-less date is then
#: the last such day before publication.
_YESTERDAY = re.compile(r"\b(?:ayer|yesterday|hier)[^\S\n]+$", re.IGNORECASE)


#: Words before a date that an extension replaced.
_FORMER = re.compile(
    r"\b(?:originally|initially|previously|instead of|formerly|from|initialement|au lieu du"
    r"|précédemment|prévue? (?:initialement )?(?:le|au)|inicialmente|en lugar del|antes"
    r"|previsto para el|del)\b[^\d]{0,12}$",
    re.IGNORECASE,
)

#: The words a form field's label may run on with, at most three, no digit.
_LABEL_TAIL = re.compile(r"(?:[^\S\n]+[^\W\d]+){0,3}")

#: What a label never holds: a date's digits, or a sentence's end.
_LABEL_STOP = re.compile(r"[\d.!?;]")

#: What may stand between a form field's label and its value.
_FIELD_GAP = re.compile(r"[\s:|\-–]*")


#: A time of day between a date and the words after it: "le 2 mars 2026 à 10 heures
#: (heure de Niamey) au plus tard", "el 5 de mayo a las 17:00 h como máximo".
_TIME_OF_DAY = re.compile(
    r"[\s,]*(?:(?:à|a|at|by|a las|las)\s+)?\d{1,2}(?:\s*[:h.]\s*\d{2})?\s*"
    r"(?:heures?|h|hrs?|horas|a\.?m\.?|p\.?m\.?)?\s*(?:\d{2}\s*)?"
    r"(?:\([^)]{0,30}\)|GMT|UTC|TU|heure locale|hora local)?[\s,]*",
    re.IGNORECASE,
)


def _date_before(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    if (
        _DIGIT.search(text.original, max(0, hit.start - DEADLINE_BEFORE_WINDOW - 30), hit.start)
        is None
    ):
        return None
    before = text.dates_in(max(0, hit.start - DEADLINE_BEFORE_WINDOW - 60), hit.start)
    if not before:
        return None
    match = before[-1]
    if hit.start - match.end > DEADLINE_BEFORE_WINDOW and not _TIME_OF_DAY.fullmatch(
        text.original, match.end, hit.start
    ):
        return None
    if _SENTENCE_END.search(text.original, match.end - 1, hit.start + 1):
        return None  # "Published: 1 March 2027 / Deadline: …": another line's date
    day = _deadline_date(match.text, read)
    if day is None:
        return None
    sentence_start, sentence_end = _sentence_bounds(text, match.start, hit.end)
    phrase = _phrase(text, sentence_start, match.start, hit.end)
    return day, phrase, match.start, (sentence_start, sentence_end)


def _deadline_date(text: str, read: _DateReader, *, past: bool = False) -> date | None:
    """The date `text` names, if it can be a deadline (inside the reader's window);
    `past`: a year-less date is the last such day on or before the reference."""
    day = parse_date(
        text,
        language=read.language,
        date_order=read.date_order,
        relative_to=read.reference,
        prefer="past" if past else "future",
    )
    return day if day is not None and read.window[0] <= day <= read.window[1] else None


def _deadline_window(reference: datetime, *, dated: bool) -> tuple[date, date]:
    """The earliest and latest dates a deadline can be, for an item of `reference`."""
    published = reference.date()
    earliest = published - DEADLINE_PAST_LIMIT if dated else EARLIEST_DEADLINE
    return earliest, published + DEADLINE_FUTURE_LIMIT


def _phrase(text: _Text, sentence_start: int, start: int, end: int) -> str:
    """The deadline's words with a little of what leads to them, at most ~140 characters."""
    begin = max(sentence_start, start - 40)
    if begin > sentence_start:
        space = text.original.find(" ", begin, start)
        begin = space + 1 if space >= 0 else start
    return " ".join(text.original[begin:end].split()).strip(" ,;:-–(").rstrip(".,").strip()
