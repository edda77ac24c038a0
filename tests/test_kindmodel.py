"""The kind model: what it sees, how it predicts, that it ships, and that it re-trains."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from aggregator.classify import classify, model_features
from aggregator.corpus import (
    classify_case,
    corpus_files,
    load_corpus,
    rules_only,
    score,
    split,
    train_model,
)
from aggregator.kindmodel import _WORD, KindModel, _url_path, _words, features, shipped
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


def test_a_run_classifies_with_the_shipped_model_which_corrects_the_rules() -> None:
    model = shipped()
    assert model is not None and len(model.weights) > 1000
    tuning, _ = corpus_files(CORPUS)
    cases = load_corpus(tuning)
    alone = score(cases, rules_only).tallies["all"].kind
    together = score(cases, classify_case).tallies["all"].kind
    assert together > alone
    corrected = [
        case.id for case in cases if rules_only(case).kind != case.kind == classify_case(case).kind
    ]
    assert len(corrected) >= 10


def test_a_sources_own_kind_is_never_second_guessed() -> None:
    tenders = Source(name="Tenders", url="https://p.example/tenders", kind="call")
    result = classify(item("Cobalt prices fall"), tenders, reference=WHEN, model=shipped())
    assert (result.kind, result.kind_reason) == ("call", "source kind")


def test_the_model_retrains_from_the_corpus_and_predicts_the_dev_split() -> None:
    pytest.importorskip("sklearn")
    tuning, _ = corpus_files(CORPUS)
    train_cases, dev_cases = split(load_corpus(tuning))
    model = train_model(train_cases)

    def predict(case):  # type: ignore[no-untyped-def]
        return classify(case.item, SOURCE, reference=case.reference, model=model)

    tally = score(dev_cases, predict).tallies["all"]
    assert tally.kind / tally.items > 0.75


def test_the_shipped_model_was_trained_on_the_current_rules_and_corpus() -> None:
    """`make train` after any change of the rules or the corpus (the rules are features)."""
    pytest.importorskip("sklearn")
    tuning, _ = corpus_files(CORPUS)
    cases = load_corpus(tuning)
    fresh = train_model(cases)
    model = shipped()
    assert model is not None
    stale = [
        case.id
        for case in cases
        if classify(case.item, SOURCE, reference=case.reference, model=fresh).kind
        != classify(case.item, SOURCE, reference=case.reference, model=model).kind
    ]
    assert not stale, f"run `make train` and commit the model: {stale[:5]}"


def test_a_run_predicts_from_exactly_the_features_the_model_was_trained_on() -> None:
    """A run looks words and pairs up without writing each feature out: same answer."""
    model = shipped()
    assert model is not None
    tuning, _ = corpus_files(CORPUS)
    for case in load_corpus(tuning):
        said = rules_only(case)
        title, body = case.item.title.lower(), f"{case.item.summary} {case.item.content}".lower()
        signals = ["title:strong:call", "body:deadline"]
        seen = features(case.item, said, title=title, body=body, signals=signals)
        expected = model.predict(seen)
        kind, probability = model.predict_item(
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
