"""Reading a text: folding, the phrase matcher, sentences and the item's language.

`fold` lowers and strips accents keeping positions; `_matcher` builds one
`_Matcher` over every phrase list; `_Text.of` is a text with its phrases found
and false friends dropped; `_plain` turns HTML into a line per block; the
sentence helpers (`_sentence_bounds`, `_about_former`) and the small shared
patterns are used by the kind, call and event readers alike.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from aggregator import langmodel
from aggregator import rules as builtin
from aggregator.dates import DateMatch, find_dates, normalise_language
from aggregator.sanitize import html_to_text
from aggregator.types import ParsedItem, Rules, Source

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier


#: How far after a deadline phrase its date may start (characters).
DEADLINE_WINDOW = 60
#: Least confidence of language detection, and least letters to try it on.
LANGUAGE_CONFIDENCE = 0.8
LANGUAGE_MIN_LETTERS = 20
LANGUAGE_SAMPLE_CHARS = 400


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
    entries += _entries("not-application", "", builtin.NOT_APPLICATION_PHRASES)
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
    entries += _entries("event-cancelled", "", builtin.EVENT_CANCELLED_PHRASES)
    entries += _entries("event-past", "", builtin.EVENT_PAST_PHRASES)
    entries += _entries("event-opened", "", builtin.EVENT_OPENED_PHRASES)
    entries += _entries("ban", "", builtin.MINING_BAN_PHRASES)
    entries += _entries("former", "", builtin.FORMER_ROUND_PHRASES)
    entries += _entries("former-deadline", "", builtin.FORMER_DEADLINE_PHRASES)
    entries += _entries("schedule", "", builtin.SCHEDULE_WORDS)
    entries += _entries("closed", "", builtin.CLOSED_PHRASES)
    entries += _entries("void", "", builtin.VOID_PHRASES)
    entries += _entries("void-now", "", builtin.VOID_STATEMENT_PHRASES)
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
        """The hits of one category (and value), in the order found: the text's own
        list when no value is asked (not copied: called thousands of times an item),
        which callers read and never change."""
        listed = self.by_category.get(category)
        if not listed:
            return []
        if value is None:
            return listed
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
    "not-application": ("application",),
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


def _reason(where: str, hit: _Hit) -> str:
    return f'{where}: "{hit.entry.phrase}"'


def _about_registration(text: _Text, hit: _Hit) -> bool:
    """Whether the sentence of `hit` is about registration ("Registration opened
    yesterday", "register by 3 May")."""
    begin, end = _sentence_bounds(text, hit.start, hit.end)
    return any(begin <= h.start < end for h in text.of_category("registration"))


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


def _language(source: Source, item: ParsedItem, title: str, body: str) -> str | None:
    declared = normalise_language(source.language) or normalise_language(item.language)
    if declared:
        return declared
    return detect_language(f"{title}. {body}" if body else title)


def _identifier() -> LanguageIdentifier:
    return langmodel.identifier(builtin.LANGUAGES)
