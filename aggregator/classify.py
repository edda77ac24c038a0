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
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from aggregator import langmodel
from aggregator import rules as builtin
from aggregator.dates import (
    DATE_PATTERN,
    MONTHS,
    DateMatch,
    date_starts,
    find_dates,
    near_digits,
    normalise_language,
    parse_date,
)
from aggregator.sanitize import html_to_text
from aggregator.types import (
    CallStatus,
    Classification,
    EventDates,
    KeyDate,
    KeyDateKind,
    Kind,
    ParsedItem,
    Rules,
    Source,
)

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from aggregator.kindmodel import KindModel

#: Rules this sure (a phrase in the title) are overruled by the model only when it is
#: surer still (90 %).
MODEL_DEFERS_TO = 0.9
#: Characters of summary + content looked at; the rest of a long article is ignored.
MAX_BODY_CHARS = 8_000
#: How far after a deadline phrase its date may start (characters).
DEADLINE_WINDOW = 60
#: How far before "deadline" its date may end ("the 30 June deadline").
DEADLINE_BEFORE_WINDOW = 12
#: A deadline is at most this long before a dated item's publication, and at most
#: this long after it (after the run, for an undated item): "31 December 9999" or
#: "the 2012 deadline" in a call of 2027 is not read as one.
DEADLINE_PAST_LIMIT = timedelta(days=366)
DEADLINE_FUTURE_LIMIT = timedelta(days=10 * 366)
#: With no kind phrase (or only one in the summary), a request for applications whose
#: only date passed longer ago than this (and no word that the call is closed) tells a
#: past call's story: news. A listing left up a few days after its closing stays a call.
FALLBACK_PAST_LIMIT = timedelta(days=14)
#: With no kind phrase, a request for applications closes within this of publication:
#: a later date ends something else (a regime, a programme's years).
FALLBACK_AHEAD_LIMIT = timedelta(days=366)
#: An undated item is judged at each run, long after it first appeared: for it
#: the earliest deadline is fixed.
EARLIEST_DEADLINE = date(2000, 1, 1)
#: A date this near the start of a text, on the day it was published, is its dateline.
DATELINE_CHARS = 40
#: Characters of the text in which an event's own dates are looked for.
EVENT_DATES_CHARS = 1_000
#: Least confidence of language detection, and least letters to try it on.
LANGUAGE_CONFIDENCE = 0.8
LANGUAGE_MIN_LETTERS = 20
LANGUAGE_SAMPLE_CHARS = 400


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
    after it. With a `model` (`aggregator.kindmodel.shipped()`), the rules'
    answer is checked by it, and its kind wins where the two disagree.
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
        return dataclasses.replace(said, confidence=round(max(said.confidence, probability), 2))
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
            if application is None:
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
        if chosen is not None and application is not None:
            # No kind phrase, but the text asks for applications before a date.
            where, hit = application
            kind, reason, confidence = "call", _reason(where, hit) + " and a deadline", 0.6
        if kind == "call":
            facts = _call_facts(texts, read, dated, chosen, today)
    elif kind == "event":
        dated = _deadline_dates(texts, read, registration_only=True)
        event = _event_dates(texts, read, dated)
        revisable = source.kind is None and not settled
        if event is not None and event.end < today and revisable:
            kind, reason, event = "news", "recap: the event's dates are before publication", None
        elif event is None and revisable and _past_event(texts):
            kind, reason = "news", "recap: " + _past_event(texts)
        elif event is None and revisable and reason.endswith("and a gathering"):
            kind, reason, confidence = "news", "default", 0.55
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


def fold(text: str) -> str:
    """Lower case without accents, same length: "Date limite : Été" -> "date limite : ete".

    An inclusive ending becomes spaces, so "chargé(e) de programme" reads as "chargé
    de programme": "un(e) chargé(e)" -> "un    charge   ".
    """
    if "(" in text:
        text = _INCLUSIVE_ENDING.sub(_blank, text)
    if text.isascii():
        return text.replace("`", "'").lower()
    # str.translate looks every character of a non-ASCII text up in a dict; the
    # few distinct accented letters of a French or Spanish text are quicker replaced.
    folded = text
    for char in set(_TO_FOLD.findall(text)):
        folded = folded.replace(char, _FOLD_CHARS[char])
    folded = folded.lower()
    if len(folded) != len(text):  # a rare character whose lower case is longer
        return "".join(c if len(c.lower()) != 1 else c.lower() for c in text.translate(_FOLD))
    return folded


