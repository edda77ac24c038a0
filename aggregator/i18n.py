"""Words and dates in the readers' languages: English, French and Spanish.

    translations("fr")                 -> gettext.GNUTranslations of aggregator/locale/fr
    format_date(date(2027, 3, 29), "fr")  -> "29 mars 2027" ("1er mars 2027" on the 1st)
    environment(folders, "es")         -> jinja2.Environment whose {% trans %} / _() speak Spanish
    date_shape("es")                   -> DateShape(texts=("", " de ", " de ", ""), …)

The catalogs are gettext `.po` files under `aggregator/locale/LANG/LC_MESSAGES/
messages.po`, the only form committed: each is compiled in memory with
babel.messages the first time a language is asked for, so there is no `.mo`
to rebuild or forget. English is the source language: its messages are the
msgids themselves. An unknown language falls back to English.

Used by the digest, the site and the chat posts: nothing here knows about
any of them. Extract new messages with `pybabel extract` and merge them into
each `.po` (the commands are in docs/digest.md, "Translations").
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import babel.dates
import babel.numbers
import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

#: Languages with a catalog; the first is the source language of the messages.
LANGUAGES = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

#: Babel locales for dates: British English writes "29 March 2027", as the digest always has.
_DATE_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


def language_of(code: str | None) -> str:
    """`code` if it is one of ours ("fr", "FR", "fr-CA" -> "fr"), else English."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`, compiled from its .po file once per process."""
    lang = language_of(lang)
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if lang == DEFAULT_LANGUAGE or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def N_(message: str) -> str:
    """Mark `message` for extraction where it is defined (a table of labels); it is
    translated where it is shown, with `gettext_for`."""
    return message


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Mark a message and its plural for extraction where they are defined; they are
    translated where they are shown, with `ngettext_for`."""
    return singular, plural


def gettext_for(lang: str, message: str) -> str:
    """One message in `lang` (for Python code outside templates)."""
    return translations(lang).gettext(message)


def ngettext_for(lang: str, singular: str, plural: str, number: int) -> str:
    """The singular or plural form of a message in `lang`, for `number`."""
    return translations(lang).ngettext(singular, plural, number)


def format_date(day: date, lang: str, format: str = "long") -> str:
    """A date as readers of `lang` write it: "29 March 2027", "29 mars 2027",
    "29 de marzo de 2027"; French writes the first of the month "1er janvier 2027"
    (`format` is a Babel format name or pattern)."""
    lang = language_of(lang)
    if format == "long" and lang == "fr":
        format = "d MMMM y"  # fr_FR's long format, spelt out so that the 1st can be "1er"
    return babel.dates.format_date(
        day, format=_first_of_month(format, day, lang), locale=_DATE_LOCALES[lang]
    )


def format_day_month(day: date, lang: str) -> str:
    """A date without its year, for ranges: "29 March", "29 mars", "29 de marzo", "1er mars"."""
    lang = language_of(lang)
    pattern = "d 'de' MMMM" if lang == "es" else "d MMMM"
    return babel.dates.format_date(
        day, format=_first_of_month(pattern, day, lang), locale=_DATE_LOCALES[lang]
    )


#: RSS's month abbreviations (RFC 822), January first: what a feed's pubDate is written with.
RFC822_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class DateShape:
    """How `format_date` writes a day in one language, in pieces a template can put
    back together where it cannot call Babel (the feed stylesheet, XSLT 1.0)."""

    #: The text before, between and after the fields: one more than `fields`.
    texts: tuple[str, ...]
    #: "day", "month" and "year", in the order the language writes them.
    fields: tuple[str, ...]
    #: Each month's name, January first ("décembre", "diciembre").
    months: tuple[str, ...]
    #: How the first of the month is written ("1", or "1er" in French).
    first_day: str


@cache
def date_shape(lang: str) -> DateShape:
    """`format_date`'s long form in `lang` taken apart: a template writes a day the same
    as the site does from its day number, `months` and `first_day`, with `texts` around
    the `fields` ("{day} de {month} de {year}")."""
    lang = language_of(lang)
    sample = date(1999, 12, 28)  # a day, month and year no other part of the text holds
    months = tuple(format_date(date(1999, month, 28), lang, "MMMM") for month in range(1, 13))
    written = format_date(sample, lang)
    found = {"day": "28", "month": months[11], "year": "1999"}
    if any(written.count(text) != 1 for text in found.values()):
        raise ValueError(f"cannot take {written!r} apart into day, month and year")
    texts = re.split("|".join(re.escape(text) for text in found.values()), written)
    fields = sorted(found, key=lambda field: written.index(found[field]))
    return DateShape(
        texts=tuple(texts),
        fields=tuple(fields),
        months=months,
        first_day=format_date(date(1999, 12, 1), lang, "d"),
    )


def format_number(number: int | float, lang: str) -> str:
    """A number as readers of `lang` write it: "1,234", "1 234", "1.234"."""
    return babel.numbers.format_decimal(number, locale=_DATE_LOCALES[language_of(lang)])


def _first_of_month(pattern: str, day: date, lang: str) -> str:
    """`pattern` with its day written "1er" on the first of the month in French, as
    French usage has it ("1er janvier", but "2 janvier")."""
    if lang != "fr" or day.day != 1:
        return pattern
    return re.sub(r"(?<![d'])d(?![d'])", "d'er'", pattern, count=1)


@lru_cache(maxsize=16)
def environment(
    folders: Path | tuple[Path, ...], lang: str = DEFAULT_LANGUAGE
) -> jinja2.Environment:
    """Jinja over the template `folders` (the first holding a template wins) with the i18n
    extension speaking `lang`; .html autoescaped. One environment per folders and language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders if isinstance(folders, Path) else list(folders)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    install(env, lang)
    return env


def install(env: jinja2.Environment, lang: str) -> None:
    """Make `env`'s templates speak `lang` from now on."""
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
