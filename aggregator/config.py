"""Loading and validating feeds.yaml.

Every mistake becomes a `ConfigError` naming the file, the line, the entry
and the fix, e.g.::

    feeds.yaml:14: feed 'IPIS': unknown key 'tilte' (did you mean 'title'?)

Paths in the file are relative to the file itself.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .digest.schedule import parse_schedule
from .errors import ConfigError
from .sanitize import plain_text
from .sources import READERS
from .taxonomy import BUILTIN, SLUG, Taxonomy, build_taxonomy, is_country
from .types import (
    KINDS,
    Config,
    DigestSettings,
    FacetTerms,
    FetchSettings,
    NotifyChannel,
    Rules,
    Schedule,
    Selectors,
    SmtpSettings,
    Source,
    TaxonomySettings,
)
from .urls import canonical_url, web_address_problem

#: A mapping or list from feeds.yaml: plain (fast load) or round-trip (with line numbers).
YamlMap = dict[str, Any]
YamlList = list[Any]


def shipped_templates() -> Path:
    """The templates that come with the package: a real folder, as jinja2 needs.

    An installed wheel (pip, pipx) holds them as ``aggregator/templates``; a
    checkout, and an editable install of it, has them in the top-level
    ``templates/`` folder, which is where the wheel's copy is built from.
    """
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


#: The shipped templates; a `templates:` folder in feeds.yaml is searched before them.
DEFAULT_TEMPLATES = shipped_templates()

_TOP_KEYS = {
    "title",
    "description",
    "site_url",
    "database",
    "database_max_mb",
    "fetch_history_days",
    "site",
    "templates",
    "feed_size",
    "open_call_days",
    "contact",
    "signup",
    "fetch",
    "classify",
    "topics",
    "taxonomy",
    "digest",
    "notify",
    "feeds",
}
_SOURCE_KEYS = {
    "name",
    "url",
    "type",
    "tags",
    "language",
    "kind",
    "selectors",
    "date_order",
    "countries",
    "topics",
}
_TAXONOMY_KEYS = {"topics", "regions", "countries"}
_FACET_KEYS = {"kind", "label", "terms", "countries"}
_SELECTOR_KEYS = {"item", "title", "link", "date", "summary"}
_FETCH_KEYS = {
    "concurrency",
    "per_host",
    "connect_timeout",
    "read_timeout",
    "total_timeout",
    "max_bytes",
    "max_redirects",
    "workers",
    "backoff_after",
    "call_pages",
}
_DIGEST_KEYS = {
    "schedule",
    "subject",
    "from",
    "to",
    "recipients_file",
    "unsubscribe",
    "smtp",
    "skip_when_empty",
    "first_digest_days",
    "subscribers",
    "suppressed",
    "preferences",
    "subscribe",
}
_NOTIFY_KEYS = {
    "name",
    "url",
    "url_env",
    "kinds",
    "topics",
    "countries",
    "languages",
    "language",
    "max_posts",
}
_SMTP_KEYS = {"host", "port", "security", "username_env", "password_env", "timeout"}
_LANGUAGES = {"en", "fr", "es"}

T = TypeVar("T")


class _Reader:
    """Reads values out of the parsed YAML, raising ConfigError with file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(
        self,
        message: str,
        node: Any = None,
        key: str | None = None,
        fix: str | None = None,
        line: int | None = None,
    ) -> ConfigError:
        if line is None:
            line = _line_of(node, key)
        return ConfigError(message, path=self.path, line=line, key=key, fix=fix)

    def check_keys(self, node: YamlMap, allowed: set[str], what: str) -> None:
        for key in node:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                fix = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else ("allowed keys: " + ", ".join(sorted(allowed)))
                )
                raise self.fail(f"{what}: unknown key '{key}'", node, str(key), fix)

    def mapping(self, node: Any, key: str, what: str, required: bool = False) -> YamlMap | None:
        value = node.get(key) if isinstance(node, Mapping) else None
        if value is None:
            if required:
                raise self.fail(f"{what}: '{key}' is missing", node)
            return None
        if not isinstance(value, dict):
            raise self.fail(f"{what}: '{key}' must be a mapping of keys to values", node, key)
        return value

    def text(
        self,
        node: YamlMap,
        key: str,
        what: str,
        *,
        required: bool = False,
        default: str | None = None,
    ) -> str | None:
        value = node.get(key)
        if value is None:
            if required:
                raise self.fail(f"{what}: '{key}' is missing", node, fix=f"add '{key}: …'")
            return default
        if isinstance(value, (dict, list)):
            raise self.fail(f"{what}: '{key}' must be text", node, key)
        text = str(value).strip()
        if required and not text:
            raise self.fail(f"{what}: '{key}' is empty", node, key)
        return text

    def number(
        self,
        node: YamlMap,
        key: str,
        what: str,
        default: T,
        convert: Callable[[Any], T],
        minimum: float = 0,
    ) -> T:
        value = node.get(key)
        if value is None:
            return default
        try:
            if isinstance(value, bool):
                raise ValueError
            number = convert(value)
        except (TypeError, ValueError, OverflowError):
            raise self.fail(f"{what}: '{key}' must be a number, not {value!r}", node, key) from None
        if not math.isfinite(number):  # type: ignore[arg-type]
            raise self.fail(f"{what}: '{key}' must be a finite number", node, key)
        if number < minimum:  # type: ignore[operator]
            raise self.fail(f"{what}: '{key}' must be at least {minimum}", node, key)
        return number

    def flag(self, node: YamlMap, key: str, what: str, default: bool) -> bool:
        value = node.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(f"{what}: '{key}' must be true or false", node, key)
        return value

    def strings(
        self, node: YamlMap, key: str, what: str, *, commas: bool = False
    ) -> tuple[str, ...]:
        """A list of text; with `commas`, "cobalt, asm" (the brackets forgotten) is one too."""
        value = node.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            if commas:
                return tuple(part.strip() for part in value.split(",") if part.strip())
            return (value.strip(),)
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            raise self.fail(f"{what}: '{key}' must be a list of text, e.g. [a, b]", node, key)
        return tuple(str(v).strip() for v in value if str(v).strip())

    def url(self, node: YamlMap, key: str, what: str, *, required: bool = False) -> str | None:
        value = self.text(node, key, what, required=required)
        if value is None:
            return None
        problem = web_address_problem(value)
        if problem is not None:
            raise self.fail(
                f"{what}: '{key}' is not a web address: {value!r}",
                node,
                key,
                problem if "https://" in problem else f"{problem}; check the address",
            )
        return value


