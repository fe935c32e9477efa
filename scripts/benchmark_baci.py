#!/usr/bin/env python3
"""The loading benchmark of docs/PERFORMANCE.md, side by side in one run.

Generates a BACI-shaped file (t,i,j,k,v,q) with the repo's generator if it is missing, then
runs the same job -- load every row, keep China -> Russia (156 -> 643), sum the value by year
and 2-digit HS chapter -- in bilateral (its own loader, release build), pandas and Python
polars, each in a fresh process, each run REPEATS times in interleaved rounds. Prints a table of the best wall time
and the peak memory (VmHWM) and checks that the three agree on the result.

    pip install pandas polars
    python3 scripts/benchmark_baci.py [ROWS] [REPEATS] [--x86-64-v3]

With --x86-64-v3 it also builds bilateral for x86-64-v3 (AVX2), the level the polars wheel on
PyPI is built for, into target/x86-64-v3 (a separate first build of 25 minutes), and runs it.
"""

import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PYTHON_JOB = r'''
import json, sys, time
tool, path = sys.argv[1], sys.argv[2]

def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024

start = time.perf_counter()
if tool == "pandas":
    import pandas as pd
    t0 = time.perf_counter()
    frame = pd.read_csv(path, dtype={"k": str}, na_values=["NA"], keep_default_na=False)
    loaded = time.perf_counter()
    pair = frame[(frame.i == 156) & (frame.j == 643)]
    summed = pair.assign(chapter=pair.k.str[:2]).groupby(["t", "chapter"])["v"].sum()
    rows, groups, checksum = len(frame), len(summed), float(summed.sum())
elif tool == "polars":
    import polars as pl
    t0 = time.perf_counter()
    frame = pl.read_csv(path, schema_overrides={"k": pl.String}, null_values=["NA"])
    loaded = time.perf_counter()
    summed = (frame.filter((pl.col("i") == 156) & (pl.col("j") == 643))
              .group_by("t", pl.col("k").str.slice(0, 2).alias("chapter"))
              .agg(pl.col("v").sum()))
    rows, groups, checksum = frame.height, summed.height, float(summed["v"].sum())
else:  # polars-lazy: the streaming engine never holds the whole table
    import polars as pl
    t0 = time.perf_counter()
    summed = (pl.scan_csv(path, schema_overrides={"k": pl.String}, null_values=["NA"])
              .filter((pl.col("i") == 156) & (pl.col("j") == 643))
              .group_by("t", pl.col("k").str.slice(0, 2).alias("chapter"))
              .agg(pl.col("v").sum())).collect()
    loaded = time.perf_counter()
    rows, groups, checksum = None, summed.height, float(summed["v"].sum())
end = time.perf_counter()
print(json.dumps({"tool": tool, "rows": rows, "groups": groups, "checksum": round(checksum, 3),
                  "load_s": round(loaded - t0, 3), "query_s": round(end - loaded, 3),
                  "total_s": round(end - t0, 3), "peak_mb": round(peak_mb())}))
'''


def run(command):
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    also_v3 = "--x86-64-v3" in sys.argv
    rows = int(args[0]) if len(args) > 0 else 10_000_000
    repeats = int(args[1]) if len(args) > 1 else 3
    path = os.path.join(tempfile.gettempdir(), f"baci_{rows}.csv")
    subprocess.run(["cargo", "build", "--release", "--examples", "--features", "bench", "--quiet"], check=True, cwd=ROOT)
    if not os.path.exists(path):
        subprocess.run([os.path.join(ROOT, "target/release/examples/baci_generate"), path, str(rows)], check=True)
    size_mb = os.path.getsize(path) / 1e6
    print(f"{path}: {rows:,} rows, {size_mb:,.0f} MB")
    commands = {
        "bilateral": [os.path.join(ROOT, "target/release/examples/baci_query"), path],
    }
    if also_v3:
        v3_dir = os.path.join(ROOT, "target/x86-64-v3")
        env = dict(os.environ, RUSTFLAGS="-C target-cpu=x86-64-v3", CARGO_TARGET_DIR=v3_dir)
        subprocess.run(["cargo", "build", "--release", "--example", "baci_query", "--features", "bench", "--quiet"],
                       check=True, cwd=ROOT, env=env)
        commands["bilateral-v3"] = [os.path.join(v3_dir, "release/examples/baci_query"), path]
    commands |= {
        "pandas": [sys.executable, "-c", PYTHON_JOB, "pandas", path],
        "polars": [sys.executable, "-c", PYTHON_JOB, "polars", path],
        "polars-lazy": [sys.executable, "-c", PYTHON_JOB, "polars-lazy", path],
    }
    # Rounds run every tool once in turn, so a slow spell of a shared machine hits all of them.
    runs = {tool: [] for tool in commands}
    for _ in range(repeats):
        for tool, command in commands.items():
            runs[tool].append(run(command))
    best = {}
    for tool, results in runs.items():
        best[tool] = min(results, key=lambda r: r["total_s"])
        best[tool]["all_total_s"] = [r["total_s"] for r in results]
    print(f"{'tool':<12} {'load s':>8} {'query s':>8} {'total s':>8} {'peak MB':>8}  runs")
    for tool, r in best.items():
        print(f"{tool:<12} {r['load_s']:>8.2f} {r['query_s']:>8.2f} {r['total_s']:>8.2f} {r['peak_mb']:>8.0f}  {r['all_total_s']}")
    checksums = {tool: r["checksum"] for tool, r in best.items()}
    groups = {tool: r["groups"] for tool, r in best.items()}
    agree = len(set(groups.values())) == 1 and max(checksums.values()) - min(checksums.values()) < 1e-3 * max(checksums.values())
    print("results agree" if agree else f"RESULTS DIFFER: {checksums} {groups}")
    b, p = best["bilateral"]["total_s"], best["polars"]["total_s"]
    print(f"bilateral / polars (eager): {b / p:.2f}x; pandas / bilateral: {best['pandas']['total_s'] / b:.1f}x")
    if "bilateral-v3" in best:
        print(f"bilateral-v3 / polars (eager): {best['bilateral-v3']['total_s'] / p:.2f}x")


if __name__ == "__main__":
    main()
