"""What state each source is in, for the sources page and `aggregator status`: pure.

    source_health(source, record, now=now) -> SourceHealth (ok, new, failing, moved,
                                               gone, suspect, held)
    status_document(healths, now=now)      -> the `aggregator status --json` document

One state per source, the first that applies:

| state | when | what to do |
| --- | --- | --- |
| `new` | never polled, or reset after 410 Gone | nothing: the next run polls it |
| `gone` | it answered 410 Gone | fix its url, or `aggregator reset NAME` |
| `failing` | its last poll failed (or it is backing off after failures) | look at the error |
| `held` | a page's new items are held back after a suspected redesign | `aggregator release NAME` |
| `suspect` | a page yielded far fewer items than usual | check its selectors |
| `moved` | it answered a permanent redirect | put the new address in feeds.yaml |
| `ok` | its last poll worked | – |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from .i18n import DEFAULT_LANGUAGE, N_, gettext_for, ngettext_for, ngettext_noop
from .types import DetailPart, Source, SourceHealth, SourceRecord, SourceStateName

#: "Items in the last N days" on the sources page and in `aggregator status`.
RECENT_DAYS = 90
#: The states that need the secretariat: `aggregator status` exits `EXIT_ATTENTION`.
ATTENTION: frozenset[SourceStateName] = frozenset({"failing", "gone", "held", "suspect", "moved"})
#: Every state, in the order the summary counts them.
STATES: tuple[SourceStateName, ...] = ("ok", "new", "failing", "gone", "held", "suspect", "moved")
#: The version of the `--json` document; raised only when a field changes meaning or goes.
STATUS_SCHEMA = 1


def source_health(source: Source, record: SourceRecord | None, *, now: datetime) -> SourceHealth:
    """The state `source` is in, from what the store remembers of it (None: nothing)."""
    record = record or SourceRecord(url=source.url)
    state, since, parts = _state(source, record, now)
    return SourceHealth(
        source=source,
        record=record,
        state=state,
        since=since,
        detail=detail_text(parts),
        detail_parts=parts,
    )


def detail_text(
    parts: Sequence[DetailPart],
    lang: str = DEFAULT_LANGUAGE,
    moment: Callable[[datetime], str] | None = None,
) -> str:
    """A source's detail line in `lang`, its times written by `moment` (default:
    '2027-03-10 12:00 UTC'); what a server said is kept as it was said."""
    pieces = []
    for part in parts:
        if part.verbatim:
            pieces.append(part.message)
            continue
        values: dict[str, str | int] = {
            key: (moment or stamp)(value) if isinstance(value, datetime) else value
            for key, value in part.values
        }
        if part.plural is not None:
            values["num"] = count = plural_count(part)
            text = ngettext_for(lang, part.message, part.plural, count)
        else:
            text = gettext_for(lang, part.message)
        pieces.append(text % values if values else text)
    return "".join(pieces)


def plural_count(part: DetailPart) -> int:
    """The number that chooses `part`'s plural form and fills its `%(num)d`: a whole
    number, or a text of one ("3"). Anything else is a mistake in the caller: a
    ValueError, rather than a count read as 0 ("1 failed polls", "3 échec")."""
    value = dict(part.values).get("num")
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise ValueError(f"{part.message!r} needs a whole number as 'num', not {value!r}")


def _said(text: str) -> DetailPart:
    return DetailPart(text, verbatim=True)


def _state(
    source: Source, record: SourceRecord, now: datetime
) -> tuple[SourceStateName, datetime | None, tuple[DetailPart, ...]]:
    name = (("name", source.name),)
    if record.last_fetched is None:
        return "new", None, (DetailPart(N_("not polled yet: the next run polls it")),)
    if record.gone:
        gone = N_(
            "answered 410 Gone: not polled until its url is fixed in feeds.yaml "
            "or 'aggregator reset \"%(name)s\"' is run"
        )
        return "gone", record.failing_since, (DetailPart(gone, name),)
    if record.outcome == "gone":  # no longer marked gone: 'aggregator reset' was run
        return "new", None, (DetailPart(N_("reset after 410 Gone: polled again at the next run")),)
    if record.outcome == "failed" or (record.outcome == "skipped" and record.failures):
        error = record.last_error or record.error
        parts = [_said(error) if error else DetailPart(N_("the last poll failed"))]
        if record.failures:
            singular, plural = ngettext_noop(
                " (%(num)d failed poll in a row)", " (%(num)d failed polls in a row)"
            )
            parts.append(DetailPart(singular, (("num", record.failures),), plural=plural))
        else:  # reset since: its back-off is forgotten
            parts.append(DetailPart(N_("; reset: polled again at the next run")))
        if record.next_fetch is not None and record.next_fetch > now:
            parts.append(DetailPart(N_("; next try %(when)s"), (("when", record.next_fetch),)))
        return "failing", record.failing_since or record.last_fetched, tuple(parts)
    if record.held:
        singular, plural = ngettext_noop(
            "%(num)d new item held back after a suspected redesign: check the page, "
            "then 'aggregator release \"%(name)s\"'",
            "%(num)d new items held back after a suspected redesign: check the page, "
            "then 'aggregator release \"%(name)s\"'",
        )
        held = DetailPart(singular, (("num", record.held_items), *name), plural=plural)
        return "held", None, (held,)
    if record.outcome == "suspect":
        if record.warning:
            return "suspect", None, (_said(record.warning),)
        return "suspect", None, (DetailPart(N_("far fewer items than usual: check its selectors")),)
    if record.moved_to:
        moved = N_("permanently redirected to %(url)s: put that address in feeds.yaml")
        return "moved", None, (DetailPart(moved, (("url", record.moved_to),)),)
    return "ok", None, (_said(record.warning),) if record.warning else ()


def needs_attention(healths: Sequence[SourceHealth]) -> bool:
    """Whether any source is in a state that needs the secretariat (`ATTENTION`)."""
    return any(health.state in ATTENTION for health in healths)


def site_of(url: str) -> str | None:
    """The partner's site as we know it: the origin of its feed's or page's address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}/"


