"""The language identifier's model, kept in one file that every process maps.

    share_beside(database)           a run's processes map <database>.langid
    identifier(("en", "fr", "es"))   -> py3langid's LanguageIdentifier, made once a process
    from_file(path, languages)       mapped from `path` (written first if need be)
    loaded(languages)                loaded in memory, as py3langid does

py3langid ships its model packed (4.5 MB of xz). Loading it costs a process
about a second of CPU and 58 MB, twice that for a moment while it is
unpacked, most of it the 39 MB transition table of the automaton that reads
a text's bytes; each parsing process of a run used to load its own copy.

Once `share_beside` has named the file, the first process that detects a
language writes the model, restricted to our languages and unpacked, to
`<database>.langid` (41 MB, once: later runs find it there), and each
process maps that file read-only instead of loading the model: the system
keeps one copy in its page cache for all of them, reads only the pages a
text visits, and no process can change it. The arrays in the file are the
model's own, byte for byte, so every text gets the same language and the same
confidence as from the model loaded in memory (tests/test_langmodel.py).

The file starts with one page of header: a magic line, then JSON giving the
key (py3langid's version and model file, the languages, this layout), the
file's length and each array's type, length and offset. A file that does not
match is written again, by one process at a time (a lock on the folder; the
others wait and map what it wrote), to a temporary file renamed over it when
whole. A file that cannot be written means the model is loaded in memory as
before, with no message: it costs memory, not answers.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import mmap
import os
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

MAGIC = b"aggregator language model\n"
#: Bump when what the file holds, or how, changes: older files are written again.
LAYOUT = 1
HEADER_BYTES = 4096
#: Each array starts on a page of its own.
ALIGN = 4096

_shared: list[Path] = []


def shared_path(database: Path) -> Path:
    """Where the model is kept for the runs on `database`: beside it, as `.langid`."""
    return database.with_name(database.name + ".langid")


def share_beside(database: Path) -> None:
    """Let this process, and the processes it forks, map the model from beside
    `database` (written by the first of them that needs it)."""
    _shared[:] = [shared_path(database)]


@lru_cache(maxsize=4)
def identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    """py3langid's identifier restricted to `languages`, probabilities normalised:
    mapped from the shared file when `share_beside` named one, else in memory."""
    if _shared:
        mapped = from_file(_shared[0], languages)
        if mapped is not None:
            return mapped
    return loaded(languages)


def loaded(languages: tuple[str, ...]) -> LanguageIdentifier:
    """The identifier as py3langid loads it, in this process's memory."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    # it keeps the model of all 97 languages to allow another set_languages: 28 MB
    # that we never use again
    identifier._full_model = None
    return identifier


def from_file(path: Path, languages: tuple[str, ...]) -> LanguageIdentifier | None:
    """The identifier over the arrays of the file at `path`, mapped read-only; the
    file is written first when it is missing or not this model's. None when it
    cannot be written (the folder is gone or read-only, the disk is full)."""
    key = _key(languages)
    mapped = _mapped(path, key)
    if mapped is not None:
        return mapped
    try:
        with _building(path.parent):
            mapped = _mapped(path, key)  # another process wrote it while we waited
            if mapped is None:
                for left in path.parent.glob(f".{path.name}.*.tmp"):  # a writer killed midway
                    left.unlink(missing_ok=True)
                write_shared(path, languages)
                mapped = _mapped(path, key)
    except OSError:
        return None
    return mapped


