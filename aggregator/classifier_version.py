"""Which classifier decided an item: a fingerprint of the rules and the code.

    classifier_version(rules) -> "3f9c0a1b2d4e5f60"

Stored with each item (`items.classifier`); a run re-classifies the stored items
whose fingerprint is not the current one (see `pipeline.reclassify_stored`), so a
change of phrase lists, date reading or feeds.yaml's
`classify:` phrases reaches items that their feeds no longer list.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from aggregator.types import Rules

#: What the decisions depend on, beside feeds.yaml's own phrases (paths in the
#: package; "classify/*.py" is every module of the classifier).
PARTS = ("classify/*.py", "rules.py", "dates.py")


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for pattern in PARTS:
        for path in sorted(here.glob(pattern)):
            digest.update(path.relative_to(here).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.digest()


@lru_cache(maxsize=16)
def classifier_version(rules: Rules) -> str:
    """A short fingerprint of the built-in classifier and of `rules` (feeds.yaml's)."""
    digest = hashlib.sha256(_code_fingerprint())
    digest.update(repr(rules).encode())
    return digest.hexdigest()[:16]
