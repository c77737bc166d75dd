"""`netplan init`: the interview on stdin, the flags, the template, overwriting, round-trips."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from netplan import starter
from netplan.cli import app
from netplan.model.event import Event
from netplan.sources.event import load_event, parse_event
from tests.conftest import example_files

runner = CliRunner()


def run(*args: str, input: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=input)


def answers(*lines: str) -> str:
    """One answer per prompt, as typed at the terminal."""
    return "".join(line + "\n" for line in lines)


def assert_valid(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{path}: ok\n"


def assert_advised(path: Path) -> None:
    result = run("advise", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"verdict"' in result.stdout


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# The questions, in order: event name, kind, date, venue, topics, goal, new-contacts goal,
# your name, new to; per colleague: name, style, expertise, knows, close friend; per
# target: name, company, title, priority, interests. A blank name ends each loop.
EVENT_DEFAULTS = ("", "", "", "", "", "")  # kind, date, venue, topics, goal, new contacts


def event_part(name: str, *rest: str) -> tuple[str, ...]:
    """The event questions: the name, then any answers given, then defaults for the rest."""
    return (name, *rest, *EVENT_DEFAULTS[len(rest) :])


# A complete interview: two colleagues, two targets, every kind of answer.
FULL_INTERVIEW = answers(
    "Harbour Mixer",  # event name
    "happy-hour",  # kind
    "2027-03-18",  # date
    "Harbour Hotel Bar",  # venue
    "payments, logistics",  # topics
    "personal",  # goal
    "5",  # new contacts goal
    "Robin Vale",  # your name
    "networking, sales",  # new to
    "Ana Ruiz",  # colleague 1
    "supporter",  # style
    "payments, fraud detection",  # expertise
    "Pat Lee",  # knows
    "y",  # close friend
    "Bo Chen",  # colleague 2
    "",  # style: default
    "",  # expertise: none
    "",  # knows: none
    "",  # close friend: default no
    "",  # no more colleagues
    "Pat Lee",  # target 1
    "Acme Corp",  # company
    "CFO",  # title
    "high",  # priority
    "payments",  # interests
    "Quinn Shaw",  # target 2
    "",  # company: none
    "",  # title: none
    "",  # priority: default
    "",  # interests: none
    "",  # no more targets
)


# --- interactive ---------------------------------------------------------------------------------


def test_interview_writes_a_file_that_validates_and_advises(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    result = run("init", str(path), "--interactive", input=FULL_INTERVIEW)
    assert result.exit_code == 0, result.stderr
    assert path.is_file()
    assert f"Wrote {path}" in result.stderr
    assert_valid(path)
    assert ": warning: " not in run("validate", str(path)).stderr
    assert_advised(path)
    # Written atomically: no temporary file left next to it.
    assert files_in(tmp_path) == ["event.toml"]


def test_interview_answers_end_up_in_the_event(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    result = run("init", str(path), "--interactive", input=FULL_INTERVIEW)
    assert result.exit_code == 0, result.stderr
    event = load_event(str(path))
    assert event.event.name == "Harbour Mixer"
    assert event.event.kind == "happy-hour"
    assert event.event.date == dt.date(2027, 3, 18)
    assert event.event.venue == "Harbour Hotel Bar"
    assert event.event.topics == ["payments", "logistics"]
    assert event.event.goal == "personal"
    assert event.event.new_contacts_goal == 5
    assert event.me.name == "Robin Vale"
    assert event.me.new_to == ["networking", "sales"]
    assert [c.name for c in event.colleagues] == ["Ana Ruiz", "Bo Chen"]
    ana, bo = event.colleagues
    assert ana.style == "supporter"
    assert ana.expertise == ["payments", "fraud detection"]
    assert ana.knows == ["Pat Lee"]
    assert ana.close_friend is True
    assert bo.style == "networker"
    assert (bo.expertise, bo.knows, bo.close_friend) == ([], [], False)
    assert [t.name for t in event.targets] == ["Pat Lee", "Quinn Shaw"]
    pat, quinn = event.targets
    assert (pat.company, pat.title, pat.priority, pat.interests) == (
        "Acme Corp",
        "CFO",
        "high",
        ["payments"],
    )
    assert (quinn.company, quinn.title, quinn.priority, quinn.interests) == (
        None,
        None,
        "medium",
        [],
    )


def test_interview_asks_a_choice_again_after_an_invalid_answer(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    text = answers(
        "Meetup",
        "party",  # not a kind
        "MEETUP",  # any case
        "",  # no date
        "",  # no venue
        "",  # no topics
        "fun",  # not a goal
        "learning",
        "",  # default goal of new contacts
        "Robin",
        "",
        "Ana",
        "party",  # not a style
        "reluctant",
        "",
        "",
        "maybe",  # not y or n
        "n",
        "",
        "Pat",
        "",
        "",
        "urgent",  # not a priority
        "low",
        "",
        "",
    )
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Please answer one of") == 4
    assert result.stderr.count("Please answer y or n.") == 1
    assert "Please answer one of: networker, socializer, supporter, reluctant" in result.stderr
    event = load_event(str(path))
    assert event.event.kind == "meetup"
    assert event.event.goal == "learning"
    assert event.event.date is None
    assert event.colleagues[0].style == "reluctant"
    assert event.targets[0].priority == "low"
    assert_valid(path)


def test_interview_asks_a_bad_date_again(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    text = answers(
        "Expo",
        "trade-show",
        "2027-13-01",
        "next friday",
        "2027-02-03T18:30",
        *EVENT_DEFAULTS[2:],
        "Robin",
        "",
        "",
        "",
    )
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("Please give a date") == 2
    event = load_event(str(path))
    assert event.event.date == dt.datetime(2027, 2, 3, 18, 30)
    assert event.event.kind == "trade-show"
    assert_valid(path)


@pytest.mark.parametrize("bad", ["-1", "many", "10001", "99999999999999999999"])
def test_interview_asks_a_bad_goal_again(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "event.toml"
    text = answers("Expo", "", "", "", "", "", bad, "4", "Robin", "", "", "")
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    assert load_event(str(path)).event.new_contacts_goal == 4


def test_interview_blank_names_finish_the_loops(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    text = answers(*event_part("Breakfast"), "Robin", "", "", "")
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    # Each loop asked its question once, and the blank answer ended it.
    assert result.stderr.count("Colleague who might come") == 1
    assert result.stderr.count("Someone you want to meet") == 1
    event = load_event(str(path))
    assert event.event.kind == "mixer"  # the default choice
    assert event.event.new_contacts_goal == 3  # the default answer
    assert (event.colleagues, event.targets) == ([], [])
    assert_valid(path)
    assert_advised(path)


def test_interview_asks_a_required_answer_again_when_blank(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    text = answers("", *event_part("Breakfast"), "  ", "\u200b", "Robin", "", "", "")
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("This one is needed.") == 2
    assert result.stderr.count("must not be blank") == 1  # only a zero-width space
    event = load_event(str(path))
    assert (event.event.name, event.me.name) == ("Breakfast", "Robin")


def test_interview_writes_colleagues_and_targets_as_tables(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    text = answers(
        *event_part("Mixer"), "Robin", "", "Sam", "", "", "", "", "", "Pat", "", "", "", "", ""
    )
    result = run("init", str(path), "--interactive", input=text)
    assert result.exit_code == 0, result.stderr
    content = path.read_text(encoding="utf-8")
    assert "[[colleagues]]" in content
    assert "[[targets]]" in content
    assert content.index("[event]") < content.index("[[colleagues]]")


@pytest.mark.parametrize(
    ("label", "lines", "kept"),
    [
        # A colleague with your own name, in another case: asked again.
        ("colleague-is-me", ("robin", "Sam", "", "", "", "", ""), ["Sam"]),
        # The same target twice, in another case and spacing: asked again.
        ("target-twice", ("", "Pat Lee", "", "", "", "", "PAT  lee", "Kim", "", "", "", ""), []),
    ],
    ids=["colleague-is-me", "target-twice"],
)
def test_interview_asks_a_taken_name_again(
    tmp_path: Path, label: str, lines: tuple[str, ...], kept: list[str]
) -> None:
    """Each answer is checked as it is given, so the interview never ends in a bad file."""
    path = tmp_path / f"{label}.toml"
    result = run(
        "init",
        str(path),
        "--interactive",
        input=answers(*event_part("Mixer"), "Robin", "", *lines, *[""] * 10),
    )
    assert result.exit_code == 0, result.stderr
    assert "is already taken: names must be unique." in result.stderr
    assert_valid(path)
    event = load_event(str(path))
    assert [c.name for c in event.colleagues] == kept
    if label == "target-twice":
        assert [t.name for t in event.targets] == ["Pat Lee", "Kim"]


# --- non-interactive -----------------------------------------------------------------------------


@pytest.mark.parametrize("flags", [(), ("--no-interactive",)])
def test_init_without_flags_writes_the_commented_template(
    tmp_path: Path, flags: tuple[str, ...]
) -> None:
    path = tmp_path / "event.toml"
    result = run("init", str(path), *flags)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    content = path.read_text(encoding="utf-8")
    assert content == starter.TEMPLATE
    assert "#" in content
    assert_valid(path)
    # Valid, but validate and advise both say its names are still the template's.
    placeholders = ["me.name: 'Your Name'", "colleagues[0].name: 'A Colleague'"]
    placeholders.append("targets[0].name: 'A Target'")
    for command in ("validate", "advise"):
        warned = run(command, str(path)).stderr
        for placeholder in placeholders:
            assert f": warning: {placeholder} is a placeholder from the template" in warned
    assert_advised(path)
    assert files_in(tmp_path) == ["event.toml"]


def test_a_filled_in_template_has_no_placeholder_warning(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    filled = starter.TEMPLATE.replace("Your Name", "Robin").replace("A Colleague", "Ana")
    path.write_text(filled.replace("A Target", "Pat Lee"), encoding="utf-8")
    for command in ("validate", "advise"):
        assert "placeholder" not in run(command, str(path)).stderr


def test_init_default_path_is_event_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.stderr
    assert files_in(tmp_path) == ["event.toml"]
    assert (tmp_path / "event.toml").read_text(encoding="utf-8") == starter.TEMPLATE


def test_init_flags_write_those_values(tmp_path: Path) -> None:
    path = tmp_path / "expo.toml"
    result = run(
        "init",
        str(path),
        "--name",
        "FinOps Expo",
        "--me",
        "Jordan Reyes",
        "--kind",
        "trade-show",
        "--date",
        "2027-02-03",
    )
    assert result.exit_code == 0, result.stderr
    event = load_event(str(path))
    assert event.event.name == "FinOps Expo"
    assert event.event.kind == "trade-show"
    assert event.event.date == dt.date(2027, 2, 3)
    assert event.me.name == "Jordan Reyes"
    assert (event.colleagues, event.targets) == ([], [])
    assert_valid(path)
    assert_advised(path)


def test_init_flags_without_date_or_kind(tmp_path: Path) -> None:
    path = tmp_path / "mixer.toml"
    result = run("init", str(path), "--name", "Harbour Mixer", "--me", "Robin")
    assert result.exit_code == 0, result.stderr
    event = load_event(str(path))
    assert (event.event.name, event.event.kind, event.event.date) == (
        "Harbour Mixer",
        "mixer",
        None,
    )
    assert_valid(path)


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        # Each names what is missing, given what was passed.
        (("--name", "Mixer"), "netplan: --name needs --me too\n"),
        (("--me", "Robin"), "netplan: --me needs --name too\n"),
        (("--kind", "trade-show"), "netplan: --kind needs --name and --me too\n"),
        (("--date", "2027-02-03"), "netplan: --date needs --name and --me too\n"),
        (("--me", "Robin", "--kind", "meetup"), "netplan: --me and --kind need --name too\n"),
        (
            ("--date", "2027-02-03", "--kind", "meetup", "--name", "Mixer"),
            "netplan: --name, --kind and --date need --me too\n",
        ),
        (("--name", "Mixer", "--me", "Robin", "--date", "2027-02-30"), "--date"),
        (("--name", "Mixer", "--me", "Robin", "--date", "soon"), "--date"),
        (("--name", "Mixer", "--me", "Robin", "--kind", "party"), "--kind"),
        (("--name", " ", "--me", "Robin"), "event.name"),
    ],
)
def test_init_bad_flags_are_exit_2_and_write_nothing(
    tmp_path: Path, flags: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "event.toml"
    result = run("init", str(path), *flags)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert files_in(tmp_path) == []


def test_init_dash_prints_the_template_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == starter.TEMPLATE
    assert files_in(tmp_path) == []


def test_init_dash_with_flags_prints_the_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "-", "--name", "Mixer", "--me", "Robin", "--date", "2027-02-03")
    assert result.exit_code == 0, result.stderr
    event = parse_event(result.stdout.encode(), "<stdout>")
    assert (event.event.name, event.me.name) == ("Mixer", "Robin")
    assert event.event.date == dt.date(2027, 2, 3)
    assert files_in(tmp_path) == []


def test_init_dash_escapes_what_a_terminal_would_act_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "Ev\u202eil \u009b2J Expo"
    result = run("init", "-", "--name", name, "--me", "Robin\u2066")
    assert result.exit_code == 0, result.stderr
    assert not any(ch in result.stdout for ch in "\u202e\u009b\u2066")
    event = parse_event(result.stdout.encode(), "<stdout>")
    assert (event.event.name, event.me.name) == (name, "Robin\u2066")


# --- overwriting ---------------------------------------------------------------------------------

ORIGINAL = b"# my hand-written event, do not lose\n[event]\nname = 'Mine'\n"


@pytest.mark.parametrize("flags", [(), ("--name", "Mixer", "--me", "Robin"), ("--no-interactive",)])
def test_init_refuses_to_overwrite(tmp_path: Path, flags: tuple[str, ...]) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(ORIGINAL)
    result = run("init", str(path), *flags)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert path.read_bytes() == ORIGINAL
    assert files_in(tmp_path) == ["event.toml"]


def test_init_refuses_to_overwrite_after_the_interview(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(ORIGINAL)
    result = run("init", str(path), "--interactive", input=FULL_INTERVIEW)
    assert result.exit_code == 2
    assert path.read_bytes() == ORIGINAL


def test_init_force_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(ORIGINAL)
    result = run("init", str(path), "--force")
    assert result.exit_code == 0, result.stderr
    assert path.read_text(encoding="utf-8") == starter.TEMPLATE
    assert files_in(tmp_path) == ["event.toml"]
    result = run("init", str(path), "--force", "--name", "Mixer", "--me", "Robin")
    assert result.exit_code == 0, result.stderr
    assert load_event(str(path)).event.name == "Mixer"


# --- round-trips ---------------------------------------------------------------------------------


def _sources() -> list[tuple[str, bytes]]:
    out = [(p.name, p.read_bytes()) for p in example_files()]
    out.append(("TEMPLATE", starter.TEMPLATE.encode()))
    return out


def test_there_are_examples_to_round_trip() -> None:
    assert len(example_files()) >= 4


@pytest.mark.parametrize(("label", "data"), _sources(), ids=[s[0] for s in _sources()])
def test_round_trip(label: str, data: bytes) -> None:
    event = parse_event(data, label)
    written = starter.to_toml(event)
    assert isinstance(tomllib.loads(written), dict)
    again = parse_event(written.encode(), f"{label} (written)")
    assert again == event
    assert isinstance(again, Event)
    # And once more: writing is stable.
    assert starter.to_toml(again) == written


def test_a_written_target_holds_only_what_differs_from_the_defaults() -> None:
    # Targets are dataclasses with no record of which keys were given: a default
    # written back would be noise in a hand-editable file.
    event = starter.build_event(
        {
            "event": {"name": "Expo", "kind": "mixer"},
            "me": {"name": "Robin"},
            "targets": [{"name": "Tomás", "company": "Acme"}, {"name": "Ana", "priority": "high"}],
        }
    )
    written = tomllib.loads(starter.to_toml(event))
    assert written["targets"] == [
        {"name": "Tomás", "company": "Acme"},
        {"name": "Ana", "priority": "high"},
    ]
