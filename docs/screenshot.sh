#!/usr/bin/env bash
# Reproduces docs/status-page.png: runs the demo on a throwaway PostgreSQL (--keep), runs maintain
# a few more times so the run history has rows, writes `pgpart status --html`, and has headless
# Chromium (Debian: apt-get install -y chromium) take a 1400x900 screenshot of it.
#
#   docs/screenshot.sh [OUT.png]      default: docs/status-page.png
#
# Everything it starts is stopped at the end, also on failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(realpath -m "${1:-$here/docs/status-page.png}")"
work="$(mktemp -d)"
demo_pid=""

cleanup() {
  if [ -n "$demo_pid" ] && kill -0 "$demo_pid" 2>/dev/null; then
    kill "$demo_pid"            # the demo's shutdown hook stops its server and removes its directory
    wait "$demo_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "screenshot.sh: needs Chromium (apt-get install -y chromium)" >&2; exit 1; }

"$here/pgpart" --version >/dev/null      # builds the jar first if needed, so the wait below is short
"$here/pgpart" demo --keep >"$work/demo.log" 2>&1 &
demo_pid=$!
for _ in $(seq 1 180); do
  grep -q "export PGPART_URL=" "$work/demo.log" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.log" >&2; echo "screenshot.sh: the demo stopped" >&2; exit 1; }
  sleep 1
done
url="$(sed -n "s/.*export PGPART_URL='\([^']*\)'.*/\1/p" "$work/demo.log" | tail -1)"
config="$(sed -n 's/.*pgpart --config \(.*\) status$/\1/p' "$work/demo.log" | tail -1)"
[ -n "$url" ] && [ -n "$config" ] || { cat "$work/demo.log" >&2; echo "screenshot.sh: no URL in the demo's output" >&2; exit 1; }
export PGPART_URL="$url"

for _ in 1 2; do "$here/pgpart" --config "$config" maintain --yes >/dev/null; done
"$here/pgpart" --config "$config" status --html "$work/status.html"
"$here/pgpart" --config "$config" metrics >"$work/pgpart.prom"
echo "metrics: $(grep -vc '^#' "$work/pgpart.prom") samples"

"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/chromium" \
  --screenshot="$out" --window-size=1400,1120 "file://$work/status.html" 2>"$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "screenshot: $out"
