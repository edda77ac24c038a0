"""Whether an item is a call, an event or news, and the phrase that decided it.

`_kind` reads the title first, then the summary and content: a call or event
phrase, a vacancy or a tender, a gathering with hours or a sign-up, a request
for applications, contributions or submissions, a recap of a past event.
`_application` is the weaker reading used when no kind phrase is found: the
text asks for applications, and a deadline must follow for it to be a call.
"""

from __future__ import annotations

import re

from aggregator.classify.days import _MONTH_NAMES, _WEEKDAY_ALTERNATION, _about_results
from aggregator.classify.text import (
    _DIGIT,
    DEADLINE_WINDOW,
    _about_former,
    _about_registration,
    _Hit,
    _reason,
    _sentence_bounds,
    _Text,
)
from aggregator.dates import find_dates
from aggregator.types import Kind, Source

#: Words before a refusal that put it after the deadline: "Passé ce délai, aucune
#: proposition ne sera acceptée" closes a call, it does not say the post asks for nothing.
_LATE_REFUSED = re.compile(
    r"\b(?:passe\s+ce\s+delai|passee\s+cette\s+date|passe\s+cette\s+date"
    r"|au-dela\s+de\s+(?:ce\s+delai|cette\s+date)|apres\s+(?:ce\s+delai|cette\s+date)"
    r"|after\s+(?:this|that|the)\s+(?:date|deadline)|late\b"
    r"|(?:despues\s+de|pasada)\s+(?:esta|dicha)\s+fecha|vencido\s+(?:el|este)\s+plazo"
    r"|fuera\s+de\s+plazo)\b[^.;!?]{0,20}$"
)


