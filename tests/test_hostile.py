"""Hostile input: generated text and bytes must never crash netplan or reach a human raw.

Property tests run a small number of examples by default; see conftest.py for the
`long` profile.
"""

from __future__ import annotations

import json
import re
from typing import Any

import tomli_w
from hypothesis import assume, example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin
from typer.testing import CliRunner

from netplan.cli import app
from netplan.engine import make_plan
from netplan.model.event import MAX_NAME_CHARS, Event
from netplan.model.identity import is_blank
from netplan.model.kinds import PHASES
from netplan.model.plan import Plan
from netplan.report import Options, markdown, text
from netplan.report import json as json_report
from netplan.report.phrases import item_text
from netplan.safety import clean
from tests.conftest import make_event

# What must never reach a terminal or a markdown file raw.
# (JSON output may hold raw newlines between its lines, so \n is not listed.)
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)
SGR = re.compile("\x1b\\[[0-9;]*m")
PLAN = Options()
CHECKLIST = Options(checklist_only=True)
BREAK = "<!-- -->"  # md() splits GitHub references with it; see test_hostile_markdown.py

any_text = st.text(max_size=40)
name_text = st.text(min_size=1, max_size=30).filter(lambda s: not is_blank(s))
hostile_pieces = st.sampled_from(
    [
        "[bold]x[/]",
        "[/]",
        "[link=file:///etc/passwd]x[/link]",
        ":smile:",
        "\x1b[2J",
        "\x1b]8;;http://evil\x07x\x1b]8;;\x07",
        "\x9b31m",
        "\u202eevil",
        "\u2066x\u2069",
        "- [x] done",
        "\n- [ ] injected",
        "| a | b |",
        "`code`",
        "<script>alert(1)</script>",
        "[text](http://evil.example)",
        "![img](http://evil.example/i.png)",
        "https://evil.example/x",
        "www.evil.example",
        "user@evil.example",
        "# heading",
        "**bold**",
        "\\",
        "&amp;",
        "\r\n",
        "\x00",
        "\x7f",
        "plain ascii \x7f only",
        "\u2028\u2029\ufeff\u200e\u061c",
    ]
)
nasty_text = st.one_of(any_text, hostile_pieces, st.lists(hostile_pieces, max_size=4).map("".join))
nasty_name = st.one_of(name_text, hostile_pieces.filter(lambda s: not is_blank(s)))


@st.composite
def events(draw: st.DrawFn) -> Event:
    """An event with generated text in every string field; names made unique by a suffix."""
    colleagues = [
        {
            "name": f"{draw(nasty_name)} c{i}",
            "role": draw(nasty_text),
            "expertise": draw(st.lists(nasty_text, max_size=3)),
            "style": draw(st.sampled_from(["networker", "socializer", "supporter", "reluctant"])),
            "close_friend": draw(st.booleans()),
            "knows": [f"{draw(nasty_name)}" for _ in range(draw(st.integers(0, 2)))],
        }
        for i in range(draw(st.integers(0, 4)))
    ]
    targets = [
        {
            "name": f"{draw(nasty_name)} t{i}",
            "company": draw(nasty_text),
            "title": draw(nasty_text),
            "priority": draw(st.sampled_from(["high", "medium", "low"])),
            "interests": draw(st.lists(nasty_text, max_size=3)),
            "notes": draw(nasty_text),
        }
        for i in range(draw(st.integers(0, 4)))
    ]
    # Let some colleagues know real targets, so introductions appear in the output.
    for c, t in zip(colleagues, targets, strict=False):
        c["knows"].append(t["name"])
    return make_event(
        event={
            "name": draw(nasty_name),
            "kind": draw(st.sampled_from(["mixer", "trade-show", "happy-hour"])),
            "venue": draw(nasty_text),
            "topics": draw(st.lists(nasty_text, max_size=3)),
            "goal": draw(st.sampled_from(["business", "personal", "learning"])),
        },
        me={
            "name": draw(nasty_name),
            "new_to": draw(st.lists(st.sampled_from(["sales", "networking", "industry"]))),
        },
        colleagues=colleagues,
        targets=targets,
    )


def _md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(tasklists_plugin)


def _tasks(tokens: list[Any]) -> list[Any]:
    return [t for t in tokens if t.type == "list_item_open" and "task-list-item" in str(t.attrs)]


def _all_tokens(tokens: list[Any]) -> list[Any]:
    out = []
    for t in tokens:
        out.append(t)
        out.extend(_all_tokens(t.children or []))
    return out


@given(events())
def test_generated_text_never_crashes_and_never_leaks(event: Event) -> None:
    plan = make_plan(event, source="x.toml")
    plain = text.render([plan, plan], Options(width=80, single=False))
    assert not FORBIDDEN.search(plain)
    colored = text.render([plan], Options(width=60, color=True))
    assert not FORBIDDEN.search(SGR.sub("", colored))
    for md in (markdown.render([plan], PLAN), markdown.render([plan], CHECKLIST)):
        assert not FORBIDDEN.search(md)
    raw = json_report.render([plan], PLAN)
    assert not FORBIDDEN.search(raw)
    data = json.loads(raw)
    assert data["event"]["name"] == event.event.name
    assert [c["name"] for c in data["colleagues"]] == [c.name for c in event.colleagues]


