"""The kind model that `make accuracy` measures against the rules: what it sees, how it
predicts, and that it fits on the corpus. A run does not use it (docs/calls.md)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from aggregator.classify import classify, model_features
from aggregator.corpus import (
    Case,
    corpus_files,
    load_corpus,
    rules_only,
    score,
    split,
    train_model,
    with_model,
)
from aggregator.kindmodel import _WORD, KindModel, _url_path, _words, features
from aggregator.types import ParsedItem, Source

CORPUS = Path(__file__).parent / "data" / "calls"
WHEN = datetime(2027, 3, 1, 9, tzinfo=UTC)
SOURCE = Source(name="P", url="https://partner.example/feed")


def item(title: str, summary: str = "", link: str | None = None) -> ParsedItem:
    return ParsedItem(key="k", title=title, link=link, summary=summary, published=WHEN)


def test_the_model_sees_words_pairs_the_url_path_and_what_the_rules_said() -> None:
    seen = model_features(
        item("Appel à projets", "Date limite : 30 avril 2027.", "https://p.example/appels/or-2027"),
        SOURCE,
        reference=WHEN,
    )
    assert {"t:appel", "t:appel_a", "u:appels", "rule:call", "has:deadline"} <= set(seen)


def test_predicting_is_a_sum_of_weights() -> None:
    model = KindModel(
        classes=("call", "event", "news"),
        intercepts=(0.0, 0.0, 1.0),
        weights={"t:tender": (3.0, 0.0, 0.0)},
    )
    assert model.predict(["t:tender", "t:unknown"])[0] == "call"
    kind, probability = model.predict([])
    assert kind == "news" and 0.5 < probability < 1
    assert KindModel.from_json(model.to_json()) == model


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Case], list[Case]]:
    tuning, _ = corpus_files(CORPUS)
    return split(load_corpus(tuning))


@pytest.fixture(scope="module")
def fitted(corpus: tuple[list[Case], list[Case]]) -> KindModel:
    """The kind model fitted on the train split, as `make accuracy` fits it."""
    pytest.importorskip("sklearn")
    return train_model(corpus[0])


def test_the_model_fits_on_train_and_predicts_the_dev_split(
    fitted: KindModel, corpus: tuple[list[Case], list[Case]]
) -> None:
    assert len(fitted.weights) > 1000
    tally = score(corpus[1], with_model(fitted)).tallies["all"]
    assert tally.kind / tally.items > 0.9


def test_the_model_corrects_the_rules_on_what_it_was_fitted_on(
    fitted: KindModel, corpus: tuple[list[Case], list[Case]]
) -> None:
    """It learns the corpus: on its own training items it fixes some of the rules' kinds."""
    train = corpus[0]
    checked = with_model(fitted)
    corrected = [c.id for c in train if rules_only(c).kind != c.kind == checked(c).kind]
    assert corrected


def test_a_sources_own_kind_is_never_second_guessed(fitted: KindModel) -> None:
    tenders = Source(name="Tenders", url="https://p.example/tenders", kind="call")
    result = classify(item("Cobalt prices fall"), tenders, reference=WHEN, model=fitted)
    assert (result.kind, result.kind_reason) == ("call", "source kind")


def test_predicting_reads_exactly_the_features_the_model_was_fitted_on(
    fitted: KindModel, corpus: tuple[list[Case], list[Case]]
) -> None:
    """Words and pairs are looked up without writing each feature out: same answer."""
    for case in corpus[0] + corpus[1]:
        said = rules_only(case)
        title, body = case.item.title.lower(), f"{case.item.summary} {case.item.content}".lower()
        signals = ["title:strong:call", "body:deadline"]
        seen = features(case.item, said, title=title, body=body, signals=signals)
        expected = fitted.predict(seen)
        kind, probability = fitted.predict_item(
            case.item, said, title=title, body=body, signals=signals
        )
        assert kind == expected[0], case.id
        assert probability == pytest.approx(expected[1], abs=1e-12), case.id


@pytest.mark.parametrize(
    "link",
    [
        "https://partner.example/appels/2027/appel-a-projets",
        "https://partner.example/Events/Forum?copy=3#agenda",
        "http://partner.example?page=/calls/x",
        "https://partner.example#/calls/",
        "https://partner.example",
        "https://user:pw@partner.example:8080/a/b/",
        "https://[2001:db8::1]/calls/",
        "HTTPS://partner.example/Calls/",
        "  https://partner.example/calls/ ",
        "https://partner.example/ca\tlls/",
        "https://partenaire.example/appels/clôture",
        "//partner.example/calls/",
        "/calls/2027/",
        "mailto:calls@partner.example",
        "ftp://partner.example/calls/",
    ],
)
def test_a_links_path_is_read_as_urlsplit_reads_it(link: str) -> None:
    assert _url_path(link) == urlsplit(link).path


def test_the_corpus_links_and_texts_give_the_model_the_same_words_as_before() -> None:
    """Plain ASCII texts and links are read by a quicker path: same words, same path."""
    tuning, _ = corpus_files(CORPUS)
    for case in load_corpus(tuning):
        link = case.item.link or "https://partner.example/item"
        assert _url_path(link) == urlsplit(link).path, case.id
        for text in (case.item.title.lower(), f"{case.item.summary} {case.item.content}".lower()):
            assert _words(text) == _WORD.findall(text), case.id
