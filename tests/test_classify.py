"""Calls, events and news; deadlines, topic tags and language."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from aggregator import rules as builtin
from aggregator.classify import classify, detect_language, fold
from aggregator.types import (
    Classification,
    EventDates,
    KeyDate,
    Kind,
    ParsedItem,
    Rules,
    Source,
)
from tests.labelled import Labelled, load

REFERENCE = datetime(2027, 3, 1, 9, tzinfo=UTC)
SOURCE = Source(name="Partner", url="https://partner.example/feed")
LABELLED = load()


def run(
    title: str,
    summary: str = "",
    *,
    source: Source = SOURCE,
    rules: Rules = Rules(),  # noqa: B008
    reference: datetime = REFERENCE,
    content: str = "",
    language: str | None = None,
    categories: tuple[str, ...] = (),
) -> Classification:
    item = ParsedItem(
        key="k",
        title=title,
        link=None,
        summary=summary,
        content=content,
        language=language,
        categories=categories,
    )
    return classify(item, source, rules, reference=reference)


# --- the labelled set -------------------------------------------------------------


def test_the_labelled_set_is_balanced() -> None:
    languages = [case.language for case in LABELLED]
    assert len(LABELLED) >= 90
    assert all(languages.count(lang) >= 30 for lang in ("en", "fr", "es"))
    assert sum(case.hard for case in LABELLED) <= 5


@pytest.mark.parametrize("case", LABELLED, ids=[case.id for case in LABELLED])
def test_labelled_item(case: Labelled) -> None:
    if case.hard:
        pytest.skip("a hard case beyond the rules, counted by bench/accuracy.py")
    result = case.run()
    assert (result.kind, result.deadline) == (case.kind, case.deadline), result
    if case.tags is not None:
        assert sorted(result.tags) == sorted(case.tags)


# --- kinds -------------------------------------------------------------------------


def _phrases(*lists: tuple[str, ...]) -> list[str]:
    return sorted({phrase for phrases in lists for phrase in phrases})


@pytest.mark.parametrize("phrase", _phrases(builtin.CALL_PHRASES))
def test_every_call_phrase_in_a_title_makes_a_call(phrase: str) -> None:
    result = run(f"{phrase}: support for mining cooperatives")
    assert result.kind == "call"
    assert result.kind_reason.startswith("title: ")


@pytest.mark.parametrize("phrase", _phrases(builtin.WEAK_CALL_PHRASES))
def test_a_weak_call_word_in_a_title_makes_a_call_only_when_the_text_asks(phrase: str) -> None:
    asks = run(f"{phrase}: support for mining cooperatives", "Apply by 30 April 2027.")
    assert (asks.kind, asks.kind_reason) == ("call", f'title: "{phrase}"')
    # "Cooperative secures grant": the word alone asks for nothing
    assert run(f"{phrase}: support for mining cooperatives", "It went well.").kind == "news"


@pytest.mark.parametrize("phrase", _phrases(builtin.EVENT_PHRASES, builtin.WEAK_EVENT_PHRASES))
def test_every_event_phrase_in_a_title_makes_an_event(phrase: str) -> None:
    result = run(f"{phrase}: mining cooperatives in 2027")
    assert result.kind == "event"
    assert result.kind_reason.startswith("title: ")


@pytest.mark.parametrize("phrase", _phrases(builtin.NEWS_PHRASES))
def test_a_news_phrase_in_a_title_beats_a_call_phrase(phrase: str) -> None:
    result = run(f"{phrase} - call for proposals on artisanal mining")
    assert result.kind == "news"
    assert result.kind_reason == f'title: "{phrase}"'


@pytest.mark.parametrize(
    ("title", "kind", "reason"),
    [
        ("Call for Proposals: cobalt", "call", 'title: "call for proposals"'),
        ("CALL FOR PROPOSALS: COBALT", "call", 'title: "call for proposals"'),
        ("APPEL A PROJETS 2027", "call", 'title: "appel à projets"'),
        ("Appel à Projets 2027", "call", 'title: "appel à projets"'),
        ("Appel d’offres n° 12", "call", 'title: "appel d\'offres"'),
        ("Licitacion publica 4/2027", "call", 'title: "licitación"'),
        ("Calls for proposals 2027", "call", 'title: "call for proposals"'),
        ("Webinars on gold", "event", 'title: "webinar"'),
        ("Talleres regionales", "event", 'title: "taller"'),
        ("RFP 2027-04", "call", 'title: "RFP"'),
        ("rfp season is here", "news", "default"),
        ("AMI : étude de base", "call", 'title: "AMI"'),
        ("Un ami des mineurs", "news", "default"),
        ("Call for applications: workshop on ASM", "call", 'title: "call for applications"'),
        ("Webinar: how to answer the call for proposals", "event", 'title: "webinar"'),
        ("Grant writing workshop", "event", 'title: "workshop"'),
        ("Small grants for cooperatives", "call", 'title: "small grants"'),
        ("Workshop, 3-5 May 2027, Goma", "event", 'title: "workshop"'),
        ("Legal tender and gold coins", "news", "default"),
        ("Government grants licences to miners", "news", "default"),
        ("Fair trade gold reaches Kampala", "news", "default"),
        (
            "Avis de recrutement : un(e) chargé(e) de programme",
            "news",
            'title: "chargé de programme" (a staff job)',
        ),
        ("Recrutement de candidat(e)s", "news", "default"),
        ("Miners ask for a fair price for gold", "news", "default"),
        ("Gold fair in Kampala", "event", 'title: "fair"'),
        (
            "Project Officer Job at a Fair Trade Network",
            "news",
            'title: "project officer" (a staff job)',
        ),
        ("The 2025 call for proposals funded 12 projects", "news", "default"),
        ("Convocatoria 2027", "call", 'title: "convocatoria"'),
        # a body convened to sit is no call
        ("Gobierno realiza la segunda convocatoria de la mesa técnica", "news", "default"),
        ("Convocatoria a la asamblea general de cooperativas", "news", "default"),
    ],
)
def test_title_phrases(title: str, kind: Kind, reason: str) -> None:
    result = run(title)
    assert (result.kind, result.kind_reason) == (kind, reason)


@pytest.mark.parametrize(
    "title",
    [
        "Minister calls for stronger action on mercury",
        "The minister called for a ban on mercury",
        "A call with partners on cobalt",
        "UN calls on governments to protect miners",
        "Le ministre appelle à la formalisation",
        "Un appel pour les creuseurs",
        "El ministro hizo un llamado a la formalización",
        "Llamada con los socios",
    ],
)
def test_call_in_passing_stays_news(title: str) -> None:
    result = run(title, "The statement was made in Kinshasa on 3 March 2027.")
    assert (result.kind, result.deadline) == ("news", None)


@pytest.mark.parametrize(
    ("summary", "kind", "reason"),
    [
        (
            "We open a call for proposals. Apply before 30 April 2027.",
            "call",
            'summary: "call for proposals"',
        ),
        ("Lancement d'un appel à projets : postulez vite.", "call", 'summary: "appel à projets"'),
        (
            "Abrimos una convocatoria; presentar propuestas hasta el 3 de mayo.",
            "call",
            'summary: "convocatoria"',
        ),
        (
            "Our workshop will take place in Goma on 3 May 2027.",
            "event",
            'summary: "workshop"',
        ),
        ("Le séminaire aura lieu à Bamako.", "event", 'summary: "séminaire"'),
        ("The call for proposals we ran in 2025 funded 12 projects.", "news", "default"),
        ("Ministers met at a conference in Kigali.", "news", "default"),
    ],
)
def test_a_summary_decides_only_with_a_cue(summary: str, kind: Kind, reason: str) -> None:
    result = run("Support for artisanal miners", summary)
    assert (result.kind, result.kind_reason) == (kind, reason)


def test_a_phrase_found_in_the_content_says_so() -> None:
    result = run("News from the field", "", content="<p>Call for proposals: apply now.</p>")
    assert (result.kind, result.kind_reason) == ("call", 'content: "call for proposals"')


@pytest.mark.parametrize(
    ("title", "summary", "kind", "deadline"),
    [
        (
            "Mapping of artisanal sites",
            "Interested consultants should submit a CV and proposal by 4 June 2027.",
            "call",
            date(2027, 6, 4),
        ),
        (
            "Fondo minero: postula tu proyecto",
            "Recibimos proyectos hasta el 31 de octubre.",
            "call",
            date(2027, 10, 31),
        ),
        ("Mapping of artisanal sites", "Send us your proposal.", "news", None),
        (
            "New export rules",
            "Exporters must file their reports before 31 December 2028.",
            "news",
            None,
        ),
    ],
)
def test_a_request_for_applications_with_a_deadline_is_a_call(
    title: str, summary: str, kind: Kind, deadline: date | None
) -> None:
    result = run(title, summary)
    assert (result.kind, result.deadline) == (kind, deadline)


def test_the_source_kind_overrides_the_phrases() -> None:
    source = Source(name="Tenders", url="https://partner.example/tenders", kind="call")
    result = run("Winners of the mining prize", "Deadline: 30 June 2027.", source=source)
    assert (result.kind, result.kind_reason, result.deadline) == (
        "call",
        "source kind",
        date(2027, 6, 30),
    )
    news_source = Source(name="Blog", url="https://partner.example/blog", kind="news")
    assert run("Call for proposals", source=news_source).kind == "news"


def test_rules_add_phrases_per_kind() -> None:
    rules = Rules(
        kind_phrases=(
            ("call", ("sourcing challenge",)),
            ("event", ("learning lab",)),
            ("news", ("weekly digest",)),
        )
    )
    assert run("Sourcing challenge 2027").kind == "news"
    assert run("Sourcing challenge 2027", rules=rules).kind_reason == 'title: "sourcing challenge"'
    assert run("Learning lab on cobalt", rules=rules).kind == "event"
    assert run("Weekly digest: calls for proposals", rules=rules).kind == "news"
    assert run("Sourcing challenge: deadline 5 May", rules=rules).deadline == date(2027, 5, 5)


# --- deadlines ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "language", "date_order", "expected", "phrase"),
    [
        ("Responses are due June 23.", None, None, date(2027, 6, 23), "Responses are due June 23"),
        ("Deadline: 30 June 2027", None, None, date(2027, 6, 30), "Deadline: 30 June 2027"),
        ("Applications close on 5 May.", None, None, date(2027, 5, 5), None),
        # English outside the United States writes the day first
        ("Send it no later than 12/07/2027.", "en", None, date(2027, 7, 12), None),
        ("Send it no later than 12/07/2027, 5 pm EST.", "en", None, date(2027, 12, 7), None),
        (
            "Send it no later than 12/07/2027 (or June 30 at the latest).",
            "en",
            None,
            date(2027, 12, 7),
            None,
        ),
        ("Send it no later than 12/07/2027.", "en", "MDY", date(2027, 12, 7), None),
        ("Envoyez-le au plus tard le 12/07/2027.", "fr", None, date(2027, 7, 12), None),
        ("Submit by 15 August 2027.", None, None, date(2027, 8, 15), None),
        ("Closing date: Friday, 9 July 2027, 12:00.", None, None, date(2027, 7, 9), None),
        ("Proposals due 2027-09-01.", None, None, date(2027, 9, 1), None),
        ("Respond before the 17 May deadline.", None, None, date(2027, 5, 17), None),
        ("Deadline extended from 30 April to 21 May 2027.", None, None, date(2027, 5, 21), None),
        ("Date limite : 15 juillet 2027", "fr", None, date(2027, 7, 15), None),
        ("Déposez votre dossier avant le 3 mars.", "fr", None, date(2027, 3, 3), None),
        ("Dossiers reçus jusqu'au 28 avril 2027.", "fr", None, date(2027, 4, 28), None),
        ("Échéance : le 1er septembre 2027.", "fr", None, date(2027, 9, 1), None),
        ("Clôture : vendredi 30 avril 2027.", "fr", None, date(2027, 4, 30), None),
        ("Fecha límite: 1 de agosto de 2027", "es", None, date(2027, 8, 1), None),
        ("Postule hasta el 15 de septiembre.", "es", None, date(2027, 9, 15), None),
        ("Plazo: 30 de junio de 2027.", "es", None, date(2027, 6, 30), None),
        ("Fecha de cierre: 3 de septiembre de 2027.", "es", None, date(2027, 9, 3), None),
        ("Enviar a más tardar el 12/07/2027.", "es", None, date(2027, 7, 12), None),
        ("La convocatoria vence el 28 de octubre.", "es", None, date(2027, 10, 28), None),
        ("El plazo se prorrogó del 15 de marzo al 5 de abril.", "es", None, date(2027, 4, 5), None),
        (
            "Send a CV by 4 June 2027, 23:59 EAT.",
            None,
            None,
            date(2027, 6, 4),
            "Send a CV by 4 June 2027",
        ),
        ("Ofertas hasta las 17:00 del 9 de julio de 2027.", "es", None, date(2027, 7, 9), None),
    ],
)
def test_deadline_phrasings(
    summary: str,
    language: str | None,
    date_order: str | None,
    expected: date,
    phrase: str | None,
) -> None:
    source = Source(name="P", url="https://p.example", language=language, date_order=date_order)
    result = run("Call for proposals", summary, source=source)
    assert result.deadline == expected
    assert result.deadline_phrase is not None and len(result.deadline_phrase) <= 140
    if phrase is not None:
        assert result.deadline_phrase == phrase


@pytest.mark.parametrize(
    ("summary", "reason"),
    [
        ("The workshop is on 5 May 2027 in Goma.", "event dates are not deadlines"),
        ("Published on 3 March 2027. Full guidelines online.", "publication dates neither"),
        ("Deadline to be announced. The launch is on 5 May 2027.", "no date by the phrase"),
        ("Apply within 30 days of this notice.", "a duration is not a date"),
        ("Due diligence on 5 May 2027 found gaps.", "due diligence is not due"),
        ("A workshop organised by ICGLR on 5 May 2027.", "'by' needs its date at once"),
        ("Deadline.\n\nOur annual forum is on 5 May 2027 in Paris, see you.", "another sentence"),
        ("Applications close 31 December 9999.", "not a date anyone can apply by"),
        ("Deadline: 31 December 99999.", "a mistyped year is not no year"),
        ("Deadline: June 30, 20277.", "nor in the other order"),
        ("Deadline: 30 June 1999.", "years before the call was published"),
    ],
)
def test_no_deadline_is_ever_guessed(summary: str, reason: str) -> None:
    result = run("Call for proposals", summary)
    assert (result.deadline, result.deadline_phrase) == (None, None), reason


def test_a_dated_call_takes_no_deadline_from_years_before_it() -> None:
    item = ParsedItem(
        key="k",
        title="Call for proposals",
        link=None,
        summary="The first round's deadline was 30 June 2012.",
        published=REFERENCE,
    )
    assert classify(item, SOURCE, reference=REFERENCE).deadline is None


def test_an_undated_calls_deadline_holds_when_it_is_read_again_years_later() -> None:
    later = REFERENCE.replace(year=REFERENCE.year + 2)  # undated: judged at each change
    result = run("Call for proposals", "Deadline: 1 March 2026.", reference=later)
    assert result.deadline == date(2026, 3, 1)


def test_only_calls_have_deadlines_and_an_events_registration_is_a_key_date() -> None:
    news = run("Cobalt prices fall", "Companies must report by the deadline of 30 June 2028.")
    assert news.deadline is None
    event = run("Webinar on gold", "On 12 April 2027. Register by 10 April.")
    assert (event.kind, event.deadline) == ("event", None)
    assert event.key_dates == (KeyDate("registration", date(2027, 4, 10)),)
    assert event.event == EventDates(date(2027, 4, 12), date(2027, 4, 12), online=True)
    event_call = run("Info session on the call", "The call closes on 30 April 2027.")
    assert (event_call.kind, event_call.deadline) == ("event", None)


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (datetime(2027, 3, 1, tzinfo=UTC), date(2027, 6, 23)),
        (datetime(2027, 6, 23, 18, tzinfo=UTC), date(2027, 6, 23)),
        (datetime(2027, 7, 1, tzinfo=UTC), date(2028, 6, 23)),
    ],
)
def test_a_deadline_without_a_year_is_the_next_after_publication(
    reference: datetime, expected: date
) -> None:
    assert run("RFP", "Responses are due June 23.", reference=reference).deadline == expected


def test_the_first_binding_date_is_the_deadline_and_html_is_read_as_text() -> None:
    result = run(
        "Call for proposals – deadline 30 June 2027",
        "<p>Deadline&nbsp;for concept notes:<br/><strong>1&nbsp;May 2027</strong></p>",
    )
    assert result.deadline == date(2027, 5, 1)
    assert result.key_dates == (KeyDate("other", date(2027, 6, 30)),)
    html_only = run("Call for proposals", "<p>Deadline&nbsp;:<br/><b>1&nbsp;May 2027</b></p>")
    assert (html_only.deadline, html_only.deadline_phrase) == (
        date(2027, 5, 1),
        "Deadline : 1 May 2027",
    )


# --- tags --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        ("Cobalt mining in Kolwezi", ("cobalt", "great-lakes")),
        ("Coltan and cassiterite from Nord-Kivu", ("3tg", "great-lakes")),
        ("Wolframite exports", ("3tg",)),
        ("Orpaillage et mercure au Mali", ("gold", "asm", "mercury")),
        ("Minería artesanal y pequeña minería en Perú", ("asm",)),
        ("ASGM and the Minamata Convention", ("gold", "asm", "mercury")),
        ("La formalización de la minería", ("formalization",)),
        ("Le devoir de vigilance des entreprises", ("due-diligence",)),
        ("Implementing the OECD Guidance", ("due-diligence",)),
        ("Debida diligencia en la cadena del oro", ("gold", "due-diligence")),
        ("ICGLR ministers meet", ("great-lakes",)),
        ("La région des Grands Lacs", ("great-lakes",)),
        ("Litio en Bolivia", ("battery-minerals",)),
        ("Sourcing from CAHRAs", ("cahra",)),
        ("Traçabilité de l'étain", ("3tg", "traceability")),
        ("Asm and orchids", ()),
        ("Supply chain news", ()),
        ("Due to rain, the road was closed", ()),
    ],
)
def test_topic_tags(text: str, tags: tuple[str, ...]) -> None:
    assert run(text).tags == tags


def test_tags_start_with_the_source_tags_without_repeats() -> None:
    source = Source(name="P", url="https://p.example", tags=("partner", "gold"))
    result = run("Gold and cobalt; more gold", "cobalt", source=source)
    assert result.tags == ("partner", "gold", "cobalt")


def test_tags_read_the_feed_categories_and_rules_add_topics() -> None:
    assert run("An update", categories=("Cobalt",)).tags == ("cobalt",)
    rules = Rules(topics=(("lithium", ("lithium", "litio")), ("gold", ("oro verde",))))
    assert run("Lithium in Argentina", rules=rules).tags == ("battery-minerals", "lithium")
    assert run("Oro verde", rules=rules).tags == ("gold",)


# --- language ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source_language", "item_language", "title", "expected"),
    [
        ("fr", "en", "Call for proposals", "fr"),
        (None, "en-US", "Appel à projets", "en"),
        (None, "ES", "Call for proposals", "es"),
        (None, None, "The government announced new rules for artisanal gold mining today.", "en"),
        (None, None, "Le gouvernement a annoncé de nouvelles règles pour l'orpaillage.", "fr"),
        (None, None, "El gobierno anunció nuevas reglas para la minería artesanal de oro.", "es"),
        (None, None, "Cobalt", None),
        (None, None, "", None),
    ],
)
def test_language(
    source_language: str | None, item_language: str | None, title: str, expected: str | None
) -> None:
    source = Source(name="P", url="https://p.example", language=source_language)
    assert run(title, source=source, language=item_language).language == expected


def test_detect_language_is_unsure_on_short_texts() -> None:
    assert detect_language("Cobalt prices fall") is None
    assert detect_language("Los precios del cobalto bajan otra vez en el mercado") == "es"


def test_fold_keeps_positions() -> None:
    text = "Date limite : ÉTÉ 2027 – d’intérêt Straße"
    assert len(fold(text)) == len(text)
    assert fold(text) == "date limite : ete 2027 - d'interet strase"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("un(e) chargé(e) de programme", "un    charge    de programme"),
        ("des candidat(e)s retenu(es)", "des candidat     retenu    "),
        ("tous(tes) les participant(s)", "tous      les participant   "),
        ("les frais (CFA) et l'option (a)", "les frais (cfa) et l'option (a)"),
    ],
)
def test_fold_blanks_inclusive_endings(text: str, folded: str) -> None:
    assert fold(text) == folded


# --- markup: the same text whichever way it is written ---------------------------------

PLAIN_CALL = "Call for proposals. Deadline: 30 June 2027. Artisanal gold mining in the DRC."


@pytest.mark.parametrize(
    "content",
    [
        # tags cut out directly
        "<p>Call for <strong>proposals</strong>.</p><p>Deadline: 30 June 2027.</p>"
        "<ul><li>Artisanal <a href='https://x.example/'>gold</a> mining in the DRC.</li></ul>",
        '<p>Call for proposals.<br/>Deadline:&nbsp;30&#160;June 2027.</p><p title="a>b">'
        "Artisanal gold mining in the DRC.</p>",
        # read by the HTML parser: a table, a comment, raw text, odd entities
        "<table><tr><td>Call for proposals.</td><td>Deadline: 30 June 2027.</td></tr></table>"
        "<p>Artisanal gold mining in the DRC.</p>",
        "<p>Call for <!-- draft --> proposals. Deadline: 30 June 2027.</p>"
        "<script>var deadline = '1 May 2027';</script><p>Artisanal gold mining in the DRC.</p>",
        "<p>Call for proposals. Deadline: 30 June 2027.</p><P>Artisanal gold mining &amp "
        "in the DRC.</P>",
        "<pre>\nCall for proposals. Deadline: 30 June 2027.</pre>"
        "<p>Artisanal gold mining in the DRC.</p>",
    ],
)
def test_markup_does_not_change_the_result(content: str) -> None:
    result = run("Partner news", content=content)
    plain = run("Partner news", content=PLAIN_CALL)
    assert (result.kind, result.deadline, result.tags) == (plain.kind, plain.deadline, plain.tags)
    assert result.deadline == date(2027, 6, 30)
    assert result.deadline_phrase is not None and "1 May" not in result.deadline_phrase


@pytest.mark.parametrize(
    ("content", "tags"),
    [
        ("<p>Cobalt and gold.</p>", ("cobalt", "gold")),
        ("<p>Co<b>balt</b> and g<i>old</i>.</p>", ("cobalt", "gold")),  # inline tags join
        ("<p>Cobalt</p><p>gold</p>", ("cobalt", "gold")),  # block tags separate
        ("<p>Marigold, cobaltite.</p>", ()),  # whole words only
        ("<p>Cœgold, øcobalt.</p>", ()),  # after a non-ASCII letter too
    ],
)
def test_topics_in_markup(content: str, tags: tuple[str, ...]) -> None:
    assert run("Partner news", content=content).tags == tags


def test_topics_from_categories() -> None:
    result = run("Partner news", categories=("Artisanal and small-scale", "mining", "Gold"))
    assert result.tags == ("gold", "asm")  # "artisanal"; no phrase spans two categories


def test_junk_does_not_raise() -> None:
    for title in ["", " ", "<<<>>>", "&&&", "\x00\x01", "Deadline: 99/99/9999", "due " * 500]:
        result = run(title, title)
        assert result.kind in builtin_kinds()


def builtin_kinds() -> tuple[str, ...]:
    return ("call", "event", "news")


def test_builtin_lists_have_no_duplicates_per_list() -> None:
    for name in ("CALL_PHRASES", "EVENT_PHRASES", "NEWS_PHRASES", "DEADLINE_PHRASES"):
        phrases = getattr(builtin, name)
        assert len(phrases) == len(set(phrases)), name