def _kind(
    source: Source, title: _Text, body: _Text, summary_end: int, year: int
) -> tuple[Kind, str, float]:
    """The kind, why, and how sure (0 to 1)."""
    if source.kind is not None:
        return source.kind, "source kind", 0.95
    for text in (title, body):
        refusal = [
            hit
            for hit in text.of_category("not-a-call")
            if not _LATE_REFUSED.search(text.folded, max(0, hit.start - 40), hit.start)
        ]
        if refusal and _to_open(title, body):
            # "Aucune candidature ne sera acceptée avant cette date" of a call that "sera
            # lancé le 1er février": not open yet, a forthcoming call
            refusal = []
        if refusal and _information_request(title, body):
            # "This RFI is not a solicitation for proposals … Responses are due by March
            # 31": a request for information asks for answers by a date, it is a call
            refusal = []
        if refusal:
            events = [h for h in title.of_category("strong") + title.of_category("weak")]
            if any(h.entry.value == "event" for h in events):
                return "event", _reason("title", refusal[0]) + " (an event)", 0.75
            return "news", _reason("title" if text is title else "summary", refusal[0]), 0.8
    news = title.of_category("news")
    announced_event = _announced_under_label(title, body, news)
    if announced_event is not None:
        # "Communiqué : atelier provincial … aura lieu le 27 courant", "Séminaire : …, bilan
        # et perspectives … aura lieu le mardi 9 février": the news word names the post or
        # its subject; the text announces the gathering (kept if a day of it is to come)
        return "event", _reason("title", announced_event) + ANNOUNCED_UNDER_LABEL, 0.75
    notice = _call_under_label(title, body, news, year)
    if notice is not None:
        # "Comunicado: Licitación Pública N° 02/2026 …", its deadline or its fate below:
        # the news word names the post, the post is the call's notice
        return "call", _reason("title", notice) + " (a call's notice under a news word)", 0.75
    if news:
        return "news", _reason("title", news[0]), 0.9
    void = title.of_category("void") + title.of_category("void-now")
    if void:
        # "Avis d'infructuosité – AON n°007/2026 …": only a tender is declared void
        return "call", _reason("title", void[0]) + " (a tender declared void)", 0.8
    opinion = _OPINION_LABEL.match(title.folded)
    if opinion:
        # "Tribune – Appel d'offres pour les centres d'achat d'or : une occasion manquée ?"
        return "news", f'title: "{opinion.group("label")}" (an opinion piece)', 0.85
    vacancy = [
        h
        for h in title.of_category("vacancy")
        if h.entry.phrase not in _TERMS_AND_FIELDS and not _recruits_a_body(title, h)
    ]
    if (
        vacancy
        # "Buscamos organizaciones mineras …", "cooperativas … pueden postular a pasantías":
        # groups are sought, not staff
        and not (
            all(h.entry.phrase in _GROUP_VACANCY_WORDS for h in vacancy)
            and title.of_category("group")
        )
        and not title.of_category("consultancy")
        and not _tender(title)
        # "22e réunion des Coordonnateurs nationaux": the officers meet, no one is hired
        and not (
            any(title.of_category(strength, "event") for strength in ("strong", "weak"))
            and not body.of_category("application")
        )
    ):
        return "news", _reason("title", vacancy[0]) + " (a staff job)", 0.8
    if _staff_post(title, body):
        post = [
            h for h in body.of_category("vacancy") if h.entry.phrase not in _LOOSE_VACANCY_WORDS
        ]
        return "news", _reason("summary", post[0]) + " (a staff job)", 0.7
    if _open_gathering(title, body):
        hit = title.of_category("participation")[0]
        return "event", _reason("title", hit) + ", open to all who register", 0.7
    submission = [h for h in title.of_category("submission") if not _past(title, h, year)]
    if submission:
        return "call", _reason("title", submission[0]), 0.9
    call_cue = bool(body.of_category("cue", "call") or _names_a_deadline(body))
    announced = bool(title.of_category("forthcoming") or body.of_category("forthcoming"))
    for strength, sure in (("strong", 0.9), ("weak", 0.7)):
        found = [
            h
            for h in title.of_category(strength)
            if (
                h.entry.value == "event"
                and not _launch_verb(title, h)
                and not _FUND_OF.search(title.folded, 0, h.start)
                # "Notice: upcoming launch of Round 4": a call not open yet, no gathering
                and not any(f.start <= h.start < f.end for f in title.of_category("forthcoming"))
            )
            or (
                h.entry.value == "call"
                and not _past(title, h, year)
                # "secures a grant", "the 2026 awards": a weak word asks for nothing alone
                and (
                    strength == "strong"
                    or call_cue
                    or announced  # "Próximamente: Premio …", "prize to open in March"
                    or bool(body.of_category("application"))
                )
            )
        ]
        if found:
            first = _head_noun(title, min(found, key=lambda h: h.start), found)
            terms_of = _terms_of_a_gathering(title, body, first)
            if terms_of is not None:
                return "event", _reason("title", terms_of) + " (its terms of reference)", 0.75
            if first.entry.value == "event" and _asks_submissions(body):
                hit = body.of_category("submission")[0]
                where = "summary" if hit.start < summary_end else "content"
                return "call", _reason(where, hit) + " for the event", 0.75
            contribution = _asks_contributions(body) if first.entry.value == "event" else None
            if contribution is not None:
                where = "summary" if contribution.start < summary_end else "content"
                return "call", _reason(where, contribution) + " by a date, for the event", 0.7
            chosen = _asks_to_be_chosen(body) if first.entry.value == "event" else None
            if chosen is not None:
                where = "summary" if chosen.start < summary_end else "content"
                return "call", _reason(where, chosen) + " by a date, with a selection", 0.7
            return _as_kind(first.entry.value), _reason("title", first), sure
    if _CALL_FOR.match(title.original):
        return "call", 'title: "call for …"', 0.7
    if _CALL_NAMED.match(title.original) and (
        _names_a_deadline(body) or body.of_category("cue", "call")
    ):
        # "Appel « Chaînes d'approvisionnement responsables » : l'échéance est reportée"
        return "call", 'title: "appel « … »"', 0.7
    cues = {h.entry.value for h in body.of_category("cue")}
    if _names_a_deadline(body) or _names_a_deadline(title):
        cues.add("call")
    found = [
        h
        for h in body.of_category("strong")
        if h.entry.value in cues or (h.entry.value == "call" and _announced_with(body, h))
    ]
    if found:
        first = min(found, key=lambda h: h.start)
        where = "summary" if first.start < summary_end else "content"
        contribution = _asks_contributions(body) if first.entry.value == "event" else None
        if contribution is not None:
            # "The 2027 Annual Meeting … will be held on February 21-24 … Abstracts are due
            # August 1": asking for submissions beats the gathering
            where = "summary" if contribution.start < summary_end else "content"
            return "call", _reason(where, contribution) + " by a date, for the event", 0.7
        chosen = _asks_to_be_chosen(body) if first.entry.value == "event" else None
        if chosen is not None:
            # "A selection committee will review files; applications must be received by
            # 31 March": a course one is chosen for, tie-breaker 3
            where = "summary" if chosen.start < summary_end else "content"
            return "call", _reason(where, chosen) + " by a date, with a selection", 0.7
        return _as_kind(first.entry.value), _reason(where, first), 0.7
    asks = [
        h
        for text in (title, body)
        for h in text.of_category("application") + text.of_category("cue", "call")
        if h.entry.phrase not in _SIGN_UP
    ]
    window = body.of_category("rolling") + body.of_category("forthcoming")
    if asks and window:
        # "expressions of interest are accepted on an ongoing basis"
        return "call", _reason("summary", window[0]) + " and an application", 0.6
    for where, text in (("title", title), ("summary", body)):
        closed = _closed_applications(text)
        if closed is not None:
            # "Temporarily closed for applications", "Postulaciones cerradas": a call
            return "call", _reason(where, closed) + " (a closed call)", 0.6
    gathering = (
        title.of_category("strong", "event")
        + title.of_category("weak", "event")
        + body.of_category("strong", "event")
        + body.of_category("weak", "event")
    )
    invites = body.of_category("cue", "event")
    if gathering and invites:
        # kept only if a date of it is still to come (classify checks)
        return "event", _reason("summary", invites[0]) + " and a gathering", 0.6
    scheduled = _scheduled(title, body)
    if scheduled:
        # "Friday 15th May, 9:40-10:00 - That Touchy Subject", "May 4, 2027 | 11:30 AM -
        # 12:45 PM | Paris conference centre": a session's day and hours (kept only if
        # the day is still to come)
        return "event", f"{scheduled}: a day and its hours, and a gathering", 0.6
    unsure = bool(body.of_category("strong"))
    return "news", "default", 0.55 if unsure else 0.8


