"""The digest's subscribers: who they are, what each wants, and who left.

    read_subscribers(path, sources=..., topics=...)   -> (Subscriber, ...)  or ConfigError
    check_subscribers(path, ...)                       -> (subscribers, [ConfigError, ...])
    read_suppressed(path)                              -> frozenset of mailboxes that left
    add_subscriber(path, subscriber) / remove_subscriber(path, email)
    wants(subscriber, item) -> bool;  personal_content(content, subscriber) -> DigestContent

The subscribers file is named in feeds.yaml (`digest: subscribers:`) and is
CSV with a header, or YAML (a list of mappings)::

    # email,name,language,topics,countries,partners,kinds,frequency
    email,name,language,topics,countries,partners,kinds,frequency
    ana@example.org,Ana Mukendi,fr,gold;3t,CD;RW,,calls,weekly

Several values are separated by `;`; an empty one means all. Lines starting
with `#` are comments. Adding and removing people rewrites only what changes:
the header, the comments and every other row stay byte for byte as they were.

Every mistake is one ConfigError naming the file, the line and the fix.
Topics are checked against the slugs the site knows when a list is given,
else only for their form (lower-case words joined by hyphens). Countries are
ISO 3166-1 alpha-2 codes (Babel's list of territories).

The filters are pure functions of the subscriber and the items: the digest
decides what goes in once, then each subscriber gets the part they asked for.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from email.utils import getaddresses, parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import babel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from .. import i18n
from ..atomic import write_atomic
from ..errors import ConfigError
from ..select import item_countries, item_topics
from ..taxonomy import Taxonomy, build_taxonomy
from ..types import (
    DigestContent,
    DigestSettings,
    Frequency,
    Item,
    PartnerGroup,
    Subscriber,
    TaxonomySettings,
)

#: The columns of a subscribers file, in the order a new file is written.
COLUMNS = ("email", "name", "language", "topics", "countries", "partners", "kinds", "frequency")
LANGUAGES = ("en", "fr", "es")
KINDS = ("calls", "all")
FREQUENCIES = ("daily", "weekly")
#: The day a weekly subscriber is sent their digest when the schedule is daily (Monday).
WEEKLY_DAY = 0
#: A topic slug: lower-case letters and digits joined by hyphens ("gold", "great-lakes").
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_HEADER_COMMENT = (
    "# Digest subscribers: one person a row; several values separated by ';', empty means all.\n"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})


@dataclass(frozen=True)
class _Row:
    """One data line of a subscribers file: its number, and its fields by column."""

    line: int
    fields: Mapping[str, Any]


# --- reading -------------------------------------------------------------------


def read_subscribers(
    path: Path,
    *,
    sources: Collection[str] | None = None,
    topics: Collection[str] | None = None,
) -> tuple[Subscriber, ...]:
    """Every subscriber in `path`; the first mistake raises ConfigError."""
    subscribers, problems = check_subscribers(path, sources=sources, topics=topics)
    if problems:
        raise problems[0]
    return subscribers


def check_subscribers(
    path: Path,
    *,
    sources: Collection[str] | None = None,
    topics: Collection[str] | None = None,
) -> tuple[tuple[Subscriber, ...], list[ConfigError]]:
    """The valid subscribers of `path`, and one ConfigError per mistake.

    `sources` are the partner names of feeds.yaml; `topics` the slugs the site
    knows (None: any well-formed slug). A missing or unreadable file is one
    problem, the whole file.
    """
    try:
        rows = _rows(path)
    except ConfigError as error:
        return (), [error]
    found: list[Subscriber] = []
    problems: list[ConfigError] = []
    seen: dict[str, int] = {}
    for row in rows:
        try:
            subscriber = _subscriber(row, path, sources, topics)
        except ConfigError as error:
            problems.append(error)
            continue
        key = subscriber.email.casefold()
        if key in seen:
            problems.append(
                ConfigError(
                    f"{subscriber.email} is already listed on line {seen[key]}",
                    path=path,
                    line=row.line,
                    fix="keep one row per person",
                )
            )
            continue
        seen[key] = row.line
        found.append(subscriber)
    return tuple(found), problems


def check_entry(
    values: Mapping[str, Any],
    path: Path,
    *,
    line: int = 0,
    sources: Collection[str] | None = None,
    topics: Collection[str] | None = None,
) -> Subscriber:
    """One subscriber from its values (column -> text), checked as a row of `path` is."""
    return _subscriber(_Row(line, values), path, sources, topics)


def known_topics(settings: TaxonomySettings | None = None) -> frozenset[str]:
    """The topic and region slugs the site publishes facet pages for: the built-in
    taxonomy's and those feeds.yaml adds (`taxonomy:`)."""
    return build_taxonomy(settings).slugs


