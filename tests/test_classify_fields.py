"""A submission step named as a form field's label, its date right after it: the
deadline. Tables of cases."""

from __future__ import annotations

from datetime import date

import pytest

from tests.labelled import classify_post as run


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # a tender board's notice: day-first dotted numbers, the label in a list
            "Consultancy to develop training on mineral supply chain guidelines",
            "<p>Expression of Interest (EOI) - Publication date: 26.01.2026</p><p>The agency "
            "seeks a firm to train mining cooperatives.</p><p>Submission of EOI: "
            "<strong>16.02.2026</strong>, via the e-tendering platform.</p>",
            date(2026, 1, 26),
            "en",
            date(2026, 2, 16),
        ),
        (
            "Avis de recrutement d'un consultant : étude sur la traçabilité de l'or",
            "<p>Le projet recrute un consultant pour une étude de traçabilité.</p><p>Dépôt "
            "des candidatures : 12/03/2027 à 16 h.</p>",
            date(2027, 2, 20),
            "fr",
            date(2027, 3, 12),
        ),
        (
            "Solicitud de cotización: análisis de mercurio en muestras de suelo",
            "<p>Se invita a laboratorios acreditados a cotizar el análisis de 300 muestras."
            "</p><p>Presentación de cotizaciones: 10 de diciembre de 2026.</p>",
            date(2026, 12, 1),
            "es",
            date(2026, 12, 10),
        ),
        (  # the step named in running text, no date right after it: not a deadline
            "Solicitud de cotización: análisis de mercurio en muestras de suelo",
            "<p>La presentación de cotizaciones se hará por correo; los resultados se "
            "publicarán el 20 de diciembre de 2026.</p>",
            date(2026, 12, 1),
            "es",
            None,
        ),
    ],
)
def test_a_submission_field_gives_the_deadline(
    title: str, summary: str, published: date, language: str, deadline: date | None
) -> None:
    assert run(title, summary, published, language).deadline == deadline


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "start", "end"),
    [
        (  # each day with its article and weekday, the month once at the end
            "IV Simposio Internacional de Rocas y Minerales Industriales",
            "<p>La universidad acogerá el simposio el viernes 4 y el sábado 5 de diciembre en "
            "el auditorio central.</p>",
            date(2026, 11, 2),
            "es",
            date(2026, 12, 4),
            date(2026, 12, 5),
        ),
        (
            "Forum régional sur les chaînes d'approvisionnement en minerais",
            "<p>Le forum se tiendra le jeudi 3 et le vendredi 4 décembre 2026 à Kigali.</p>",
            date(2026, 11, 2),
            "fr",
            date(2026, 12, 3),
            date(2026, 12, 4),
        ),
        (
            "Regional forum on responsible mineral supply chains",
            "<p>The forum takes place on the Wednesday 2 and the Thursday 3 September 2026 in "
            "Bogotá.</p>",
            date(2026, 8, 1),
            "en",
            date(2026, 9, 2),
            date(2026, 9, 3),
        ),
    ],
)
def test_two_days_each_with_its_weekday_are_the_events_dates(
    title: str, summary: str, published: date, language: str, start: date, end: date
) -> None:
    event = run(title, summary, published, language).event
    assert event is not None
    assert (event.start, event.end) == (start, end)


@pytest.mark.parametrize(
    ("title", "summary", "published", "language", "deadline"),
    [
        (  # the replaced closing date, told after the new one, is not the deadline
            "Fondo concursable de sistemas de iniciación no eléctrica",
            "<p>Quienes trabajan en la pequeña minería tendrán ahora hasta el 23 de diciembre "
            "para postular al fondo concursable. El cierre original estaba fijado para el 16 "
            "de diciembre.</p>",
            date(2026, 11, 20),
            "es",
            date(2026, 12, 23),
        ),
        (
            "Appel à propositions : fonds pour les coopératives minières",
            "<p>Les coopératives peuvent déposer leurs propositions jusqu'au 20 décembre 2026. "
            "La date limite initiale était le 10 décembre 2026.</p>",
            date(2026, 11, 20),
            "fr",
            date(2026, 12, 20),
        ),
        (  # the same sentence names the extension: its new date is the deadline
            "Grants for mining cooperatives: apply now",
            "<p>Cooperatives may apply for grants. The original deadline of 1 December 2026 "
            "has been extended to 15 January 2027.</p>",
            date(2026, 11, 20),
            "en",
            date(2027, 1, 15),
        ),
    ],
)
def test_a_replaced_deadline_is_not_the_deadline(
    title: str, summary: str, published: date, language: str, deadline: date
) -> None:
    assert run(title, summary, published, language).deadline == deadline
