"""A call's status, key dates and extension, an event's own dates, and the kinds
that look like another: tables of cases for `classify` and `status_on_day`."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from aggregator.classify import classify
from aggregator.select import status_on_day
from aggregator.types import CallStatus, Classification, EventDates, KeyDate, ParsedItem, Source

PUBLISHED = datetime(2027, 3, 1, 9, tzinfo=UTC)


def run(title: str, summary: str = "", *, language: str | None = None) -> Classification:
    item = ParsedItem(key="k", title=title, link=None, summary=summary, published=PUBLISHED)
    return classify(
        item, Source(name="P", url="https://p.example/feed", language=language), reference=PUBLISHED
    )


@pytest.mark.parametrize(
    ("title", "summary", "status", "deadline"),
    [
        (
            "Call for proposals: gold traceability",
            "Deadline: 30 April 2027.",
            "open",
            date(2027, 4, 30),
        ),
        (
            "Call for proposals: gold traceability",
            "Applications are reviewed on a rolling basis.",
            "rolling",
            None,
        ),
        (
            "Request for proposals: cobalt pilot",
            "This call is now closed. Thank you.",
            "closed",
            None,
        ),
        (
            "Forthcoming call for proposals",
            "The call is anticipated for publication in June.",
            "forthcoming",
            None,
        ),
        (
            "Appel à projets : orpaillage responsable",
            "L'appel sera lancé prochainement.",
            "forthcoming",
            None,
        ),
        (
            "Convocatoria: minería artesanal",
            "Próximamente se abrirá la convocatoria.",
            "forthcoming",
            None,
        ),
        (
            "Call for proposals 2027",
            "The call closed on 15 February 2027.",
            "closed",
            date(2027, 2, 15),
        ),
        (
            "Call for proposals",
            "Applications open now. Results will be published in June.",
            "rolling",
            None,
        ),
    ],
)
def test_the_status_a_call_gives_itself(
    title: str, summary: str, status: CallStatus, deadline: date | None
) -> None:
    result = run(title, summary)
    assert (result.kind, result.status, result.deadline) == ("call", status, deadline)


@pytest.mark.parametrize(
    "summary",
    [
        "The call will open on 1 April 2027 and close on 31 May 2027.",
        # a postponed opening: the new day the window opens
        "The opening has been pushed back. Applications will now be accepted from Thursday"
        " 1 April 2027, and the portal will close on Monday 31 May 2027.",
        # a form that goes live later
        "The online form will go live on 1 April 2027. Deadline: 31 May 2027.",
    ],
)
def test_a_forthcoming_call_with_an_opening_date(summary: str) -> None:
    result = run("EPRM call for proposals", summary)
    assert (result.status, result.opens, result.deadline) == (
        "forthcoming",
        date(2027, 4, 1),
        date(2027, 5, 31),
    )


@pytest.mark.parametrize(
    ("status", "deadline", "opens", "day", "expected"),
    [
        ("open", date(2027, 4, 30), None, date(2027, 4, 30), "open"),
        ("open", date(2027, 4, 30), None, date(2027, 5, 1), "closed"),
        ("rolling", None, None, date(2030, 1, 1), "rolling"),
        ("forthcoming", date(2027, 5, 31), date(2027, 4, 1), date(2027, 3, 31), "forthcoming"),
        ("forthcoming", date(2027, 5, 31), date(2027, 4, 1), date(2027, 4, 1), "open"),
        ("forthcoming", None, date(2027, 4, 1), date(2027, 4, 2), "rolling"),
        ("forthcoming", date(2027, 5, 31), date(2027, 4, 1), date(2027, 6, 1), "closed"),
        ("closed", None, None, date(2027, 1, 1), "closed"),
        (None, None, None, date(2027, 1, 1), None),
    ],
)
def test_the_status_on_a_given_day(
    status: CallStatus | None,
    deadline: date | None,
    opens: date | None,
    day: date,
    expected: CallStatus | None,
) -> None:
    assert status_on_day(status, deadline, opens, day) == expected


@pytest.mark.parametrize(
    ("summary", "deadline", "key_dates"),
    [
        (
            "Concept notes are due by 15 April 2027. Full proposals by 30 June 2027.",
            date(2027, 4, 15),
            (KeyDate("full-proposal", date(2027, 6, 30)),),
        ),
        (
            "Questions may be sent until 20 March 2027; proposals are due 10 April 2027.",
            date(2027, 4, 10),
            (KeyDate("questions", date(2027, 3, 20)),),
        ),
        (
            "Date limite : 12 avril 2027. Séance d'information : 20 mars 2027.",
            date(2027, 4, 12),
            (KeyDate("information-session", date(2027, 3, 20)),),
        ),
    ],
)
def test_the_first_binding_date_is_the_deadline_and_the_rest_are_key_dates(
    summary: str, deadline: date, key_dates: tuple[KeyDate, ...]
) -> None:
    result = run("Call for proposals", summary)
    assert (result.deadline, result.key_dates) == (deadline, key_dates)


@pytest.mark.parametrize(
    "summary",
    [
        "The deadline has been extended from 30 March to 21 April 2027.",
        "La date limite est prorogée au 21 avril 2027.",
        "Se amplía el plazo hasta el 21 de abril de 2027.",
    ],
)
def test_an_extended_deadline_replaces_the_old_one(summary: str) -> None:
    result = run("Call for proposals", summary)
    assert (result.deadline, result.deadline_extended, result.key_dates) == (
        date(2027, 4, 21),
        True,
        (),
    )


@pytest.mark.parametrize(
    ("title", "summary", "event"),
    [
        (
            "Webinar: OECD due diligence",
            "Join us online on 22 March 2027.",
            EventDates(date(2027, 3, 22), date(2027, 3, 22), True),
        ),
        (
            "Forum on artisanal gold",
            "The forum takes place in Accra on 2-4 May 2027.",
            EventDates(date(2027, 5, 2), date(2027, 5, 4), False),
        ),
        (
            "Atelier régional à Goma",
            "L'atelier aura lieu du 30 mars au 1er avril 2027 à Goma.",
            EventDates(date(2027, 3, 30), date(2027, 4, 1), False),
        ),
        (
            "Foro minero",
            "El foro se realizará el 24 de marzo, en formato híbrido.",
            EventDates(date(2027, 3, 24), date(2027, 3, 24), None),
        ),
        (
            "Conference on cobalt",
            "May 12-13, 2027 in Lubumbashi. Register by 30 April 2027.",
            EventDates(date(2027, 5, 12), date(2027, 5, 13), False),
        ),
    ],
)
def test_an_events_own_dates(title: str, summary: str, event: EventDates) -> None:
    result = run(title, summary)
    assert (result.kind, result.deadline, result.event) == ("event", None, event)


@pytest.mark.parametrize(
    ("title", "summary", "kind"),
    [
        # a recap is news
        ("Forum on artisanal gold", "The forum took place in Accra on 12 February 2027.", "news"),
        ("Atelier de validation à Bukavu", "L'atelier s'est tenu le 20 février 2027.", "news"),
        # a call for papers for a conference is a call
        (
            "Responsible Minerals Conference 2027: call for abstracts",
            "Submit your abstract by 30 April 2027.",
            "call",
        ),
        (
            "Colloque international sur l'orpaillage",
            "Appel à communications : les résumés sont attendus avant le 15 avril 2027.",
            "call",
        ),
        # a staff job is news, a consultancy a call
        ("Programme Officer – Kinshasa", "Apply by 30 March 2027.", "news"),
        ("Recrutement d'un chargé de programme", "Date limite : 30 mars 2027.", "news"),
        ("Se busca coordinador(a) de proyecto", "Fecha límite: 30 de marzo de 2027.", "news"),
        (
            "Recrutement d'un consultant pour une étude de base",
            "Date limite : 30 mars 2027.",
            "call",
        ),
        ("Consultancy: evaluation of the ASM programme", "Deadline: 30 March 2027.", "call"),
        # a notice that asks for nothing
        ("Notice of funding intent", "This is not a request for applications.", "news"),
    ],
)
def test_kinds_that_look_like_another(title: str, summary: str, kind: str) -> None:
    assert run(title, summary).kind == kind


@pytest.mark.parametrize(
    ("title", "summary", "confident"),
    [
        ("Call for proposals: gold", "Deadline: 30 April 2027.", True),
        ("Cobalt prices", "The market moved on Tuesday.", True),
        ("Update from the field", "A call for proposals may follow next year.", False),
    ],
)
def test_confidence_says_when_a_person_should_look(
    title: str, summary: str, confident: bool
) -> None:
    assert (run(title, summary).confidence >= 0.7) is confident


_SAME_DAY_STEPS = """
import sys
from datetime import UTC, datetime
from aggregator.classify import classify
from aggregator.types import ParsedItem, Source
published = datetime(2027, 1, 5, tzinfo=UTC)
item = ParsedItem(
    key="k", title="Call for proposals: artisanal gold", link=None, published=published,
    summary="<p>Deadline: 30 April 2027.</p><p>Information session: 10 March 2027. "
    "Pre-bid meeting: 10 March 2027. Results: 10 March 2027.</p>",
)
result = classify(item, Source(name="P", url="https://p.example/feed"), reference=published)
print([(k.what, k.date.isoformat()) for k in result.key_dates])
"""


def test_key_dates_on_the_same_day_come_in_the_same_order_in_every_process() -> None:
    # feed.json and the calendars must not change from one run to the next when nothing
    # did: the order of a call's steps cannot depend on the process's hash seed
    import os
    import subprocess
    import sys

    outputs = {
        subprocess.run(
            [sys.executable, "-c", _SAME_DAY_STEPS],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3, 4)
    }
    assert len(outputs) == 1
    assert outputs.pop().count("2027-03-10") == 3