#: An inclusive ending right after a word: "chargé(e)", "candidat(e)s", "tous(tes)".
_INCLUSIVE_ENDING = re.compile(r"(?<=[^\W\d_])\((?:e|es|s|tes)\)s?(?![^\W_])")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def detect_language(text: str) -> str | None:
    """en, fr or es for a text long enough to tell; None when unsure."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < LANGUAGE_MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= LANGUAGE_CONFIDENCE else None


# --- text and phrases ------------------------------------------------------------


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and len(base.lower()) == 1:
            table[code] = base
    table.update({ord(c): "'" for c in "\u2018\u2019\u02bc\u00b4\u0060\u2032"})
    table.update({ord(c): " " for c in "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"})
    table.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212"})
    table[0x130] = "I"
    table[0xDF] = "s"  # ß: one character for one, positions must not move
    return table


_FOLD = _fold_table()
_FOLD_CHARS = {chr(code): plain for code, plain in _FOLD.items()}
#: Any one character that `_FOLD` changes.
_TO_FOLD = re.compile("[" + "".join(re.escape(char) for char in _FOLD_CHARS) + "]")


_WORD = re.compile(r"[^\W_]+")
#: What may stand between "by"/"until"/"hasta" and its date ("hasta las 17:00 del").
#: Each piece is atomic (`(?>…)`): once one has matched, the ones before it are never
#: cut again another way, so a gap that does not fit fails at once instead of trying
#: every split of its spaces between pieces (which took a minute on "(a)  (a)  … x").
_TIGHT_GAP = re.compile(
    r"(?>[\s,:]|\b(?:the|on|at|of|le|la|les|el|las|los|del|de|à|a|al)\b"
    r"|\d{1,2}(?:[:h.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h(?:eures?|oras?|rs?\.?)?)?(?!\d)"
    r"|\b(?:horas?|hrs?|d[ií]a|jour|day)\b\.?"
    # a short aside: "Envoi des propositions (résumé de 500 mots) 15 mars 2026", or
    # a time zone in brackets "(GMT+1)"
    r"|\([^()\n]{0,40}\)[\s:|]*"
    # a time zone after the time: "until 14:00 CEST on 15 October", "by 10:00 a.m. GMT on"
    r"|\(?(?-i:\b(?:GMT|UTC|CES?T|BST|[ECW]AT|SAST|E[SD]?T|P[SD]?T|C[SD]T)\b)"
    r"(?:\s*[+-]\s*\d{1,2}(?::\d{2})?)?\)?)*",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
#: Where a sentence ends; not after "p.m." or "a.m." ("by 5 p.m. Ottawa time").
_SENTENCE_END = re.compile(r"(?<!\.[mM])[.!?;]\s+(?=[A-Z\u00c0-\u00dd¿¡])|[!?;]|\s\|\s|\n")


@dataclass(frozen=True)
class _Entry:
    """One phrase of one rule list."""

    category: str
    value: str
    phrase: str
    words: tuple[str, ...]
    #: Acronyms ("RFP", "AMI") must appear in these exact capitals.
    exact: str | None


class _Hit(NamedTuple):
    """A phrase found in a text (a tuple: a text has dozens, made quicker than a dataclass)."""

    entry: _Entry
    start: int
    end: int


class _Matcher:
    """Every phrase list, looked up in one pass over a text."""

    def __init__(self, entries: Iterable[_Entry]) -> None:
        #: Each phrase under its first word and that word's plurals: one lookup per word.
        index: dict[str, list[_Entry]] = {}
        topics: list[str] = []
        for entry in entries:
            first = entry.words[0]
            keys = (first, first + "s", first + "es") if len(first) >= 3 else (first,)
            for key in keys:
                index.setdefault(key, []).append(entry)
            if entry.category == "topic":
                topics.append(entry.value)
        #: Topic tags in the order they are listed (built-in first, then feeds.yaml).
        self.topic_order: tuple[str, ...] = tuple(dict.fromkeys(topics))
        #: Under each first word: the words (and plurals) that may follow it in a
        #: longer phrase, its phrases, and its topic tags if it starts only topic
        #: phrases (once they are found, the word need not be looked at again).
        self._index: dict[str, tuple[frozenset[str], tuple[_Phrase, ...], frozenset[str]]] = {}
        for key, listed in index.items():
            phrases = tuple(
                (
                    entry,
                    frozenset(_plurals(entry.words[1])) if len(entry.words) > 1 else None,
                    entry.words[2:],
                    entry.exact,
                    entry.value if entry.category == "topic" else None,
                )
                for entry in listed
            )
            following = frozenset().union(*(p[1] for p in phrases if p[1] is not None))
            tags = frozenset(p[4] for p in phrases if p[4] is not None)
            only_topics = tags if all(p[4] is not None for p in phrases) else frozenset()
            self._index[key] = (following, phrases, only_topics)
        #: A whole word that starts some phrase, searched in " " + the text: the
        #: regular expression engine skips every other word without a Python step.
        #: A word that starts only longer phrases ("a", "to", "conflict", common in
        #: texts) counts only when one of its possible next words follows. It comes
        #: after any character but an ASCII letter or digit (a plain character class
        #: is quick to skip to); `hits` drops the few after a non-ASCII letter ("œ").
        self._first_word = re.compile(
            rf"[^a-z0-9A-Z]({_alternation(self._next_word_check())})(?![^\W_])"
        )

    def _next_word_check(self) -> dict[str, str]:
        """Each first word, and the look-ahead that must follow it ("" for none)."""
        checks: dict[str, str] = {}
        for key, (following, phrases, _) in self._index.items():
            if all(seconds is not None for _, seconds, _, _, _ in phrases):
                words = _alternation(dict.fromkeys(following, ""))
                checks[key] = rf"(?=[\s'\-]{{0,{_GAP}}}{words}(?![^\W_]))"
            else:
                checks[key] = ""
        return checks

    def hits(self, original: str, folded: str) -> tuple[list[_Hit], set[str]]:
        """The phrases found in a text, but topics, and the topic tags found."""
        found: list[_Hit] = []
        topics: set[str] = set()
        index = self._index
        next_word = _NEXT_WORD.match
        new_hit = tuple.__new__  # _Hit(...) without its Python-level __new__
        padded = " " + folded
        for match in self._first_word.finditer(padded):
            following, phrases, only_topics = index[match.group(1)]
            if only_topics and only_topics <= topics:
                continue  # nothing new to find here
            start, end = match.span(1)
            if padded[start - 1].isalnum():
                continue  # inside a word
            start -= 1
            end -= 1
            second = next_word(folded, end) if following else None
            if second is not None and second.group(1) in following:
                word, after = second.group(1), second.end()
            else:
                word, after = None, -1
            for entry, seconds, rest, exact, topic in phrases:
                if topic in topics:
                    continue  # this tag is found already
                stop = end
                if seconds is not None:
                    if word not in seconds:
                        continue
                    stop = _match_rest(folded, rest, after) if rest else after
                    if stop < 0:
                        continue
                if exact is not None and not _exact(original[start:stop], exact):
                    continue
                if topic is not None:
                    topics.add(topic)  # where does not matter: no guard hides a topic
                else:
                    found.append(new_hit(_Hit, (entry, start, stop)))
        return found, topics


#: A phrase under its first word: the entry, the plurals of its second word (None
#: for one word), its further words, the acronym it must match exactly, its topic tag.
_Phrase = tuple[_Entry, "frozenset[str] | None", tuple[str, ...], "str | None", "str | None"]


def _plurals(word: str) -> tuple[str, str, str]:
    return word, word + "s", word + "es"


def _alternation(words: dict[str, str]) -> str:
    """A regular expression matching exactly the keys of `words`, each followed by
    its value (a pattern), as a trie: "a(?:b|c)" for ab, ac."""
    trie: dict[str, Any] = {}
    for word, after in words.items():
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = after

    def pattern(node: dict[str, Any]) -> str:
        branches = [
            child if char == "" else re.escape(char) + pattern(child)
            for char, child in sorted(node.items())
        ]
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


#: How many spaces, hyphens or apostrophes may stand between two words of a phrase:
#: three, and the spaces `fold` leaves for an inclusive ending ("chargé(e) de").
_GAP = 5
#: The next word of a phrase, after at most `_GAP` spaces, hyphens or apostrophes.
_NEXT_WORD = re.compile(rf"[\s'\-]{{0,{_GAP}}}([^\W_]+)")


def _match_rest(folded: str, words: tuple[str, ...], end: int) -> int:
    """End of `words` if they follow `end` in the text, or -1; any word may be plural."""
    for expected in words:
        match = _NEXT_WORD.match(folded, end)
        if match is None:
            return -1
        word = match.group(1)
        if word != expected and word != expected + "s" and word != expected + "es":
            return -1
        end = match.end()
    return end


def _exact(found: str, acronym: str) -> bool:
    return found == acronym or found == acronym + "s"


def _is_acronym(phrase: str) -> bool:
    """One word with two or more capitals: RFP, ASM, CfP, iTSCi."""
    return not any(c in phrase for c in " '-") and sum(c.isupper() for c in phrase) >= 2


def _entries(category: str, value: str, phrases: Iterable[str]) -> Iterator[_Entry]:
    for phrase in phrases:
        words = tuple(_WORD.findall(fold(phrase)))
        if not words:
            continue
        exact = phrase if _is_acronym(phrase) else None
        yield _Entry(category, value, phrase, words, exact)


@lru_cache(maxsize=32)
def _matcher(rules: Rules) -> _Matcher:
    entries: list[_Entry] = []
    extra: dict[str, list[str]] = {}
    for kind, phrases in rules.kind_phrases:
        extra.setdefault(kind, []).extend(phrases)
    entries += _entries("strong", "call", (*builtin.CALL_PHRASES, *extra.get("call", ())))
    entries += _entries("weak", "call", builtin.WEAK_CALL_PHRASES)
    entries += _entries("strong", "event", (*builtin.EVENT_PHRASES, *extra.get("event", ())))
    entries += _entries("weak", "event", builtin.WEAK_EVENT_PHRASES)
    entries += _entries("news", "news", (*builtin.NEWS_PHRASES, *extra.get("news", ())))
    entries += _entries("not-kind", "", builtin.NOT_KIND_PHRASES)
    entries += _entries("not-news", "", builtin.NOT_NEWS_PHRASES)
    entries += _entries("cue", "call", builtin.CALL_CUES)
    entries += _entries("cue", "event", builtin.EVENT_CUES)
    entries += _entries("application", "", builtin.APPLICATION_WORDS)
    entries += _entries("deadline", "", builtin.DEADLINE_PHRASES)
    entries += _entries("deadline", "after-date", builtin.DEADLINE_AFTER_DATE_PHRASES)
    entries += _entries("deadline", "tight", builtin.DEADLINE_TIGHT_PHRASES)
    entries += _entries("deadline", "past", builtin.DEADLINE_PAST_PHRASES)
    entries += _entries("deadline", "field", builtin.DEADLINE_FIELD_PHRASES)
    entries += _entries("window", "", builtin.WINDOW_PHRASES)
    entries += _entries("published", "", builtin.PUBLICATION_PHRASES)
    entries += _entries("extension", "", builtin.DEADLINE_EXTENSION_PHRASES)
    entries += _entries("not-deadline", "", builtin.NOT_DEADLINE_PHRASES)
    entries += _entries("registration", "", builtin.REGISTRATION_WORDS)
    entries += _entries("submission", "call", builtin.SUBMISSION_CALL_PHRASES)
    entries += _entries("contribution", "", builtin.CONTRIBUTION_WORDS)
    entries += _entries("not-contribution", "", builtin.NOT_CONTRIBUTION_PHRASES)
    entries += _entries("participation", "", builtin.PARTICIPATION_CALL_PHRASES)
    entries += _entries("selection", "", builtin.SELECTION_WORDS)
    entries += _entries("open-to-all", "", builtin.OPEN_TO_ALL_PHRASES)
    entries += _entries("consultancy", "", builtin.CONSULTANCY_PHRASES)
    entries += _entries("vacancy", "", builtin.VACANCY_PHRASES)
    entries += _entries("group", "", builtin.GROUP_WORDS)
    entries += _entries("not-a-call", "", builtin.NOT_A_CALL_PHRASES)
    entries += _entries("event-past", "", builtin.EVENT_PAST_PHRASES)
    entries += _entries("former", "", builtin.FORMER_ROUND_PHRASES)
    entries += _entries("former-deadline", "", builtin.FORMER_DEADLINE_PHRASES)
    entries += _entries("schedule", "", builtin.SCHEDULE_WORDS)
    entries += _entries("closed", "", builtin.CLOSED_PHRASES)
    entries += _entries("forthcoming", "", builtin.FORTHCOMING_PHRASES)
    entries += _entries("rolling", "", builtin.ROLLING_PHRASES)
    entries += _entries("not-rolling", "", builtin.NOT_ROLLING_PHRASES)
    entries += _entries("opens", "", builtin.OPENS_PHRASES)
    for milestone, phrases in builtin.MILESTONE_PHRASES:
        entries += _entries("milestone", milestone, phrases)
    entries += _entries("online", "", builtin.ONLINE_PHRASES)
    entries += _entries("onsite", "", builtin.ONSITE_PHRASES)
    entries += _entries("hybrid", "", builtin.HYBRID_PHRASES)
    for tag, phrases in (*builtin.TOPICS, *rules.topics):
        entries += _entries("topic", tag, phrases)
    return _Matcher(entries)


@dataclass(frozen=True)
class _Text:
    """A text, its folded form, the phrases found in it and its topic tags."""

    original: str
    folded: str
    #: Every phrase found but topic phrases, in the order found.
    hits: tuple[_Hit, ...]
    topics: frozenset[str]
    #: The same hits by category, each list in the order found.
    by_category: dict[str, list[_Hit]]

    @classmethod
    def of(cls, text: str, matcher: _Matcher) -> _Text:
        folded = fold(text)
        found, topics = matcher.hits(text, folded)
        hits = tuple(_without_false_friends(found))
        by_category: dict[str, list[_Hit]] = {}
        for hit in hits:
            by_category.setdefault(hit.entry.category, []).append(hit)
        return cls(text, folded, hits, frozenset(topics), by_category)

    def dates_in(self, start: int, end: int) -> list[DateMatch]:
        """The date phrases within original[start:end], at their places in the text."""
        return [
            DateMatch(start + m.start, start + m.end, m.text)
            for m in find_dates(self.original[start:end])
        ]

    def of_category(self, category: str, value: str | None = None) -> list[_Hit]:
        listed = self.by_category.get(category)
        if not listed:
            return []
        if value is None:
            return list(listed)
        return [h for h in listed if h.entry.value == value]


@lru_cache(maxsize=2048)
def _category_topics(category: str, matcher: _Matcher) -> frozenset[str]:
    """The topic tags one category names: feeds repeat the same few on many items.

    No phrase spans two categories (a phrase's words are joined only by spaces,
    hyphens and apostrophes), so each is read on its own.
    """
    return _Text.of(category, matcher).topics


#: Categories of phrases that only look like a kind or deadline phrase, and what they hide.
_GUARDS = {
    "not-kind": ("strong", "weak"),
    "not-news": ("news",),
    "not-contribution": ("contribution",),
    "not-deadline": ("deadline",),
    "not-rolling": ("rolling",),
}
_GUARDED = frozenset(category for hidden in _GUARDS.values() for category in hidden)


def _without_false_friends(hits: list[_Hit]) -> list[_Hit]:
    """Drop kind and deadline hits covered by a phrase that only looks like one."""
    blocked = [
        (h.start, h.end, _GUARDS[h.entry.category]) for h in hits if h.entry.category in _GUARDS
    ]
    if not blocked:
        return hits
    return [
        h
        for h in hits
        if h.entry.category not in _GUARDED
        or not any(
            h.entry.category in categories and h.start < end and start < h.end
            for start, end, categories in blocked
        )
    ]


#: Block tags and line breaks, which must leave a space between the words they separate.
_BLOCK_TAG = re.compile(
    r"<(?=(?:br|/?(?:p|div|li|ul|ol|h[1-6]|tr|dd|dt|blockquote))\b)", re.IGNORECASE
)
#: Table cells: their words stay apart but on one line ("Deadline 15 April 2027").
_CELL_TAG = re.compile(r"<(?=/?(?:td|th)\b)", re.IGNORECASE)
#: A table row's last cell: its row ends there. (A mark between rows would be moved
#: out of the table by the HTML parser, so it goes inside the cell.)
_ROW_END = re.compile(r"(?=</t[dh]>\s*</tr\b)", re.IGNORECASE)
#: Marks a block's end through html_to_text, which folds every space: a line break after.
_LINE = "\u241e"


def _plain(text: str) -> str:
    """The text's words, a line per paragraph, list item, table row or line break: a
    line's end ends a sentence ("Published: 1 March" is not the next line's deadline)."""
    if not text:
        return ""
    if "<" in text:
        marked = text.replace("\n", " ")
        if "</t" in marked:
            marked = _ROW_END.sub(f" {_LINE}", marked)
        marked = _CELL_TAG.sub(" <", _BLOCK_TAG.sub(f" {_LINE}<", marked))
        return _lines(html_to_text(marked, blocks=False).replace(_LINE, "\n"))
    if "&" in text:
        text = html_to_text(text.replace("\n", f" {_LINE} "), blocks=False).replace(_LINE, "\n")
    return _lines(text)


def _lines(text: str) -> str:
    return "\n".join(folded for line in text.splitlines() if (folded := " ".join(line.split())))


# --- kind ----------------------------------------------------------------------------


def _kind(
    source: Source, title: _Text, body: _Text, summary_end: int, year: int
) -> tuple[Kind, str, float]:
    """The kind, why, and how sure (0 to 1)."""
    if source.kind is not None:
        return source.kind, "source kind", 0.95
    for text in (title, body):
        refusal = text.of_category("not-a-call")
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
    if news:
        return "news", _reason("title", news[0]), 0.9
    opinion = _OPINION_LABEL.match(title.folded)
    if opinion:
        # "Tribune – Appel d'offres pour les centres d'achat d'or : une occasion manquée ?"
        return "news", f'title: "{opinion.group("label")}" (an opinion piece)', 0.85
    vacancy = title.of_category("vacancy")
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
    call_cue = bool(body.of_category("cue", "call") or body.of_category("deadline"))
    announced = bool(title.of_category("forthcoming") or body.of_category("forthcoming"))
    for strength, sure in (("strong", 0.9), ("weak", 0.7)):
        found = [
            h
            for h in title.of_category(strength)
            if (
                h.entry.value == "event"
                and not _launch_verb(title, h)
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
    cues = {h.entry.value for h in body.of_category("cue")}
    if body.of_category("deadline") or title.of_category("deadline"):
        cues.add("call")
    found = [
        h
        for h in body.of_category("strong")
        if h.entry.value in cues or (h.entry.value == "call" and _announced_with(body, h))
    ]
    if found:
        first = min(found, key=lambda h: h.start)
        where = "summary" if first.start < summary_end else "content"
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
_LOOSE_VACANCY_WORDS = frozenset(
    {"buscamos", "se busca", "associate", "stage", "poste de", "intern"}
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
        # "la dernière édition avait été organisée à Kolwezi": an earlier edition's story
        past = [
            hit
            for hit in text.of_category("event-past")
            if not _about_former(text, _sentence_bounds(text, hit.start, hit.end))
        ]
        if past:
            return f'"{past[0].entry.phrase}"'
    return ""


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
    """The first words that ask for applications, proposals or offers, and where."""
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


def _reason(where: str, hit: _Hit) -> str:
    return f'{where}: "{hit.entry.phrase}"'


# --- deadline ----------------------------------------------------------------------


class _DateReader(NamedTuple):
    """How to read the dates of one item."""

    language: str | None
    date_order: str | None
    reference: datetime
    #: The earliest and latest day a deadline can be.
    window: tuple[date, date]


class _Dated(NamedTuple):
    """A date read after a deadline (or milestone) phrase."""

    day: date
    phrase: str
    extension: bool
    #: The milestone its sentence names before it ("concept notes", "questions"), if any.
    milestone: KeyDateKind | None
    #: Which text (0 the title, 1 the summary and content), and where the date starts.
    text: int
    start: int
    sentence: tuple[int, int]
    #: The first day of the window the date closes ("du 5 janvier au 20 février"), if any.
    opens: date | None = None


#: Milestones whose date is never the deadline: they do not close the call.
_NOT_BINDING: frozenset[str] = frozenset(
    {"information-session", "questions", "results", "start", "event"}
)


def _deadline_dates(
    texts: tuple[_Text, ...], read: _DateReader, *, registration_only: bool = False
) -> list[_Dated]:
    """Every date written after a deadline phrase, in text order (extensions first)."""
    found: list[_Dated] = []
    seen: set[tuple[int, int]] = set()
    categories = ("extension", "deadline") if registration_only else _DEADLINE_CATEGORIES
    for category in categories:
        for index, text in enumerate(texts):
            for hit in sorted(text.of_category(category), key=lambda h: h.start):
                if registration_only and not _about_registration(text, hit):
                    continue
                extension = category == "extension"
                opens = None
                if category == "window":
                    window = _window_after(text, hit, read)
                    got = window[1:] if window is not None else None
                    opens = window[0] if window is not None else None
                else:
                    got = _date_after(text, hit, read, last=extension)
                if got is None and hit.entry.value == "after-date":
                    got = _date_before(text, hit, read)
                if got is None and category == "deadline" and hit.entry.phrase in _NAMES_DATE:
                    got = _date_after_is(text, hit, read)
                if got is None and category in ("deadline", "extension"):
                    got = _weekday_after(text, hit, read)
                if got is None:
                    continue
                day, phrase, start, sentence = got
                if (index, start) in seen or _about_former(text, sentence):
                    continue
                if any(hit.end <= h.start < start for h in text.of_category("published")):
                    continue  # "plazos / Fecha de publicación: 03-11-2025": the notice's day
                if not extension and _about_former(text, sentence, "former-deadline"):
                    continue  # "el cierre original estaba fijado para el 16 de diciembre"
                seen.add((index, start))
                # the milestone named since the date before this one (before the window's
                # name for a window), in its sentence
                before = hit.start if opens is not None else start
                earlier = text.dates_in(sentence[0], before)
                milestone = _milestone(text, earlier[-1].end if earlier else sentence[0], start)
                found.append(
                    _Dated(day, phrase, extension, milestone, index, start, sentence, opens)
                )
    return found


#: Words that put a deadline's weekday after today, never on it.
_AHEAD = frozenset({"next", "coming", "proximo", "prochain"})


def _weekday_after(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """A weekday named as the deadline right after its phrase, near publication."""
    match = _WEEKDAY_DEADLINE.match(text.original, hit.end)
    if match is None or match.end() - hit.end > DEADLINE_WINDOW:
        return None
    # "el próximo miércoles" said on a Wednesday is a week on; "este miércoles", today
    ahead = bool(set(fold(match.group("this")).split()) & _AHEAD)
    today = read.reference.date()
    day = _next_weekday(match.group("weekday"), None, today, strict=ahead)
    if day is None or not read.window[0] <= day <= read.window[1]:
        return None
    sentence = _sentence_bounds(text, hit.start, match.end())
    phrase = _phrase(text, sentence[0], hit.start, match.end())
    return day, phrase, match.start("this"), sentence


#: Deadline phrases that name a date, which a long subject may part from its verb:
#: "The deadline for submission of initial proposals, with a title and an abstract of
#: at most 400 words, is July 12."
_NAMES_DATE = frozenset(
    {
        "deadline",
        "closing date",
        "submission deadline",
        "application deadline",
        "date limite",
        "date de clôture",
        "fecha límite",
        "fecha de cierre",
        "plazo",
    }
)
#: How far after such a phrase its "is <date>" may stand, in the same sentence.
_NAMES_DATE_REACH = 160
#: The verb that gives the date: "is", "est", "es", "será", "will be" (and an article).
_IS_DATE = re.compile(
    r"\s(?:is|will\s+be|est\s+(?:fix[ée]e?\s+(?:au|le)|le)|sera\s+le|es\s+el|ser[áa]\s+el|vence\s+el)"
    r"\s+(?:(?:on\s+)?(?:the\s+)?)",
    re.IGNORECASE,
)


def _date_after_is(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    """The date after "is" that ends a deadline's sentence, past a long subject."""
    original = text.original
    stop = _SENTENCE_END.search(original, hit.end, hit.end + _NAMES_DATE_REACH)
    end = stop.start() if stop else min(len(original), hit.end + _NAMES_DATE_REACH)
    for verb in _IS_DATE.finditer(original, hit.end, end):
        found = text.dates_in(verb.end(), end + 1)
        if found and found[0].start == verb.end():
            day = _deadline_date(found[0].text, read)
            if day is not None:
                sentence = _sentence_bounds(text, hit.start, hit.end)
                phrase = _phrase(text, sentence[0], hit.start, found[0].end)
                return day, phrase, found[0].start, (sentence[0], max(sentence[1], end))
        break  # the first verb is the sentence's; a later one belongs to another clause
    return None


