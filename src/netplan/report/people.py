"""How netplan read a contact or attendee list (`netplan people`), in every format."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from netplan.model.people import ListFile, Person
from netplan.report.csvout import to_csv
from netplan.report.json import Batched, compact, pieces
from netplan.safety import clean, json_inert

# The text report shows this many people per file; the other formats show them all.
ROWS_SHOWN = 10


def _person(p: Person) -> dict[str, Any]:
    return {
        "name": p.name,
        "email": p.email,
        "company": p.company,
        "title": p.title,
        "linkedin": p.linkedin,
        "line": p.line,
    }


def document(listed: ListFile) -> dict[str, Any]:
    """A list as JSON sees it; its people are turned into JSON a batch at a time (see
    `json_pieces`): the dicts of a whole list never exist at once."""
    return {
        "source": listed.source,
        "format": listed.format,
        "encoding": listed.encoding,
        "header_line": listed.header_line,
        "columns": dict(listed.columns),
        "ignored_columns": list(listed.ignored_columns),
        "people": Batched(listed.people, _person),
        "skipped": [{"line": s.line, "reason": s.reason} for s in listed.skipped],
        "warnings": list(listed.warnings),
    }


def json_pieces(files: Sequence[ListFile], single: bool) -> Iterator[str]:
    """The text of `dumps` of the documents (the one, when `single`; else an array), in
    pieces to write as they are made: a list of tiny rows makes JSON some 70 times its
    size, which is never held whole."""
    return pieces(document(files[0]) if single else list(map(document, files)))


def jsonl_pieces(files: Sequence[ListFile]) -> Iterator[str]:
    """One compact document per line, per file, in pieces as `json_pieces`."""
    for listed in files:
        yield from compact(document(listed))


def text(files: Sequence[ListFile]) -> str:
    out: list[str] = []
    for n, listed in enumerate(files):
        if n:
            out.append("")
        header = f"line {listed.header_line}" if listed.header_line else "no header line"
        out.append(
            f"{clean(listed.source)}: {listed.format}, {listed.encoding}, {header}; "
            f"{len(listed.people):,} people, {len(listed.skipped):,} rows skipped"
        )
        for field, column in listed.columns.items():
            out.append(f"  {field:<12} ← {clean(column)}")
        if listed.ignored_columns:
            shown = ", ".join(clean(c) for c in listed.ignored_columns[:12])
            more = len(listed.ignored_columns) - 12
            out.append(f"  ignored: {shown}" + (f" and {more} more" if more > 0 else ""))
        for p in listed.people[:ROWS_SHOWN]:
            bits = [x for x in (p.title, p.company) if x]
            where = f" ({clean(', '.join(bits))})" if bits else ""
            contact = f" <{clean(p.email)}>" if p.email else ""
            out.append(f"  {p.line:>6}  {clean(p.name or '(no name)')}{where}{contact}")
        if len(listed.people) > ROWS_SHOWN:
            out.append(f"  ... and {len(listed.people) - ROWS_SHOWN:,} more people")
        for s in listed.skipped[:ROWS_SHOWN]:
            out.append(f"  skipped line {s.line}: {clean(s.reason)}")
        out += [f"  warning: {clean(w)}" for w in listed.warnings]
    return "\n".join(out) + "\n"


CSV_COLUMNS = ("name", "email", "company", "title", "linkedin", "source", "line")


def csv_text(files: Sequence[ListFile]) -> str:
    return to_csv(
        CSV_COLUMNS,
        (
            [p.name, p.email, p.company, p.title, p.linkedin, f.source, p.line]
            for f in files
            for p in f.people
        ),
    )


def toml_text(files: Sequence[ListFile]) -> str:
    """[[targets]] blocks to paste into an event file (people without a name left out)."""
    import tomli_w

    blocks = []
    for f in files:
        for p in f.people:
            if not p.name:
                continue
            entry = {"name": p.name}
            entry |= {k: v for k, v in (("company", p.company), ("title", p.title)) if v}
            entry |= {k: v for k, v in (("email", p.email), ("linkedin", p.linkedin)) if v}
            blocks.append("[[targets]]\n" + tomli_w.dumps(entry))
    # tomli-w leaves bidi and C1 characters as they are; TOML's \u escapes keep the
    # same values without letting a terminal act on them.
    return json_inert("\n".join(blocks))