def _line_of(node: Any, key: str | None = None) -> int | None:
    """1-based line of `key` in `node` (or of `node` itself), if known."""
    position = getattr(node, "lc", None)  # only round-trip loading records positions
    if position is None:
        return None
    try:
        if key is not None and isinstance(node, dict) and key in node:
            return int(position.key(key)[0]) + 1
        return int(position.line) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _line_of_item(sequence: Any, index: int) -> int | None:
    """1-based line of the `index`-th entry of a list, if known."""
    position = getattr(sequence, "lc", None)
    try:
        return int(position.item(index)[0]) + 1 if position is not None else None
    except (AttributeError, KeyError, TypeError):
        return None


#: What the YAML loaders raise on bad input: their own errors, and a few plain ones
#: for values such as `2024-02-30`, `!!int x` or absurdly deep nesting.
_YAML_ERRORS = (YAMLError, ValueError, KeyError, TypeError, RecursionError)


def load_config(path: str | Path) -> Config:
    """Read and validate feeds.yaml; raise ConfigError on any mistake."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "file not found", path=path, fix="pass --config PATH or run in the folder of feeds.yaml"
        ) from None
    except UnicodeDecodeError as exc:
        raw = path.read_bytes()
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"not UTF-8 text (byte {raw[exc.start]:#04x})",
            path=path,
            line=line,
            fix="save the file as UTF-8",
        ) from None
    except IsADirectoryError:
        raise ConfigError("this is a folder", path=path, fix="name the feeds.yaml file") from None
    except OSError as exc:
        raise ConfigError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    try:
        # the C loader is about eight times faster, but knows no line numbers...
        return parse_config(YAML(typ="safe").load(text), path)
    except (ConfigError, *_YAML_ERRORS):
        # ...so a file with a mistake is read again to say where it is
        return parse_config(load_round_trip(text, path), path)


def load_round_trip(text: str, path: Path) -> Any:
    """feeds.yaml as round-trip YAML (line numbers, comments); ConfigError if unreadable."""
    try:
        return YAML(typ="rt").load(text)
    except _YAML_ERRORS as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or [repr(exc)])[0]
        raise ConfigError(f"not valid YAML: {problem}", path=path, line=line) from None


def parse_config(data: Any, path: Path) -> Config:
    """Validate already-parsed YAML (round-trip types, for line numbers)."""
    r = _Reader(path)
    if not isinstance(data, dict):
        raise r.fail("the file must be a mapping with title, site_url, feeds …", line=1)
    r.check_keys(data, _TOP_KEYS, "top level")
    base = path.resolve().parent
    what = "top level"
    title, titles = _in_languages(r, data, "title", required=True)
    description, descriptions = _in_languages(r, data, "description")
    site_url = r.url(data, "site_url", what, required=True)
    assert site_url is not None
    if not site_url.endswith("/"):
        site_url += "/"
    database = base / (r.text(data, "database", what, default="aggregator.db") or "aggregator.db")
    site = base / (r.text(data, "site", what, default="site") or "site")
    templates_text = r.text(data, "templates", what)
    templates = base / templates_text if templates_text else DEFAULT_TEMPLATES
    if templates_text and not templates.is_dir():
        raise r.fail(
            f"top level: no templates found in {templates} (not a folder)",
            data,
            "templates",
            "set 'templates:' to a folder of your own templates, or remove it",
        )
    if not (DEFAULT_TEMPLATES / "feed.xml").is_file():
        raise ConfigError(
            f"no templates found in {DEFAULT_TEMPLATES}: the installation is incomplete",
            fix="reinstall the aggregator package",
        )
    feeds = data.get("feeds")
    if feeds is None:
        raise r.fail("top level: 'feeds' is missing", data, fix="add a list of feeds")
    if not isinstance(feeds, list):
        raise r.fail("'feeds' must be a list of entries starting with '- name:'", data, "feeds")
    taxonomy_settings = _parse_taxonomy(r, data)
    sources = _parse_sources(r, feeds, build_taxonomy(taxonomy_settings))
    return Config(
        path=path,
        title=title,
        description=description,
        titles=titles,
        descriptions=descriptions,
        site_url=site_url,
        database=database,
        site=site,
        templates=templates,
        templates_fallback=DEFAULT_TEMPLATES if templates != DEFAULT_TEMPLATES else None,
        sources=sources,
        feed_size=r.number(data, "feed_size", what, 100, int, minimum=1),
        open_call_days=r.number(data, "open_call_days", what, 60, int, minimum=1),
        database_max_mb=r.number(data, "database_max_mb", what, None, int, minimum=1),
        fetch_history_days=r.number(data, "fetch_history_days", what, 90, int, minimum=1),
        fetch=_parse_fetch(r, data),
        rules=_parse_rules(r, data),
        digest=_parse_digest(r, data, base),
        taxonomy=taxonomy_settings,
        notify=_parse_notify(r, data),
        contact=r.url(data, "contact", what),
        signup=_signup(r, data),
    )


def _in_languages(
    r: _Reader, data: YamlMap, key: str, *, required: bool = False
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """`title:` or `description:`: text, the same on every language's site, or a mapping
    of languages to text (`{en: …, fr: …, es: …}`) whose `en` is the English site's and
    that of any language it leaves out. Returns the English text and each other
    language's own, as (language, text) pairs."""
    what = "top level"
    value = data.get(key)
    if not isinstance(value, dict):
        if isinstance(value, list):
            raise r.fail(
                f"{what}: '{key}' must be text, or one text per language (en: …, fr: …, es: …)",
                data,
                key,
                f"write '{key}: …', or '{key}:' then indented lines 'en: …', 'fr: …'",
            )
        return r.text(data, key, what, required=required, default="") or "", ()
    if not value:
        raise r.fail(
            f"{what}: '{key}' gives no text in any language",
            data,
            key,
            f"add 'en: …' under '{key}:'",
        )
    for lang in value:
        if lang not in _LANGUAGES:
            close = difflib.get_close_matches(str(lang).lower(), sorted(_LANGUAGES), n=1)
            raise r.fail(
                f"{what}: '{key}' has text in '{lang}', which is not a language of the site",
                value,
                str(lang),
                f"did you mean '{close[0]}'?" if close else "the site is in en, fr and es",
            )
    written = {}
    for lang in value:
        text = r.text(value, lang, f"{what}: '{key}'")
        if not text:
            raise r.fail(
                f"{what}: '{key}' has no text in '{lang}'",
                value,
                lang,
                (
                    f"write it, or remove '{lang}:' for that site to use the English one"
                    if lang != "en"
                    else "write the English text, which every language not given uses"
                ),
            )
        written[lang] = text
    if "en" not in written:
        raise r.fail(
            f"{what}: '{key}' has no English text ('en')",
            data,
            key,
            f"add 'en: …' under '{key}:': the English site, and any language not given, use it",
        )
    others = tuple((lang, written[lang]) for lang in sorted(written) if lang != "en")
    return written["en"], others


