#!/usr/bin/env bash
# README screenshots of the till window, taken under a virtual display so they stay current.
# Needs (Debian): xvfb xdotool imagemagick. Not part of CI. Usage: scripts/screenshots.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-target/release/ocop-pos}"
out=docs/screenshots
data="$(mktemp -d)"
display=:93
mkdir -p "$out"
Xvfb "$display" -screen 0 1024x700x24 >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
export DISPLAY="$display"
sleep 1
"$bin" --data-dir "$data" >/dev/null 2>&1 &
app=$!
win=
for _ in $(seq 50); do
    win="$(xdotool search --name "OCOP Till" 2>/dev/null | head -1 || true)"
    [ -n "$win" ] && break
    sleep 0.2
done
[ -n "$win" ] || { echo "the window did not appear" >&2; exit 1; }
xdotool windowfocus --sync "$win"
shot() { sleep "${2:-0.6}"; import -window root "$out/$1.png"; }
key() { xdotool key --delay 120 "$@"; }
slow() { xdotool type --delay 150 "$1"; }

# First run: the PIN field is the sixth box of the form, then "Tạo điểm bán".
xdotool mousemove 290 475 click 1
slow 1234
xdotool mousemove 96 558 click 1
sleep 2
shot login
slow 1234; key Return
sleep 1.5
slow 500000; key Return
sleep 0.5
# A scanner's burst (5 ms per key), a code typed by hand, a weight label of 750 g of PLU 102.
xdotool type --delay 5 "2900000000018"; key Return
slow "DS-RUOU-DUCHUY-500"; key Return
xdotool type --delay 5 "2000102007509"; key Return
shot counter 1
key F12
slow 1200000
shot payment
# The back office (F1 from the counter): the products list, then the receiving tab (its tab at
# 174,70) with four scans.
key Escape
key Escape
key F1
shot products 1
xdotool mousemove 174 70 click 1
sleep 0.5
for code in 2900000000018 2900000000018 2900000000018 2900000000025; do
    xdotool type --delay 5 "$code"; key Return; sleep 0.3
done
shot receiving 1
echo "wrote $out/login.png $out/counter.png $out/payment.png $out/products.png $out/receiving.png"
