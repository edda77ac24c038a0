"""`aggregator subscribers` and `aggregator check` on a real subscribers file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from aggregator.cli import cli

HEADER = "email,name,language,topics,countries,partners,kinds,frequency\n"
FEEDS = [{"name": "OECD", "url": "https://oecd.example.org/feed"}]


@pytest.fixture
def config(write_config: Any, tmp_path: Path) -> Path:
    (tmp_path / "subscribers.csv").write_text(
        "# our readers\n" + HEADER + "ana@example.org,Ana,fr,gold,CD,,calls,weekly\n"
    )
    return write_config(
        FEEDS,
        digest={
            "schedule": "weekly monday 08:00 Europe/Paris",
            "from": "Clearinghouse <digest@example.org>",
            "subscribers": "subscribers.csv",
            "suppressed": "suppressed.txt",
            "preferences": "https://example.org/preferences?email={email}",
            "subscribe": "mailto:digest-join@example.org",
        },
    )


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def test_list_add_remove_and_come_back(config: Path, tmp_path: Path) -> None:
    listed = invoke("subscribers", "--config", str(config))
    assert listed.exit_code == 0, listed.output
    assert (
        "ana@example.org  Ana  fr  topics: gold  countries: CD  partners: all  calls  weekly"
        in (listed.output)
    )
    added = invoke("subscribers", "add", "ben@example.org", "--language", "es",
                   "--partners", "oecd", "--config", str(config))  # fmt: skip
    assert added.exit_code == 0, added.output
    text = (tmp_path / "subscribers.csv").read_text()
    assert text.endswith("ben@example.org,,es,,,OECD,all,\n")
    removed = invoke("subscribers", "remove", "ben@example.org", "--config", str(config))
    assert removed.exit_code == 0, removed.output
    assert "Listed in" in removed.output
    assert (tmp_path / "subscribers.csv").read_text() == (
        "# our readers\n" + HEADER + "ana@example.org,Ana,fr,gold,CD,,calls,weekly\n"
    )
    assert "ben@example.org" in (tmp_path / "suppressed.txt").read_text()
    again = invoke("subscribers", "add", "ben@example.org", "--config", str(config))
    assert again.exit_code == 2
    assert "--resubscribe" in again.output
    back = invoke("subscribers", "add", "ben@example.org", "--resubscribe", "--config", str(config))
    assert back.exit_code == 0, back.output
    assert "ben@example.org" not in (tmp_path / "suppressed.txt").read_text()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--language", "de"], "language 'de' is not en, fr or es (write en, fr or es)"),
        (["--countries", "DRC"], "unknown country 'DRC'"),
        (["--partners", "OCDE"], "unknown partner 'OCDE' (did you mean 'OECD'?)"),
    ],
)
def test_add_refuses_a_bad_entry_in_one_line(
    config: Path, options: list[str], message: str
) -> None:
    result = invoke("subscribers", "add", "ben@example.org", *options, "--config", str(config))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("error: ") and message in line


def test_check_names_the_file_the_line_and_the_fix(config: Path, tmp_path: Path) -> None:
    path = tmp_path / "subscribers.csv"
    path.write_text(HEADER + "ana@example,,,,,,,\nben@example.org,,xx,,,,,\nc@example.org,,,,,,,\n")
    for args in (["subscribers", "check"], ["check"]):
        result = invoke(*args, "--config", str(config))
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [
            f"error: {path}:2: 'ana@example' is not an email address (write one plain address"
            " such as ana@example.org; the name goes in 'name')",
            f"error: {path}:3: language 'xx' is not en, fr or es (write en, fr or es)",
        ]
    path.write_text(HEADER + "c@example.org,,,,,,,\n")
    assert "1 subscribers" in invoke("subscribers", "check", "--config", str(config)).output
    assert invoke("check", "--config", str(config)).exit_code == 0


def test_topics_are_checked_against_the_sites_taxonomy(config: Path, tmp_path: Path) -> None:
    path = tmp_path / "subscribers.csv"
    path.write_text(HEADER + "ana@example.org,,fr,gol;great-lakes,,,,\nb@example.org,,,3t,,,,\n")
    for args in (["subscribers", "check"], ["check"]):
        result = invoke(*args, "--config", str(config))
        assert result.exit_code == 2, result.output
        assert result.output.splitlines() == [
            f"error: {path}:2: unknown topic 'gol' (did you mean 'gold'?)"
        ]
    added = invoke("subscribers", "add", "c@example.org", "--topics", "cobalt;sahel",
                   "--config", str(config))  # fmt: skip
    assert added.exit_code == 0, added.output
    refused = invoke("subscribers", "add", "d@example.org", "--topics", "uranium",
                     "--config", str(config))  # fmt: skip
    assert refused.exit_code == 2
    assert "unknown topic 'uranium'" in refused.output