#: What follows a short deadline word ("by", "before", *antes de*) when it gives a
#: deadline: a digit, a month or a weekday ("by 4 June", "before the end of May", "hasta
#: el viernes"), a few words on at most.
_TIGHT_DATE_AHEAD = re.compile(
    rf"[^.;!?\n]{{0,25}}?(?:\d|\b(?:{_MONTH_NAMES}|{_WEEKDAY_ALTERNATION})\b)", re.IGNORECASE
)


def _names_a_deadline(text: _Text) -> bool:
    """A deadline phrase that is one: a short word ("by", "antes de") only with a date
    after it, so "los planes deberán actualizarse antes de cualquier uso futuro" asks
    for nothing."""
    return any(
        hit.entry.value != "tight" or _TIGHT_DATE_AHEAD.match(text.original, hit.end)
        for hit in text.of_category("deadline")
    )


#: Funds and grants named after what they pay for: "fondos de capacitación",
#: "bourses de formation", "grants for training workshops" hold no gathering (folded
#: words, at most two between them and the event word).
_FUND_OF = re.compile(
    r"\b(?:fondos?|fonds|funds?|financement|financiamiento|financiacion|subvencion(?:es)?"
    r"|subventions?|grants?|becas?|bourses?)\s+(?:de\s+(?:la\s+|las\s+|los\s+)?|d'"
    r"|pour\s+(?:la\s+|les\s+)?|para\s+(?:la\s+)?|for\s+)(?:[^\W\d]+\s+){0,2}$"
)


#: News words that only label a post as a statement ("Comunicado:", "Press release:").
_STATEMENT_WORDS = frozenset({"communiqué", "comunicado", "press release"})
#: Title news words that name what kind of post it is, or the subject of a gathering
#: ("Communiqué :", "Press release:", "bilan et perspectives"), not what became of one.
_LABEL_NEWS_WORDS = _STATEMENT_WORDS | {"bilan", "balance de"}
#: The end of the reason given for a gathering announced under such a word.
ANNOUNCED_UNDER_LABEL = " (announced under a news word)"


def _announced_under_label(title: _Text, body: _Text, news: list[_Hit]) -> _Hit | None:
    """The gathering a title names beside a news word that only labels the post or names
    its subject, when the text announces it ("aura lieu", "will be held") and tells of
    no gathering in the past."""
    if not news or any(h.entry.phrase not in _LABEL_NEWS_WORDS for h in news):
        return None
    events = title.of_category("strong", "event")
    if not events or not body.of_category("cue", "event"):
        return None
    if body.of_category("event-past") or body.of_category("event-opened"):
        return None
    return events[0]