def read_suppressed(path: Path | None) -> frozenset[str]:
    """The mailboxes (case-folded) listed in the suppression file; none if it is missing."""
    if path is None:
        return frozenset()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return frozenset()
    except OSError as error:
        raise ConfigError(
            f"cannot read the suppression file: {error.strerror or error}", path=path
        ) from error
    found = set()
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            found.add(parseaddr(entry)[1].casefold() or entry.casefold())
    return frozenset(found)


def from_addresses(
    addresses: Iterable[str], frequency: Frequency | None = None
) -> list[Subscriber]:
    """The people of a `to:` list or `recipients_file`: everything, in English."""
    people = []
    for address in addresses:
        name, mailbox = parseaddr(address)
        people.append(Subscriber(email=mailbox or address, name=name, frequency=frequency))
    return people


def merge_subscribers(
    *groups: Iterable[Subscriber], suppressed: Collection[str] = frozenset()
) -> tuple[Subscriber, ...]:
    """All groups in order, the first entry of an address kept, the suppressed left out."""
    merged: dict[str, Subscriber] = {}
    for group in groups:
        for subscriber in group:
            key = subscriber.email.casefold()
            if key not in suppressed:
                merged.setdefault(key, subscriber)
    return tuple(merged.values())


def formatted_address(subscriber: Subscriber) -> str:
    """'Ana Mukendi <ana@example.org>', or the bare address without a name."""
    if not subscriber.name:
        return subscriber.email
    name = subscriber.name.replace("\\", "").replace('"', "")
    if re.search(r"[()<>@,;:.\[\]]", name):
        name = f'"{name}"'
    return f"{name} <{subscriber.email}>"


def is_address(text: str) -> bool:
    """Whether `text` is one plain mailbox such as "ana@example.org"."""
    local, at, domain = text.rpartition("@")
    return bool(
        at
        and local
        and "." in domain.strip(".")
        and not _CONTROL.search(text)
        and " " not in text
        and "," not in text
        and ";" not in text
        and len(getaddresses([text])) == 1
        and parseaddr(text)[1] == text
    )


# --- who wants what --------------------------------------------------------------


def wants(subscriber: Subscriber, item: Item) -> bool:
    """Whether `item` matches every filter the subscriber set (an empty filter matches all)."""
    if subscriber.kinds == "calls" and item.kind != "call":
        return False
    if subscriber.topics and not set(subscriber.topics) & item_topics(item):
        return False
    if subscriber.countries and not set(subscriber.countries) & item_countries(item):
        return False
    if subscriber.partners:
        names = {ref.name.casefold() for ref in item.sources}
        if not {name.casefold() for name in subscriber.partners} & names:
            return False
    return True


def personal_content(content: DigestContent, subscriber: Subscriber) -> DigestContent:
    """The part of `content` the subscriber asked for (all of it when they set no filter)."""
    if subscriber.wants_everything:
        return content
    return replace(
        content,
        calls=tuple(item for item in content.calls if wants(subscriber, item)),
        closing_soon=tuple(item for item in content.closing_soon if wants(subscriber, item)),
        events=_groups(content.events, subscriber),
        news=_groups(content.news, subscriber),
    )


def receives_on(subscriber: Subscriber, day: date, *, schedule_frequency: str) -> bool:
    """Whether the subscriber is sent the digest of the slot dated `day`.

    With a weekly schedule everyone is sent every digest. With a daily one, a
    weekly subscriber is sent the Monday digest only, which gathers the
    week's issues they were not sent (`merge_contents`, `plan_editions`).
    """
    if schedule_frequency == "weekly" or subscriber.frequency != "weekly":
        return True
    return day.weekday() == WEEKLY_DAY


