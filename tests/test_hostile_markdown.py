"""Markdown that stays plain on GitHub: no mention, issue link, commit link or emoji from a name.

GitHub's renderer is not available here, so these tests do what GitHub documents it
does ("Autolinked references and URLs"): after rendering, it scans the *text* of the
HTML, one text node at a time, for @mentions and @org/team, #123, GH-123,
owner/repo#123 and user#123, commit SHAs of 7 to 40 hex digits, and :emoji: codes.
A backslash escape does not survive rendering (the text node still reads "@name";
github/markup#1168, github/cmark-gfm#181), so `md()` splits such text with an empty
HTML comment: invisible, and it leaves no text node that matches.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.tasklists import tasklists_plugin

from netplan.engine import make_plan
from netplan.report import Options, markdown
from netplan.safety import md
from tests.conftest import make_event

# What GitHub links in the text of rendered HTML (case-insensitive, as GitHub is).
GITHUB_REFERENCES = {
    "mention": re.compile(r"(?:^|[^\w`])@[a-z0-9][a-z0-9-]*", re.I),
    "issue": re.compile(r"#[0-9]+", re.I),
    "gh-issue": re.compile(r"\bgh-[0-9]+", re.I),
    "commit": re.compile(r"\b[0-9a-f]{7,40}\b", re.I),
    "emoji": re.compile(r":[a-z0-9_+-]+:", re.I),
}

NAMES = [
    "@octocat",
    "Ping @github/security now",
    "see #123",
    "GH-123 fixed",
    "gh-9",
    "octo-org/octo-repo#42",
    "jlord#26",
    "jlord@a5c3785ed8d6a35868bc169f07e40e889087fd2e",
    "jlord/sheetsee.js@a5c3785",
    "a5c3785ed8d6a35868bc169f07e40e889087fd2e",
    "deadbeef",
    "Room 5551234",
    ":smile: and :+1: and :thumbs_up:",
    "x:tada:y:tada:",
    "@@double and ##1 and ::wave::",
]


class _TextNodes(HTMLParser):
    """The text nodes of an HTML fragment, as an HTML parser sees them (a comment
    ends one). GitHub never links text inside a link, code or pre: such text is kept
    apart, in `inert`."""

    INERT = ("a", "code", "pre")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.inert: list[str] = []
        self.current: list[str] = []
        self.open_inert: list[str] = []

    def _end_node(self) -> None:
        if self.current:
            (self.inert if self.open_inert else self.nodes).append("".join(self.current))
            self.current = []

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        self._end_node()
        if tag in self.INERT:
            self.open_inert.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self._end_node()
        if tag in self.INERT and self.open_inert:
            self.open_inert.pop()

    def handle_comment(self, _data: str) -> None:
        self._end_node()

    def handle_data(self, data: str) -> None:
        self.current.append(data)

    def close(self) -> None:
        super().close()
        self._end_node()


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(tasklists_plugin)


def text_nodes(markdown_text: str) -> _TextNodes:
    parser = _TextNodes()
    parser.feed(_renderer().render(markdown_text))
    parser.close()
    return parser


def references(markdown_text: str) -> list[tuple[str, str]]:
    """What GitHub would link in this markdown: (kind, text) pairs."""
    found = []
    for node in text_nodes(markdown_text).nodes:
        for kind, pattern in GITHUB_REFERENCES.items():
            found += [(kind, m.group()) for m in pattern.finditer(node)]
    return found


def visible_text(markdown_text: str) -> str:
    return "".join(text_nodes(markdown_text).nodes)


def test_the_checks_catch_what_github_links() -> None:
    """Without md(), every name here is a reference; a backslash alone does not help."""
    for name in NAMES:
        assert references(f"- [ ] Meet {name}.\n"), name
    assert references("- [ ] Meet \\@octocat about \\#12.\n") == [
        ("mention", " @octocat"),
        ("issue", "#12"),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_a_reference_in_a_name_renders_as_written_and_links_nothing(name: str) -> None:
    line = f"- [ ] Meet {md(name)}.\n"
    assert references(line) == []
    assert visible_text(line).strip() == f"Meet {name}."
    assert text_nodes(line).inert == []


@pytest.mark.parametrize("name", NAMES)
def test_whole_reports_link_nothing_from_names(name: str) -> None:
    event = make_event(
        event={"name": f"Expo {name}", "venue": name, "topics": [name]},
        colleagues=[{"name": f"Ann {name}", "expertise": [name], "knows": [f"T {name}"]}],
        targets=[{"name": f"T {name}", "company": name, "notes": name, "interests": [name]}],
    )
    plan = make_plan(event)
    for options in (Options(), Options(checklist_only=True)):
        rendered = markdown.render([plan], options)
        linked = [
            (kind, text) for kind, text in references(rendered) if name in text or text in name
        ]
        assert linked == [], rendered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alice Smith", "Alice Smith"),
        ("Zoë Ångström, CFO", "Zoë Ångström, CFO"),
        ("Meet at 10:30 in hall B", "Meet at 10:30 in hall B"),
        ("C# and F# users", "C\\# and F\\# users"),
        ("Q3 2027 budget", "Q3 2027 budget"),
        ("room 12", "room 12"),
    ],
)
def test_ordinary_text_stays_readable(text: str, expected: str) -> None:
    assert md(text) == expected


def test_the_split_is_an_empty_comment_not_a_character() -> None:
    """No zero-width or other character is added: the text GitHub shows is the name."""
    escaped = md("@octocat")
    assert escaped == "\\@<!-- -->octocat"
    assert not set(escaped) & {"\u200b", "\u200c", "\u200d", "\u2060"}
    assert visible_text(f"- [ ] {escaped}\n").strip() == "@octocat"


REFERENCE_ALPHABET = "@#:/-_+. abcdefGHxyz0123456789"


@given(st.text(alphabet=REFERENCE_ALPHABET, min_size=1, max_size=60))
def test_generated_reference_lookalikes_link_nothing(s: str) -> None:
    line = f"- [ ] Meet {md(s)}.\n"
    assert references(line) == []
    assert visible_text(line).strip() == f"Meet {s}."
