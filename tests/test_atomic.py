"""Replacing a file all at once: the old file or the new one, never half, never a leftover."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from aggregator.atomic import write_atomic


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_replaces_the_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_bytes(b"old")
    assert write_atomic(target, b"new") is True
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["feed.xml"]


def test_the_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    write_atomic(target, "Appel à projets\n")
    os.utime(target, (1_000_000_000, 1_000_000_000))
    assert write_atomic(target, "Appel à projets\n".encode()) is False  # text is UTF-8
    assert target.stat().st_mtime == 1_000_000_000  # readers' conditional GETs stay cheap


def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "feeds.yaml"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, 12345)  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["feeds.yaml"]


def test_a_missing_folder_is_an_error_not_a_stray_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "feed.xml", b"x")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("existing", "mode", "expected"),
    [
        (None, None, 0o644),  # a new file: readable by all
        (0o600, None, 0o600),  # mode=None keeps the file's own permissions
        (0o640, None, 0o640),
        (None, 0o600, 0o600),  # an explicit mode always wins
        (0o600, 0o644, 0o644),
        (0o666, 0o644, 0o644),
    ],
)
def test_file_mode_rule(
    tmp_path: Path, existing: int | None, mode: int | None, expected: int
) -> None:
    target = tmp_path / "file"
    if existing is not None:
        target.write_bytes(b"old")
        os.chmod(target, existing)
    assert write_atomic(target, b"new", mode=mode) is True
    assert mode_of(target) == expected