#: Where deadlines are read from, in order: an extension's new date first, then the
#: end of a window of dates, then a date after a deadline phrase.
_DEADLINE_CATEGORIES = ("extension", "window", "deadline")

#: Words that may stand between a window's name and its first date.
_WINDOW_WORDS = (
    "will|be|are|is|open|opened|opens|accepted|received|taken|online|period|window|the|on"
    "|sera|seront|est|sont|ouverte?s?|ouverts?|accept[ée]e?s|re[çc]ue?s|en|ligne|p[ée]riode"
    "|la|las|los|el|le|les|des|de|plateforme|plataforma|podr[áa]n|pueden|presentarse"
    "|postularse|se|recibir[áa]n?|reciben|estar[áa]n?|abiert[oa]s?|l[íi]nea|per[íi]odo"
)
#: What leads from a window's name to its first date: "Submission window:", "sera
#: ouverte du", "podrán presentarse entre el", "(en el SEACE): del", "1° etapa:".
_WINDOW_LEAD = re.compile(
    r"[\s:|\-–,]*(?:\([^()]{0,40}\)[\s:|\-–,]*)?"
    r"(?:(?:\d{1,2}\s*(?:°|º|ª|er|re|e|st|nd|rd|th)?\s*(?:etapa|fase|phase|[ée]tape|stage)"
    r"|(?:etapa|fase|phase|[ée]tape|stage)\s*\d{1,2})[\s:|\-–,]*)?"
    rf"(?:(?:{_WINDOW_WORDS})\s+){{0,4}}"
    r"(?:(?:from|between|du|del|entre|desde|a\s+partir\s+du?)\s+(?:(?:the|le|el)\s+)?)?",
    re.IGNORECASE,
)
#: What joins a window's two dates, a time of day and its zone allowed after the first:
#: " - ", " au ", " al ", " y el ", ", 12h00 (CEST) au ".
_WINDOW_JOIN = re.compile(
    r"(?:[\s,]*(?:(?:à|a\s+las|at)\s+)?\d{1,2}\s*[:h.]\s*\d{2}\s*"
    r"(?:h|hrs?|heures?|horas|a\.?m\.?|p\.?m\.?)?\s*(?:\([^()]{0,20}\)|(?-i:[A-Z]{2,4}))?)?"
    r"\s*(?:-|–|—|to|through|until|till|au|al|à|a|hasta(?:\s+el)?|jusqu'au|y(?:\s+el)?|and"
    r"|et(?:\s+le)?)\s*",
    re.IGNORECASE,
)
#: A window longer than this is no application period (a project's years).
_WINDOW_MOST = timedelta(days=400)


