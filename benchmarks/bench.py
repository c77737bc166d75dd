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


def run_once(argv: list[str], env: dict[str, str] | None = None) -> Sample:
    # stderr goes to a file, not a pipe: a pipe nobody reads until the child
    # exits would block a child that writes more than the pipe holds.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
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

    def measure(
        self, argv: list[str], runs: int | None = None, env: dict[str, str] | None = None
    ) -> Sample:
        """Median time and largest peak memory, each run paired with a baseline run."""
        times, peaks = [], []
        for _ in range(runs or self.runs):
            self.baseline_runs.append(run_once([sys.executable, "-c", "pass"]).seconds)
            sample = run_once(argv, env)
            times.append(sample.seconds)
            peaks.append(sample.peak_mib)
        return Sample(statistics.median(times), max(peaks))

    @property
    def baseline(self) -> float:
        return statistics.median(self.baseline_runs)

    def report(self, label: str, value: float, limit: float, unit: str = "x") -> None:
        verdict = "PASS" if value <= limit else "MISS"
        print(f"{verdict}  {label:<58} {value:8.2f}{unit}  (limit {limit:g}{unit})", flush=True)


# Importing typer and pydantic and reading a file with tomli, as netplan does (cycle
# collector off): the part of a big run that netplan's code does not decide.
LIBRARY_FLOOR = (
    "import gc, sys; gc.disable(); import typer, pydantic.main, tomli; "
    "tomli.loads(open(sys.argv[1], encoding='utf-8').read())"
)


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
    compile_netplan()
    work = Path(tempfile.mkdtemp(prefix="netplan-bench-"))
    try:
        return run_all(bench, netplan, work, quick=args.quick)
    except RuntimeError as e:
        print(f"FAIL  {e}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def compile_netplan() -> None:
    """Write netplan's bytecode first, as `pip install` does for an installed copy.

    An editable install leaves the sources uncompiled, and with PYTHONDONTWRITEBYTECODE
    set every run would compile them again: that alone cost 2-3x the baseline.
    """
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("netplan")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)


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
    # What any run on that file costs before netplan's own work: the start-up of the
    # libraries it is built on and the TOML reader. The 40x target leaves netplan the rest.
    floor = bench.measure([sys.executable, "-c", LIBRARY_FLOOR, str(work / "targets-20000.toml")])
    print(f"info  of which imports and tomli alone: {floor.seconds / base:.1f}x", flush=True)
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

    calendar_and_team(bench, netplan, work)
    lists_case(bench, netplan, work, base, quick=quick)
    history_case(bench, netplan, work, base)
    return 0


def calendar_and_team(bench: Bench, netplan: list[str], work: Path) -> None:
    """Issue 12's cases: a big event's calendar, and the roll-up of 200 events."""
    # The calendar of a big event costs about what its advice does.
    big_event = str(work / "targets-20000.toml")
    dated = work / "dated-20000.toml"
    dated.write_text(
        Path(big_event)
        .read_text(encoding="utf-8")
        .replace("date = 2027-03-01", "date = 2027-03-01T09:00:00\nduration_minutes = 480"),
        encoding="utf-8",
    )
    advice = bench.measure([*netplan, "advise", str(dated), "--format", "json"], runs=3)
    calendar = bench.measure([*netplan, "calendar", str(dated)], runs=3)
    bench.report("calendar 20k / advise --format json 20k", calendar.seconds / advice.seconds, 1.2)

    # The manager's roll-up of 200 events of 50 targets each, against one advice.
    events = work / "events"
    events.mkdir()
    team_files = []
    for i in range(200):
        path = events / f"event{i:03}.toml"
        day = f"2027-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}"  # a team's calendar: days apart
        path.write_text(
            event_toml(f"Event {i}", 50).replace("date = 2027-03-01", f"date = {day}"),
            encoding="utf-8",
        )
        team_files.append(str(path))
    one50 = bench.measure([*netplan, "advise", team_files[0]])
    team = bench.measure([*netplan, "team", *team_files])
    bench.report("team of 200 events x 50 targets / one advise", team.seconds / one50.seconds, 3)


