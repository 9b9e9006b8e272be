#!/usr/bin/env bash
# Regenerates the README's pictures: the kiosk draws each screen of a scripted visit under Xvfb
# (Mesa's software OpenGL) and the three catalog cars through the car viewer.
# Usage: scripts/make-screenshots.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
kiosk="$build/app/kiosk/kiosk"
out=docs/screenshots
mkdir -p "$out"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
run() { xvfb-run -a -s "-screen 0 1920x1080x24" "$kiosk" --date 2026-11-27 --data "$data" "$@"; }

# The three cars, configured from the command line.
run --trim lark-long-range --paint lark-paint-mint --wheels lark-wheel-17-spoke --view front-three-quarter --screenshot "$out/car-lark.png"
run --trim heron-performance --paint heron-paint-red --view front-three-quarter --screenshot "$out/car-heron.png"
run --trim crane-flagship --paint crane-paint-champagne --view rear-three-quarter --screenshot "$out/car-crane.png"

# A visit, screen by screen.
cat > "$data/visit.json" <<JSON
{"steps": [
  {"frames": 20}, {"screenshot": "$out/attract.png"},
  {"tap": "start"}, {"frames": 2}, {"screenshot": "$out/chooser-zh.png"},
  {"tap": "lang"}, {"frames": 2}, {"screenshot": "$out/chooser-en.png"}, {"tap": "lang"},
  {"tap": "model:heron"}, {"tap": "tab:paint"}, {"tap": "option:heron-paint-blue"}, {"frames": 30},
  {"screenshot": "$out/configurator.png"},
  {"tap": "tab:wheels"}, {"tap": "option:heron-wheel-21-forged"}, {"frames": 2}, {"screenshot": "$out/repair.png"},
  {"tap": "repair:cancel"}, {"tap": "summary"}, {"frames": 2}, {"screenshot": "$out/summary.png"},
  {"tap": "fit"}, {"tap": "parking:own_space"}, {"frames": 2}, {"screenshot": "$out/fit-check.png"},
  {"tap": "survey"}, {"tap": "day:1"}, {"tap": "period:morning"}, {"tap": "field:name"}, {"type": "zhangwei\n"},
  {"tap": "key:done"}, {"tap": "field:mobile"}, {"type": "13800138000"}, {"tap": "key:done"}, {"tap": "check:consent"},
  {"frames": 2}, {"screenshot": "$out/survey.png"}, {"tap": "back"}, {"tap": "back"},
  {"tap": "compare"}, {"tap": "back"}, {"tap": "tab:trim"}, {"tap": "option:heron-performance"}, {"frames": 20},
  {"tap": "summary"}, {"tap": "compare"}, {"frames": 2}, {"screenshot": "$out/compare.png"}, {"tap": "back"},
  {"tap": "book"}, {"tap": "day:1"}, {"tap_first": "slot:"}, {"tap": "field:name"}, {"type": "zhangwei"}, {"frames": 3},
  {"screenshot": "$out/booking-keyboard.png"}, {"type": " "}, {"tap": "field:mobile"}, {"type": "13800138000"},
  {"tap": "key:done"}, {"tap": "check:licence"}, {"tap": "check:consent"}, {"frames": 2}, {"screenshot": "$out/booking.png"},
  {"tap": "submit"}, {"frames": 2}, {"screenshot": "$out/confirmation.png"}, {"tap": "done"}
]}
JSON
run --script "$data/visit.json"

# An event day: nine walk-up bookings, then the advisor's desk: one visitor checked in, one on a drive.
{
  echo '{"steps": [{"tap": "start"}'
  for n in 1 2 3; do
    for m in lark heron crane; do
      echo ", {\"tap\": \"model:$m\"}, {\"tap\": \"book\"}, {\"tap\": \"field:name\"}, {\"type\": \"wang\\n\"}, {\"tap\": \"key:done\"}"
      echo ", {\"tap\": \"field:mobile\"}, {\"type\": \"1390000000$n\"}, {\"tap\": \"key:done\"}, {\"tap\": \"check:licence\"}"
      echo ", {\"tap\": \"check:consent\"}, {\"tap\": \"submit\"}, {\"frames\": 2}, {\"tap\": \"done\"}, {\"tap\": \"start\"}"
    done
  done
  echo ', {"tap": "advisor"}, {"type": "2468\n"}, {"frames": 2}, {"tap": "desk:0:check-in"}, {"tap": "desk:1:check-in"},'
  echo ' {"tap": "desk:1:start"}, {"frames": 2}, {"screenshot": "'"$out"'/advisor.png"}]}'
} > "$data/event.json"
rm -f "$data/kiosk.db"*
run --no-3d --event --script "$data/event.json"
echo "pictures written to $out"
