#!/usr/bin/env python3
"""The scale benchmark of docs/PERFORMANCE.md (issue 12), side by side in one run.

On a BACI-shaped file (t,i,j,k,v,q, made by the repo's generator), whole processes, each job in a
fresh process, rounds interleaved so a slow spell of the machine hits every tool:

  query    keep China -> Russia (i=156, j=643), sum v by year, write the result as CSV:
           `bilateral export --data FILE --filter i=156 --filter j=643 --x t --y v --format csv`
           against Python polars (lazy, streaming), DuckDB and pandas.
  inspect  read every row and count the empty cells of each column:
           `bilateral inspect FILE --json` against DuckDB, Python polars and pandas.

Prints the median wall time and the peak memory (the process's maximum resident set, from
wait4) of each, the ratios the goals name, and checks that every tool found the same sums.

    pip install polars duckdb pandas
    python3 scripts/benchmark_scale.py [ROWS] [ROUNDS] [--parquet] [--big] [--folder GB]

--parquet also converts the file with `bilateral convert` and runs the query on the Parquet copy
(bilateral, Python polars' scan_parquet, DuckDB's read_parquet);
--big also runs the query on a file of about 1 GB (the goal: peak memory at most half the file);
--folder GB on a folder of per-year files of about GB gigabytes in all, generated and deleted
afterwards (the goal for 10 GB: peak memory under 2 GB).
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE = os.path.join(ROOT, "target", "release")
BILATERAL = os.path.join(RELEASE, "bilateral")
GENERATOR = os.path.join(RELEASE, "examples", "baci_generate")

PYTHON_JOB = r'''
import sys
tool, job, path, out = sys.argv[1:5]
if tool == "polars":
    import polars as pl
    if job == "query":
        source = pl.scan_parquet(path) if path.endswith(".parquet") else \
            pl.scan_csv(path, schema_overrides={"k": pl.String}, null_values=["NA"])
        (source.filter((pl.col("i") == 156) & (pl.col("j") == 643))
               .group_by("t").agg(pl.col("v").sum()).sort("t")
               .collect(engine="streaming").write_csv(out))
    else:
        frame = pl.read_csv(path, schema_overrides={"k": pl.String}, null_values=["NA"])
        open(out, "w").write(str(frame.height) + " " + str(frame.null_count().row(0)))
elif tool == "duckdb":
    import duckdb
    source = f"read_parquet('{path}')" if path.endswith(".parquet") else \
        f"read_csv('{path}', nullstr='NA', types={{'k': 'VARCHAR'}})"
    if job == "query":
        duckdb.sql(f"COPY (SELECT t, sum(v) AS v FROM {source} WHERE i = 156 AND j = 643 "
                   f"GROUP BY t ORDER BY t) TO '{out}' (HEADER)")
    else:
        counts = duckdb.sql(f"SELECT count(*), count(*) - count(t), count(*) - count(i), "
                            f"count(*) - count(j), count(*) - count(k), count(*) - count(v), "
                            f"count(*) - count(q) FROM {source}").fetchall()[0]
        open(out, "w").write(str(counts))
else:
    import pandas as pd
    frame = pd.read_csv(path, dtype={"k": str}, na_values=["NA"], keep_default_na=False)
    if job == "query":
        pair = frame[(frame.i == 156) & (frame.j == 643)]
        pair.groupby("t")["v"].sum().to_csv(out)
    else:
        open(out, "w").write(str(len(frame)) + " " + str(list(frame.isna().sum())))
'''


def measure(command):
    """Runs `command`; returns its wall seconds and peak resident memory in MiB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed: {stderr}")
    return seconds, usage.ru_maxrss / 1024


def commands(job, path, out):
    python = lambda tool: [sys.executable, "-c", PYTHON_JOB, tool, job, path, out]
    if job == "query":
        mine = [BILATERAL, "export", "--data", path, "--filter", "i=156", "--filter", "j=643",
                "--x", "t", "--y", "v", "--format", "csv", "--out", out, "--force"]
    else:
        mine = [BILATERAL, "inspect", path, "--json"]
    tools = {"bilateral": mine, "polars": python("polars"), "duckdb": python("duckdb")}
    if os.path.isfile(path) and os.path.getsize(path) < 2 << 30 and not path.endswith(".parquet"):
        tools["pandas"] = python("pandas")
    return tools


