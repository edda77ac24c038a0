"""Appending a source to feeds.yaml without disturbing anything the admin wrote."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from aggregator.config import load_config
from aggregator.errors import ConfigError
from aggregator.feeds_file import append_source
from aggregator.types import Selectors

FEEDS_YAML = """\
# Partners of the clearinghouse. Keep this header!
title: "Responsible Minerals Clearinghouse"
description: 'Calls, funding and news'
site_url: https://clearinghouse.example.org/
database: data/aggregator.db
site: site

feeds:   # alphabetical, please
  - name: IPIS          # Antwerp
    url: 'https://ipisresearch.be/feed/'
    tags: [asm, great-lakes]

  - name: "OECD RBC"
    url: https://www.oecd.org/rbc/feed.xml
    language: en   # English only
    kind: news
  # - name: Disabled partner
  #   url: https://old.example/feed

fetch:
  concurrency: 8    # be gentle
"""

PAGE_ENTRY = {
    "name": "Great Lakes Minerals Partnership: calls",
    "url": "https://partner.example.org/en/calls",
    "type": "page",
    "language": "en",
    "tags": ["calls", "great-lakes"],
    "selectors": {"item": "div.views-row", "date": "span.date", "summary": "p.teaser"},
}

PAGE_BLOCK = """\
  - name: 'Great Lakes Minerals Partnership: calls'
    url: https://partner.example.org/en/calls
    type: page
    language: en
    tags: [calls, great-lakes]
    selectors:
      item: div.views-row
      date: span.date
      summary: p.teaser