def _call_under_label(title: _Text, body: _Text, news: list[_Hit], year: int) -> _Hit | None:
    """The call a title names beside a news word that only labels the post, when the
    text gives the call's deadline or either says it is void or withdrawn."""
    if not news or any(h.entry.phrase not in _STATEMENT_WORDS for h in news):
        return None
    void = title.of_category("void")
    calls = [h for h in title.of_category("strong", "call") if not _past(title, h, year)]
    if not calls and void:
        return void[0]  # "Comunicado: cancelación de la licitación N° 12-2026"
    if not calls or not (_names_a_deadline(body) or body.of_category("void-now") or void):
        return None
    return calls[0]


#: Call phrases naming a document that a gathering has too: "Termes de référence –
#: Forum provincial sur la gouvernance minière".
_TERMS_OF_REFERENCE = frozenset(
    {"terms of reference", "termes de référence", "términos de referencia"}
)


def _terms_of_a_gathering(title: _Text, body: _Text, first: _Hit) -> _Hit | None:
    """The event a title's "terms of reference" are for, when no one is hired and nothing
    is applied for: the gathering's own terms, an event."""
    if first.entry.value != "call" or first.entry.phrase not in _TERMS_OF_REFERENCE:
        return None
    events = title.of_category("strong", "event")
    if not events:
        return None
    for text in (title, body):
        hired = [
            h
            for h in text.of_category("consultancy")
            if h.entry.phrase not in _TERMS_OF_REFERENCE
            and h.entry.phrase != "TdR"
            and h.entry.phrase != "ToR"
        ]
        asks = [h for h in text.of_category("application") if h.entry.phrase not in _SIGN_UP]
        if hired or asks:
            return None  # someone is hired, or applies
    return events[0]


#: Vacancy words that also seek groups (organisations, cooperatives, community leaders)
#: for a pilot or an exchange: in a title naming such groups they hire no one.
_GROUP_VACANCY_WORDS = frozenset(
    {"buscamos", "se busca", "pasantía", "internship", "stage", "intern", "associate"}
)


def _to_open(title: _Text, body: _Text) -> bool:
    """The text names the day the call is to open ("sera lancé le 1er février 2027",
    "se abrirá el 15/02/2027"); "any call will be published here" names none."""
    return any(
        not _about_results(text, hit) and text.dates_in(hit.end, hit.end + 40)
        for text in (title, body)
        for hit in text.of_category("opens")
    )


#: Vacancy words that, in a text, also ask for partners or pilot sites ("buscamos
#: organizaciones locales"): they do not make a staff post there.
#: The terms of an employment ("salary", "full time"): a call pays salaries and a
#: fellowship is full time ("El fondo cubre el salario del técnico", "Beca de tiempo
#: completo"), so they make no staff post, in a title or a text.
_EMPLOYMENT_TERMS = frozenset(
    {
        "salary",
        "full time",
        "full-time",
        "part-time",
        "salaire",
        "temps plein",
        "temps partiel",
        "salario",
        "sueldo",
        "tiempo completo",
        "jornada completa",
        "medio tiempo",
    }
)
#: A job board's field of the kind of post: an employment in a text, not in a title.
_JOB_FIELDS = frozenset({"job type", "tipo de empleo"})
#: Vacancy words that never make a title a staff job's.
_TERMS_AND_FIELDS = _EMPLOYMENT_TERMS | _JOB_FIELDS
_LOOSE_VACANCY_WORDS = (
    frozenset({"buscamos", "se busca", "associate", "stage", "poste de", "intern"})
    | _EMPLOYMENT_TERMS
)


#: Hours from and to, as a programme gives them: "9:40-10:00", "11:30 AM - 12:45 PM",
#: "de 14h à 16h", "10h00 – 12h30".
#: (Matched from the hour's last digit: a pattern that starts with a digit class is
#: quicker to search for than one with a look-behind.)
_HOURS = re.compile(
    r"\d(?:[:h.]\d{2}|h)\s*(?:[ap]\.?m\.?)?\s*(?:-|–|—|to|à|a|al)\s*"
    r"\d{1,2}(?:[:h.]\d{2}|h)(?![\d:])",
    re.IGNORECASE,
)
#: How far after a date its hours may stand.
_HOURS_AFTER_DATE = 30


