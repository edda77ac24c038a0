"""feeds.yaml: what a secretariat sees when the file has a mistake, and what a good file gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from aggregator.cli import cli
from aggregator.config import load_config

GOOD = """\
title: Responsible Minerals Clearinghouse
description: Calls for proposals, funding and news from partner initiatives
site_url: https://example.org/clearinghouse   # no trailing slash: added
database: data/aggregator.db
site: public
feeds:
  - name: European Partnership for Responsible Minerals
    url: https://eprm.example.org/feed/
    tags: [eprm]
  - name: Example Partner — calls
    url: https://partner.example.org/en/calls/
    type: page
    language: fr
    selectors:
      item: article.call
      title: h3
      date: time
"""


def check(tmp_path: Path, text: str) -> tuple[int, str]:
    path = tmp_path / "feeds.yaml"
    path.write_text(text)
    result = CliRunner().invoke(cli, ["check", "--config", str(path)])
    return result.exit_code, result.output


def test_a_good_file_loads_with_paths_relative_to_it(tmp_path: Path) -> None:
    (tmp_path / "feeds.yaml").write_text(GOOD)
    config = load_config(tmp_path / "feeds.yaml")
    assert config.site_url == "https://example.org/clearinghouse/"
    assert config.database == tmp_path / "data" / "aggregator.db"
    assert config.site == tmp_path / "public"
    assert [s.type for s in config.sources] == ["feed", "page"]
    assert config.sources[0].tags == ("eprm",)
    page = config.sources[1]
    assert page.language == "fr" and page.selectors and page.selectors.item == "article.call"
    code, output = check(tmp_path, GOOD)
    assert code == 0
    assert "OK: 2 sources (1 feeds, 1 pages)" in output


def test_templates_are_the_shipped_ones_unless_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "feeds.yaml").write_text(GOOD)
    shipped = load_config(tmp_path / "feeds.yaml")
    assert shipped.template_folders == (shipped.templates,)
    assert {"feed.xml", "index.html", "digest.html", "digest.txt"} <= {
        path.name for path in shipped.templates.iterdir()
    }
    (tmp_path / "ours").mkdir()
    (tmp_path / "feeds.yaml").write_text(
        GOOD.replace("site: public", "site: public\ntemplates: ours")
    )
    ours = load_config(tmp_path / "feeds.yaml")
    assert ours.template_folders == (tmp_path / "ours", shipped.templates)


def test_a_list_written_without_brackets_is_still_a_list(tmp_path: Path) -> None:
    (tmp_path / "feeds.yaml").write_text(
        GOOD.replace("tags: [eprm]", "tags: eprm, tin, due diligence")
    )
    config = load_config(tmp_path / "feeds.yaml")
    assert config.sources[0].tags == ("eprm", "tin", "due diligence")


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        (
            GOOD.replace("title: Responsible", "tilte: Responsible"),
            ["feeds.yaml:1:", "unknown key 'tilte'", "did you mean 'title'?"],
        ),
        (
            GOOD.replace("    url: https://eprm.example.org/feed/\n", ""),
            [
                "feeds.yaml:7:",
                "feed 'European Partnership for Responsible Minerals'",
                "'url' is missing",
                "add 'url: …'",
            ],
        ),
        (
            GOOD.replace("https://eprm.example.org/feed/", "eprm.example.org/feed/"),
            ["feeds.yaml:8:", "'url' is not a web address", "https://"],
        ),
        (
            GOOD + "  - name: EPRM again\n    url: https://www.eprm.example.org/feed\n",
            [
                "feeds.yaml:19:",
                "feed 'EPRM again'",
                "already listed as 'European Partnership",
                "line 7",
                "remove one of the two",
            ],
        ),
        (
            GOOD.replace("    tags: [eprm]", "    tags: [eprm]\n    langauge: en"),
            ["feeds.yaml:10:", "unknown key 'langauge'", "did you mean 'language'?"],
        ),
        (
            GOOD.replace("type: page", "type: webpage"),
            ["type must be 'feed' or 'page'"],
        ),
        (
            GOOD.replace("feeds:\n", "feeds:\n  name: oops\n", 1).split("  - name")[0],
            ["'feeds' must be a list"],
        ),
        ("title: [unclosed\n", ["feeds.yaml:", "not valid YAML"]),
        (
            GOOD.replace(
                "description: Calls for proposals, funding and news from partner initiatives",
                "description: 2024-02-30",
            ),
            ["not valid YAML"],
        ),
        ("feed_size: !!int x\n", ["not valid YAML"]),
        ("[" * 3000 + "\n", ["not valid YAML"]),
        (
            GOOD.replace("https://eprm.example.org/feed/", "http://eprm.example.org:8O80/feed"),
            ["feeds.yaml:8:", "'url' is not a web address", "Port could not be cast"],
        ),
        (
            GOOD.replace("https://eprm.example.org/feed/", "http://eprm.example.org:99999/feed"),
            ["feeds.yaml:8:", "'url' is not a web address", "Port out of range"],
        ),
        (
            GOOD.replace("https://eprm.example.org/feed/", "http://[::1/feed"),
            ["feeds.yaml:8:", "'url' is not a web address", "Invalid IPv6 URL"],
        ),
        (
            GOOD.replace("https://eprm.example.org/feed/", "https://eprm example.org/feed"),
            ["feeds.yaml:8:", "'url' is not a web address", "it contains a space"],
        ),
        (
            GOOD.replace("site: public", "site: public\nfeed_size: .inf"),
            ["must be a number, not inf"],
        ),
        (GOOD.replace("site: public", "site: public\nfeed_size: lots"), ["must be a number"]),
        (
            GOOD.replace("site: public", "site: public\ntemplates: nowhere"),
            ["no templates found", "set 'templates:'"],
        ),
        (
            GOOD.replace("site_url: https://example.org/clearinghouse", "site_url:"),
            ["'site_url' is missing"],
        ),
    ],
    ids=[
        "typo-top",
        "missing-url",
        "bad-url",
        "duplicate",
        "typo-feed",
        "bad-type",
        "feeds-not-list",
        "bad-yaml",
        "impossible-date",
        "bad-tag",
        "deep-nesting",
        "port-typo",
        "port-range",
        "bad-ipv6",
        "space-in-host",
        "infinite-number",
        "not-a-number",
        "no-templates",
        "missing-site-url",
    ],
)
def test_mistakes_get_one_clear_line_and_a_non_zero_exit(
    tmp_path: Path, mistake: str, expected: list[str]
) -> None:
    code, output = check(tmp_path, mistake)
    assert code == 2
    assert "Traceback" not in output
    line = output.strip()
    assert line.startswith("error: ") and "\n" not in line
    for part in expected:
        assert part in line


def test_a_missing_file_says_how_to_point_at_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "file not found" in result.output and "--config" in result.output


def test_the_shipped_feeds_yaml_is_valid() -> None:
    shipped = Path(__file__).parent.parent / "feeds.yaml"
    if not shipped.exists():
        pytest.skip("feeds.yaml not written yet")
    config = load_config(shipped)
    names = " ".join(s.name for s in config.sources)
    for partner in (
        "Public-Private Alliance",
        "European Partnership",
        "Responsible Minerals Initiative",
        "Fair Cobalt Alliance",
        "OECD",
        "planetGOLD",
        "International Peace Information Service",
        "Pact",
    ):
        assert partner in names


def test_a_file_not_in_utf8_names_the_line_and_the_fix(tmp_path: Path) -> None:
    text = "title: Clearinghouse\n# Société des mines\nfeeds: []\n"
    (tmp_path / "feeds.yaml").write_bytes(text.encode("latin-1"))
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path / "feeds.yaml")])
    code, output = result.exit_code, result.output
    assert code == 2
    assert "feeds.yaml:2: not UTF-8 text" in output and "(save the file as UTF-8)" in output


def test_a_folder_given_as_the_file_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--config", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().endswith("this is a folder (name the feeds.yaml file)")


# --- the title and description in each language ------------------------------------------

TAIL = "site_url: https://example.org/\nfeeds:\n  - name: A\n    url: https://a.example/feed\n"


@pytest.mark.parametrize(
    ("head", "titles", "descriptions"),
    [
        (
            "title: Clearinghouse\ndescription: Calls.\n",
            ("Clearinghouse", "Clearinghouse", "Clearinghouse"),
            ("Calls.", "Calls.", "Calls."),
        ),
        (
            "title:\n  en: Clearinghouse\n  fr: Centre d'échange\n  es: Centro\n",
            ("Clearinghouse", "Centre d'échange", "Centro"),
            ("", "", ""),
        ),
        (  # a language left out uses the English text
            "title: {en: Clearinghouse, fr: Centre}\n"
            "description:\n  en: Calls.\n  es: >-\n    Convocatorias\n    y noticias.\n",
            ("Clearinghouse", "Centre", "Clearinghouse"),
            ("Calls.", "Calls.", "Convocatorias y noticias."),
        ),
    ],
    ids=["plain", "every-language", "some-languages"],
)
def test_the_title_and_description_may_be_given_per_language(
    tmp_path: Path, head: str, titles: tuple[str, ...], descriptions: tuple[str, ...]
) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(head + TAIL)
    config = load_config(path)
    assert config.title == titles[0] and config.description == descriptions[0]
    assert tuple(config.title_in(lang) for lang in ("en", "fr", "es")) == titles
    assert tuple(config.description_in(lang) for lang in ("en", "fr", "es")) == descriptions


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "title: [Clearinghouse, Centre]\n",
            ["feeds.yaml:1:", "'title' must be text, or one text per language", "en: …"],
        ),
        (
            "title:\n  fr: Centre\n",
            ["feeds.yaml:1:", "'title' has no English text ('en')", "add 'en: …'"],
        ),
        (
            "title:\n  en: Clearinghouse\n  FR: Centre\n",
            [
                "feeds.yaml:3:",
                "'title' has text in 'FR', which is not a language of the site",
                "did you mean 'fr'?",
            ],
        ),
        (
            "title:\n  en: Clearinghouse\n  de: Zentrum\n",
            ["feeds.yaml:3:", "not a language of the site", "the site is in en, fr and es"],
        ),
        (
            "title:\n  en: Clearinghouse\n  fr: ''\n",
            ["feeds.yaml:3:", "'title' has no text in 'fr'", "remove 'fr:'"],
        ),
        (
            "title:\n  en: '  '\n  fr: Centre\n",
            ["feeds.yaml:2:", "'title' has no text in 'en'", "write the English text"],
        ),
        (
            "title:\n  en: Clearinghouse\n  fr: {court: Centre}\n",
            ["feeds.yaml:3:", "'title': 'fr' must be text"],
        ),
        ("title: {}\n", ["feeds.yaml:1:", "'title' gives no text in any language"]),
        (
            "title: Clearinghouse\ndescription:\n  es: Convocatorias.\n",
            ["feeds.yaml:2:", "'description' has no English text ('en')"],
        ),
    ],
    ids=[
        "list",
        "no-english",
        "capitals",
        "unknown",
        "empty",
        "empty-english",
        "nested",
        "none",
        "description",
    ],
)
def test_a_wrong_title_in_languages_gets_one_clear_line(
    tmp_path: Path, head: str, expected: list[str]
) -> None:
    code, output = check(tmp_path, head + TAIL)
    assert code == 2 and "Traceback" not in output
    line = output.strip()
    assert line.startswith("error: ") and "\n" not in line
    for part in expected:
        assert part in line, line
