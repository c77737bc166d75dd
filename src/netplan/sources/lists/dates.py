"""Dates as exports write them, to ISO 8601 (YYYY-MM-DD); None when unreadable."""

from __future__ import annotations

import re
from datetime import date

_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_BY_ABBREV = {m[:3]: i for i, m in enumerate(_MONTHS, 1)}

# Each pattern is anchored at the start and has no nested repetition; whatever
# follows the date (a time, a zone) is ignored.
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")  # 2024-05-30T18:04:05Z
_D_MON_Y = re.compile(r"(\d{1,2})[ ./-]?([A-Za-z]{3,9})\.?[ ./,-]{1,3}(\d{4}|\d{2})(?!\d)")
_MON_D_Y = re.compile(r"([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})(?!\d)")
_NUMERIC = re.compile(r"(\d{1,2})([/.])(\d{1,2})[/.](\d{4}|\d{2})(?!\d)")  # 1/8/18, 30.05.2024


def _month(word: str) -> int | None:
    w = word.casefold()
    n = _BY_ABBREV.get(w[:3])
    if n is None or not _MONTHS[n - 1].startswith(w):
        return None  # "Sept" and "September" are September; "Sepx" is nothing
    return n


def _year(digits: str) -> int:
    y = int(digits)
    if len(digits) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _iso(y: int, m: int | None, d: int) -> str | None:
    if m is None:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


# A date, with a time and a zone after it, is never longer: the rest is not read.
DATE_CHARS = 64


def iso_date(value: str) -> str | None:
    """`30 May 2024`, `09 Sep 2022`, `1/8/18, 6:14 PM`, `9-Sep-22`, `May 30, 2024`,
    `2024-05-30T18:04:05Z`, `30.05.2024` → '2024-05-30'-style; None otherwise.

    Slashed numeric dates are read month first, as US exports write them, unless
    the first number cannot be a month; dotted ones are read day first.
    """
    s = value.strip()[:DATE_CHARS]
    if not s or not s[0].isascii():
        return None
    if s[4:5] == "-" and s[7:8] == "-" and s[:4].isdigit():
        try:  # ISO 8601, as Luma and Eventbrite write timestamps: the fast path
            return date.fromisoformat(s[:10]).isoformat()
        except ValueError:
            pass
    if m := _YMD.match(s):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _D_MON_Y.match(s):
        return _iso(_year(m[3]), _month(m[2]), int(m[1]))
    if m := _MON_D_Y.match(s):
        return _iso(int(m[3]), _month(m[1]), int(m[2]))
    if m := _NUMERIC.match(s):
        a, b, year = int(m[1]), int(m[3]), _year(m[4])
        if m[2] == "." or a > 12:
            a, b = b, a  # day first
        return _iso(year, a, b)
    return None