@dataclass(frozen=True)
class Edition:
    """One version of an issue: the same language and filters, so the same message body."""

    #: Stable within an issue: "en", or "fr-1a2b3c4d" for French with filters.
    key: str
    language: str
    content: DigestContent
    recipients: tuple[Subscriber, ...]
    #: A facet page of the site matching the readers' filter ("topics/gold/"), if any.
    facet: str | None = None


def plan_editions(
    content: DigestContent,
    people: Sequence[Subscriber],
    *,
    day: date,
    schedule_frequency: str,
    skip_when_empty: bool,
    weekly: DigestContent | None = None,
    personal: bool = False,
    taxonomy: Taxonomy | None = None,
) -> list[Edition]:
    """Who receives which version of the issue dated `day`.

    A subscriber gets the part of `content` they asked for (`personal_content`);
    a weekly subscriber of a daily digest, the part of `weekly` (the week's
    issues merged). With `skip_when_empty`, nobody gets a version with nothing
    in it, reminders counting as something. With `personal`, each person gets
    an edition of their own (their address is in its links).
    """
    editions: dict[str, tuple[str, DigestContent, list[Subscriber], str | None]] = {}
    for person in people:
        if not receives_on(person, day, schedule_frequency=schedule_frequency):
            continue
        catching_up = weekly is not None and person.frequency == "weekly"
        source = weekly if catching_up and weekly is not None else content
        mine = personal_content(source, person)
        if skip_when_empty and not (mine.total or mine.closing_soon):
            continue
        key = edition_key(person) + ("-week" if catching_up else "")
        if personal:
            key += "-" + hashlib.sha256(person.email.casefold().encode()).hexdigest()[:10]
        if key not in editions:
            editions[key] = (person.language, mine, [], facet_path(person, taxonomy))
        editions[key][2].append(person)
    return [
        Edition(key=key, language=lang, content=mine, recipients=tuple(found), facet=facet)
        for key, (lang, mine, found, facet) in editions.items()
    ]


def edition_key(person: Subscriber) -> str:
    """The same for two people with the same language and filters."""
    if person.wants_everything:
        return person.language
    filters = "|".join(
        ";".join(sorted(value.casefold() for value in values))
        for values in (person.topics, person.countries, person.partners, (person.kinds,))
    )
    return f"{person.language}-{hashlib.sha256(filters.encode()).hexdigest()[:8]}"


def facet_path(person: Subscriber, taxonomy: Taxonomy | None = None) -> str | None:
    """The site's page for the one topic, region or country a reader follows:
    "topics/gold/", "regions/great-lakes/", "countries/cd/"; None for several, or none."""
    if len(person.topics) == 1 and not person.countries:
        slug = person.topics[0]
        folder = "regions" if (taxonomy or build_taxonomy()).is_region(slug) else "topics"
        return f"{folder}/{slug}/"
    if len(person.countries) == 1 and not person.topics:
        return f"countries/{person.countries[0].lower()}/"
    return None


#: The subject when feeds.yaml gives none for a language.
DEFAULT_SUBJECT = "{calls} new calls, {news} news from the clearinghouse"


def subject_template(settings: DigestSettings, lang: str) -> str:
    """The subject template for readers of `lang`: the one feeds.yaml gives for it (a plain
    `subject:` is the English one), else the default subject in that language."""
    given = dict(settings.subjects)
    if lang in given:
        return given[lang]
    if lang == "en":
        return settings.subject
    return i18n.gettext_for(lang, DEFAULT_SUBJECT)


def personal_link(template: str | None, person: Subscriber) -> str | None:
    """A preferences or unsubscribe link with `{email}` filled in (URL-encoded)."""
    if template is None:
        return None
    return template.replace("{email}", quote(person.email, safe="@"))


