"""How a call's closing date is written: a time zone after the hour, a submission
window, a revised date, a long subject before "is". Tables of cases, rules alone."""

from __future__ import annotations

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