def _window_after(
    text: _Text, hit: _Hit, read: _DateReader
) -> tuple[date, date, str, int, tuple[int, int]] | None:
    """The first and last day of a range of dates right after a window's name, the
    words read, where the last date starts and its sentence ("Submission window: 1 May
    2026 - 30 November 2026", "del 2 al 20 de mayo de 2027")."""
    original = text.original
    if _DIGIT.search(original, hit.end, hit.end + DEADLINE_WINDOW) is None:
        return None
    lead = _WINDOW_LEAD.match(original, hit.end)
    at = lead.end() if lead else hit.end
    if at - hit.end > DEADLINE_WINDOW:
        return None
    days = _DAY_RANGE.match(original, at)
    if days is not None:
        month, year = days.group("month"), days.group("year") or ""
        last = _deadline_date(f"{days.group('d2')} {month} {year}", read)
        first = _same_month(last, int(days.group("d1")))
        last_start, last_end = days.start("d2"), days.end()
    else:
        found = text.dates_in(at, at + DEADLINE_WINDOW + 40)
        if len(found) < 2 or found[0].start != at:
            return None
        if not _WINDOW_JOIN.fullmatch(original, found[0].end, found[1].start):
            return None
        last = _deadline_date(found[1].text, read)
        if last is None:
            return None
        # a first date without its year is in the window's last year, on or before it
        first = parse_date(
            found[0].text,
            language=read.language,
            date_order=read.date_order,
            relative_to=datetime(last.year, last.month, last.day, 12, tzinfo=read.reference.tzinfo),
            prefer="past",
        )
        last_start, last_end = found[1].start, found[1].end
    if first is None or last is None or not first <= last <= first + _WINDOW_MOST:
        return None
    sentence = _sentence_bounds(text, hit.start, last_end)
    return first, last, _phrase(text, sentence[0], hit.start, last_end), last_start, sentence


def _about_former(text: _Text, sentence: tuple[int, int], category: str = "former") -> bool:
    """A sentence about an earlier round or edition ("le précédent appel s'était clôturé"),
    or, with category "former-deadline", about a deadline an extension replaced."""
    begin, end = sentence
    # the sentence may open further back than the bounds look: "Last year's call for
    # proposals attracted 118 applications, and the deadline of 15 January 2026 …"
    begin = _full_sentence_start(text, begin)
    return any(begin <= h.start < end for h in text.of_category(category))


