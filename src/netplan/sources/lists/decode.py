"""Bytes → text: UTF-8 (with or without BOM), UTF-16, or a legacy single-byte file as cp1252.

Refuses what is not a text list (empty, binary, an Excel workbook) with one
located problem.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from netplan.errors import InputError, Problem

_SAVE_AS_CSV = "export or save it as CSV (UTF-8) and try again"

# File signatures of things people pick by mistake instead of the CSV export.
_SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx or .numbers workbook?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel .xls workbook"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Characters no text list contains many of: C0 controls other than tab, line
# feed, form feed and carriage return, DEL, C1 controls, and the replacement character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_SAMPLE = 64 * 1024
_MAX_CONTROL_SHARE = 0.10
# A legacy file is mostly ASCII (names and emails with a few accents); a file of
# mostly high bytes is binary, or text in an encoding that cannot be guessed.
_MAX_HIGH_SHARE = 0.30

# cp1252 leaves five bytes undefined; Windows maps them to the C1 code points of
# the same value, and so does this table (so decoding never fails).
_CP1252 = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _refuse(source: str, message: str, line: int | None = None) -> InputError:
    return InputError(source, [Problem(message, line=line)])


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NUL bytes sit at every other offset (mostly ASCII
    text in UTF-16 with no byte order mark), else None."""
    head = data[:4096]
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.4 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _decode_utf16(data: bytes, source: str, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        line = data[: e.start].decode(codec, errors="replace").count("\n") + 1
        msg = f"not valid UTF-16: bad bytes at offset {e.start}; {_SAVE_AS_CSV}"
        raise _refuse(source, msg, line) from None


def decode_bytes(data: bytes, source: str) -> Decoded:
    """The text of a list file and the encoding it was read with."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise _refuse(source, f"binary data, not a text list: {what}; {_SAVE_AS_CSV}", 1)
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
        text = _decode_utf16(data, source, "utf-16")
    elif (guess := _utf16_without_bom(data)) is not None:
        encoding = guess
        text = _decode_utf16(data, source, guess)
        warnings.append(f"decoded as {guess.upper()} (no byte order mark)")
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            msg = f"binary data, not a text list: a NUL byte at offset {nul}; {_SAVE_AS_CSV}"
            raise _refuse(source, msg, _line_at(data, nul))
        text, encoding, warning = _decode_8bit(data, source)
        if warning:
            warnings.append(warning)
    if "\x00" in text:
        at = text.index("\x00")
        msg = "binary data, not a text list: a NUL character after decoding"
        raise _refuse(source, f"{msg}; {_SAVE_AS_CSV}", text.count("\n", 0, at) + 1)
    sample = text[:_SAMPLE]
    controls = sum(1 for _ in _CONTROL.finditer(sample))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        msg = f"binary data, not a text list: {controls:,} control characters in the first "
        raise _refuse(source, f"{msg}{len(sample):,}; {_SAVE_AS_CSV}", 1)
    if not text or text.isspace():
        raise _refuse(source, "empty file: no header and no rows")
    return Decoded(text, encoding, tuple(warnings))


def _high_share_too_big(chunk: bytes) -> int | None:
    """The count of non-ASCII bytes when they are too many for a legacy text file."""
    head = chunk[:_SAMPLE]
    high = len(head) - len(head.translate(None, _HIGH))
    return high if high > _MAX_HIGH_SHARE * len(head) else None


_HIGH = bytes(range(128, 256))


def _not_text(source: str, high: int, total: int, line: int) -> InputError:
    msg = (
        f"not text in an encoding netplan can read: {high:,} of the first {total:,} "
        f"bytes are not ASCII and the file is not UTF-8; {_SAVE_AS_CSV}"
    )
    return _refuse(source, msg, line)


def _decode_8bit(data: bytes, source: str) -> tuple[str, str, str | None]:
    """UTF-8 (with or without BOM); else cp1252, for the whole file or, when the file
    is UTF-8 but for some lines, for those lines only."""
    bom = data.startswith(codecs.BOM_UTF8)
    utf8 = "utf-8-sig" if bom else "utf-8"
    try:
        return data.decode(utf8), utf8, None
    except UnicodeDecodeError as e:
        offset = e.start + 3 * bom
    body = data[3:] if bom else data
    if body.decode("utf-8", "replace").replace("\ufffd", "").isascii():
        # Not a single UTF-8 character: a legacy file throughout.
        if (high := _high_share_too_big(body)) is not None:
            raise _not_text(source, high, len(body[:_SAMPLE]), _line_at(data, offset))
        warning = (
            f"decoded as cp1252 (not UTF-8): byte 0x{data[offset]:02x} on line "
            f"{_line_at(data, offset)} is not UTF-8"
        )
        return codecs.charmap_decode(body, "strict", _CP1252)[0], "cp1252", warning
    # UTF-8 with some lines in cp1252 (rows pasted or appended from elsewhere).
    parts: list[str] = []
    legacy: list[bytes] = []
    first = _line_at(data, offset)
    for raw in body.splitlines(keepends=True):
        try:
            parts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(codecs.charmap_decode(raw, "strict", _CP1252)[0])
            legacy.append(raw)
    sample = b"".join(legacy[:1000])[:_SAMPLE]
    if (high := _high_share_too_big(sample)) is not None:
        raise _not_text(source, high, len(sample), first)
    warning = (
        f"decoded as cp1252 (not UTF-8) on {len(legacy):,} "
        f"{'line' if len(legacy) == 1 else 'lines'}, the first is line {first}; "
        "the rest is UTF-8"
    )
    return "".join(parts), utf8, warning
