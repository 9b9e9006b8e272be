#!/usr/bin/env bash
# Checks that a change to the kiosk leaves its scripted UI replays as they were: the UI tests
# (tests/ui, `kiosk --script`) write a state dump at each {"dump": FILE} step; record them with the
# kiosk before the change and after it, then compare. Fields that follow the wall clock or
# randomness (booking ids, today's slots, the desk's times) are left out of the comparison.
#
#   scripts/compare-kiosk-replays.sh record BUILD_DIR OUT_DIR [CATCH_TEST_SPEC]
#       runs BUILD_DIR/tests/ui_tests (all of it, or the Catch2 test spec given) under Xvfb with its
#       own temp folder and keeps every state dump in OUT_DIR/dumps
#   scripts/compare-kiosk-replays.sh compare BEFORE_DIR AFTER_DIR
#       compares the dumps of two records; exit 0 when every dump is the same, 1 otherwise
set -euo pipefail

# Normalises one dump: sorted keys, time- and random-dependent fields dropped. Today's slots shrink
# as the day goes on: their targets go, and each one's label leaves the count of audited texts.
normalise() {
    jq -S 'del(.confirmation.booking_id, .confirmation.slot, .booking_ui.slot)
           | if .desk then .desk |= map(del(.time)) else . end
           | if .targets then
                 ([.targets | keys[] | select(startswith("slot:"))] | length) as $slots
                 | .text_checked -= $slots
                 | .targets |= with_entries(select(.key | startswith("slot:") | not))
             else . end' "$1"
}

record() {
    local build=$1 out=$2 spec=${3:-}
    local tmp="$out/tmp"
    rm -rf "$out"
    mkdir -p "$tmp" "$out/dumps"
    local status=0
    if [[ -n "$spec" ]]; then
        TMPDIR="$tmp" "$build/tests/ui_tests" "$spec" || status=$?
    else
        TMPDIR="$tmp" "$build/tests/ui_tests" || status=$?
    fi
    # A state dump is a JSON object with a "screen"; the scripts themselves hold "steps".
    local n=0
    for f in "$tmp"/kiosk-session-tests/*.json; do
        [[ -e "$f" ]] || continue
        if jq -e 'type == "object" and has("screen") and has("targets")' "$f" >/dev/null 2>&1; then
            cp "$f" "$out/dumps/"
            n=$((n + 1))
        fi
    done
    echo "recorded $n state dumps in $out/dumps (ui_tests exit status $status)"
    return $status
}

compare() {
    local before=$1/dumps after=$2/dumps failed=0 same=0
    for f in "$before"/*.json; do
        local name
        name=$(basename "$f")
        if [[ ! -e "$after/$name" ]]; then
            echo "MISSING $name (no dump after the change)"
            failed=1
            continue
        fi
        if diff <(normalise "$f") <(normalise "$after/$name") >/dev/null; then
            same=$((same + 1))
        else
            echo "DIFFERS $name:"
            diff <(normalise "$f") <(normalise "$after/$name") | head -20 || true
            failed=1
        fi
    done
    for f in "$after"/*.json; do
        [[ -e "$before/$(basename "$f")" ]] || { echo "NEW $(basename "$f") (no dump before the change)"; failed=1; }
    done
    echo "$same dumps identical"
    return $failed
}

case "${1:-}" in
    record) shift; record "$@" ;;
    compare) shift; compare "$@" ;;
    *) sed -n '2,13p' "$0"; exit 2 ;;
esac