def _scheduled(title: _Text, body: _Text) -> str:
    """ "title" or "summary" when the title, or the text's first line, gives a date and
    right after it its hours (a session's programme), and names no deadline; else ""."""
    line_end = body.original.find("\n")
    first_line = body.original if line_end < 0 else body.original[:line_end]
    for where, text, line in (("title", title, title.original), ("summary", body, first_line)):
        if not _HOURS.search(line):
            if (
                where == "summary"
                and not (text.of_category("deadline") or text.of_category("registration"))
                and _hours_below_a_day(body.original, first_line)
            ):
                return where
            continue  # the common case: no hours, no dates to read
        if text.of_category("deadline") or text.of_category("registration"):
            continue  # "Deadline: 5 May, 17:00-18:00" is no programme
        for found in find_dates(line):
            hours = _HOURS.search(line, found.end, found.end + _HOURS_AFTER_DATE)
            if hours is None:
                continue
            between = line[found.end : hours.start()].rstrip("0123456789")
            if not _DIGIT.search(between):
                return where
    return ""


#: How many lines below a day its hours may stand, and how long a line that holds only
#: a day is.
_HOURS_LINES_BELOW = 2
_DAY_LINE_MOST = 40


def _hours_below_a_day(original: str, first_line: str) -> bool:
    """A text that opens with a line holding only a day, its hours opening one of the
    next lines: "Wednesday, March 10, 2027" / "Chair: …" / "11:15 AM – 12:15 PM"."""
    if len(first_line.strip()) > _DAY_LINE_MOST or not _DIGIT.search(first_line):
        return False
    found = find_dates(first_line)
    if len(found) != 1 or len(first_line.strip()) - len(found[0].text) > _DAY_LINE_MOST // 2:
        return False
    below = original.split("\n", _HOURS_LINES_BELOW + 1)[1 : _HOURS_LINES_BELOW + 1]
    for line in below:
        hours = _HOURS.search(line.strip())
        if hours is not None and hours.start() <= 1:  # matched from the hour's last digit
            return True
    return False


def _gathering(title: _Text, body: _Text) -> bool:
    """The text names a gathering (a strong or weak event phrase)."""
    return any(
        text.of_category(strength, "event")
        for text in (title, body)
        for strength in ("strong", "weak")
    )


def _open_gathering(title: _Text, body: _Text) -> bool:
    """ "Call for participants: online roundtable … please register": anyone may come."""
    if not title.of_category("participation") or not _gathering(title, body):
        return False
    if not body.of_category("registration"):
        return False
    if body.of_category("open-to-all"):
        return True
    applies = [h for h in body.of_category("application") if h.entry.phrase not in _SIGN_UP]
    return not body.of_category("selection") and not applies


#: Application words that only sign a participant up.
_SIGN_UP = frozenset({"inscrire", "s'inscrire", "formulario"})


def _closed_applications(text: _Text) -> _Hit | None:
    """A closing word whose sentence names what one applies with ("closed for
    applications", "fermé aux candidatures"), not a registration."""
    asks = [h for h in text.of_category("application") if h.entry.phrase not in _SIGN_UP]
    if not asks:
        return None
    for hit in text.of_category("closed"):
        begin, end = _sentence_bounds(text, hit.start, hit.end)
        if any(begin <= h.start < end for h in text.of_category("registration")):
            continue
        if any(begin <= h.start < end or h.start <= hit.start < h.end for h in asks):
            return hit
    return None


#: Words before "launch" that make it a noun, the name of an event ("Online launch:",
#: "the launch of"); after any other word it is a verb ("partners launch a fund").
_LAUNCH_NOUN_BEFORE = frozenset(
    {"the", "a", "an", "online", "virtual", "official", "upcoming", "public", "book", "report"}
)


def _launch_verb(title: _Text, hit: _Hit) -> bool:
    """ "ILO launches new project", "ASM leaders launch …": a launch said, not one to attend."""
    if hit.entry.phrase != "launch":
        return False
    word = title.folded[hit.start : hit.end]
    if word != "launch":
        return True  # "launches"
    after = title.folded[hit.end : hit.end + 7]
    if after.startswith((":", " of ", " event", " -", " –")):
        return False
    before = title.folded[: hit.start].split()
    if not before or before[-1].endswith((":", "-", "–")):
        return False  # "Launch: …", "Notice: launch of …"
    return before[-1].strip(",") not in _LAUNCH_NOUN_BEFORE


