"""Patterns rewritten to be tried at fewer places of a text find exactly what the
patterns they replaced find (the earlier ones are written out here)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from aggregator.classify.calls import _STATUS_FIELD
from aggregator.classify.days import _NUMERIC_DATE
from aggregator.classify.text import fold
from aggregator.corpus import corpus_files, load_corpus

#: 12/07/2027: tried at every character, the look-behind first.
_NUMERIC_DATE_BEFORE = re.compile(r"(?<![\d/.])(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?![\d/])")
#: "Estado: Cerrada": tried at every character, the word boundary first.
_STATUS_FIELD_BEFORE = re.compile(
    r"\b(?:estado|status|statut|etat)(?:\s+(?:de\s+la\s+convocatoria|del\s+proceso"
    r"|de\s+l'appel|du\s+marche|of\s+the\s+call|of\s+the\s+tender|actual))?"
    r"\s*[:|]\s*(?P<first>[a-z]+)(?P<second>\s+[a-z]+)?"
)
PAIRS = [(_NUMERIC_DATE_BEFORE, _NUMERIC_DATE), (_STATUS_FIELD_BEFORE, _STATUS_FIELD)]


def found(
    pattern: re.Pattern[str], text: str
) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_corpus_texts_give_the_same_matches() -> None:
    tuning, _ = corpus_files(Path(__file__).parent / "data" / "calls")
    texts = [
        text
        for case in load_corpus(tuning)
        for raw in (case.item.title, case.item.summary, case.item.content)
        for text in (raw, fold(raw))
    ]
    assert len(texts) > 2000
    matched = 0
    for before, now in PAIRS:
        for text in texts:
            expected = found(before, text)
            assert found(now, text) == expected, text
            matched += bool(expected)
    assert matched > 20  # the corpus holds both shapes


#: Pieces of numeric dates and status fields, and what stands next to them.
_PIECES = (
    "1", "12", "123", "2027", "/", ".", "-", " ", "\n", "a", "_", "٣", "²", "é",
    "estado", "status", "statut", "etat", "e", "s", "testado", "es", ":", "|", " : ",
    "cerrada", "de la convocatoria", "of the call", "awarded",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_made_up_texts_give_the_same_matches(seed: int) -> None:
    chance = random.Random(seed)
    for _ in range(5000):
        text = "".join(chance.choice(_PIECES) for _ in range(chance.randint(1, 14)))
        for before, now in PAIRS:
            assert found(now, text) == found(before, text), text