#: How far back a sentence's own start is looked for, past the near bounds.
_SENTENCE_REACH = 300


def _full_sentence_start(text: _Text, begin: int) -> int:
    """Where the sentence holding `begin` starts, looking back at most _SENTENCE_REACH."""
    last = None
    earliest = max(0, begin - _SENTENCE_REACH)
    # endpos one past `begin`: the look-ahead for a capital must see it
    for last in _SENTENCE_END.finditer(text.original, earliest, begin + 1):  # noqa: B007
        pass
    return min(begin, last.end()) if last else earliest


def _milestone(text: _Text, begin: int, date_start: int) -> KeyDateKind | None:
    """The milestone named nearest before a date in its sentence."""
    named = [h for h in text.of_category("milestone") if begin <= h.start < date_start]
    if not named and any(begin <= h.start < date_start for h in text.of_category("registration")):
        return "registration"
    if not named:
        return None
    return _as_milestone(max(named, key=lambda h: h.start).entry.value)


def _as_milestone(value: str) -> KeyDateKind:
    for kind in _MILESTONES:
        if kind == value:
            return kind
    return "other"


_MILESTONES: tuple[KeyDateKind, ...] = (
    "concept-note",
    "full-proposal",
    "information-session",
    "questions",
    "results",
    "start",
    "event",
    "registration",
    "other",
)


def _choose_deadline(dated: list[_Dated], today: date) -> _Dated | None:
    """The first binding closing date: an extension's new date, else the earliest to come."""
    binding = [d for d in dated if d.milestone not in _NOT_BINDING]
    if not binding:
        return None
    extended = [d for d in binding if d.extension]
    if extended:
        return extended[0]
    ahead = [d for d in binding if d.day >= today]
    if ahead:
        return min(ahead, key=lambda d: (d.day, d.text, d.start))
    return max(binding, key=lambda d: d.day)


@dataclass(frozen=True)
class _CallFacts:
    """What the text says of a call besides its kind."""

    deadline: date | None = None
    phrase: str | None = None
    extended: bool = False
    status: CallStatus | None = None
    status_reason: str | None = None
    opens: date | None = None
    key_dates: tuple[KeyDate, ...] = ()


def _call_facts(
    texts: tuple[_Text, ...],
    read: _DateReader,
    dated: list[_Dated],
    chosen: _Dated | None,
    today: date,
) -> _CallFacts:
    opens = _opens(texts, read, chosen.day if chosen is not None else None)
    if opens is None and chosen is not None and chosen.milestone != "registration":
        # "Submission window: 1 May 2026 - 30 November 2026"; a tender's registration of
        # bidders ("Registro de participantes: del 05/05 al 19/05") is a step of a call
        # already convened, not the day it opens
        opens = chosen.opens
    others = [d for d in dated if chosen is None or d is not chosen]
    if chosen is not None and chosen.extension:
        # the date it replaces is history, not a milestone
        begin, end = chosen.sentence
        others = [d for d in others if not (d.text == chosen.text and begin <= d.start < end)]
    if chosen is not None:
        others = [d for d in others if d.day != chosen.day]
    key_dates: set[tuple[str, date]] = {(d.milestone or "other", d.day) for d in others}
    key_dates |= _milestone_dates(texts, read, {d.day for d in dated})
    if opens is not None:
        key_dates = {k for k in key_dates if k[1] != opens}
    deadline = chosen.day if chosen is not None else None
    # "el número se publicará en julio", after "hasta el 15 de enero": a later step's
    # future tense, not the call's
    later = chosen.sentence[1] if chosen is not None and chosen.text == 1 else None
    status, reason = _status(texts, deadline, opens, today, later_from=later)
    if status == "forthcoming" and deadline is not None and deadline < today:
        # a call not open yet cannot have closed: the date is an earlier round's
        chosen, deadline = None, None
        key_dates = {k for k in key_dates if k[1] >= today}
    return _CallFacts(
        deadline=deadline,
        phrase=chosen.phrase if chosen is not None else None,
        extended=chosen is not None and chosen.extension,
        status=status,
        status_reason=reason,
        opens=opens,
        key_dates=tuple(
            KeyDate(_as_milestone(what), day) for what, day in sorted(key_dates, key=lambda k: k[1])
        ),
    )


def _as_key_dates(dated: list[_Dated], what: KeyDateKind) -> tuple[KeyDate, ...]:
    return tuple(KeyDate(what, day) for day in sorted({d.day for d in dated}))


def _milestone_dates(
    texts: tuple[_Text, ...], read: _DateReader, known: set[date]
) -> set[tuple[str, date]]:
    """Dates written right after a milestone's name ("information session: 10 April")."""
    found: set[tuple[str, date]] = set()
    for text in texts:
        for hit in text.of_category("milestone"):
            got = _date_after(text, hit, read)
            if got is not None and got[0] not in known:
                found.add((hit.entry.value, got[0]))
    return found


def _opens(texts: tuple[_Text, ...], read: _DateReader, deadline: date | None) -> date | None:
    """The day applications open: not a results or start date, never after the deadline."""
    for text in texts:
        for hit in sorted(text.of_category("opens"), key=lambda h: h.start):
            if _about_results(text, hit):
                continue  # "notification will be made from 31 July"
            got = _date_after(text, hit, read)
            if got is not None and (deadline is None or got[0] <= deadline):
                return got[0]
    return None


def _status(
    texts: tuple[_Text, ...],
    deadline: date | None,
    opens: date | None,
    today: date,
    *,
    later_from: int | None = None,
) -> tuple[CallStatus, str]:
    """`later_from`: where the text, past the deadline's sentence, tells of later steps."""
    title, body = texts
    if deadline is None or deadline < today:
        later_from = None
    for where, text in (("title", title), ("summary", body)):
        closed = text.of_category("closed")
        if closed:
            return "closed", _reason(where, closed[0])
    field = _status_field(body)
    if field is not None:
        return field
    if opens is not None and opens > today:
        return "forthcoming", f"opens {opens.isoformat()}"
    for where, text in (("title", title), ("summary", body)):
        for hit in text.of_category("forthcoming"):
            if where == "summary" and (_about_results(text, hit) or _about_schedule(text, hit)):
                continue
            if where == "summary" and later_from is not None and hit.start >= later_from:
                continue
            return "forthcoming", _reason(where, hit)
    if deadline is not None:
        if deadline < today:
            return "closed", "deadline passed"
        return "open", "deadline given"
    for where, text in (("title", title), ("summary", body)):
        rolling = text.of_category("rolling")
        if rolling:
            return "rolling", _reason(where, rolling[0])
    return "rolling", "no deadline given"


#: A listing's status field and its value: "Estado: Cerrada", "Status: Awarded",
#: "Statut : attribué", "Last Known Status: Deleted 05/22/2026 (Archived.)". Each word's
#: first letter comes first (then "no letter before it"): the pattern is tried only at
#: an "e" or an "s", not at every character of the text.
_STATUS_FIELD = re.compile(
    r"(?:e(?<!\we)(?:stado|tat)|s(?<!\ws)(?:tatus|tatut))"
    r"(?:\s+(?:de\s+la\s+convocatoria|del\s+proceso"
    r"|de\s+l'appel|du\s+marche|of\s+the\s+call|of\s+the\s+tender|actual))?"
    r"\s*[:|]\s*(?P<first>[a-z]+)(?P<second>\s+[a-z]+)?"
)
#: What ends a field's one-word value: the end of the text, a line, a cell or a clause,
#: a number ("Deleted 05/22/2026"), or the capitalised label of the next field.
_FIELD_VALUE_END = re.compile(r"[^\S\n]*(?:$|\n|[^\w\s'’-]|\d|[A-ZÀ-Ý])")
#: What a status field's value says of the call (folded words); None: it is open, and
#: the dates decide.
_STATUS_VALUES: dict[str, CallStatus | None] = {
    **dict.fromkeys(
        (
            "closed", "archived", "deleted", "awarded", "cancelled", "canceled", "expired",
            "cerrada", "cerrado", "finalizada", "finalizado", "vencida", "vencido",
            "adjudicada", "adjudicado", "desierta", "desierto", "cancelada", "en evaluacion",
            "cloture", "cloturee", "clos", "close", "ferme", "fermee", "attribue", "attribuee",
            "termine", "terminee", "annule", "annulee", "expire", "expiree",
        ),
        "closed",
    ),
    **dict.fromkeys(
        ("forthcoming", "upcoming", "proximamente", "por abrir", "a venir", "prochainement"),
        "forthcoming",
    ),
    **dict.fromkeys(
        (
            "open", "active", "published", "abierta", "abierto", "vigente", "publicada",
            "publicado", "en curso", "ouvert", "ouverte", "en cours", "publie", "publiee",
        ),
        None,
    ),
}  # fmt: skip