#: What "recrute un(e)" may seek that is no staff member: "Le projet recrute une ONG
#: partenaire", "recrute une agence d'exécution" (folded words).
_BODY_RECRUITED = re.compile(
    r"\W*(?:e\W+)?(?:ong|organisation|organisme|agence|association|cabinet|bureau"
    r"|structure|partenaire|entreprise|firme|prestataire|cooperative|consortium"
    r"|institution|universite|societe|operateur|groupement)s?\b"
)
_RECRUITS = frozenset({"recrute un", "recrute une"})


def _recruits_a_body(title: _Text, hit: _Hit) -> bool:
    """ "recrute une ONG", not "recrute un(e) chargé(e) de redevabilité"."""
    return hit.entry.phrase in _RECRUITS and bool(_BODY_RECRUITED.match(title.folded, hit.end))


def _staff_post(title: _Text, body: _Text) -> bool:
    """A title whose call words also head job adverts ("Avis de recrutement : …"), over
    a text about a salaried post and no assignment ("type de contrat", no consultant)."""
    calls = [h for h in title.of_category("strong") if h.entry.value == "call"]
    return (
        bool(calls)
        and all(h.entry.phrase.lower() in _STAFF_CALL_WORDS for h in calls)
        and any(h.entry.phrase not in _LOOSE_VACANCY_WORDS for h in body.of_category("vacancy"))
        and not title.of_category("consultancy")
        and not body.of_category("consultancy")
        and not title.of_category("submission")
    )


def _hiring(title: _Text, body: _Text) -> tuple[str, _Hit] | None:
    """The words that make a post an employment ("contrat à durée déterminée", "we are
    hiring"), and where, in a text that names no consultancy, assignment or offer."""
    if any(text.of_category("consultancy") for text in (title, body)):
        return None
    if any(
        h.entry.phrase in _OFFER_WORDS
        for text in (title, body)
        for h in text.of_category("application")
    ):
        return None  # "proposals … to the programme manager": one does not bid for a post
    for where, text in (("title", title), ("summary", body)):
        post = [h for h in text.of_category("vacancy") if h.entry.phrase in _EMPLOYMENT_WORDS]
        if post:
            return where, post[0]
    return None


#: Vacancy words that say the post is an employment, not only name a role (a
#: "coordonnateur" may be the consultant an assignment needs).
_EMPLOYMENT_WORDS = frozenset(
    {
        "type de contrat",
        "contrat à durée déterminée",
        "durée déterminée",
        "durée indéterminée",
        "CDD",
        "CDI",
        "fixed-term contract",
        "we are hiring",
        "is hiring",
        "now hiring",
        "is recruiting",
        "are recruiting",
        "join our team",
        "nous recrutons",
        "offre d'emploi",
        "offres d'emploi",
        "oferta laboral",
        "oferta de empleo",
        "ofertas de empleo",
        "únete a nuestro equipo",
        *_JOB_FIELDS,
        "titre du poste",
        "intitulé du poste",
        "concurso público de méritos",
        "empleo público",
    }
)


#: Application words that ask for a proposal, a bid or an offer, which no staff post does.
_OFFER_WORDS = frozenset(
    {
        "proposal",
        "proposals",
        "bid",
        "quotation",
        "concept note",
        "proposition",
        "propositions",
        "offre",
        "soumission",
        "propuesta",
        "oferta",
        "cotización",
    }
)


def _announced_with(body: _Text, hit: _Hit) -> bool:
    """A call phrase whose sentence says the call is to open ("la convocatoria … se
    lanzará en enero"), and not that results are to come."""
    begin, end = _sentence_bounds(body, hit.start, hit.end)
    begin = min(begin, max(0, hit.start - _CLOSES_WHAT_BEFORE))
    return any(
        begin <= h.start < end and not _about_results(body, h)
        for h in body.of_category("forthcoming")
    )


def _tender(title: _Text) -> bool:
    """A title that names a tender or a call for consultants, not a staff job."""
    return any(
        h.entry.value == "call" and h.entry.phrase.lower() not in _STAFF_CALL_WORDS
        for h in title.of_category("strong")
    )


