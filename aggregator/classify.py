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

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from aggregator import rules as builtin
from aggregator.dates import DateMatch, find_dates, normalise_language, parse_date
from aggregator.sanitize import html_to_text
from aggregator.types import Classification, Kind, ParsedItem, Rules, Source

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

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
#: An undated item is judged at each run, long after it first appeared: for it
#: the earliest deadline is fixed.
EARLIEST_DEADLINE = date(2000, 1, 1)
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
) -> Classification:
    """Kind, deadline, tags and language of `item`, and why.

    `reference` is when the item was published (or first seen when the feed
    gives no date): a deadline without a year is its next occurrence on or
    after it.
    """
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
    title_text = _Text.of(title, matcher)
    body_text = _Text.of(body, matcher)
    summary_end = len(summary)

    language = _language(source, item, title, body)
    kind, reason = _kind(source, title_text, body_text, summary_end, reference.year)
    deadline: date | None = None
    phrase: str | None = None
    application = _application(title_text, body_text, summary_end) if reason == "default" else None
    if kind in ("call", "event") or application is not None:
        found = _deadline(
            "call" if kind == "news" else kind,
            (title_text, body_text),
            language=language,
            date_order=source.date_order,
            reference=reference,
            window=_deadline_window(reference, dated=item.published is not None),
        )
        if found is not None and application is not None:
            # No kind phrase, but the text asks for applications before a date.
            where, hit = application
            kind, reason = "call", _reason(where, hit) + " and a deadline"
        if found is not None:
            deadline, phrase = found
    categories = [_category_topics(category, matcher) for category in item.categories]
    tags = _tags(source, matcher, (title_text.topics, body_text.topics, *categories))
    return Classification(
        kind=kind,
        kind_reason=reason,
        deadline=deadline,
        deadline_phrase=phrase,
        tags=tags,
        language=language,
    )


def fold(text: str) -> str:
    """Lower case without accents, same length: "Date limite : Été" -> "date limite : ete"."""
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
_TIGHT_GAP = re.compile(
    r"(?:[\s,:]|\b(?:the|on|at|of|le|la|les|el|las|los|del|de|à|a|al)\b"
    r"|\d{1,2}(?:[:h.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|h(?:eures?|oras?)?)?(?!\d))*",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\u00c0-\u00dd¿¡])|[!?;]|\s\|\s|\n")


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
                checks[key] = rf"(?=[\s'\-]{{0,3}}{words}(?![^\W_]))"
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


#: The next word of a phrase: at most three spaces, hyphens or apostrophes before it.
_NEXT_WORD = re.compile(r"[\s'\-]{0,3}([^\W_]+)")


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
    entries += _entries("cue", "call", builtin.CALL_CUES)
    entries += _entries("cue", "event", builtin.EVENT_CUES)
    entries += _entries("application", "", builtin.APPLICATION_WORDS)
    entries += _entries("deadline", "", builtin.DEADLINE_PHRASES)
    entries += _entries("deadline", "after-date", builtin.DEADLINE_AFTER_DATE_PHRASES)
    entries += _entries("deadline", "tight", builtin.DEADLINE_TIGHT_PHRASES)
    entries += _entries("extension", "", builtin.DEADLINE_EXTENSION_PHRASES)
    entries += _entries("not-deadline", "", builtin.NOT_DEADLINE_PHRASES)
    entries += _entries("registration", "", builtin.REGISTRATION_WORDS)
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

    @classmethod
    def of(cls, text: str, matcher: _Matcher) -> _Text:
        folded = fold(text)
        hits, topics = matcher.hits(text, folded)
        return cls(text, folded, tuple(_without_false_friends(hits)), frozenset(topics))

    def dates_in(self, start: int, end: int) -> list[DateMatch]:
        """The date phrases within original[start:end], at their places in the text."""
        return [
            DateMatch(start + m.start, start + m.end, m.text)
            for m in find_dates(self.original[start:end])
        ]

    def of_category(self, category: str, value: str | None = None) -> list[_Hit]:
        return [
            h
            for h in self.hits
            if h.entry.category == category and (value is None or h.entry.value == value)
        ]


@lru_cache(maxsize=2048)
def _category_topics(category: str, matcher: _Matcher) -> frozenset[str]:
    """The topic tags one category names: feeds repeat the same few on many items.

    No phrase spans two categories (a phrase's words are joined only by spaces,
    hyphens and apostrophes), so each is read on its own.
    """
    return _Text.of(category, matcher).topics


#: Categories of phrases that only look like a kind or deadline phrase, and what they hide.
_GUARDS = {"not-kind": ("strong", "weak"), "not-deadline": ("deadline",)}
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
    r"<(?=(?:br|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|dd|dt|blockquote))\b)", re.IGNORECASE
)


