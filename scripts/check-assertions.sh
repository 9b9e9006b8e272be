#!/usr/bin/env bash
# Every test case that ctest reports as passed asserted something. Runs ctest on a selection, then
# every test case of the selected test executables again with Catch2's `-w NoAssertions` (one
# process per test case, as ctest runs them), and fails when a test case without assertions was not
# reported Skipped by ctest, or when a test case fails outright.
#   scripts/check-assertions.sh BUILD_DIR [ctest selection arguments, e.g. -L core or -R '^hub: ']
# Select whole executables (a label, or a prefix regex): test cases outside the ctest selection are
# still run and then have no ctest verdict. The -pg entries run the same test cases as the plain ones
# (only the hub's backend differs), so the executables are run with the plain environment.
# To see what a machine without ../shared runs, export KIOSK_TEST_SHARED_DATA_DIR=/nonexistent
# (the tests read it when they run); without PostgreSQL, configure without KIOSK_TEST_PG.
# KIOSK_CHECK_JOBS (default 2): how many tests run at once, in ctest and here.
set -euo pipefail
build="${1:?usage: scripts/check-assertions.sh BUILD_DIR [ctest selection arguments]}"
shift
selection=("$@")
jobs_max="${KIOSK_CHECK_JOBS:-2}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. ctest's verdicts. Its failures are listed by the checks below, so its exit status is not fatal.
(cd "$build" && ctest "${selection[@]}" -j"$jobs_max" >"$work/ctest.log" 2>&1) || true
sed -n 's/^[[:space:]]*[0-9][0-9]* - \(.*\) (Skipped)$/\1/p' "$work/ctest.log" | sed 's/^[^:]*: \{0,1\}//' | sort -u >"$work/skipped"
echo "ctest: $(grep -c . "$work/skipped" || true) skipped test case(s); $(grep -m1 'tests passed' "$work/ctest.log" || echo 'no summary')"
grep '\*\*\*Failed\|\*\*\*Timeout\|\*\*\*Exception' "$work/ctest.log" || true

# 2. The executables behind the selection.
(cd "$build" && ctest "${selection[@]}" -N -V) | sed -n 's/^[0-9]*: Test command: \([^ ]*\) .*/\1/p' | sort -u >"$work/executables"
if [ ! -s "$work/executables" ]; then
  echo "no test executables in this selection" >&2
  exit 2
fi

# 3. Each test case with -w NoAssertions, KIOSK_CHECK_JOBS at a time.
run_case() {  # executable, test case name, result file
  local spec="$2"
  spec="${spec//,/\\,}"
  spec="${spec//[/\\[}"
  spec="${spec//]/\\]}"
  local out rc=0
  out=$("$1" "$spec" -w NoAssertions 2>&1) || rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "ok" >"$3"
  elif grep -q "No assertions in" <<<"$out"; then
    echo "no-assertions" >"$3"
  else
    echo "failed" >"$3"
  fi
}
n=0
while read -r exe; do
  while IFS= read -r name; do
    [ -n "$name" ] || continue
    n=$((n + 1))
    printf '%s\n' "$name" >"$work/case-$n.name"
    run_case "$exe" "$name" "$work/case-$n.result" &
    if [ "$(jobs -rp | wc -l)" -ge "$jobs_max" ]; then wait -n || true; fi
  done < <("$exe" --list-test-names-only)
done <"$work/executables"
wait

bad=0
for ((i = 1; i <= n; i++)); do
  name=$(cat "$work/case-$i.name")
  result=$(cat "$work/case-$i.result")
  skipped=no
  if grep -qxF -- "$name" "$work/skipped"; then skipped=yes; fi
  case "$result/$skipped" in
    no-assertions/no)
      echo "NO ASSERTIONS, not skipped: $name"
      bad=1
      ;;
    failed/*)
      echo "FAILED: $name"
      bad=1
      ;;
    ok/yes) echo "note: skipped by ctest but asserted something before skipping: $name" ;;
  esac
done
echo "$n test case(s) run with -w NoAssertions"
if [ "$bad" -ne 0 ]; then
  echo "check-assertions: FAILED" >&2
  exit 1
fi
echo "check-assertions: every test case without assertions was reported Skipped by ctest"
