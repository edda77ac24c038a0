"""The `aggregator` command: a thin shell over `pipeline`.

Each command parses its options, makes one call and turns an
`AggregatorError` into one clear line on stderr and a non-zero exit code,
never a traceback.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from . import pipeline
from .config import load_config
from .errors import AggregatorError, ConfigError
from .sources import reader_of
from .types import (
    CALL_STATUSES,
    KINDS,
    Config,
    EventDates,
    FeedStatus,
    Item,
    NewSource,
    Preview,
    RunSummary,
)

F = TypeVar("F", bound=Callable[..., Any])

EXIT_FAILED = 1
EXIT_CONFIG = 2
#: `aggregator status`: a source is failing, gone, moved, suspect or held back.
EXIT_ATTENTION = 3


def config_option(fn: F) -> F:
    """--config PATH (default ./feeds.yaml, or $AGGREGATOR_CONFIG)."""
    return click.option(
        "--config",
        "-c",
        "config_path",
        type=click.Path(path_type=Path),  # a folder or a missing file: load_config says so
        default="feeds.yaml",
        envvar="AGGREGATOR_CONFIG",
        show_default=True,
        help="The feeds.yaml to use.",
    )(fn)


def reports_errors(fn: F) -> F:
    """Turn expected errors into one line and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(EXIT_CONFIG)
        except AggregatorError as exc:
            click.echo(f"error: {exc.message}", err=True)
            sys.exit(EXIT_FAILED)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _setup_logging(verbose: bool, quiet: bool, *, progress_bar: bool = False) -> None:
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    if progress_bar and not verbose:
        level = logging.ERROR  # each source's warning is in the summary: not over the bar
    logging.basicConfig(level=level, format="%(levelname)s %(message)s", stream=sys.stderr)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="aggregator")
def cli() -> None:
    """Responsible Minerals Clearinghouse: poll partner feeds and pages, publish one
    combined feed, a calendar of call deadlines, a static site and an email digest."""


@cli.command()
@click.argument(
    "folder", type=click.Path(path_type=Path), default=".", required=False, metavar="[DIR]"
)
@reports_errors
def init(folder: Path) -> None:
    """Start a clearinghouse in DIR (default: here): the first command after installing.

    Writes a commented feeds.yaml with a few partners (the digest commented
    out) and an example subscribers.csv, then prints the cron line and the
    systemd unit that run it hourly. Refuses to overwrite either file.
    """
    from .starter import schedule_lines, write_starter

    written = write_starter(folder)
    config = written[0].absolute()
    click.echo("Wrote " + " and ".join(str(path.absolute()) for path in written) + ".")
    command = _this_command()
    click.echo(
        f"Next: set site_url and contact in {config.name} and check each partner's address, then\n"
        f"  {command} check --config {config}\n"
        f"  {command} run --config {config}\n"
    )
    click.echo(schedule_lines(config.parent, command))


@cli.command()
@config_option
@click.option("--quiet", "-q", is_flag=True, help="Only warnings and the summary.")
@click.option("--verbose", "-v", is_flag=True, help="Debug logging.")
@click.option("--no-digest", is_flag=True, help="Do not send the digest even if it is due.")
@reports_errors
def run(config_path: Path, quiet: bool, verbose: bool, no_digest: bool) -> None:
    """Poll every source, store new items, write the site, send the digest if due.

    Exits 0 when the run completed, even if some sources failed (they are
    listed in the summary); 1 when nothing could be fetched; 2 on a
    configuration error (for the digest's settings, after polling and
    writing the site as usual).
    """
    config = load_config(config_path)
    interactive = sys.stderr.isatty() and not quiet
    _setup_logging(verbose, quiet, progress_bar=interactive)
    if interactive:
        with click.progressbar(length=len(config.sources), label="Polling", file=sys.stderr) as bar:
            summary = pipeline.run(
                config, progress=lambda _status: bar.update(1), send_digest=not no_digest
            )
    else:
        summary = pipeline.run(config, send_digest=not no_digest)
    click.echo(format_summary(summary, config))
    polled = [s for s in summary.statuses if s.outcome not in ("skipped", "gone")]
    if polled and all(s.outcome == "failed" for s in polled):
        sys.exit(EXIT_FAILED)
    if summary.digest_misconfigured:  # after a complete run: cron reports it
        sys.exit(EXIT_CONFIG)