def _plain(text: str) -> str:
    if not text:
        return ""
    if "<" in text:
        return html_to_text(_BLOCK_TAG.sub(" <", text))
    if "&" in text:
        return html_to_text(text)
    return " ".join(text.split())


# --- kind ----------------------------------------------------------------------------


def _kind(
    source: Source, title: _Text, body: _Text, summary_end: int, year: int
) -> tuple[Kind, str]:
    if source.kind is not None:
        return source.kind, "source kind"
    news = title.of_category("news")
    if news:
        return "news", _reason("title", news[0])
    for strength in ("strong", "weak"):
        found = [
            h
            for h in title.of_category(strength)
            if h.entry.value == "event" or (h.entry.value == "call" and not _past(title, h, year))
        ]
        if found:
            first = min(found, key=lambda h: h.start)
            return _as_kind(first.entry.value), _reason("title", first)
    cues = {h.entry.value for h in body.of_category("cue")}
    if body.of_category("deadline") or title.of_category("deadline"):
        cues.add("call")
    found = [h for h in body.of_category("strong") if h.entry.value in cues]
    if found:
        first = min(found, key=lambda h: h.start)
        where = "summary" if first.start < summary_end else "content"
        return _as_kind(first.entry.value), _reason(where, first)
    return "news", "default"


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


def _deadline(
    kind: Kind,
    texts: tuple[_Text, ...],
    *,
    language: str | None,
    date_order: str | None,
    reference: datetime,
    window: tuple[date, date],
) -> tuple[date, str] | None:
    for category in ("extension", "deadline"):
        for text in texts:
            for hit in sorted(text.of_category(category), key=lambda h: h.start):
                if kind == "event" and not _about_registration(text, hit):
                    continue
                found = _date_after(
                    text, hit, language, date_order, reference, window, last=category == "extension"
                )
                if found is None and hit.entry.value == "after-date":
                    found = _date_before(text, hit, language, date_order, reference, window)
                if found is not None:
                    return found
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


def _date_after(
    text: _Text,
    hit: _Hit,
    language: str | None,
    date_order: str | None,
    reference: datetime,
    window: tuple[date, date],
    *,
    last: bool = False,
) -> tuple[date, str] | None:
    """The first date soon after `hit` in its sentence (the last one if `last`)."""
    if _DIGIT.search(text.original, hit.end, hit.end + DEADLINE_WINDOW + 12) is None:
        return None  # the common case: every date shape has a digit
    reach = hit.end + DEADLINE_WINDOW + 40
    near = [m for m in text.dates_in(hit.end, reach) if m.start - hit.end <= DEADLINE_WINDOW]
    if not near:
        return None  # the common case, decided without looking for the sentence
    sentence_start, window_end = _sentence_bounds(text, hit.start, hit.end)
    near = [m for m in near if m.end <= window_end]
    if hit.entry.value == "tight":
        # "by", "until": only articles and a time of day may stand before the date
        near = [m for m in near if _TIGHT_GAP.fullmatch(text.original, hit.end, m.start)]
    for match in reversed(near) if last else near:
        day = _deadline_date(match.text, language, date_order, reference, window)
        if day is not None:
            return day, _phrase(text, sentence_start, hit.start, match.end)
    return None


def _date_before(
    text: _Text,
    hit: _Hit,
    language: str | None,
    date_order: str | None,
    reference: datetime,
    window: tuple[date, date],
) -> tuple[date, str] | None:
    if _DIGIT.search(text.original, max(0, hit.start - DEADLINE_BEFORE_WINDOW), hit.start) is None:
        return None
    before = text.dates_in(max(0, hit.start - DEADLINE_BEFORE_WINDOW - 40), hit.start)
    if not before or hit.start - before[-1].end > DEADLINE_BEFORE_WINDOW:
        return None
    match = before[-1]
    day = _deadline_date(match.text, language, date_order, reference, window)
    if day is None:
        return None
    sentence_start, _ = _sentence_bounds(text, match.start, hit.end)
    return day, _phrase(text, sentence_start, match.start, hit.end)


def _deadline_date(
    text: str,
    language: str | None,
    date_order: str | None,
    reference: datetime,
    window: tuple[date, date],
) -> date | None:
    """The date `text` names, if it can be a deadline (inside `window`)."""
    day = parse_date(text, language=language, date_order=date_order, relative_to=reference)
    return day if day is not None and window[0] <= day <= window[1] else None


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
    return text.original[begin:end].strip(" ,;:-–(").rstrip(".,").strip()


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


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(builtin.LANGUAGES))
    return identifier