def polled_url(health: SourceHealth) -> str:
    """The address actually read: a page's advertised feed when it has one."""
    return health.record.resolved_feed or health.source.url


def stamp(moment: datetime | None) -> str:
    """'2027-03-10 12:00 UTC', or '–' when there is no time."""
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if moment else "–"


def iso(moment: datetime | None) -> str | None:
    """'2027-03-10T12:00:00Z', or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def status_document(healths: Sequence[SourceHealth], *, now: datetime) -> dict[str, Any]:
    """The `aggregator status --json` document (docs/outputs.md, "aggregator status")."""
    counts = {state: 0 for state in STATES}
    for health in healths:
        counts[health.state] += 1
    return {
        "schema": STATUS_SCHEMA,
        "generated": iso(now),
        "needs_attention": needs_attention(healths),
        "counts": counts,
        "recent_days": RECENT_DAYS,
        "sources": [_source_json(health) for health in healths],
    }


def _source_json(health: SourceHealth) -> dict[str, Any]:
    record = health.record
    return {
        "name": health.source.name,
        "type": health.source.type,
        "url": health.source.url,
        "polled_url": polled_url(health),
        "site": site_of(health.source.url),
        "state": health.state,
        "since": iso(health.since),
        "detail": health.detail,
        "last_poll": iso(record.last_fetched),
        "last_ok": iso(record.last_ok),
        "last_outcome": record.outcome,
        "http_status": record.http_status,
        "failures": record.failures,
        "next_poll": iso(record.next_fetch),
        "moved_to": record.moved_to,
        "held_items": record.held_items,
        "recent_items": record.recent_items,
    }


def status_table(healths: Sequence[SourceHealth]) -> str:
    """`aggregator status` for a person: one line per source (state, name, last good
    poll, recent items), its detail indented below, then one summary line."""
    header = ("STATE", "SOURCE", "LAST OK", f"ITEMS {RECENT_DAYS}D")
    rows = [
        (
            health.state + (f" since {stamp(health.since)}" if health.since else ""),
            health.source.name,
            stamp(health.record.last_ok) if health.record.last_ok else "never",
            str(health.record.recent_items),
        )
        for health in healths
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(3)]

    def line(cells: Sequence[str]) -> str:
        padded = (cell.ljust(width) for cell, width in zip(cells[:3], widths, strict=True))
        return "  ".join((*padded, cells[3]))

    lines = [line(header)]
    for health, row in zip(healths, rows, strict=True):
        lines.append(line(row))
        if health.detail:
            lines.append(" " * (widths[0] + 2) + "↳ " + health.detail)
    counts = {state: 0 for state in STATES}
    for health in healths:
        counts[health.state] += 1
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    attention = sum(counts[state] for state in ATTENTION)
    lines.append(
        f"{len(healths)} sources: {summary or 'none'}"
        + (f"; {attention} need attention" if attention else "")
    )
    return "\n".join(lines)