@contextlib.contextmanager
def _building(folder: Path) -> Any:
    """One process at a time writes the file: the others wait, then map what it wrote."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock


def _key(languages: tuple[str, ...]) -> str:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    model = Path(MODEL_DIR) / MODEL_FILE
    stat = model.stat()
    try:
        langid_version = version("py3langid")
    except PackageNotFoundError:  # pragma: no cover - an unpackaged copy
        langid_version = "?"
    said = [LAYOUT, langid_version, str(model), stat.st_size, stat.st_mtime_ns, list(languages)]
    return hashlib.sha256(json.dumps(said).encode()).hexdigest()[:20]


def _arrays(identifier: LanguageIdentifier) -> dict[str, tuple[str, bytes | memoryview]]:
    """The parts of the identifier that detection reads, as (type code, raw bytes)."""
    import numpy as np

    ptc = np.ascontiguousarray(identifier.nb_ptc)
    pc = np.ascontiguousarray(identifier.nb_pc)
    wide = max(identifier._rowbase, default=0) >= 2**32
    rowbase = np.asarray(identifier._rowbase, dtype=np.uint64 if wide else np.uint32)
    output = np.asarray(identifier.tk_output, dtype=np.int32)
    return {
        "ptc": (ptc.dtype.str, ptc.tobytes()),
        "pc": (pc.dtype.str, pc.tobytes()),
        "nextmove": (identifier.tk_nextmove.typecode, memoryview(identifier.tk_nextmove).cast("B")),
        "row": (identifier.tk_row.typecode, memoryview(identifier.tk_row).cast("B")),
        "rowbase": (rowbase.dtype.char, rowbase.tobytes()),
        "output": (output.dtype.char, output.tobytes()),
    }


def write_shared(path: Path, languages: tuple[str, ...]) -> LanguageIdentifier:
    """Load the model restricted to `languages` and write it to `path` (replaced
    whole); the identifier loaded in memory."""
    identifier = loaded(languages)
    _write(path, _key(languages), identifier)
    return identifier


def _write(path: Path, key: str, identifier: LanguageIdentifier) -> None:
    arrays = _arrays(identifier)
    places: dict[str, list[Any]] = {}
    offset = HEADER_BYTES
    for name, (code, data) in arrays.items():
        places[name] = [code, len(data), offset]
        offset += -(-len(data) // ALIGN) * ALIGN
    header = {
        "key": key,
        "size": offset,
        "classes": list(identifier.nb_classes),
        "features": int(identifier.nb_ptc.shape[0]),
        "arrays": places,
    }
    head = MAGIC + json.dumps(header).encode() + b"\n"
    if len(head) > HEADER_BYTES:  # pragma: no cover - a header of a few hundred bytes
        raise OSError("language model header too long")
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(head.ljust(HEADER_BYTES, b" "))
            for name, (_code, data) in arrays.items():
                handle.seek(places[name][2])
                handle.write(data)
            handle.truncate(offset)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mapped(path: Path, key: str) -> LanguageIdentifier | None:
    """The identifier over the file's arrays; None when the file is missing or not
    this model's."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(HEADER_BYTES)
            if not head.startswith(MAGIC):
                return None
            header = json.loads(head[len(MAGIC) :])
            if header.get("key") != key or os.fstat(handle.fileno()).st_size != header["size"]:
                return None
            whole = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return _over(memoryview(whole), header)
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None


def _over(whole: memoryview, header: dict[str, Any]) -> LanguageIdentifier:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    def part(name: str) -> memoryview:
        _code, length, offset = header["arrays"][name]
        return whole[offset : offset + length]

    def numbers(name: str) -> memoryview:
        return part(name).cast(header["arrays"][name][0])

    classes = header["classes"]
    ptc = np.frombuffer(part("ptc"), dtype=header["arrays"]["ptc"][0])
    ptc = ptc.reshape(header["features"], len(classes))
    pc = np.frombuffer(part("pc"), dtype=header["arrays"]["pc"][0])
    # the byte walk reads tk_output most: as a list it is a third quicker than
    # read from the mapping (each read there makes a new int), for 4 MB a process
    mapped = LanguageIdentifier(
        ptc,
        pc,
        classes,
        numbers("nextmove"),
        numbers("output").tolist(),
        norm_probs=True,
        tk_row=numbers("row"),
    )
    mapped._rowbase = numbers("rowbase")
    mapped._full_model = None
    return mapped
