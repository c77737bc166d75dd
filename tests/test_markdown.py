"""Markdown export, checked with a real GFM parser (markdown-it-py + tasklists).

Whatever a name, note or company in the event file contains, the parser must see exactly
one unchecked task per checklist item, carrying the item's text as written (control and
bidi characters shown as visible escapes), and no link, image, HTML, heading, emphasis,
strikethrough or code that the input text brought in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin
from typer.testing import CliRunner

from netplan.cli import app
from netplan.safety import clean, md
from tests.conftest import REPO, example_files

PHASES = ("before", "during", "after")
KIND_TITLES = (("pro", "Pros"), ("con", "Cons"), ("tip", "Tips"))

HOSTILE = [
    "first line\nsecond line",
    "carriage\rreturn and\ttab",
    "- [x] done",
    "\n- [x] done on a new line",
    "a | b | c",
    "`code` and ``more``",
    "```fence```",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "[text](http://evil)",
    "[ref][1] and [1]: http://evil",
    "![img](x)",
    "<https://evil.example/auto>",
    "https://evil.example/x",
    "www.evil.example",
    "user@evil.example",
    "www.evil.com, evil.com/path and user@evil.com",
    "# not a heading",
    "x\n# heading after a newline",
    "trailing hashes ##",
    "**bold**",
    "*em* and _em_",
    "~~s~~ and ~single~",
    "&amp; &lt;b&gt; &#60;i&#62;",
    "$x$ and $$y$$",
    "back\\slash \\* \\[",
    "trailing backslash\\",
    "esc \x1b[31mred\x1b[0m and csi \x9b31m",
    "bidi \u202etxt.exe and \u2066isolate\u2069",
    "nul \x00 del \x7f line\u2028sep",
    ":smile: [bold]rich[/bold]",
]
# As many of them as fit in one name (names are capped at 200 characters).
ALL_AT_ONCE = " ".join(h.strip() for h in HOSTILE)[:190]

runner = CliRunner()


def parser(*, linkify: bool = False) -> MarkdownIt:
    mdit = MarkdownIt("commonmark", {"linkify": linkify})
    mdit.enable("table").enable("strikethrough")
    if linkify:
        mdit.enable("linkify")
    mdit.use(tasklists_plugin)
    return mdit


def walk(tokens: list[Token]) -> list[Token]:
    """Every token, block and inline, in document order."""
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        if t.children:
            out += walk(t.children)
    return out


def inline_text(inline: Token) -> str:
    assert inline.children is not None
    return "".join(c.content for c in inline.children if c.type in ("text", "text_special"))


def is_checkbox(t: Token) -> bool:
    return t.type == "html_inline" and 'class="task-list-item-checkbox"' in t.content


@dataclass
class Parsed:
    tokens: list[Token]
    tasks: list[tuple[bool, str]]  # (checked, text) per task item, in order
    headings: list[tuple[str, str]]  # (tag, text)
    other_items: list[str]  # the text of every list item that is not a task
    strong: list[str]  # the text inside each **...**
    em: list[str]


def parse(text: str, *, linkify: bool = False) -> Parsed:
    tokens = parser(linkify=linkify).parse(text)
    tasks: list[tuple[bool, str]] = []
    headings: list[tuple[str, str]] = []
    other: list[str] = []
    for i, t in enumerate(tokens):
        if t.type == "heading_open":
            headings.append((t.tag, inline_text(tokens[i + 1])))
        elif t.type == "list_item_open":
            assert tokens[i + 1].type == "paragraph_open", "a list item is not one paragraph"
            inline = tokens[i + 2]
            assert inline.type == "inline"
            children = inline.children or []
            if "task-list-item" in str(t.attrs.get("class", "")):
                assert children, "empty task item"
                assert is_checkbox(children[0])
                body = inline_text(inline)
                assert body.startswith(" "), body
                tasks.append(("checked" in children[0].content, body[1:]))
            else:
                other.append(inline_text(inline))
    strong: list[str] = []
    em: list[str] = []
    for t in tokens:
        children = t.children or []
        for j, c in enumerate(children):
            if c.type in ("strong_open", "em_open"):
                close = c.type.replace("_open", "_close")
                inner = []
                for d in children[j + 1 :]:
                    if d.type == close:
                        break
                    inner.append(d.content if d.type in ("text", "text_special") else "")
                (strong if c.type == "strong_open" else em).append("".join(inner))
    return Parsed(walk(tokens), tasks, headings, other, strong, em)


# Token types netplan's own markdown is made of; anything else came from input text.
ALLOWED_TYPES = {
    "heading_open",
    "heading_close",
    "paragraph_open",
    "paragraph_close",
    "bullet_list_open",
    "bullet_list_close",
    "list_item_open",
    "list_item_close",
    "inline",
    "text",
    "text_special",
    "strong_open",
    "strong_close",
    "em_open",
    "em_close",
    "html_inline",  # only the task checkboxes, checked below
    "fence",  # only the Mermaid graph at the end of a plan, checked below
}


def invoke_ok(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def checklist_json(path: str) -> dict[str, Any]:
    data = json.loads(invoke_ok(["checklist", path, "--format", "json"]))
    assert isinstance(data, dict)
    return data


def advise_json(path: str) -> dict[str, Any]:
    data = json.loads(invoke_ok(["advise", path, "--format", "json"]))
    assert isinstance(data, dict)
    return data


def expected_tasks(data: dict[str, Any]) -> list[tuple[bool, str]]:
    items = sorted(data["checklist"], key=lambda i: PHASES.index(i["phase"]))
    return [(False, clean(i["text"])) for i in items]


def phase_headings(data: dict[str, Any]) -> list[tuple[str, str]]:
    present = {i["phase"] for i in data["checklist"]}
    return [("h3", p.capitalize()) for p in PHASES if p in present]


def check_structure(parsed: Parsed, *, strong: list[str], em: list[str]) -> None:
    types = {t.type for t in parsed.tokens}
    assert types <= ALLOWED_TYPES, f"input text made {sorted(types - ALLOWED_TYPES)}"
    # Raw HTML: the task checkboxes, and the empty comments that keep GitHub from turning
    # @names, #123 and :emoji: in names into links or pictures.
    html = [t for t in parsed.tokens if t.type == "html_inline" and t.content != "<!-- -->"]
    assert all(is_checkbox(t) for t in html), [t.content for t in html]
    assert len(html) == len(parsed.tasks)
    fences = [t for t in parsed.tokens if t.type == "fence"]
    assert all(t.info == "mermaid" for t in fences)
    assert len(fences) <= 1
    assert parsed.strong == strong
    assert parsed.em == em


def check_checklist(path: str) -> None:
    data = checklist_json(path)
    parsed = parse(invoke_ok(["checklist", path]))
    assert data["checklist"], "every plan has a checklist"
    assert parsed.tasks == expected_tasks(data)
    assert not any(checked for checked, _ in parsed.tasks)
    assert parsed.headings == [
        ("h2", "Checklist: " + clean(data["event"]["name"])),
        *phase_headings(data),
    ]
    assert parsed.other_items == []
    check_structure(parsed, strong=[], em=[])


def check_advise(path: str) -> None:
    data = advise_json(path)
    assert checklist_json(path)["checklist"] == data["checklist"]
    parsed = parse(invoke_ok(["advise", path, "--format", "markdown"]))
    assert parsed.tasks == expected_tasks(data)
    kinds = {f["kind"] for f in data["findings"]}
    assert parsed.headings == [
        ("h1", clean(data["event"]["name"])),
        *([("h2", "Colleagues")] if data["colleagues"] else []),
        *[("h2", title) for kind, title in KIND_TITLES if kind in kinds],
        *([("h2", "Schedule")] if data["schedule"] else []),
        ("h2", "Checklist"),
        *phase_headings(data),
        *([("h2", "Who covers whom")] if data["targets"] else []),
    ]
    check_structure(
        parsed,
        strong=[
            f"Verdict: {data['verdict']}.",
            *[c["recommendation"].capitalize() + ":" for c in data["colleagues"]],
            *[f["rule"] for kind, _ in KIND_TITLES for f in data["findings"] if f["kind"] == kind],
        ],
        em=[f"Rules switched off: {', '.join(data['rules_off'])}."] if data["rules_off"] else [],
    )
    others = parsed.other_items
    if data["event"]["venue"] is not None:
        assert "Venue: " + clean(data["event"]["venue"]) in others
    for c in data["colleagues"]:
        assert any(clean(c["name"]) in item for item in others), c["name"]
    for f in data["findings"]:
        assert any(item.endswith(clean(f["message"])) for item in others), f["message"]


def hostile_event(h: str) -> dict[str, Any]:
    """An event where `h` reaches every piece of input text that markdown shows."""
    return {
        "event": {
            "name": f"Expo {h}",
            "kind": "trade-show",
            "venue": f"Hall {h}",
            "topics": [f"topic {h}"],
            "new_contacts_goal": 2,
        },
        "me": {"name": f"Me {h}", "new_to": ["sales", "networking"]},
        "colleagues": [
            {"name": f"Ann {h}", "expertise": [f"topic {h}"]},
            {"name": f"Bob {h}", "style": "supporter"},
            {"name": f"Cal {h}", "style": "socializer", "close_friend": True},
            {"name": f"Dee {h}", "style": "reluctant", "knows": [f"{h} target"]},
            {"name": f"Eve {h}", "knows": [f"Plain {h}"]},
        ],
        "targets": [
            {
                "name": f"{h} target",
                "company": f"{h} Inc",
                "title": f"Head of {h}",
                "priority": "high",
                "interests": [f"topic {h}"],
                "notes": f"{h} / {h}",
            },
            {"name": f"Plain {h}", "notes": h, "priority": "low"},
            {"name": f"Third {h}", "company": h, "interests": [h]},
        ],
    }


def write_event(folder: Path, data: dict[str, Any]) -> str:
    path = folder / "event.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return str(path)


EXAMPLES = [str(p.relative_to(REPO)) for p in example_files()]
CHECKS: dict[str, Callable[[str], None]] = {"checklist": check_checklist, "advise": check_advise}


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_examples(example: str, check: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    CHECKS[check](example)


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize(
    "hostile", [*HOSTILE, ALL_AT_ONCE], ids=[*(repr(h)[:32] for h in HOSTILE), "all-at-once"]
)
def test_hostile_text(hostile: str, check: str, tmp_path: Path) -> None:
    path = write_event(tmp_path, hostile_event(hostile))
    CHECKS[check](path)


def test_hostile_event_reaches_every_kind_of_item(tmp_path: Path) -> None:
    """Guard for the table above: the hostile event really puts input text in the checklist."""
    h = "<b>x</b>"
    data = advise_json(write_event(tmp_path, hostile_event(h)))
    texts = [i["text"] for i in data["checklist"]]
    assert {c["recommendation"] for c in data["colleagues"]} == {"bring", "leave"}
    assert sum(h in t for t in texts) >= 6
    assert any(t.startswith("Remind ") for t in texts)
    assert any(t.startswith("Tell ") for t in texts)
    assert any("introduce" in t or "introduction" in t for t in texts)
    assert {i["target"] for i in data["checklist"]} >= {f"{h} target", f"Plain {h}"}


def test_several_inputs_one_task_list_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    hostile = write_event(tmp_path, hostile_event(ALL_AT_ONCE))
    files = [*EXAMPLES, hostile]
    parsed = parse(invoke_ok(["checklist", *files]))
    expected = [task for f in files for task in expected_tasks(checklist_json(f))]
    assert parsed.tasks == expected
    assert [t.type for t in parsed.tokens].count("hr") == len(files) - 1


def test_linkify_finds_no_links(tmp_path: Path) -> None:
    """GitHub also turns bare URLs, www. names and e-mail addresses into links."""
    pytest.importorskip("linkify_it")
    linkish = [h for h in HOSTILE if any(x in h for x in ("http", "www", "@", ".com"))]
    assert len(linkish) >= 5
    for n, hostile in enumerate([*linkish, ALL_AT_ONCE]):
        folder = tmp_path / str(n)
        folder.mkdir()
        path = write_event(folder, hostile_event(hostile))
        for args in (["checklist", path], ["advise", path, "--format", "markdown"]):
            tokens = parse(invoke_ok(args), linkify=True).tokens
            assert not [t for t in tokens if t.type in ("link_open", "image")], (hostile, args)


def test_linkify_parser_does_link_bare_urls() -> None:
    """The check above is worth something only if this parser links what GitHub links."""
    pytest.importorskip("linkify_it")
    raw = "- [ ] see https://evil.example/x, www.evil.com, evil.com/path and user@evil.com\n"
    tokens = parse(raw, linkify=True).tokens
    assert [t.type for t in tokens].count("link_open") == 4


def test_parser_sees_unescaped_markup() -> None:
    """The checks are worth something only if the parser flags what md() must prevent."""
    raw = "- [ ] **b** [l](http://x) <b>h</b> `c` ~~s~~\n- [x] done\n# h\n"
    parsed = parse(raw)
    types = {t.type for t in parsed.tokens}
    assert {"strong_open", "link_open", "code_inline", "s_open"} <= types
    assert len(parsed.tasks) == 2
    assert parsed.tasks[1][0] is True
    assert ("h1", "h") in parsed.headings


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40))
def test_md_keeps_any_text_literal(s: str) -> None:
    parsed = parse(f"- [ ] Meet {md(s)}.\n")
    assert parsed.tasks == [(False, f"Meet {clean(s)}.")]
    assert {t.type for t in parsed.tokens} <= ALLOWED_TYPES - {"strong_open", "em_open"}


MARKUP = "\\`*_[]()<>|~&$#@!:./-+=\"' \nxhw"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=MARKUP, min_size=1, max_size=30))
def test_md_keeps_markup_characters_literal(s: str) -> None:
    parsed = parse(f"- [ ] Meet {md(s)}.\n", linkify=_has_linkify())
    assert parsed.tasks == [(False, f"Meet {clean(s)}.")]
    assert {t.type for t in parsed.tokens} <= ALLOWED_TYPES - {"strong_open", "em_open"}


def _has_linkify() -> bool:
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


# --- GitHub's own renderer: cmark-gfm, with its autolink extension ---------------------

# What GitHub's autolinker takes that stricter parsers leave alone: "www." before
# "%" or "-", an address whose domain starts with "-", "_" or ".".
GFM_LINKISH = [
    "portal: www.%65vil%2Eexample/login",
    "www.-evil.example",
    "www.)",
    "mail ceo@-evil.example",
    "a@_b.example and a@.b.example",
    "xmpp:a@-b.example/r",
    "https://evil.example/x and ftp://evil.example",
    "evil@example.com",
]


def gfm_html(markdown_text: str) -> str:
    import cmarkgfm
    from cmarkgfm.cmark import Options

    return cmarkgfm.github_flavored_markdown_to_html(
        markdown_text, options=Options.CMARK_OPT_UNSAFE
    )


def test_cmark_gfm_links_these_when_written_raw() -> None:
    """The checks below are worth something only if this renderer links the raw text."""
    pytest.importorskip("cmarkgfm")
    for raw in GFM_LINKISH:
        assert "<a " in gfm_html(f"- [ ] Meet {raw}.\n"), raw


@pytest.mark.parametrize("raw", GFM_LINKISH)
def test_cmark_gfm_links_nothing_md_wrote(raw: str) -> None:
    pytest.importorskip("cmarkgfm")
    html = gfm_html(f"- [ ] Meet {md(raw)}.\n")
    assert "<a " not in html, html


LINK_PARTS = ["www", "WWW", ".", "%", "-", "_", "@", "a", "b7", ":", "/", "http", "s", " ", ")"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINK_PARTS), min_size=1, max_size=12).map("".join))
def test_cmark_gfm_links_nothing_in_any_text(s: str) -> None:
    pytest.importorskip("cmarkgfm")
    html = gfm_html(f"- [ ] Meet {md(s)}.\n")
    assert "<a " not in html, (s, html)
    assert "<img" not in html, (s, html)


def test_a_whole_checklist_links_nothing_under_cmark_gfm(tmp_path: Path) -> None:
    pytest.importorskip("cmarkgfm")
    for n, hostile in enumerate([*GFM_LINKISH, ALL_AT_ONCE]):
        folder = tmp_path / str(n)
        folder.mkdir()
        path = write_event(folder, hostile_event(hostile))
        for args in (["checklist", path], ["advise", path, "--format", "markdown"]):
            html = gfm_html(invoke_ok(args))
            assert "<a " not in html, (hostile, args)
