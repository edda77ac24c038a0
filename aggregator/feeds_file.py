"""Editing feeds.yaml in place, keeping everything the admin wrote.

    append_source(path, {"name": ..., "url": ..., "type": "page", "selectors": {...}})

The file is read with ruamel.yaml in round-trip mode to find the `feeds:`
list and refuse duplicates (same canonical URL, or same name). The new entry
is rendered by ruamel.yaml with the list's own indentation and inserted as
text right after the last entry, so every other byte of the file (comments,
quoting, blank lines, key order) stays as it was; the result is parsed again
to check the entry landed at the end of the list before the file is replaced
atomically (aggregator.atomic: temporary file + os.replace), keeping its mode.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from aggregator.atomic import write_atomic
from aggregator.config import load_round_trip
from aggregator.errors import ConfigError
from aggregator.urls import canonical_url

_INDENT = re.compile(r"[ ]*")


def append_source(path: Path, entry: Mapping[str, object]) -> None:
    """Append `entry` at the end of the `feeds:` list of `path`, changing nothing else.

    Raises ConfigError if the file cannot be read, has no `feeds:` list, or
    already lists the same URL (compared as canonical URLs) or name.
    """
    text, data, feeds = _read(path, entry)
    before = len(feeds or [])
    if isinstance(feeds, CommentedSeq) and feeds and not feeds.fa.flow_style():
        new_text = _spliced(text, feeds, entry)
    else:
        new_text = _dumped(data, entry, path)
    _check(new_text, before, entry, path)
    write_atomic(path, new_text)  # mode=None: the file keeps its permissions


def check_new_source(path: Path, *, name: str | None = None, url: str | None = None) -> None:
    """Raise ConfigError if the file already lists `url` or `name`; write nothing."""
    feeds = _feeds(path)[2]
    _refuse_duplicates(feeds or [], name, url, path)


def _read(path: Path, entry: Mapping[str, object]) -> tuple[str, Any, CommentedSeq | None]:
    """The file's text, its round-trip data and its `feeds:` list, once `entry` is known new."""
    name, url = entry.get("name"), entry.get("url")
    if not isinstance(name, str) or not name.strip() or not isinstance(url, str) or not url:
        raise ConfigError("a new feed needs a 'name' and a 'url'", path=path)
    text, data, feeds = _feeds(path)
    _refuse_duplicates(feeds or [], name, url, path)
    return text, data, feeds


def _feeds(path: Path) -> tuple[str, Any, CommentedSeq | None]:
    try:
        text = path.read_bytes().decode("utf-8")  # bytes: keep \r\n line endings as they are
    except UnicodeDecodeError as error:
        raise ConfigError("the file is not UTF-8 text", path=path) from error
    except OSError as error:
        raise ConfigError(f"cannot read the file: {error.strerror}", path=path) from error
    data = load_round_trip(text, path)
    feeds = data.get("feeds") if isinstance(data, CommentedMap) else None
    if feeds is not None and not isinstance(feeds, CommentedSeq):
        raise ConfigError("'feeds' must be a list", path=path, line=_key_line(data, "feeds"))
    return text, data, feeds


def _key_line(data: CommentedMap, key: str) -> int | None:
    try:
        return int(data.lc.key(key)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def _refuse_duplicates(feeds: Any, name: str | None, url: str | None, path: Path) -> None:
    wanted_url = canonical_url(url) if url else None
    wanted_name = name.strip().casefold() if name else None
    for index, existing in enumerate(feeds):
        if not isinstance(existing, Mapping):
            continue
        line = _item_line(feeds, index)
        existing_name = str(existing.get("name") or "")
        existing_url = existing.get("url")
        if isinstance(existing_url, str) and canonical_url(existing_url) == wanted_url:
            raise ConfigError(
                f"{url} is already in the file as '{existing_name}'",
                path=path,
                line=line,
                key="url",
                fix="nothing to add",
            )
        if existing_name.strip().casefold() == wanted_name:
            raise ConfigError(
                f"the name '{name}' is already used by {existing_url}",
                path=path,
                line=line,
                key="name",
                fix="choose another name with --name",
            )


def _item_line(feeds: Any, index: int) -> int | None:
    try:
        return int(feeds.lc.item(index)[0]) + 1
    except (KeyError, TypeError, AttributeError):
        return None


def _spliced(text: str, feeds: CommentedSeq, entry: Mapping[str, object]) -> str:
    """`text` with `entry` rendered as a list item right after the last one."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in text else "\n"
    last_line, content_column = (int(n) for n in feeds.lc.item(len(feeds) - 1))
    dash_column = lines[last_line].rfind("-", 0, content_column)
    if dash_column < 0:  # should not happen for a block list; keep the content column
        dash_column = max(content_column - 2, 0)
    # The last entry ends before the next line indented no deeper than its dash
    # (the next top-level key) or at the end of the file; trailing blank lines
    # and comments after it stay after the new entry.
    end = len(lines)
    for number in range(last_line + 1, len(lines)):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#") and _indent(lines[number]) <= dash_column:
            end = number
            break
    insert_at = last_line + 1
    for number in range(last_line + 1, end):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            insert_at = number + 1
    rendered = _render(entry, indent=content_column - dash_column)
    block = "".join(" " * dash_column + line + newline for line in rendered.splitlines())
    if len(feeds) > 1 and last_line > 0 and not lines[last_line - 1].strip():
        block = newline + block  # the entries are separated by blank lines: so is this one
    before = lines[:insert_at]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += newline
    return "".join([*before, block, *lines[insert_at:]])


def _indent(line: str) -> int:
    return len(_INDENT.match(line).group(0))  # type: ignore[union-attr]


def _render(entry: Mapping[str, object], *, indent: int) -> str:
    """`entry` as one YAML list item ("- name: …"), nested mappings indented by `indent`."""
    yaml = YAML(typ="rt")
    indent = max(indent, 2)
    yaml.indent(mapping=indent, sequence=indent, offset=0)
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump([_commented(entry)], stream)
    return stream.getvalue()


def _commented(value: object) -> object:
    """Plain mappings and lists as ruamel nodes; short lists of scalars in flow style."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            if item is not None:
                node[key] = _commented(item)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq(_commented(item) for item in value)
        if all(isinstance(item, str | int | float) for item in value):
            seq.fa.set_flow_style()
        return seq
    return value


def _dumped(data: Any, entry: Mapping[str, object], path: Path) -> str:
    """The whole file re-dumped with the entry added (an empty or inline `feeds:` list)."""
    if not isinstance(data, CommentedMap):
        raise ConfigError("the file must be a mapping with a 'feeds:' list", path=path)
    feeds = data.get("feeds")
    if not isinstance(feeds, CommentedSeq):
        feeds = CommentedSeq()
        data["feeds"] = feeds
    feeds.fa.set_block_style()
    feeds.append(_commented(entry))
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _check(new_text: str, before: int, entry: Mapping[str, object], path: Path) -> None:
    """The edited file parses and its last feed is `entry`; else nothing is written."""
    data = load_round_trip(new_text, path)
    feeds = data.get("feeds") if isinstance(data, CommentedMap) else None
    if (
        not isinstance(feeds, CommentedSeq)
        or len(feeds) != before + 1
        or _plain(feeds[-1]) != _plain(_commented(entry))
    ):
        raise ConfigError(
            "could not add the entry without disturbing the file; add it by hand",
            path=path,
        )


def _plain(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
