"""Bounded memory and time on hostile input, for every command and format, as whole processes.

Each worst case is written to a file of a few MiB and run with
`python -m netplan COMMAND FILE` in a subprocess whose address space is limited
(RLIMIT_AS) to netplan's own baseline + 20 x the input size + 100 MiB. The process
must end with 0, 1 or 2: never 3 (a MemoryError reported as an internal error),
never killed, and within a time linear in the input (generously: 30 s).

Why a measured baseline: RLIMIT_AS counts mapped address space, not resident memory.
Before netplan reads a byte, the interpreter has mapped libpython, the C extensions
(pydantic-core alone maps some 10 MiB), thread stacks and the allocator's arenas;
`python -m netplan --help` maps about 22 MiB and a run that loads pydantic about 75
MiB, on this machine. So the baseline is measured here, once, as the peak address
space (VmPeak) of the same runs on a small valid event; the budget is what the input
may add to it.

Lists have cases of their own (LIST_CASES): an event file and the lists it names,
the budget counting every file. The sizes keep the module near a minute and a half on
two cores; the 100,000-target benchmark (benchmarks/bench.py) covers a large valid
file, and its lists case large valid lists.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from netplan.model.event import MAX_COLLEAGUES, MAX_KNOWS, MAX_LIST_ITEMS, MAX_TARGETS
from netplan.sources.event import MAX_KEYS_PER_TABLE
from netplan.sources.locate import MAX_TABLES
from tests.conftest import EXAMPLES, REPO

MiB = 1024 * 1024
SIZE = 4 * MiB
SECONDS = 30.0

# Every command, and advise in every format; and once to a file (-o), which is
# written as the report is made, like standard output. OUT: a path beside the input.
OUT = "{out}"
RUNS: list[list[str]] = [
    ["validate"],
    ["advise", "--format", "text", "--no-color"],
    ["advise", "--format", "json"],
    ["advise", "--format", "jsonl"],
    ["advise", "--format", "markdown"],
    ["checklist"],
    ["advise", "--format", "json", "-o", OUT, "--force"],
]


def _args(run: list[str], path: str) -> list[str]:
    """A run's command line for the input `path`."""
    return [run[0], path, *(path + ".out" if a == OUT else a for a in run[1:])]


HEAD = '[event]\nname = "Expo"\nkind = "mixer"\n\n[me]\nname = "Robin"\n\n'
# A `knows` name that nearly matches a target: a warning that advise shows too.
WARNING = '[[colleagues]]\nname = "Ann"\nknows = ["Tom Smyth"]\n\n[[targets]]\nname = "Tom Smith"\n'


def _fill(unit: Callable[[int], str], size: int, head: str = HEAD) -> str:
    parts, total, i = [head], len(head), 0
    while total < size:
        piece = unit(i)
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)


def huge_string_and_an_error(size: int) -> str:
    return HEAD + '[[targets]]\nname = "T"\nnotes = "' + "n" * size + '"\n'


def huge_string_and_a_warning(size: int) -> str:
    return HEAD + "# " + "c" * size + "\n" + WARNING


def huge_blank_and_a_warning(size: int) -> str:
    return HEAD + "\n" * size + WARNING


def huge_key(size: int) -> str:
    return HEAD + '[[targets]]\nname = "T"\n"' + "k" * size + '" = 1\n'


def huge_integer(size: int) -> str:
    return HEAD.replace('kind = "mixer"', 'kind = "mixer"\nnew_contacts_goal = ' + "9" * size)


def long_names_many_items(size: int, expertise: str = "") -> str:
    def unit(i: int) -> str:
        name = f"{'N' * 190}{i:08d}"
        return (
            f'[[targets]]\nname = "{name}"\ncompany = "{"C" * 190}"\ninterests = ["x"]\n'
            f'[[colleagues]]\nname = "{"K" * 190}{i:08d}"\nexpertise = [{expertise}]\n'
            f'knows = ["{name}"]\n'
        )

    return _fill(unit, size, HEAD.replace('kind = "mixer"', 'kind = "mixer"\ntopics = ["x"]'))


def long_names_sharing_expertise(size: int) -> str:
    """Every colleague an expert on every target's interest: n x n pairs."""
    return long_names_many_items(size, expertise='"x"')