@cli.command()
@config_option
@reports_errors
def check(config_path: Path) -> None:
    """Validate feeds.yaml (and the digest's recipients and subscribers) without fetching."""
    config = load_config(config_path)
    recipients = pipeline.digest_recipients(config)
    people, problems = _subscriber_problems(config)
    for problem in problems:
        click.echo(f"error: {problem.message}", err=True)
    if problems:
        sys.exit(EXIT_CONFIG)
    pages = sum(1 for s in config.sources if reader_of(s).is_page)
    count = len({address.casefold() for address in recipients} | {p.casefold() for p in people})
    corrections = pipeline.overrides_count(config)
    click.echo(
        f"{config_path}: OK: {len(config.sources)} sources "
        f"({len(config.sources) - pages} feeds, {pages} pages)"
        + (f", digest to {count} recipients" if config.digest else "")
        + (f", {len(config.notify)} chat channels" if config.notify else "")
        + (f", {corrections} corrections in overrides.yaml" if corrections else "")
    )


def _subscriber_problems(config: Config) -> tuple[list[str], list[ConfigError]]:
    """The subscribers file's addresses (without the suppressed) and its problems."""
    from .digest import subscribers

    settings = config.digest
    if settings is None or settings.subscribers is None:
        return [], []
    people, problems = subscribers.check_subscribers(
        settings.subscribers,
        sources=[source.name for source in config.sources],
        topics=subscribers.known_topics(config.taxonomy),
    )
    try:
        gone = subscribers.read_suppressed(settings.suppressed)
    except ConfigError as error:
        problems.append(error)
        gone = frozenset()
    return [p.email for p in people if p.email.casefold() not in gone], problems


def _subscribers_file(config: Config) -> Path:
    if config.digest is None or config.digest.subscribers is None:
        raise ConfigError(
            "feeds.yaml names no subscribers file",
            path=config.path,
            key="digest.subscribers",
            fix="add 'subscribers: subscribers.csv' under 'digest:'",
        )
    return config.digest.subscribers


def subcommand_config(fn: F) -> F:
    """--config on a subcommand too (`aggregator subscribers add EMAIL --config x.yaml`)."""

    def wrapper(group_config: Path, sub_config: Path | None, *args: Any, **kwargs: Any) -> Any:
        return fn(sub_config or group_config, *args, **kwargs)

    wrapper.__name__, wrapper.__doc__ = fn.__name__, fn.__doc__
    option = click.option(
        "--config",
        "-c",
        "sub_config",
        type=click.Path(path_type=Path),
        default=None,
        help="The feeds.yaml to use (default: the group's, then ./feeds.yaml).",
    )
    return option(click.pass_obj(wrapper))  # type: ignore[return-value]


@cli.group(invoke_without_command=True)
@config_option
@click.pass_context
@reports_errors
def subscribers(context: click.Context, config_path: Path) -> None:
    """List the digest's subscribers (see the subcommands to add, remove and check).

    The file is the one named by 'digest: subscribers:' in feeds.yaml (CSV or
    YAML); edits keep its comments, its order and every other row as they were.
    """
    context.obj = config_path
    if context.invoked_subcommand is not None:
        return
    from .digest import subscribers as people

    config = load_config(config_path)
    path = _subscribers_file(config)
    found = people.read_subscribers(path)
    gone = people.read_suppressed(config.digest.suppressed if config.digest else None)
    for person in found:
        click.echo(format_subscriber(person, suppressed=person.email.casefold() in gone))
    click.echo(
        f"{len(found)} subscribers in {path}" + (f", {len(gone)} suppressed" if gone else "")
    )


def format_subscriber(person: Any, *, suppressed: bool = False) -> str:
    """One line: address, name, language, filters, kinds and frequency."""
    parts = [person.email, person.name or "-", person.language]
    for label, values in (
        ("topics", person.topics),
        ("countries", person.countries),
        ("partners", person.partners),
    ):
        parts.append(f"{label}: {', '.join(values) if values else 'all'}")
    parts += [person.kinds, person.frequency or "as scheduled"]
    if suppressed:
        parts.append("(suppressed: not sent)")
    return "  ".join(parts)


