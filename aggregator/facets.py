"""Which facet pages the site has, and which items each lists: a pure plan.

    facet_pages(items, taxonomy, slugs)  -> [FacetPage("topics", "gold", "Gold", items), …]
    chips(item, taxonomy, slugs)         -> [Chip("topics/gold/", "Gold", "topics"), …]
    partner_slugs(["ITSCI", "OECD"])      -> {"ITSCI": "itsci", "OECD": "oecd"}

Every partner, topic, region, country and language that at least one of the
given items has gets a page at a stable, readable path: `partners/<slug>/`,
`topics/<slug>/`, `regions/<slug>/`, `countries/<code in lower case>/`,
`languages/<code>/`. The items are those the site is rendered from (never the
whole history), so a value whose items have all left the window has no page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .taxonomy import Taxonomy, country_label
from .types import Item

#: The folders of the facet pages, in the order the site lists them.
FACET_KINDS = ("partners", "topics", "regions", "countries", "languages")
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class FacetPage:
    """One facet value's page: where it is, what it is called, what it lists."""

    #: One of FACET_KINDS.
    kind: str
    #: The last part of its path: a slug, or a code in lower case.
    value: str
    label: str
    items: tuple[Item, ...]
    #: Its language, when the label is in one (a language page's own name).
    lang: str | None = None

    @property
    def path(self) -> str:
        """Its folder below the site's root, ending in "/": "topics/gold/"."""
        return f"{self.kind}/{self.value}/"


@dataclass(frozen=True)
class Chip:
    """A link from an item to one of its facet pages."""

    path: str
    label: str
    kind: str


def slugify(text: str) -> str:
    """ "Alliance for Responsible Mining (ARM)" -> "alliance-for-responsible-mining-arm"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-") or "partner"


def partner_slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug per partner name, in the order given (feeds.yaml's first): a name
    whose slug is taken gets "-2", "-3" …"""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if name in slugs:
            continue
        base = slug = slugify(name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        slugs[name] = slug
        taken.add(slug)
    return slugs


def language_label(code: str) -> str:
    """'fr' -> 'Français'; an unknown code is shown as it is."""
    return LANGUAGE_NAMES.get(code.lower(), code)


def _values(item: Item, slugs: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    for name in item.partner_names:
        if name in slugs:
            yield "partners", slugs[name]
    for topic in item.topics:
        yield "topics", topic
    for region in item.regions:
        yield "regions", region
    for code in item.countries:
        yield "countries", code.lower()
    if item.language and re.fullmatch(r"[a-z]{2,3}", item.language.lower()):
        yield "languages", item.language.lower()


def _label(kind: str, value: str, taxonomy: Taxonomy, names: Mapping[str, str], lang: str) -> str:
    if kind == "partners":
        return names.get(value, value)
    if kind in ("topics", "regions"):
        return taxonomy.label(value, lang)
    if kind == "countries":
        return country_label(value.upper(), lang)
    return language_label(value)


def facet_pages(
    items: Iterable[Item], taxonomy: Taxonomy, slugs: Mapping[str, str], lang: str = "en"
) -> list[FacetPage]:
    """A page for every facet value the items have, each with its items (in the order
    given), sorted by kind then label (topics, regions and countries named in `lang`)."""
    found: dict[tuple[str, str], list[Item]] = {}
    for item in items:
        for key in dict.fromkeys(_values(item, slugs)):
            found.setdefault(key, []).append(item)
    names = {slug: name for name, slug in slugs.items()}
    pages = [
        FacetPage(
            kind=kind,
            value=value,
            label=_label(kind, value, taxonomy, names, lang),
            items=tuple(listed),
            lang=value if kind == "languages" else None,
        )
        for (kind, value), listed in found.items()
    ]
    return sorted(
        pages, key=lambda page: (FACET_KINDS.index(page.kind), page.label.casefold(), page.value)
    )


#: Chips on one row at most: a listing stays light (every value is on its own page).
MAX_CHIPS = 5


def chips(
    item: Item, taxonomy: Taxonomy, limit: int = MAX_CHIPS, lang: str = "en"
) -> tuple[Chip, ...]:
    """Links from an item to its topic, country and region pages, in that order, at most
    `limit`, named in `lang` (its partners' and its language's pages are linked where the
    row names them)."""
    found = [Chip(f"topics/{slug}/", taxonomy.label(slug, lang), "topics") for slug in item.topics]
    found += [
        Chip(f"countries/{code.lower()}/", country_label(code, lang), "countries")
        for code in item.countries
    ]
    found += [
        Chip(f"regions/{slug}/", taxonomy.label(slug, lang), "regions") for slug in item.regions
    ]
    return tuple(found[:limit])
