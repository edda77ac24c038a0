"""The labelled calls corpus, and how well the classifier does on it.

    cases = load_corpus(paths)          # docs/calls.md, "The labelled corpus"
    train, dev = split(cases)           # a stable 3:1 split by id
    scores = score(cases, rules_only)   # or with_model(train_model(train))
    print(report(scores))

The corpus (`tests/data/calls/`) holds items written to the labelling rules
of docs/calls.md: `corpus-*.yaml` for tuning (train and dev), `frozen/*.yaml`
written by someone who never saw the rules' code, scored and never tuned on.
Scoring is pure: it takes a function from a case to a `Classification`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from aggregator.classify import classify, model_features
from aggregator.kindmodel import KindModel, train
from aggregator.select import status_on_day
from aggregator.types import (
    KINDS,
    CallStatus,
    Classification,
    EventDates,
    KeyDate,
    Kind,
    ParsedItem,
    Source,
)


@dataclass(frozen=True)
class Case:
    """One labelled item: what a feed would give, and the right answers."""

    id: str
    language: str
    item: ParsedItem
    #: The day the item was published (the reference for year-less dates).
    published: date
    #: The day its status is judged (its publication day unless the label says).
    as_of: date
    kind: Kind
    status: CallStatus | None
    deadline: date | None
    deadline_extended: bool
    opens: date | None
    key_dates: tuple[KeyDate, ...]
    event: EventDates | None
    modelled_on: str | None = None
    note: str | None = None

    @property
    def reference(self) -> datetime:
        return datetime(
            self.published.year, self.published.month, self.published.day, 12, tzinfo=UTC
        )


def load_corpus(paths: Iterable[Path]) -> list[Case]:
    """Every labelled item of the YAML files `paths`, in order."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    cases: list[Case] = []
    for path in paths:
        entries = yaml.load(path.read_text(encoding="utf-8")) or []
        cases.extend(_case(entry) for entry in entries)
    return cases


def corpus_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The tuning files and the frozen files of a corpus folder."""
    return sorted(folder.glob("corpus-*.yaml")), sorted((folder / "frozen").glob("*.yaml"))


def split(cases: Sequence[Case], dev_share: int = 4) -> tuple[list[Case], list[Case]]:
    """Train and dev: every `dev_share`-th item by a hash of its id goes to dev."""
    train: list[Case] = []
    dev: list[Case] = []
    for case in cases:
        digest = hashlib.sha256(case.id.encode()).digest()
        (dev if digest[0] % dev_share == 0 else train).append(case)
    return train, dev


def _source(case: Case) -> Source:
    return Source(name=case.id, url="https://partner.example/feed")


def rules_only(case: Case) -> Classification:
    """What the rules alone say of a case, as a run does."""
    return classify(case.item, _source(case), reference=case.reference)


def with_model(model: KindModel) -> Callable[[Case], Classification]:
    """What the rules checked by `model` would say of a case (a run does not use one)."""

    def predict(case: Case) -> Classification:
        return classify(case.item, _source(case), reference=case.reference, model=model)

    return predict


def rules_features(case: Case) -> list[str]:
    """What the kind model sees of a case."""
    return model_features(case.item, _source(case), reference=case.reference)


@dataclass
class Tally:
    """Right answers out of the items that have one, for one group of items."""

    items: int = 0
    kind: int = 0
    calls: int = 0
    deadline: int = 0
    status: int = 0
    invented: int = 0
    events: int = 0
    event_start: int = 0
    extended: int = 0
    extended_calls: int = 0

    def add(self, case: Case, result: Classification) -> None:
        self.items += 1
        self.kind += result.kind == case.kind
        predicted = result.deadline if result.kind == "call" else None
        self.invented += case.deadline is None and predicted is not None
        if case.kind == "call":
            self.calls += 1
            self.deadline += predicted == case.deadline
            self.status += status_of(result, case.as_of) == case.status
            if case.deadline_extended:
                self.extended_calls += 1
                self.extended += result.deadline_extended
        if case.kind == "event" and case.event is not None:
            self.events += 1
            self.event_start += result.event is not None and result.event.start == case.event.start


def status_of(result: Classification, day: date) -> CallStatus | None:
    if result.kind != "call":
        return None
    return status_on_day(result.status, result.deadline, result.opens, day)


@dataclass
class Scores:
    """Tallies per group, the kind confusion matrix and every miss."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    #: (expected kind, predicted kind) -> items.
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)


def score(cases: Iterable[Case], predict: Callable[[Case], Classification]) -> Scores:
    scores = Scores()
    for case in cases:
        result = predict(case)
        for group in ("all", case.language):
            scores.tallies.setdefault(group, Tally()).add(case, result)
        scores.confusion[(case.kind, result.kind)] += 1
        problems = _problems(case, result)
        if problems:
            scores.misses.append(f"  {case.id}: " + "; ".join(problems))
    return scores


