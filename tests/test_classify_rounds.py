"""Earlier rounds and editions, past calls told as news, closed and forthcoming wording:
tables of cases."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind", "deadline", "status"),
    [
        (  # a call not open yet: the date it names is the previous call's
            "Certification des coopératives : un nouvel appel à candidatures prochainement",
            "<p>Un nouvel appel à candidatures sera publié prochainement sur ce site. Le "
            "précédent appel s'était clôturé le 15 mai 2026.</p>",
            date(2026, 12, 1),
            "fr",
            "call",
            None,
            "forthcoming",
        ),
        (  # the programme that ended is not the call; its next call is announced
            "Appui à la formalisation des petites mines : un programme reconduit",
            "<p>Le programme d'appui lancé en 2023 s'est terminé le 31 mars 2026 après quatre "
            "appels à propositions. Reconduit pour deux ans, il ouvrira un nouvel appel à "
            "propositions, qui sera lancé prochainement.</p>",
            date(2026, 7, 8),
            "fr",
            "call",
            None,
            "forthcoming",
        ),
        (  # the same in English: the project's end is history
            "Mercury-free processing: a new call for proposals is coming",
            "<p>The pilot project ended on 30 June 2026. A new call for proposals will be "
            "launched soon on this page.</p>",
            date(2026, 9, 1),
            "en",
            "call",
            None,
            "forthcoming",
        ),
        (  # but a call for projects that is closed is the call's own end
            "Appel à projets « Femmes et orpaillage » – clôturé",
            "<p>Cet appel à projets s'est clôturé le 15 juin 2026 ; 214 dossiers ont été "
            "reçus.</p>",
            date(2026, 6, 30),
            "fr",
            "call",
            date(2026, 6, 15),
            "closed",
        ),
        (  # applications to a programme that closed: the call's end, not the programme's
            "Mentoring grants for women miners: applications closed",
            "<p>Applications to the mentoring programme closed on 15 May 2026.</p>",
            date(2026, 6, 1),
            "en",
            "call",
            date(2026, 5, 15),
            "closed",
        ),
        (  # the previous round's closing is history
            "Round 3 grants for mining communities: apply now",
            "<p>Community organisations may apply for grants of up to 20,000 USD. The previous "
            "round closed on 30 June 2026 with 90 applications. Applications for this round "
            "are accepted on a rolling basis.</p>",
            date(2026, 12, 1),
            "en",
            "call",
            None,
            "rolling",
        ),
        (  # no call phrase, a request long past: a fund's story
            "Fondo para la pequeña minería financió 95 proyectos en 2026",
            "<p>El fondo, cuyo lanzamiento fue el 23 de febrero de 2026, recibió postulaciones "
            "hasta el 22 de abril de 2026 y publicó sus resultados el 30 de junio.</p>",
            date(2027, 1, 12),
            "es",
            "news",
            None,
            None,
        ),
        (  # no call phrase, bids that closed three weeks before the report: a story
            "Central bank expected to name its gold suppliers",
            "<p>The central bank will soon publish the list of refiners chosen for its gold "
            "purchase programme. Its notice had set the bid closing date at 4 March 2026, "
            "with two weeks for the evaluation.</p>",
            date(2026, 3, 27),
            "en",
            "news",
            None,
            None,
        ),
        (  # the same request a few days after its closing: a closed call
            "Supply of safety equipment for artisanal gold sites",
            "<p>Suppliers should submit their bids by 10 November 2026 to the procurement "
            "office of the mining cadastre.</p>",
            date(2026, 11, 15),
            "en",
            "call",
            date(2026, 11, 10),
            "closed",
        ),
        (  # no call phrase, a date years ahead: a regime's end, not a deadline
            "El Congreso debate ampliar el registro de pequeños mineros",
            "<p>La iniciativa amplía el registro hasta el 31 de diciembre de 2031. La "
            "propuesta también suspende las exclusiones.</p>",
            date(2026, 10, 28),
            "es",
            "news",
            None,
            None,
        ),
        (  # the same words within the year: a request with a deadline
            "Registro de pequeños mineros: inscripción de asociaciones",
            "<p>Las asociaciones pueden presentar su propuesta hasta el 31 de diciembre de "
            "2026.</p>",
            date(2026, 10, 28),
            "es",
            "call",
            date(2026, 12, 31),
            "open",
        ),
        (  # a past-tense closing, year-less
            "Becas para mujeres mineras 2026: convocatoria finalizada",
            "<p>Convocatoria finalizada. El periodo de postulación terminó el 30 de octubre; "
            "la lista de seleccionadas se publicará el 20 de diciembre.</p>",
            date(2026, 12, 1),
            "es",
            "call",
            date(2026, 10, 30),
            "closed",
        ),
        (  # closed in words, no date
            "Appel à propositions 2026 pour l'équipement des comptoirs d'or",
            "<p>Cet appel est désormais fermé : nous ne recevons plus de propositions.</p>",
            date(2026, 11, 25),
            "fr",
            "call",
            None,
            "closed",
        ),
        (  # an earlier round named at the start of a long sentence: its deadline is history
            "Small grants for gold cooperatives: our year in review",
            "<p>The previous round of our small grants programme drew ninety-four proposals "
            "from eleven provinces, and its deadline of 20 March 2026 brought more women-led "
            "projects than ever. Twelve of them are now running.</p>",
            date(2026, 11, 20),
            "en",
            "news",
            None,
            None,
        ),
        (  # the same sentence under a call's title: still no deadline
            "Small grants for gold cooperatives",
            "<p>The previous round of our small grants programme drew ninety-four proposals "
            "from eleven provinces, and its deadline of 20 March 2026 brought more women-led "
            "projects than ever. The next round will be announced here.</p>",
            date(2026, 11, 20),
            "en",
            "call",
            None,
            "rolling",
        ),
        (  # a summary's call closed long before publication, no word it is closed: a story
            "Quince cooperativas auríferas recibirán equipos de procesamiento sin mercurio",
            "<p>Después de una convocatoria que cerró el 10 de agosto, el ministerio eligió "
            "quince cooperativas de Nariño y Cauca, que recibirán los equipos en enero.</p>",
            date(2026, 11, 25),
            "es",
            "news",
            None,
            None,
        ),
        (  # the same long-past date, but the listing's status field says it is closed
            "Étude de base sur les sites miniers artisanaux de Kolwezi",
            "<p>Statut : clôturé. Avis à manifestation d'intérêt pour le recrutement d'un "
            "bureau d'études. Les manifestations d'intérêt étaient attendues au plus tard le "
            "14 janvier 2026.</p>",
            date(2026, 9, 30),
            "fr",
            "call",
            date(2026, 1, 14),
            "closed",
        ),
        (  # the tender's schedule is to come, the tender is out
            "Licitación pública: equipos de medición de mercurio",
            "<p>Fecha de publicación: 02/12/2026. Los interesados pueden consultar el pliego de "
            "condiciones; el cronograma del proceso se publicará con el pliego definitivo.</p>",
            date(2026, 12, 2),
            "es",
            "call",
            None,
            "rolling",
        ),
    ],
)
def test_kind_deadline_and_status(
    title: str,
    summary: str,
    published: date,
    language: str,
    kind: str,
    deadline: date | None,
    status: str | None,
) -> None:
    result = run(title, summary, published, language)
    assert (result.kind, result.deadline, result.status) == (kind, deadline, status)


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind", "start"),
    [
        (  # the last edition's dates are not this one's
            "Kisangani accueillera la 5e conférence minière",
            "<p>La ville accueillera en septembre prochain la cinquième édition de la "
            "conférence minière. La dernière édition avait été organisée à Kolwezi du 13 au "
            "15 septembre 2025.</p>",
            date(2026, 7, 20),
            "fr",
            "event",
            None,
        ),
        (  # a year-less past edition would read as next year's
            "Encuentro nacional de mineros de subsistencia",
            "<p>La edición anterior, del 3 al 5 de marzo, tuvo sede en Quibdó. Este año el "
            "encuentro se realizará en Medellín del 14 al 16 de abril.</p>",
            date(2027, 1, 25),
            "es",
            "event",
            date(2027, 4, 14),
        ),
    ],
)
def test_an_earlier_edition_is_not_the_event(
    title: str, summary: str, published: date, language: str, kind: str, start: date | None
) -> None:
    result = run(title, summary, published, language)
    assert result.kind == kind
    assert (result.event.start if result.event else None) == start


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind"),
    [
        (  # anyone may register: an event
            "Appel à participation : table ronde sur la traçabilité de l'or artisanal",
            "<p>Creuseurs et négociants sont invités à la table ronde du jeudi 4 mars 2027 à "
            "Bukavu. La rencontre est ouverte à tous ; inscription avant le 1er mars.</p>",
            date(2027, 2, 10),
            "fr",
            "event",
        ),
        (  # "no selection" beats the word "selection"
            "Call for participants: online roundtable on gemstone traceability",
            "<p>Join our online roundtable on 4 March 2027. It is open to everyone; there is no "
            "selection. Please register by 2 March.</p>",
            date(2027, 2, 1),
            "en",
            "event",
        ),
        (  # participants apply and are selected: a call
            "Convocatoria de participantes: encuentro regional de mujeres pirquineras",
            "<p>Se invita a organizaciones a postular para participar en el encuentro que se "
            "realizará del 5 al 6 de mayo de 2027. Se seleccionarán diez organizaciones; la "
            "inscripción de postulaciones vence el 12 de abril de 2027.</p>",
            date(2027, 3, 15),
            "es",
            "call",
        ),
        (  # participants send an application form: a call
            "Call for participants: peer exchange workshop for women gold traders",
            "<p>The network will fund 15 traders to attend a workshop in Accra on 12-14 May "
            "2027. Eligible traders should send the application form by 15 March 2027. "
            "Registration of travel details follows acceptance.</p>",
            date(2027, 2, 1),
            "en",
            "call",
        ),
    ],
)
def test_a_call_for_participants_open_to_all_is_an_event(
    title: str, summary: str, published: date, language: str, kind: str
) -> None:
    assert run(title, summary, published, language).kind == kind
