"""Gatherings the rules recognise: announced with those expected at them, an
awareness caravan, a study's presentation, a forum's terms of reference, a day named
by its weekday. Tables of cases, rules alone."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind", "start", "end"),
    [
        (  # "previsto inicialmente para": old days; "14/15 JULIO": two days of a month
            "El Congreso Andino de Minería Responsable cambia de fecha",
            "<p>Hemos decidido modificar la fecha del congreso, previsto inicialmente para el "
            "12 y 13 de mayo.</p><p>Nuevo calendario: CONGRESO ANDINO · COLOMBIA · 14/15 "
            "JULIO</p>",
            date(2027, 4, 2),
            "es",
            "event",
            date(2027, 7, 14),
            date(2027, 7, 15),
        ),
        (  # "Prévue initialement du …": old days
            "La Semaine minière de Lubumbashi glisse à l'automne",
            "<p>Prévue initialement du 16 au 18 juin, elle se déroulera désormais du 6 au 8 "
            "octobre 2027.</p>",
            date(2027, 4, 14),
            "fr",
            "event",
            date(2027, 10, 6),
            date(2027, 10, 8),
        ),
        (  # a French "congrès" is a gathering
            "Le Congrès 2027 de l'Institut s'intéresse à « un approvisionnement responsable »",
            "<p>Le Congrès se tiendra au Palais des congrès de Montréal du 2 au 5 mai.</p>",
            date(2027, 4, 27),
            "fr",
            "event",
            date(2027, 5, 2),
            date(2027, 5, 5),
        ),
        (  # the title's day to come is the session's, inside the forum's week
            "Critical Minerals Forum hosts Great Lakes ministers on 19 Nov",
            "<p>A ministerial session will be a highlight of the forum's digital week, which "
            "runs online from 16 to 20 November. The panel goes out live on 19 November, "
            "09:00–10:30 GMT.</p>",
            date(2026, 11, 3),
            "en",
            "event",
            date(2026, 11, 19),
            date(2026, 11, 19),
        ),
        (  # a pre-conference the day before the main days is part of the gathering
            "Mines : les exploitants se fixent rendez-vous en juin prochain",
            "<p>C'est à Lubumbashi que se tiendra, du 23 au 24 juin 2027, la Semaine minière "
            "des Grands Lacs.</p><p>Le programme prévoit d'abord une pré-conférence et une "
            "visite de site le 22 juin.</p>",
            date(2026, 12, 1),
            "fr",
            "event",
            date(2027, 6, 22),
            date(2027, 6, 24),
        ),
        (  # the days it "devait se tenir" are the old ones
            "Attention, modification : notre colloque sur l'étain et le tantale est reporté",
            "<p>Notre colloque annuel devait se tenir le week-end des 27 et 28 mars à Bukavu. "
            "Nous avons décidé de reporter le colloque au week-end des 29 et 30 mai 2027.</p>",
            date(2027, 2, 24),
            "fr",
            "event",
            date(2027, 5, 29),
            date(2027, 5, 30),
        ),
        (  # moved, under an official statement's label: the gathering, on its new days
            "COMUNICADO OFICIAL: el I Congreso de Oro Justo aplaza su celebración al 22 y 23 de "
            "abril de 2027",
            "<p>El congreso, anunciado en Madrid para el 25 y 26 de febrero, se celebrará "
            "finalmente los días 22 y 23 de abril de 2027.</p>",
            date(2027, 1, 28),
            "es",
            "event",
            date(2027, 4, 22),
            date(2027, 4, 23),
        ),
        (  # a gathering announced with the crowd it expects, its panels in the text
            "Plus de 600 participants attendus à la 5e Journée de l'artisan minier",
            "<p>Prévue les 12 et 13 mars prochain à Kaya, la rencontre devrait rassembler plus "
            "de 600 participants. Au programme : panels et exposition.</p>",
            date(2026, 2, 16),
            "fr",
            "event",
            date(2026, 3, 12),
            date(2026, 3, 13),
        ),
        (  # an awareness caravan, its dates in the title
            "Caravane « Or sans mercure » : du 28 avril au 6 mai dans le Bélier",
            "<p>Une caravane de sensibilisation sillonnera la région ; les orpailleurs sont "
            "invités à s'y joindre.</p>",
            date(2026, 4, 9),
            "fr",
            "event",
            date(2026, 4, 28),
            date(2026, 5, 6),
        ),
        (  # a study presented to those it concerns
            "Goma, 15 janvier 2027 : restitution de l'étude sur les coopératives minières",
            "<p>L'Observatoire présentera ses résultats lors d'un atelier de restitution à Goma. "
            "Les représentants des coopératives sont invités à prendre part aux échanges.</p>",
            date(2026, 12, 21),
            "fr",
            "event",
            date(2027, 1, 15),
            date(2027, 1, 15),
        ),
        (  # a forum's own terms of reference: no one is hired
            "Termes de référence – Forum provincial sur la gouvernance minière artisanale",
            "<p>Bukavu, du 24 au 26 février 2026. Les organisations souhaitant y prendre part "
            "sont priées de s'annoncer auprès du secrétariat.</p>",
            date(2026, 1, 28),
            "fr",
            "event",
            date(2026, 2, 24),
            date(2026, 2, 26),
        ),
        (  # the terms of reference of a consultancy for a forum: a call
            "Termes de référence – recrutement d'un consultant pour le forum minier",
            "<p>Le consultant animera le forum. Offres techniques et financières au plus tard le "
            "20 février 2026.</p>",
            date(2026, 1, 28),
            "fr",
            "call",
            None,
            None,
        ),
        (  # "upcoming launch" of a funding round: a call not open yet, no gathering
            "Notice: upcoming launch of Round 4 of the ASM Support Window",
            "<p>The window is not yet open. Calls for expressions of interest will be "
            "released on 15 January 2027; organisations that wish to apply must register.</p>",
            date(2026, 11, 20),
            "en",
            "call",
            None,
            None,
        ),
        (  # days named by their weekday, days after publication (a Tuesday)
            "Salon des mines et carrières : Conakry se prépare à accueillir les exposants",
            "<p>Le salon se tiendra ce vendredi et ce samedi dans un grand hôtel de Kaloum.</p>",
            date(2026, 6, 23),
            "fr",
            "event",
            date(2026, 6, 26),
            date(2026, 6, 27),
        ),
        (  # a weekday with its day number and no month: the next such day (a Thursday)
            "Realizarán taller para la formalización de mineros de Sandia",
            "<p>Los mineros están invitados a un taller informativo que tendrá lugar el "
            "próximo martes 28 en Juliaca.</p>",
            date(2026, 7, 23),
            "es",
            "event",
            date(2026, 7, 28),
            date(2026, 7, 28),
        ),
        (  # a comms department's staff asked to confirm by a date: no call for papers
            "Atelier de renforcement des capacités des médias sur l'orpaillage",
            "<p>L'atelier aura lieu les 27 et 28 août 2025 à Abidjan.</p><p>Les services de "
            "communication intéressés sont priés de confirmer la participation de leur "
            "représentant au plus tard le 14 août 2025.</p>",
            date(2025, 7, 30),
            "fr",
            "event",
            date(2025, 8, 27),
            date(2025, 8, 28),
        ),
        (  # main days inside a wider week of side sessions: the event is the whole week
            "Regional conference on responsible gold trade",
            "<p>The plenary days are 9 and 10 June 2027 in Accra, and side sessions run "
            "throughout the week, 7-11 June.</p>",
            date(2027, 3, 1),
            "en",
            "event",
            date(2027, 6, 7),
            date(2027, 6, 11),
        ),
        (  # under way since a weekday of this week: it began then, and runs on
            "Semaine minière de Kindu",
            "<p>La semaine minière se tient depuis le lundi 7 au stade de Kindu, avec des "
            "ateliers sur la traçabilité.</p>",
            date(2027, 6, 9),
            "fr",
            "event",
            date(2027, 6, 7),
            date(2027, 6, 9),
        ),
        (
            "Congreso de pequeña minería: segunda jornada",
            "<p>El congreso, que se desarrolla desde el lunes 8 en Arequipa, continúa hoy "
            "con paneles sobre formalización.</p>",
            date(2027, 2, 9),
            "es",
            "event",
            date(2027, 2, 8),
            date(2027, 2, 9),
        ),
        (  # posted while under way "since yesterday", its sessions in the text
            "Journées de la petite mine 2026",
            "<p>La rencontre se tient depuis hier à Antananarivo. Ce jour, les conférences "
            "portent sur la traçabilité de l'or.</p>",
            date(2026, 7, 8),
            "fr",
            "event",
            date(2026, 7, 7),
            date(2026, 7, 8),
        ),
        (
            "Responsible minerals week in Kigali",
            "<p>The meeting is being held since yesterday in Kigali; today's panel turns to "
            "tin traceability.</p>",
            date(2026, 9, 15),
            "en",
            "event",
            date(2026, 9, 14),
            date(2026, 9, 15),
        ),
        (  # held "tomorrow": the day after the post
            "Sud-Kivu : le SAEMAPE ouvre demain un atelier sur la petite mine",
            "<p>Le SAEMAPE ouvre demain, mercredi, à Bukavu un atelier destiné aux "
            "coopératives.</p>",
            date(2027, 2, 9),
            "fr",
            "event",
            date(2027, 2, 10),
            date(2027, 2, 10),
        ),
        (  # opens on the day of its post: "arranca hoy", "desde hoy"
            "Arranca hoy la Feria Minera del Sur en Oruro",
            "<p>Desde hoy y hasta el sábado 15 de mayo, la feria reúne a cooperativas "
            "auríferas y proveedores de equipos sin mercurio.</p>",
            date(2027, 5, 12),
            "es",
            "event",
            date(2027, 5, 12),
            date(2027, 5, 15),
        ),
        (  # "opens today"
            "Tin Traders Expo opens today in Kigali",
            "<p>The expo opens today at the convention centre; exhibitors show tagging "
            "and traceability tools.</p>",
            date(2027, 4, 6),
            "en",
            "event",
            date(2027, 4, 6),
            date(2027, 4, 6),
        ),
        (  # "register today" names no day of the gathering
            "Webinar on cobalt traceability: register today",
            "<p>The webinar will be held online on 20 May 2027.</p>",
            date(2027, 5, 2),
            "en",
            "event",
            date(2027, 5, 20),
            date(2027, 5, 20),
        ),
        (  # "le 14 courant": that day of the month the post was written in
            "Atelier d'échange sur l'étiquetage de l'étain à Goma",
            "<p>L'atelier aura lieu le 14 courant à la Maison de la femme.</p>",
            date(2027, 3, 2),
            "fr",
            "event",
            date(2027, 3, 14),
            date(2027, 3, 14),
        ),
        (  # "el 21 del presente mes"
            "Taller sobre debida diligencia en Huancayo",
            "<p>El taller se realizará el 21 del presente mes en el auditorio regional.</p>",
            date(2027, 6, 3),
            "es",
            "event",
            date(2027, 6, 21),
            date(2027, 6, 21),
        ),
        (  # "the week of 8 March", narrowed by the days the text gives in that week
            "Gold refiners' symposium set for the week of 8 March",
            "<p>Sessions will run from Tuesday 9 to Thursday 11 March 2027 in Accra, with "
            "delegates arriving on the Monday.</p>",
            date(2027, 1, 15),
            "en",
            "event",
            date(2027, 3, 9),
            date(2027, 3, 11),
        ),
        (  # a week with no days given in it: its first day
            "Symposium minier : rendez-vous la semaine du 8 mars 2027",
            "<p>Le symposium aura lieu à Niamey ; le programme sera publié en février.</p>",
            date(2027, 1, 15),
            "fr",
            "event",
            date(2027, 3, 8),
            date(2027, 3, 8),
        ),
        (  # an information session about a grant call announces the session
            "Session d'information sur l'appel à subventions pour les coopératives",
            "<p>Une session d'information en ligne aura lieu le jeudi 15 avril 2027 à 10h "
            "pour présenter les critères ; y assister n'est pas obligatoire pour soumettre "
            "une proposition.</p>",
            date(2027, 4, 1),
            "fr",
            "event",
            date(2027, 4, 15),
            date(2027, 4, 15),
        ),
        (
            "Sesión informativa sobre la subvención para la pequeña minería",
            "<p>La sesión se realizará el 12 de abril de 2027 por Zoom.</p>",
            date(2027, 3, 30),
            "es",
            "event",
            date(2027, 4, 12),
            date(2027, 4, 12),
        ),
        (  # "la mañana" is the morning, not tomorrow
            "Taller de formalización en Arequipa el 20 de mayo de 2027",
            "<p>El taller comienza por la mañana en la sede regional.</p>",
            date(2027, 4, 1),
            "es",
            "event",
            date(2027, 5, 20),
            date(2027, 5, 20),
        ),
        (  # "congress" in English names a gathering as "congreso" does
            "International Tin Congress 2027",
            "<p>The congress gathers smelters, traders and cooperatives in Kigali on "
            "8-10 June 2027.</p>",
            date(2027, 3, 1),
            "en",
            "event",
            date(2027, 6, 8),
            date(2027, 6, 10),
        ),
        (  # a separate later day does not overlap the event: it is not added
            "Atelier sur la traçabilité de l'étain",
            "<p>L'atelier aura lieu les 3 et 4 mars 2027 à Bukavu ; une restitution est "
            "prévue le 20 mars 2027.</p>",
            date(2027, 1, 10),
            "fr",
            "event",
            date(2027, 3, 3),
            date(2027, 3, 4),
        ),
        (  # days written as numbers before one month: "5-7/03/2027"
            "Expo Cooperativas Mineras 2027 se traslada a Oruro",
            "<p>La feria anual se trasladará al campo ferial de Oruro.</p><p>Fechas: "
            "5-7/03/2027 (de viernes a domingo). El ingreso del público es gratuito.</p>",
            date(2027, 1, 20),
            "es",
            "event",
            date(2027, 3, 5),
            date(2027, 3, 7),
        ),
        (  # a side event's own line beats the week of the conference it is held during
            "Side event at the mercury COP: managing tailings in artisanal gold mining",
            "<p>During the Conference of the Parties, which meets in Geneva from 2 to 6 "
            "November 2026, the Partnership will co-host a side event.</p><p><strong>When:"
            "</strong> Wednesday 4 November 2026, 13:15-14:45<br><strong>Where:</strong> "
            "Room 3</p>",
            date(2026, 10, 15),
            "en",
            "event",
            date(2026, 11, 4),
            date(2026, 11, 4),
        ),
        (  # a workshop held on one day of a larger week
            "Join our workshop on artisanal cobalt formalisation at Lubumbashi Mining Week",
            "<p>The mining community meets in Lubumbashi from 8 to 10 June 2027 for the annual "
            "Mining Week expo and conference.</p><p>On Wednesday 9 June 2027 the Roundtable "
            "will host a half-day workshop on artisanal cobalt.</p>",
            date(2027, 3, 10),
            "en",
            "event",
            date(2027, 6, 9),
            date(2027, 6, 9),
        ),
        (  # "états généraux", a gathering of a sector's stakeholders
            "RDC : des états généraux de l'exploitation minière artisanale à Kinshasa",
            "<p>Les états généraux se tiendront les 12 et 13 novembre 2026 à l'hôtel du "
            "Gouvernement.</p>",
            date(2026, 11, 3),
            "fr",
            "event",
            date(2026, 11, 12),
            date(2026, 11, 13),
        ),
        (  # a report of the first day of a gathering under way: news
            "Lubumbashi : la semaine minière s'ouvre sur la question de l'énergie",
            "<p>La 21e édition de la semaine minière a débuté mercredi, en présence de milliers "
            "de professionnels.</p>",
            date(2026, 6, 11),
            "fr",
            "news",
            None,
            None,
        ),
        (  # "initially" that tells of no old plan
            "Forum on artisanal mining in the Great Lakes",
            "<p>The forum, initially biennial, is held on 6-8 October 2026 in Kigali.</p>",
            date(2026, 9, 1),
            "en",
            "event",
            date(2026, 10, 6),
            date(2026, 10, 8),
        ),
        (  # a day 0 is no day: the item is still read
            "Feria minera del estaño",
            "<p>Fechas: 0-7/09/2026.</p>",
            date(2026, 8, 1),
            "es",
            "news",
            None,
            None,
        ),
        (  # a gathering moved: its old days are not its days
            "Great Lakes Minerals Expo moves to June 2027",
            "<p>The expo, which was due to take place in Kigali from 6-8 October 2026, has "
            "been moved to 15-17 June 2027.</p>",
            date(2026, 8, 5),
            "en",
            "event",
            date(2027, 6, 15),
            date(2027, 6, 17),
        ),
        (  # "no se realizará del … al …": the days it will not be held on
            "Feria de la pequeña minería aurífera",
            "<p>La feria no se realizará del 20 al 22 de octubre de 2026, como se había "
            "anunciado: se llevará a cabo del 23 al 25 de febrero de 2027 en Juliaca.</p>",
            date(2026, 9, 10),
            "es",
            "event",
            date(2027, 2, 23),
            date(2027, 2, 25),
        ),
        (
            "Salon des coopératives minières",
            "<p>Le salon n'aura pas lieu du 3 au 5 novembre 2026 : il se tiendra du 9 au 11 "
            "mars 2027 à Bukavu.</p>",
            date(2026, 9, 10),
            "fr",
            "event",
            date(2027, 3, 9),
            date(2027, 3, 11),
        ),
        (
            "Atelier de validation du guide de l'orpaillage sans mercure",
            "<p>Organisé en marge de la Semaine des mines, du 16 au 20 novembre 2026, "
            "l'atelier réunira les services techniques.</p><p>Date : jeudi 19 novembre 2026"
            "</p>",
            date(2026, 11, 2),
            "fr",
            "event",
            date(2026, 11, 19),
            date(2026, 11, 19),
        ),
    ],
)
def test_a_gathering_is_recognised(
    title: str,
    summary: str,
    published: date,
    language: str,
    kind: str,
    start: date | None,
    end: date | None,
) -> None:
    result = run(title, summary, published, language)
    dates = (result.event.start, result.event.end) if result.event else (None, None)
    assert (result.kind, *dates) == (kind, start, end)


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "kind"),
    [
        (  # it "inició hoy", its talks tomorrow: a report of the opening
            "Inicia el VI Congreso Internacional de Minería y Geología en Honduras",
            "<p>El congreso inició hoy con representantes de 20 países. Las conferencias se "
            "celebrarán mañana y el jueves.</p>",
            date(2027, 3, 16),
            "es",
            "news",
        ),
        (  # a report of a gathering under way, its next session tomorrow
            "Convención de Minería del Sur ha iniciado en Juliaca",
            "<p>La convención abrió sus puertas este lunes 9 de noviembre en Juliaca. Entre "
            "las conferencias destaca la cumbre sobre agua y minería, programada para "
            "mañana.</p>",
            date(2026, 11, 9),
            "es",
            "news",
        ),
        (
            "Mining Indaba underway in Cape Town",
            "<p>The four-day Indaba opened yesterday and closes on Thursday.</p>",
            date(2027, 2, 9),
            "en",
            "news",
        ),
        (  # participants apply and are chosen: asking beats gathering
            "Funded places: training workshop on mineral due diligence",
            "<p>A sub-committee will review applications and select participants. Apply by 4 "
            "September 2026.</p>",
            date(2026, 7, 22),
            "en",
            "call",
        ),
        (  # anyone may come: registering by a date is no application
            "Training workshop on mineral due diligence",
            "<p>Open to all, no selection. Please register by 4 September 2026.</p>",
            date(2026, 7, 22),
            "en",
            "event",
        ),
        (  # proposals asked for a study day, by a date
            "Journée d'études – Imaginaires de la mine au Katanga, 4 juin 2027",
            "<p>Nous vous invitons à soumettre des propositions de 300 mots avant le 30 "
            "décembre.</p>",
            date(2026, 10, 20),
            "fr",
            "call",
        ),
        (  # a call for exhibitors or for experts, whatever gathering the title names
            "Salon des mines et de l'équipement 2027 : appel à exposants",
            "<p>Les demandes de participation doivent parvenir au plus tard le 20 mars 2027.</p>",
            date(2027, 2, 8),
            "fr",
            "call",
        ),
        (
            "Call for experts: join the ASM Cobalt Advisory Panel",
            "<p>Twelve members will be appointed. Applications are open until Feb. 12, 2027.</p>",
            date(2026, 12, 1),
            "en",
            "call",
        ),
    ],
)
def test_asking_to_apply_beats_the_gathering(
    title: str, summary: str, published: date, language: str, kind: str
) -> None:
    assert run(title, summary, published, language).kind == kind


@pytest.mark.parametrize(
    ("title", "summary", "published", "kind", "start"),
    [
        (  # a day and its hours in the title: a session of a programme
            "Friday 15th May, 9:40-10:00 - That Touchy Subject: Artisanal Mining",
            "<p>Our speaker looks at what ASM is and why it happens.</p>",
            date(2026, 5, 4),
            "event",
            date(2026, 5, 15),
        ),
        (  # or on the text's first line
            "Session 4: expanding due diligence to new supply chains",
            "<p>May 4, 2027 | 11:30 AM - 12:45 PM | Paris conference centre</p><p>A technical "
            "discussion of critical minerals.</p>",
            date(2027, 4, 12),
            "event",
            date(2027, 5, 4),
        ),
        (  # or on a line of its own, its hours a line or two below; the session's day,
            # not the days of the convention it belongs to
            "Co-existence of large mines and artisanal miners (ONLINE)",
            "<p><strong>Wednesday, March 10, 2027</strong><br/>Chair: a gold industry "
            "association</p><p>11:15 AM – 12:15 PM (Eastern Time)</p><p>The session is part "
            "of the convention, which runs from 7 to 10 March.</p>",
            date(2027, 2, 15),
            "event",
            date(2027, 3, 10),
        ),
        (  # the day has passed: news
            "Session 4: expanding due diligence to new supply chains",
            "<p>May 4, 2027 | 11:30 AM - 12:45 PM | Paris conference centre</p>",
            date(2027, 6, 1),
            "news",
            None,
        ),
        (  # a deadline's hour is no programme
            "Supply chain mapping: notice to suppliers",
            "<p>Deadline: 4 May 2027, 09:00-17:00 at the front desk.</p>",
            date(2027, 4, 12),
            "news",
            None,
        ),
    ],
)
def test_a_day_with_its_hours_is_a_session(
    title: str, summary: str, published: date, kind: str, start: date | None
) -> None:
    result = run(title, summary, published, "en")
    assert (result.kind, result.event.start if result.event else None) == (kind, start)
