"""What `aggregator init` writes: a first feeds.yaml and subscribers.csv, and how to schedule it.

    write_starter(folder)              -> [folder/feeds.yaml, folder/subscribers.csv]
    schedule_lines(folder, executable) -> the crontab line and the systemd unit and timer

The feeds.yaml lists a few partners taken from the project's own feeds.yaml
(with their confidence notes), explains every key in comments and keeps the
digest section commented out, so that a first run sends no mail. Nothing is
ever overwritten: if either file exists, nothing is written at all.
"""

from __future__ import annotations

import getpass
import shlex
from pathlib import Path

from .errors import AggregatorError

FEEDS_NAME = "feeds.yaml"
SUBSCRIBERS_NAME = "subscribers.csv"

#: The partners of the starter feeds.yaml: entries of the project's feeds.yaml, as written there.
STARTER_FEEDS = """\
feeds:
  - name: European Partnership for Responsible Minerals (EPRM)
    # confidence: high — the call-for-proposals page was seen in a stored copy; no feed seen.
    url: https://europeanpartnership-responsibleminerals.eu/callforproposal
    type: page # an HTML page without a feed: items are found automatically (docs/pages.md)
    tags: [eprm, 3tg]
    language: en

  - name: Fair Cobalt Alliance
    # confidence: medium — WordPress default /feed/, not seen itself; verify.
    url: https://www.faircobaltalliance.org/feed/
    tags: [cobalt, asm]
    language: en

  - name: International Peace Information Service (IPIS)
    # confidence: medium — WordPress site, standard /feed/ not seen itself; verify.
    url: https://ipisresearch.be/feed/
    tags: [great-lakes, 3tg]
    language: en

  - name: planetGOLD
    # confidence: high — the News & Voices listing was seen in a stored copy; no feed seen.
    url: https://www.planetgold.org/news
    type: page
    tags: [gold, asm]
    language: en

  - name: ICGLR
    # confidence: low — WordPress-style date archives, so the feed is inferred, not seen.
    # Items come in English and French: no language given, it is detected per item.
    url: https://icglr.org/feed/
    tags: [great-lakes, 3tg]
"""

FEEDS_YAML = (
    """\
# feeds.yaml — what this clearinghouse polls and publishes. Written by `aggregator init`.
#
# Check it without fetching anything:      aggregator check --config feeds.yaml
# Run it once (fetch, store, write site/): aggregator run --config feeds.yaml
# Add a partner (a feed, or a page):       aggregator add URL --config feeds.yaml
# Paths below are relative to this file. Every key is described in
# docs/configuration.md of the project.
#
# The partner addresses below were NOT checked against the live web: the comment
# on each gives the confidence. `aggregator run` lists the sources that fail.

title: Responsible Minerals Clearinghouse
description: Calls for proposals, funding, events and news from partners on responsible minerals.

# CHANGE THIS to the public address the site/ folder is published at (ends in "/").
site_url: https://example.org/clearinghouse/
# CHANGE THIS to a page saying who runs the clearinghouse: sent in the User-Agent
# of every request so partners can reach you.
contact: https://example.org/clearinghouse/about
# Where the site's "Get the email digest" link leads: a mailto: address or an https://
# sign-up form (without it, the digest's subscribe: link, when there is one).
# signup: mailto:digest-join@example.org

database: aggregator.db # SQLite file: every item seen, and each source's polling state
site: site # the folder the published files are written to (feed.xml, calls.xml, index.html …)
feed_size: 100 # items in feed.xml / feed.json, newest first
open_call_days: 60 # a call without a deadline counts as open this many days

# Your own templates: a folder holding any of feed.xml, index.html, digest.html,
# digest.txt; a template it lacks comes from the ones shipped with the package.
# templates: templates

# The email digest. Commented out so that a first run sends no mail: uncomment,
# fill in, then `aggregator check`. The SMTP user name and password are read from
# the environment variables named here, never written in this file.
# digest:
#   schedule: weekly monday 08:00 Europe/Paris # or e.g. "daily 07:00 UTC"
#   subject: "{calls} new calls, {news} news from the clearinghouse"
#   from: Responsible Minerals Clearinghouse <clearinghouse@example.org>
#   subscribers: subscribers.csv # people, each in their language with their filters
#   suppressed: suppressed.txt # addresses that left: never sent to again
#   # to: [partners-list@example.org] # also read: everything, in English
#   unsubscribe: [mailto:clearinghouse@example.org?subject=unsubscribe]
#   preferences: mailto:clearinghouse@example.org?subject=preferences
#   subscribe: mailto:clearinghouse@example.org?subject=subscribe
#   smtp:
#     host: smtp.example.org
#     port: 587
#     security: starttls # starttls (port 587), ssl (port 465) or none (port 25)
#     username_env: AGGREGATOR_SMTP_USER
#     password_env: AGGREGATOR_SMTP_PASSWORD
#   skip_when_empty: true # no mail when there is nothing new
#
# subscribers.csv, beside this file, is an example list of subscribers and what
# each wants; each gets the digest that matches, in their language. Its columns:
#   email      the address (required)
#   name       their name, for the To: line (may be empty)
#   language   en, fr or es
#   topics     topic slugs as on the site, e.g. gold;cobalt;3t;asm;due-diligence (empty: all)
#   countries  ISO 3166 two-letter codes, e.g. CD;RW (empty: all)
#   partners   source names as in the feeds below (empty: all)
#   kinds      calls (calls only) or all (empty: all)
#   frequency  daily or weekly (empty: the schedule's)
# A field holding several values separates them with ";"; lines starting with
# "#" are comments. Add and remove people with `aggregator subscribers add` and
# `aggregator subscribers remove`; `aggregator check` validates the file.

"""
    + STARTER_FEEDS
)