def _status_field(body: _Text) -> tuple[CallStatus, str] | None:
    """The status a listing's field gives ("Estado: Cerrada"), if it says closed or
    not yet open; "Estado: Publicada", "Status: Open" leave the dates to decide.

    A field is a label of its own: capitalised or first on its line ("Status: Closed"),
    not a word of a sentence ("describe your site's current status: close to a river"),
    and its value is whole: "close to", "closed-loop", "fermé ou ouvert" are no value.
    The first field with a value decides, so an open round's "Status: Open" is not
    closed by the earlier round's "Status: Closed" below it."""
    for match in _STATUS_FIELD.finditer(body.folded):
        start = match.start()
        line_start = body.original.rfind("\n", 0, start) + 1
        if not body.original[start].isupper() and body.original[line_start:start].strip():
            continue
        first, second = match.group("first"), match.group("second")
        end = match.end()
        words = f"{first} {second.strip()}" if second else ""
        if words not in _STATUS_VALUES:
            words, end = first, match.end("first")
            if not _FIELD_VALUE_END.match(body.original, end):
                continue
        if words not in _STATUS_VALUES:
            continue
        value = _STATUS_VALUES[words]
        if value is None:
            return None
        said = body.original[start:end]
        return value, f'summary: "{" ".join(said.split())}"'
    return None


def _about_schedule(text: _Text, hit: _Hit) -> bool:
    """ "The schedule will be published with the final documents": not the call's tense."""
    begin, end = _sentence_bounds(text, hit.start, hit.end)
    return any(begin <= h.start < end for h in text.of_category("schedule"))


def _about_results(text: _Text, hit: _Hit) -> bool:
    """ "Results will be published in June": the future tense is not the call's."""
    begin, end = _sentence_bounds(text, hit.start, hit.end)
    return any(
        begin <= h.start < end and h.entry.value in _NOT_BINDING
        for h in text.of_category("milestone")
    )


# --- numeric dates ---------------------------------------------------------------------

#: 12/07/2027, 12.07.2027, 12-07-2027: the two numbers and the separator.
#: The first digit comes first, and what may not stand before it is checked after it:
#: a pattern that opens with a digit is tried only at digits, not at every character.
_NUMERIC_DATE = re.compile(r"(\d(?<![\d/.]\d)\d?)([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/])")
#: Words of a text written in the United States, where dates are month first.
_US_CUES = re.compile(
    r"\b(?:E[SD]?T|P[SD]?T|C[SD]T|Eastern Time|Pacific Time|U\.S\.|USAID|United States)\b"
)


def _date_order(language: str | None, text: str) -> str | None:
    """How an English text writes numeric dates, from the text itself.

    French and Spanish write the day first (the default for them). English
    written in Africa, Europe and Latin America does too; the United States
    writes the month first. A number over 12 or a dotted date tells; else
    US words ("EST", "USAID"); else words-dates ("June 30" against "30 June");
    else the day first.
    """
    if language != "en":
        return None
    numeric = _NUMERIC_DATE.findall(text)
    if not numeric:
        return None  # no numeric date to read: the order does not matter
    for first, separator, second in numeric:
        if int(first) > 12 >= int(second) or separator == ".":
            return "DMY"
        if int(second) > 12 >= int(first):
            return "MDY"
    if _US_CUES.search(text):
        return "MDY"
    month_first = day_first = 0
    for match in near_digits(DATE_PATTERN, text):
        month_first += match.group("md_d") is not None
        day_first += match.group("dm_d") is not None
    return "MDY" if month_first > day_first else "DMY"


# --- event dates ---------------------------------------------------------------------


def _event_dates(
    texts: tuple[_Text, ...], read: _DateReader, registration: list[_Dated]
) -> EventDates | None:
    """The first and last day of an event, from its first date still to come."""
    today = read.reference.date()
    skip = {(d.text, d.start) for d in registration}
    spans: list[tuple[date, date]] = []
    told_past: set[tuple[date, date]] = set()
    for index, text in enumerate(texts):
        for start, first, last in _date_spans(text, read):
            if (index, start) in skip or _in_registration(text, start):
                continue
            if index == 1 and start < DATELINE_CHARS and first == today:
                continue  # a dateline: "Lubumbashi, 2 juin – …"
            if _in_past_sentence(text, start) or _about_former(
                text, _sentence_bounds(text, start, start + 1)
            ):
                # "el foro, celebrado del 4 al 6 de noviembre": a recap's dates, even
                # when a year-less date reads as next year's
                told_past.add((first, last))
                continue
            spans.append((first, last))
    spans = [span for span in spans if span not in told_past]
    if not spans:
        return None
    ahead = [span for span in spans if span[1] >= today]
    first, last = ahead[0] if ahead else spans[0]
    first, last = _widened(first, max(first, last), spans)
    return EventDates(start=first, end=last, online=_online(texts))


def _widened(first: date, last: date, spans: list[tuple[date, date]]) -> tuple[date, date]:
    """The event's days widened to every span of dates that overlaps them: "main sessions
    on 5 and 6 May, with partner-led sessions the same week, 4-7 May" runs 4-7 May."""
    grown = True
    while grown:
        grown = False
        for begin, end in spans:
            end = max(begin, end)
            if begin <= last and end >= first and (begin < first or end > last):
                first, last, grown = min(first, begin), max(last, end), True
    return first, last


#: How near a date the words telling of the gathering in the past must stand: before
#: it ("celebrado del 4 al 6", "tenues du 14 au 17 avril") or after it ("23 y 24 de
#: julio se realizó").
_PAST_BEFORE = 40
_PAST_AFTER = 60


def _in_past_sentence(text: _Text, start: int) -> bool:
    """A date told of in the past tense ("was held on", "se realizó"), in a sentence
    that does not also announce a gathering ("will take place")."""
    past = text.of_category("event-past")
    if not past:
        return False
    original = text.original
    near = False
    for hit in past:
        if start - _PAST_BEFORE <= hit.end <= start:
            # "celebrada en 2025, la feria vuelve del 3 al 5 de junio": another date between
            near = near or not _DIGIT.search(original, hit.end, start)
        elif start < hit.start <= start + _PAST_AFTER:
            near = near or not _SENTENCE_END.search(original, start, hit.start)
    if not near:
        return False
    begin, end = _sentence_bounds(text, start, start + 1)
    return not any(begin <= h.start < end for h in text.of_category("cue", "event"))


def _in_registration(text: _Text, start: int) -> bool:
    """A date in a sentence about registration or a deadline, before it."""
    begin = max(0, start - 80)
    for category in ("registration", "deadline"):
        for hit in text.of_category(category):
            if begin <= hit.start < start:
                sentence_start, _ = _sentence_bounds(text, hit.start, hit.end)
                # endpos one past `start`: the look-ahead for a capital must see it
                stop = _SENTENCE_END.search(text.original, hit.end, start + 1)
                if stop is None and sentence_start <= hit.start:
                    return True
    return False


def _date_spans(text: _Text, read: _DateReader) -> list[tuple[int, date, date]]:
    """Each date or range of dates in a text: where it starts, its first and last day."""
    spans: list[tuple[int, date, date]] = []
    covered: list[tuple[int, int]] = []
    # an event's dates stand near the start: reading them further costs more than it finds
    original = text.original[:EVENT_DATES_CHARS]
    starts = date_starts(original)  # the same places for the three patterns
    for match in near_digits(_DAY_RANGE, original, starts):
        month, year = match.group("month"), match.group("year") or ""
        last = _read_day(f"{match.group('d2')} {month} {year}", read)
        # "23 y 24 de julio": the last day reads as written, the first is in its month
        first = _same_month(last, int(match.group("d1")))
        if first is not None and last is not None and first <= last:
            spans.append((match.start(), first, last))
            covered.append(match.span())
    for match in near_digits(_MONTH_RANGE, original, starts):
        month, year = match.group("month"), match.group("year") or ""
        first = _read_day(f"{month} {match.group('d1')} {year}", read)
        last = _read_day(f"{month} {match.group('d2')} {year}", read)
        if first is not None and last is not None and first <= last:
            spans.append((match.start(), first, last))
            covered.append(match.span())
    singles = [
        m for m in find_dates(original, starts) if not any(a <= m.start < b for a, b in covered)
    ]
    used: set[int] = set()
    for position, single in enumerate(singles):
        if position in used:
            continue
        day = _read_day(single.text, read)
        if day is None:
            continue
        last = day
        if position + 1 < len(singles):
            following = singles[position + 1]
            if _RANGE_JOIN.fullmatch(original, single.end, following.start):
                end_day = _read_day(following.text, read)
                if end_day is not None and day <= end_day <= day + timedelta(days=62):
                    last = end_day
                    used.add(position + 1)
        spans.append((single.start, day, last))
    taken = covered + [(m.start, m.end) for m in singles]
    for match in _RELATIVE_WEEKDAY.finditer(original):
        if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in taken):
            continue
        days = _relative_days(match, read.reference.date())
        if days is not None:
            spans.append((match.start(), *days))
    for match in _SINCE_YESTERDAY.finditer(original):
        # "le Géoforum se tient depuis hier": under way, begun the day before the post
        today = read.reference.date()
        spans.append((match.start(), today - timedelta(days=1), today))
    for match in _TOMORROW.finditer(original):
        # "le SAEMAPE ouvre demain un atelier": the day after the post
        tomorrow = read.reference.date() + timedelta(days=1)
        spans.append((match.start(), tomorrow, tomorrow))
    spans.sort(key=lambda span: span[0])
    return spans


