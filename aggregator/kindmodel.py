"""A statistical second opinion on an item's kind, measured against the rules.

    model = train(rows, kinds)                        # needs scikit-learn
    kind, probability = model.predict(features(item, rules_said))

The issue that asked for it set the test: a statistical classifier is used by a
run only if it beats the rules on the frozen split. This one reads the rules'
answer together with the words of the title and text (single words and
pairs) and the words of the item's URL path (`/appels/`, `/events/`), and gives
the kind it finds likeliest: a logistic regression over binary features,
fitted with scikit-learn. `bench/accuracy.py` (`make accuracy`) fits it afresh
on the corpus's train and dev items and scores the frozen split with and
without it. It scores the same as the rules alone there, and it costs about a
third of classification's time, so a run does not use it and none ships with
the package (docs/calls.md, "The kind model"). `classify(..., model=...)` still
takes one, so the next measurement needs no new code.

`features` is the one definition of what the model sees, used both to train
and to predict.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from aggregator.types import KINDS, Classification, Kind, ParsedItem

#: Characters of the text the model reads (the rules read 8,000).
BODY_CHARS = 1_500
_WORD = re.compile(r"[^\W\d_]+")
#: `_WORD` for an ASCII text: the same words, found quicker (a plain character class).
_ASCII_WORD = re.compile(r"[a-zA-Z]+")
#: One feature's weight for each class.
Row = tuple[float, ...]


def features(
    item: ParsedItem,
    said: Classification,
    *,
    title: str,
    body: str,
    signals: Iterable[str] = (),
) -> list[str]:
    """What the model sees: words and word pairs, URL path words, what the rules said,
    and which of their phrase lists matched where (`signals`, e.g. "title:vacancy").

    `title` and `body` are the item's plain, folded text (as classify reads it).
    """
    found: set[str] = {f"sig:{signal}" for signal in signals}
    for prefix, text in (("t", title), ("b", body[:BODY_CHARS])):
        words = _WORD.findall(text)
        found.update(f"{prefix}:{w}" for w in words)
        found.update(f"{prefix}:{a}_{b}" for a, b in itertools.pairwise(words))
    if item.link:
        found.update(f"u:{w}" for w in _WORD.findall(urlsplit(item.link).path.lower()))
    found.update(_said_features(said))
    return list(found)


def _words(text: str) -> list[str]:
    """`_WORD.findall(text)`."""
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def _url_path(link: str) -> str:
    """`urlsplit(link).path`, read directly for a plain ASCII http(s) address."""
    scheme = "https://" if link.startswith("https://") else "http://"
    if not link.startswith(scheme) or not link.isascii() or not link.isprintable() or " " in link:
        return urlsplit(link).path
    rest = link[len(scheme) :]
    cut = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if 0 <= found < cut:
            cut = found
    netloc, rest = rest[:cut], rest[cut:]
    if "[" in netloc or "]" in netloc:
        return urlsplit(link).path  # an IPv6 address, checked there
    for mark in "?#":
        found = rest.find(mark)
        if found >= 0:
            rest = rest[:found]
    return rest


def _said_features(said: Classification) -> list[str]:
    """What the rules said, as features: their kind, why, and what they found."""
    seen = [f"rule:{said.kind}", "reason:" + said.kind_reason.split(":")[0].split(" ")[0]]
    if said.deadline is not None:
        seen.append("has:deadline")
    if said.event is not None:
        seen.append("has:event-dates")
    if said.status is not None:
        seen.append(f"status:{said.status}")
    return seen


@dataclass(frozen=True)
class KindModel:
    """Weights of a multinomial logistic regression over binary features."""

    classes: tuple[Kind, ...]
    intercepts: tuple[float, ...]
    #: Each feature's weight for each class, in the order of `classes`.
    weights: dict[str, tuple[float, ...]]
    #: What it was trained on, for the record.
    trained_on: str = ""

    def predict(self, seen: Iterable[str]) -> tuple[Kind, float]:
        """The likeliest kind and its probability."""
        return self._likeliest([row for row in map(self.weights.get, seen) if row is not None])

    def predict_item(
        self,
        item: ParsedItem,
        said: Classification,
        *,
        title: str,
        body: str,
        signals: Iterable[str] = (),
    ) -> tuple[Kind, float]:
        """`predict(features(item, said, ...))`, without spelling out every feature.

        Most features are a word or a pair of words: they are looked up as they
        are, in tables keyed by word and by pair, instead of being written out
        as strings first (building them took longer than the lookups).
        """
        tables = self._tables
        rows: list[Row] = []
        for table, text in ((tables["t"], title), (tables["b"], body[:BODY_CHARS])):
            words = _words(text)
            keys: set[str | tuple[str, str]] = set(words)
            keys.update(itertools.pairwise(words))
            rows += filter(None, map(table.get, keys))
        if item.link:
            path = _url_path(item.link).lower()
            rows += filter(None, map(tables["u"].get, set(_words(path))))
        others = {f"sig:{signal}" for signal in signals}
        others.update(_said_features(said))
        rows += filter(None, map(self.weights.get, others))
        return self._likeliest(rows)

    @cached_property
    def _tables(self) -> dict[str, dict[str | tuple[str, str], Row]]:
        """The weights of "t:", "b:" and "u:" features, each table keyed by word (a
        string) and by pair of words (a tuple): one lookup per word or pair."""
        tables: dict[str, dict[str | tuple[str, str], Row]] = {
            prefix: {} for prefix in ("t", "b", "u")
        }
        for name, row in self.weights.items():
            prefix, _, words = name.partition(":")
            if prefix not in tables:
                continue
            first, underscore, second = words.partition("_")
            if not underscore:
                tables[prefix][words] = row
            elif "_" not in second:  # a word never holds "_": "a_b" is always a pair
                tables[prefix][(first, second)] = row
        return tables

    def _likeliest(self, rows: list[Row]) -> tuple[Kind, float]:
        # one sum per class, column by column (zip and sum run in C)
        scores = (
            [
                base + sum(column)
                for base, column in zip(self.intercepts, zip(*rows, strict=True), strict=True)
            ]
            if rows
            else list(self.intercepts)
        )
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = max(range(len(scores)), key=scores.__getitem__)
        return self.classes[best], exps[best] / sum(exps)

    def to_json(self) -> str:
        return json.dumps(
            {
                "classes": list(self.classes),
                "intercepts": [round(v, 5) for v in self.intercepts],
                "trained_on": self.trained_on,
                "weights": {
                    k: [round(v, 5) for v in row] for k, row in sorted(self.weights.items())
                },
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> KindModel:
        data = json.loads(text)
        classes = tuple(k for k in data["classes"] if k in KINDS)
        if len(classes) != len(data["classes"]):
            raise ValueError("unknown class in the kind model")
        return cls(
            classes=classes,
            intercepts=tuple(float(v) for v in data["intercepts"]),
            weights={k: tuple(float(v) for v in row) for k, row in data["weights"].items()},
            trained_on=str(data.get("trained_on", "")),
        )


# --- training (needs scikit-learn, one of the test extras) -------------------------------


def train(
    rows: Sequence[Sequence[str]],
    labels: Sequence[str],
    *,
    c: float = 1.0,
    min_count: int = 2,
    trained_on: str = "",
) -> KindModel:
    """Fit the model on feature rows (`features` of each item) and their right kinds."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = CountVectorizer(analyzer=_identity, binary=True, min_df=min_count)
    matrix = vectorizer.fit_transform(rows)
    fitted = LogisticRegression(C=c, max_iter=5000).fit(matrix, list(labels))
    classes = tuple(str(k) for k in fitted.classes_)
    vocabulary = vectorizer.get_feature_names_out()
    weights = {
        str(name): tuple(float(fitted.coef_[i][j]) for i in range(len(classes)))
        for j, name in enumerate(vocabulary)
        if any(abs(fitted.coef_[i][j]) >= 1e-4 for i in range(len(classes)))
    }
    return KindModel(
        classes=classes,  # type: ignore[arg-type]
        intercepts=tuple(float(v) for v in fitted.intercept_),
        weights=weights,
        trained_on=trained_on,
    )


def _identity(features: Any) -> Any:
    return features
