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
_ACTIVE = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff"
_UNSAFE = re.compile(f"[\x00-\x1f{_ACTIVE}\ud800-\udfff]")
# In JSON, C0 controls are escaped by the encoder (and surrogates cannot occur:
# source names are decoded first); the rest it would pass through.
_JSON_UNSAFE = re.compile(f"[{_ACTIVE}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# Characters that can start markup anywhere in a line. Input text never starts
# a line (it always follows "- [ ] ", "# " or our own words), so line-start
# syntax such as "1." or "-" needs no escape; "." and ":" are escaped only
# where they would make a bare domain or URL into a link.
_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&$#@]|\.(?=\w)|:(?=/)")


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
    """Untrusted text as literal GitHub-flavoured markdown inline content."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(), clean(s))


def text(s: str, style: str = "") -> Text:
    """Untrusted text as a rich `Text`: never parsed as markup or emoji codes."""
    from rich.text import Text

    return Text(clean(s), style=style)
