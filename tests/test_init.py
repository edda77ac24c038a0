"""`aggregator init`: the folder a new user starts from, and what it refuses to do."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from aggregator.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["init", *args])
    return result.exit_code, result.output


def test_init_writes_a_configuration_that_check_accepts(tmp_path: Path) -> None:
    code, output = init(str(tmp_path / "clearinghouse"))
    assert code == 0, output
    folder = tmp_path / "clearinghouse"
    assert sorted(p.name for p in folder.iterdir()) == ["feeds.yaml", "subscribers.csv"]
    result = CliRunner().invoke(cli, ["check", "--config", str(folder / "feeds.yaml")])
    assert result.exit_code == 0, result.output
    assert "OK: 5 sources (3 feeds, 2 pages)" in result.output
    assert "digest" not in result.output  # commented out: a first run sends no mail


def test_the_partners_are_entries_of_the_projects_own_feeds_yaml(tmp_path: Path) -> None:
    init(str(tmp_path))
    yaml = YAML(typ="safe")
    shipped = {(f["name"], f["url"]) for f in yaml.load(ROOT / "feeds.yaml")["feeds"]}
    written = yaml.load(tmp_path / "feeds.yaml")
    assert {(f["name"], f["url"]) for f in written["feeds"]} <= shipped
    assert "digest" not in written
    text = (tmp_path / "feeds.yaml").read_text(encoding="utf-8")
    assert "# digest:" in text and "confidence:" in text


def test_subscribers_csv_has_the_header_and_two_example_rows(tmp_path: Path) -> None:
    init(str(tmp_path))
    with (tmp_path / "subscribers.csv").open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == [
        "email", "name", "language", "topics", "countries", "partners", "kinds", "frequency",
    ]  # fmt: skip
    assert len(rows) == 2
    assert all(row["email"].endswith("@example.org") for row in rows)
    assert any(";" in row["topics"] for row in rows)  # several values, semicolon-separated
    assert {row["frequency"] for row in rows} <= {"daily", "weekly"}


def test_init_prints_cron_and_systemd_lines_with_absolute_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = init()  # DIR defaults to the current folder
    assert code == 0
    assert (tmp_path / "feeds.yaml").is_file()
    cron = next(line for line in output.splitlines() if line.strip().startswith("17 * * * *"))
    assert f"cd {tmp_path} && " in cron and " run --quiet --config feeds.yaml" in cron
    assert f"WorkingDirectory={tmp_path}\n" in output
    assert f"--config {tmp_path / 'feeds.yaml'}" in output
    assert "OnCalendar=hourly" in output


@pytest.mark.parametrize("present", ["feeds.yaml", "subscribers.csv"])
def test_init_never_overwrites_and_writes_nothing_then(tmp_path: Path, present: str) -> None:
    (tmp_path / present).write_text("mine\n")
    code, output = init(str(tmp_path))
    assert code == 1
    line = output.strip()
    assert line.startswith("error: ") and "\n" not in line
    assert f"{tmp_path / present} already exists: nothing written" in line
    assert [p.name for p in tmp_path.iterdir()] == [present]
    assert (tmp_path / present).read_text() == "mine\n"


def test_a_file_given_as_the_folder_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    code, output = init(str(tmp_path / "notes.txt"))
    assert code == 1
    assert output.strip() == f"error: {tmp_path / 'notes.txt'} is not a folder: nothing written"


def test_the_starter_files_pass_aggregator_check_with_the_digest_uncommented(
    tmp_path: Path,
) -> None:
    from aggregator.config import load_config
    from aggregator.digest.recipients import digest_subscribers

    init(str(tmp_path))
    path = tmp_path / "feeds.yaml"
    lines, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == "# digest:":
            inside, line = True, "digest:"
        elif inside and line.startswith("#   "):
            line = line[2:]
        else:
            inside = False
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    people = digest_subscribers(load_config(path))
    assert [(p.language, p.kinds, p.frequency) for p in people] == [
        ("fr", "all", "weekly"),
        ("en", "calls", "daily"),
    ]