def sums(out):
    """Year -> sum of v from a result CSV, whatever its other columns."""
    result = {}
    with open(out) as file:
        lines = file.read().splitlines()
    for line in lines[1:]:
        cells = line.split(",")
        if len(cells) >= 2 and cells[0] and cells[1]:
            result[round(float(cells[0]))] = round(float(cells[1]), 2)
    return result


def run_job(job, path, rounds):
    outs = {}
    runs = {}
    for _ in range(rounds):
        for tool, command in commands(job, path, "").items():
            out = os.path.join(tempfile.gettempdir(), f"scale_{job}_{tool}.csv")
            outs[tool] = out
            command = commands(job, path, out)[tool]
            runs.setdefault(tool, []).append(measure(command))
    result = {}
    for tool, measured in runs.items():
        result[tool] = (statistics.median(s for s, _ in measured), max(m for _, m in measured))
    if job == "query":
        found = {tool: sums(out) for tool, out in outs.items()}
        reference = found["bilateral"]
        for tool, values in found.items():
            same = values.keys() == reference.keys() and all(
                abs(values[y] - reference[y]) <= 1e-6 * abs(reference[y]) + 0.01 for y in reference)
            print(f"  {tool}: {'same sums' if same else 'SUMS DIFFER: ' + str(values)}")
    return result


def report(title, path, result):
    size = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path)) if os.path.isdir(path) \
        else os.path.getsize(path)
    print(f"\n{title}: {path} ({size / 2**20:,.0f} MiB)")
    print(f"  {'tool':<10} {'median s':>9} {'peak MiB':>9}")
    for tool, (seconds, peak) in result.items():
        print(f"  {tool:<10} {seconds:>9.2f} {peak:>9.0f}")
    mine = result["bilateral"]
    for other in ("duckdb", "polars"):
        if other in result:
            print(f"  bilateral / {other}: time {mine[0] / result[other][0]:.2f}x, "
                  f"memory {mine[1] / result[other][1]:.2f}x")
    print(f"  bilateral peak memory / data size: {mine[1] * 2**20 / size:.2f}")


def generate(path, rows):
    if not os.path.exists(path):
        subprocess.run([GENERATOR, path, str(rows)], check=True)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = int(args[0]) if args else 8_000_000
    rounds = int(args[1]) if len(args) > 1 else 3
    subprocess.run(["cargo", "build", "--release", "--features", "bench", "--bin", "bilateral",
                    "--example", "baci_generate", "--quiet"], check=True, cwd=ROOT)
    path = os.path.join(tempfile.gettempdir(), f"baci_{rows}.csv")
    generate(path, rows)
    for job in ("query", "inspect"):
        report(job, path, run_job(job, path, rounds))
    if "--parquet" in sys.argv:
        # What `bilateral convert` buys a user who opens the same file again.
        parquet = path[: -len(".csv")] + ".parquet"
        seconds, peak = measure([BILATERAL, "convert", path, "--to", "parquet", "--out", parquet,
                                 "--force"])
        print(f"\nconvert to Parquet: {seconds:.2f} s, peak {peak:.0f} MiB, "
              f"{os.path.getsize(parquet) / 2**20:,.0f} MiB written")
        report("query, the Parquet copy", parquet, run_job("query", parquet, rounds))
    if "--big" in sys.argv:
        big = os.path.join(tempfile.gettempdir(), "baci_26000000.csv")
        generate(big, 26_000_000)
        report("query, 1 GB file", big, run_job("query", big, 1))
    if "--folder" in sys.argv:
        gigabytes = float(sys.argv[sys.argv.index("--folder") + 1])
        folder = tempfile.mkdtemp(prefix="baci_folder_")
        try:
            # One file per "year" as BACI ships them, each about a gigabyte.
            parts = max(1, round(gigabytes))
            for part in range(parts):
                generate(os.path.join(folder, f"BACI_part{part:02}.csv"), 26_000_000)
            result = {}
            out = os.path.join(tempfile.gettempdir(), "scale_folder.csv")
            for tool, command in commands("query", folder, out).items():
                if tool in ("bilateral",):
                    result[tool] = measure(command)
            glob = os.path.join(folder, "*.csv")
            out = os.path.join(tempfile.gettempdir(), "scale_folder_polars.csv")
            result["polars"] = measure(commands("query", glob, out)["polars"])
            report(f"query, a folder of {parts} files", folder, result)
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