def _problems(case: Case, result: Classification) -> list[str]:
    problems = []
    if result.kind != case.kind:
        problems.append(f"kind {result.kind} ({result.kind_reason}), expected {case.kind}")
    predicted = result.deadline if result.kind == "call" else None
    if (case.kind == "call" or predicted is not None) and predicted != case.deadline:
        problems.append(
            f"deadline {predicted} ({result.deadline_phrase!r}), expected {case.deadline}"
        )
    if case.kind == "call" and status_of(result, case.as_of) != case.status:
        problems.append(
            f"status {status_of(result, case.as_of)} ({result.status_reason}), "
            f"expected {case.status}"
        )
    if case.kind == "event" and case.event is not None:
        start = result.event.start if result.event else None
        if start != case.event.start:
            problems.append(f"event start {start}, expected {case.event.start}")
    return problems


def _percent(right: int, out_of: int) -> str:
    return f"{100 * right / out_of:5.1f}%" if out_of else "    -"


def report(scores: Scores, *, title: str, misses: bool = True) -> str:
    """A table per language, the confusion matrix and (optionally) the misses."""
    lines = [
        title,
        f"{'':5} {'items':>5} {'kind':>7} {'calls':>5} {'deadline':>8} {'status':>7} "
        f"{'invented':>8} {'events':>6} {'start':>7}",
    ]
    for group in ("all", "en", "fr", "es"):
        t = scores.tallies.get(group)
        if t is None:
            continue
        lines.append(
            f"{group:5} {t.items:5} {_percent(t.kind, t.items):>7} {t.calls:5} "
            f"{_percent(t.deadline, t.calls):>8} {_percent(t.status, t.calls):>7} "
            f"{t.invented:8} {t.events:6} {_percent(t.event_start, t.events):>7}"
        )
    lines.append("")
    lines.append("kind: expected (rows) and predicted (columns)")
    lines.append(f"{'':8}" + "".join(f"{k:>7}" for k in KINDS))
    for expected in KINDS:
        row = "".join(f"{scores.confusion[(expected, got)]:7}" for got in KINDS)
        lines.append(f"{expected:8}{row}")
    if misses:
        lines.append("")
        lines.append(f"misses ({len(scores.misses)} items):" if scores.misses else "misses: none")
        lines.extend(scores.misses)
    else:
        lines.append("")
        lines.append(f"misses by field ({len(scores.misses)} items; the items are not shown):")
        for group in ("all", "en", "fr", "es"):
            t = scores.tallies.get(group)
            if t is not None:
                lines.append(
                    f"{group:5} kind {t.items - t.kind}, deadline {t.calls - t.deadline}, "
                    f"status {t.calls - t.status}, event start {t.events - t.event_start}, "
                    f"invented {t.invented}"
                )
    return "\n".join(lines)


# --- reading the YAML ------------------------------------------------------------------


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _case(entry: dict[str, Any]) -> Case:
    published = _day(entry["published"])
    if published is None:
        raise ValueError(f"{entry.get('id')}: no published date")
    reference = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    language = str(entry.get("language") or entry["id"].split("-", 1)[0])
    event = entry.get("event")
    event_dates = None
    if event:
        start = _day(event.get("start"))
        if start is not None:
            end = _day(event.get("end")) or start
            event_dates = EventDates(start, end, event.get("online"))
    item = ParsedItem(
        key=entry["id"],
        title=str(entry.get("title") or ""),
        link=entry.get("link"),
        summary=str(entry.get("summary") or ""),
        published=reference,
        language=language,
    )
    key_dates = tuple(
        KeyDate(k.get("what", "other"), d)
        for k in entry.get("key_dates") or ()
        if (d := _day(k.get("date"))) is not None
    )
    return Case(
        id=entry["id"],
        language=language,
        item=item,
        published=published,
        as_of=_day(entry.get("as_of")) or published,
        kind=entry["kind"],
        status=entry.get("status"),
        deadline=_day(entry.get("deadline")),
        deadline_extended=bool(entry.get("deadline_extended")),
        opens=_day(entry.get("opens")),
        key_dates=key_dates,
        event=event_dates,
        modelled_on=entry.get("modelled_on"),
        note=entry.get("note"),
    )


# --- fitting the kind model ------------------------------------------------------------


def train_model(cases: Sequence[Case]) -> KindModel:
    """The kind model fitted on `cases` (the rules' own answers are among its features)."""
    return train(
        [rules_features(case) for case in cases],
        [case.kind for case in cases],
        trained_on=f"{len(cases)} items of the calls corpus",
    )
