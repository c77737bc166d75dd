"""CSV for spreadsheets and CRM imports, safe against formula injection.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets (`=HYPERLINK(...)` from a name in
someone's export would run on the reader's machine). Such cells get a leading `'`,
which every spreadsheet shows as text and hides. Control characters are escaped
as everywhere else (`safety.clean`), so a cell cannot fake a row either.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

# (A tab or carriage return is escaped by `clean` first, so it can never lead.)
_FORMULA_START = ("=", "+", "-", "@")


def safe_cell(value: object) -> str:
    """Text a spreadsheet shows as written: controls made visible, and a leading
    apostrophe on anything it would run as a formula."""
    from netplan.safety import clean

    if value is None:
        return ""
    text = clean(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return out.getvalue()
