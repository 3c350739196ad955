#!/usr/bin/python3
"""burnj beside PyTorch on W1-W5 (docs/performance.md), on this machine, in one command:

    /usr/bin/python3 bench/compare.py [--rounds 3] [--workloads all] [--backend nd4j] [--max-steps N]

Each round runs burnj's runner (bin/burnj-bench workloads) and then bench/pytorch/workloads.py, one timed run of
every workload each, so that the two sides alternate A B A B ... and share whatever load the machine has. The
table shows the median over the rounds of each side and burnj's speed relative to PyTorch's (above 1: burnj is
faster). Needs the built bench jar (./mvnw -B -q package -DskipTests) and Debian's python3-torch with
libopenblas0-openmp; BURNJ_BENCH_JAR runs another jar, e.g. one built from an older commit.
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from results import fmt, median  # noqa: E402


def run_side(name, command, out_file):
    print(f"$ {' '.join(command)}", file=sys.stderr, flush=True)
    done = subprocess.run(command + ["--json", out_file], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"{name} failed with exit code {done.returncode}: {' '.join(command)}")


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rounds", type=int, default=3, help="A B rounds; the median over them is reported (default 3)")
    p.add_argument("--workloads", default="all", help="comma-separated ids, e.g. W1,W4 (default: all)")
    p.add_argument("--backend", default=None, help="burnj's backend (default: BURNJ_BACKEND, else cpu, else nd4j)")
    p.add_argument("--max-steps", type=int, default=0, help="cut the training workloads W1-W3 to N steps on both sides (0 = full definitions)")
    p.add_argument("--python", default="/usr/bin/python3", help="the Python with torch (default: Debian's /usr/bin/python3)")
    p.add_argument("--json", help="also write every side's JSON lines, tagged with the round, to this file")
    args = p.parse_args()
    if args.rounds < 1:
        p.error(f"--rounds must be >= 1, got {args.rounds}")

    common = ["--workloads", args.workloads, "--runs", "1", "--warmups", "1", "--max-steps", str(args.max_steps)]
    burnj = [os.path.join(ROOT, "bin", "burnj-bench"), "workloads"] + common + (["--backend", args.backend] if args.backend else [])
    torch = [args.python, os.path.join(ROOT, "bench", "pytorch", "workloads.py")] + common
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(1, args.rounds + 1):
            for side, command in (("burnj", burnj), ("pytorch", torch)):
                out = os.path.join(tmp, f"{side}-{r}.jsonl")
                run_side(side, command, out)
                with open(out) as f:
                    for line in f:
                        row = json.loads(line)
                        row["round"] = r
                        results.setdefault((row["workload"], side), []).append(row)
                        if args.json:
                            with open(args.json, "a") as j:
                                j.write(json.dumps(row) + "\n")
            print(f"round {r}/{args.rounds} done", file=sys.stderr, flush=True)

    ids = sorted({w for w, _ in results})
    print(f"{datetime.date.today().isoformat()} · {cpu_model()} · {os.cpu_count()} CPUs · {args.rounds} rounds A B"
          + (f" · max {args.max_steps} steps" if args.max_steps else ""))
    first_b = results[(ids[0], "burnj")][0]
    first_t = results[(ids[0], "pytorch")][0]
    print(f"burnj: {first_b['backend']} · PyTorch: {first_t['backend']}")
    print()
    print("| workload | what | unit | burnj | PyTorch | burnj speed ÷ PyTorch's | burnj rounds | PyTorch rounds | test accuracy burnj / PyTorch |")
    print("|---|---|---|---:|---:|---:|---|---|---|")
    for w in ids:
        b, t = results[(w, "burnj")], results[(w, "pytorch")]
        bv, tv = median([x["value"] for x in b]), median([x["value"] for x in t])
        speed = bv / tv if b[0]["higher_is_better"] else tv / bv
        acc = ""
        if "test_accuracy" in b[0]["extras"]:
            acc = f"{median([x['extras']['test_accuracy'] for x in b]):.4f} / {median([x['extras']['test_accuracy'] for x in t]):.4f}"
        better = "higher" if b[0]["higher_is_better"] else "lower"
        print(f"| {w} | {b[0]['title']} | {b[0]['unit']} ({better} is better) | {fmt(bv, ' ')} | {fmt(tv, ' ')} | {speed:.2f} | "
              f"{', '.join(fmt(x['value'], ' ') for x in b)} | {', '.join(fmt(x['value'], ' ') for x in t)} | {acc} |")


if __name__ == "__main__":
    main()