#: A title that starts by asking for something, or does so after a dash, a bar or a
#: colon: "Call for pilot sites: …", "Due Diligence MOOC - call for an external supplier".
_CALL_FOR = re.compile(
    r"(?:^|.*?(?:\s[-–—|]|:))\s*(?:open\s+)?calls?\s+for\s+(?!action\b|an?\s+end\b|calm\b)",
    re.I,
)

#: A title opening with a call named in quotes: "Appel « Chaînes d'approvisionnement
#: responsables en minerais » : …", "Call “Mining Futures”: …"; a call only when the
#: text names a deadline or asks for something (an "appel" is a plea too: « Appel « Stop
#: au travail des enfants dans les mines » : 50 ONG interpellent l'UE »).
_CALL_NAMED = re.compile(r"\s*(?:appel|call|convocatoria|llamado)\s*[«\"“]", re.I)

#: Call phrases that also head staff job adverts ("Convocatoria: coordinador/a").
_STAFF_CALL_WORDS = frozenset(
    {
        "convocatoria",
        "call for applications",
        "appel à candidatures",
        "appel à candidature",
        "avis de recrutement",
        "applications open",
        "apply now",
        "open call",
    }
)


#: A future auxiliary right before a past-tense deadline phrase: "sera clôturé le".
_FUTURE_BEFORE = re.compile(r"\b(?:sera|seront|be|será|serán)\s+$")


def _asks_submissions(body: _Text) -> bool:
    """The text asks for papers or applications for the event, before a date (not
    "the call for papers has closed", "l'appel à communications, clôturé le 15
    janvier": what is left is to register)."""
    closed = body.of_category("closed") + [
        h
        for h in body.of_category("deadline", "past")
        # "will be closed on 30 May" is still to come
        if not _FUTURE_BEFORE.search(body.folded, max(0, h.start - 12), h.start)
    ]
    open_calls = [
        hit
        for hit in body.of_category("submission")
        if not any(a <= h.start < b for h in closed for a, b in [_sentence_bounds(body, *hit[1:])])
    ]
    return bool(open_calls) and bool(body.of_category("deadline") or body.of_category("cue"))


#: How far before a deadline phrase the words of what it closes may stand.
_CLOSES_WHAT_BEFORE = 120


def _asks_contributions(body: _Text) -> _Hit | None:
    """The text asks for abstracts, papers or panels for the gathering, by a date: a
    deadline phrase with a date whose sentence (not one about registration) names
    what is submitted. Returns the contribution word."""
    contributions = body.of_category("contribution")
    if not contributions:
        return None
    named = contributions + body.of_category("application")
    registration = body.of_category("registration")
    past = body.of_category("deadline", "past")
    for hit in body.of_category("deadline"):
        if any(p.start <= hit.start < p.end for p in past):
            continue  # "clôturé le 15 janvier": the papers were asked for, no longer
        start, end = _sentence_bounds(body, hit.start, hit.end)
        start = max(0, min(start, hit.start - _CLOSES_WHAT_BEFORE))
        start = max(start, body.original.rfind("\n", 0, hit.start) + 1)
        if any(start <= h.start < end for h in registration):
            continue
        if not body.dates_in(hit.end, min(end, hit.end + DEADLINE_WINDOW + 12)):
            continue
        if any(start <= h.start < end for h in named):
            return contributions[0]
    return None


#: Selection words that are themselves a way to apply, not a choice among applicants.
_APPLYING_WORDS = frozenset({"apply", "postuler", "postular", "postulación", "postulaciones", "CV"})


def _asks_to_be_chosen(body: _Text) -> _Hit | None:
    """The text asks participants to apply by a date and says they are chosen ("A
    sub-committee will review applications and select participants. Apply by 4
    September"): tie-breaker 3, a call. Returns the application word."""
    chosen = [h for h in body.of_category("selection") if h.entry.phrase not in _APPLYING_WORDS]
    if not chosen or body.of_category("open-to-all"):
        return None
    asks = [h for h in body.of_category("application") if h.entry.phrase not in _SIGN_UP]
    registration = body.of_category("registration")
    for hit in body.of_category("deadline"):
        start, end = _sentence_bounds(body, hit.start, hit.end)
        if any(start <= h.start < end for h in registration):
            continue
        if not body.dates_in(hit.end, min(end, hit.end + DEADLINE_WINDOW + 12)):
            continue
        for h in asks:
            if start <= h.start < end:
                return h
    return None


