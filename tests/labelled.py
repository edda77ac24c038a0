"""The labelled items (tests/data/labelled_items.yaml), read for the classification
tests and for `bench/accuracy.py`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from aggregator.classify import classify
from aggregator.types import Classification, ParsedItem, Rules, Source

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "labelled_items.yaml"


@dataclass(frozen=True)
class Labelled:
    """One labelled item and the source it comes from."""

    id: str
    item: ParsedItem
    source: Source
    reference: datetime
    kind: str
    deadline: date | None
    tags: tuple[str, ...] | None
    hard: bool
    language: str

    @property
    def batch(self) -> str:
        """Items were written in three batches, the later two after the rules."""
        for batch in ("b2", "b3"):
            if f"-{batch}-" in self.id:
                return f"batch {batch[1]}"
        return "batch 1"

    def run(self, rules: Rules = Rules()) -> Classification:  # noqa: B008
        return classify(self.item, self.source, rules, reference=self.reference)


def as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def load(path: Path = DEFAULT_PATH) -> list[Labelled]:
    """The labelled items of `path`, ready to classify."""
    entries = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    labelled = []
    for entry in entries:
        published = as_date(entry["published"])
        assert published is not None, entry["id"]
        reference = datetime(published.year, published.month, published.day, 9, tzinfo=UTC)
        item = ParsedItem(
            key=entry["id"],
            title=entry["title"],
            link=None,
            summary=entry.get("summary", ""),
            content=entry.get("content", ""),
            published=reference,
            language=entry.get("item_language"),
        )
        source = Source(
            name="labelled",
            url="https://example.org/feed",
            language=entry.get("source_language"),
            date_order=entry.get("date_order"),
            kind=entry.get("source_kind"),
        )
        tags = entry.get("tags")
        labelled.append(
            Labelled(
                id=entry["id"],
                item=item,
                source=source,
                reference=reference,
                kind=entry["kind"],
                deadline=as_date(entry.get("deadline")),
                tags=tuple(tags) if tags is not None else None,
                hard=bool(entry.get("hard", False)),
                language=entry["id"].split("-", 1)[0],
            )
        )
    return labelled


#: The partner the tables' posts come from.
POST_SOURCE = Source(name="Partner", url="https://partner.example/feed")


def classify_post(title: str, summary: str, published: date, language: str) -> Classification:
    """Classify one post of a table of cases, as published at noon UTC on `published`."""
    reference = datetime(published.year, published.month, published.day, 12, tzinfo=UTC)
    item = ParsedItem(
        key="k",
        title=title,
        link="https://partner.example/posts/1",
        summary=summary,
        published=reference,
        language=language,
    )
    return classify(item, POST_SOURCE, reference=reference)