@subscribers.command("add")
@click.argument("email")
@click.option("--name", default="", help="The person's name.")
@click.option("--language", default="en", show_default=True, help="en, fr or es.")
@click.option("--topics", default="", help="Topic slugs separated by ';' (empty: all).")
@click.option("--countries", default="", help="ISO codes separated by ';', e.g. CD;RW.")
@click.option("--partners", default="", help="Source names from feeds.yaml separated by ';'.")
@click.option("--kinds", default="all", show_default=True, help="calls or all.")
@click.option("--frequency", default="", help="daily or weekly (default: the schedule's).")
@click.option("--resubscribe", is_flag=True, help="Also take the address off the suppression list.")
@subcommand_config
@reports_errors
def subscribers_add(config_path: Path, email: str, resubscribe: bool, **values: str) -> None:
    """Add a subscriber (aggregator subscribers add EMAIL --language fr --topics gold)."""
    from .digest import subscribers as people

    config = load_config(config_path)
    path = _subscribers_file(config)
    person = people.check_entry(
        {"email": email, **values},
        path,
        sources=[source.name for source in config.sources],
        topics=people.known_topics(config.taxonomy),
    )
    suppressed = config.digest.suppressed if config.digest else None
    if suppressed is not None and person.email.casefold() in people.read_suppressed(suppressed):
        if not resubscribe:
            raise ConfigError(
                f"{person.email} left the digest and is on the suppression list {suppressed}",
                fix="add --resubscribe if they asked to come back",
            )
        people.unsuppress(suppressed, person.email)
    people.add_subscriber(path, replace(person, line=None))
    click.echo(f"Added {person.email} to {path}.")


@subscribers.command("remove")
@click.argument("email")
@click.option("--no-suppress", is_flag=True, help="Do not add the address to the suppression list.")
@subcommand_config
@reports_errors
def subscribers_remove(config_path: Path, email: str, no_suppress: bool) -> None:
    """Remove a subscriber, and list the address as suppressed so no digest reaches it."""
    from .digest import subscribers as people

    config = load_config(config_path)
    path = _subscribers_file(config)
    removed = people.remove_subscriber(path, email)
    suppressed = config.digest.suppressed if config.digest else None
    listed = False
    if suppressed is not None and not no_suppress:
        listed = people.suppress(suppressed, email)
    if not removed and not listed:
        raise AggregatorError(f"{email} is not in {path}")
    click.echo(
        (f"Removed {email} from {path}." if removed else f"{email} was not in {path}.")
        + (f" Listed in {suppressed}." if listed else "")
    )


@subscribers.command("check")
@subcommand_config
@reports_errors
def subscribers_check(config_path: Path) -> None:
    """Validate the subscribers file: one line per mistake, with its line and the fix."""
    config = load_config(config_path)
    path = _subscribers_file(config)
    people, problems = _subscriber_problems(config)
    for problem in problems:
        click.echo(f"error: {problem.message}", err=True)
    if problems:
        sys.exit(EXIT_CONFIG)
    click.echo(f"{path}: OK: {len(people)} subscribers")


@cli.command()
@config_option
@click.argument("url", required=False)
@click.option(
    "--below",
    type=click.FloatRange(0, 1),
    default=0.7,
    show_default=True,
    help="List items whose confidence is below this.",
)
@click.option(
    "--limit",
    "-n",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="List at most this many, newest first.",
)
@click.option("--kind", type=click.Choice(KINDS), help="Correct the item's kind.")
@click.option("--status", type=click.Choice(CALL_STATUSES), help="Correct a call's status.")
@click.option("--deadline", metavar="YYYY-MM-DD|none", help="Correct a call's deadline.")
@click.option("--opens", metavar="YYYY-MM-DD", help="The day a forthcoming call opens.")
@click.option("--event-start", metavar="YYYY-MM-DD", help="An event's first day.")
@click.option("--event-end", metavar="YYYY-MM-DD", help="An event's last day.")
@click.option("--online/--on-site", default=None, help="Whether the event is online.")
@click.option("--hide", is_flag=True, help="Never publish the item.")
@click.option("--note", help="Why, for the next reader of overrides.yaml.")
@reports_errors
def review(config_path: Path, url: str | None, below: float, limit: int, **options: Any) -> None:
    """List the items the classifier was unsure of, or correct one (URL and options)
    in overrides.yaml beside feeds.yaml; corrections apply at the next run."""
    config = load_config(config_path)
    changes = _corrections(**options)
    if url is None:
        if changes:
            raise click.UsageError("name the item's URL to correct it")
        items = pipeline.items_to_review(config, below=below, limit=limit)
        if not items:
            click.echo(f"nothing to review: every item's confidence is {below:.0%} or more")
        for item in items:
            click.echo(_review_lines(item))
        return
    if not changes:
        raise click.UsageError("say what to correct: --kind, --status, --deadline, … or --hide")
    path = pipeline.correct_item(config, url, changes)
    click.echo(f"{url}: corrected in {path} ({', '.join(changes)}); applies at the next run")