"""


@pytest.fixture
def feeds_yaml(tmp_path: Path) -> Path:
    path = tmp_path / "feeds.yaml"
    path.write_text(FEEDS_YAML)
    return path


def test_the_entry_goes_after_the_last_feed_and_nothing_else_changes(feeds_yaml: Path) -> None:
    append_source(feeds_yaml, PAGE_ENTRY)
    head, tail = FEEDS_YAML.split("  # - name: Disabled partner\n")
    disabled = "  # - name: Disabled partner\n"
    # The entries are separated by blank lines, so the new one is too.
    assert feeds_yaml.read_text() == head + "\n" + PAGE_BLOCK + disabled + tail


def test_the_added_source_loads_with_its_selectors(feeds_yaml: Path) -> None:
    append_source(feeds_yaml, PAGE_ENTRY)
    config = load_config(feeds_yaml)
    assert [source.name for source in config.sources] == [
        "IPIS",
        "OECD RBC",
        "Great Lakes Minerals Partnership: calls",
    ]
    added = config.sources[-1]
    assert added.type == "page"
    assert added.tags == ("calls", "great-lakes")
    assert added.selectors == Selectors(item="div.views-row", date="span.date", summary="p.teaser")


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (  # a list written flush with its key, followed by another key
            "feeds:\n- name: A\n  url: https://a.example/feed\nsite: out\n",
            "feeds:\n- name: A\n  url: https://a.example/feed\n"
            "- name: B\n  url: https://b.example/feed\nsite: out\n",
        ),
        (  # four-space indentation, no newline at the end of the file
            "feeds:\n    -   name: A\n        url: https://a.example/feed",
            "feeds:\n    -   name: A\n        url: https://a.example/feed\n"
            "    -   name: B\n        url: https://b.example/feed\n",
        ),
        (  # Windows line endings stay Windows line endings
            "feeds:\r\n  - name: A\r\n    url: https://a.example/feed\r\n# end\r\n",
            "feeds:\r\n  - name: A\r\n    url: https://a.example/feed\r\n"
            "  - name: B\r\n    url: https://b.example/feed\r\n# end\r\n",
        ),
        (  # a block scalar with a blank line inside the last entry
            "feeds:\n  - name: A\n    url: https://a.example/feed\n    note: |\n      one\n\n"
            "      two\n\nother: 1\n",
            "feeds:\n  - name: A\n    url: https://a.example/feed\n    note: |\n      one\n\n"
            "      two\n  - name: B\n    url: https://b.example/feed\n\nother: 1\n",
        ),
    ],
)
def test_the_list_keeps_its_own_layout(tmp_path: Path, original: str, expected: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_bytes(original.encode())
    append_source(path, {"name": "B", "url": "https://b.example/feed"})
    assert path.read_bytes().decode() == expected


@pytest.mark.parametrize(
    "original",
    [
        "# no feeds yet\ntitle: X\nfeeds: []\n",
        "# no feeds yet\ntitle: X\nfeeds:\n",
        "# no feeds yet\ntitle: X\n",
    ],
)
def test_an_empty_list_gets_its_first_entry(tmp_path: Path, original: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(original)
    append_source(path, {"name": "B", "url": "https://b.example/feed", "tags": ["x"]})
    text = path.read_text()
    assert text.startswith("# no feeds yet\ntitle: X\n")
    assert "  - name: B\n    url: https://b.example/feed\n    tags: [x]\n" in text


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "New", "url": "https://ipisresearch.be/feed"}, "already in the file as 'IPIS'"),
        ({"name": "New", "url": "http://www.IPISresearch.be/feed/?utm_source=x"}, "as 'IPIS'"),
        ({"name": "New", "url": "https://oecd.org/rbc/feed.xml#top"}, "as 'OECD RBC'"),
        ({"name": "ipis", "url": "https://new.example/feed"}, "name 'ipis' is already used"),
        ({"name": "OECD RBC", "url": "https://new.example/feed"}, "is already used"),
        ({"name": "", "url": "https://new.example/feed"}, "needs a 'name' and a 'url'"),
        ({"name": "New"}, "needs a 'name' and a 'url'"),
    ],
)
def test_duplicates_are_refused_and_the_file_is_untouched(
    feeds_yaml: Path, entry: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        append_source(feeds_yaml, entry)
    assert feeds_yaml.read_text() == FEEDS_YAML


def test_the_refusal_names_the_line_of_the_existing_entry(feeds_yaml: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        append_source(feeds_yaml, {"name": "New", "url": "https://www.oecd.org/rbc/feed.xml"})
    assert caught.value.line == 13
    assert f"{feeds_yaml}:13:" in caught.value.message


@pytest.mark.parametrize(
    "original",
    ["feeds: {a: 1}\n", "feeds: [\n", "- just\n- a list\n"],
)
def test_a_file_that_cannot_take_an_entry_is_refused(tmp_path: Path, original: str) -> None:
    path = tmp_path / "feeds.yaml"
    path.write_text(original)
    with pytest.raises(ConfigError):
        append_source(path, {"name": "B", "url": "https://b.example/feed"})
    assert path.read_text() == original


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_writing_is_atomic_and_keeps_the_permissions(feeds_yaml: Path, mode: int) -> None:
    os.chmod(feeds_yaml, mode)
    append_source(feeds_yaml, {"name": "B", "url": "https://b.example/feed"})
    assert feeds_yaml.stat().st_mode & 0o777 == mode  # a private file stays private
    assert sorted(p.name for p in feeds_yaml.parent.iterdir()) == ["feeds.yaml"]


def test_the_shipped_feeds_yaml_only_gains_the_new_lines(tmp_path: Path) -> None:
    shipped = Path(__file__).parent.parent / "feeds.yaml"
    path = tmp_path / "feeds.yaml"
    path.write_bytes(shipped.read_bytes())
    append_source(path, {"name": "Test partner 7f3a", "url": "https://test-7f3a.example/calls"})
    before = shipped.read_text().splitlines()
    after = path.read_text().splitlines()
    changes = [
        op for op in difflib.SequenceMatcher(a=before, b=after).get_opcodes() if op[0] != "equal"
    ]
    assert len(changes) == 1 and changes[0][0] == "insert"
    _, _, _, start, end = changes[0]
    assert [line.strip() for line in after[start:end] if line.strip()] == [
        "- name: Test partner 7f3a",
        "url: https://test-7f3a.example/calls",
    ]
    assert load_config(path).sources[-1].name == "Test partner 7f3a"