def lists_files(folder: Path, attendees: int, connections: int, crm: int) -> Path:
    """An event that refers to a Luma export, five LinkedIn exports and a HubSpot export."""
    import random

    rnd = random.Random(7)
    folder.mkdir()
    head = (
        "api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,"
        "checked_in_at,custom_source,qr_code_url,amount,ticket_name,What is your company?\r\n"
    )
    rows = [
        f"g{i},First{i} Last{i % 9973},First{i},Last{i % 9973},p{i}@c{i % 997}.example,,"
        f"2027-01-01,{'approved' if i % 10 else 'declined'},,,,,Std,Company {i % 997}\r\n"
        for i in range(attendees)
    ]
    (folder / "luma.csv").write_text(head + "".join(rows), encoding="utf-8-sig", newline="")
    preamble = 'Notes:\n"Some email addresses may be missing."\n\n'
    event = ["[event]", 'name = "Mega Expo"', 'kind = "trade-show"', 'attendees = "luma.csv"']
    event += ["", "[me]", 'name = "Jordan Reyes"', ""]
    for c in range(5):
        lines = [preamble + "First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
        for _ in range(connections):
            i = rnd.randrange(attendees)
            lines.append(
                f"First{i},Last{i % 9973},https://www.linkedin.com/in/p-{i},,Company {i % 997},"
                "Director,30 May 2024"
            )
        (folder / f"linkedin{c}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        event += ["[[colleagues]]", f'name = "Colleague {c}"', f'connections = "linkedin{c}.csv"']
    lines = ['"Record ID","First Name","Last Name","Email","Associated Company","Job Title"']
    for j in range(crm):
        i = rnd.randrange(attendees)
        lines.append(
            f'"{j}","First{i}","Last{i % 9973}","p{i}@c{i % 997}.example","Company {i % 997}","VP"'
        )
    (folder / "hubspot.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    event += ["", "[[target_lists]]", 'file = "hubspot.csv"', 'priority = "high"']
    path = folder / "event.toml"
    path.write_text("\n".join(event) + "\n", encoding="utf-8")
    return path


def lists_case(bench: Bench, netplan: list[str], work: Path, base: float, *, quick: bool) -> None:
    """Issue 11's case: 100,000 attendees, five colleagues with 10,000 connections each and
    1,000 CRM rows; and five times the rows takes about five times as long."""
    small = lists_files(work / "lists-small", 20_000, 2_000, 200)
    runs = 1 if quick else 3
    fifth = bench.measure([*netplan, "advise", str(small), "--format", "json"], runs=runs)
    if quick:
        print(f"info  lists at a fifth of the size: {fifth.seconds:.2f} s", flush=True)
        return
    full = lists_files(work / "lists-full", 100_000, 10_000, 1_000)
    whole = bench.measure([*netplan, "advise", str(full), "--format", "json"], runs=runs)
    bench.report("lists: 100k attendees, 5x10k, 1k CRM / baseline", whole.seconds / base, 100)
    bench.report("lists: peak memory", whole.peak_mib, 300, " MiB")
    bench.report("lists: five times the rows / one fifth", whole.seconds / fifth.seconds, 5.5)


def history_case(bench: Bench, netplan: list[str], work: Path, base: float) -> None:
    """Issue 13's case: a history of 1,000 events and 50,000 people met."""
    import datetime as dt
    import os

    from netplan.model.history import DebriefRecord, MetPerson
    from netplan.store import open_history, record

    home = work / "home"
    home.mkdir()
    db = home / "history.sqlite3"
    conn = open_history(db, create=True)
    try:
        for n in range(1000):
            met = tuple(MetPerson(f"Person {n * 50 + k}") for k in range(50))
            day = dt.date(2020, 1, 1) + dt.timedelta(days=n)
            rec = DebriefRecord(f"e{n}", f"Event {n}", day, "go-alone", (), 3, (), met, 1, ())
            record(conn, rec, replace=False)
    finally:
        conn.close()
    small = str(SMALL)
    env = {**os.environ, "NETPLAN_HOME": str(home)}
    empty = {**os.environ, "NETPLAN_HOME": str(work / "no-history")}
    with_history = bench.measure([*netplan, "advise", small, "--format", "json"], env=env)
    without = bench.measure([*netplan, "advise", small, "--format", "json"], env=empty)
    bench.report(
        "advise with a 1,000-event history / without", with_history.seconds / without.seconds, 1.15
    )
    listing = bench.measure([*netplan, "history"], env=env)
    bench.report("netplan history / baseline", listing.seconds / base, 20)
    checklist = work / "thousand.toml"
    checklist.write_text(event_toml("Thousand", 1000), encoding="utf-8")
    prep = work / "prep.md"
    prep.write_text(
        subprocess.run(
            [*netplan, "checklist", str(checklist)], capture_output=True, text=True, check=True
        ).stdout.replace("- [ ] Meet", "- [x] Meet"),
        encoding="utf-8",
    )
    debrief = bench.measure(
        [
            *netplan,
            "debrief",
            str(checklist),
            "--from",
            str(prep),
            "--force",
            "--db",
            str(work / "d.sqlite3"),
        ],
        env=env,
    )
    bench.report("debrief of a 1,000-target checklist / baseline", debrief.seconds / base, 20)


if __name__ == "__main__":
    sys.exit(main())
