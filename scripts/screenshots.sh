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
# The till's window on the left (1024×700), the customer display to its right.
Xvfb "$display" -screen 0 1840x700x24 >/dev/null 2>&1 &
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
cat >"$data/config.toml" <<'TOML'
[display]
customer = true

[bank]
bank_bin = "970436"
account_no = "0123456789"
account_name = "DIEM BAN OCOP"
TOML
"$bin" --data-dir "$data" >/dev/null 2>&1 &
app=$!
win=
customer=
for _ in $(seq 50); do
    # xdotool matches titles only in ASCII: tell the two windows apart by their full names.
    for id in $(xdotool search --name "OCOP Till" 2>/dev/null || true); do
        case "$(xdotool getwindowname "$id")" in
            *"khách hàng"*) customer="$id" ;;
            *) win="$id" ;;
        esac
    done
    [ -n "$win" ] && [ -n "$customer" ] && break
    sleep 0.2
done
[ -n "$win" ] && [ -n "$customer" ] || { echo "the windows did not appear" >&2; exit 1; }
xdotool windowmove --sync "$customer" 1030 0 || true
xdotool windowmove --sync "$win" 0 0 || true
xdotool windowfocus --sync "$win"
shot() { sleep "${2:-0.6}"; import -window root -crop 1024x700+0+0 +repage "$out/$1.png"; }
customer_shot() { sleep 0.8; import -window root -crop 800x600+1030+0 +repage "$out/$1.png"; }
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
# VietQR for what is still due: the customer display shows the code.
key BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace BackSpace F5
customer_shot customer
# The clerk confirms the transfer arrived: the sale is saved.
key Return
sleep 1
# The back office (F1 from the counter): products, receiving with four scans, stock, reports and
# settings. The tab bar's buttons sit on y=67 (see docs/screenshots/products.png), or y=119 while a
# notice shows above them (opening a tab clears it).
tab() { xdotool mousemove "$1" "${2:-67}" click 1; sleep 0.8; }
key F1
shot products 1
tab 288
for code in 2900000000018 2900000000018 2900000000018 2900000000025; do
    xdotool type --delay 5 "$code"; key Return; sleep 0.3
done
shot receiving 1
tab 382 119
shot stock 1
tab 833
shot reports 1
tab 918
shot settings 1
echo "wrote $out/{login,counter,payment,customer,products,receiving,stock,reports,settings}.png"
