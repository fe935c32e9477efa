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
# The window opens at 1360×860; the screen is larger so the window can be resized for the
# laptop and desktop sizes below.
width=1360
height=860
display=:97

Xvfb "$display" -screen 0 "1600x1000x24" -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
sleep 1

# A fresh home for each shot, so settings saved by one run do not leak into the next. The
# window is resized to SHOT_SIZE (WxH) when it is set.
shoot() {
  local name=$1
  shift
  local home
  home=$(mktemp -d)
  HOME=$home XDG_DATA_HOME=$home DISPLAY=$display "$binary" "$@" &
  local app_pid=$!
  sleep "${SHOT_DELAY:-5}"
  local w=$width h=$height
  if [ -n "${SHOT_SIZE:-}" ]; then
    w=${SHOT_SIZE%x*}
    h=${SHOT_SIZE#*x}
    DISPLAY=$display xdotool search --name Bilateral windowsize "$w" "$h" windowmove 0 0 \
      2>/dev/null || true
    sleep 3
  fi
  # Park the pointer in a corner so no tooltip covers the chart.
  DISPLAY=$display xdotool mousemove $((w - 5)) $((h - 5)) 2>/dev/null || true
  sleep 1
  DISPLAY=$display import -window root -crop "${w}x${h}+0+0" +repage "screenshots/$name.png"
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

# A desktop, a laptop and a small laptop screen, light and dark.
for size in 1600x1000 1280x720 1024x640; do
  for theme in light dark; do
    SHOT_SIZE=$size shoot "window-$size-$theme" --theme "$theme"
  done
done

# Exported files, as a report's reader gets them.
"$binary" export --chart trade --out screenshots/export-trade.png --scale 1 --force
"$binary" export --chart tariff-rates-2024 --out screenshots/export-tariff-rates-2024.svg --force
"$binary" export --chart year-to-date --out screenshots/export-year-to-date.png --scale 1 --force
"$binary" export --chart composition --out screenshots/export-composition.svg --force
# Events named on the chart, as clicking their lines does in the window.
"$binary" export --chart trade --label-event "Beijing joint statement" --label-event "List 4A" \
  --label-event "Joint Sea-2014" --out screenshots/export-trade-events.png --scale 1 --force

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

# A user's monthly file: the single months since 2024 of China-customs total trade in the
# bundled data (each row sourced there), written as a user's two-column download.
monthly_dir=$(mktemp -d)
awk -F, 'NR > 1 && $1 >= 2024 && $2 == $3 && $4 == "total" && $5 == "usd" { printf "%d-%02d,%s\n", $1, $2, $6 }' \
  datasets/china_russia_trade_periods.csv | sort -u | { echo "month,total_trade_usd_bn"; cat; } \
  >"$monthly_dir/china_russia_monthly.csv"
for size in 1600x1000 1280x720 1024x640; do
  for theme in light dark; do
    SHOT_SIZE=$size shoot "user-monthly-$size-$theme" --theme "$theme" open "$monthly_dir/china_russia_monthly.csv"
  done
done
rm -rf "$monthly_dir"

# Ten lines in one chart: a synthetic file (made by the benchmark's generator, not real trade)
# summed by year for ten exporters, to show the colours and the legend.
ten_dir=$(mktemp -d)
target/$target_dir/examples/baci_generate "$ten_dir/baci.csv" 400000
awk -F, 'NR > 1 && $3 == 643 && ($2 == 4 || $2 == 36 || $2 == 76 || $2 == 124 || $2 == 156 || $2 == 276 || $2 == 356 || $2 == 392 || $2 == 410 || $2 == 842) { sum[$1 "," $2] += $5 }
  END { for (key in sum) print key "," sum[key] }' "$ten_dir/baci.csv" \
  | sort -t, -k1,1n -k2,2n \
  | awk -F, 'BEGIN { print "year,exporter,synthetic_value"; split("4 Afghanistan 36 Australia 76 Brazil 124 Canada 156 China 276 Germany 356 India 392 Japan 410 Korea 842 USA", a, " "); for (i = 1; i < 20; i += 2) name[a[i]] = a[i + 1] }
      { print $1 "," name[$2] "," $3 }' >"$ten_dir/ten_exporters_synthetic.csv"
for size in 1600x1000 1280x720 1024x640; do
  for theme in light dark; do
    SHOT_SIZE=$size shoot "user-ten-series-$size-$theme" --theme "$theme" open "$ten_dir/ten_exporters_synthetic.csv"
  done
done
"$binary" export --data "$ten_dir/ten_exporters_synthetic.csv" --title "Ten exporters to Russia (synthetic data)" \
  --unit "Synthetic value" --source "bilateral's benchmark generator" --out screenshots/export-user-ten-series.png --scale 1 --force
rm -rf "$ten_dir"
"$binary" export --data tests/fixtures/load/wide_years.csv --out screenshots/export-user-wide.png --scale 1 --force