def _signup(r: _Reader, data: YamlMap) -> str | None:
    """`signup:`: where the site's "Get the email digest" leads, a mailto: address or an
    https:// form; without it, the digest's `subscribe:` link when there is one."""
    value = r.text(data, "signup", "top level")
    if value is None:
        return None
    address = value.removeprefix("mailto:")
    if value.startswith("mailto:") and "@" in address and not any(c in address for c in " <>\"'"):
        return value
    if value.startswith("https://") and web_address_problem(value) is None:
        return value
    raise r.fail(
        f"top level: 'signup' must be a mailto: address or an https:// form, not {value!r}",
        data,
        "signup",
        "write it as mailto:digest-join@example.org or https://example.org/join",
    )


def _parse_sources(r: _Reader, feeds: YamlList, taxonomy: Taxonomy) -> tuple[Source, ...]:
    sources: list[Source] = []
    seen_urls: dict[str, Source] = {}
    seen_names: dict[str, Source] = {}
    for index, entry in enumerate(feeds):
        line = _line_of_item(feeds, index)
        if not isinstance(entry, dict):
            raise r.fail(
                f"feeds entry #{index + 1} must be a mapping with name and url",
                line=line,
                fix="write '- name: …' then 'url: …' on the next line",
            )
        label = f"feed #{index + 1}"
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            label = f"feed '{entry['name'].strip()}'"
        r.check_keys(entry, _SOURCE_KEYS, label)
        name = r.text(entry, "name", label, required=True)
        url = r.url(entry, "url", label, required=True)
        assert name is not None and url is not None
        # shown to readers as it is: plain text, without markup or invisible characters
        name = plain_text(name)
        if not name:
            raise r.fail(
                f"{label}: the name is only markup or invisible characters",
                entry,
                "name",
                fix="write the partner's name as plain text",
            )
        kind_of = r.text(entry, "type", label, default="feed")
        if kind_of not in READERS:
            raise r.fail(
                f"{label}: type must be {_either(READERS)}, not {kind_of!r}", entry, "type"
            )
        language = r.text(entry, "language", label)
        if language is not None:
            language = language.lower()
            if language not in _LANGUAGES:
                raise r.fail(f"{label}: language must be one of en, fr, es", entry, "language")
        kind = r.text(entry, "kind", label)
        if kind is not None and kind not in KINDS:
            raise r.fail(f"{label}: kind must be one of {', '.join(KINDS)}", entry, "kind")
        date_order = r.text(entry, "date_order", label)
        if date_order is not None:
            date_order = date_order.upper()
            if date_order not in ("DMY", "MDY", "YMD"):
                raise r.fail(f"{label}: date_order must be DMY, MDY or YMD", entry, "date_order")
        selectors = None
        node = r.mapping(entry, "selectors", label)
        if node is not None:
            if not READERS[kind_of].takes_selectors:
                with_selectors = [
                    name for name, reader in READERS.items() if reader.takes_selectors
                ]
                raise r.fail(
                    f"{label}: selectors only apply to 'type: {with_selectors[0]}'",
                    entry,
                    "selectors",
                    f"add 'type: {with_selectors[0]}' or remove the selectors",
                )
            r.check_keys(node, _SELECTOR_KEYS, f"{label} selectors")
            item = r.text(node, "item", f"{label} selectors", required=True)
            assert item is not None
            selectors = Selectors(
                item=item,
                title=r.text(node, "title", label),
                link=r.text(node, "link", label),
                date=r.text(node, "date", label),
                summary=r.text(node, "summary", label),
            )
        source = Source(
            name=name,
            url=url,
            type=kind_of,
            tags=r.strings(entry, "tags", label, commas=True),
            language=language,
            kind=kind,
            selectors=selectors,
            date_order=date_order,
            countries=_countries(r, entry, "countries", label),
            topics=_slugs(r, entry, "topics", label, known=taxonomy.slugs),
            line=line,
        )
        key = canonical_url(url)
        if key in seen_urls:
            other = seen_urls[key]
            raise r.fail(
                f"{label}: the same address is already listed as '{other.name}' "
                f"(line {other.line})",
                entry,
                "url",
                "remove one of the two entries",
            )
        if name in seen_names:
            other = seen_names[name]
            raise r.fail(
                f"{label}: the name is already used on line {other.line}",
                entry,
                "name",
                "give each entry its own name, e.g. add '— calls' or '— news'",
            )
        seen_urls[key] = source
        seen_names[name] = source
        sources.append(source)
    return tuple(sources)


