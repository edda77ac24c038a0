"""Files for other systems: the open calls and upcoming events as CSV, and the open and
forthcoming calls as CommonGrants opportunities (`opportunities`).

    write_exports(items, config, now=now) -> [site/calls.csv, site/events.csv,
                                              site/opportunities/index.json]

Both are RFC 4180 (the csv module: a header row, CRLF line ends, quotes
doubled) in plain UTF-8 without a byte-order mark. A cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` so
that a spreadsheet never runs it as a formula. Written atomically, and only
when the bytes changed, like the rest of the site.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from aggregator.atomic import write_atomic
from aggregator.opportunities import OPPORTUNITIES_NAME, opportunities_json
from aggregator.render import SITE_FILE_MODE, Site, xml_text
from aggregator.select import forthcoming_calls, open_calls, status_on, upcoming_events
from aggregator.types import Config, Item

#: The files `write_exports` writes, in order.
EXPORT_NAMES = ("calls.csv", "events.csv", OPPORTUNITIES_NAME)
CALL_COLUMNS = ("title", "partners", "url", "deadline", "status", "opens", "language", "kind")
EVENT_COLUMNS = ("title", "partners", "url", "start", "end", "online", "language")
#: What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_exports(items: Sequence[Item], config: Config, *, now: datetime) -> list[Path]:
    """Write calls.csv and events.csv into `config.site`; return their paths."""
    today = now.astimezone(UTC).date()
    site = Site.from_config(config)
    still_open = open_calls(items, today=today, open_days=config.open_call_days)
    outputs = {
        "calls.csv": calls_csv(still_open, site, now=now),
        "events.csv": events_csv(upcoming_events(items, today=today), site),
        # open calls closing soonest, then the calls coming soon
        OPPORTUNITIES_NAME: opportunities_json(
            [*still_open, *forthcoming_calls(items, today=today)], site, today=today
        ),
    }
    config.site.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORT_NAMES:
        path = config.site / name
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, outputs[name], mode=SITE_FILE_MODE)
        written.append(path)
    return written


def calls_csv(calls: Iterable[Item], site: Site, *, now: datetime) -> str:
    """The open calls in the given order, one row each."""
    today = now.astimezone(UTC).date()
    rows = [
        (
            call.title,
            "; ".join(call.partner_names),
            site.item_link(call),
            call.deadline.isoformat() if call.deadline else "",
            status_on(call, today) or "",
            call.opens.isoformat() if call.opens else "",
            call.language or "",
            call.kind,
        )
        for call in calls
    ]
    return _csv(CALL_COLUMNS, rows)


def events_csv(events: Iterable[Item], site: Site) -> str:
    """The upcoming events in the given order; `online` is true, false or empty (both
    or not said)."""
    rows = [
        (
            event.title,
            "; ".join(event.partner_names),
            site.item_link(event),
            event.event.start.isoformat(),
            event.event.end.isoformat(),
            {True: "true", False: "false", None: ""}[event.event.online],
            event.language or "",
        )
        for event in events
        if event.event is not None
    ]
    return _csv(EVENT_COLUMNS, rows)


def spreadsheet_safe(value: str) -> str:
    """`value` with a leading ' when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([spreadsheet_safe(" ".join(xml_text(cell).split())) for cell in row])
    return out.getvalue()
