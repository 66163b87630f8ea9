"""Reading the contact files marketers upload: CSV and other delimited text, Excel (.xlsx), LibreOffice
(.ods) and vCard (.vcf), into one plain table of text.

The content decides the format, never the file name: a zip archive is an XLSX or an ODS workbook
(by what it contains), ``BEGIN:VCARD`` starts a vCard file, anything else is delimited text. Every cell
comes out as ``str``; numbers stored as numbers lose no digit and gain no ``.0``; dates come out as ISO
text. When the text dialect (encoding, delimiter) is a guess, the table says so and lists the candidates,
so the page can ask the user instead of splitting the file wrongly.

Anything hostile or broken is refused with a ``ReadError`` whose ``message`` is a translated sentence:
size limits are checked first, archives are checked from their directory before anything is
decompressed, and XML carrying a DOCTYPE or ENTITY declaration is refused. No input makes this module
raise anything else or hang.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import math
import operator
import quopri
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from lib.i18n import TranslatedError, t

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("csv", "xlsx", "ods", "vcard")
DELIMITERS = (",", ";", "\t", "|")
KNOWN_EXPORTS = (
    "google_csv",
    "outlook_csv",
    "shopify_customers",
    "iphone_vcard",
    "apple_vcard",
    "android_vcard",
)

# Columns of a table read from vCard, in this order.
VCARD_COLUMNS = (
    "Nom complet",
    "Prénom",
    "Nom",
    "Téléphone",
    "E-mail",
    "Ville",
    "Code postal",
    "Pays",
    "Date de naissance",
    "Organisation",
    "Notes",
    "Catégories",
)
MULTI_VALUE_SEPARATOR = " ::: "  # Google Contacts' own separator for several values in one cell

_MIB = 1024 * 1024
_EXCEL_MAX_ROW = 1_048_576
_MAX_ZIP_ENTRIES = 10_000
_HEADER_LOOKAHEAD = 20  # non-blank rows examined to find the header below a title
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 200


@dataclass(frozen=True)
class ReadLimits:
    """What one upload may contain; anything beyond is refused with a ``ReadError``."""

    max_bytes: int = 50 * _MIB
    max_rows: int = 1_000_000
    max_columns: int = 200
    max_cell_chars: int = 10_000  # a longer cell is emptied and its row listed; the file is still read
    # Cells once repeats are unfolded (rows × width): an ODS declares repeats, so 1 kB can claim 200 million.
    max_cells: int = 20_000_000
    max_uncompressed_bytes: int = 100 * _MIB  # all entries of an XLSX/ODS archive together
    max_compression_ratio: float = 100.0  # for any archive entry above 1 MiB once decompressed


DEFAULT_LIMITS = ReadLimits()


class ReadError(TranslatedError):
    """A file Cercle refuses to read. ``code`` is stable; ``message`` is a sentence in the user's language."""

    prefix = "readers.error."

    @property
    def message(self) -> str:
        params = dict(self.params)
        key = f"readers.error.{self.code}"
        if self.code == "cell_too_long" and "column" not in params:
            key = "readers.error.cell_too_long_at_row"
        if self.code in _REPORT_CODES:
            key = f"importreport.error.{self.code}"
        if "kind" in params:
            params["kind"] = t(f"readers.kind.{params['kind']}")
        return t(key, **params)


_REPORT_CODES = frozenset({"too_many_cells", "cells_cut"})


@dataclass
class Table:
    """A contact file read as text: one header, rows of the same width, and how it was read.

    ``row_numbers[i]`` is where ``rows[i]`` is in the file: the line where the record starts in a text
    file (the first line is 1), the real sheet row in a workbook, the card's rank in a vCard file.
    ``confident`` is False when the text dialect was guessed among close candidates; ``alternatives`` then
    lists the (encoding, delimiter) pairs to offer the user, the chosen one first. ``warnings`` holds
    ``(code, params)`` pairs, each a sentence with ``t(f"readers.warning.{code}", **params)``.
    """

    columns: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    format: str
    encoding: str | None = None
    delimiter: str | None = None
    confident: bool = True
    alternatives: list[tuple[str, str | None]] = field(default_factory=list)
    known_export: str | None = None
    sheet_names: list[str] = field(default_factory=list)
    sheet: str | None = None
    header_row: int | None = None
    ragged_rows: list[int] = field(default_factory=list)
    warnings: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    cut_cells: list[tuple[int, str]] = field(default_factory=list)  # (row, column) of cells cut to the limit

    def to_frame(self) -> pd.DataFrame:
        """The rows as a DataFrame of ``str`` columns, indexed by the row number in the file."""
        import pandas as pd

        index = pd.Index(self.row_numbers, name="row_number", dtype="int64")
        return pd.DataFrame(self.rows, columns=self.columns, index=index, dtype=str)

    def warning_messages(self) -> list[str]:
        """The warnings as sentences in the current language."""
        return [t(("importreport.warning." if code in _REPORT_CODES else "readers.warning.") + code, **params)
                for code, params in self.warnings]


def describe_export(known_export: str) -> str:
    """The name of a recognised export ("export Google Contacts (CSV)") in the current language."""
    return t(f"readers.export.{known_export}")


def describe_dialect(encoding: str, delimiter: str | None) -> str:
    """A short sentence naming an (encoding, delimiter) pair for the page that asks the user to choose.

    The delimiter is None for a vCard file, where only the encoding is in question."""
    names = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
    encoding_text = t(f"readers.encoding.{encoding}")
    if encoding_text == f"readers.encoding.{encoding}":
        encoding_text = encoding
    if delimiter is None:
        return encoding_text
    delimiter_text = t(f"readers.delimiter.{names[delimiter]}") if delimiter in names else repr(delimiter)
    return t("readers.dialect", encoding=encoding_text, delimiter=delimiter_text)