def many_unknown_keys_in_one_table(size: int) -> str:
    return _fill(lambda i: f"k{i} = {i}\n", size, HEAD + '[[targets]]\nname = "T"\n')


def deep_dotted_headers(size: int) -> str:
    return _fill(lambda i: "[" + ".".join([f"t{i}"] + ["a"] * 999) + "]\n", size)


def deep_dotted_keys(size: int) -> str:
    return _fill(lambda i: ".".join([f"k{i}"] + ["a"] * 999) + " = 1\n", size)


def many_knows_names(size: int) -> str:
    """One colleague who knows hundreds of thousands of people: more `knows` entries
    than a file may list (each would be looked up and remembered)."""
    head = HEAD + '[[targets]]\nname = "Tom Smith"\n\n[[colleagues]]\nname = "Ann"\nknows = ['
    return _fill(lambda i: f'"t{i}",', size, head) + "]\n"


def many_socializing_colleagues(size: int) -> str:
    """Tens of thousands of colleagues, each with two findings against them."""
    return _fill(lambda i: f'[[colleagues]]\nname = "C{i}"\nstyle = "socializer"\n', size)


def many_tables(size: int) -> str:
    return _fill(lambda i: f"[t{i}]\n", size)


def many_array_names(size: int) -> str:
    return _fill(lambda i: f"[[t{i}]]\n", size)


def many_inline_tables(size: int) -> str:
    return _fill(lambda i: f"t{i} = {{}}\n", size)


def many_tiny_targets(size: int) -> str:
    return _fill(lambda i: f'[[targets]]\nname = "{i}"\n', size)


def wrong_items_in_many_lists(size: int) -> str:
    """Lists as long as they may be, of the wrong type, in thousands of targets."""
    items = "1," * MAX_LIST_ITEMS
    return _fill(lambda i: f'[[targets]]\nname = "T{i}"\ninterests = [{items}]\n', size)


