"""The secretariat's corrections, in overrides.yaml beside feeds.yaml.

    overrides = load_overrides(path)            # {canonical URL: Override}
    item = apply_override(item, overrides)      # None when the item is hidden
    write_override(path, url, {"deadline": date(2027, 4, 30)})

The file maps an item's URL (as the site links it) to what the machine got
wrong:

    https://partner.example/calls/gold-2027:
      kind: call                  # call | event | news
      status: open                # open | rolling | forthcoming | closed
      deadline: 2027-04-30        # or null: the call has none
      opens: 2027-03-01
      event: {start: 2027-05-02, end: 2027-05-04, online: false}
      hidden: true                # never published
      note: why, for the next reader

A correction applies to every output at once, at each run, whatever the
partner later changes in its post. Loading and applying are pure; writing
keeps every comment and entry of the file (ruamel.yaml round trip).
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from aggregator.atomic import write_atomic
from aggregator.errors import ConfigError
from aggregator.types import CALL_STATUSES, KINDS, EventDates, Item, Override
from aggregator.urls import canonical_url

FILE_NAME = "overrides.yaml"
_KEYS = ("kind", "status", "deadline", "opens", "event", "hidden", "note")
_EVENT_KEYS = ("start", "end", "online")
_HEADER = (
    "# Corrections to what the clearinghouse read, keyed by the item's URL.\n"
    "# Each applies to every output at every run (docs/calls.md, 'Review').\n"
)


def overrides_path(config_path: Path) -> Path:
    """overrides.yaml beside feeds.yaml."""
    return config_path.resolve().parent / FILE_NAME


def load_overrides(path: Path) -> dict[str, Override]:
    """The corrections in `path`, by canonical URL; {} when the file does not exist."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=path) from None
    data = _load(text, path)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(
            "must map item URLs to corrections", path=path, line=1, fix="see docs/calls.md"
        )
    overrides: dict[str, Override] = {}
    for url, entry in data.items():
        line = _line(data, url)
        override = _override(str(url), entry, path, line)
        overrides[canonical_url(override.url)] = override
    return overrides


def apply_override(item: Item, overrides: Mapping[str, Override]) -> Item | None:
    """`item` as corrected, None when hidden; unchanged when no entry names it."""
    if not overrides:
        return item
    override = None
    for url in (item.url, item.link):
        if url:
            override = overrides.get(canonical_url(url))
            if override is not None:
                break
    if override is None:
        return item
    return correct(item, override)


def correct(item: Item, override: Override) -> Item | None:
    """`item` with `override`'s corrections, None when hidden."""
    if override.hidden:
        return None
    changes: dict[str, Any] = {}
    if override.kind is not None:
        changes["kind"] = override.kind
        changes["kind_reason"] = "corrected in overrides.yaml"
        if override.kind != "call":
            changes.update(status=None, deadline=None, opens=None, deadline_extended=False)
        if override.kind != "event":
            changes["event"] = None
    if override.status is not None:
        changes["status"] = override.status
        changes["status_reason"] = "corrected in overrides.yaml"
    elif (override.kind == "call" and item.kind != "call") and item.status is None:
        changes["status"] = "open" if (override.deadline or item.deadline) else "rolling"
    if override.deadline is not None or override.no_deadline:
        changes["deadline"] = override.deadline
        changes["deadline_phrase"] = "corrected in overrides.yaml"
        changes["deadline_extended"] = False
    if override.opens is not None:
        changes["opens"] = override.opens
    if override.event is not None:
        changes["event"] = override.event
    corrected = tuple(key for key in changes if key in _KEYS)
    return dataclasses.replace(item, **changes, confidence=1.0, corrected=corrected)


def override_json(override: Override) -> str:
    """An override as stored beside its item."""
    event = override.event
    return json.dumps(
        {
            "url": override.url,
            "kind": override.kind,
            "status": override.status,
            "deadline": override.deadline.isoformat() if override.deadline else None,
            "no_deadline": override.no_deadline,
            "opens": override.opens.isoformat() if override.opens else None,
            "event": [event.start.isoformat(), event.end.isoformat(), event.online]
            if event
            else None,
            "hidden": override.hidden,
            "note": override.note,
        },
        sort_keys=True,
    )


def override_from_json(text: str) -> Override:
    data = json.loads(text)
    event = data.get("event")
    return Override(
        url=data["url"],
        kind=data.get("kind"),
        status=data.get("status"),
        deadline=date.fromisoformat(data["deadline"]) if data.get("deadline") else None,
        no_deadline=bool(data.get("no_deadline")),
        opens=date.fromisoformat(data["opens"]) if data.get("opens") else None,
        event=EventDates(date.fromisoformat(event[0]), date.fromisoformat(event[1]), event[2])
        if event
        else None,
        hidden=bool(data.get("hidden")),
        note=data.get("note"),
    )