def _countries(r: _Reader, node: YamlMap, key: str, what: str) -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes, upper-cased; ConfigError naming the first that is not one."""
    codes = tuple(code.upper() for code in r.strings(node, key, what, commas=True))
    for code in codes:
        if not is_country(code):
            raise r.fail(
                f"{what}: {code!r} is not an ISO 3166-1 country code",
                node,
                key,
                "write two letters, e.g. CD for the DR Congo, RW for Rwanda, PE for Peru",
            )
    return codes


def _slugs(
    r: _Reader, node: YamlMap, key: str, what: str, *, known: frozenset[str] | None = None
) -> tuple[str, ...]:
    """Topic or region slugs ("gold", "great-lakes"), lower-cased, each known if `known`."""
    slugs = tuple(slug.lower() for slug in r.strings(node, key, what, commas=True))
    for slug in slugs:
        if not SLUG.match(slug):
            raise r.fail(
                f"{what}: {slug!r} is not a slug",
                node,
                key,
                "use lower-case letters, digits and hyphens, e.g. great-lakes",
            )
        if known is not None and slug not in known:
            close = difflib.get_close_matches(slug, sorted(known), n=1)
            raise r.fail(
                f"{what}: unknown topic {slug!r}",
                node,
                key,
                f"did you mean '{close[0]}'?"
                if close
                else "add it under 'taxonomy: topics:' or use one of: " + ", ".join(sorted(known)),
            )
    return slugs


def _parse_taxonomy(r: _Reader, data: YamlMap) -> TaxonomySettings:
    """`taxonomy:`: topics and regions added (or more words for built-in ones), and
    more words for countries."""
    node = r.mapping(data, "taxonomy", "top level")
    if node is None:
        return TaxonomySettings()
    r.check_keys(node, _TAXONOMY_KEYS, "taxonomy")
    builtin = {entry.slug: entry for entry in BUILTIN}
    facets: list[FacetTerms] = []
    for group, default_kind in (("topics", "theme"), ("regions", "region")):
        entries = r.mapping(node, group, "taxonomy")
        for slug in entries or {}:
            what = f"taxonomy {group} '{slug}'"
            slug_text = str(slug)
            if not SLUG.match(slug_text):
                raise r.fail(
                    f"taxonomy {group}: {slug_text!r} is not a slug",
                    entries,
                    slug_text,
                    "use lower-case letters, digits and hyphens, e.g. east-africa",
                )
            entry = entries[slug] if entries else None
            if entry is None:
                entry = {}
            if not isinstance(entry, dict):
                raise r.fail(
                    f"{what} must be a mapping with terms:",
                    entries,
                    slug_text,
                    "e.g. terms: [bauxite]",
                )
            r.check_keys(entry, _FACET_KEYS, what)
            known = builtin.get(slug_text)
            kind = r.text(entry, "kind", what) or (known.kind if known else default_kind)
            allowed = ("region",) if group == "regions" else ("mineral", "theme")
            if kind not in allowed:
                raise r.fail(f"{what}: kind must be {' or '.join(allowed)}", entry, "kind")
            if known is not None and known.kind != kind:
                raise r.fail(f"{what}: the built-in '{slug_text}' is a {known.kind}", entry)
            labels: tuple[tuple[str, str], ...] = ()
            label_node = entry.get("label")
            if isinstance(label_node, dict):
                for lang in label_node:
                    if str(lang) not in _LANGUAGES:
                        raise r.fail(
                            f"{what}: label in {lang!r}: languages are en, fr and es",
                            entry,
                            "label",
                        )
                labels = tuple(
                    (str(lang), text)
                    for lang in label_node
                    if (text := r.text(label_node, lang, what))
                )
            elif label_node is not None:
                labels = (("en", r.text(entry, "label", what) or slug_text),)
            terms = r.strings(entry, "terms", what)
            if known is None and not terms and group == "topics":
                raise r.fail(f"{what}: no terms", entry, fix="add 'terms: [word, mot, palabra]'")
            countries = _countries(r, entry, "countries", what)
            if countries and group != "regions":
                raise r.fail(f"{what}: only a region has countries", entry, "countries")
            facets.append(
                FacetTerms(
                    slug=slug_text,
                    kind=kind,  # type: ignore[arg-type]
                    labels=labels
                    or (() if known else (("en", slug_text.replace("-", " ").capitalize()),)),
                    terms=terms,
                    countries=countries,
                )
            )
    country_terms: list[tuple[str, tuple[str, ...]]] = []
    countries_node = r.mapping(node, "countries", "taxonomy")
    for code in countries_node or {}:
        code_text = str(code).upper()
        if not is_country(code_text):
            raise r.fail(
                f"taxonomy countries: {str(code)!r} is not an ISO 3166-1 country code",
                countries_node,
                str(code),
                "write two letters, e.g. CD",
            )
        assert countries_node is not None
        country_terms.append(
            (code_text, r.strings(countries_node, str(code), "taxonomy countries"))
        )
    return TaxonomySettings(facets=tuple(facets), country_terms=tuple(country_terms))


def _default_label(slug: str, known: FacetTerms | None) -> tuple[tuple[str, str], ...]:
    """A new topic's name when feeds.yaml gives none ("east-africa" -> "East africa")."""
    return () if known else (("en", slug.replace("-", " ").capitalize()),)


