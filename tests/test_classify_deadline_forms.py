"""How a call's closing date is written: a time zone after the hour, a submission
window, a revised date, a long subject before "is". Tables of cases, rules alone."""

from __future__ import annotations

import time
from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # the hour and its time zone between "until" and the date
            "Call for proposals: responsible cobalt facility",
            "<p>The facility will accept concept notes until 14:00 CEST on October 18, 2026, "
            "with full proposals due on November 11.</p>",
            date(2026, 8, 17),
            "en",
            date(2026, 10, 18),
        ),
        (
            "Request for expressions of interest: extension services for small-scale miners",
            "<p>Expressions of interest must be delivered by 10:00 a.m. GMT on 17th November "
            "2025.</p>",
            date(2025, 10, 27),
            "en",
            date(2025, 11, 17),
        ),
        (  # an offset after the zone
            "Request for quotations: assay laboratory services",
            "<p>Quotations are accepted until 17:00 (UTC+1) on 9 March 2027.</p>",
            date(2027, 2, 1),
            "en",
            date(2027, 3, 9),
        ),
        (  # "by" still needs the date at once: a name between is no time zone
            "Call for proposals: artisanal gold traceability",
            "<p>The pilot organised by GMT Consulting on 5 May 2027 is open to observers.</p>",
            date(2027, 2, 1),
            "en",
            None,
        ),
    ],
)
def test_a_time_zone_may_stand_between_by_and_the_date(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline", "opens", "status"),
    [
        (  # a window still to open: forthcoming, opening on its first day
            "Call for papers: special issue on gemstone mining",
            "<p>Submission window: 1 May 2026 - 30 November 2026.</p>",
            date(2026, 4, 6),
            "en",
            date(2026, 11, 30),
            date(2026, 5, 1),
            "forthcoming",
        ),
        (  # the first day without its year takes the last one's
            "Bourses du master en géosciences minières",
            "<p>La plateforme de candidature sera ouverte du 5 janvier au 20 février 2027.</p>",
            date(2026, 12, 1),
            "fr",
            date(2027, 2, 20),
            date(2027, 1, 5),
            "forthcoming",
        ),
        (
            "Premio Andino a las Buenas Prácticas en la Minería a Pequeña Escala",
            "<p>Las candidaturas podrán presentarse entre el 2 de marzo y el 8 de mayo de "
            "2026 mediante el formulario web.</p>",
            date(2026, 2, 20),
            "es",
            date(2026, 5, 8),
            date(2026, 3, 2),
            "forthcoming",
        ),
        (  # a stage's window in a list, day-first numbers
            "Convocatoria 2027-1: renovación de equipos para la pequeña minería",
            "<ul><li>Presentación 1° etapa: 12-04-2027 al 30-04-2027</li></ul>",
            date(2027, 3, 20),
            "es",
            date(2027, 4, 30),
            date(2027, 4, 12),
            "forthcoming",
        ),
        (  # an open window: open until its last day
            "Convocatoria: fondo para cooperativas mineras",
            "<p>Postulaciones del 2 al 20 de mayo de 2027 en la plataforma.</p>",
            date(2027, 5, 5),
            "es",
            date(2027, 5, 20),
            date(2027, 5, 2),
            "open",
        ),
        (  # hours and time zones after each day
            "Appel à projets : partenariat pour des minerais responsables",
            "<p>Période de dépôt : du mardi 1er septembre 2026, 12h00 (CEST) au lundi 30 "
            "novembre 2026, 14h00 (CET).</p>",
            date(2026, 8, 1),
            "fr",
            date(2026, 11, 30),
            date(2026, 9, 1),
            "forthcoming",
        ),
        (  # a timetable's row: the step's name, its first and last day in two cells
            "Call for proposals: cooperative savings groups",
            "<table><tr><td>Submission period</td><td>04/05/2026</td><td>29/05/2026</td></tr>"
            "<tr><td>Results</td><td>30/06/2026</td></tr></table>",
            date(2026, 4, 20),
            "en",
            date(2026, 5, 29),
            date(2026, 5, 4),
            "forthcoming",
        ),
        (  # the compulsory registration of bidders closes first: the deadline
            "Contratación de consultoría: perfil de una planta de beneficio",
            "<p>Cronograma:</p><table><tr><th>Etapa</th><th>Inicio</th><th>Fin</th></tr>"
            "<tr><td>Registro de participantes</td><td>04/03/2026</td><td>16/03/2026</td></tr>"
            "<tr><td>Presentación de propuestas</td><td>23/03/2026</td><td>23/03/2026</td>"
            "</tr></table>",
            date(2026, 3, 2),
            "es",
            date(2026, 3, 16),
            None,
            "open",
        ),
        (
            "Appel à projets : coopératives minières",
            "<table><tr><td>Période de dépôt</td><td>04/05/2026 | 29/05/2026</td></tr></table>",
            date(2026, 5, 10),
            "fr",
            date(2026, 5, 29),
            date(2026, 5, 4),
            "open",
        ),
        (  # a line that gives its own date first is no label of the next line's date
            "Call for abstracts: deadline extended to 16 March 2027",
            "<p>Key dates</p><p>1 February 2027: abstract submission opens</p><p>16 March "
            "2027: abstract submission closes</p><p>3 May 2027: authors notified</p>",
            date(2027, 3, 4),
            "en",
            date(2027, 3, 16),
            None,
            "open",
        ),
        (
            "Appel à communications : date limite prolongée au 16 mars 2027",
            "<p>Calendrier</p><p>1er février 2027 : ouverture des candidatures</p><p>16 mars "
            "2027 : clôture</p><p>3 mai 2027 : notification aux auteurs</p>",
            date(2027, 3, 4),
            "fr",
            date(2027, 3, 16),
            None,
            "open",
        ),
        (  # a project's duration is no window
            "Call for proposals: mercury-free processing pilots",
            "<p>Projects will run from 1 March 2027 to 28 February 2028.</p>",
            date(2027, 1, 10),
            "en",
            None,
            None,
            "rolling",
        ),
        (  # nor the dates of the works a prize accepts
            "Convocatoria: premio de periodismo sobre minería sostenible",
            "<p>Podrán postularse piezas publicadas entre el 1 de enero y el 30 de noviembre "
            "de 2026.</p>",
            date(2026, 12, 1),
            "es",
            None,
            None,
            "rolling",
        ),
    ],
)
def test_a_window_of_dates_gives_the_opening_day_and_the_deadline(
    title: str,
    summary: str,
    published: date,
    language: str,
    deadline: date | None,
    opens: date | None,
    status: str,
) -> None:
    result = run(title, summary, published, language)
    assert (result.kind, result.deadline, result.opens, result.status) == (
        "call",
        deadline,
        opens,
        status,
    )


