#!/usr/bin/env bash
# The test suite against the lowest version of each dependency pyproject.toml allows
# (constraints/floors.txt), in a virtualenv of its own: a lower bound the suite fails
# with is a bug.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
venv="$(mktemp -d /tmp/aggregator-floors.XXXXXX)"
trap 'rm -rf "$venv"' EXIT

"$PYTHON" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  -c constraints/floors.txt -e '.[test]'

# Every pin installed at exactly its version (a dependency dropped from pyproject.toml
# but left pinned here, or a pin pip could not honour, stops the run).
"$venv/bin/python" - constraints/floors.txt <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

wrong = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, pinned = line.split("==")
    try:
        installed = version(name)
    except PackageNotFoundError:
        installed = "not installed"
    if installed != pinned:
        wrong.append(f"{name}: {installed}, not {pinned}")
if wrong:
    sys.exit("floors not installed as pinned: " + "; ".join(wrong))
print("floors installed:", sum(1 for l in open(sys.argv[1]) if "==" in l.split("#")[0]), "pins")
PY

"$venv/bin/python" -m pytest -p no:cacheprovider -q