def _either(names: Mapping[str, object]) -> str:
    """'a', 'b' or 'c'."""
    quoted = [f"'{name}'" for name in names]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def _parse_fetch(r: _Reader, data: YamlMap) -> FetchSettings:
    node = r.mapping(data, "fetch", "top level")
    if node is None:
        return FetchSettings()
    r.check_keys(node, _FETCH_KEYS, "fetch")
    d = FetchSettings()
    workers = node.get("workers")
    return FetchSettings(
        concurrency=r.number(node, "concurrency", "fetch", d.concurrency, int, minimum=1),
        per_host=r.number(node, "per_host", "fetch", d.per_host, int, minimum=1),
        connect_timeout=r.number(node, "connect_timeout", "fetch", d.connect_timeout, float, 0.1),
        read_timeout=r.number(node, "read_timeout", "fetch", d.read_timeout, float, 0.1),
        total_timeout=r.number(node, "total_timeout", "fetch", d.total_timeout, float, 0.1),
        max_bytes=r.number(node, "max_bytes", "fetch", d.max_bytes, int, minimum=1024),
        max_redirects=r.number(node, "max_redirects", "fetch", d.max_redirects, int),
        workers=None if workers is None else r.number(node, "workers", "fetch", 0, int),
        backoff_after=r.number(node, "backoff_after", "fetch", d.backoff_after, int, minimum=1),
        call_pages=r.number(node, "call_pages", "fetch", d.call_pages, int),
    )


