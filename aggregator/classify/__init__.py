"""Deciding what an item is: call, event or news; its deadline, tags and language.

    classify(item, source, rules, reference=published) -> Classification

A pure function of its arguments: no network, no clock, no files. The phrase
lists live in `aggregator.rules` (documented there and in docs/calls.md);
`Rules` from feeds.yaml adds phrases to them.

Texts are folded once (lower case, accents removed, curly quotes and dashes
made plain, length unchanged so positions map back to the original); every
phrase list is looked up in one pass: a regular expression finds the words
that start some phrase, and a dictionary keyed by that first word gives the
phrases to check there. Dates are read only from the few characters next to a
deadline phrase. `python bench/classify_timing.py --profile` shows the cost.

The package, each module importing only those below it:

- this module: `classify`, and `_decide`, which joins the parts: the kind the
  rules (or the model) chose, the deadline, status and key dates of a call,
  the dates of an event, the tags;
- `kind`: call, event or news, and the phrase that decided it;
- `calls`: a call's deadline, its window, milestones and key dates, its
  opening date and its status;
- `events`: an event's dates (spans, ranges, weekdays, "tomorrow") and
  whether it is online;
- `days`: how an item's dates are read (its reference, its numeric date
  order), day ranges and weekdays, shared by calls and events;
- `text`: reading a text: folding, the phrase matcher, sentences, the
  item's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from aggregator.classify.calls import (
    _as_key_dates,
    _call_facts,
    _CallFacts,
    _choose_deadline,
    _deadline_dates,
    _deadline_window,
    _status_field,
    _title_window,
)
from aggregator.classify.days import _date_order, _DateReader
from aggregator.classify.events import _event_dates
from aggregator.classify.kind import (
    ANNOUNCED_UNDER_LABEL,
    _application,
    _gathering,
    _hiring,
    _kind,
    _opening_told,
    _past_event,
)
from aggregator.classify.text import (
    LANGUAGE_SAMPLE_CHARS,
    _category_topics,
    _language,
    _Matcher,
    _matcher,
    _plain,
    _reason,
    _Text,
    detect_language,
    fold,
)
from aggregator.types import Classification, EventDates, Kind, ParsedItem, Rules, Source

if TYPE_CHECKING:
    from aggregator.kindmodel import KindModel

__all__ = ["LANGUAGE_SAMPLE_CHARS", "classify", "detect_language", "fold", "model_features"]


#: Rules this sure (a phrase in the title) are overruled by the model only when it is
#: surer still (90 %).
MODEL_DEFERS_TO = 0.9
#: Characters of summary + content looked at; the rest of a long article is ignored.
MAX_BODY_CHARS = 8_000
#: With no kind phrase (or only one in the summary), a request for applications whose
#: only date passed longer ago than this (and no word that the call is closed) tells a
#: past call's story: news. A listing left up a few days after its closing stays a call.
FALLBACK_PAST_LIMIT = timedelta(days=14)
#: With no kind phrase, a request for applications closes within this of publication:
#: a later date ends something else (a regime, a programme's years).
FALLBACK_AHEAD_LIMIT = timedelta(days=366)
#: How soon after a report of a gathering's opening its next day may come and the post
#: still be that report ("abrió sus puertas este lunes … la cumbre, programada para
#: mañana"): a session of the gathering under way, not a gathering to come.
OPENED_NEXT_DAYS = timedelta(days=2)


def classify(
    item: ParsedItem,
    source: Source,
    rules: Rules = Rules(),  # noqa: B008 - frozen, compared by value
    *,
    reference: datetime,
    model: KindModel | None = None,
) -> Classification:
    """Kind, status, deadline and other dates, tags and language of `item`, and why.

    `reference` is when the item was published (or first seen when the feed
    gives no date): a deadline without a year is its next occurrence on or
    after it. With a `model` (`aggregator.kindmodel.KindModel`; a run passes
    none, docs/calls.md), the rules' answer is checked by it, and its kind wins
    where the two disagree.
    """
    read = _Reading.of(item, source, rules, reference)
    kind, reason, confidence = _kind(
        source, read.title, read.body, read.summary_end, reference.year
    )
    said = _decide(read, source, kind, reason, confidence)
    if model is None or source.kind is not None:
        return said
    predicted, probability = model.predict_item(
        item, said, title=read.title.folded, body=read.body.folded, signals=read.signals()
    )
    if predicted != said.kind and confidence >= MODEL_DEFERS_TO and probability < 0.9:
        # a call or event phrase in the title, or a recap's words there: the rules stand
        return said
    if predicted == said.kind:
        # every field is an argument of __init__: quicker than dataclasses.replace
        return Classification(
            **{**vars(said), "confidence": round(max(said.confidence, probability), 2)}
        )
    why = f"model {probability:.0%} (rules: {said.kind}, {said.kind_reason})"
    return _decide(read, source, predicted, why, 0.9 * probability, settled=True)


def model_features(
    item: ParsedItem,
    source: Source,
    rules: Rules = Rules(),  # noqa: B008
    *,
    reference: datetime,
) -> list[str]:
    """What the kind model sees of `item`: the rules' answer and the item's words."""
    from aggregator.kindmodel import features

    said = classify(item, source, rules, reference=reference)
    read = _Reading.of(item, source, rules, reference)
    return features(
        item, said, title=read.title.folded, body=read.body.folded, signals=read.signals()
    )


@dataclass(frozen=True)
class _Reading:
    """An item's texts as the rules read them, and how to read its dates."""

    title: _Text
    body: _Text
    summary_end: int
    matcher: _Matcher
    language: str | None
    dates: _DateReader
    categories: tuple[str, ...]

    def signals(self) -> list[str]:
        """Which phrase lists matched in the title and the text ("title:strong:call")."""
        found = []
        for where, text in (("title", self.title), ("body", self.body)):
            for category, hits in text.by_category.items():
                values = {h.entry.value for h in hits}
                found += [
                    f"{where}:{category}:{value}" if value else f"{where}:{category}"
                    for value in values
                ]
        return found

    @classmethod
    def of(cls, item: ParsedItem, source: Source, rules: Rules, reference: datetime) -> _Reading:
        matcher = _matcher(rules)
        title = _plain(item.title)
        summary = _plain(item.summary)
        content = _plain(item.content)
        if content and summary and summary in content:
            summary = ""
        context = item.context
        if context and summary and summary in context:
            context = context.replace(summary, " ", 1)  # read it once, as the summary
        if context.strip():
            content = f"{content}\n{context}" if content else context
        body = f"{summary}\n{content}" if summary and content else summary or content
        body = body[:MAX_BODY_CHARS]
        language = _language(source, item, title, body)
        dates = _DateReader(
            language,
            source.date_order or _date_order(language, f"{title}\n{body}"),
            reference,
            _deadline_window(reference, dated=item.published is not None),
        )
        return cls(
            title=_Text.of(title, matcher),
            body=_Text.of(body, matcher),
            summary_end=len(summary),
            matcher=matcher,
            language=language,
            dates=dates,
            categories=item.categories,
        )


