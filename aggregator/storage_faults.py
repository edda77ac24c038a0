"""What went wrong with the database, in one line the admin can act on.

    storage_message(error, path, free_bytes=…)  -> "the database … is read-only: …"
    storage_errors(path)                        with-block: sqlite3 errors → StorageError
    check_not_corrupt(conn, path)               `PRAGMA quick_check`, before any write

SQLite says "attempt to write a readonly database", "database disk image is
malformed", "database or disk is full", "disk I/O error" or "database is
locked"; each becomes a StorageError naming the file and what to do. A
"disk I/O error" is worded as a full disk when the disk has (almost) no
free space left, since that is what it then means.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from .errors import StorageError

#: Below this much free space, a "disk I/O error" is taken to mean the disk is full.
NEARLY_FULL = 8 * 1024 * 1024


def storage_message(error: BaseException, path: Path, *, free_bytes: int | None) -> str:
    """One line for a sqlite3 (or OS) error met while using the database at `path`."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    lowered = text.lower()
    if "readonly" in lowered or "read-only" in lowered or name.startswith("SQLITE_READONLY"):
        return (
            f"the database {path} is read-only: let the user running the aggregator write "
            f"the file and its folder {path.parent} (chmod, chown, or chattr -i)"
        )
    if name.startswith("SQLITE_NOTADB") or "not a database" in lowered:
        return (
            f"cannot use {path} as the database: it is not an SQLite database (point "
            "'database' in feeds.yaml at another file, or restore it from a backup)"
        )
    if name.startswith("SQLITE_CORRUPT") or "malformed" in lowered:
        return corrupt_message(path, text)
    full = name == "SQLITE_FULL" or "disk is full" in lowered
    if full or (
        "disk i/o error" in lowered and free_bytes is not None and free_bytes < NEARLY_FULL
    ):
        return (
            f"the disk holding the database {path} is full{_free(free_bytes)}: what could "
            "not be written was rolled back; free some space and run again"
        )
    if "disk i/o error" in lowered or name.startswith("SQLITE_IOERR"):
        return (
            f"the disk failed while writing the database {path} (disk I/O error)"
            f"{_free(free_bytes)}: check the disk, then run again"
        )
    if name.startswith("SQLITE_BUSY") or "locked" in lowered:
        return (
            f"the database {path} is locked by another program (an sqlite3 shell, a "
            "backup?) for longer than we wait: end its transaction and run again"
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in lowered:
        return (
            f"cannot use {path} as the database: unable to open it (is it a folder? can "
            "its folder be written?) (see 'database' in feeds.yaml)"
        )
    return f"cannot use the database {path}: {text} (see 'database' in feeds.yaml)"


def corrupt_message(path: Path, detail: str) -> str:
    return (
        f"the database {path} is corrupt ({detail.splitlines()[0] if detail else 'damaged'}): "
        "nothing was written to it; restore it from a backup, or move it away to start "
        "an empty one"
    )


def _free(free_bytes: int | None) -> str:
    return "" if free_bytes is None else f" ({free_bytes // (1024 * 1024)} MB free)"


def free_space(path: Path) -> int | None:
    """Free bytes on the disk holding `path`, if that can be told."""
    try:
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free
    except OSError:
        return None


def storage_error(error: BaseException, path: Path) -> StorageError:
    return StorageError(storage_message(error, path, free_bytes=free_space(path)))


@contextlib.contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Turn the sqlite3 errors of the with-block into one StorageError about `path`."""
    try:
        yield
    except sqlite3.Error as error:
        raise storage_error(error, path) from error


def check_not_corrupt(conn: sqlite3.Connection, path: Path) -> None:
    """StorageError unless `PRAGMA quick_check` finds the database sound."""
    try:
        rows = conn.execute("PRAGMA quick_check(1)").fetchall()
    except sqlite3.DatabaseError as error:
        raise storage_error(error, path) from error
    if [tuple(row) for row in rows] != [("ok",)]:
        raise StorageError(corrupt_message(path, str(rows[0][0]) if rows else ""))
