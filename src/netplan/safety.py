"""The one place where untrusted text is made inert for a terminal or for markdown.

Every string that came from an input file (and every string built from one)
passes through here on its way to a human. JSON output does not: JSON
escaping already keeps the exact data, see `report.json`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls (newline included: all our output is one line per item), DEL,
# C1 controls, bidi embeddings/overrides/isolates and marks, line/paragraph
# separators, the BOM/zero-width no-break space, and lone surrogates (from
# file names that are not UTF-8), which no terminal or encoder can take.
ACTIVE = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
_UNSAFE = re.compile(f"[\x00-\x1f{ACTIVE}\ud800-\udfff]")
# In JSON, C0 controls are escaped by the encoder (and surrogates cannot occur:
# source names are decoded first); the rest it would pass through.
_JSON_UNSAFE = re.compile(f"[{ACTIVE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Characters that can start markup anywhere in a line. Input text never starts
# a line (it always follows "- [ ] ", "# " or our own words), so line-start
# syntax such as "1." or "-" needs no escape. A "." is escaped before a letter or
# digit (a bare domain) and after "www" (GitHub links "www." before almost anything,
# "%" and "-" included), and ":" before "/": a sentence's full stop stays as it is.
#
# GitHub also links references *after* rendering, in the text of the HTML:
# @mentions and @org/team, #123, GH-123, owner/repo#123, commit SHAs (7 to 40 hex
# digits), :emoji: codes, and e-mail addresses (a@-b.x too). A backslash cannot stop
# that (the text node still reads "@name"; github/markup#1168, github/cmark-gfm#181),
# so an empty HTML comment is put between the trigger and the rest: the rendered
# text is exactly the same, but it is split in two text nodes, neither of which
# matches. Every "@" gets one.
_BREAK = "<!-- -->"
_MD_TOKEN = re.compile(
    r"(?P<sha>(?<![0-9A-Za-z])[0-9A-Fa-f]{7,40}(?![0-9A-Za-z]))"
    r"|(?P<gh>(?<![0-9A-Za-z])[Gg][Hh]-(?=[0-9]))"
    r"|(?P<ref>#(?=[0-9])|@)"
    r"|(?P<emoji>:(?=[0-9A-Za-z_+-]++:))"
    r"|[\\`*_\[\]<>|~&$#]|\.(?=\w)|(?<=[Ww]{3})\.|:(?=/)"
)


def _md_piece(m: re.Match[str]) -> str:
    kind, piece = m.lastgroup, m.group()
    if kind == "sha":  # no part of 7 or more hex digits may stay whole
        return _BREAK.join(piece[i : i + 6] for i in range(0, len(piece), 6))
    if kind == "gh":
        return piece + _BREAK
    if kind == "ref":
        return "\\" + piece + _BREAK
    if kind == "emoji":
        return piece + _BREAK
    return "\\" + piece


def _show(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(s: str) -> str:
    """Replace control and bidi-override characters with a visible escape such as ``\\x1b``."""
    return _UNSAFE.sub(_show, s)


def json_inert(document: str) -> str:
    """A JSON document with terminal-active characters as \\u escapes: same data, safe to print."""
    if document.isascii() and "\x7f" not in document:
        return document  # the common case: nothing to find, skip the scan
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


def md(s: str) -> str:
    """Untrusted text as literal GitHub-flavoured markdown inline content: it renders as
    written, with no markup, link, mention, issue reference or emoji of its own."""
    return _MD_TOKEN.sub(_md_piece, clean(s))


def text(s: str, style: str = "") -> Text:
    """Untrusted text as a rich `Text`: never parsed as markup or emoji codes."""
    from rich.text import Text

    return Text(clean(s), style=style)
