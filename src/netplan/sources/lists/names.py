"""People's names as lists write them, cleaned for matching.

LinkedIn members decorate their names: "Lee, CPA", "Dana (She/Her)", "Dana 🚀",
" Dana  ". A display name keeps all that (spacing tidied); the matching name drops
it. Every step is linear in the name, which is at most MAX_FIELD_CHARS long.
"""

from __future__ import annotations

import re
import unicodedata

from netplan.sources.lists.tally import tidy

# Credentials and generational suffixes written after a comma, compared upper-case
# without periods: "Ph.D." is "PHD".
_CREDENTIALS = frozenset(
    """
    CPA PHD MBA MD DO JD ESQ JR SR II III IV PMP CFA CFP CISSP PE RN NP DDS DMD DVM
    MS MSC MA BA BS BSC MPH MSW LCSW EDD CPCU SPHR PHR SHRM-CP SHRM-SCP CSM PSM CSPO
    SPC CIPP CIPM CISA CISM CCNA CCNP LLM LLB MFA MBBS FACS FACP FRSA OBE MBE CBE
    FCA ACA ACCA CIMA CMA CIA CFE EA CSCP CPIM CAPM PMI-ACP ITIL CPP CRISC CDMP CEng
    MENG BENG MED MBE DBA MAT MSN BSN DNP PHARMD CLU CHFC RICP CPM CCIM CRE ABR GRI
    """.upper().split()
)
_CREDENTIAL_SPLIT = re.compile(r"[\s,/&]+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_HONORIFICS = frozenset({"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx."})
_HONORIFICS |= {"prof", "prof.", "miss"}
_EDGES = " ,;:|-\u2013\u2014\u00b7\u2022/\r\n"
# Emoji pieces that are not "Symbol, other": joiners, variation selectors, the
# keycap, skin tones and the tag characters of subdivision flags.
_EMOJI_EXTRA = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f]")


def drop_emoji(s: str) -> str:
    """`s` without emoji and other pictographic symbols."""
    if s.isascii():
        return s
    s = _EMOJI_EXTRA.sub("", s)
    return "".join(ch for ch in s if ord(ch) < 0xA9 or unicodedata.category(ch) != "So")


def _is_credential(token: str, loose: bool) -> bool:
    norm = token.replace(".", "").upper()
    if norm in _CREDENTIALS:
        return True
    # After a full name, any short all-capitals word is a credential ("CSCP").
    return loose and token.isupper() and len(norm) <= 8


def is_credentials(tail: str, loose: bool = False) -> bool:
    """Whether `tail` (what follows a comma) is only credentials: "CPA", "PhD, MBA"."""
    tokens = [t for t in _CREDENTIAL_SPLIT.split(tail) if t]
    return bool(tokens) and all(_is_credential(t, loose) for t in tokens)


def strip_credentials(s: str, known_name: bool = False) -> str:
    """Credentials after a comma dropped: "Dana Lee, CPA, MBA" → "Dana Lee".

    `known_name`: what precedes the comma is known to be a name (not "Last, First"),
    so unfamiliar all-capitals words count as credentials too.
    """
    head, comma, tail = s.partition(",")
    if not comma:
        return s
    loose = known_name or len(head.split()) >= 2
    return head if is_credentials(tail, loose) else s


def _strip_honorific(s: str) -> str:
    first, space, rest = s.partition(" ")
    if space and first.casefold() in _HONORIFICS and " " in rest.strip():
        return rest
    return s


# Names `match_name` returns as they are: ASCII letters, digits, periods and
# apostrophes, with single spaces or hyphens between them, not starting with an
# honorific. Recognising them is one pattern, not the steps of `match_name`.
_UNCHANGED = re.compile(
    r"(?![DdMmPp](?i:r|rs?|s|x|rof|iss)\.?(?: |\Z))[A-Za-z0-9.']+(?:[ -][A-Za-z0-9.']+)*"
)
unchanged_by_match_name = _UNCHANGED.fullmatch


def match_name(name: str, known_name: bool = False) -> str:
    """The name to match on: no credentials, bracketed parts, emoji or stray spaces."""
    s = drop_emoji(name)
    if "(" in s or "[" in s or "{" in s:
        s = _BRACKETED.sub(" ", s)
    if "," in s:
        s = strip_credentials(s, known_name)
    if s[:1] in "DMPdmp":
        s = _strip_honorific(tidy(s))
    t = s.strip(_EDGES)
    return tidy(t)


def split_last_first(name: str) -> tuple[str, str] | None:
    """(first, last) when one name cell holds "Last, First"; None otherwise.

    One comma, one to three words on each side, no credential after it ("Lee, CPA"
    is a surname with a credential), no digit or "@" anywhere.
    """
    if name.count(",") != 1 or "@" in name or any(c.isdigit() for c in name):
        return None
    head, _, tail = name.partition(",")
    head_words, tail_words = head.split(), tail.split()
    if not 1 <= len(head_words) <= 3 or not 1 <= len(tail_words) <= 3:
        return None
    if is_credentials(tail):
        return None
    return " ".join(tail_words), " ".join(head_words)