@given(events())
# Found by hypothesis: a note of spaces only ended the item in a markdown hard break.
@example(make_event(targets=[{"name": "Ann", "notes": " "}, {"name": "Bo", "notes": "x  "}]))
def test_markdown_checklist_has_one_unchecked_task_per_item(event: Event) -> None:
    plan = make_plan(event)
    for rendered in (markdown.render_one(plan, CHECKLIST), markdown.render_one(plan, PLAN)):
        tokens = _md().parse(rendered)
        tasks = _tasks(tokens)
        assert len(tasks) == len(plan.checklist)
        everything = _all_tokens(tokens)
        boxes = [t for t in everything if t.type == "html_inline" and _is_checkbox(t)]
        assert len(boxes) == len(plan.checklist)
        assert not [t for t in boxes if 'checked="checked"' in t.content]
        injected = [
            t
            for t in everything
            if t.type in ("html_block", "image", "link_open")
            or (t.type == "html_inline" and not _is_checkbox(t) and t.content != BREAK)
        ]
        assert not injected
    # Each task's text is the item's text, made visible but otherwise as written.
    tokens = _md().parse(markdown.render_one(plan, CHECKLIST))
    inlines = [t for t in tokens if t.type == "inline"]
    task_texts = [_inline_text(t) for t in inlines if _is_task_inline(t)]
    by_phase = [i for phase in PHASES for i in plan.checklist if i.phase == phase]
    assert task_texts == [clean(item_text(i, plan)) for i in by_phase]


def _is_checkbox(token: Any) -> bool:
    return str(token.content).startswith('<input class="task-list-item-checkbox"')


def _is_task_inline(token: Any) -> bool:
    return bool(token.children) and _is_checkbox(token.children[0])


def _inline_text(token: Any) -> str:
    # The tasklists plugin turns "[ ] " into a leading checkbox html_inline token.
    text = "".join(c.content for c in token.children[1:] if c.type in ("text", "text_special"))
    return text.removeprefix(" ")


@given(st.binary(max_size=300))
def test_arbitrary_bytes_exit_0_or_2_without_traceback(data: bytes) -> None:
    result = CliRunner().invoke(app, ["advise", "-", "--format", "json"], input=data)
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert not FORBIDDEN.search(result.stderr)


toml_keys = st.one_of(
    st.sampled_from(["event", "me", "colleagues", "targets", "netplan", "name", "kind", "style"]),
    st.text(min_size=1, max_size=12),
)
toml_values: st.SearchStrategy[Any] = st.recursive(
    st.one_of(st.text(max_size=10), st.integers(-5, 5), st.booleans()),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(toml_keys, children, max_size=3)
    ),
    max_leaves=12,
)


@given(st.dictionaries(toml_keys, toml_values, max_size=5))
def test_generated_toml_documents_give_clean_errors(doc: dict[str, Any]) -> None:
    try:
        payload = tomli_w.dumps(doc).encode()
    except (TypeError, ValueError):
        payload = b""
    assume(payload)  # not a shape TOML can express (e.g. mixed arrays in old tomli-w)
    result = CliRunner().invoke(app, ["validate", "-"], input=payload)
    assert result.exit_code in (0, 2)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    assert not FORBIDDEN.search(result.stderr)
    if result.exit_code == 2:
        assert all(line.startswith("<stdin>") for line in result.stderr.splitlines())


LITERALS = [
    "[bold red]Alice[/]",
    "Bob [/]",
    "[link=file:///etc/passwd]click[/link]",
    "Carol :smile: :+1:",
    "Dan \\ back\\slash",
    "Eve **not bold** _nor italic_",
    "Fay [x](http://evil.example)",
    "高橋 美咲",
    "Zoë Ångström",
    "e\u0301\u0302 combining",
    "عربي نص",
    "עברית",
]


def test_markup_emoji_and_scripts_print_literally() -> None:
    colleagues = [{"name": n, "knows": ["Target One"]} for n in LITERALS]
    event = make_event(colleagues=colleagues, targets=[{"name": "Target One"}])
    plan = make_plan(event)
    out = text.render([plan], Options(width=500))
    for name in LITERALS:
        assert name in out
    data = json.loads(json_report.render([plan], PLAN))
    assert [c["name"] for c in data["colleagues"]] == LITERALS


def test_control_characters_are_shown_as_visible_escapes() -> None:
    name = "Mallory\x1b[2J\u202eevil\x9b"
    plan = make_plan(
        make_event(colleagues=[{"name": name, "knows": ["T"]}], targets=[{"name": "T"}])
    )
    out = text.render([plan], Options(width=500))
    assert "Mallory\\x1b[2J\\u202eevil\\x9b" in out
    md = markdown.render_one(plan, PLAN)
    assert "\x1b" not in md
    assert "\u202e" not in md
    raw = json_report.render([plan], PLAN)
    assert "\u202e" not in raw
    assert "\x9b" not in raw
    assert json.loads(raw)["colleagues"][0]["name"] == name


def test_a_very_long_name_keeps_the_layout() -> None:
    long_name = "N" * MAX_NAME_CHARS
    plan: Plan = make_plan(
        make_event(colleagues=[{"name": long_name, "expertise": ["x"]}], event={"topics": ["x"]})
    )
    out = text.render([plan], Options(width=80))
    assert all(len(line) <= 80 for line in out.splitlines())
    assert out.count("N") >= MAX_NAME_CHARS


def test_del_is_escaped_in_an_otherwise_ascii_json_document() -> None:
    plan = make_plan(make_event(colleagues=[{"name": "Del\x7fta"}]))
    raw = json_report.render([plan], PLAN)
    assert raw.isascii()
    assert "\x7f" not in raw
    assert "Del\\u007fta" in raw
    assert json.loads(raw)["colleagues"][0]["name"] == "Del\x7fta"
