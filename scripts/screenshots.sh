#!/usr/bin/env bash
# Regenerates screenshots/ from the real window: builds the binary (release unless PROFILE says
# otherwise), starts it under Xvfb in each state the README shows, and captures the screen.
# Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v import >/dev/null || need+=(imagemagick)
command -v xdotool >/dev/null || need+=(xdotool)
[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so ] || need+=(libgl1-mesa-dri libegl1 libgl1)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PROFILE=dev reuses the test build (its dependencies are optimised) instead of a release build.
profile=${PROFILE:-release}
cargo build --profile "$profile" --quiet
target_dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
binary=target/$target_dir/bilateral
width=1360
height=860
display=:97

Xvfb "$display" -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
sleep 1

# A fresh home for each shot, so settings saved by one run do not leak into the next.
shoot() {
  local name=$1
  shift
  local home
  home=$(mktemp -d)
  HOME=$home XDG_DATA_HOME=$home DISPLAY=$display "$binary" "$@" &
  local app_pid=$!
  sleep "${SHOT_DELAY:-5}"
  # Park the pointer in a corner so no tooltip covers the chart.
  DISPLAY=$display xdotool mousemove $((width - 5)) $((height - 5)) 2>/dev/null || true
  sleep 1
  DISPLAY=$display import -window root "screenshots/$name.png"
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  rm -rf "$home"
  echo "screenshots/$name.png"
}

mkdir -p screenshots
shoot dashboard-light --theme light
shoot dashboard-dark --theme dark
shoot article-link --annotation trade-2023-record
for chart in growth year-to-date composition tariffs tariff-rates-2024 timeline; do
  shoot "chart-$chart" --chart "$chart"
done
shoot timeline-event-link --annotation exercise-gulf-of-oman-2024
shoot tariffs-link --annotation tariffs-18bn

# Exported files, as a report's reader gets them.
"$binary" export --chart trade --out screenshots/export-trade.png --scale 1 --force
"$binary" export --chart tariff-rates-2024 --out screenshots/export-tariff-rates-2024.svg --force
"$binary" export --chart year-to-date --out screenshots/export-year-to-date.png --scale 1 --force
"$binary" export --chart composition --out screenshots/export-composition.svg --force

# BUNDLED_ONLY=1 stops here, keeping the pictures of users' files as they are.
if [ "${BUNDLED_ONLY:-0}" = 1 ]; then
  exit 0
fi

# Your own data, opened as a user opens it: a wide World Bank table, a BACI-shaped download of
# two million rows (made by the benchmark's generator), and a file with a broken row.
shoot user-csv-wide open tests/fixtures/load/wide_years.csv
cargo build --profile "$profile" --examples --features bench --quiet
baci_dir=$(mktemp -d)
baci=$baci_dir/baci_2m_rows.csv
target/$target_dir/examples/baci_generate "$baci" 2000000
shoot user-csv-baci open "$baci"
rm -rf "$baci_dir"
shoot user-csv-error open tests/fixtures/load/ragged.csv
"$binary" export --data tests/fixtures/load/wide_years.csv --out screenshots/export-user-wide.png --scale 1 --force