#: A gathering under way since the day before its post.
_SINCE_YESTERDAY = re.compile(r"\b(?:depuis\s+hier|since\s+yesterday|desde\s+ayer)\b", re.I)
#: A gathering held the day after its post: "ouvre demain", "opens tomorrow", "inicia
#: mañana" (not "après-demain", nor "la mañana", the morning).
_TOMORROW = re.compile(
    r"(?<![\w-])(?:demain|tomorrow|(?<!la\s)(?<!una\s)(?<!esta\s)ma[ñn]ana)\b", re.I
)


def _same_month(day: date | None, number: int) -> date | None:
    """The day `number` of `day`'s month, if there is one."""
    if day is None:
        return None
    try:
        return day.replace(day=number)
    except ValueError:
        return None


#: A year written in a date ("2027", "12/07/27").
_YEAR_WRITTEN = re.compile(r"\d{4}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2}")
#: A gathering's year-less date this far after publication is the last one before it:
#: an announcement that far ahead writes the year; a recap ("from Wednesday the 14th to
#: Thursday the 15th of October", posted in December) does not.
YEARLESS_EVENT_AHEAD = timedelta(days=300)


def _read_day(text: str, read: _DateReader) -> date | None:
    day = parse_date(
        text, language=read.language, date_order=read.date_order, relative_to=read.reference
    )
    if day is None:
        return None
    if day > read.reference.date() + YEARLESS_EVENT_AHEAD and not _YEAR_WRITTEN.search(text):
        day = parse_date(
            text,
            language=read.language,
            date_order=read.date_order,
            relative_to=read.reference,
            prefer="past",
        )
        if day is None:
            return None
    earliest = read.reference.date() - DEADLINE_PAST_LIMIT
    if not earliest <= day <= read.reference.date() + timedelta(days=3 * 366):
        return None
    return day


def _online(texts: tuple[_Text, ...]) -> bool | None:
    found = {
        category
        for text in texts
        for category in ("online", "onsite", "hybrid")
        if text.of_category(category)
    }
    if "hybrid" in found or {"online", "onsite"} <= found:
        return None
    return "online" in found


