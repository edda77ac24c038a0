"""Words of a call's status and of a call's results: forthcoming, closed, rolling, news.
Tables of cases, rules alone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind", "status", "opens"),
    [
        (  # the call to be convened, its papers to be published
            "Tercera edición del Premio a las Buenas Prácticas Comunitarias en Minería",
            "<p>La cámara convocará en 2027 la tercera edición del premio. Las bases y el "
            "formulario de candidatura se publicarán en junio de 2027.</p>",
            date(2027, 1, 20),
            "es",
            "call",
            "forthcoming",
            None,
        ),
        (  # a prior notice, with the day the call is to be convened
            "Aviso previo: concurso público para el monitoreo de pasivos ambientales",
            "<p>La empresa convocará un concurso público. Fecha prevista de convocatoria: 10 de "
            "marzo de 2027.</p>",
            date(2027, 2, 22),
            "es",
            "call",
            "forthcoming",
            date(2027, 3, 10),
        ),
        (  # "the window is not yet open"
            "Call for proposals: ASM support window, round 4",
            "<p>The window is not yet open. Calls will be released on 15 January 2027; apply "
            "through the platform.</p>",
            date(2026, 11, 20),
            "en",
            "call",
            "forthcoming",
            date(2027, 1, 15),
        ),
        (  # a call for papers said closed: the conference is the event
            "2e Colloque international Mines et Société",
            "<p>Du 30 novembre au 2 décembre 2026 à Boké. L'appel à communications est "
            "désormais clos ; les personnes souhaitant assister peuvent s'inscrire en ligne.</p>",
            date(2026, 9, 14),
            "fr",
            "event",
            None,
            None,
        ),
        (  # applications taken as they arrive: rolling
            "Convocatoria: sitios piloto de trazabilidad del oro",
            "<p>Las solicitudes se reciben y evalúan a medida que llegan.</p>",
            date(2026, 2, 9),
            "es",
            "call",
            "rolling",
            None,
        ),
        # a standing fund that names no call: what it asks for, and its open window
        (
            "Emergency support for communities affected by gold mining",
            "<p>Requests of up to USD 2,500 are considered case by case, with no fixed "
            "deadline. The committee replies within two weeks.</p>",
            date(2026, 9, 3),
            "en",
            "call",
            "rolling",
            None,
        ),
        (
            "Fonds d'urgence pour les défenseurs des droits dans les zones minières",
            "<p>Les défenseurs menacés peuvent solliciter une aide d'urgence. Les demandes sont "
            "examinées au fil de l'eau.</p>",
            date(2026, 5, 26),
            "fr",
            "call",
            "rolling",
            None,
        ),
        (  # a standing call's earlier round, closed: history, the call stays rolling
            "Ventanilla abierta: apoyos para asociaciones de mujeres barequeras",
            "<p>El fondo mantiene abierta su convocatoria permanente para asociaciones de "
            "Chocó y Antioquia.</p><p>En la primera ronda, que cerró el 12 de mayo de 2026, se "
            "apoyó a 18 asociaciones.</p>",
            date(2026, 7, 14),
            "es",
            "call",
            "rolling",
            None,
        ),
        (  # without what it asks for, a rolling word alone makes no call
            "Our emergency fund in 2026",
            "<p>The fund's committee met case by case this year and spent USD 40,000.</p>",
            date(2026, 12, 3),
            "en",
            "news",
            None,
            None,
        ),
        # withdrawn, suspended or said closed in a round's past window: closed
        (
            "Tender cancellation notice: supply of water pumps for Kalimbi cooperatives",
            "<p>Reason: the budget line was withdrawn. A new notice may follow.</p>",
            date(2026, 11, 3),
            "en",
            "call",
            "closed",
            None,
        ),
        (
            "Comunicado: cancelación de la licitación N° 12-2026 (equipos de laboratorio)",
            "<p>La entidad deja sin efecto el procedimiento por razones presupuestales.</p>",
            date(2026, 11, 3),
            "es",
            "call",
            "closed",
            None,
        ),
        (
            "Small equipment grants for tin cooperatives: window suspended",
            "<p>The Fund stopped receiving applications on Friday, as requests exceed what "
            "remains. No new applications will be accepted.</p>",
            date(2026, 11, 3),
            "en",
            "call",
            "closed",
            None,
        ),
        (
            "Open calls for traceability pilots",
            "<p>Open Call A, which received applications from 1 August to 15 October 2026, "
            "is now officially closed. Evaluation is under way.</p>",
            date(2026, 11, 3),
            "en",
            "call",
            "closed",
            date(2026, 8, 1),
        ),
        # a relaunch: the first notice was void, this one is open
        (
            "Avis d'appel d'offres n° 2026-031 (relance) : balances pour comptoirs d'or",
            "<p>Le premier avis, publié en août, a été déclaré infructueux. Les offres sont "
            "reçues au plus tard le 30 novembre 2026.</p>",
            date(2026, 11, 3),
            "fr",
            "call",
            "open",
            None,
        ),
        # a standing window's opening day is no deadline
        (
            "Appel à projets permanent : fonds de roulement des coopératives",
            "<p>Ouverture du dépôt des candidatures : 2 novembre 2026. Pas de date de clôture, "
            "dossiers examinés au fil de l'eau.</p>",
            date(2026, 11, 3),
            "fr",
            "call",
            "rolling",
            date(2026, 11, 2),
        ),
        # results, final or as funded projects: news
        (
            "Acta de resultados definitivos: convocatoria de jóvenes investigadores",
            "<p>El comité seleccionó a los cuatro candidatos con mayor puntaje.</p>",
            date(2026, 5, 12),
            "es",
            "news",
            None,
            None,
        ),
        (
            "Meet the nine projects funded in our 2025 round",
            "<p>Our 2025 round, which closed for applications on 31 October 2025, received 143 "
            "proposals.</p>",
            date(2026, 4, 2),
            "en",
            "news",
            None,
            None,
        ),
    ],
)
def test_status_and_results_words(
    title: str,
    summary: str,
    published: date,
    language: str,
    kind: str,
    status: str | None,
    opens: date | None,
) -> None:
    result = run(title, summary, published, language)
    assert (result.kind, result.status, result.opens) == (kind, status, opens)


@pytest.mark.parametrize(
    ("title", "summary", "language", "kind", "status"),
    [
        (  # groups are sought, not staff
            "Buscamos organizaciones mineras para ser sitio piloto de trazabilidad",
            "<p>Las solicitudes se reciben y evalúan a medida que llegan.</p>",
            "es",
            "call",
            "rolling",
        ),
        (
            "Cooperativas formalizadas pueden postular a pasantías en recuperación de oro",
            "<p>Las inscripciones están abiertas de manera permanente; las postulaciones se "
            "evalúan a medida que llegan.</p>",
            "es",
            "call",
            "rolling",
        ),
        (  # a person sought: a staff post, news
            "Buscamos coordinador de proyecto en Puno",
            "<p>Oferta laboral: contrato a plazo fijo. Envíe su hoja de vida hasta el 20 de "
            "diciembre.</p>",
            "es",
            "news",
            None,
        ),
        (  # "will next open" in a month
            "Small grants of up to GHS 50,000 for mining-affected communities",
            "<p>The Fund awards small grants to community organisations each year. "
            "Applications will next open in January 2027.</p>",
            "en",
            "call",
            "forthcoming",
        ),
        (  # the call's first day said by its verb
            "Crédito condonable para maestrías en minería y ambiente",
            "<p>La convocatoria inicia el 18 de enero y va hasta el 25 de febrero de 2027. "
            "Para postular, el estudiante debe estar admitido.</p>",
            "es",
            "call",
            "forthcoming",
        ),
        (  # a listing's "Lancement :" field
            "Master professionnel en gestion durable des mines artisanales – candidature",
            "<p>Lancement : 21/05/2027 à 20h00 Clôture : 15/07/2027 à 23h59</p>",
            "fr",
            "call",
            "forthcoming",
        ),
        (  # "due to go live", its deadlines given
            "Application guidelines – 2028 postdoctoral fellowships on critical minerals",
            "<p>Online registration for the 2028 fellowship round is due to go live in March. "
            "The next initiation deadline is 8 April 2027.</p>",
            "en",
            "call",
            "forthcoming",
        ),
        (  # a fund opened, said by its verb in the plural
            "Atacama: abren postulaciones para fondo de apoyo a la pequeña minería",
            "<p>El Gobierno Regional abrió las postulaciones para el Fondo de Desarrollo de "
            "Labores.</p>",
            "es",
            "call",
            "rolling",
        ),
        (  # a salaried post's terms, its closing date in a field
            "Titles Officer – Mineral Rights Unit (full time, ongoing)",
            "<p>Job type: full time · Salary: TZS 1,850,000 per month · Location: Dodoma · "
            "Closing: 25/01/2027</p><p>Applications must include a CV.</p>",
            "en",
            "news",
            None,
        ),
        (  # "not open yet", with only months in its timetable
            "How our calls work: timetable for the 2027 rounds",
            "<p>The Facility runs two rounds of small grants for mining cooperatives a year.</p>"
            "<p>Timetable: January: "
            "the spring call opens; March: the spring call closes.</p><p>The spring 2027 round "
            "is not open yet; exact dates will be published here on the day the call opens.</p>",
            "en",
            "call",
            "forthcoming",
        ),
        (  # a tender the board says it has cancelled
            "CANCELLATION NOTICE – TENDER MRB/07/2026 (supply of gravity concentrators)",
            "<p>The Board gives notice that it has cancelled the tender named above: no bid "
            "met the mandatory specifications.</p>",
            "en",
            "call",
            "closed",
        ),
        (  # "not yet": the day it opens is named, a forthcoming call
            "Fondo de iniciativas territoriales 2027: la convocatoria se abrirá el 15 de febrero",
            "<p>La convocatoria se abrirá el 15/02/2027. Por ahora no se reciben propuestas.</p>",
            "es",
            "call",
            "forthcoming",
        ),
        (
            "Annonce : le guichet de subventions 2027 ouvrira prochainement",
            "<p>Le guichet sera lancé le 1er février 2027. Aucune candidature ne sera acceptée "
            "avant cette date.</p>",
            "fr",
            "call",
            "forthcoming",
        ),
        (  # no day named: the notice that it is no call stands
            "Aviso informativo sobre el fondo de reconversión tecnológica",
            "<p>Este aviso no constituye una convocatoria. Cualquier convocatoria será publicada "
            "en este portal.</p>",
            "es",
            "news",
            None,
        ),
        (  # "concurso" in a title, with a deadline in the text: a call
            "Primer concurso 2027 de proyectos para la pequeña minería",
            "<p>Los interesados deben inscribirse hasta el 27 de marzo de 2027.</p>",
            "es",
            "call",
            "open",
        ),
    ],
)
def test_groups_sought_and_calls_not_open_yet(
    title: str, summary: str, language: str, kind: str, status: str | None
) -> None:
    result = run(title, summary, date(2026, 12, 1), language)
    assert (result.kind, result.status) == (kind, status)


@pytest.mark.parametrize(
    ("title", "summary", "language", "status"),
    [
        (
            "Reducing mercury use by artisanal gold miners: request for applications",
            "<p>Last Known Status: Deleted 05/22/2026 (Archived.) | Agency: Department of "
            "State</p>",
            "en",
            "closed",
        ),
        (
            "Licitación 3311-40-LE26: asistencia técnica a pirquineros",
            "<p>Estado: Cerrada. Tipo de convocatoria: Abierta.</p>",
            "es",
            "closed",
        ),
        (
            "Concurso de proyectos para la pequeña minería",
            "<p>Estado: cerrado – en evaluación.</p>",
            "es",
            "closed",
        ),
        (
            "AMI : cartographie des sites d'orpaillage",
            "<p>Statut : attribué · Autorité contractante : ministère des Mines</p>",
            "fr",
            "closed",
        ),
        (  # a value that says nothing of the window: the dates decide
            "Licitación 3311-52-LE26: capacitación en seguridad minera",
            "<p>Estado: Publicada. Fecha de cierre: 24-12-2026.</p>",
            "es",
            "open",
        ),
        (  # a status that is not the call's
            "Call for proposals: support to informal miners",
            "<p>Legal status: informal miners may apply. Deadline: 20 December 2026.</p>",
            "en",
            "open",
        ),
        (  # the open round's field comes first; the past round's below it
            "Call for proposals: cobalt traceability pilots",
            "<p>Round 2 — Status: Open. Deadline: 30 June 2027.</p><p>Round 1 — Status: Closed</p>",
            "en",
            "open",
        ),
        (  # "status" in a sentence, and a value that is a word of it
            "Call for proposals: riverbank restoration",
            "<p>Deadline: 30 June 2027. Describe your site's current status: close to a river "
            "or not.</p>",
            "en",
            "open",
        ),
        (  # "closed-loop" is no value
            "Call for proposals: water in gold processing",
            "<p>Apply by 30 June 2027. Project status: closed-loop water systems are "
            "preferred.</p>",
            "en",
            "open",
        ),
        (
            "Convocatoria: fondos para cooperativas auríferas",
            "<p>Fecha límite: 30 de junio de 2027. Estado: Abierta. Convocatoria anterior — "
            "Estado: Cerrada.</p>",
            "es",
            "open",
        ),
        (
            "Appel à propositions : sites d'orpaillage pilotes",
            "<p>Date limite : 30 juin 2027. Indiquez l'état : fermé ou ouvert de votre site.</p>",
            "fr",
            "open",
        ),
        (  # a field on its own line, its value alone on it
            "Licitación 3311-77-LE26: estudios de suelos",
            "<p>Estado: cerrada<br>publicada el 2 de noviembre</p>",
            "es",
            "closed",
        ),
    ],
)
def test_a_listings_status_field(title: str, summary: str, language: str, status: str) -> None:
    assert run(title, summary, date(2026, 12, 1), language).status == status
