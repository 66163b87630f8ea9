"""Hostile and awkward files built in the test itself, so nothing large sits in the repository."""

from __future__ import annotations

import io
import zipfile

ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_archive(tables: str) -> bytes:
    """An ODS archive around hand-written table XML."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} '
        f'office:version="1.3"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>'
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def ods_repetition_bomb(rows: int = 999_990, repeated_columns: int = 199) -> bytes:
    """A tiny ODS whose one filled row is repeated ``rows`` times, each ``1 + repeated_columns`` cells wide:
    about 1.4 kB that a naive reader expands to 200 million cells (issue #13 item 3)."""
    cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
    header = "".join(cell.format(f"C{i}") for i in range(1, 4))
    filled = (cell.format("x") + f'<table:table-cell table:number-columns-repeated="{repeated_columns}" '
              'office:value-type="string"><text:p>y</text:p></table:table-cell>')
    return ods_archive(
        '<table:table table:name="Bombe">'
        f"<table:table-row>{header}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}">{filled}</table:table-row>'
        "</table:table>"
    )
