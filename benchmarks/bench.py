"""netplan's performance budget, measured as whole processes.

    python benchmarks/bench.py           # the full run: prints PASS/MISS per target
    python benchmarks/bench.py --quick   # fewer runs, no 100k file: CI runs this so it cannot rot

Every command runs as its own process, alternating with `python -c pass` on the
same interpreter; times are medians and are compared as ratios to that baseline,
so the numbers travel between machines. Peak memory is the child's maximum
resident set size from os.wait4. Only the standard library is used.

Exit status: 0 when every command ran (a MISS is reported, not fatal: timing
noise must not fail CI), 1 when a command itself failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SMALL = REPO / "examples" / "trade-show.toml"


@dataclass
class Sample:
    seconds: float
    peak_mib: float


def netplan_command() -> list[str]:
    script = Path(sys.executable).parent / "netplan"
    return [str(script)] if script.exists() else [sys.executable, "-m", "netplan"]


def run_once(argv: list[str]) -> Sample:
    # stderr goes to a file, not a pipe: a pipe nobody reads until the child
    # exits would block a child that writes more than the pipe holds.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            message = err.read(300).decode(errors="replace").strip()
            raise RuntimeError(f"{' '.join(argv)} exited {proc.returncode}: {message}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


class Bench:
    def __init__(self, runs: int) -> None:
        self.runs = runs
        self.baseline_runs: list[float] = []
        self.failed = False

    def measure(self, argv: list[str], runs: int | None = None) -> Sample:
        """Median time and largest peak memory, each run paired with a baseline run."""
        times, peaks = [], []
        for _ in range(runs or self.runs):
            self.baseline_runs.append(run_once([sys.executable, "-c", "pass"]).seconds)
            sample = run_once(argv)
            times.append(sample.seconds)
            peaks.append(sample.peak_mib)
        return Sample(statistics.median(times), max(peaks))

    @property
    def baseline(self) -> float:
        return statistics.median(self.baseline_runs)

    def report(self, label: str, value: float, limit: float, unit: str = "x") -> None:
        verdict = "PASS" if value <= limit else "MISS"
        print(f"{verdict}  {label:<58} {value:8.2f}{unit}  (limit {limit:g}{unit})", flush=True)


def event_toml(name: str, targets: int) -> str:
    """A realistic event with `targets` targets; colleagues know some and share interests."""
    topics = ["payments", "fraud", "compliance", "analytics", "integrations"]
    lines = [
        "[event]",
        f'name = "{name}"',
        'kind = "trade-show"',
        "date = 2027-03-01",
        f"topics = {topics[:2]!r}".replace("'", '"'),
        "",
        "[me]",
        'name = "Jordan Reyes"',
        "",
    ]
    colleagues = [
        ("Priya", "networker", ["fraud"]),
        ("Tom", "networker", ["integrations"]),
        ("Lena", "socializer", []),
        ("Sam", "supporter", []),
    ]
    for cname, style, expertise in colleagues:
        known = [f"Target {i}" for i in range(0, targets, max(1, targets // 50))]
        lines += [
            "[[colleagues]]",
            f'name = "{cname}"',
            f'style = "{style}"',
            "expertise = [" + ", ".join(f'"{e}"' for e in expertise) + "]",
            "knows = [" + ", ".join(f'"{k}"' for k in known) + "]",
            "",
        ]
    priorities = ("high", "medium", "low")
    for i in range(targets):
        lines += [
            "[[targets]]",
            f'name = "Target {i}"',
            f'company = "Company {i % 997}"',
            'title = "Director"',
            f'priority = "{priorities[i % 3]}"',
            f'interests = ["{topics[i % len(topics)]}"]',
            "",
        ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 100k-target file")
    parser.add_argument("--runs", type=int, help="runs per command (default 9, quick 3)")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 9)
    bench = Bench(runs)
    netplan = netplan_command()
    work = Path(tempfile.mkdtemp(prefix="netplan-bench-"))
    try:
        return run_all(bench, netplan, work, quick=args.quick)
    except RuntimeError as e:
        print(f"FAIL  {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_all(bench: Bench, netplan: list[str], work: Path, *, quick: bool) -> int:
    print(f"netplan: {' '.join(netplan)}; {bench.runs} runs per command", flush=True)
    small = str(SMALL)
    t: dict[str, Sample] = {}
    startup: list[tuple[str, list[str], float]] = [
        ("netplan --help", ["--help"], 14),
        ("netplan advise SMALL --format json", ["advise", small, "--format", "json"], 15),
        ("netplan advise SMALL (text)", ["advise", small], 17.5),
        ("netplan advise SMALL --format markdown", ["advise", small, "--format", "markdown"], 20),
        ("netplan checklist SMALL", ["checklist", small], 20),
        ("netplan validate SMALL", ["validate", small], 20),
        ("netplan rules", ["rules"], 20),
        ("netplan explain group-size", ["explain", "group-size"], 20),
        ("netplan schema", ["schema"], 20),
    ]
    for label, argv, _ in startup:
        t[label] = bench.measure([*netplan, *argv])
    base = bench.baseline
    print(f"      python -c pass (baseline) {base * 1000:.1f} ms", flush=True)
    for label, _, limit in startup:
        bench.report(label, t[label].seconds / base, limit)
    # --version imports nothing heavy; its floor is the console-script launcher pip
    # writes, which imports re. Measured against that floor, in alternating runs.
    version = bench.measure([*netplan, "--version"])
    floor = bench.measure([sys.executable, "-c", "import re, sys"])
    bench.report(
        "netplan --version / python -c 'import re, sys'", version.seconds / floor.seconds, 1.15
    )

    folder = work / "team"
    folder.mkdir()
    template = SMALL.read_text(encoding="utf-8")
    files = []
    for i in range(200):
        path = folder / f"rep{i:03}.toml"
        path.write_text(template.replace("FinOps Expo 2026", f"FinOps Expo {i}"), encoding="utf-8")
        files.append(str(path))
    one = bench.measure([*netplan, "advise", files[0], "--format", "json"])
    many = bench.measure([*netplan, "advise", *files, "--format", "json"])
    bench.report("200 files in one call / one file", many.seconds / one.seconds, 2)

    sizes = [20_000] if quick else [20_000, 100_000]
    big: dict[int, Sample] = {}
    for n in sizes:
        path = work / f"targets-{n}.toml"
        path.write_text(event_toml(f"Big Expo {n}", n), encoding="utf-8")
        big[n] = bench.measure([*netplan, "advise", str(path), "--format", "json"], runs=3)
    print(f"info  20k targets --format json: {big[20_000].seconds:.2f} s", flush=True)
    bench.report("20k targets --format json / baseline", big[20_000].seconds / base, 40)
    bench.report("20k targets --format json, peak memory", big[20_000].peak_mib, 100, " MiB")
    text20 = bench.measure([*netplan, "advise", str(work / "targets-20000.toml")], runs=3)
    bench.report("20k targets text / json", text20.seconds / big[20_000].seconds, 1.3)
    if 100_000 in big:
        bench.report(
            "100k targets / 20k targets (json)", big[100_000].seconds / big[20_000].seconds, 5.5
        )
        hundred = big[100_000]
        print(
            f"info  100k targets --format json: {hundred.seconds:.2f} s, {hundred.peak_mib:.0f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
