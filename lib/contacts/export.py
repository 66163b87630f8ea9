"""Exports that a spreadsheet cannot turn against its reader (docs/promises.md 15).

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so
Excel, LibreOffice and Google Sheets show it as text instead of running it. "Starts with" is read the way a
spreadsheet may read it: after any invisible or blank characters (zero-width spaces, byte-order mark, direction
marks, soft hyphen, spaces, line breaks) and with the full-width and small forms of the signs folded to the plain
ones (``＝ ＋ － ＠``, ``﹦ ﹢ ﹣ ﹫``, the minus sign ``−``). One exception, on purpose: a
value that is exactly an E.164 number (``+33612345678``) or a space-separated list of them is left as is.
It cannot call a function (it is only a signed integer to a spreadsheet), and WhatsApp/SMS tools that
re-read the file need the ``+``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_TRIGGERS = ("=", "+", "-", "@")
# Characters a spreadsheet may skip or fold before the first sign: format characters (zero-width, BOM, direction
# marks, soft hyphen...) and blanks; the minus sign is folded by hand (NFKC keeps it).
_SKIPPED_CATEGORIES = ("Cf", "Zs", "Zl", "Zp", "Cc", "Mn")
_E164_LIST = re.compile(r"^\+[1-9][0-9]{6,14}( \+[1-9][0-9]{6,14})*$")

EXPORT_COLUMNS = ("phone_e164", "other_phones", "first_name", "last_name", "email", "city", "postal_code",
                  "country", "interests", "budget_raw", "phone_type", "reach_whatsapp", "reach_telegram",
                  "reach_sms", "consent_whatsapp", "consent_sms", "consent_telegram", "consent_email",
                  "created_at")


def neutralise(value: object) -> str:
    """The text of ``value`` safe to open in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    text = str(value)
    if (text.startswith(_TRIGGERS) or _first_sign(text).startswith(_PLAIN_TRIGGERS)) and not _E164_LIST.match(text):
        return "'" + text
    return text


def _first_sign(text: str) -> str:
    """The first character a spreadsheet could take for a formula sign: invisible and blank characters skipped,
    full-width and small forms folded to the plain sign."""
    for character in text[:200]:
        if unicodedata.category(character) in _SKIPPED_CATEGORIES:
            continue
        return "-" if character == "\u2212" else unicodedata.normalize("NFKC", character)
    return ""


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads the accents) of neutralised cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(header: Sequence[str], rows: Iterable[Sequence[object]], sheet: str = "Contacts") -> bytes:
    """An XLSX workbook where every cell is text (never a formula), neutralised as in CSV."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet[:31])
    worksheet.append([neutralise(h) for h in header])
    for row in rows:
        worksheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def people_header(columns: Sequence[str], language: str | None = None) -> list[str]:
    """The export's header as a person reads it (« Téléphone », « Accord WhatsApp »), in ``language``. Files made
    in the browser use it; the CLI keeps the column names, for scripts and sending tools."""
    from lib.i18n import t

    return [t(f"col.{name}", language) for name in columns]


def people_rows(rows: Iterable[Sequence[object]], language: str | None = None) -> list[list[object]]:
    """Rows as a person reads them: « oui » / « non » for yes and no, dates in Paris time, nothing for nothing."""
    from lib.audit import local_time
    from lib.i18n import t

    yes, no = t("tables.yes", language), t("tables.no", language)

    def cell(value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, bool):
            return yes if value else no
        if isinstance(value, dt.datetime):
            return local_time(value)
        return value

    return [[cell(value) for value in row] for row in rows]
