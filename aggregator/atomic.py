"""Replacing a file all at once: a reader sees the old file or the new one, never half.

    write_atomic(site / "feed.xml", xml, mode=0o644)  -> True (written) / False (unchanged)
    write_atomic(config_path, text)                     -> keeps feeds.yaml's own mode

The bytes go to a temporary file in the same folder (so the final rename
stays on one file system), are flushed to disk, given their mode, then
renamed over the target with ``os.replace``. If anything fails the
temporary file is removed and the old file is left as it was.

File mode, one rule: an explicit `mode` is always applied; with
``mode=None`` an existing file keeps its own permission bits and a new
file gets ``DEFAULT_MODE`` (0o644, readable by a web server).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The mode of a new file written with ``mode=None``: owner read/write, others read.
DEFAULT_MODE = 0o644


def write_atomic(path: Path, data: bytes | str, *, mode: int | None = None) -> bool:
    """Replace `path` with `data` (text is written as UTF-8); False if it already holds it.

    When the file already holds exactly these bytes nothing is written, so
    its modification time (and readers' conditional requests) stay as they
    were. The folder must exist. See the module docstring for the mode.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
        existing_mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        existing_mode = None
    if mode is None:
        mode = existing_mode if existing_mode is not None else DEFAULT_MODE
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