def _decide(
    reading: _Reading,
    source: Source,
    kind: Kind,
    reason: str,
    confidence: float,
    *,
    settled: bool = False,
) -> Classification:
    """The dates, status and tags that go with `kind` (which may still turn out news).

    `settled`: the kind is decided (by the model) and is not revised here.
    """
    texts = (reading.title, reading.body)
    read = reading.dates
    today = read.reference.date()
    application = (
        _application(reading.title, reading.body, reading.summary_end)
        if reason == "default" and not settled
        else None
    )
    facts = _CallFacts()
    event: EventDates | None = None
    if kind == "call" or application is not None:
        dated = _deadline_dates(texts, read)
        chosen = _choose_deadline(dated, today)
        if chosen is None and kind == "call":
            # "Termes de référence : quatrième appel à projets …, 15.10.2026 – 29.01.2027"
            chosen = _title_window(reading.title, read)
            if chosen is not None:
                dated = [chosen]
        if (
            chosen is not None
            and application is not None
            and chosen.milestone == "registration"
            and _gathering(reading.title, reading.body)
        ):
            chosen = None  # "il suffit de s'inscrire avant le 5 juin" for a training
        if (
            chosen is not None
            and (application is not None or (reason.startswith("summary:") and not settled))
            and chosen.day < today - FALLBACK_PAST_LIMIT
            and not any(text.of_category("closed") for text in texts)
            and _status_field(reading.body) is None
        ):
            # "recibió postulaciones hasta el 22 de abril" told nine months on: a past
            # call's story, not a call (nor a deadline, when a summary phrase named it)
            chosen = None
            # "mantiene abierta su convocatoria permanente … la primera ronda cerró el 12
            # de mayo": a standing call, its past date an earlier round's
            standing = any(text.of_category("rolling") for text in texts)
            if application is None and not standing:
                kind, reason, confidence = "news", "a past call's story: " + reason, 0.6
        if (
            chosen is not None
            and application is not None
            and chosen.day > today + FALLBACK_AHEAD_LIMIT
        ):
            # "extiende la formalización minera hasta el 31 de diciembre de 2030": with no
            # call phrase, a date years ahead ends a regime or a programme, not applications
            chosen = None
        post = _hiring(reading.title, reading.body) if application is not None else None
        if chosen is not None and post is not None:
            # "Envoyer CV et lettre de motivation au plus tard le 20 mars" for a salaried
            # post, with no assignment named: a job advert
            where, hit = post
            kind, reason, confidence, chosen = (
                "news",
                _reason(where, hit) + " (a staff job)",
                0.7,
                None,
            )
        if chosen is not None and application is not None and reading.title.of_category("ban"):
            # "… le ministre rappelle la suspension des activités jusqu'au 31 octobre": the
            # filings a ban asks of all are no call
            chosen = None
        if chosen is not None and application is not None:
            # No kind phrase, but the text asks for applications before a date.
            where, hit = application
            kind, reason, confidence = "call", _reason(where, hit) + " and a deadline", 0.6
        if (
            kind == "call"
            and chosen is None
            and reason.endswith(" for the event")
            and not settled
            and _past_event(texts)
        ):
            # "The 4th conference took place on 24 and 25 September … the 5th edition's
            # call for abstracts will go out early in 2028": a recap, no call open
            kind, reason, confidence = "news", "recap: " + _past_event(texts), 0.6
        if kind == "call":
            facts = _call_facts(texts, read, dated, chosen, today)
    elif kind == "event":
        dated = _deadline_dates(texts, read, registration_only=True)
        event = _event_dates(texts, read, dated)
        revisable = source.kind is None and not settled
        opened = _opening_told(texts) if revisable else ""
        cancelled = reading.title.of_category("event-cancelled") if revisable else []
        if cancelled:
            # "Mining Suppliers Expo cancelled for 2026": neither its first days nor the
            # days it was moved to will be held
            kind, event = "news", None
            reason = _reason("title", cancelled[0]) + " (a gathering called off)"
        elif event is not None and event.end < today and revisable:
            kind, reason, event = "news", "recap: the event's dates are before publication", None
        elif event is not None and event.start <= today + OPENED_NEXT_DAYS and opened:
            # "L'atelier … s'est ouvert ce mardi 10 mars" posted that day: a report of the
            # opening, though the gathering goes on
            kind, reason, event = "news", f"a report of the opening: {opened}", None
        elif event is None and revisable and _past_event(texts):
            kind, reason = "news", "recap: " + _past_event(texts)
        elif event is None and revisable and reason.endswith("and a gathering"):
            kind, reason, confidence = "news", "default", 0.55
        elif event is None and revisable and reason.endswith(ANNOUNCED_UNDER_LABEL):
            # a gathering under a news word, with no day of it to come: the news word stands
            kind, reason, confidence = "news", "default", 0.55
        elif (
            event is None
            and revisable
            and reason.startswith("title:")
            # a title alone ("Workshop on ASM") is all there is to judge: it stands
            and bool(reading.body.original.strip())
            and not reading.body.of_category("cue", "event")
            # "Teams can sign up before 3 October": a day to sign up by invites to it
            and not (
                _signs_up_by_a_date(reading.body) and not reading.body.of_category("application")
            )
        ):
            # "Cobalt artisanal : cinq ans après son lancement …", "Rencontre à Siguiri …":
            # a gathering named, but no day of it and nothing inviting to it; read as if
            # no kind phrase were there (a request for applications by a date is a call)
            return _decide(reading, source, "news", "default", 0.55)
        else:
            facts = _CallFacts(key_dates=_as_key_dates(dated, "registration"))
            if event is None:
                confidence = min(confidence, 0.6)
    if kind == "call" and facts.deadline is None and facts.status == "rolling":
        confidence = min(confidence, 0.75)  # a deadline the rules could not read?
    matcher = reading.matcher
    categories = [_category_topics(category, matcher) for category in reading.categories]
    tags = _tags(source, matcher, (reading.title.topics, reading.body.topics, *categories))
    return Classification(
        kind=kind,
        kind_reason=reason,
        deadline=facts.deadline,
        deadline_phrase=facts.phrase,
        tags=tags,
        language=reading.language,
        status=facts.status if kind == "call" else None,
        status_reason=facts.status_reason if kind == "call" else None,
        opens=facts.opens if kind == "call" else None,
        deadline_extended=facts.extended if kind == "call" else False,
        key_dates=facts.key_dates if kind != "news" else (),
        event=event if kind == "event" else None,
        confidence=round(confidence, 2),
    )


#: How far after a deadline phrase a gathering's sign-up date may stand.
SIGN_UP_DATE_CHARS = 40


def _signs_up_by_a_date(body: _Text) -> bool:
    """A deadline phrase with a date right after it: "sign up before 3 October"."""
    return any(
        body.dates_in(hit.end, hit.end + SIGN_UP_DATE_CHARS) for hit in body.of_category("deadline")
    )


def _tags(source: Source, matcher: _Matcher, topics: Iterable[frozenset[str]]) -> tuple[str, ...]:
    found = frozenset().union(*topics)
    tags = list(dict.fromkeys(source.tags))
    tags += [tag for tag in matcher.topic_order if tag in found and tag not in tags]
    return tuple(tags)