def write_override(path: Path, url: str, changes: Mapping[str, Any]) -> None:
    """Set `changes` on the entry for `url` (made if missing), keeping the rest of the file.

    A value of None removes that key from the entry, but `deadline: None`, which
    records that the item has no deadline.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    for key in changes:
        if key not in _KEYS:
            raise ConfigError(f"unknown correction {key!r}", path=path, fix=_fix_keys())
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = _HEADER
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=path) from None
    yaml = YAML(typ="rt")
    yaml.width = 4096
    data = _load(text, path, yaml=yaml)
    if data is None:
        data = CommentedMap()
        if text.strip():
            data.yaml_set_start_comment(_comment_lines(text))
    if not isinstance(data, dict):
        raise ConfigError("must map item URLs to corrections", path=path, line=1)
    key = next((k for k in data if canonical_url(str(k)) == canonical_url(url)), url)
    entry = data.get(key)
    if not isinstance(entry, dict):
        entry = CommentedMap()
        data[key] = entry
    for name, value in changes.items():
        if value is None and name != "deadline":
            entry.pop(name, None)
        elif isinstance(value, EventDates):
            entry[name] = {
                "start": value.start,
                "end": value.end,
                "online": value.online,
            }
        else:
            entry[name] = value
    _override(str(key), entry, path, None)  # refuse to write what would not load
    out = io.StringIO()
    yaml.dump(data, out)
    write_atomic(path, out.getvalue())


# --- reading -----------------------------------------------------------------------------


def _load(text: str, path: Path, *, yaml: Any = None) -> Any:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return (yaml or YAML(typ="rt")).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise ConfigError(f"not valid YAML: {problem}", path=path, line=line) from None


def _comment_lines(text: str) -> str:
    return "\n".join(line.lstrip("# ").rstrip() for line in text.splitlines() if line.strip())


def _line(data: Any, key: Any) -> int | None:
    try:
        return int(data.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _fix_keys() -> str:
    return "use " + ", ".join(_KEYS)


def _override(url: str, entry: Any, path: Path, line: int | None) -> Override:
    def fail(message: str, fix: str | None = None) -> ConfigError:
        return ConfigError(f"{url}: {message}", path=path, line=line, fix=fix)

    if not url.startswith(("http://", "https://")):
        raise fail("an entry is keyed by the item's URL (https://…)")
    if entry is None:
        entry = {}
    if not isinstance(entry, Mapping):
        raise fail("must be a mapping of corrections", _fix_keys())
    unknown = [str(k) for k in entry if k not in _KEYS]
    if unknown:
        raise fail(f"unknown correction {unknown[0]!r}", _fix_keys())
    kind = entry.get("kind")
    if kind is not None and kind not in KINDS:
        raise fail(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    status = entry.get("status")
    if status is not None and status not in CALL_STATUSES:
        raise fail(f"status {status!r} is not one of {', '.join(CALL_STATUSES)}")
    hidden = entry.get("hidden", False)
    if not isinstance(hidden, bool):
        raise fail("hidden must be true or false")
    note = entry.get("note")
    return Override(
        url=url,
        kind=kind,
        status=status,
        deadline=_date(entry.get("deadline"), "deadline", fail),
        no_deadline="deadline" in entry and entry.get("deadline") is None,
        opens=_date(entry.get("opens"), "opens", fail),
        event=_event(entry.get("event"), fail),
        hidden=hidden,
        note=str(note) if note is not None else None,
        line=line,
    )


def _date(value: Any, key: str, fail: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise fail(f"{key} {value!r} is not a date", "write it as YYYY-MM-DD") from None


def _event(value: Any, fail: Any) -> EventDates | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise fail("event must be {start: YYYY-MM-DD, end: YYYY-MM-DD, online: true/false}")
    unknown = [str(k) for k in value if k not in _EVENT_KEYS]
    if unknown:
        raise fail(f"unknown event key {unknown[0]!r}", "use start, end, online")
    start = _date(value.get("start"), "event start", fail)
    if start is None:
        raise fail("event needs a start date")
    end = _date(value.get("end"), "event end", fail) or start
    if end < start:
        raise fail("event ends before it starts")
    online = value.get("online")
    if online is not None and not isinstance(online, bool):
        raise fail("event online must be true, false or null")
    return EventDates(start, end, online)