def merge_contents(contents: Sequence[DigestContent]) -> DigestContent:
    """Several issues as one (a weekly reader's catch-up), each item once, dated as the last."""
    last = contents[-1]
    seen: set[str] = set()

    def fresh(items: Iterable[Item]) -> tuple[Item, ...]:
        kept = []
        for item in items:
            if item.id not in seen:
                seen.add(item.id)
                kept.append(item)
        return tuple(kept)

    calls = fresh(item for content in contents for item in content.calls)
    soon = fresh(item for content in contents for item in content.closing_soon)

    def regroup(groups: Iterable[PartnerGroup]) -> tuple[PartnerGroup, ...]:
        merged: dict[str, list[Item]] = {}
        for group in groups:
            merged.setdefault(group.partner, []).extend(fresh(group.items))
        return tuple(
            PartnerGroup(partner, tuple(items))
            for partner, items in sorted(merged.items(), key=lambda pair: pair[0].casefold())
            if items
        )

    return replace(
        last,
        since=contents[0].since,
        calls=tuple(sorted(calls, key=lambda i: (i.deadline is None, i.deadline or date.max))),
        closing_soon=soon,
        events=regroup(group for content in contents for group in content.events),
        news=regroup(group for content in contents for group in content.news),
    )


def _groups(groups: tuple[PartnerGroup, ...], subscriber: Subscriber) -> tuple[PartnerGroup, ...]:
    kept = []
    for group in groups:
        items = tuple(item for item in group.items if wants(subscriber, item))
        if items:
            kept.append(PartnerGroup(group.partner, items))
    return tuple(kept)


# --- changing the file -------------------------------------------------------------


def add_subscriber(path: Path, subscriber: Subscriber) -> None:
    """Append `subscriber` to the file (created with a header if missing); ConfigError if
    the address is already there. Everything already in the file is kept as it was."""
    if path.exists():
        existing, _ = check_subscribers(path)
        if any(person.email.casefold() == subscriber.email.casefold() for person in existing):
            raise ConfigError(f"{subscriber.email} is already subscribed", path=path)
    if _is_yaml(path):
        _add_yaml(path, subscriber)
        return
    if not path.exists():
        write_atomic(path, _HEADER_COMMENT + ",".join(COLUMNS) + "\n")
    raw = path.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in raw else "\n"
    header = _csv_header(raw, path)
    values = _values(subscriber)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerow([values.get(c, "") for c in header])
    if raw and not raw.endswith("\n"):
        raw += newline
    _write_keeping_bom(path, raw + buffer.getvalue())


def remove_subscriber(path: Path, email: str) -> bool:
    """Remove the rows of `email` (ignoring case); whether any was there."""
    if not path.exists():
        return False
    if _is_yaml(path):
        return _remove_yaml(path, email)
    raw = path.read_bytes().decode("utf-8-sig")
    lines = raw.splitlines(keepends=True)
    rows = {
        row.line for row in _rows(path) if _mailbox(row.fields.get("email")) == email.casefold()
    }
    if not rows:
        return False
    kept = [line for number, line in enumerate(lines, start=1) if number not in rows]
    _write_keeping_bom(path, "".join(kept))
    return True


def suppress(path: Path, email: str) -> bool:
    """Add `email` to the suppression file (created if missing); False if it was there."""
    if email.casefold() in read_suppressed(path):
        return False
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if not text:
        text = "# Addresses that left the digest: never sent to again.\n"
    elif not text.endswith("\n"):
        text += "\n"
    write_atomic(path, text + email + "\n")
    return True


def unsuppress(path: Path, email: str) -> bool:
    """Take `email` off the suppression file; whether it was there."""
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)

    def listed(line: str) -> bool:
        entry = line.split("#", 1)[0].strip()
        return bool(entry) and (parseaddr(entry)[1] or entry).casefold() == email.casefold()

    kept = [line for line in lines if not listed(line)]
    if len(kept) == len(lines):
        return False
    write_atomic(path, "".join(kept))
    return True


# --- the file formats -----------------------------------------------------------


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")


def _rows(path: Path) -> list[_Row]:
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(
            "the subscribers file does not exist",
            path=path,
            fix="create it, or run 'aggregator subscribers add EMAIL'",
        ) from None
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", path=path, fix="save the file as UTF-8") from None
    except OSError as error:
        raise ConfigError(f"cannot read the file: {error.strerror or error}", path=path) from None
    return _yaml_rows(raw, path) if _is_yaml(path) else _csv_rows(raw, path)


