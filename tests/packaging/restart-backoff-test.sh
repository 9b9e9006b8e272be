#!/bin/sh
# The kiosk unit's restart backoff (packaging/kiosk/restart-backoff), run as systemd runs it
# before each start, against a clock file and a sleep that only records: first start at once,
# quick restarts 2, 4, 8, ... s up to the cap, a healthy run resets, a broken state file is
# read as a first start.
set -eu
backoff=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
# The backoff's sleep records its argument instead of waiting, and advances the clock.
cat > "$work/bin/sleep" <<SLEEP
#!/bin/sh
echo "\$1" >> "$work/slept"
read -r t _ < "$work/clock"
echo "\$((\${t%%.*} + \$1)).00 0.00" > "$work/clock"
SLEEP
chmod +x "$work/bin/sleep"
export PATH="$work/bin:$PATH" KIOSK_BACKOFF_STATE="$work/restarts" KIOSK_BACKOFF_CLOCK="$work/clock"
export KIOSK_BACKOFF_HEALTHY_S=300 KIOSK_BACKOFF_CAP_S=60
failures=0

set_clock() { echo "$1.42 17.00" > "$work/clock"; }
# Runs one start at clock time $1; prints the wait it chose (0 when it did not sleep).
start_at() {
    set_clock "$1"
    : > "$work/slept"
    "$backoff" 2> "$work/log"
    if [ -s "$work/slept" ]; then cat "$work/slept"; else echo 0; fi
}
expect() {
    if [ "$2" != "$3" ]; then
        echo "FAIL: $1: expected $3, got $2" >&2
        failures=$((failures + 1))
    else
        echo "ok: $1 ($2)"
    fi
}

expect "first start since boot goes at once" "$(start_at 40)" 0
expect "state after the first start" "$(cat "$work/restarts")" "0 40"
# A crash loop: each start right after the one before (the unit's RestartSec apart).
t=41
for want in 2 4 8 16 32 60 60; do
    got=$(start_at "$t")
    expect "quick restart waits $want s" "$got" "$want"
    read -r _ t < "$work/restarts"
    t=$((t + 1))
done
expect "the wait is logged to the journal" "$(cat "$work/log")" "restart-backoff: quick restart 7, waiting 60s"
# A run of five minutes or more counts as healthy: the next crash restarts at once.
read -r _ last < "$work/restarts"
expect "after a healthy run the restart goes at once" "$(start_at $((last + 300)))" 0
expect "and the count starts again" "$(start_at $((last + 302)))" 2
# A state file that is not "<count> <seconds>" is a first start, not an error.
echo "garbage here" > "$work/restarts"
expect "a broken state file reads as a first start" "$(start_at 5000)" 0
# No state file folder writable: the start fails loudly rather than looping without backoff.
if KIOSK_BACKOFF_STATE="$work/missing/restarts" "$backoff" 2> /dev/null; then
    echo "FAIL: an unwritable state file must fail the start" >&2
    failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "restart backoff: all checks passed"