def _parse_rules(r: _Reader, data: YamlMap) -> Rules:
    kinds: list[tuple[Any, tuple[str, ...]]] = []
    node = r.mapping(data, "classify", "top level")
    if node is not None:
        r.check_keys(node, set(KINDS), "classify")
        kinds = [(kind, r.strings(node, kind, "classify")) for kind in KINDS if kind in node]
    topics: list[tuple[str, tuple[str, ...]]] = []
    node = r.mapping(data, "topics", "top level")
    if node is not None:
        topics = [(str(tag), r.strings(node, str(tag), "topics")) for tag in node]
    return Rules(kind_phrases=tuple(kinds), topics=tuple(topics))


def _parse_digest(r: _Reader, data: YamlMap, base: Path) -> DigestSettings | None:
    node = r.mapping(data, "digest", "top level")
    if node is None:
        return None
    what = "digest"
    r.check_keys(node, _DIGEST_KEYS, what)
    schedule = r.text(node, "schedule", what, required=True)
    assert schedule is not None
    timetable = _check_schedule(r, node, schedule)
    sender = r.text(node, "from", what, required=True)
    assert sender is not None
    to = r.strings(node, "to", what)
    recipients_file = r.text(node, "recipients_file", what)
    subscribers = r.text(node, "subscribers", what)
    if not to and not recipients_file and not subscribers:
        raise r.fail(
            "digest: no recipients",
            node,
            fix="add 'subscribers: subscribers.csv', 'to: [address]' or 'recipients_file:'",
        )
    unsubscribe = r.strings(node, "unsubscribe", what)
    links = {"preferences": r.text(node, "preferences", what)}
    links["subscribe"] = r.text(node, "subscribe", what)
    for key, address in [*(("unsubscribe", a) for a in unsubscribe), *links.items()]:
        if address is not None and not address.startswith(("mailto:", "https://")):
            raise r.fail(
                f"digest: '{key}' must be a mailto: or https:// address, not {address!r}",
                node,
                key,
            )
    suppressed = r.text(node, "suppressed", what)
    smtp = SmtpSettings()
    smtp_node = r.mapping(node, "smtp", what)
    if smtp_node is not None:
        r.check_keys(smtp_node, _SMTP_KEYS, "digest smtp")
        security = r.text(smtp_node, "security", "digest smtp", default="starttls")
        if security not in ("starttls", "ssl", "none"):
            raise r.fail(
                "digest smtp: security must be starttls, ssl or none", smtp_node, "security"
            )
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
        smtp = SmtpSettings(
            host=r.text(smtp_node, "host", "digest smtp", required=True) or "localhost",
            port=r.number(smtp_node, "port", "digest smtp", default_port, int, minimum=1),
            security=security,  # type: ignore[arg-type]
            username_env=r.text(smtp_node, "username_env", "digest smtp"),
            password_env=r.text(smtp_node, "password_env", "digest smtp"),
            timeout=r.number(smtp_node, "timeout", "digest smtp", 30.0, float, 1),
        )
    subjects: tuple[tuple[str, str], ...] = ()
    subject_node = node.get("subject")
    if isinstance(subject_node, dict):
        for lang in subject_node:
            if str(lang) not in _LANGUAGES:
                raise r.fail(
                    f"digest: subject in {lang!r}: languages are en, fr and es", node, "subject"
                )
        subjects = tuple(
            (str(lang), text)
            for lang in subject_node
            if (text := r.text(subject_node, lang, "digest subject"))
        )
        english = dict(subjects).get("en")
    else:
        english = r.text(node, "subject", what)
    return DigestSettings(
        schedule=schedule,
        subjects=subjects,
        subject=english or "{calls} new calls, {news} news from the clearinghouse",
        sender=sender,
        to=to,
        recipients_file=base / recipients_file if recipients_file else None,
        unsubscribe=unsubscribe,
        smtp=smtp,
        skip_when_empty=r.flag(node, "skip_when_empty", what, True),
        first_digest_days=r.number(node, "first_digest_days", what, 7, int, minimum=1),
        subscribers=base / subscribers if subscribers else None,
        suppressed=base / suppressed if suppressed else None,
        preferences=links["preferences"],
        subscribe=links["subscribe"],
        timetable=timetable,
    )