@pytest.mark.parametrize(
    ("title", "summary", "published", "kind", "deadline", "status"),
    [
        (  # a procurement procedure named after its award: a tender, open
            "Adjudicación Simplificada N° AS-SM-07-2027-AMSAC-1: monitoreo de pasivos ambientales",
            "<p>Cronograma: registro de participantes del 05/05/2027 al 19/05/2027; "
            "presentación de ofertas: 20/05/2027.</p>",
            date(2027, 5, 4),
            "call",
            date(2027, 5, 19),
            "open",  # registering bidders is a step of a call already convened
        ),
        (
            "Adjudicación de menor cuantía: servicio de análisis de suelos",
            "<p>Las ofertas se reciben hasta el 12 de marzo de 2027.</p>",
            date(2027, 3, 1),
            "call",
            date(2027, 3, 12),
            "open",
        ),
        (  # the award itself: results, news
            "Concurso Público N° CP-16-2027: otorgamiento de la buena pro",
            "<p>El comité otorgó la buena pro al Consorcio Andino tras evaluar seis ofertas.</p>",
            date(2027, 3, 1),
            "news",
            None,
            None,
        ),
        (  # an award named as such is still news
            "Acta de adjudicación: línea base de mercurio en la cuenca del Ramis",
            "<p>El comité adjudicó el servicio al consorcio mejor calificado.</p>",
            date(2027, 3, 1),
            "news",
            None,
            None,
        ),
    ],
)
def test_a_procedure_named_after_its_award_is_a_tender(
    title: str,
    summary: str,
    published: date,
    kind: str,
    deadline: date | None,
    status: str | None,
) -> None:
    result = run(title, summary, published, "es")
    assert (result.kind, result.deadline, result.status) == (kind, deadline, status)


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # a revised date is the new deadline
            "Invitation to bid: construction of mineral trading centres",
            "<p>The bid deadline was 30th June 2026.</p><p>The deadline for submission of "
            "bids has been revised from 30th June 2026 to 21st July 2026.</p>",
            date(2026, 6, 24),
            "en",
            date(2026, 7, 21),
        ),
        (
            "Appel d'offres : étude de base sur les coopératives minières",
            "<p>La date limite de dépôt des offres, modifiée, est désormais le 14 avril 2027.</p>",
            date(2027, 3, 2),
            "fr",
            date(2027, 4, 14),
        ),
        (  # a tender board's listing: its "Submit Date" field
            "Expression of Interest - Consultant for a district mining protocol",
            "<p>EOI Name: Consultant for a district protocol<br>Post Date: 14th October, "
            "2026<br>Submit Date: 5th November, 2026<br>Tender Cat: Consultancy</p>",
            date(2026, 10, 14),
            "en",
            date(2026, 11, 5),
        ),
        (  # "submission date" in running text, no date right after it: nothing
            "Call for proposals: cooperative savings groups",
            "<p>Proposals will be reviewed a month after the submission date; apply "
            "on a rolling basis.</p>",
            date(2026, 10, 14),
            "en",
            None,
        ),
        (  # a long subject between "deadline" and its "is"
            "Call for papers: special issue on transition minerals",
            "<p>The deadline for submission of initial proposals, with a title and an abstract "
            "of at most 400 words, is July 12. Authors will be told in August.</p>",
            date(2026, 6, 2),
            "en",
            date(2026, 7, 12),
        ),
        (  # a long label before its colon and its date
            "Términos de referencia: consultor/a individual para una línea de base",
            "<p>Consultas por escrito hasta el 29/01/2027. Plazo máximo de presentación de "
            "expresiones de interés y hoja de vida documentada: 08/02/2027, hasta las 23:59 "
            "horas, al correo indicado.</p>",
            date(2027, 1, 20),
            "es",
            date(2027, 2, 8),
        ),
        (
            "Terms of reference: individual consultant for a baseline survey",
            "<p>Deadline for submission of expressions of interest, detailed CVs and copies "
            "of diplomas by e-mail: 8 February 2027.</p>",
            date(2027, 1, 20),
            "en",
            date(2027, 2, 8),
        ),
        (
            "Termes de référence : consultant individuel pour une étude de base",
            "<p>Date limite de dépôt des offres techniques et financières en version "
            "électronique : 8 février 2027.</p>",
            date(2027, 1, 20),
            "fr",
            date(2027, 2, 8),
        ),
        (  # a label with a number in it ends at another clause's colon: nothing
            "Términos de referencia: consultor/a individual para una línea de base",
            "<p>Plazo de 75 días calendario para los productos de la consultoría: 08/02/2027 "
            "es la fecha de la reunión de arranque.</p>",
            date(2027, 1, 20),
            "es",
            None,
        ),
        (  # "is" that names no date: nothing
            "Call for papers: special issue on transition minerals",
            "<p>The deadline for submission of proposals, as in every issue, is strict: "
            "late papers wait for the next one.</p>",
            date(2026, 6, 2),
            "en",
            None,
        ),
        (  # a short aside between a field's label and its date
            "Appel à contributions : ouvrage sur les minerais stratégiques",
            "<table><tr><td>Envoi des propositions (résumé de 500 mots)</td><td>15 mars 2026"
            "</td></tr><tr><td>Notification aux auteurs</td><td>10 avril 2026</td></tr></table>",
            date(2026, 1, 12),
            "fr",
            date(2026, 3, 15),
        ),
        (  # "à compléter pour le": the form's date
            "Appel à manifestation d'intérêt pour subventions",
            "<p>Les ONG retenues recevront le formulaire de demande, à compléter pour le 05 mai "
            "2026.</p>",
            date(2026, 3, 9),
            "fr",
            date(2026, 5, 5),
        ),
        (  # the project's funding or completion, to its end, is no deadline
            "Fonds de l'ambassade pour les microprojets : appel à projets",
            "<p>Les demandes sont reçues en continu. Les projets doivent pouvoir être "
            "entièrement financés dans l'année budgétaire, au plus tard le 30 novembre.</p>",
            date(2026, 2, 15),
            "fr",
            None,
        ),
        (
            "Call for proposals: mercury-free processing pilots",
            "<p>Proposals are accepted on a rolling basis. Projects must be completed no later "
            "than 31 December 2027.</p>",
            date(2027, 1, 10),
            "en",
            None,
        ),
        (
            "Convocatoria: fondo para asociaciones de mujeres mineras",
            "<p>Postule en línea de forma permanente. Los proyectos deberán ejecutarse hasta el "
            "30 de junio de 2027.</p>",
            date(2026, 11, 30),
            "es",
            None,
        ),
        (  # a site visit's last day is a key date, the bids' closing day the deadline
            "Invitation to tender: mining licences over six blocks",
            "<p>Site visits can be arranged until 6 August 2027.</p><p>The deadline for the "
            "submission of bids is 16 August 2027.</p>",
            date(2027, 7, 14),
            "en",
            date(2027, 8, 16),
        ),
        (
            "Appel d'offres : réhabilitation de la laverie de Rubaya",
            "<p>Une visite de site peut être demandée jusqu'au 3 mars 2027. Date limite de "
            "dépôt des offres : 20 mars 2027.</p>",
            date(2027, 2, 10),
            "fr",
            date(2027, 3, 20),
        ),
        (
            "Licitación: planta de beneficio sin mercurio",
            "<p>La visita técnica obligatoria será hasta el 5 de abril de 2027; las ofertas "
            "se reciben hasta el 19 de abril de 2027.</p>",
            date(2027, 3, 15),
            "es",
            date(2027, 4, 19),
        ),
        (  # a two-stage tender: its first envelope, the technical offers, is the deadline
            "Adjudication de onze permis d'exploitation semi-mécanisée",
            "<p>L'appel d'offres se déroule en deux phases. Le dépôt et l'ouverture des offres "
            "techniques sont fixés au 10 décembre prochain. Les offres financières seront "
            "déposées le 14 janvier 2027.</p>",
            date(2026, 11, 12),
            "fr",
            date(2026, 12, 10),
        ),
        (  # the date a step is set for, after a comma
            "Concurso público N° 011-2026: supervisión de obras de cierre",
            "<p>La presentación de ofertas, programada para el 18/12/2026, se hará en la sede "
            "del programa.</p>",
            date(2026, 11, 23),
            "es",
            date(2026, 12, 18),
        ),
        (
            "Request for proposals: tailings survey",
            "<p>Submission of bids, scheduled for 8 January 2027, is by e-mail only.</p>",
            date(2026, 11, 23),
            "en",
            date(2027, 1, 8),
        ),
        (  # a timeline's line: a date, its hour and zone, then the step
            "2027-28 Responsible Minerals Fellowship: application timeline",
            "<p>Sept. 1 at 12:00 a.m. CT: application opens<br>Oct. 15 at 11:59 p.m. CT: "
            "application closes<br>Nov. 2-4: preliminary interviews</p>",
            date(2026, 9, 1),
            "en",
            date(2026, 10, 15),
        ),
        (  # "until yesterday": the last such day before publication
            "Se terminó el plazo para postular a los Fondos Concursables 2027",
            "<p>Hasta ayer miércoles 14 de abril fue el plazo para postular a los Fondos "
            "Concursables 2027.</p>",
            date(2027, 4, 15),
            "es",
            date(2027, 4, 14),
        ),
        (  # "Outcome by" heads a table's column: no label of the next row's date
            "Application process for the rolling grants programme",
            "<p>Applications are considered on a rolling basis.</p><table><tr><th>Received "
            "between</th><th>Reviewed in</th><th>Outcome by</th></tr><tr><td>16 October and "
            "11 January</td><td>mid-March</td><td>early April</td></tr></table>",
            date(2026, 11, 2),
            "en",
            None,
        ),
        (  # a closing time before the day, in the past tense
            "Concurso de ensayos sobre minería y territorio",
            "<p>Postulación: finalizó a las 17:00 horas del 27 de enero de 2027.</p>",
            date(2027, 2, 10),
            "es",
            date(2027, 1, 27),
        ),
        (  # an extension's dates: the day submission opens is not the new deadline
            "Call for abstracts – Student Symposium on Responsible Raw Materials 2027",
            "<p>Important dates (this is the second extension of the abstract deadline):</p>"
            "<p>6 November – abstract submission opens<br>30 January – abstract submission "
            "closes</p>",
            date(2027, 1, 12),
            "en",
            date(2027, 1, 30),
        ),
        (  # a window reopened, its first closing told before
            "Fonds d'appui aux coopératives minières : réouverture exceptionnelle du guichet",
            "<p>Le premier guichet s'est clôturé le 31 janvier. Un délai supplémentaire est "
            "accordé : le téléservice est rouvert jusqu'au 5 mars 2027 à minuit.</p>",
            date(2027, 2, 15),
            "fr",
            date(2027, 3, 5),
        ),
        (  # a call named in quotes, its deadline moved
            "Appel « Chaînes d'approvisionnement responsables en minerais » : l'échéance est "
            "reportée",
            "<p>La Commission a repoussé la date limite. Initialement fixée au 16 mars, la date "
            "limite est désormais le 15 avril 2027.</p>",
            date(2027, 3, 5),
            "fr",
            date(2027, 4, 15),
        ),
        (  # a call's title that ends with its window, open on publication
            "Termes de référence : quatrième appel à projets Villes minières, "
            "15.10.2026 – 29.01.2027",
            "<p>Les propositions sont déposées en ligne pendant toute la période d'ouverture "
            "de l'appel.</p>",
            date(2026, 10, 15),
            "fr",
            date(2027, 1, 29),
        ),
        (  # a day, a month and a year between colons, after a field's label
            "Premio de investigación «Oro andino» 2027",
            "<p>Fecha de cierre: 30:04:2027 Premio: 5.000 USD</p>",
            date(2027, 2, 10),
            "es",
            date(2027, 4, 30),
        ),
        (  # a window "del … al …" closes on its last day; the day before it opens is no
            # deadline when the form is not open until then
            "Ayudas a ONGD para proyectos de minería artesanal (convocatoria 2027)",
            "<p>Plazo de presentación de solicitudes: del 15 de febrero al 15 de marzo de "
            "2027, ambos incluidos. Antes del 15 de febrero el formulario no estará "
            "habilitado.</p>",
            date(2027, 2, 1),
            "es",
            date(2027, 3, 15),
        ),
        (  # a call said closed closed on the last such day before publication
            "Call for session proposals for the 2027 ASM Knowledge Forum",
            "<p>Submissions of session proposals are closed.</p>"
            "<p>1 September: call for proposals opens<br>30 October: proposals due</p>",
            date(2026, 11, 10),
            "en",
            date(2026, 10, 30),
        ),
        (  # "after this date, no proposal will be accepted" closes the call: still a call
            "Appel à communications : conférence Eau et mines 2027",
            "<p>Le formulaire est à remplir au plus tard le 1er octobre 2026. Passé ce délai, "
            "aucune proposition ne sera acceptée.</p>",
            date(2026, 7, 8),
            "fr",
            date(2026, 10, 1),
        ),
    ],
)
def test_how_the_deadline_is_written(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # the extension names what it moves before its date
            "Premio al Emprendimiento Minero Comunitario: convocatoria",
            "<p>Candidaturas abiertas entre el 22 de abril y el 20 de mayo de 2025.</p><p>Se "
            "prorroga la recepción de candidaturas, en todas las categorías, hasta el 4 de "
            "junio de 2025 inclusive.</p>",
            date(2025, 5, 14),
            "es",
            date(2025, 6, 4),
        ),
        (  # "nueva fecha", the old one named as such
            "Licitación pública LP-031/2026: consultoría para el plan de cierre de colas",
            "<p>Fecha original: 04/09/2026. Nueva fecha de presentación y apertura de "
            "propuestas: 14/09/2026 a horas 10:00.</p>",
            date(2026, 8, 31),
            "es",
            date(2026, 9, 14),
        ),
        (  # a publication label after a deadline word: the notice's own day
            "Licitación 3311-52-LE25: servicio de capacitación en seguridad minera",
            "<p>Etapas y plazos<br>Fecha de Publicación: 03-11-2025 18:02:11<br>Fecha de "
            "cierre de recepción de la oferta: 24-11-2025 17:30:00</p>",
            date(2025, 11, 3),
            "es",
            date(2025, 11, 24),
        ),
        (
            "Request for quotations: assay services",
            "<p>Key dates - publication date: 2 March 2027; closing date: 23 March 2027.</p>",
            date(2027, 3, 2),
            "en",
            date(2027, 3, 23),
        ),
        (  # a timetable's first row is the day it was published
            "Solicitud de cotización SC-004-2027: balanzas para compra de oro",
            "<p>Cronograma y plazos</p><ul><li>Publicación: 8 de febrero</li><li>Consultas: "
            "hasta el 12 de febrero</li><li>Cierre de cotizaciones: 19 de febrero</li></ul>",
            date(2027, 2, 8),
            "es",
            date(2027, 2, 19),
        ),
    ],
)
def test_an_extension_or_a_publication_label(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # this week's Wednesday, posted on a Tuesday
            "Convocatoria de apoyo a pirquineros",
            "<p>Los pequeños mineros pueden postular en línea; el plazo termina este "
            "miércoles.</p>",
            date(2026, 6, 16),
            "es",
            date(2026, 6, 17),
        ),
        (  # "next Wednesday" said on a Wednesday is a week on
            "Convocatoria de apoyo a pirquineros",
            "<p>Los pequeños mineros pueden postular hasta el próximo miércoles.</p>",
            date(2026, 12, 2),
            "es",
            date(2026, 12, 9),
        ),
        (
            "Call for proposals: community gold traceability pilots",
            "<p>Proposals must be submitted by email. The call closes this Friday.</p>",
            date(2026, 6, 16),
            "en",
            date(2026, 6, 19),
        ),
        (
            "Appel à projets : orpaillage sans mercure",
            "<p>Les dossiers sont à déposer avant ce vendredi, à minuit.</p>",
            date(2026, 6, 16),
            "fr",
            date(2026, 6, 19),
        ),
        (  # a weekday with its date is read as the date, not as this week's day
            "Call for proposals: community gold traceability pilots",
            "<p>The call closes this Friday, 3 July 2026.</p>",
            date(2026, 6, 16),
            "en",
            date(2026, 7, 3),
        ),
        (  # a weekday and a day with no month: the next month with a Friday 12
            "Becas de estudio para hijas e hijos de mineros artesanales",
            "<p>Las solicitudes deben entregarse a más tardar el viernes 12, hasta las 17:00 "
            "horas, en la oficina de la asociación.</p>",
            date(2027, 11, 1),
            "es",
            date(2027, 11, 12),
        ),
        (
            "Appel à candidatures : bourses pour les enfants d'orpailleurs",
            "<p>Les dossiers sont à déposer au plus tard le vendredi 12, à 16 heures.</p>",
            date(2027, 2, 1),
            "fr",
            date(2027, 2, 12),
        ),
        (
            "Call for applications: scholarships for miners' children",
            "<p>Applications must be submitted no later than Friday the 12th.</p>",
            date(2027, 3, 1),
            "en",
            date(2027, 3, 12),
        ),
        (  # no Friday 13 in the next two months: no date at all
            "Convocatoria de becas para hijos de mineros",
            "<p>Las solicitudes se reciben hasta el viernes 13 en la oficina.</p>",
            date(2026, 6, 1),
            "es",
            None,
        ),
        (  # an hour after the weekday, not a day
            "Call for applications: scholarships for miners' children",
            "<p>Applications must be submitted no later than Friday 12:00 at the office.</p>",
            date(2027, 3, 1),
            "en",
            None,
        ),
    ],
)
def test_a_weekday_of_this_week_may_be_the_deadline(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


def test_a_text_made_to_trip_the_date_reading_is_read_at_once() -> None:
    """Thirty clauses whose words between "due by" and the date almost fit what may stand
    there (numbers and brackets with spaces): each clause once cost a second or more of
    trying every way to split its spaces, so one such entry held a run for half a
    minute."""
    clauses = " ".join(
        f"Part {i} is due by {'1 (a) ' * 9}1 x {i % 28 + 1} June 2027." for i in range(30)
    )
    started = time.process_time()
    result = run("Call for proposals: gold", f"<p>{clauses}</p>", date(2027, 3, 1), "en")
    assert time.process_time() - started < 5
    assert result.kind == "call"


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline", "extended"),
    [
        (  # the old date written before the new one in one sentence
            "Tender for gold buying centres extended",
            "<p>Bids, originally due on 18 November, may now be submitted until 18 December "
            "2026, and the public opening moves from 19 November to 19 December.</p>",
            date(2026, 11, 12),
            "en",
            date(2026, 12, 18),
            True,
        ),
        (
            "Appel à propositions : fonds pour les coopératives d'orpailleurs",
            "<p>Les dossiers, initialement attendus le 5 mars, seront reçus jusqu'au 2 avril "
            "2027.</p>",
            date(2027, 2, 20),
            "fr",
            date(2027, 4, 2),
            True,
        ),
        (
            "Convocatoria: fondo para cooperativas auríferas",
            "<p>Las propuestas, inicialmente previstas para el 10 de mayo, se recibirán hasta "
            "el 31 de mayo de 2027.</p>",
            date(2027, 4, 20),
            "es",
            date(2027, 5, 31),
            True,
        ),
        (  # the end of a month after an extension
            "Nominations for the responsible mining awards extended",
            "<p>Nominations have been extended until the end of September, so there is still "
            "time to enter.</p>",
            date(2026, 9, 3),
            "en",
            date(2026, 9, 30),
            True,
        ),
        (
            "Prix de l'orpaillage responsable : candidatures prolongées",
            "<p>La date limite est prolongée jusqu'à la fin du mois de février 2027.</p>",
            date(2027, 1, 20),
            "fr",
            date(2027, 2, 28),
            True,
        ),
        (
            "Premio a la minería responsable: se amplía el plazo",
            "<p>El plazo de postulación se amplía hasta finales de octubre.</p>",
            date(2026, 10, 2),
            "es",
            date(2026, 10, 31),
            True,
        ),
        (  # a bid round's period moved, what it moves between the verb and the date
            "Mining authority extends period of receiving gold bid round proposals",
            "<p>The authority has extended the official period for receiving investors' "
            "proposals in its international gold exploration bid round to the end of June "
            "2026.</p>",
            date(2026, 5, 12),
            "en",
            date(2026, 6, 30),
            True,
        ),
        (  # after a short word, the end of a month is often when a call opens
            "Fondo para asociaciones mineras: próxima convocatoria",
            "<p>El proceso competitivo se abrirá antes de finales de marzo de 2027.</p>",
            date(2026, 12, 1),
            "es",
            None,
            False,
        ),
    ],
)
def test_an_old_date_gives_way_to_the_new_one(
    title: str,
    summary: str,
    published: date,
    language: str,
    deadline: date | None,
    extended: bool,
) -> None:
    result = run(title, summary, published, language)
    assert (result.deadline, result.deadline_extended) == (deadline, extended)


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # a time zone written in words between "by" and the date
            "Request for Confirmation of Interest: partner for a tailings company",
            "<p>Confirmations of interest must reach the unit by 17:00 East Africa Time on 14 "
            "December 2026.</p>",
            date(2026, 11, 2),
            "en",
            date(2026, 12, 14),
        ),
        (  # a timeline's line that opens with its date, the phrase at its end
            "Social Investment Request for Proposals",
            "<p><strong>Timeline</strong><br>06/22/2026: RFP process opens<br>08/14/2026: "
            "Letter of Interest due<br>10/09/2026: Full proposals due</p>",
            date(2026, 6, 22),
            "en",
            date(2026, 8, 14),
        ),
        (  # a period from its first day to its last after the deadline word
            "Simposio de minería artesanal: envío de resúmenes",
            "<p>El plazo de envío de resúmenes va desde el 30 de octubre de 2026 hasta el 15 de "
            "enero de 2027.</p>",
            date(2026, 10, 30),
            "es",
            date(2027, 1, 15),
        ),
        (  # a field's label that runs on a few words, an aside, then its cell
            "Concurso público internacional para dos áreas de reserva aurífera",
            "<table><tr><td>Consultas sobre las bases</td><td>hasta el 14/12/2026</td></tr>"
            "<tr><td>Entrega del sobre de precalificación (obligatoria)</td><td>22/01/2027"
            "</td></tr></table>",
            date(2026, 11, 18),
            "es",
            date(2027, 1, 22),
        ),
        (  # projects received until "el próximo" day
            "Abierta la recepción de proyectos comunitarios en zonas de pequeña minería",
            "<p>La recepción quedó abierta el pasado miércoles 17 y se cerrará el próximo 6 de "
            "abril.</p>",
            date(2027, 3, 22),
            "es",
            date(2027, 4, 6),
        ),
    ],
)
def test_where_a_deadline_sits_in_timetables_and_periods(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline", "status"),
    [
        (  # "publication" in running text is no publication label
            "Call for papers: special issue on artisanal mining",
            "<p>Deadline for submission of papers for publication in the special issue: 30 "
            "October 2026.</p>",
            date(2026, 9, 1),
            "en",
            date(2026, 10, 30),
            "open",
        ),
        (  # "previously" that moves no date
            "Call for proposals: small grants for mining cooperatives",
            "<p>Groups not previously funded: deadline 30 October 2026.</p>",
            date(2026, 9, 1),
            "en",
            date(2026, 10, 30),
            "open",
        ),
        (  # the end of a month told in the past: the last one before publication
            "Call for proposals: small grants for mining cooperatives",
            "<p>Applications were accepted until the end of March.</p>",
            date(2026, 6, 10),
            "en",
            date(2026, 3, 31),
            "closed",
        ),
        (  # a local time zone in words after the hour
            "Convocatoria: fondo para cooperativas mineras",
            "<p>Las propuestas se reciben antes de las 17:00 hora local del 15 de octubre.</p>",
            date(2026, 9, 1),
            "es",
            date(2026, 10, 15),
            "open",
        ),
        (
            "Appel à propositions : fonds pour les coopératives minières",
            "<p>Les dossiers sont reçus avant 10:00 heure locale le 15 octobre 2026.</p>",
            date(2026, 9, 1),
            "fr",
            date(2026, 10, 15),
            "open",
        ),
    ],
)
def test_words_that_only_look_like_a_date_rule(
    title: str,
    summary: str,
    published: date,
    language: str,
    deadline: date | None,
    status: str,
) -> None:
    result = run(title, summary, published, language)
    assert (result.deadline, result.status) == (deadline, status)