def _corrections(
    *,
    kind: str | None,
    status: str | None,
    deadline: str | None,
    opens: str | None,
    event_start: str | None,
    event_end: str | None,
    online: bool | None,
    hide: bool,
    note: str | None,
) -> dict[str, object]:
    changes: dict[str, object] = {}
    if kind:
        changes["kind"] = kind
    if status:
        changes["status"] = status
    if deadline is not None:
        changes["deadline"] = None if deadline.lower() == "none" else _day(deadline, "--deadline")
    if opens:
        changes["opens"] = _day(opens, "--opens")
    if event_start or event_end or online is not None:
        if not event_start:
            raise click.UsageError("--event-start is needed with --event-end or --online")
        start = _day(event_start, "--event-start")
        end = _day(event_end, "--event-end") if event_end else start
        changes["event"] = EventDates(start, end, online)
    if hide:
        changes["hidden"] = True
    if note:
        changes["note"] = note
    return changes


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date: write YYYY-MM-DD", param_hint=option
        ) from None


def _review_lines(item: Item) -> str:
    what = item.kind + (f", {item.status}" if item.status else "")
    lines = [
        f"{item.confidence:.0%}  {item.published.date().isoformat()}  {what}  {item.title}",
        f"      {item.link or item.url or '(no link)'}",
        f"      why: {item.kind_reason}",
    ]
    if item.kind == "call":
        deadline = item.deadline.isoformat() if item.deadline else "none read"
        phrase = f" ({item.deadline_phrase})" if item.deadline_phrase else ""
        lines.append(f"      deadline: {deadline}{phrase}")
    if item.event is not None:
        lines.append(f"      event: {item.event.start.isoformat()} to {item.event.end.isoformat()}")
    return "\n".join(lines)


@cli.command()
@config_option
@click.argument("name")
@reports_errors
def reset(config_path: Path, name: str) -> None:
    """Poll a gone (410) or backed-off source again on the next run."""
    config = load_config(config_path)
    source = _find_source(config, name)
    pipeline.reset_source(config, source.url)
    click.echo(f"{source.name}: will be polled on the next run")


@cli.command()
@config_option
@click.option("--json", "as_json", is_flag=True, help="The documented JSON, for monitoring.")
@reports_errors
def status(config_path: Path, as_json: bool) -> None:
    """Show each source's state: ok, failing since, moved, gone, suspect, held back.

    Reads the database without polling anything. Exits 0 when no source needs
    attention, 3 when one is failing, gone, moved, suspect or held back (for
    monitoring), 1 when the database cannot be read, 2 on a configuration error.
    """
    from . import health

    config = load_config(config_path)
    now = datetime.now(UTC)
    healths = pipeline.source_status(config, now=now)
    if as_json:
        document = health.status_document(healths, now=now)
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        click.echo(health.status_table(healths))
    if health.needs_attention(healths):
        sys.exit(EXIT_ATTENTION)


