"""The subscribers file: reading, one-line errors, round-trip edits, suppression and filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from aggregator.config import load_config
from aggregator.digest.content import select_digest
from aggregator.digest.subscribers import (
    add_subscriber,
    check_subscribers,
    facet_path,
    merge_contents,
    merge_subscribers,
    personal_content,
    personal_link,
    plan_editions,
    read_subscribers,
    read_suppressed,
    receives_on,
    remove_subscriber,
    subject_template,
    suppress,
    unsuppress,
    wants,
)
from aggregator.errors import ConfigError
from aggregator.types import Subscriber
from tests.digest_support import MONDAY, make_item

SOURCES = ("OECD", "ICGLR", "Partner A")

CSV = (
    "# Who gets the digest\n"
    "email,name,language,topics,countries,partners,kinds,frequency\n"
    "ana@example.org,Ana Mukendi,fr,gold;3t,CD;RW,,calls,weekly\n"
    "# Ben asked for everything\n"
    "ben@example.org,Ben,,,,,,\n"
    'chloe@example.org,"Quispe, Chloé",es,,PE,OECD,all,daily\n'
)


def write(tmp_path: Path, text: str, name: str = "subscribers.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def test_a_csv_file_is_read_with_its_preferences(tmp_path: Path) -> None:
    ana, ben, chloe = read_subscribers(write(tmp_path, CSV), sources=SOURCES)
    assert ana == Subscriber(
        email="ana@example.org",
        name="Ana Mukendi",
        language="fr",
        topics=("gold", "3t"),
        countries=("CD", "RW"),
        kinds="calls",
        frequency="weekly",
        line=3,
    )
    assert (ben.language, ben.kinds, ben.frequency, ben.wants_everything) == (
        "en",
        "all",
        None,
        True,
    )
    assert (chloe.name, chloe.partners, chloe.countries) == ("Quispe, Chloé", ("OECD",), ("PE",))


def test_a_yaml_file_is_read_the_same(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# subscribers\n- email: ana@example.org\n  language: fr\n  topics: [gold, 3t]\n"
        "- email: ben@example.org\n  countries: CD;RW\n",
        "subscribers.yaml",
    )
    ana, ben = read_subscribers(path)
    assert (ana.language, ana.topics, ana.line) == ("fr", ("gold", "3t"), 2)
    assert (ben.countries, ben.line) == (("CD", "RW"), 5)


HEADER = "email,name,language,topics,countries,partners,kinds,frequency\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("ana@example,Ana,fr,,,,,", ":2: 'ana@example' is not an email address (write one plain"),
        ("Ana <ana@example.org>,,,,,,,", "is not an email address"),
        (
            "ana@example.org,Ana,de,,,,,",
            ":2: language 'de' is not en, fr or es (write en",
        ),
        ("ana@example.org,Ana,fr,gold rush,,,,", ":2: unknown topic 'gold rush'"),
        ("ana@example.org,Ana,fr,,ZZ,,,", ":2: unknown country 'ZZ' (use ISO 3166-1 alpha-2"),
        ("ana@example.org,Ana,fr,,,OCED,,", ":2: unknown partner 'OCED' (did you mean 'OECD'?)"),
        ("ana@example.org,Ana,fr,,,,news,", ":2: kinds 'news' is not 'calls' or 'all'"),
        ("ana@example.org,Ana,fr,,,,,monthly", ":2: frequency 'monthly' is not daily or weekly"),
        ("ana@example.org,Ana,fr,gold,CD,RW,,,", ":2: 9 fields for 8 columns (separate several"),
    ],
)
def test_each_mistake_is_one_line_with_file_line_and_fix(
    tmp_path: Path, row: str, expected: str
) -> None:
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(ConfigError) as caught:
        read_subscribers(path, sources=SOURCES)
    message = caught.value.message
    assert message.startswith(str(path) + ":2: ")
    assert expected in message
    assert "\n" not in message and "(" in message


def test_known_topics_are_checked_once_the_site_gives_them(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "ana@example.org,,,gol,,,,\n")
    assert read_subscribers(path)[0].topics == ("gol",)  # loosely: a well-formed slug
    with pytest.raises(ConfigError, match=r"unknown topic 'gol' \(did you mean 'gold'\?\)"):
        read_subscribers(path, topics={"gold", "cobalt", "3t", "great-lakes"})


def test_check_lists_every_problem_and_keeps_the_good_rows(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "bad,,,,,,,\nana@example.org,,,,,,,\nANA@example.org,,,,,,,\nx@y.org,,xx,,,,,\n",
    )
    good, problems = check_subscribers(path)
    assert [person.email for person in good] == ["ana@example.org"]
    assert [problem.line for problem in problems] == [2, 4, 5]
    assert "already listed on line 3" in problems[1].message


def test_unknown_column_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r":1: unknown column 'langage' .*'language'"):
        read_subscribers(write(tmp_path, "email,langage\n"))
    with pytest.raises(ConfigError, match="does not exist"):
        read_subscribers(tmp_path / "missing.csv")


def test_adding_and_removing_keep_the_rest_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, CSV.replace("\n", "\r\n"))
    before = path.read_bytes()
    dina = Subscriber(email="dina@example.org", name="Dina, K.", language="es", topics=("gold",))
    add_subscriber(path, dina)
    after = path.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == b'dina@example.org,"Dina, K.",es,gold,,,all,\r\n'
    assert read_subscribers(path)[-1].name == "Dina, K."
    assert remove_subscriber(path, "DINA@example.org")
    assert path.read_bytes() == before
    assert remove_subscriber(path, "ben@example.org")
    assert path.read_bytes() == before.replace(b"ben@example.org,Ben,,,,,,\r\n", b"")
    assert not remove_subscriber(path, "nobody@example.org")
    with pytest.raises(ConfigError, match="already subscribed"):
        add_subscriber(path, Subscriber(email="Ana@Example.org"))


def test_a_new_csv_file_gets_a_header(tmp_path: Path) -> None:
    path = tmp_path / "new.csv"
    add_subscriber(path, Subscriber(email="ana@example.org", countries=("CD",)))
    assert read_subscribers(path)[0].countries == ("CD",)
    assert path.read_text().splitlines()[1] == HEADER.strip()


def test_yaml_edits_keep_comments_and_order(tmp_path: Path) -> None:
    text = "# our list\n- email: ana@example.org  # the coordinator\n  language: fr\n"
    path = write(tmp_path, text, "subscribers.yaml")
    add_subscriber(path, Subscriber(email="ben@example.org", topics=("gold", "3t")))
    written = path.read_text()
    assert written.startswith(text)
    assert [person.email for person in read_subscribers(path)] == [
        "ana@example.org",
        "ben@example.org",
    ]
    assert remove_subscriber(path, "ben@example.org")
    assert path.read_text() == text


def test_suppressed_addresses_are_left_out(tmp_path: Path) -> None:
    path = tmp_path / "suppressed.txt"
    assert read_suppressed(path) == frozenset()
    assert suppress(path, "Ben@example.org")
    assert not suppress(path, "ben@example.org")
    assert read_suppressed(path) == {"ben@example.org"}
    people = read_subscribers(write(tmp_path, CSV))
    kept = merge_subscribers(people, suppressed=read_suppressed(path))
    assert [person.email for person in kept] == ["ana@example.org", "chloe@example.org"]
    assert unsuppress(path, "BEN@example.org")
    assert read_suppressed(path) == frozenset()


GOLD_CD = make_item(1, kind="call", tags=("gold", "cd"), partners=("OECD",),
                    deadline=date(2027, 4, 30))  # fmt: skip
COBALT = make_item(2, kind="call", tags=("cobalt",), partners=("ICGLR",))
NEWS_GOLD = make_item(3, tags=("gold",), partners=("Partner A",))


@pytest.mark.parametrize(
    ("subscriber", "wanted"),
    [
        (Subscriber(email="a@x.org"), {1, 2, 3}),
        (Subscriber(email="a@x.org", kinds="calls"), {1, 2}),
        (Subscriber(email="a@x.org", topics=("gold",)), {1, 3}),
        (Subscriber(email="a@x.org", topics=("gold",), kinds="calls"), {1}),
        (Subscriber(email="a@x.org", countries=("CD",)), {1}),
        (Subscriber(email="a@x.org", partners=("icglr",)), {2}),
        (Subscriber(email="a@x.org", topics=("lithium",)), set()),
    ],
)
def test_filters(subscriber: Subscriber, wanted: set[int]) -> None:
    items = [GOLD_CD, COBALT, NEWS_GOLD]
    assert {n for n, item in enumerate(items, start=1) if wants(subscriber, item)} == wanted
    content = select_digest(
        items,
        included_before=set(),
        reminded_before=set(),
        last_digest_at=None,
        now=MONDAY,
        first_digest_days=7,
    )
    mine = personal_content(content, subscriber)
    assert {row[0] for row in mine.sections()} == {f"item-{n}" for n in wanted}


def test_weekly_subscribers_of_a_daily_digest_get_mondays() -> None:
    weekly = Subscriber(email="a@x.org", frequency="weekly")
    daily = Subscriber(email="b@x.org", frequency="daily")
    tuesday, monday = date(2027, 3, 30), date(2027, 3, 29)
    assert receives_on(weekly, monday, schedule_frequency="daily")
    assert not receives_on(weekly, tuesday, schedule_frequency="daily")
    assert receives_on(daily, tuesday, schedule_frequency="daily")
    assert receives_on(weekly, tuesday, schedule_frequency="weekly")


def three_readers() -> list[Subscriber]:
    return [
        Subscriber(email="ana@example.org", language="fr", topics=("gold",), kinds="calls"),
        Subscriber(email="ben@example.org"),
        Subscriber(email="chloe@example.org", language="es", countries=("PE",)),
        Subscriber(email="dan@example.org"),  # same edition as Ben
    ]


def test_editions_group_readers_who_get_the_same_message() -> None:
    items = [GOLD_CD, COBALT, NEWS_GOLD]
    content = select_digest(items, included_before=set(), reminded_before=set(),
                            last_digest_at=None, now=MONDAY, first_digest_days=7)  # fmt: skip
    editions = plan_editions(content, three_readers(), day=MONDAY.date(),
                             schedule_frequency="weekly", skip_when_empty=True)  # fmt: skip
    by_reader = {p.email: e for e in editions for p in e.recipients}
    assert set(by_reader) == {"ana@example.org", "ben@example.org", "dan@example.org"}
    assert by_reader["ben@example.org"] is by_reader["dan@example.org"]
    ana = by_reader["ana@example.org"]
    assert (ana.language, ana.facet) == ("fr", "topics/gold/")
    assert [row[0] for row in ana.content.sections()] == ["item-1"]
    # Chloé follows Peru and nothing matches: no empty digest for her...
    everyone = plan_editions(content, three_readers(), day=MONDAY.date(),
                             schedule_frequency="weekly", skip_when_empty=False)  # fmt: skip
    # ...unless empty digests are wanted
    assert "chloe@example.org" in {p.email for e in everyone for p in e.recipients}


def test_links_and_facets() -> None:
    ana = Subscriber(email="ana+news@example.org", countries=("CD",))
    assert facet_path(ana) == "countries/cd/"
    assert facet_path(Subscriber(email="a@x.org", topics=("gold", "3t"))) is None
    assert personal_link("https://x.org/prefs?email={email}", ana) == (
        "https://x.org/prefs?email=ana%2Bnews@example.org"
    )
    assert personal_link("mailto:prefs@x.org", ana) == "mailto:prefs@x.org"


def test_a_week_of_issues_merges_each_item_once() -> None:
    monday = select_digest([GOLD_CD, NEWS_GOLD], included_before=set(), reminded_before=set(),
                           last_digest_at=None, now=MONDAY, first_digest_days=7)  # fmt: skip
    tuesday = select_digest([GOLD_CD, COBALT], included_before=set(), reminded_before=set(),
                            last_digest_at=None, now=MONDAY, first_digest_days=7)  # fmt: skip
    merged = merge_contents([monday, tuesday])
    assert [row[0] for row in merged.sections()] == ["item-1", "item-2", "item-3"]


def test_subjects_by_language(write_config: Any) -> None:
    feeds = [{"name": "OECD", "url": "https://oecd.example.org/feed"}]
    digest = {"schedule": "daily 07:00 UTC", "from": "d@example.org", "to": ["a@example.org"]}
    plain = load_config(write_config(feeds, digest={**digest, "subject": "{calls} calls"}))
    assert plain.digest is not None
    assert subject_template(plain.digest, "en") == "{calls} calls"
    assert subject_template(plain.digest, "fr") == (
        "{calls} nouveaux appels, {news} actualités de la plateforme"
    )
    both = {"en": "{calls} calls", "es": "{calls} convocatorias"}
    mapped = load_config(write_config(feeds, digest={**digest, "subject": both}))
    assert mapped.digest is not None
    assert subject_template(mapped.digest, "es") == "{calls} convocatorias"
    assert subject_template(mapped.digest, "en") == "{calls} calls"
