#!/usr/bin/env bash
# The package as a user gets it: build the wheel from the source tree, install it into
# a fresh virtualenv outside the checkout, and from a scratch folder run what the README
# tells a new user to run: init, check, demo, run. No network beyond 127.0.0.1 (and the
# package index, to install the wheel's dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
PYTHON="${PYTHON:-python3}"
work="$(mktemp -d /tmp/aggregator-wheel.XXXXXX)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "wheel check: $*" >&2; exit 1; }

# Build from a copy of the tracked (and new, unignored) files, so that nothing left in
# the checkout (.venv, build/, egg-info) can end up in the wheel.
mkdir "$work/src"
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work/src"
"$PYTHON" -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$work/dist" "$work/src"
wheel="$(ls "$work"/dist/aggregator-*.whl)"
"$PYTHON" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"

mkdir "$work/scratch"
cd "$work/scratch"
unset PYTHONPATH AGGREGATOR_CONFIG
aggregator="$work/venv/bin/aggregator"
"$aggregator" --version

# the templates come from the installed package, not from a checkout
templates="$("$work/venv/bin/python" -c 'from aggregator.config import DEFAULT_TEMPLATES as t; print(t)')"
case "$templates" in
  "$work/venv/"*) echo "templates: $templates" ;;
  *) fail "templates read from $templates, not from the installed package" ;;
esac
# every shipped template is in the wheel (package-data lists them by their endings)
for template in "$root"/templates/*; do
  [ -f "$templates/$(basename "$template")" ] || fail "the wheel lacks templates/$(basename "$template") (see package-data in pyproject.toml)"
done

# init, then check what it wrote; a second init refuses
"$aggregator" init clearinghouse > init.out
grep -q "17 \* \* \* \*  cd $work/scratch/clearinghouse && " init.out || fail "init printed no cron line"
"$aggregator" check --config clearinghouse/feeds.yaml
if "$aggregator" init clearinghouse 2> init.err; then fail "a second init overwrote"; fi
grep -q "already exist" init.err || fail "a second init did not say why it refused"

# the offline demo
"$aggregator" demo --output demo > demo.out
grep -q "6 ok, 0 not modified, 0 failed" demo.out || { cat demo.out; fail "demo: not every partner ok"; }
[ -s demo/site/index.html ] || fail "demo wrote no site/index.html"

# run, against partners served on 127.0.0.1: the demo's own published feeds
port="$("$work/venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PYTHON" -m http.server --bind 127.0.0.1 --directory demo/site "$port" > /dev/null 2>&1 &
server=$!
"$PYTHON" - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/feed.xml", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the local feed server did not start")
PY
mkdir local
cat > local/feeds.yaml <<YAML
title: Wheel check
site_url: https://example.org/clearinghouse/
feeds:
  - name: Demo feed
    url: http://127.0.0.1:$port/feed.xml
  - name: Demo open calls
    url: http://127.0.0.1:$port/calls.json
YAML
status=0
"$aggregator" run --quiet --config local/feeds.yaml > run.out || status=$?
cat run.out
[ "$status" -eq 0 ] || fail "run exited $status"
grep -q "2 ok, 0 not modified, 0 failed" run.out || fail "run: not both sources ok"
[ -s local/site/index.html ] || fail "run wrote no site/index.html"
grep -q "<item>" local/site/feed.xml || fail "run published no item"
echo "wheel check: OK ($(basename "$wheel"))"
