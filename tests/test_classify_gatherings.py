"""Calls for papers, recaps and announced calls, deadlines after their dates: tables of cases."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind", "deadline"),
    [
        (  # a course one is chosen for, named only in the text: a call
            "Summer School on Governance of Artisanal Mining in the Great Lakes",
            "<p>The school will take place in Bukavu from 16 to 26 August 2027, with a field "
            "visit to Kamituga. A selection committee will review files; applications must be "
            "received by 31 March 2027.</p>",
            date(2027, 1, 18),
            "en",
            "call",
            date(2027, 3, 31),
        ),
        (  # a poster asked for in the title, the symposium's days in the text
            "BMPS 2027 technical program: submit a poster",
            "<p>Submission Deadline: April 15, 2027. The symposium takes place in Lubumbashi "
            "from June 14 to 16, 2027.</p>",
            date(2027, 2, 22),
            "en",
            "call",
            date(2027, 4, 15),
        ),
        (  # a press competition, its prize-giving at a forum
            "Concours de presse panafricain sur l'orpaillage et le mercure",
            "<p>Toutes les inscriptions doivent parvenir aux organisateurs au plus tard le "
            "9 février 2027. Le lauréat sera invité au Forum minier de Bamako.</p>",
            date(2026, 12, 10),
            "fr",
            "call",
            date(2027, 2, 9),
        ),
        (
            "Congreso de pequeña minería 2027: modalidades de participación",
            "<p>Los resúmenes se reciben hasta el 31 de enero de 2027. El congreso tendrá "
            "lugar en Lima del 23 al 25 de junio de 2027.</p>",
            date(2026, 11, 24),
            "es",
            "call",
            date(2027, 1, 31),
        ),
        (
            "Colloque « Mines et territoires » à Abidjan",
            "<p>Le colloque se tiendra du 18 au 20 novembre 2026. Vous avez jusqu'au 30 juin "
            "2026 pour soumettre votre résumé.</p>",
            date(2026, 3, 3),
            "fr",
            "call",
            date(2026, 6, 30),
        ),
        (
            "Congreso Nacional Agua y Minería 2027: inscripciones abiertas",
            "<p>La recepción de ponencias ya concluyó. El congreso se realizará del 7 al 9 de "
            "abril de 2027. Inscripción hasta el 31 de marzo de 2027.</p>",
            date(2026, 11, 30),
            "es",
            "event",
            None,
        ),
        (
            "Colloque Mines et Société : le programme est en ligne",
            "<p>Le colloque aura lieu du 20 au 22 mai 2027 à Boké.</p><p>L'appel à "
            "communications, clôturé le 15 janvier dernier, a retenu 48 communications."
            "</p><p>Les participants peuvent s'inscrire jusqu'au 10 mai.</p>",
            date(2027, 4, 6),
            "fr",
            "event",
            None,
        ),
        (
            "Colloque Mines et Société 2027",
            "<p>Le colloque aura lieu du 20 au 22 mai 2027 à Boké. L'appel à "
            "communications sera clôturé le 15 février 2027 : envoyez vos résumés.</p>",
            date(2026, 12, 6),
            "fr",
            "call",
            date(2027, 2, 15),
        ),
        (
            "Prime Minister opens the ninth Rwanda Mining Week",
            "<p>Kigali, December 03, 2026 - The Prime Minister today officially opened the "
            "ninth Rwanda Mining Week at the Kigali Convention Centre.</p>",
            date(2026, 12, 3),
            "en",
            "news",
            None,
        ),
        (
            "Semaine minière de Lubumbashi",
            "<p>Le gouverneur a officiellement ouvert hier la Semaine minière au stade de "
            "la Kenya.</p>",
            date(2026, 6, 12),
            "fr",
            "news",
            None,
        ),
        (  # the opening told in the past tense on its day: a report, though it goes on
            "Ouverture à Kindu de l'atelier sur la traçabilité de l'étain",
            "<p>L'atelier s'est ouvert ce lundi 8 mars 2027 à Kindu en présence du ministre "
            "provincial. Les travaux se poursuivent jusqu'à mercredi.</p>",
            date(2027, 3, 8),
            "fr",
            "news",
            None,
        ),
        (
            "Feria Minera de Oruro 2027",
            "<p>La feria fue inaugurada este martes 11 de mayo de 2027 y sigue abierta al "
            "público hasta el sábado 15 de mayo.</p>",
            date(2027, 5, 11),
            "es",
            "news",
            None,
        ),
        (  # a news word that labels the post ("Communiqué :"), a gathering announced
            "Communiqué : séminaire sur la traçabilité de l'or à Bamako",
            "<p>La direction nationale informe les comptoirs que le séminaire aura lieu le "
            "14 courant à l'hôtel de l'Amitié.</p>",
            date(2027, 4, 2),
            "fr",
            "event",
            None,
        ),
        (
            "Comunicado: taller de formalización minera en Cusco",
            "<p>El taller se realizará el 20 de mayo de 2027 en el auditorio regional.</p>",
            date(2027, 5, 3),
            "es",
            "event",
            None,
        ),
        (  # the subject of a seminar ("bilan et perspectives"), its day to come
            "Séminaire : la certification de l'or artisanal, bilan et perspectives",
            "<p>La séance aura lieu le jeudi 4 février 2027 à Ouagadougou.</p>",
            date(2027, 1, 20),
            "fr",
            "event",
            None,
        ),
        (  # under a news word, no day of the gathering to come: the news word stands
            "Communiqué : atelier provincial sur l'étiquetage",
            "<p>L'atelier se tiendra à Bukavu ; sa date sera communiquée plus tard.</p>",
            date(2027, 4, 2),
            "fr",
            "news",
            None,
        ),
        (  # a final statement of a forum that took place
            "Communiqué final du forum sur l'orpaillage",
            "<p>Le forum s'est tenu du 3 au 5 mars 2027 à Kayes ; les participants ont "
            "adopté une déclaration.</p>",
            date(2027, 3, 6),
            "fr",
            "news",
            None,
        ),
        (  # a gathering named only in the text, which asks for abstracts by a date
            "Mining society calling for 2027 papers on artisanal mining",
            "<p>The 2027 convention will be held on 21-24 February 2027 in Denver. "
            "Abstracts are due 1 August 2026.</p>",
            date(2026, 6, 25),
            "en",
            "call",
            date(2026, 8, 1),
        ),
        (  # only a registration date: the gathering stands
            "Gold refiners meet in Accra",
            "<p>The conference will take place on 5 May 2027; register by 20 April 2027.</p>",
            date(2027, 3, 1),
            "en",
            "event",
            None,
        ),
        (  # a gathering named, no day of it and nothing inviting to it: news
            "Rencontre à Kayes entre le gouverneur et les orpailleurs",
            "<p>Le gouverneur a reçu les représentants des orpailleurs pour parler de la "
            "suspension des permis.</p>",
            date(2027, 2, 14),
            "fr",
            "news",
            None,
        ),
        (
            "Cobalt : trois ans après son lancement, le guichet unique a-t-il tenu ses promesses ?",
            "<p>Notre analyse des volumes exportés et des prix payés aux creuseurs.</p>",
            date(2027, 2, 14),
            "fr",
            "news",
            None,
        ),
        (  # a training named, the text asks to apply by a date: a call
            "Capacitación en seguridad minera para cooperativas de Puno",
            "<p>Las cooperativas deben enviar su postulación hasta el 30 de junio de 2027.</p>",
            date(2027, 6, 1),
            "es",
            "call",
            date(2027, 6, 30),
        ),
        (
            "Foro MAPE 2026: lo que dejó el encuentro de Arequipa",
            "<p>El foro, celebrado del 4 al 6 de noviembre, reunió a 400 asistentes.</p>",
            date(2026, 11, 12),
            "es",
            "news",
            None,
        ),
        (
            "Workshop on the CRAFT Code in Tarkwa",
            "<p>We ran a workshop from Wednesday the 14th to Thursday the 15th of October in "
            "Tarkwa, training 30 participants.</p>",
            date(2026, 12, 3),
            "en",
            "news",
            None,
        ),
        (
            "Se lanzará en enero la segunda edición de las becas «Líderes MAPE»",
            "<p>El Instituto confirmó que la convocatoria de la segunda edición del programa "
            "se lanzará en enero de 2027.</p>",
            date(2026, 11, 10),
            "es",
            "call",
            None,
        ),
        (
            "Avis à manifestation d'intérêt – assistance technique aux orpailleurs",
            "<p>Les manifestations d'intérêt doivent être déposées le lundi 2 mars 2026 à 10 "
            "heures (heure de Niamey) au plus tard.</p>",
            date(2026, 2, 2),
            "fr",
            "call",
            date(2026, 3, 2),
        ),
        (
            "Convocatoria de proyectos mineros: cierre",
            "<p>La convocatoria cerró el 30 de septiembre y recibió 40 proyectos.</p>",
            date(2026, 10, 10),
            "es",
            "call",
            date(2026, 9, 30),
        ),
        (
            "Avis de recrutement : chargé(e) du suivi et de l'évaluation",
            "<p>Type de contrat : durée déterminée. Candidatures en ligne jusqu'au 20 octobre "
            "2026.</p>",
            date(2026, 10, 6),
            "fr",
            "news",
            None,
        ),
        (
            "Convocatoria 2026: proyectos de investigación aplicada",
            "<table><tr><td>Apertura del registro</td><td>15/01/2026</td></tr><tr><td>Fecha "
            "límite de recepción de propuestas</td><td>27 de febrero de 2026</td></tr></table>",
            date(2026, 1, 15),
            "es",
            "call",
            date(2026, 2, 27),
        ),
        (  # a training one applies for with a form, places given by a selection panel
            "Regional training workshops on health and safety for quarry operators",
            "<p>Places are limited and will be allocated by a selection panel on the basis of "
            "the application form.</p><p>Completed forms must reach the programme team by COB "
            "Friday 12 March.</p>",
            date(2027, 2, 22),
            "en",
            "call",
            date(2027, 3, 12),
        ),
        (
            "Atelier de formation des orpailleurs à la sécurité",
            "<p>Les participants seront sélectionnés par un comité. Les formulaires remplis "
            "sont à envoyer avant minuit le 12 mars 2027.</p>",
            date(2027, 2, 22),
            "fr",
            "call",
            date(2027, 3, 12),
        ),
        (
            "Taller de capacitación en seguridad minera para pirquineros",
            "<p>Los participantes serán seleccionados por un comité. El formulario completo "
            "debe enviarse hasta la medianoche del 12 de marzo de 2027.</p>",
            date(2027, 2, 22),
            "es",
            "call",
            date(2027, 3, 12),
        ),
        (  # a fund named after the training it pays for holds no gathering
            "Último llamado: pequeños mineros pueden postular a los fondos de capacitación",
            "<p>La Secretaría hizo un llamado a los pirquineros para que presenten su "
            "postulación al programa, cuyo plazo termina este miércoles.</p>",
            date(2026, 6, 16),
            "es",
            "call",
            date(2026, 6, 17),
        ),
        (
            "Grants for training workshops run by miners' cooperatives",
            "<p>Cooperatives may apply by 30 May 2027.</p>",
            date(2027, 4, 1),
            "en",
            "call",
            date(2027, 5, 30),
        ),
        (  # a training itself stays an event
            "Taller de capacitación para pirquineros en Copiapó",
            "<p>Inscripciones hasta el 20 de junio; el taller se realizará el 25 de junio de "
            "2026.</p>",
            date(2026, 6, 1),
            "es",
            "event",
            None,
        ),
    ],
)
def test_kind_and_deadline(
    title: str,
    summary: str,
    published: date,
    language: str,
    kind: str,
    deadline: date | None,
) -> None:
    result = run(title, summary, published, language)
    assert (result.kind, result.deadline) == (kind, deadline), result


def test_a_closed_call_read_back_is_closed() -> None:
    result = run(
        "Convocatoria de proyectos mineros: cierre",
        "<p>La convocatoria cerró el 30 de septiembre.</p>",
        date(2026, 10, 10),
        "es",
    )
    assert result.status == "closed"