def a_list_of_wrong_items(size: int) -> str:
    items = "1," * (size // 2)
    return HEAD.replace('kind = "mixer"', f'kind = "mixer"\ntopics = [{items}]')


# Tables of mistakes, each long enough that 4 MiB of them stay under MAX_TARGETS: they
# reach validation (and trimming) rather than the cap on how many a file lists.
def unnamed_targets_with_unknown_keys(size: int) -> str:
    return _fill(lambda _i: "[[targets]]\nv = 1\nw = 1\nx = 1\ny = 1\nz = 1\n", size)


def numbers_for_names(size: int) -> str:
    return _fill(lambda _i: "[[targets]]\nname = 1\ntitle = 2\ncompany = 3\n", size)


def many_tiny_colleagues(size: int) -> str:
    return _fill(lambda i: f'[[colleagues]]\nname = "{i}"\n', size)


# The most a file may list, in the shortest form (inline tables): the most memory per
# byte a valid file can ask for. These ignore `size`: the budget follows the file's own.
def targets_at_the_cap(_size: int) -> str:
    return "targets = [" + ",".join(f'{{name="{i}"}}' for i in range(MAX_TARGETS)) + "]\n" + HEAD


def knows_at_the_cap(_size: int) -> str:
    """As many `knows` names as a file may list, none of them a target: a warning each,
    of which only the first few are kept."""
    head = HEAD + '[[targets]]\nname = "Tom Smith"\n\n[[colleagues]]\nname = "Ann"\nknows = ['
    return head + ",".join(f'"{i}"' for i in range(MAX_KNOWS)) + "]\n"


def blank_knows_at_the_cap(_size: int) -> str:
    """As many `knows` names as a file may list, all blank: an error each."""
    head = HEAD + '[[colleagues]]\nname = "Ann"\nknows = ['
    return head + '"",' * MAX_KNOWS + "]\n"


def colleagues_at_the_cap(_size: int) -> str:
    tables = ",".join(f'{{name="{i}",style="socializer"}}' for i in range(MAX_COLLEAGUES))
    return "colleagues = [" + tables + "]\n" + HEAD


def blank_names_in_knows(size: int) -> str:
    return _fill(lambda _i: '"",', size, HEAD + '[[colleagues]]\nname = "Ann"\nknows = [') + "]\n"


def choices_that_do_not_exist(size: int) -> str:
    head = HEAD.replace('name = "Robin"', 'name = "Robin"\nnew_to = [')
    return _fill(lambda _i: '"golf",', size, head.replace("\n\n", "\n", 2)) + "]\n"


CASES: dict[str, Callable[[int], str]] = {
    f.__name__: f
    for f in (
        huge_string_and_an_error,
        huge_string_and_a_warning,
        huge_blank_and_a_warning,
        huge_key,
        huge_integer,
        long_names_many_items,
        long_names_sharing_expertise,
        many_unknown_keys_in_one_table,
        deep_dotted_headers,
        deep_dotted_keys,
        many_tables,
        many_array_names,
        many_inline_tables,
        many_knows_names,
        # pydantic would keep an error object of about a kilobyte per mistake (two
        # million here); sources/trim.py validates long lists a batch at a time and
        # cuts what cannot be shown. A list past its cap (MAX_LIST_ITEMS, MAX_KNOWS)
        # is refused on its length: these three are.
        a_list_of_wrong_items,
        blank_names_in_knows,
        choices_that_do_not_exist,
        # These reach validation, within the caps.
        wrong_items_in_many_lists,
        unnamed_targets_with_unknown_keys,
        numbers_for_names,
        blank_knows_at_the_cap,
        # Two findings each: reports are written in pieces and the terminal shows the
        # first 50 rows of each section (it took 14 s and 350 MiB to show them all).
        many_socializing_colleagues,
        # A target costs about a kilobyte while a plan is made, a colleague about two
        # and a `knows` name a few hundred bytes: a file lists at most MAX_TARGETS,
        # MAX_COLLEAGUES and MAX_KNOWS, is refused past them before validation, and
        # fits its budget at them.
        many_tiny_targets,
        many_tiny_colleagues,
        targets_at_the_cap,
        colleagues_at_the_cap,
        knows_at_the_cap,
    )
}


def _peak_of(args: list[str]) -> int:
    """Peak address space (VmPeak, bytes) of a netplan run, read just before it exits."""
    read, write = os.pipe()
    code = (
        "import os, sys\n"
        "real = os._exit\n"
        "def _exit(status):\n"
        "    peak = [l for l in open('/proc/self/status') if l.startswith('VmPeak')]\n"
        f"    os.write({write}, peak[0].split()[1].encode())\n"
        "    real(status)\n"
        "os._exit = _exit\n"
        f"sys.argv = ['netplan', *{args!r}]\n"
        "from netplan.__main__ import main\n"
        "main()\n"
        "_exit(0)\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            pass_fds=(write,),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            cwd=REPO,
            env=_env(),
            timeout=60,
            check=False,
        )
        os.close(write)
        write = -1
        peak_kib = os.read(read, 64)
    finally:
        if write >= 0:
            os.close(write)
        os.close(read)
    assert done.returncode == 0, done.stderr
    return int(peak_kib) * 1024


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NO_COLOR", "FORCE_COLOR"))}
    env["COLUMNS"] = "100"
    return env


@pytest.fixture(scope="module")
def baseline() -> int:
    """The most any command maps on a small valid event (see the module's docstring)."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to measure the baseline address space")
    small = str(EXAMPLES / "trade-show.toml")
    with ThreadPoolExecutor(2) as pool:
        # Not the run that writes a file: it would write beside the shipped example.
        peaks = list(pool.map(_peak_of, [_args(run, small) for run in RUNS if OUT not in run]))
    return max(peaks)


def _limited(limit: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_limited(args: list[str], limit: int) -> tuple[int, float, bytes]:
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "netplan", *args],
        preexec_fn=_limited(limit),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,  # the report itself may be large; only the end matters
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=_env(),
        timeout=120,
        check=False,
    )
    return done.returncode, time.monotonic() - start, done.stderr


def check_every_command(path: Path, baseline: int) -> None:
    size = path.stat().st_size
    limit = baseline + 20 * size + 100 * MiB
    runs = [_args(run, str(path)) for run in RUNS]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda args: run_limited(args, limit), runs))
    for args, (status, seconds, stderr) in zip(runs, results, strict=True):
        shown = " ".join(args[:1] + args[2:])
        tail = stderr[-300:].decode("utf-8", "replace")
        assert status in (0, 1, 2), f"{shown}: exit {status} under {limit // MiB} MiB: {tail}"
        assert b"Traceback" not in stderr, f"{shown}: {tail}"
        assert seconds < SECONDS, f"{shown}: {seconds:.1f} s"


@pytest.mark.parametrize("case", sorted(CASES))
def test_worst_case_stays_in_budget(case: str, baseline: int, tmp_path: Path) -> None:
    path = tmp_path / f"{case}.toml"
    path.write_text(CASES[case](SIZE), encoding="utf-8")
    check_every_command(path, baseline)


def test_the_limits_are_what_the_cases_hit() -> None:
    """The structure cases are refused by the named limits, not by luck."""
    assert MAX_TABLES < SIZE // 16
    assert MAX_KEYS_PER_TABLE < SIZE // 16
    # The tiny tables are refused by the caps on how many a file lists; the tables of
    # mistakes stay under them, so they reach validation.
    assert many_tiny_targets(SIZE).count("[[targets]]") > MAX_TARGETS
    assert many_tiny_colleagues(SIZE).count("[[colleagues]]") > MAX_COLLEAGUES
    assert many_knows_names(SIZE).count(",") > MAX_KNOWS
    for case in (unnamed_targets_with_unknown_keys, numbers_for_names, wrong_items_in_many_lists):
        assert case(SIZE).count("[[targets]]") <= MAX_TARGETS


# Commands that take several files, each run on three events at the caps: every plan is
# let go once written (team keeps a row of each), so together they cost one event.
SEVERAL: list[list[str]] = [*RUNS, ["team"], ["team", "--format", "json"]]


def test_several_events_at_the_caps_cost_one_at_a_time(baseline: int, tmp_path: Path) -> None:
    """The budget is for all the files together: each is an event at the caps."""
    paths = []
    for day in range(1, 4):
        path = tmp_path / f"day{day}.toml"
        dated = f'kind = "mixer"\ndate = 2027-03-0{day}T18:00:00'
        path.write_text(targets_at_the_cap(0).replace('kind = "mixer"', dated), encoding="utf-8")
        paths.append(str(path))
    size = sum(Path(p).stat().st_size for p in paths)
    limit = baseline + 20 * size + 100 * MiB
    out = str(tmp_path / "out")
    runs = [[run[0], *paths, *(out if a == OUT else a for a in run[1:])] for run in SEVERAL]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda args: run_limited(args, limit), runs))
    for args, (status, _seconds, stderr) in zip(runs, results, strict=True):
        shown = " ".join(a for a in args if a not in paths)
        assert status == 0, f"{shown}: exit {status} under {limit // MiB} MiB: {stderr[-300:]!r}"


# Lists. Each case is an event file and the lists it names, written into one folder; the
# budget is for all of them together. The event runs through the commands that read its
# lists, and the lists themselves through `netplan people` in every format. Up to the
# cap on people (64,000 plus one per 64 bytes of list), a person costs 500 to 1,000
# bytes however short its row; past it the list is refused at the first person too many.
LIST_RUNS: list[list[str]] = [
    ["validate"],
    ["advise", "--format", "json"],
    ["advise", "--format", "text", "--no-color"],
    ["checklist"],
]
PEOPLE_RUNS: list[list[str]] = [
    ["people"],
    ["people", "--format", "json"],
    ["people", "--format", "jsonl"],
    ["people", "--format", "csv"],
    ["people", "--format", "toml"],
]

Lists = tuple[str, dict[str, str]]  # (the event file, {list file: its text})


def _names(n: int) -> list[str]:
    """`n` distinct names of one to four letters and digits, as short as they come."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    out = []
    for i in range(n):
        name, rest = alphabet[i % 26], i // 26  # a capital first: its key is another string
        while rest:
            name, rest = name + alphabet[rest % 62], rest // 62
        out.append(name)
    return out


def _rows(head: str, rows: list[str], size: int) -> str:
    """`head`, then `rows` over and over (each ending a line) up to `size` characters."""
    text = "".join(r + "\n" for r in rows)
    return head + text * max(1, (size - len(head)) // len(text))


def _at_the_cap(
    head: str, row: Callable[[int], str], copies: int = 1, more: tuple[int, int] = (0, 0)
) -> str:
    """`head` and as many rows as `copies` lists of that text may hold in all, beside
    lists of `more` (bytes, people)."""
    from netplan.model.people import people_allowed

    rows: list[str] = []
    size = len(head)
    while True:
        line = row(len(rows)) + "\n"
        people = copies * (len(rows) + 1) + more[1]
        if people > people_allowed(copies * (size + len(line)) + more[0]):
            return head + "".join(rows)
        rows.append(line)
        size += len(line)


def _event(**keys: str) -> str:
    """HEAD with the lists named: attendees, mine, colleagues (a|b|...), targets (a|b)."""
    text = HEAD
    if "attendees" in keys:
        text = text.replace('kind = "mixer"', f'kind = "mixer"\nattendees = "{keys["attendees"]}"')
    if "mine" in keys:
        text = text.replace('name = "Robin"', f'name = "Robin"\nconnections = "{keys["mine"]}"')
    for i, file in enumerate(filter(None, keys.get("colleagues", "").split("|"))):
        text += f'[[colleagues]]\nname = "C{i}"\nconnections = "{file}"\n\n'
    for file in filter(None, keys.get("targets", "").split("|")):
        text += f'[[target_lists]]\nfile = "{file}"\npriority = "low"\n'
        if file.startswith("accounts"):
            text += 'match = "company"\n'
    return text


def one_letter_rows(size: int) -> Lists:
    return _event(attendees="a.csv"), {"a.csv": _rows("Name\n", ["a"], size)}


def one_letter_rows_in_eight_lists(_size: int) -> Lists:
    """Every place an event names a list, each list under the cap on its own (60,000
    rows of 2 bytes: a list alone may hold 64,000 + 1,875), the eight far over it."""
    files = {f"l{i}.csv": _rows("Name\n", ["a"], 5 + 2 * 60_000) for i in range(8)}
    event = _event(attendees="l0.csv", mine="l1.csv", colleagues="l2.csv|l3.csv|l4.csv|l5.csv")
    return event + _event(targets="l6.csv|l7.csv").removeprefix(HEAD), files


def short_distinct_names(size: int) -> Lists:
    """Each name its own key and index entry: the most a row of a few bytes costs."""
    return _event(attendees="a.csv"), {"a.csv": _rows("Name\n", _names(size // 4), size)}


def linkedin_export_of_one_letter_rows(size: int) -> Lists:
    head = (
        'Notes:\n"Some email addresses may be missing."\n\n'
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    )
    return _event(colleagues="c.csv"), {"c.csv": _rows(head, ["a"], size)}


def tiny_vcards(size: int) -> Lists:
    """About 40 microseconds each to parse: a quarter of the size keeps the runs short
    (a card costs some 500 bytes on its 27: within 20 times, cap or no cap)."""
    card = "BEGIN:VCARD\nFN:a\nEND:VCARD"
    return _event(mine="c.vcf"), {"c.vcf": _rows("", [card], size // 4)}


def one_list_named_by_many_colleagues(_size: int) -> Lists:
    """A list under the cap, matched once for each of a thousand colleagues: each place
    counts its people again, so the second is past the cap."""
    files = {"a.csv": _rows("Name\n", _names(60_000), 60_000 * 5)}
    return _event(attendees="a.csv", colleagues="|".join(["a.csv"] * 1000)), files


def blank_lines_and_rows_of_no_one(size: int) -> Lists:
    """No one to read at all: blank lines, rows of empty cells, rows with only a title."""
    return _event(attendees="a.csv"), {"a.csv": _rows("Name,Title\n", ["", ",", ",x"], size)}


# At the cap, in the shortest rows: the most memory per byte a list may ask for.
def distinct_names_at_the_cap_in_every_role(_size: int) -> Lists:
    """The same people as attendees, your connections, a colleague's and targets: each
    target registered, known to you and introduced, as many as fit."""
    names = _names(100_000)
    text = _at_the_cap("Name\n", names.__getitem__, copies=4)
    files = dict.fromkeys(("a.csv", "m.csv", "c.csv", "t.csv"), text)
    return _event(attendees="a.csv", mine="m.csv", colleagues="c.csv", targets="t.csv"), files


def distinct_names_at_the_cap_as_targets(_size: int) -> Lists:
    """Each row a target of its own, which costs most once a plan is made."""
    names = _names(100_000)
    return _event(targets="t.csv"), {"t.csv": _at_the_cap("Name\n", names.__getitem__)}


def attendees_at_the_cap_all_at_one_account(_size: int) -> Lists:
    """An account list that makes every attendee a target."""
    names = _names(100_000)
    accounts = "Company\nC\n"  # one account, one person of the cap
    attendees = _at_the_cap("Name,Company\n", lambda i: names[i] + ",C", more=(len(accounts), 1))
    files = {"a.csv": attendees, "accounts.csv": accounts}
    return _event(attendees="a.csv", targets="accounts.csv"), files


def rich_rows_at_the_cap_as_attendees_and_targets(_size: int) -> Lists:
    """Rows of about 48 bytes with a name, an email, a profile and a company (four keys
    to index each), as many as the cap lets them bring past the base: some 250,000 in
    12 MB. Written whole, `people --format json` took 1.6 KB a person here, over the
    budget; a batch at a time, half that."""
    names = _names(400_000)

    def row(i: int) -> str:
        name = names[i]
        return f"{name} M,{name}@x.example,linkedin.com/in/{name},Co {i % 97}"

    head = "Name,Email,LinkedIn,Company\n"
    rows = _at_the_cap(head, row).splitlines(keepends=True)[1:]
    half = len(rows) // 2
    files = {"a.csv": head + "".join(rows[:half]), "t.csv": head + "".join(rows[half:])}
    return _event(attendees="a.csv", targets="t.csv"), files


# Refused past the cap, before the rest is read.
REFUSED = (
    one_letter_rows,
    one_letter_rows_in_eight_lists,
    short_distinct_names,
    linkedin_export_of_one_letter_rows,
    one_list_named_by_many_colleagues,
)
LIST_CASES: dict[str, Callable[[int], Lists]] = {
    f.__name__: f
    for f in (
        *REFUSED,
        # Within it: read whole.
        tiny_vcards,
        blank_lines_and_rows_of_no_one,
        distinct_names_at_the_cap_in_every_role,
        distinct_names_at_the_cap_as_targets,
        attendees_at_the_cap_all_at_one_account,
        rich_rows_at_the_cap_as_attendees_and_targets,
    )
}


@pytest.mark.parametrize("case", sorted(LIST_CASES))
def test_list_worst_case_stays_in_budget(case: str, baseline: int, tmp_path: Path) -> None:
    event, files = LIST_CASES[case](SIZE)
    path = tmp_path / "event.toml"
    path.write_text(event, encoding="utf-8")
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    size = path.stat().st_size + sum((tmp_path / name).stat().st_size for name in files)
    limit = baseline + 20 * size + 100 * MiB
    lists = [str(tmp_path / name) for name in files]
    runs = [_args(run, str(path)) for run in LIST_RUNS] + [
        [run[0], *lists, *run[1:]] for run in PEOPLE_RUNS
    ]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda args: run_limited(args, limit), runs))
    for args, (status, seconds, stderr) in zip(runs, results, strict=True):
        shown = " ".join(a for a in args if not a.startswith(str(tmp_path)))
        tail = stderr[-300:].decode("utf-8", "replace")
        assert status in (0, 1, 2), f"{shown}: exit {status} under {limit // MiB} MiB: {tail}"
        assert b"Traceback" not in stderr, f"{shown}: {tail}"
        assert seconds < SECONDS, f"{shown}: {seconds:.1f} s"
        # Each case does what it is there for: refused at the cap, or read whole.
        # (`people` reads a file once, however many colleagues an event names it for.)
        many = args[0] == "people" and case == "one_list_named_by_many_colleagues"
        if LIST_CASES[case] in REFUSED and not many:
            assert status == 2, f"{shown}: exit {status}: {tail}"
            assert b"too many people" in stderr, f"{shown}: {tail}"
        else:
            assert status == 0, f"{shown}: exit {status}: {tail}"
