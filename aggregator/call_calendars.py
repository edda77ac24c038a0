"""Each open call's own calendar: `site/calls/<anchor>.ics`, one event on its deadline.

    write_call_calendars(items, config, now=now) -> (written, removed)

The page's "Add to calendar" link on a call points here (`render.call_calendar_name`).
Only open calls with a deadline get one, the same calls as deadlines.ics, with the
same event (same UID), escaped by icalendar the same way. Each file is written
atomically and only when its bytes changed. A file of a call no longer open is
removed, but only one of ours: a regular file directly in `calls/` named
`item-….ics`; anything else in the folder (and a `calls` that is a link) is left
alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from .atomic import write_atomic
from .errors import StorageError
from .render import SITE_FILE_MODE, Site, call_calendar_name, render_call_calendar
from .select import open_calls
from .types import Config, Item

log = logging.getLogger("aggregator")

#: The folder of the per-call calendars, in the site.
CALLS_FOLDER = "calls"
#: The names we write there (render.anchor: "item-" and [A-Za-z0-9_-]).
OUR_FILE = re.compile(r"^item-[A-Za-z0-9_-]+\.ics$")


def calls_with_calendar(items: Sequence[Item], *, today: date, open_days: int) -> list[Item]:
    """The calls that get their own .ics: open, with a deadline."""
    return [c for c in open_calls(items, today=today, open_days=open_days) if c.deadline]


def write_call_calendars(
    items: Sequence[Item], config: Config, *, now: datetime
) -> tuple[list[Path], list[Path]]:
    """Write each open call's .ics into `config.site`/calls and remove those of calls no
    longer open; returns (written or unchanged, removed)."""
    today = now.astimezone(UTC).date()
    site = Site.from_config(config)
    folder = config.site / CALLS_FOLDER
    wanted = {
        Path(call_calendar_name(call)).name: call
        for call in calls_with_calendar(items, today=today, open_days=config.open_call_days)
    }
    try:
        if folder.is_symlink():
            log.warning("%s is a link: its per-call calendars are not written", folder)
            return [], []
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, call in sorted(wanted.items()):
            path = folder / name
            write_atomic(path, render_call_calendar(call, site, now=now), mode=SITE_FILE_MODE)
            written.append(path)
        removed = []
        for path in sorted(folder.iterdir()):
            if path.name in wanted or not OUR_FILE.match(path.name):
                continue
            if path.is_symlink() or not path.is_file():
                continue
            path.unlink(missing_ok=True)
            removed.append(path)
    except OSError as exc:  # a file where the folder should be, no space left, no permission
        raise StorageError(
            f"cannot write the calls' calendars in {folder}: {exc.strerror or exc} "
            "(see 'site' in feeds.yaml)"
        ) from exc
    return written, removed