_MONTH_NAMES = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY_WORD = (
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|lundi|mardi|mercredi"
    r"|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado"
    r"|domingo)\.?,?\s+"
)
#: "2-4 May 2027", "du jeudi 24 au samedi 26 septembre", "del 2 al 4 de mayo de 2027",
#: "14 and 15 October", "25, 26 y 27 de noviembre", "10, 17 y 24 de junio",
#: "el viernes 4 y el sábado 5 de diciembre".
_DAY_RANGE = re.compile(
    rf"(?<![\w/.-])(?:{_WEEKDAY_WORD})?(?P<d1>\d{{1,2}})(?:st|nd|rd|th|er)?"
    rf"(?:\s*,\s*(?:{_WEEKDAY_WORD})?\d{{1,2}})*"
    rf"\s*(?:-|–|—|to|au|al|and|et|y|&|,)\s*(?:(?:the|el|le)\s+)?(?:{_WEEKDAY_WORD})?"
    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?"
    rf"(?P<month>{_MONTH_NAMES})\.?(?:,?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}}))?(?![\w])",
    re.IGNORECASE,
)
#: "May 2-4, 2027", "October 14 to 15".
_MONTH_RANGE = re.compile(
    rf"(?<![\w])(?P<month>{_MONTH_NAMES})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*"
    r"(?:-|–|—|to|through|and|&)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d/])"
    r"(?:,?\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: What joins two dates into a range: "30 June – 2 July", "du 30 juin au 2 juillet".
_RANGE_JOIN = re.compile(
    r"\s*(?:-|–|—|to|through|until|au|al|à|hasta el|hasta|jusqu'au)\s*", re.IGNORECASE
)


_WEEKDAY_NAMES = (
    ("monday", "lundi", "lunes"),
    ("tuesday", "mardi", "martes"),
    ("wednesday", "mercredi", "miercoles"),
    ("thursday", "jeudi", "jueves"),
    ("friday", "vendredi", "viernes"),
    ("saturday", "samedi", "sabado"),
    ("sunday", "dimanche", "domingo"),
)
#: Each weekday's name (folded) and its number, Monday 0.
_WEEKDAY_NUMBERS = {name: number for number, names in enumerate(_WEEKDAY_NAMES) for name in names}
_WEEKDAY_ALTERNATION = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi"
_WEEKDAY_ALTERNATION += r"|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|mi[eé]rcoles|jueves"
_WEEKDAY_ALTERNATION += r"|viernes|s[aá]bado|domingo)"
#: A gathering's day named by its weekday, near its publication: "ce vendredi et ce
#: samedi", "el próximo martes 28", "this Friday", "le mardi 28" (a weekday and a day
#: number, no month: the next such day).
_RELATIVE_WEEKDAY = re.compile(
    rf"(?<![\w])(?P<this>ce|cette|este|esta|this|next|coming|el\s+pr[oó]ximo|le\s+prochain"
    rf"|ce\s+prochain|desde\s+el|depuis\s+le|since|le|el|on)\s+(?P<w1>{_WEEKDAY_ALTERNATION})"
    r"(?:\s+(?P<d1>\d{1,2})(?:st|nd|rd|th|er)?)?"
    rf"(?:\s*(?:et|y|and|&|au|al|to|-|–)\s*(?:(?:ce|este|this|le|el)\s+)?"
    rf"(?P<w2>{_WEEKDAY_ALTERNATION})(?:\s+(?P<d2>\d{{1,2}}))?)?"
    rf"(?![\w/.-]|\s*,?\s*(?:de\s+|of\s+)?(?:\d|{_MONTH_NAMES}))",
    re.IGNORECASE,
)
#: How far ahead a weekday with its day number ("el próximo martes 28") is looked for.
_RELATIVE_WEEKDAY_AHEAD = 62

#: A deadline given as a weekday of this week or the next, right after its phrase, a
#: verb or two between: "cuyo plazo termina este miércoles", "closes this Friday",
#: "avant ce vendredi", "vence el próximo lunes".
_WEEKDAY_DEADLINE = re.compile(
    r"[\s,:]*(?:[^\W\d]+\s+){0,2}?"
    r"(?P<this>este|esta|this|ce|cette|next|coming|el\s+pr[oó]ximo|le\s+prochain"
    r"|ce\s+prochain)\s+(?P<weekday>" + _WEEKDAY_ALTERNATION + r")\b"
    r"(?!\s*,?\s*(?:\d|de\s+\w|of\s+\w))",
    re.IGNORECASE,
)


def _relative_days(match: re.Match[str], today: date) -> tuple[date, date] | None:
    """The first and last day a weekday phrase names, after `today`."""
    this = fold(match.group("this")).split()[0]
    if this in _SINCE:
        # "que se desarrolla desde el lunes 10", posted on Tuesday 11: under way since then
        began = _last_weekday(match.group("w1"), match.group("d1"), today)
        return None if began is None or match.group("w2") else (began, today)
    first = _next_weekday(match.group("w1"), match.group("d1"), today, strict=this in _NEXT)
    if first is None or (this in ("le", "el", "on") and match.group("d1") is None):
        return None  # "le vendredi" alone: which one?
    last = first
    if match.group("w2"):
        last = _next_weekday(match.group("w2"), match.group("d2"), first, strict=True) or first
        if last - first > timedelta(days=7):
            last = first
    return first, last


#: Words that name the weekday of the coming week, not of this one.
_NEXT = frozenset({"next", "prochain"})
#: Words that name the weekday a gathering under way began on (folded, first word).
_SINCE = frozenset({"desde", "depuis", "since"})


def _last_weekday(name: str, number: str | None, today: date) -> date | None:
    """The last day on or before `today` with that weekday and, if given, that day of
    the month, within a week."""
    weekday = _WEEKDAY_NUMBERS.get(fold(name))
    if weekday is None:
        return None
    day = today
    for _ in range(7):
        if day.weekday() == weekday and (number is None or day.day == int(number)):
            return day
        day -= timedelta(days=1)
    return None


def _next_weekday(name: str, number: str | None, after: date, *, strict: bool) -> date | None:
    """The first day on or after `after` (after it, if `strict`) with that weekday and,
    if given, that day of the month."""
    weekday = _WEEKDAY_NUMBERS.get(fold(name))
    if weekday is None:
        return None
    day = after + timedelta(days=1) if strict else after
    for _ in range(_RELATIVE_WEEKDAY_AHEAD if number else 7):
        if day.weekday() == weekday and (number is None or day.day == int(number)):
            return day
        day += timedelta(days=1)
    return None


def _sentence_bounds(text: _Text, start: int, end: int) -> tuple[int, int]:
    """Start of the sentence holding [start, end) and the end of the window after it."""
    limit = min(len(text.original), end + DEADLINE_WINDOW + 40)
    stop = _SENTENCE_END.search(text.original, end, limit)
    window_end = stop.start() if stop else limit
    begin = max(0, start - 60)
    last = None
    # endpos one past `start`: the look-ahead for a capital must see it
    for last in _SENTENCE_END.finditer(text.original, begin, start + 1):  # noqa: B007
        pass
    sentence_start = last.end() if last else begin
    return sentence_start, window_end


#: A date read after a phrase: the day, the words it was read from, where the
#: date starts, and the sentence (start, end) it stands in.
_Found = tuple[date, str, int, tuple[int, int]]


def _date_after(text: _Text, hit: _Hit, read: _DateReader, *, last: bool = False) -> _Found | None:
    """The first date soon after `hit` in its sentence (the last one if `last`)."""
    if _DIGIT.search(text.original, hit.end, hit.end + DEADLINE_WINDOW + 12) is None:
        return None  # the common case: every date shape has a digit
    reach = hit.end + DEADLINE_WINDOW + 40
    # an extension's sentence may name what it moves first: "se prorroga la recepción de
    # candidaturas, en todas las categorías, hasta el 4 de junio"
    most = DEADLINE_WINDOW + 40 if last else DEADLINE_WINDOW
    near = [m for m in text.dates_in(hit.end, reach) if m.start - hit.end <= most]
    if not near:
        return None  # the common case, decided without looking for the sentence
    # a form field: "Closing date | 30/11/2026" keeps its label and its value together
    gap = _FIELD_GAP.match(text.original, hit.end)
    label_end = gap.end() if gap else hit.end
    newline = text.original.find("\n", label_end, label_end + 60)
    if (
        newline >= 0
        and not _LABEL_STOP.search(text.original, label_end, newline)
        and _DIGIT.search(text.original, newline + 1, newline + 25)
    ):
        # a label on its own line, its value on the next: "Date limite de dépôt :" / "15/03/2027"
        label_end = newline + 1
    sentence_start, window_end = _sentence_bounds(text, hit.start, label_end)
    # "30 March." at a sentence's end: the month's abbreviation dot is the full stop
    near = [m for m in near if m.end - m.text.endswith(".") <= window_end]
    if hit.entry.value in ("tight", "field"):
        # "by", "until": only articles and a time of day may stand before the date
        near = [m for m in near if _TIGHT_GAP.fullmatch(text.original, hit.end, m.start)]
    if last:
        # "postponed to 14 December (originally 30 November)": the old date is history
        near = [
            m for m in near if not _FORMER.search(text.original, max(0, m.start - 24), m.start)
        ] or near
    for match in reversed(near) if last else near:
        day = _deadline_date(match.text, read, past=hit.entry.value == "past")
        if day is not None:
            phrase = _phrase(text, sentence_start, hit.start, match.end)
            return day, phrase, match.start, (sentence_start, window_end)
    return None


#: Words before a date that an extension replaced.
_FORMER = re.compile(
    r"\b(?:originally|initially|previously|instead of|formerly|from|initialement|au lieu du"
    r"|précédemment|prévue? (?:initialement )?(?:le|au)|inicialmente|en lugar del|antes"
    r"|previsto para el|del)\b[^\d]{0,12}$",
    re.IGNORECASE,
)

#: What a label never holds: a date's digits, or a sentence's end.
_LABEL_STOP = re.compile(r"[\d.!?;]")

#: What may stand between a form field's label and its value.
_FIELD_GAP = re.compile(r"[\s:|\-–]*")


#: A time of day between a date and the words after it: "le 2 mars 2026 à 10 heures
#: (heure de Niamey) au plus tard", "el 5 de mayo a las 17:00 h como máximo".
_TIME_OF_DAY = re.compile(
    r"[\s,]*(?:(?:à|a|at|by|a las|las)\s+)?\d{1,2}(?:\s*[:h.]\s*\d{2})?\s*"
    r"(?:heures?|h|hrs?|horas|a\.?m\.?|p\.?m\.?)?\s*(?:\d{2}\s*)?"
    r"(?:\([^)]{0,30}\)|GMT|UTC|TU|heure locale|hora local)?[\s,]*",
    re.IGNORECASE,
)


def _date_before(text: _Text, hit: _Hit, read: _DateReader) -> _Found | None:
    if (
        _DIGIT.search(text.original, max(0, hit.start - DEADLINE_BEFORE_WINDOW - 30), hit.start)
        is None
    ):
        return None
    before = text.dates_in(max(0, hit.start - DEADLINE_BEFORE_WINDOW - 60), hit.start)
    if not before:
        return None
    match = before[-1]
    if hit.start - match.end > DEADLINE_BEFORE_WINDOW and not _TIME_OF_DAY.fullmatch(
        text.original, match.end, hit.start
    ):
        return None
    if _SENTENCE_END.search(text.original, match.end - 1, hit.start + 1):
        return None  # "Published: 1 March 2027 / Deadline: …": another line's date
    day = _deadline_date(match.text, read)
    if day is None:
        return None
    sentence_start, sentence_end = _sentence_bounds(text, match.start, hit.end)
    phrase = _phrase(text, sentence_start, match.start, hit.end)
    return day, phrase, match.start, (sentence_start, sentence_end)


def _deadline_date(text: str, read: _DateReader, *, past: bool = False) -> date | None:
    """The date `text` names, if it can be a deadline (inside the reader's window);
    `past`: a year-less date is the last such day on or before the reference."""
    day = parse_date(
        text,
        language=read.language,
        date_order=read.date_order,
        relative_to=read.reference,
        prefer="past" if past else "future",
    )
    return day if day is not None and read.window[0] <= day <= read.window[1] else None


def _deadline_window(reference: datetime, *, dated: bool) -> tuple[date, date]:
    """The earliest and latest dates a deadline can be, for an item of `reference`."""
    published = reference.date()
    earliest = published - DEADLINE_PAST_LIMIT if dated else EARLIEST_DEADLINE
    return earliest, published + DEADLINE_FUTURE_LIMIT


def _phrase(text: _Text, sentence_start: int, start: int, end: int) -> str:
    """The deadline's words with a little of what leads to them, at most ~140 characters."""
    begin = max(sentence_start, start - 40)
    if begin > sentence_start:
        space = text.original.find(" ", begin, start)
        begin = space + 1 if space >= 0 else start
    return " ".join(text.original[begin:end].split()).strip(" ,;:-–(").rstrip(".,").strip()


def _about_registration(text: _Text, hit: _Hit) -> bool:
    sentence_start, window_end = _sentence_bounds(text, hit.start, hit.end)
    return any(sentence_start <= h.start < window_end for h in text.of_category("registration"))


# --- tags and language ---------------------------------------------------------------


def _tags(source: Source, matcher: _Matcher, topics: Iterable[frozenset[str]]) -> tuple[str, ...]:
    found = frozenset().union(*topics)
    tags = list(dict.fromkeys(source.tags))
    tags += [tag for tag in matcher.topic_order if tag in found and tag not in tags]
    return tuple(tags)


def _language(source: Source, item: ParsedItem, title: str, body: str) -> str | None:
    declared = normalise_language(source.language) or normalise_language(item.language)
    if declared:
        return declared
    return detect_language(f"{title}. {body}" if body else title)


def _identifier() -> LanguageIdentifier:
    return langmodel.identifier(builtin.LANGUAGES)