SUBSCRIBERS_CSV = """\
email,name,language,topics,countries,partners,kinds,frequency
amina.diallo@example.org,Amina Diallo,fr,gold;asm,CD;RW,,all,weekly
j.smith@example.org,Jo Smith,en,cobalt;due-diligence,,Fair Cobalt Alliance;ICGLR,calls,daily
"""


def write_starter(folder: Path) -> list[Path]:
    """Write feeds.yaml and subscribers.csv into `folder` (created if missing); their paths.

    AggregatorError, and nothing written, if either file exists or the folder
    cannot be written.
    """
    if folder.exists() and not folder.is_dir():
        raise AggregatorError(f"{folder} is not a folder: nothing written")
    files = {folder / FEEDS_NAME: FEEDS_YAML, folder / SUBSCRIBERS_NAME: SUBSCRIBERS_CSV}
    existing = [path for path in files if path.exists() or path.is_symlink()]
    if existing:
        names = " and ".join(str(path) for path in existing)
        verb, them = ("exist", "them") if len(existing) > 1 else ("exists", "it")
        raise AggregatorError(
            f"{names} already {verb}: nothing written "
            f"(init never overwrites: choose another folder, or move {them} away)"
        )
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in files.items():
            with path.open("x", encoding="utf-8") as file:  # "x": never over a file made meanwhile
                written.append(path)
                file.write(text)
    except OSError as error:
        for path in written:  # all or nothing
            path.unlink(missing_ok=True)
        raise AggregatorError(f"cannot write into {folder}: {error.strerror or error}") from error
    return written


def schedule_lines(folder: Path, executable: str) -> str:
    """The crontab line and a systemd service and timer running `executable` hourly in `folder`."""
    folder = folder.absolute()
    config = folder / FEEDS_NAME
    cron = (
        f"17 * * * *  cd {shlex.quote(str(folder))} && {shlex.quote(executable)} run --quiet "
        f"--config {FEEDS_NAME} >> {shlex.quote(str(folder / 'aggregator.log'))} 2>&1"
    )
    return f"""\
Every hour from cron (crontab -e):

  {cron}

or with systemd: /etc/systemd/system/aggregator.service

  [Unit]
  Description=Responsible Minerals Clearinghouse: one run
  Wants=network-online.target
  After=network-online.target

  [Service]
  Type=oneshot
  User={_user()}
  WorkingDirectory={folder}
  EnvironmentFile=-/etc/aggregator/secrets
  ExecStart={_systemd_quote(executable)} run --quiet --config {_systemd_quote(str(config))}
  ReadWritePaths={_systemd_quote(str(folder))}
  ProtectSystem=strict
  NoNewPrivileges=true

and /etc/systemd/system/aggregator.timer

  [Unit]
  Description=Hourly run of the Responsible Minerals Clearinghouse

  [Timer]
  OnCalendar=hourly
  RandomizedDelaySec=10min
  Persistent=true

  [Install]
  WantedBy=timers.target

then: sudo systemctl daemon-reload && sudo systemctl enable --now aggregator.timer"""


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid
        return "clearinghouse"


def _systemd_quote(word: str) -> str:
    """A path as one word of a unit file's command line."""
    if not any(char in word for char in ' \t"\\'):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