@cli.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default="demo",
    show_default=True,
    help="Folder for the demo's feeds.yaml, database and site (empty, or an earlier demo).",
)
@click.option("--serve", is_flag=True, help="Then serve the site on 127.0.0.1 until Ctrl-C.")
@click.option(
    "--port", type=int, default=8000, show_default=True, help="Port for --serve (0: any free)."
)
@reports_errors
def demo(output: Path, serve: bool, port: int) -> None:
    """Run the whole pipeline offline on bundled example partners.

    Serves six fictional partners' feeds and pages (English, French,
    Spanish) on 127.0.0.1, writes OUTPUT/feeds.yaml for them, runs the
    pipeline (no email) and prints where the site is. Needs no network.
    """
    from .demo import run_demo, site_server

    _setup_logging(verbose=False, quiet=True)
    server = site_server(output / "site", port) if serve else None
    site_url = f"http://127.0.0.1:{server.server_port}/" if server else None
    try:
        result = run_demo(output, site_url=site_url)
        click.echo(format_summary(result.summary, result.config))
        click.echo(f"Demo configuration: {result.config.path}")
        for path in result.files:
            click.echo(f"  {path}")
        if server is None:
            # the command as it was typed (.venv/bin/aggregator from `make demo`)
            command = sys.argv[0] if Path(sys.argv[0]).name == "aggregator" else "aggregator"
            click.echo(f"Browse it: {command} demo --output {output} --serve")
            return
        click.echo(f"Serving the demo site at {site_url} (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)
    finally:
        if server is not None:
            server.server_close()


@cli.command()
@config_option
@click.argument("url")
@click.option("--name", help="The partner's name as readers see it (default: the feed's title).")
@click.option("--yes", "-y", is_flag=True, help="Add it without asking.")
@reports_errors
def add(config_path: Path, url: str, name: str | None, yes: bool) -> None:
    """Add a partner's feed or page (URL) to feeds.yaml.

    A feed is added as it is; a page that advertises a feed adds that feed;
    any other page gets proposed selectors, and the items they would extract
    are shown before anything is written. Comments and layout of feeds.yaml
    are kept. A URL or name already in the file is refused.
    """
    from . import onboard  # loaded only here: an hourly run never needs it

    config = load_config(config_path)
    proposal = onboard.propose_source(config, url, name=name)
    click.echo(format_proposal(proposal))
    if not yes and not click.confirm(f"Add it to {config_path}?", default=True):
        click.echo("Nothing added.")
        return
    onboard.add_source(config, proposal)
    click.echo(f"Added '{proposal.entry['name']}' to {config_path}.")


@cli.command()
@config_option
@click.argument("source")
@reports_errors
def preview(config_path: Path, source: str) -> None:
    """Print the items a source (NAME or URL) yields right now; nothing is stored."""
    from . import onboard

    config = load_config(config_path)
    click.echo(format_preview(onboard.preview_source(config, source)))


@cli.command()
@config_option
@click.argument("name")
@reports_errors
def release(config_path: Path, name: str) -> None:
    """Publish a page's items held back after a suspected redesign, and rewrite the site."""
    config = load_config(config_path)
    source = _find_source(config, name)
    count = pipeline.release_source(config, source)
    if count:
        click.echo(f"{source.name}: {count} held-back items published")
    else:
        click.echo(f"{source.name}: no held-back items")


@cli.command()
@config_option
@click.option(
    "--preview",
    is_flag=True,
    help="Write digest-preview.eml and .html of the next digest; send and record nothing.",
)
@click.option(
    "--send",
    is_flag=True,
    help="Send a digest now, outside the schedule, of everything not sent yet.",
)
@reports_errors
def digest(config_path: Path, preview: bool, send: bool) -> None:
    """Preview the email digest, or send one now (see docs/digest.md).

    Without an option, does what the end of `aggregator run` does: finish a
    digest left pending, then send one if the schedule says it is due. Exits
    1 when the SMTP server could not be reached or refused the login (the
    digest stays in the outbox for the next run), 2 on a configuration error.
    """
    if preview and send:
        raise click.UsageError("choose --preview or --send, not both")
    config = load_config(config_path)
    report = pipeline.run_digest(
        config, mode="preview" if preview else "send" if send else "scheduled"
    )
    click.echo(report.summary)
    if report.error:
        sys.exit(EXIT_FAILED)


def format_proposal(proposal: NewSource) -> str:
    """What `aggregator add` found, the entry it would write, and the items of a page."""
    found = proposal.discovery
    if found.kind == "feed":
        lines = [f"Feed: {found.title or found.url}"]
    elif found.kind == "page-with-feed":
        lines = [f"Page: {found.title or found.url}", f"It advertises a feed: {found.feed_url}"]
    else:
        lines = [f"Page: {found.title or found.url}", "No feed: proposed selectors."]
    lines.append("Entry for feeds.yaml:")
    for key, value in proposal.entry.items():
        if isinstance(value, dict):
            lines.append(f"  {key}:")
            lines.extend(f"    {k}: {v}" for k, v in value.items())
        else:
            lines.append(f"  {key}: {value}")
    if found.kind == "page":
        lines.append(f"Items these selectors extract now ({len(found.preview)}):")
        for item in found.preview:
            when = item.published.date().isoformat() if item.published else "no date  "
            lines.append(f"  {when}  {item.title}")
            lines.append(f"              {item.link}")
    return "\n".join(lines)


def format_preview(preview: Preview) -> str:
    """Title, date and link of each item a source yields now."""
    lines = [f"{preview.source.name}: {len(preview.items)} items"]
    if preview.feed_url:
        lines[0] += f" (from the feed the page advertises: {preview.feed_url})"
    if preview.warning:
        lines.append(f"warning: {preview.warning}")
    for classified in preview.items:
        item = classified.parsed
        when = item.published.date().isoformat() if item.published else "no date  "
        kind = classified.classification.kind
        deadline = classified.classification.deadline
        due = f" (deadline {deadline.isoformat()})" if deadline else ""
        lines.append(f"  {when}  {kind:<5}  {item.title}{due}")
        lines.append(f"                     {item.link or '(no link)'}")
    return "\n".join(lines)


def _this_command() -> str:
    """The aggregator executable, with an absolute path where one is known (for cron)."""
    typed = Path(sys.argv[0])
    if typed.name == "aggregator" and typed.is_file():
        return str(typed.absolute())  # not resolved: a pipx link stays valid across upgrades
    return shutil.which("aggregator") or "aggregator"


def _find_source(config: Config, name: str) -> Any:
    source = config.source(name)
    if source is None:
        raise AggregatorError(f"no source named {name!r} in {config.path}")
    return source


def format_summary(summary: RunSummary, config: Config) -> str:
    """The few lines `aggregator run` ends with."""
    seconds = (summary.finished - summary.started).total_seconds()
    counts = [
        f"{summary.count('ok')} ok",
        f"{summary.count('not_modified')} not modified",
        f"{summary.count('failed')} failed",
    ]
    for outcome, label in (
        ("gone", "gone"),
        ("skipped", "backing off"),
        ("suspect", "suspect"),
        ("held", "held back"),
    ):
        if summary.count(outcome):  # type: ignore[arg-type]
            counts.append(f"{summary.count(outcome)} {label}")  # type: ignore[arg-type]
    lines = [f"Polled {len(summary.statuses)} sources in {seconds:.1f} s: " + ", ".join(counts)]
    for status in summary.statuses:
        line = _status_line(status)
        if line:
            lines.append("  " + line)
    lines.append(
        f"Items: {summary.new_items} new, {summary.updated_items} updated. "
        f"Site written to {config.site}"
    )
    read, found = summary.call_pages
    if read:
        lines.append(f"Calls' own pages read: {read} ({found} gave a deadline)")
    if summary.notify:
        lines.append(f"Chat: {summary.notify}")
    if summary.digest:
        lines.append(f"Digest: {summary.digest}")
    return "\n".join(lines)


def _status_line(status: FeedStatus) -> str | None:
    parts = []
    if status.outcome in ("failed", "gone", "skipped"):
        parts.append(f"{status.outcome:<8} {status.name}: {status.error}")
    elif status.outcome == "suspect":
        parts.append(f"suspect  {status.name}: {status.warning}")
    elif status.outcome == "held":
        parts.append(
            f"held     {status.name}: {status.warning} "
            f"(check the page, then 'aggregator release \"{status.name}\"')"
        )
    elif status.warning:
        parts.append(f"warning  {status.name}: {status.warning}")
    if status.moved_to:
        parts.append(
            f"moved    {status.name}: permanently redirected to {status.moved_to}; "
            "update its url in feeds.yaml"
        )
    return "\n  ".join(parts) or None


def main() -> None:
    # What is loaded by now (modules, classes, functions) lives until exit: take
    # it out of the cyclic collector's sight, so that its collections during a
    # run, and the last one at exit, do not walk it again and again, and so that
    # the forked parsing processes share those pages instead of copying them
    # (see the gc.freeze documentation). Saves about 0.07 s of an unchanged run.
    gc.freeze()
    cli()