def _past_event(texts: tuple[_Text, ...]) -> str:
    """The words that tell of a gathering in the past tense, or ""."""
    for text in texts:
        past = _not_former(text, "event-past") + _not_former(text, "event-opened")
        if past:
            return f'"{min(past, key=lambda h: h.start).entry.phrase}"'
    return ""


def _opening_told(texts: tuple[_Text, ...]) -> str:
    """The words that tell of a gathering's opening in the past tense ("s'est ouvert ce
    mardi", "today opened"), not an earlier edition's nor its registration's
    ("Registration opened yesterday"), or ""."""
    for text in texts:
        opened = [
            hit for hit in _not_former(text, "event-opened") if not _about_registration(text, hit)
        ]
        if opened:
            return f'"{opened[0].entry.phrase}"'
    return ""


def _not_former(text: _Text, category: str) -> list[_Hit]:
    """The hits of `category` outside a sentence about an earlier edition or round ("la
    dernière édition avait été organisée à Kolwezi" is that edition's story)."""
    return [
        hit
        for hit in text.of_category(category)
        if not _about_former(text, _sentence_bounds(text, hit.start, hit.end))
    ]


#: Call phrases that name a request for information, which "is not a solicitation".
_INFORMATION_REQUESTS = frozenset({"request for information", "RFI"})


def _information_request(title: _Text, body: _Text) -> bool:
    """A title naming a request for information, whose answers a deadline asks for."""
    if not any(h.entry.phrase in _INFORMATION_REQUESTS for h in title.of_category("strong")):
        return False
    return any(h.entry.value != "past" for h in body.of_category("deadline"))


#: A title that opens with the label of an opinion piece and a colon or a dash
#: ("Análisis: la convocatoria …", "Tribune – Appel d'offres …", "Op-ed | …"): news,
#: whatever call or event it is about. Folded words.
_OPINION_LABEL = re.compile(
    r"\s*(?P<label>opinion|op-ed|editorial|analysis|commentary|comment|column|viewpoint"
    r"|tribune|analyse|chronique|point de vue|opinion|analisis|columna(?: de opinion)?"
    r"|tribuna|punto de vista)\s*(?::|\s[-–—|]\s)"
)


#: What may stand between an English call word and the event noun it qualifies:
#: words only, no punctuation, no preposition or article ("Tender and Bid Workshop",
#: "Grant Writing Webinar"; not "Call for proposals: workshop", "RFP for a workshop").
_MODIFIER_GAP = re.compile(r"(?:\s+(?:and|&|[a-z]+ing|bid|bids|proposal|proposals))*\s+")


def _head_noun(title: _Text, first: _Hit, found: list[_Hit]) -> _Hit:
    """In English the last noun of a compound is what the title names: a call word
    right before an event noun only qualifies it ("Tender and Bid Workshop for local
    suppliers" is a workshop)."""
    if first.entry.value != "call":
        return first
    for hit in sorted(found, key=lambda h: h.start):
        if hit.entry.value == "event" and hit.start >= first.end:
            if _MODIFIER_GAP.fullmatch(title.folded, first.end, hit.start):
                return hit
            break
    return first


def _application(title: _Text, body: _Text, summary_end: int) -> tuple[str, _Hit] | None:
    """The first words that ask for applications, proposals or offers, and where.

    A title about licences or permits applied for under a law ("Deadline for gold
    traders to re-apply for licences extended") makes the text's "apply" theirs too.
    """
    if title.of_category("not-application"):
        return None
    for where, text in (("title", title), ("body", body)):
        words = text.of_category("application")
        if words:
            first = min(words, key=lambda h: h.start)
            if where == "body":
                where = "summary" if first.start < summary_end else "content"
            return where, first
    return None


_NEAR_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def _past(text: _Text, hit: _Hit, year: int) -> bool:
    """A call named by a year before `year`: "the 2025 call", "convocatoria de 2025"."""
    before = text.original[max(0, hit.start - 8) : hit.start]
    after = text.original[hit.end : hit.end + 8]
    return any(int(m.group()) < year for m in _NEAR_YEAR.finditer(f"{before} {after}"))


def _as_kind(value: str) -> Kind:
    if value == "call":
        return "call"
    if value == "event":
        return "event"
    return "news"