def _data_lines(raw: str) -> Iterable[tuple[int, str]]:
    for number, line in enumerate(raw.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _csv_header(raw: str, path: Path) -> list[str]:
    for number, line in _data_lines(raw):
        header = [name.strip().lower() for name in next(csv.reader([line]))]
        unknown = [name for name in header if name not in COLUMNS]
        if unknown:
            close = difflib.get_close_matches(unknown[0], COLUMNS, n=1)
            raise ConfigError(
                f"unknown column {unknown[0]!r} in the header",
                path=path,
                line=number,
                fix=f"did you mean {close[0]!r}?" if close else "columns: " + ",".join(COLUMNS),
            )
        if "email" not in header:
            raise ConfigError(
                "the header has no 'email' column",
                path=path,
                line=number,
                fix="start the file with the line " + ",".join(COLUMNS),
            )
        return header
    raise ConfigError(
        "the file has no header", path=path, fix="start it with the line " + ",".join(COLUMNS)
    )


def _csv_rows(raw: str, path: Path) -> list[_Row]:
    header = _csv_header(raw, path)
    rows = []
    lines = iter(_data_lines(raw))
    next(lines)  # the header
    for number, line in lines:
        values = next(csv.reader([line]))
        if len(values) > len(header):
            raise ConfigError(
                f"{len(values)} fields for {len(header)} columns",
                path=path,
                line=number,
                fix="separate several topics, countries or partners with ';', not ','",
            )
        rows.append(_Row(number, dict(zip(header, values, strict=False))))
    return rows


def _load_yaml(raw: str, path: Path) -> Any:
    try:
        data = YAML(typ="rt").load(raw)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConfigError(
            f"not valid YAML: {getattr(error, 'problem', None) or error}",
            path=path,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    return data


def _yaml_list(data: Any, path: Path) -> Any:
    if data is None:
        return CommentedSeq()
    if isinstance(data, dict) and "subscribers" in data:
        data = data["subscribers"]
    if not isinstance(data, list):
        raise ConfigError(
            "expected a list of subscribers",
            path=path,
            line=1,
            fix="write one '- email: …' entry per person",
        )
    return data


def _yaml_rows(raw: str, path: Path) -> list[_Row]:
    entries = _yaml_list(_load_yaml(raw, path), path)
    rows = []
    for index, entry in enumerate(entries):
        line = _yaml_line(entries, index)
        if not isinstance(entry, dict):
            raise ConfigError(
                "each subscriber must be a mapping with an email",
                path=path,
                line=line,
                fix="write '- email: ana@example.org'",
            )
        unknown = [str(key) for key in entry if key not in COLUMNS]
        if unknown:
            close = difflib.get_close_matches(unknown[0], COLUMNS, n=1)
            raise ConfigError(
                f"unknown key {unknown[0]!r}",
                path=path,
                line=line,
                fix=f"did you mean {close[0]!r}?" if close else "keys: " + ", ".join(COLUMNS),
            )
        rows.append(_Row(line or index + 1, dict(entry)))
    return rows


def _yaml_line(sequence: Any, index: int) -> int | None:
    try:
        return int(sequence.lc.item(index)[0]) + 1
    except (AttributeError, KeyError, TypeError):
        return None


def _add_yaml(path: Path, subscriber: Subscriber) -> None:
    yaml = YAML(typ="rt")
    raw = path.read_text(encoding="utf-8") if path.exists() else ""
    data = _load_yaml(raw, path) if raw.strip() else None
    entries = _yaml_list(data, path)
    entry = CommentedMap()
    for column, value in _values(subscriber).items():
        if value:
            entry[column] = value
    entries.append(entry)
    buffer = io.StringIO()
    yaml.dump(data if data is not None else entries, buffer)
    write_atomic(path, buffer.getvalue())


def _remove_yaml(path: Path, email: str) -> bool:
    yaml = YAML(typ="rt")
    data = _load_yaml(path.read_text(encoding="utf-8"), path)
    entries = _yaml_list(data, path)
    doomed = [
        index
        for index, entry in enumerate(entries)
        if isinstance(entry, dict) and _mailbox(entry.get("email")) == email.casefold()
    ]
    for index in reversed(doomed):
        del entries[index]
    if doomed:
        buffer = io.StringIO()
        yaml.dump(data, buffer)
        write_atomic(path, buffer.getvalue())
    return bool(doomed)


def _write_keeping_bom(path: Path, text: str) -> None:
    bom = path.exists() and path.read_bytes().startswith(b"\xef\xbb\xbf")
    write_atomic(path, ("\ufeff" if bom else "") + text)


def _values(subscriber: Subscriber) -> dict[str, str]:
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "language": subscriber.language,
        "topics": ";".join(subscriber.topics),
        "countries": ";".join(subscriber.countries),
        "partners": ";".join(subscriber.partners),
        "kinds": subscriber.kinds,
        "frequency": subscriber.frequency or "",
    }


# --- one subscriber -------------------------------------------------------------------


def _mailbox(value: Any) -> str:
    return str(value or "").strip().casefold()


def _subscriber(
    row: _Row,
    path: Path,
    sources: Collection[str] | None,
    topics: Collection[str] | None,
) -> Subscriber:
    def fail(message: str, fix: str) -> ConfigError:
        return ConfigError(message, path=path, line=row.line, fix=fix)

    email = _text(row.fields.get("email"))
    if not email:
        raise fail("no email address", "put the address in the 'email' column")
    if not is_address(email):
        raise fail(
            f"{email!r} is not an email address",
            "write one plain address such as ana@example.org; the name goes in 'name'",
        )
    language = _text(row.fields.get("language")).lower() or "en"
    if language not in LANGUAGES:
        raise fail(f"language {language!r} is not en, fr or es", "write en, fr or es")
    kinds = _text(row.fields.get("kinds")).lower() or "all"
    if kinds not in KINDS:
        raise fail(f"kinds {kinds!r} is not 'calls' or 'all'", "write calls or all")
    frequency = _text(row.fields.get("frequency")).lower() or None
    if frequency is not None and frequency not in FREQUENCIES:
        raise fail(f"frequency {frequency!r} is not daily or weekly", "write daily or weekly")
    topic_list = tuple(value.lower() for value in _list(row.fields.get("topics")))
    for topic in topic_list:
        if not SLUG.match(topic) or (topics is not None and topic not in topics):
            close = difflib.get_close_matches(topic, sorted(topics or ()), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "use the slugs of the site's topics"
            if topics is not None and not close:
                hint += " (" + ", ".join(sorted(topics)[:12]) + ", …)"
            raise fail(f"unknown topic {topic!r}", hint)
    countries = tuple(value.upper() for value in _list(row.fields.get("countries")))
    for code in countries:
        if code not in _country_codes():
            raise fail(
                f"unknown country {code!r}",
                "use ISO 3166-1 alpha-2 codes such as CD, RW, GH, BF, PE, CO",
            )
    partners = _list(row.fields.get("partners"))
    if sources is not None:
        known = {name.casefold(): name for name in sources}
        checked = []
        for partner in partners:
            if partner.casefold() not in known:
                close = difflib.get_close_matches(partner, list(known.values()), n=1)
                raise fail(
                    f"unknown partner {partner!r}",
                    f"did you mean {close[0]!r}?"
                    if close
                    else "use a source's name as written in feeds.yaml",
                )
            checked.append(known[partner.casefold()])
        partners = tuple(checked)
    return Subscriber(
        email=email,
        name=" ".join(_text(row.fields.get("name")).split()),
        language=language,
        topics=topic_list,
        countries=countries,
        partners=partners,
        kinds="calls" if kinds == "calls" else "all",
        frequency="daily" if frequency == "daily" else "weekly" if frequency else None,
        line=row.line,
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(part) for part in value)
    return str(value).strip()


def _list(value: Any) -> tuple[str, ...]:
    parts: Sequence[Any] = value if isinstance(value, list) else _text(value).split(";")
    return tuple(str(part).strip() for part in parts if str(part).strip())


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes: Babel's territories without the numeric regions and
    the groupings and placeholders CLDR adds (EU, UN, ZZ …)."""
    territories = babel.Locale("en").territories
    return frozenset(
        str(code)
        for code in territories
        if isinstance(code, str)
        and len(code) == 2
        and code.isalpha()
        and code not in _NOT_COUNTRIES
    )