def read_contacts_file(
    data: bytes,
    filename: str | None = None,
    *,
    limits: ReadLimits = DEFAULT_LIMITS,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> Table:
    """Reads an uploaded contact file into a ``Table``.

    ``data`` is the whole file; ``filename`` is only a hint (content decides the format). ``encoding``
    and ``delimiter`` force the text dialect (how the user answers when the reader was unsure); ``sheet``
    picks a workbook sheet by name instead of the first non-empty one. Raises ``ReadError`` for anything
    refused; never raises anything else.
    """
    try:
        return _read(bytes(data), filename or "", limits, encoding, delimiter, sheet)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(
            "too_large", size_mb=_megabytes(len(data)), limit_mb=_megabytes(limits.max_bytes)
        ) from None
    except Exception as exc:  # the promise is "never crash": anything unforeseen is an unreadable file
        raise ReadError("unreadable") from exc


# ---------------------------------------------------------------------------------------------------------
# Sniffing


def _read(data: bytes, filename: str, limits: ReadLimits, encoding, delimiter, sheet) -> Table:
    if len(data) > limits.max_bytes:
        raise ReadError("too_large", size_mb=_megabytes(len(data)), limit_mb=_megabytes(limits.max_bytes))
    if not data.strip(b" \t\r\n\x00") or data in (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        raise ReadError("empty_file")
    if data.startswith(b"PK\x03\x04"):
        return _read_archive(data, limits, sheet)
    _refuse_known_binaries(data)
    text, chosen_encoding, encoding_candidates, replaced = _decode(data, encoding)
    text = text.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        raise ReadError("empty_file")
    _refuse_markup(text)
    if _looks_binary(text):
        raise ReadError("unsupported_format", kind="binary")
    if text.lstrip()[:11].upper() == "BEGIN:VCARD":
        table = _read_vcard(text, limits)
        delimiter_candidates: list[str | None] = [None] if len(encoding_candidates) > 1 else []
    else:
        table, found = _read_delimited(text, filename, limits, delimiter)
        delimiter_candidates = list(found)
        if len(encoding_candidates) > 1 and not delimiter_candidates:
            delimiter_candidates = [table.delimiter]
    table.encoding = chosen_encoding
    if delimiter_candidates:
        table.confident = False
        table.alternatives = [(enc, delim) for enc in encoding_candidates for delim in delimiter_candidates]
        table.warnings.insert(0, ("dialect_unsure", {}))
    if replaced:
        table.warnings.append(("replaced_characters", {"count": replaced}))
    return table


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MAGIC_KINDS = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image"),
    (b"\xff\xd8\xff", "image"),
    (b"GIF87a", "image"),
    (b"GIF89a", "image"),
    (b"II*\x00", "image"),
    (b"MM\x00*", "image"),
    (b"\x1f\x8b", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"Rar!\x1a\x07", "archive"),
    (b"PK\x05\x06", "archive"),
    (b"{\\rtf", "word"),
)


def _refuse_known_binaries(data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        # Excel 97-2003 and password-protected OOXML are both OLE compound files; their stream names differ.
        if "EncryptedPackage".encode("utf-16-le") in data or "EncryptionInfo".encode("utf-16-le") in data:
            raise ReadError("encrypted")
        if "WordDocument".encode("utf-16-le") in data:
            raise ReadError("unsupported_format", kind="word")
        if "PowerPoint".encode("utf-16-le") in data:
            raise ReadError("unsupported_format", kind="presentation")
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
            raise ReadError("unsupported_format", kind="xls")
        raise ReadError("unsupported_format", kind="binary")
    for magic, kind in _MAGIC_KINDS:
        if data.startswith(magic):
            raise ReadError("unsupported_format", kind=kind)
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1") or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    ):
        raise ReadError("unsupported_format", kind="image")


def _refuse_markup(text: str) -> None:
    # Web apps often hand out an HTML table or Excel 2003 XML named ".xls".
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<table")):
        raise ReadError("unsupported_format", kind="html")
    if head.startswith("<?xml"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in text[:8192]:
            raise ReadError("unsupported_format", kind="spreadsheetml")
        raise ReadError("unsupported_format", kind="xml")


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\r\n\f") or "\x7f" <= ch <= "\x9f")
    return controls > max(2, len(sample) // 100)


def _megabytes(size: int) -> str:
    value = size / _MIB
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


# ---------------------------------------------------------------------------------------------------------
# Text: encoding


def _decode(data: bytes, forced: str | None) -> tuple[str, str, list[str], int]:
    """(text, encoding, candidate encodings when unsure, count of characters replaced)."""
    if forced:
        try:
            codecs.lookup(forced)
        except LookupError:
            raise ReadError("unreadable") from None
        try:
            return data.decode(forced), forced, [forced], 0
        except UnicodeDecodeError:
            text = data.decode(forced, errors="replace")
            return text, forced, [forced], text.count("\ufffd") - data.count("\ufffd".encode())
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_strict(data, name), name, [name], 0
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode_strict(data, utf16), utf16, [utf16], 0
    try:
        return data.decode("utf-8"), "utf-8", ["utf-8"], 0
    except UnicodeDecodeError:
        pass
    return _guess_single_byte(data)


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError("unreadable") from None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0)
    odd = sample[1 : pairs * 2 : 2].count(0)
    if odd > 0.3 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.3 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


# Single-byte encodings a French file may come in, most likely first.
_SINGLE_BYTE = ("cp1252", "latin-1", "cp850", "mac_roman")
_ACCENTED = set("àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæ")
_GOOD_LETTERS = _ACCENTED | {c.upper() for c in _ACCENTED} | {"ß"}
_GOOD_SYMBOLS = set("€’‘“”«»°–—…·²³½¼©®™£§µ\u00a0\u202f")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _plausibility(text: str) -> tuple[int, float]:
    """(implausible, plausible) counts of non-ASCII characters as French or Western text."""
    bad, good = 0, 0.0
    for match in _NON_ASCII.finditer(text):
        ch, at = match.group(), match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        if ch in _GOOD_LETTERS:
            upper_after_lower = ch.isupper() and before.isalpha() and before.islower()
            lower_inside_caps = ch.islower() and before.isupper() and after.isupper()
            if upper_after_lower or lower_inside_caps:
                bad += 1
            else:
                good += 1
        elif ch in _GOOD_SYMBOLS:
            if before.isalpha() and after.isalpha() and ch not in "’·":
                bad += 1
            else:
                good += 0.5
        else:
            bad += 1
    return bad, good


def _guess_single_byte(data: bytes) -> tuple[str, str, list[str], int]:
    names = list(_SINGLE_BYTE)
    try:
        data.decode("cp1252")  # the only candidate with undefined bytes; the others decode anything
    except UnicodeDecodeError:
        names.remove("cp1252")
    # Judged on a sample: decoding a 50 MB file four times over would cost more memory than it tells.
    sample = data[: 256 * 1024]
    texts = {name: sample.decode(name, errors="replace") for name in names}
    scores = {name: _plausibility(texts[name]) for name in names}
    ranked = sorted(names, key=lambda name: (scores[name][0], -scores[name][1], _SINGLE_BYTE.index(name)))
    best = ranked[0]
    best_bad, best_good = scores[best]
    others = [name for name in ranked[1:] if texts[name] != texts[best]]
    close = [name for name in others if scores[name][0] == 0 and scores[name][1] >= best_good]
    text = data.decode(best)
    if best_bad == 0 and not close:
        return text, best, [best], 0
    candidates = [best, *others[:2]]
    if b"\xc3" in sample or b"\xc2" in sample:  # mostly UTF-8 with a few stray bytes is also possible
        candidates.insert(1, "utf-8")
    return text, best, candidates, 0


# ---------------------------------------------------------------------------------------------------------
# Text: delimiter and records


@dataclass
class _DelimiterScore:
    delimiter: str
    first_split: bool  # the first non-blank line (header, or an Excel-padded title) has several fields
    fit: float  # share of non-blank lines from the header on with exactly the header's number of fields
    width: int


def _sniff_delimiter(text: str, filename: str) -> tuple[str, list[str]]:
    """The delimiter, and the candidates to offer when unsure (empty when sure)."""
    sample = text[:_SNIFF_CHARS]
    cut = len(text) > len(sample)
    present = [d for d in DELIMITERS if d in sample]
    scores = [s for s in (_score_delimiter(sample, d, cut) for d in present) if s]
    # One column is read by splitting on a character the sample does not contain.
    one_column = next((d for d in DELIMITERS if d not in present), ",")
    if not scores:
        return one_column, []
    preferred = "\t" if filename.lower().endswith((".tsv", ".tab")) else ""
    scores.sort(
        key=lambda s: (
            s.first_split,
            s.fit,
            s.width,
            s.delimiter == preferred,
            -DELIMITERS.index(s.delimiter),
        ),
        reverse=True,
    )
    best = scores[0]
    close = [s for s in scores[1:] if s.first_split == best.first_split and s.fit >= best.fit - 0.05]
    if best.first_split and best.fit >= 0.8 and not close:
        return best.delimiter, []
    candidates = [s.delimiter for s in [best, *(close or scores[1:])]]
    if not best.first_split:
        # Maybe a one-column file whose values contain the delimiter: keeping every line whole loses nothing.
        return one_column, [one_column, *candidates]
    return best.delimiter, candidates


def _score_delimiter(sample: str, delimiter: str, cut: bool) -> _DelimiterScore | None:
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter, strict=False)
    try:
        raw = list(itertools.islice(reader, _SNIFF_RECORDS))
    except csv.Error:
        return None
    if cut and len(raw) > 1:
        raw.pop()  # may have been cut in the middle
    records = [fields for fields in raw if any(f.strip() for f in fields)]
    if not records:
        return None
    header_at = _header_index(records)
    width = len(records[header_at])
    body = records[header_at:]
    fit = sum(1 for fields in body if len(fields) >= width and not any(fields[width:])) / len(body)
    coverage = sum(1 for fields in records if len(fields) > 1) / len(records)
    if width < 2 or fit < 0.5 or coverage < 0.5:
        return None
    # The header is split, or what sits above it is a title set apart by a blank line. Otherwise the unsplit
    # first line may be the real header of a one-column file whose values happen to contain the delimiter.
    header_position = next(i for i, fields in enumerate(raw) if fields is records[header_at])
    set_apart = header_at > 0 and not any(f.strip() for f in raw[header_position - 1])
    return _DelimiterScore(delimiter, len(records[0]) >= 2 or set_apart, fit, width)


def _read_delimited(
    text: str, filename: str, limits: ReadLimits, forced: str | None
) -> tuple[Table, list[str]]:
    """The table, and the delimiters to offer the user when the sniffer was unsure."""
    first_line_end = text.find("\n")
    first_line = text[: first_line_end if first_line_end >= 0 else len(text)].strip()
    skip_lines = 0
    if re.fullmatch(r"(?i)sep=.", first_line):  # Excel's own hint line
        forced = forced or first_line[4]
        skip_lines = 1
        text = text[first_line_end + 1 :] if first_line_end >= 0 else ""
    if forced:
        delimiter, candidates = forced, []
    else:
        delimiter, candidates = _sniff_delimiter(text, filename)
    state = _CsvState()
    table = _tabulate(_csv_records(text, delimiter, limits, skip_lines, state), limits, "csv", stretch=False)
    table.delimiter = delimiter
    if state.unclosed_quote_row:
        table.warnings.append(("unclosed_quote", {"row": state.unclosed_quote_row}))
    return table, candidates


_MAX_DELIMITERS_PER_LINE = 100_000


def _bounded_lines(text: str, delimiter: str, limits: ReadLimits) -> Iterator[str]:
    """The text's lines, refusing one so full of delimiters that splitting it would build millions
    of fields."""
    for line in io.StringIO(text, newline=""):
        if len(line) > _MAX_DELIMITERS_PER_LINE and line.count(delimiter) > _MAX_DELIMITERS_PER_LINE:
            count = _thousands(line.count(delimiter) + 1)
            raise ReadError("too_many_columns", count=count, limit=limits.max_columns)
        yield line


@dataclass
class _CsvState:
    unclosed_quote_row: int | None = None


def _csv_records(
    text: str, delimiter: str, limits: ReadLimits, skip_lines: int, state: _CsvState
) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(
        _bounded_lines(text, delimiter, limits), delimiter=delimiter, quotechar='"', strict=False
    )
    start = 1
    last: tuple[int, list[str]] | None = None
    try:
        for fields in reader:
            last = (start + skip_lines, fields)
            yield last
            start = reader.line_num + 1
    except csv.Error:  # only "field larger than field limit" can happen with strict=False
        raise ReadError(
            "cell_too_long", row=start + skip_lines, limit=_thousands(limits.max_cell_chars)
        ) from None
    if last and text.count('"') % 2 == 1 and any("\n" in f or "\r" in f for f in last[1]):
        # The last record runs over several lines and the quotes do not pair up: a quote was never closed.
        state.unclosed_quote_row = last[0]


# ---------------------------------------------------------------------------------------------------------
# Shaping records into a table


_PHONE_LIKE = re.compile(r"[+(]?[\d\s().\-/]{6,}")
_EMAIL_LIKE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_NUMBER_LIKE = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def _looks_like_contact(cell: str) -> bool:
    """An email address or a phone number: never a column name."""
    if _EMAIL_LIKE.fullmatch(cell):
        return True
    return bool(_PHONE_LIKE.fullmatch(cell)) and sum(ch.isdigit() for ch in cell) >= 6


def _filled(cells: list[str]) -> int:
    return sum(1 for c in cells if c.strip())


def _header_index(records: list[list[str]]) -> int:
    """Index of the header among non-blank records: the first with two or more filled cells, when a
    title (a single filled cell) sits above it; else the first record."""
    for index, cells in enumerate(records[:_HEADER_LOOKAHEAD]):
        if _filled(cells) >= 2:
            return index
    return 0


def _tabulate(
    records: Iterable[tuple[int, list[str]]], limits: ReadLimits, fmt: str, *, stretch: bool
) -> Table:
    """Finds the header, names the columns, and shapes every following non-blank record into a row.

    ``stretch`` (workbooks) widens the table for values right of the header; otherwise (text) such values
    are dropped and the row is reported as ragged, as are short rows.
    """
    iterator = iter(records)
    lookahead: list[tuple[int, list[str]]] = []
    for number, cells in iterator:
        if any(map(str.strip, cells)):
            lookahead.append((number, cells))
            if len(lookahead) >= _HEADER_LOOKAHEAD:
                break
    if not lookahead:
        raise ReadError("empty_file")
    header_at = _header_index([cells for _, cells in lookahead])
    header_row, header_cells = lookahead[header_at]
    filled = [c.strip() for c in header_cells if c.strip()]
    if any(_looks_like_contact(c) for c in filled) or all(_NUMBER_LIKE.fullmatch(c) for c in filled):
        raise ReadError("no_header")
    names = [" ".join(c.split()) for c in header_cells]
    while names and not names[-1]:
        names.pop()
    if len(names) > limits.max_columns:
        raise ReadError("too_many_columns", count=len(names), limit=limits.max_columns)
    _check_cells(names, header_row, names, limits)
    width = len(names)
    rows: list[list[str]] = []
    row_numbers: list[int] = []
    ragged: list[int] = []
    cut: list[tuple[int, str]] = []
    cells_read = 0
    for number, cells in itertools.chain(lookahead[header_at + 1 :], iterator):
        if not any(map(str.strip, cells)):
            continue
        if len(rows) >= limits.max_rows:
            raise ReadError("too_many_rows", limit=_thousands(limits.max_rows))
        if len(cells) > width:
            if any(map(str.strip, itertools.islice(cells, width, None))):
                if stretch:  # workbook rows are at most one past the column limit: a short loop
                    last_filled = max(i for i, c in enumerate(cells) if c.strip()) + 1
                    if last_filled > limits.max_columns:
                        raise ReadError("too_many_columns", count=last_filled, limit=limits.max_columns)
                    width = last_filled
                else:
                    ragged.append(number)
            row = cells[:width]
        else:
            row = list(cells)
            if len(cells) < width and not stretch:
                ragged.append(number)
        cells_read += max(len(row), width)
        if cells_read > limits.max_cells:
            raise ReadError("too_many_cells", count=f"{_thousands(limits.max_cells)}+",
                            limit=_thousands(limits.max_cells))
        _cut_cells(row, number, names, limits, cut)
        rows.append(row)
        row_numbers.append(number)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    columns, naming_warnings = _column_names(names + [""] * (width - len(names)))
    table = Table(columns=columns, rows=rows, row_numbers=row_numbers, format=fmt, header_row=header_row)
    if header_at:
        table.warnings.append(("header_below_title", {"row": header_row}))
    table.warnings.extend(naming_warnings)
    if ragged:
        preview = ", ".join(str(n) for n in ragged[:10]) + (", …" if len(ragged) > 10 else "")
        table.warnings.append(("ragged_rows", {"count": len(ragged), "rows": preview}))
        table.ragged_rows = ragged
    if cut:
        listed = ", ".join(str(number) for number, _ in cut[:10]) + (", …" if len(cut) > 10 else "")
        table.warnings.append(("cells_cut", {"count": len(cut), "rows": listed,
                                             "limit": _thousands(limits.max_cell_chars)}))
        table.cut_cells = cut
    table.known_export = _recognise_export(columns)
    return table


def _check_cells(cells: list[str], row: int, names: list[str], limits: ReadLimits) -> None:
    if not cells or max(map(len, cells)) <= limits.max_cell_chars:
        return
    index = next(i for i, value in enumerate(cells) if len(value) > limits.max_cell_chars)
    column = names[index] if index < len(names) and names[index] else f"Colonne {index + 1}"
    raise ReadError("cell_too_long", row=row, column=column[:80], limit=_thousands(limits.max_cell_chars))


def _cut_cells(cells: list[str], row: int, names: list[str], limits: ReadLimits, cut: list[tuple[int, str]]) -> None:
    """One over-long cell costs its own value, not the file: it is cut to the limit (the cleaning then
    refuses the value for its row, with the row listed) and noted in ``cut``."""
    if not cells or max(map(len, cells)) <= limits.max_cell_chars:
        return
    for index, value in enumerate(cells):
        if len(value) > limits.max_cell_chars:
            cells[index] = value[: limits.max_cell_chars]
            column = names[index] if index < len(names) and names[index] else f"Colonne {index + 1}"
            cut.append((row, column[:80]))


def _column_names(names: list[str]) -> tuple[list[str], list[tuple[str, dict[str, object]]]]:
    """Unique, non-blank names: blanks become "Colonne N", repeats get " (2)", " (3)"…"""
    warnings_: list[tuple[str, dict[str, object]]] = []
    blanks = 0
    columns: list[str] = []
    for index, name in enumerate(names):
        if not name:
            blanks += 1
            name = f"Colonne {index + 1}"
        columns.append(name)
    seen: Counter[str] = Counter()
    taken = set(columns)
    renamed = []
    for index, name in enumerate(columns):
        seen[name] += 1
        if seen[name] > 1:
            number = seen[name]
            while f"{name} ({number})" in taken:
                number += 1
            columns[index] = f"{name} ({number})"
            taken.add(columns[index])
            renamed.append(columns[index])
    if blanks:
        warnings_.append(("blank_column_names", {"count": blanks}))
    if renamed:
        warnings_.append(("duplicate_columns", {"names": ", ".join(renamed[:10])}))
    return columns, warnings_


def _recognise_export(columns: list[str]) -> str | None:
    names = {c.casefold() for c in columns}

    def has(*wanted: str) -> bool:
        return any(w.casefold() in names for w in wanted)

    if has("Phone 1 - Value", "E-mail 1 - Value") and has("Given Name", "First Name", "Name", "Labels"):
        return "google_csv"
    if has("E-mail Address") and has("Mobile Phone", "Home Phone", "Business Phone", "Primary Phone"):
        return "outlook_csv"
    if has("Accepts Email Marketing", "Accepts Marketing") and has(
        "Accepts SMS Marketing",
        "Total Spent",
        "Total Orders",
        "Default Address City",
        "Tax Exempt",
        "Customer ID",
    ):
        return "shopify_customers"
    return None


# ---------------------------------------------------------------------------------------------------------
# Archives: XLSX and ODS


_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_FORBIDDEN_XML = tuple(
    pattern
    for word in ("<!DOCTYPE", "<!ENTITY")
    for pattern in (word.encode(), word.encode("utf-16-le"), word.encode("utf-16-be"))
)


def _read_archive(data: bytes, limits: ReadLimits, sheet: str | None) -> Table:
    archive = _open_archive(data, limits)
    with archive:
        names = set(archive.namelist())
        mimetype = archive.read("mimetype")[:200].strip() if "mimetype" in names else b""
        if mimetype.startswith(_ODS_MIMETYPE):  # also "…-template" (.ots), read the same way
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise ReadError("encrypted")
            if "content.xml" not in names:
                raise ReadError("unreadable")
            with archive.open("content.xml") as content:
                return _read_ods(content, limits, sheet)
        if mimetype.startswith(b"application/vnd.oasis.opendocument"):
            kind = "presentation" if b"presentation" in mimetype else "word"
            raise ReadError("unsupported_format", kind=kind)
        if "xl/workbook.xml" in names:
            return _read_xlsx(data, limits, sheet)
        if "xl/workbook.bin" in names:
            raise ReadError("unsupported_format", kind="xlsb")
        if "word/document.xml" in names:
            raise ReadError("unsupported_format", kind="word")
        if "ppt/presentation.xml" in names:
            raise ReadError("unsupported_format", kind="presentation")
        if any(name.startswith("Index/") for name in names):
            raise ReadError("unsupported_format", kind="numbers")
        raise ReadError("unsupported_format", kind="archive")


def _open_archive(data: bytes, limits: ReadLimits) -> zipfile.ZipFile:
    """Opens a zip archive after checking its directory; decompresses nothing that the checks refuse."""
    # Counting directory signatures bounds the work zipfile does to parse the directory itself.
    if data.count(b"PK\x01\x02") > _MAX_ZIP_ENTRIES:
        raise ReadError("archive_bomb")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadError("unreadable") from None
    infos = archive.infolist()
    if len(infos) > _MAX_ZIP_ENTRIES:
        raise ReadError("archive_bomb")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError("encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ReadError("unreadable")
        total += info.file_size
        ratio_too_high = info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
        if info.file_size > _MIB and ratio_too_high:
            raise ReadError("archive_bomb")
    if total > limits.max_uncompressed_bytes:
        raise ReadError("archive_bomb")
    _refuse_xml_declarations(archive)
    return archive


def _refuse_xml_declarations(archive: zipfile.ZipFile) -> None:
    """Refuses any entry with a DOCTYPE or ENTITY declaration: the parsers never meet an entity bomb.

    zipfile stops every entry at the size its directory declares, so this read is bounded by the
    total already checked.
    """
    overlap = max(len(p) for p in _FORBIDDEN_XML)
    for info in archive.infolist():
        if info.is_dir():
            continue
        try:
            with archive.open(info) as entry:
                tail = b""
                while chunk := entry.read(_MIB):
                    window = (tail + chunk).upper()
                    if any(pattern in window for pattern in _FORBIDDEN_XML):
                        raise ReadError("archive_bomb")
                    tail = window[-overlap:]
        except (
            zipfile.BadZipFile,
            zlib.error,
            EOFError,
            OSError,
            ValueError,
            NotImplementedError,
            RuntimeError,
        ):
            raise ReadError("unreadable") from None


def _read_xlsx(data: bytes, limits: ReadLimits, sheet: str | None) -> Table:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheet_names = list(workbook.sheetnames)
        worksheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        if sheet is not None:
            order = [ws for ws in worksheets if ws.title == sheet]
            if not order:
                raise ReadError("sheet_not_found", sheet=sheet)
        else:
            visible = [ws for ws in worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
            order = visible + [ws for ws in worksheets if ws not in visible]
        for worksheet in order:
            claimed_width = worksheet.max_column or 0
            worksheet.reset_dimensions()  # the stored dimension may be wrong; read what is there
            records = _first_filled(_xlsx_records(worksheet, limits))
            if records is None and worksheet is not order[-1]:
                continue
            table = _tabulate(records or iter(()), limits, "xlsx", stretch=True)
            if claimed_width > limits.max_columns + 1:
                # Cells right of the limit are not read at all (that bounds the work); say so.
                table.warnings.append(("columns_beyond_limit", {"limit": limits.max_columns}))
            return _with_sheets(table, worksheet.title, sheet_names)
        raise ReadError("empty_file")
    finally:
        workbook.close()


def _with_sheets(table: Table, chosen: str, sheet_names: list[str]) -> Table:
    table.sheet_names = sheet_names
    table.sheet = chosen
    others = [name for name in sheet_names if name != chosen]
    if others:
        table.warnings.append(("other_sheets", {"sheet": chosen, "others": ", ".join(others[:10])}))
    return table


def _first_filled(records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]] | None:
    for number, cells in records:
        if _filled(cells):
            return itertools.chain([(number, cells)], records)
    return None


def _xlsx_records(worksheet, limits: ReadLimits) -> Iterator[tuple[int, list[str]]]:
    from openpyxl.cell.read_only import EMPTY_CELL

    blank = None  # openpyxl yields one shared tuple for every missing row: recognise it at once
    # Reading one column past the limit is enough to refuse too wide a sheet, and it bounds every row's size
    # whatever cell references the file claims.
    for number, cells in enumerate(worksheet.iter_rows(min_row=1, max_col=limits.max_columns + 1), start=1):
        if number > _EXCEL_MAX_ROW:
            raise ReadError("unreadable")
        if cells is blank:
            continue
        # Index of the last cell present, found without a Python-level loop over the padding.
        present = itertools.compress(
            range(len(cells) - 1, -1, -1), map(operator.is_not, reversed(cells), itertools.repeat(EMPTY_CELL))
        )
        last = next(present, -1) + 1
        if not last:
            blank = cells
            continue
        yield number, [_xlsx_text(cell) for cell in cells[:last]]


_PADDING_FORMAT = re.compile(r"[0#\s.\-]+")


def _xlsx_text(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        text = _number_text(value)
        if text.isdigit():
            # A phone typed as a number and shown with "0000000000" or "00 00 00 00 00" keeps its leading 0.
            shape = str(cell.number_format or "").split(";")[0].replace("\\", "").replace('"', "")
            if _PADDING_FORMAT.fullmatch(shape) and shape.count("0") > len(text):
                text = text.rjust(shape.count("0"), "0")
        return text
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _iso(value)
    return str(value)


def _number_text(value: int | float) -> str:
    """A stored number as a person would type it: no ".0", no exponent, no binary noise."""
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = repr(value)
    return format(Decimal(text), "f") if "e" in text else text


def _decimal_text(raw: str) -> str:
    """An ODF office:value ("612345678", "12.5", "6.1E8") as plain text; odd values stay as written."""
    try:
        number = Decimal(raw.strip())
    except InvalidOperation:
        return raw
    if not number.is_finite() or abs(number.adjusted()) > 30:
        return raw
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def _iso(value: dt.date | dt.time) -> str:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.time):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELL_TAGS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _read_ods(content, limits: ReadLimits, sheet: str | None) -> Table:
    """Streams content.xml: only the cell being read is held as XML, and repeated empty rows or cells
    (LibreOffice writes a million of them at the end of a sheet) are counted, never built."""
    sheet_names: list[str] = []
    chosen: str | None = None
    chosen_rows: list[tuple[int, list[str]]] = []
    current: list[str] = []
    pending_empty = 0
    row_number = 0
    in_chosen = False
    stack: list[ElementTree.Element] = []
    cell_depth = 0
    cell_elements = 0
    expanded = 0  # cells of the chosen sheet once repeats are unfolded (trailing empty ones never count)
    for event, element in ElementTree.iterparse(content, events=("start", "end")):
        tag = element.tag
        if event == "start":
            stack.append(element)
            if tag in _CELL_TAGS:
                cell_depth += 1
                cell_elements = 0
            elif cell_depth:
                cell_elements += 1
                if cell_elements > limits.max_cell_chars:  # each element adds at least one character or space
                    raise ReadError(
                        "cell_too_long",
                        row=row_number + 1,
                        column=f"Colonne {len(current) + pending_empty + 1}",
                        limit=_thousands(limits.max_cell_chars),
                    )
            elif tag == f"{_TABLE}table":
                name = element.get(f"{_TABLE}name") or f"Feuille {len(sheet_names) + 1}"
                sheet_names.append(name)
                row_number = 0
                in_chosen = chosen is None and (sheet is None or name == sheet)
            continue
        stack.pop()
        if tag in _CELL_TAGS:
            cell_depth -= 1
            if in_chosen and not cell_depth:
                value = _ods_cell_text(element)
                repeat = _repeat(element, f"{_TABLE}number-columns-repeated")
                if not value:
                    pending_empty += repeat
                else:
                    width = len(current) + pending_empty + repeat
                    if width > limits.max_columns:
                        raise ReadError("too_many_columns", count=width, limit=limits.max_columns)
                    current.extend([""] * pending_empty)
                    current.extend([value] * repeat)
                    pending_empty = 0
        elif tag == f"{_TABLE}table-row" and not cell_depth:
            repeat = _repeat(element, f"{_TABLE}number-rows-repeated")
            if in_chosen and current:
                if len(chosen_rows) + repeat > limits.max_rows + _HEADER_LOOKAHEAD:
                    raise ReadError("too_many_rows", limit=_thousands(limits.max_rows))
                # Counted before anything is unfolded: a repeated filled row costs rows × width cells later.
                expanded += len(current) * repeat
                if expanded > limits.max_cells:
                    raise ReadError("too_many_cells", count=_thousands(expanded),
                                    limit=_thousands(limits.max_cells))
                chosen_rows.extend((row_number + offset + 1, current) for offset in range(repeat))
            row_number += repeat
            current, pending_empty = [], 0
        elif tag == f"{_TABLE}table" and not cell_depth:
            if in_chosen and chosen_rows:
                chosen = sheet_names[-1]
            in_chosen = False
        if not cell_depth:
            element.clear()
            if stack:
                stack[-1].remove(element)  # the parent keeps no trace of what was read
    if sheet is not None and sheet not in sheet_names:
        raise ReadError("sheet_not_found", sheet=sheet)
    if chosen is None:
        raise ReadError("empty_file")
    table = _tabulate(iter(chosen_rows), limits, "ods", stretch=True)
    return _with_sheets(table, chosen, sheet_names)


def _repeat(element: ElementTree.Element, attribute: str) -> int:
    try:
        return max(1, int(element.get(attribute) or 1))
    except ValueError:
        return 1


def _ods_cell_text(cell: ElementTree.Element) -> str:
    kind = cell.get(f"{_OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        shown = _paragraphs(cell)
        raw = cell.get(f"{_OFFICE}value")
        if not raw:
            return shown
        number = _decimal_text(raw)
        digits = re.sub(r"[\s.\-]", "", shown)
        if (
            number.isdigit()
            and digits.isdigit()
            and len(digits) > len(number)
            and digits.lstrip("0") == number
        ):
            return digits  # shown with its leading zero ("06 12 34 56 78"): keep the zero
        return number
    if kind == "date":
        value = cell.get(f"{_OFFICE}date-value") or ""
        value = value.split(".")[0]
        return value[:10] if value.endswith("T00:00:00") else value
    if kind == "time":
        match = re.fullmatch(r"PT(\d+)H(\d+)M(\d+)(?:[.,]\d+)?S", cell.get(f"{_OFFICE}time-value") or "")
        return ":".join(f"{int(part):02d}" for part in match.groups()) if match else _paragraphs(cell)
    if kind == "boolean":
        return "TRUE" if (cell.get(f"{_OFFICE}boolean-value") or "").lower() == "true" else "FALSE"
    string_value = cell.get(f"{_OFFICE}string-value")
    return string_value if string_value is not None else _paragraphs(cell)


def _paragraphs(cell: ElementTree.Element) -> str:
    return "\n".join(_inline_text(p) for p in cell if p.tag in (f"{_TEXT}p", f"{_TEXT}h"))


def _inline_text(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{_TEXT}s":
            parts.append(" " * min(_repeat(child, f"{_TEXT}c"), 1000))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag != f"{_OFFICE}annotation":
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------------------
# vCard


_MOBILE_TYPES = {"cell", "mobile", "iphone"}
_MOBILE_LABEL = re.compile(r"(?i)mobile|portable|cell|gsm|iphone")
_VCARD_PROPERTIES = {
    "BEGIN",
    "END",
    "VERSION",
    "PRODID",
    "FN",
    "N",
    "TEL",
    "EMAIL",
    "ADR",
    "NOTE",
    "CATEGORIES",
    "BDAY",
    "ORG",
    "X-ABLABEL",
}


@dataclass
class _Property:
    group: str
    name: str
    params: dict[str, list[str]]
    value: str
    head: str


@dataclass
class _Card:
    number: int
    properties: list[_Property] = field(default_factory=list)


_MAX_CARD_PROPERTIES = 1000  # a real card has a few dozen; more only fills one cell past its limit


def _read_vcard(text: str, limits: ReadLimits) -> Table:
    rows: list[list[str]] = []
    card: _Card | None = None
    depth = 0
    prodids: set[str] = set()
    android = False
    version = ""
    for line in _vcard_lines(text):
        prop = _parse_vcard_line(line, limits, len(rows) + 1)
        if prop is None:
            continue
        if prop.name.startswith(("X-ANDROID", "X-SAMSUNG")):
            android = True
        elif prop.name == "BEGIN" and prop.value.strip().upper() == "VCARD":
            depth += 1
            if depth > 5:  # 2.1 allows a card inside a card (AGENT); no one nests deeper
                raise ReadError("unreadable")
            if depth == 1:
                if len(rows) >= limits.max_rows:
                    raise ReadError("too_many_rows", limit=_thousands(limits.max_rows))
                card = _Card(number=len(rows) + 1)
        elif prop.name == "END" and prop.value.strip().upper() == "VCARD":
            depth = max(0, depth - 1)
            if depth == 0 and card is not None:
                rows.append(_card_row(card, limits))  # the card's properties are dropped once it is a row
                card = None
        elif card is None or depth != 1:
            continue
        elif prop.name == "PRODID":
            if len(prodids) < 10:
                prodids.add(prop.value)
        elif prop.name == "VERSION":
            version = prop.value.strip()
        else:
            if len(card.properties) >= _MAX_CARD_PROPERTIES:
                raise ReadError(
                    "cell_too_long",
                    row=card.number,
                    column=prop.name,
                    limit=_thousands(limits.max_cell_chars),
                )
            card.properties.append(prop)
            if version == "2.1" and "CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE" in prop.head.upper():
                android = True  # the parameter order Android's own vCard writer uses
    if card is not None:  # a last card without END:VCARD still counts
        rows.append(_card_row(card, limits))
    if not rows:
        raise ReadError("empty_file")
    table = Table(
        columns=list(VCARD_COLUMNS),
        rows=rows,
        row_numbers=list(range(1, len(rows) + 1)),
        format="vcard",
    )
    table.known_export = _vcard_export(sorted(prodids), android)
    return table


def _vcard_export(prodids: list[str], android: bool) -> str | None:
    for prodid in prodids:
        lowered = prodid.lower()
        if "apple" in lowered:
            return "iphone_vcard" if ("iphone" in lowered or "ios" in lowered) else "apple_vcard"
        if "android" in lowered:
            return "android_vcard"
    return "android_vcard" if android else None


def _vcard_lines(text: str) -> Iterator[str]:
    """Logical lines: folded lines (a continuation starts with a space or tab) are joined, and so are
    quoted-printable soft line breaks (a line ending in "=")."""
    parts: list[str] = []
    qp = False
    # Only CR and LF end lines: str.splitlines() would also split on characters a NOTE may contain.
    for raw in io.StringIO(text, newline=""):
        raw = raw.rstrip("\r\n")
        if parts and raw[:1] in (" ", "\t"):
            parts.append(raw[1:])
            continue
        if parts and qp and parts[-1].endswith("="):
            parts[-1] = parts[-1][:-1]
            parts.append(raw)
            continue
        if parts:
            yield "".join(parts)
        parts = [raw]
        head = raw[: raw.find(":")] if ":" in raw else ""
        qp = "QUOTED-PRINTABLE" in head.upper()
    if parts:
        yield "".join(parts)


def _parse_vcard_line(line: str, limits: ReadLimits, card_number: int) -> _Property | None:
    colon = _unquoted_colon(line)
    if colon < 0:
        return None
    head, value = line[:colon], line[colon + 1 :]
    pieces = _split_params(head)
    group, _, name = pieces[0].strip().rpartition(".")
    name = name.upper()
    if name not in _VCARD_PROPERTIES and not name.startswith(("X-ANDROID", "X-SAMSUNG")):
        return None
    params: dict[str, list[str]] = {}
    for piece in pieces[1:]:
        key, sep, raw = piece.partition("=")
        if not sep:
            key, raw = ("ENCODING" if key.upper() in ("QUOTED-PRINTABLE", "BASE64") else "TYPE"), key
        values = [v.strip().strip('"') for v in raw.strip('"').split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    if len(value) > 8 * limits.max_cell_chars and name not in ("BEGIN", "END", "VERSION"):
        raise ReadError(
            "cell_too_long", row=card_number, column=name, limit=_thousands(limits.max_cell_chars)
        )
    encoding = {e.upper() for e in params.get("ENCODING", [])}
    if encoding & {"B", "BASE64"}:
        return None
    if "QUOTED-PRINTABLE" in encoding:
        value = _quoted_printable(value, (params.get("CHARSET") or ["utf-8"])[0])
    return _Property(group=group.upper(), name=name, params=params, value=value, head=head)


def _unquoted_colon(line: str) -> int:
    colon = line.find(":", 0, 2000)
    if colon < 0 or '"' not in line[:colon]:
        return colon
    quoted = False
    for index, ch in enumerate(line[:2000]):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return index
    return -1


def _split_params(head: str) -> list[str]:
    if '"' not in head:
        return head.split(";")
    pieces, current, quoted = [], [], False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return pieces


def _quoted_printable(value: str, charset: str) -> str:
    raw = quopri.decodestring(value.encode("utf-8", errors="replace"))
    try:
        text = raw.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")  # encoded line breaks (=0D=0A) inside a value


def _split_escaped(value: str, separator: str) -> list[str]:
    parts, current, index = [], [], 0
    while index < len(value):
        ch = value[index]
        if ch == "\\" and index + 1 < len(value):
            current.append(value[index : index + 2])
            index += 2
            continue
        if ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        index += 1
    parts.append("".join(current))
    return parts


_ESCAPE = re.compile(r"\\([\\;,:nN])")


def _unescape(value: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value).strip()


def _types(prop: _Property) -> set[str]:
    return {t_.lower() for t_ in prop.params.get("TYPE", [])}


def _is_preferred(prop: _Property) -> bool:
    return "pref" in _types(prop) or bool(prop.params.get("PREF"))


def _card_row(card: _Card, limits: ReadLimits) -> list[str]:
    if not card.properties:
        return [""] * len(VCARD_COLUMNS)
    labels = {p.group: p.value for p in card.properties if p.name == "X-ABLABEL" and p.group}
    by_name: dict[str, list[_Property]] = {}
    for prop in card.properties:
        by_name.setdefault(prop.name, []).append(prop)

    def first(name: str) -> _Property | None:
        props = by_name.get(name, [])
        preferred = [p for p in props if _is_preferred(p)]
        return (preferred or props or [None])[0]

    phones = []
    for rank, prop in enumerate(by_name.get("TEL", [])):
        number = _unescape(prop.value)
        if number.lower().startswith("tel:"):
            number = number[4:]
        if not number:
            continue
        mobile = bool(_types(prop) & _MOBILE_TYPES) or bool(_MOBILE_LABEL.search(labels.get(prop.group, "")))
        phones.append((not mobile, not _is_preferred(prop), rank, number))
    emails = [
        (not _is_preferred(p), rank, _unescape(p.value)) for rank, p in enumerate(by_name.get("EMAIL", []))
    ]
    n_prop = first("N")
    family, given = "", ""
    if n_prop:
        parts = _split_escaped(n_prop.value, ";") + ["", ""]
        family, given = _unescape(parts[0]), _unescape(parts[1])
    fn = first("FN")
    full_name = _unescape(fn.value) if fn else ""
    if not full_name:
        full_name = " ".join(part for part in (given, family) if part)
    city = postal = country = ""
    adr = first("ADR")
    if adr:
        parts = [_unescape(p) for p in _split_escaped(adr.value, ";")] + [""] * 7
        city, postal, country = parts[3], parts[5], parts[6]
    categories = []
    for prop in by_name.get("CATEGORIES", []):
        categories.extend(c for c in (_unescape(part) for part in _split_escaped(prop.value, ",")) if c)
    org = first("ORG")
    note = first("NOTE")
    bday = first("BDAY")
    row = [
        full_name,
        given,
        family,
        MULTI_VALUE_SEPARATOR.join(p[3] for p in sorted(phones)),
        MULTI_VALUE_SEPARATOR.join(e[2] for e in sorted(emails) if e[2]),
        city,
        postal,
        country,
        _vcard_date(bday.value) if bday else "",
        _unescape(_split_escaped(org.value, ";")[0]) if org else "",
        _unescape(note.value) if note else "",
        ", ".join(categories),
    ]
    _check_cells(row, card.number, list(VCARD_COLUMNS), limits)
    return row


def _vcard_date(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"--\d{4}", value):
        return f"--{value[2:4]}-{value[4:]}"
    match = re.match(r"(\d{4}-\d{2}-\d{2})T00:00:00", value)
    return match.group(1) if match else value
