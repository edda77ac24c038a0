"""Where the newer phrases and date rules must stop: posts that share their words but
not their meaning keep their kind, deadline, status and days. Tables of cases."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run

PUBLISHED = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("title", "summary", "language", "status", "deadline"),
    [
        (  # "prise en charge" is no staff post
            "Appel à candidatures : formation gratuite (prise en charge des frais de voyage)",
            "<p>Les candidatures sont reçues jusqu'au 20 décembre 2026.</p>",
            "fr",
            "open",
            date(2026, 12, 20),
        ),
        (  # an organisation sought is no staff member
            "Le projet recrute une ONG partenaire pour la mise en œuvre",
            "<p>Les manifestations d'intérêt sont reçues jusqu'au 20 décembre 2026.</p>",
            "fr",
            "open",
            date(2026, 12, 20),
        ),
        (  # a project's applications that closed: the call's own end
            "Grants for mining communities",
            "<p>Project grant applications closed on 30 November 2026.</p>",
            "en",
            "closed",
            date(2026, 11, 30),
        ),
        (
            "Grants for mining communities",
            "<p>The Phase II call for proposals closed on 30 November 2026.</p>",
            "en",
            "closed",
            date(2026, 11, 30),
        ),
        (
            "Licitación de equipos de molienda",
            "<p>La licitación del proyecto cerró el 30 de noviembre de 2026.</p>",
            "es",
            "closed",
            date(2026, 11, 30),
        ),
        (  # a ban that a call is about: the call phrase decides
            "Appel à projets : reconversion des orpailleurs après la suspension des activités",
            "<p>Les propositions sont reçues jusqu'au 20 janvier 2027.</p>",
            "fr",
            "open",
            date(2027, 1, 20),
        ),
        (  # the form closing with the call is no opening day
            "Appel à candidatures : bourses de terrain",
            "<p>Applications close on 15 January 2027, after which the application form will "
            "not be available.</p>",
            "en",
            "open",
            date(2027, 1, 15),
        ),
        (  # "yesterday" that is not the date's: the deadline is still to come
            "Convocatoria abierta: fondo minero",
            "<p>La fecha límite, anunciada ayer, es el 15 de enero.</p>",
            "es",
            "open",
            date(2027, 1, 15),
        ),
        (  # a date alone on the line after "before" is its value
            "Small grants for cooperatives",
            "<p>Apply before<br><strong>15 January 2027</strong></p>",
            "en",
            "open",
            date(2027, 1, 15),
        ),
        (  # a later round in the title does not make this one forthcoming
            "Call for proposals: ASM formalisation — next open in 2028",
            "<p>Proposals due 15 January 2027.</p>",
            "en",
            "open",
            date(2027, 1, 15),
        ),
        (  # eligibility rules that apply leave the title's "apply"
            "Apply for the ASM Resilience Fund – eligibility rules apply",
            "<p>Cooperatives can apply until 15 January 2027.</p>",
            "en",
            "open",
            date(2027, 1, 15),
        ),
        (  # a call whose title names an award list
            "Appel à candidatures : Palmarès 2027 des entreprises minières responsables",
            "<p>Dossiers jusqu'au 15 janvier 2027.</p>",
            "fr",
            "open",
            date(2027, 1, 15),
        ),
        (  # another round is closed; this one's year-less date is still to come
            "Small grants: Round 4",
            "<p>Round 3 is closed. Proposals for Round 4 are due 15 January.</p>",
            "en",
            "closed",
            date(2027, 1, 15),
        ),
    ],
)
def test_a_call_keeps_its_deadline(
    title: str, summary: str, language: str, status: str, deadline: date
) -> None:
    result = run(title, summary, PUBLISHED, language)
    assert (result.kind, result.status, result.deadline) == ("call", status, deadline)


@pytest.mark.parametrize(
    ("title", "summary", "language", "start", "end"),
    [
        (  # registration that opened is no report of the opening
            "DRC Mining Week 2026",
            "<p>The conference will be held on 3 December 2026 in Lubumbashi. Registration "
            "opened yesterday.</p>",
            "en",
            date(2026, 12, 3),
            date(2026, 12, 3),
        ),
        (  # the title's first day of a longer gathering is not all of it
            "Great Lakes minerals forum opens 15 December in Goma",
            "<p>The forum runs from 15 to 17 December 2026.</p>",
            "en",
            date(2026, 12, 15),
            date(2026, 12, 17),
        ),
        (
            "ASM conference postponed to 20 January",
            "<p>The conference will now be held on 20-22 January 2027.</p>",
            "en",
            date(2027, 1, 20),
            date(2027, 1, 22),
        ),
        (  # a recording the day after is no day of the webinar
            "Webinar on traceability",
            "<p>Join us on 10 December 2026 at 14:00 GMT. The recording will be available "
            "from 11 December.</p>",
            "en",
            date(2026, 12, 10),
            date(2026, 12, 10),
        ),
        (  # suspended exports are the webinar's subject, not its fate
            "Webinar: exportaciones de oro suspendidas en Ecuador, ¿qué sigue?",
            "<p>El webinar será el 10 de diciembre de 2026 a las 10:00.</p>",
            "es",
            date(2026, 12, 10),
            date(2026, 12, 10),
        ),
        (  # a change of place, not of date
            "Atelier de validation du plan provincial",
            "<p>L'atelier qui devait se tenir à Goma aura lieu le 12 décembre 2026 à Bukavu.</p>",
            "fr",
            date(2026, 12, 12),
            date(2026, 12, 12),
        ),
    ],
)
def test_an_event_keeps_its_days(
    title: str, summary: str, language: str, start: date, end: date
) -> None:
    result = run(title, summary, PUBLISHED, language)
    assert result.kind == "event"
    assert result.event is not None
    assert (result.event.start, result.event.end) == (start, end)


def test_a_call_about_compliance_is_a_call() -> None:
    result = run(
        "Call for proposals: helping cooperatives comply with the EU regulation",
        "<p>Proposals are due by 15 January 2027.</p>",
        PUBLISHED,
        "en",
    )
    assert (result.kind, result.deadline) == ("call", date(2027, 1, 15))


def test_a_full_time_fellowship_is_a_call() -> None:
    result = run(
        "Full-time PhD scholarship in mining geology",
        "<p>The scholarship pays tuition and a salary for three years. Apply by 30 March 2027.</p>",
        PUBLISHED,
        "en",
    )
    assert (result.kind, result.deadline) == ("call", date(2027, 3, 30))


def test_a_tender_bid_opening_day_is_no_opening() -> None:
    result = run(
        "DAO ouvert national N°OBMC/03/S/2026 : formations des agents de terrain",
        "<p>Date de publication : 30/11/2026 – Date d'ouverture : 21/12/2026. Les offres "
        "sont reçues jusqu'au jour de l'ouverture des plis, le 21/12/2026 à 10h00.</p>",
        PUBLISHED,
        "fr",
    )
    assert (result.kind, result.status, result.deadline) == ("call", "open", date(2026, 12, 21))


def test_a_prize_given_is_news() -> None:
    result = run(
        "Remise du prix de journalisme sur l'orpaillage à Bukavu",
        "<p>Le prix a été remis samedi à une journaliste de Radio Maendeleo.</p>",
        PUBLISHED,
        "fr",
    )
    assert result.kind == "news"


@pytest.mark.parametrize(
    ("title", "summary", "language", "kind", "status"),
    [
        (  # an extension for those selected does not reopen a closed call
            "Convocatoria cerrada",
            "<p>La convocatoria está cerrada. Los seleccionados tienen plazo ampliado hasta el "
            "20 de diciembre de 2026 para firmar convenios.</p>",
            "es",
            "call",
            "closed",
        ),
        (  # nor does an extension refused
            "Appel à projets 2026",
            "<p>L'appel est clôturé. Aucun délai supplémentaire ne sera accordé après le 15 "
            "décembre 2026 pour les pièces manquantes.</p>",
            "fr",
            "call",
            "closed",
        ),
        (  # a call's eligible costs name a salary: no staff post
            "Convocatoria: Fondo de apoyo a cooperativas mineras 2027",
            "<p>El fondo cubre el salario del técnico. Fecha límite: 15 de enero de 2027.</p>",
            "es",
            "call",
            "open",
        ),
        (
            "Open call: community monitors",
            "<p>Part-time role for community organisations. Submit proposals by 15 January "
            "2027.</p>",
            "en",
            "call",
            "open",
        ),
        (  # a launch ceremony is no opening day
            "Appel à candidatures : programme d'incubation",
            "<p>Cérémonie de lancement le 10 décembre 2026 à Kinshasa. Dépôt des dossiers "
            "jusqu'au 31 janvier 2027.</p>",
            "fr",
            "call",
            "open",
        ),
        (  # an "appel" that is a plea
            "Appel « Stop au travail des enfants dans les mines » : 50 ONG interpellent l'UE",
            "<p>Cinquante organisations demandent une loi plus stricte.</p>",
            "fr",
            "news",
            None,
        ),
        (  # a parliament's vote is no gathering
            "Minerais de conflit : le Congrès américain se prononcera le 10 décembre",
            "<p>Le Congrès doit voter le 10 décembre 2026 sur la section 1502.</p>",
            "fr",
            "news",
            None,
        ),
        (  # a system that goes live later does not make a tender forthcoming
            "Tender: supply of traceability tags",
            "<p>The new e-procurement system is due to go live in 2027; until then, bids must "
            "be emailed by 20 December 2026.</p>",
            "en",
            "call",
            "open",
        ),
        (  # a fund that opened, told with its winners
            "Ecuador abrió postulaciones para el Fondo Minero 2026",
            "<p>El fondo recibió 300 proyectos. Hoy se anunciaron los ganadores.</p>",
            "es",
            "news",
            None,
        ),
    ],
)
def test_kind_and_status_hold(
    title: str, summary: str, language: str, kind: str, status: str | None
) -> None:
    result = run(title, summary, PUBLISHED, language)
    assert (result.kind, result.status) == (kind, status)
