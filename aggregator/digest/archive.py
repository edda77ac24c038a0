"""The digest's issues kept on the site: one web copy per issue, per language, and an index.

    write_issue(site, "2027-03-29", {"en": html, "fr": html}, whatsapp={"en": text, …})
        -> site/digests/2027-03-29.html, 2027-03-29.fr.html, 2027-03-29-whatsapp.txt, …
    write_index(site, title=..., templates=...)  -> site/digests/index.html
    web_copy(html, "../favicon.svg")                -> the email's HTML as a page of the site

The index lists every issue found in the folder, newest first, with its
languages and its WhatsApp text, the latest shown in full for an admin to
copy into a group. Every file is written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from ..atomic import write_atomic

#: The folder of the site holding the issues.
FOLDER = "digests"
#: The site's icon (render.ICON_NAME, at the site's root), as the archive's pages link it.
ICON = "favicon.svg"
INDEX_TEMPLATE = "digests.html"
_ISSUE = re.compile(r"^(?P<stem>(?P<day>\d{4}-\d{2}-\d{2})(?:-\d{4})?)\.html$")
_LANGUAGE_COPY = re.compile(r"^(?P<stem>\d{4}-\d{2}-\d{2}(?:-\d{4})?)\.(?P<lang>[a-z]{2})\.html$")


@dataclass(frozen=True)
class Issue:
    """One issue found in the archive folder."""

    stem: str
    day: date
    #: (language, file name); "en" is the main copy.
    copies: tuple[tuple[str, str], ...]
    #: (language, file name, text) of its WhatsApp texts.
    whatsapp: tuple[tuple[str, str, str], ...] = ()


def issue_stem(period: str, created: date, hour_minute: str | None = None) -> str:
    """The file name (without .html) of an issue: its period "2027-03-29", or for one
    sent on demand the day and time it was built ("2027-03-30-1015")."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return period
    return f"{created.isoformat()}-{hour_minute or '0000'}"


def issue_file(stem: str, lang: str) -> str:
    """ "2027-03-29.html" for English, "2027-03-29.fr.html" for the others."""
    return f"{stem}.html" if lang == "en" else f"{stem}.{lang}.html"


def whatsapp_file(stem: str, lang: str) -> str:
    """ "2027-03-29-whatsapp.txt" for English, "2027-03-29-whatsapp.fr.txt" for the others."""
    return f"{stem}-whatsapp.txt" if lang == "en" else f"{stem}-whatsapp.{lang}.txt"


def write_issue(
    site: Path,
    stem: str,
    html_by_language: Mapping[str, str],
    *,
    whatsapp: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write an issue's web copies and WhatsApp texts (by language); the paths written."""
    folder = site / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang, html in html_by_language.items():
        path = folder / issue_file(stem, lang)
        write_atomic(path, web_copy(html, f"../{ICON}"), mode=0o644)
        written.append(path)
    for lang, text in (whatsapp or {}).items():
        path = folder / whatsapp_file(stem, lang)
        write_atomic(path, text, mode=0o644)
        written.append(path)
    return written


def web_copy(html: str, icon: str) -> str:
    """The digest as a page of the site: the email's HTML with a link to the site's
    `icon` in its <head> (an email has none: mail clients would not use it)."""
    link = f'<link rel="icon" type="image/svg+xml" href="{icon}">'
    head = re.search(r"<head[^>]*>", html, flags=re.IGNORECASE)
    if head is None or link in html:
        return html
    return f"{html[: head.end()]}\n{link}{html[head.end() :]}"


def issues(site: Path) -> list[Issue]:
    """Every issue in the archive folder, newest first."""
    folder = site / FOLDER
    if not folder.is_dir():
        return []
    names = sorted(path.name for path in folder.iterdir())
    found = []
    for name in names:
        match = _ISSUE.match(name)
        if not match:
            continue
        stem = match["stem"]
        copies = [("en", name)]
        for other in names:
            copy = _LANGUAGE_COPY.match(other)
            if copy and copy["stem"] == stem:
                copies.append((copy["lang"], other))
        texts = []
        for lang, _ in copies:
            text_path = folder / whatsapp_file(stem, lang)
            if text_path.is_file():
                texts.append((lang, text_path.name, text_path.read_text(encoding="utf-8")))
        found.append(
            Issue(
                stem=stem,
                day=date.fromisoformat(match["day"]),
                copies=tuple(copies),
                whatsapp=tuple(texts),
            )
        )
    return sorted(found, key=lambda issue: issue.stem, reverse=True)


def write_index(
    site: Path, *, title: str, templates: Path | tuple[Path, ...], site_url: str
) -> Path:
    """(Re)write site/digests/index.html from the issues in the folder."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            templates if isinstance(templates, Path) else list(templates)
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    html = environment.get_template(INDEX_TEMPLATE).render(
        title=title, issues=issues(site), site_url=site_url
    )
    path = site / FOLDER / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, html, mode=0o644)
    return path
