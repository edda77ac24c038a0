"""Translations: every message used is in each catalog; dates as each language writes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from aggregator import i18n

ROOT = Path(__file__).resolve().parent.parent
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "gettext_for": (2,),
    "ngettext_for": (2, 3),
    # labels defined in tables and translated where they are shown
    "N_": None,
    "ngettext_noop": (1, 2),
}


def extracted() -> set[str]:
    """The msgids the templates and the package use (singular forms)."""
    found = set()
    for folder, method in ((ROOT / "aggregator", "python"), (ROOT / "templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.*"
        options = {} if method == "python" else {"extensions": "jinja2.ext.i18n"}
        for _name, _line, message, _comments, _context in extract_from_dir(
            folder,
            method_map=[(pattern, method)],
            options_map={pattern: options},
            keywords=KEYWORDS,
        ):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_message_is_translated(lang: str) -> None:
    path = i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    translated = {
        (message.id[0] if isinstance(message.id, tuple) else message.id)
        for message in catalog
        if message.id and message.string and all(message.string)
    }
    missing = sorted(extracted() - translated)
    assert missing == [], f"add these to {path}: {missing}"


def test_messages_and_plurals() -> None:
    fr, es, en = (i18n.translations(lang) for lang in ("fr", "es", "en"))
    assert fr.gettext("New calls") == "Nouveaux appels"
    assert es.gettext("New calls") == "Nuevas convocatorias"
    assert en.gettext("New calls") == "New calls"
    many = "closes in %(num)d days"
    assert fr.ngettext("closes in %(num)d day", many, 1) % {"num": 1} == "clôture dans 1 jour"
    assert fr.ngettext("closes in %(num)d day", many, 3) % {"num": 3} == "clôture dans 3 jours"
    assert es.ngettext("closes in %(num)d day", many, 2) % {"num": 2} == "cierra en 2 días"
    assert i18n.translations("de").gettext("New calls") == "New calls"  # English fallback


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "29 March 2027"), ("fr", "29 mars 2027"), ("es", "29 de marzo de 2027")],
)
def test_dates_are_written_as_each_language_writes_them(lang: str, expected: str) -> None:
    assert i18n.format_date(date(2027, 3, 29), lang) == expected


@pytest.mark.parametrize(
    ("day", "lang", "long", "without_year"),
    [
        (date(2027, 1, 1), "fr", "1er janvier 2027", "1er janvier"),  # French usage
        (date(2027, 1, 2), "fr", "2 janvier 2027", "2 janvier"),
        (date(2027, 3, 11), "fr", "11 mars 2027", "11 mars"),
        (date(2027, 3, 21), "fr", "21 mars 2027", "21 mars"),  # only the first is "1er"
        (date(2027, 12, 1), "fr", "1er décembre 2027", "1er décembre"),
        (date(2027, 1, 1), "en", "1 January 2027", "1 January"),
        (date(2027, 1, 1), "es", "1 de enero de 2027", "1 de enero"),
        (date(2027, 1, 10), "es", "10 de enero de 2027", "10 de enero"),
    ],
)
def test_the_first_of_the_month_in_each_language(
    day: date, lang: str, long: str, without_year: str
) -> None:
    assert i18n.format_date(day, lang) == long
    assert i18n.format_day_month(day, lang) == without_year


def test_a_numeric_date_keeps_its_digits_on_the_first() -> None:
    assert i18n.format_date(date(2027, 1, 1), "fr", "short") == "01/01/2027"


@pytest.mark.parametrize(
    ("number", "lang", "shown"),
    [(7, "fr", "7"), (1234, "en", "1,234"), (1234, "fr", "1\u202f234"), (12345, "es", "12.345")],
)
def test_numbers_are_written_as_each_language_writes_them(
    number: int, lang: str, shown: str
) -> None:
    assert i18n.format_number(number, lang) == shown


@pytest.mark.parametrize(
    ("code", "lang"), [("fr", "fr"), ("FR", "fr"), ("fr-CA", "fr"), ("es_PE", "es"), (None, "en")]
)
def test_language_codes(code: str | None, lang: str) -> None:
    assert i18n.language_of(code) == lang


def test_templates_speak_the_installed_language(tmp_path: Path) -> None:
    (tmp_path / "t.html").write_text(
        '{{ _("New calls") }} · {{ ngettext("%(num)d new call", "%(num)d new calls", n) }}'
        ' · {{ _("Deadline %(date)s", date=when) }}'
    )
    template = i18n.environment(tmp_path).get_template("t.html")
    assert template.render(n=2, when="<b>") == "New calls · 2 new calls · Deadline &lt;b&gt;"
    template = i18n.environment((tmp_path,), "fr").get_template("t.html")
    assert template.render(n=1, when="1 avril") == (
        "Nouveaux appels · 1 nouvel appel · Date limite\u202f: 1 avril"
    )
