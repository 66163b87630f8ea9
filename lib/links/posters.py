"""QR codes and printable posters for a community's short link (cellar door, tastings, trade fairs).

Fonts: the posters use the PDF's built-in Helvetica in the Windows-1252 (WinAnsi) encoding, so they print
the same on any machine without a font file. That covers French and most Western European text
(é, à, ç, œ, €, « », ’). Other characters are approximated without their accents when possible
(ł → l is not possible, ő → o is); letters that cannot be approximated print as "?", and other symbols
(emoji) are left out.

Text typed by users only ever goes through fpdf2's plain text calls (no markdown, no HTML).
"""

from __future__ import annotations

import io
import re
import unicodedata

import segno
from fpdf import FPDF

from lib.i18n import TranslatedError, t

SIZES = {"A4": (210.0, 297.0), "A6": (105.0, 148.0)}  # portrait width, height in mm (ISO 216)
_ENCODING = "windows-1252"
_QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


class PosterError(TranslatedError, ValueError):
    """A poster that cannot be made; ``message`` says why in the user's language."""

    prefix = "invitations.error."


def default_line(language: str | None = None) -> str:
    """The catalog's invitation line for a poster ("Rejoignez notre cercle de dégustation")."""
    return t("invitations.poster_line", language=language)


def qr_png(url: str, scale: int = 10) -> bytes:
    """A PNG of the QR code for ``url``: error correction Q, quiet zone kept, ``scale`` pixels per module."""
    return _save(_qr(url), kind="png", scale=scale)


def qr_svg(url: str) -> bytes:
    """An SVG of the QR code for ``url`` (UTF-8 bytes): error correction Q, quiet zone kept, 1 unit per module."""
    return _save(_qr(url), kind="svg", scale=1)


def poster_pdf(community_name: str, short_url: str, line: str, *, size: str = "A4", alcohol: bool) -> bytes:
    """A one-page PDF poster: the community name large, the QR code, the short URL and ``line``.

    - ``size="A4"``: a portrait sheet to pin up, everything centred.
    - ``size="A6"``: a portrait table tent, folded across the middle (dashed fold line). The content sits
      upright on the lower half, which becomes the front once folded; the upper half (the back) stays blank.
    - ``alcohol``: the Loi Evin health warning at the bottom.

    The short URL is printed without ``https://`` so it is easy to type; the QR code holds ``short_url``
    exactly. Raises ``PosterError`` for an unknown size, an empty name or a link that is not http(s).
    """
    if size not in SIZES:
        raise PosterError("bad_size", size=size)
    if not re.fullmatch(r"https?://\S+", short_url or ""):
        raise PosterError("bad_link", link=short_url)
    name = _printable(community_name)
    if not name:
        raise PosterError("empty_name")
    shown_url = short_url.strip().removeprefix("https://").removeprefix("http://").rstrip("/")
    texts = {
        "name": name,
        "url": _printable(shown_url),
        "line": _printable(line),
        "warning": _printable(t("invitations.health_warning")) if alcohol else "",
    }
    pdf = FPDF(orientation="portrait", unit="mm", format=SIZES[size])
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_creator("Cercle")
    pdf.set_title(texts["name"])
    pdf.add_page()
    qr = qr_png(short_url, scale=20)
    if size == "A4":
        _lay_out_a4(pdf, texts, qr)
    else:
        _lay_out_table_tent(pdf, texts, qr)
    return bytes(pdf.output())


def _lay_out_a4(pdf: FPDF, texts: dict[str, str], qr: bytes) -> None:
    margin, width = 20.0, pdf.w - 40.0
    pdf.set_y(28)
    _write_fitted(pdf, texts["name"], x=margin, width=width, style="B", size=44, lines=2)
    pdf.ln(6)
    _write_fitted(pdf, texts["line"], x=margin, width=width, style="", size=22, lines=2)
    qr_side = 120.0
    top = max(pdf.get_y() + 10, 105.0)
    pdf.image(io.BytesIO(qr), x=(pdf.w - qr_side) / 2, y=top, w=qr_side, h=qr_side)
    pdf.set_y(top + qr_side + 6)
    _write_fitted(pdf, texts["url"], x=margin, width=width, style="B", size=24, lines=2)
    if texts["warning"]:
        pdf.set_y(pdf.h - 28)
        _write_fitted(pdf, texts["warning"], x=margin, width=width, style="", size=11, lines=2)


def _lay_out_table_tent(pdf: FPDF, texts: dict[str, str], qr: bytes) -> None:
    fold = pdf.h / 2
    pdf.set_draw_color(150)
    pdf.set_line_width(0.2)
    pdf.set_dash_pattern(dash=2, gap=2)
    pdf.line(0, fold, pdf.w, fold)
    pdf.set_dash_pattern()
    pdf.set_draw_color(0)

    # Lower half: QR code on the left, words on the right, warning across the bottom.
    margin, qr_side = 6.0, 42.0
    qr_top = fold + 8
    pdf.image(io.BytesIO(qr), x=margin, y=qr_top, w=qr_side, h=qr_side)
    column_x = margin + qr_side + 4
    column_width = pdf.w - column_x - margin
    pdf.set_y(qr_top + 2)
    _write_fitted(pdf, texts["name"], x=column_x, width=column_width, style="B", size=15, lines=3, align="L")
    pdf.ln(2)
    _write_fitted(pdf, texts["line"], x=column_x, width=column_width, style="", size=9, lines=3, align="L")
    # the short URL must be typed from the card: under the QR code, across the card, on one line
    pdf.set_y(qr_top + qr_side + 3)
    _write_fitted(pdf, texts["url"], x=margin, width=pdf.w - 2 * margin, style="B", size=10, lines=1, align="C")
    if texts["warning"]:
        pdf.set_y(pdf.h - 12)
        _write_fitted(pdf, texts["warning"], x=margin, width=pdf.w - 2 * margin, style="", size=6.5, lines=2)


def _write_fitted(pdf: FPDF, text: str, *, x: float, width: float, style: str, size: float, lines: int,
             align: str = "C") -> None:
    """Writes ``text`` as plain text in a box ``width`` wide, shrinking the font until it fits in ``lines``."""
    if not text:
        return
    pdf.set_font("Helvetica", style=style, size=size)
    while size > 6 and pdf.get_string_width(text) > width * lines * 0.8:
        size -= 1
        pdf.set_font_size(size)
    pdf.set_x(x)
    pdf.multi_cell(width, size * 0.45, text, align=align, new_x="LMARGIN", new_y="NEXT")


def _printable(text: str | None) -> str:
    """``text`` on one line, reduced to what the built-in Helvetica can print (see the module docstring)."""
    kept = []
    for char in " ".join((text or "").split()):
        if _encodable(char):
            kept.append(char)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        if base and _encodable(base):
            kept.append(base)
        elif unicodedata.category(char).startswith("L"):
            kept.append("?")
    return " ".join("".join(kept).split())


def _encodable(text: str) -> bool:
    try:
        text.encode(_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _qr(url: str) -> segno.QRCode:
    # Q keeps the code readable with a logo sticker or a wine stain; no boost keeps it predictable.
    return segno.make_qr(url, error="q", boost_error=False)


def _save(qr: segno.QRCode, **options: object) -> bytes:
    buffer = io.BytesIO()
    qr.save(buffer, border=_QUIET_ZONE, **options)
    return buffer.getvalue()