def _parse_notify(r: _Reader, data: YamlMap) -> tuple[NotifyChannel, ...]:
    """The chat channels: Apprise URLs whose secrets are named, never written."""
    entries = data.get("notify")
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise r.fail("'notify' must be a list of entries starting with '- url:'", data, "notify")
    channels: list[NotifyChannel] = []
    keys: dict[str, int | None] = {}
    for index, entry in enumerate(entries):
        line = _line_of_item(entries, index)
        label = f"notify #{index + 1}"
        if not isinstance(entry, dict):
            raise r.fail(f"{label} must be a mapping with 'url:' or 'url_env:'", line=line)
        r.check_keys(entry, _NOTIFY_KEYS, label)
        url = r.text(entry, "url", label)
        url_env = r.text(entry, "url_env", label)
        if (url is None) == (url_env is None):
            raise r.fail(
                f"{label}: give 'url:' (an Apprise URL) or 'url_env:' (a variable holding it)",
                line=line,
                fix="e.g. url: tgram://{TELEGRAM_TOKEN}/{CHAT_ID}, or url_env: SLACK_URL",
            )
        if url is not None:
            if "://" not in url:
                raise r.fail(
                    f"{label}: {url!r} is not an Apprise URL",
                    entry,
                    "url",
                    "write e.g. json://127.0.0.1:8123/hook or slack://{SLACK_TOKENS}",
                )
            if re.search(r"://[^/{}@]*:[^/{}@]+@", url):
                raise r.fail(
                    f"{label}: the url has a password in it",
                    entry,
                    "url",
                    "put it in an environment variable and write {NAME} in its place",
                )
        if url_env is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", url_env):
            raise r.fail(f"{label}: url_env must name an environment variable", entry, "url_env")
        name = r.text(entry, "name", label)
        template = url if url is not None else "$" + str(url_env)
        scheme = template.split("://", 1)[0] if url is not None else str(url_env)
        key = name or "url-" + hashlib.sha256(template.encode()).hexdigest()[:12]
        if key in keys:
            raise r.fail(
                f"{label}: the same channel is already listed on line {keys[key]}",
                line=line,
                fix="remove one, or give each a different 'name:'",
            )
        keys[key] = line
        kinds = tuple(kind.lower() for kind in r.strings(entry, "kinds", label, commas=True))
        for kind in kinds:
            if kind not in KINDS:
                raise r.fail(f"{label}: kinds must be among {', '.join(KINDS)}", entry, "kinds")
        languages = tuple(v.lower() for v in r.strings(entry, "languages", label, commas=True))
        language = (r.text(entry, "language", label) or "en").lower()
        for value in (*languages, language):
            if value not in _LANGUAGES:
                raise r.fail(f"{label}: languages must be en, fr or es, not {value!r}", entry)
        channels.append(
            NotifyChannel(
                name=name or f"{scheme} #{index + 1}",
                key=key,
                url=url,
                url_env=url_env,
                kinds=kinds or ("call",),  # type: ignore[arg-type]
                topics=tuple(v.lower() for v in r.strings(entry, "topics", label, commas=True)),
                countries=tuple(
                    v.upper() for v in r.strings(entry, "countries", label, commas=True)
                ),
                languages=languages,
                language=language,
                max_posts=r.number(entry, "max_posts", label, 5, int, minimum=1),
                line=line,
            )
        )
    return tuple(channels)


def _check_schedule(r: _Reader, node: YamlMap, schedule: str) -> Schedule:
    """The digest schedule, read (and so validated) once, by the scheduler's own parser."""
    try:
        return parse_schedule(schedule)
    except ConfigError as exc:
        raise r.fail(f"digest: {exc.message}", node, "schedule") from None
