"""Whether the published site needs writing again: the fingerprint of what it shows.

    site_fingerprint(config, version=…, items_version=…, now=now)  -> str
    outputs_present(config)                                      -> bool

The site depends on the items (`store.items_version`), feeds.yaml (as loaded), the
templates, the project's version and the date (open calls expire, "closes
in N days" counts down). When none of them changed and every output of
`render.render_site` is there, the files are left as they are. The last
fingerprint is kept in the database (`store.rendered_fingerprint`).
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import datetime

from .exports import EXPORT_NAMES
from .i18n import LOCALE_DIR
from .overrides import overrides_path
from .render import OUTPUT_NAMES, ROOT_NAMES, SITE_LANGUAGES, language_folder
from .types import Config


def site_fingerprint(config: Config, *, version: str, items_version: str, now: datetime) -> str:
    """A digest of everything the site is rendered from."""
    digest = hashlib.sha256()
    for part in (version, str(config.site), now.date().isoformat(), items_version):
        digest.update(part.encode() + b"\0")
    # feeds.yaml as this run read it: the file may be edited or deleted while it runs
    digest.update(repr(config).encode())
    with contextlib.suppress(FileNotFoundError):  # no corrections, or removed since
        digest.update(overrides_path(config.path).read_bytes())
    # the French and Spanish catalogs: a corrected translation is a changed site
    for catalog in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        stat = catalog.stat()
        digest.update(f"{catalog}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    for folder in config.template_folders:
        for template in sorted(folder.iterdir()) if folder.is_dir() else ():
            stat = template.stat()
            digest.update(f"{template}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    return digest.hexdigest()


def outputs_present(config: Config) -> bool:
    """Whether every file the site is made of is in the output folder (and each
    language's pages in its own folder)."""
    root = (*OUTPUT_NAMES, *ROOT_NAMES, *EXPORT_NAMES)
    return all((config.site / name).is_file() for name in root) and all(
        (config.site / language_folder(lang) / name).is_file()
        for lang in SITE_LANGUAGES[1:]
        for name in OUTPUT_NAMES
    )
