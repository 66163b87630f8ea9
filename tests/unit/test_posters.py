"""QR codes decode back to their link; posters are real PDFs with the right size and words."""

from __future__ import annotations

import io
import re
from xml.etree import ElementTree

import pypdf
import pytest
import zxingcpp
from PIL import Image, ImageDraw

from lib.i18n import set_language
from lib.links.posters import PosterError, default_line, poster_pdf, qr_png, qr_svg

WARNING = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."
SHORT_URL = "https://cercle.example/r/ab12"

URLS = [
    "https://cercle.example/r/ab12",
    "https://cercle.example/r/x?utm_source=salon&utm_medium=qr&utm_campaign=vinexpo-2027",
    "https://cercle.example/r/dégustation",
    "https://chat.whatsapp.com/" + "K" * 22,
]


def _decode(image: Image.Image) -> list[str]:
    return [barcode.text for barcode in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def _svg_to_image(svg: bytes, scale: int = 8) -> Image.Image:
    """Draws segno's SVG path (absolute M, relative m, horizontal h strokes of width 1) onto a bitmap."""
    root = ElementTree.fromstring(svg)
    width, height = int(root.get("width")), int(root.get("height"))
    path = root.find("{http://www.w3.org/2000/svg}path")
    image = Image.new("L", (width * scale, height * scale), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHhz])([-0-9. ]*)", path.get("d")):
        values = [float(n) for n in numbers.split()] if numbers.strip() else []
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            top = (y - 0.5) * scale
            draw.rectangle([x * scale, top, (x + values[0]) * scale - 1, top + scale - 1], fill=0)
            x += values[0]
    return image


@pytest.mark.parametrize("url", URLS)
def test_png_qr_code_decodes_to_the_exact_url(url):
    """A phone camera reading the PNG gets the link back character for character."""
    image = Image.open(io.BytesIO(qr_png(url)))
    assert _decode(image) == [url]


@pytest.mark.parametrize("url", URLS)
def test_svg_qr_code_decodes_to_the_exact_url(url):
    """The SVG, drawn as a browser would, reads back as the same link."""
    assert _decode(_svg_to_image(qr_svg(url))) == [url]


def test_qr_codes_keep_the_quiet_zone_and_use_error_correction_q():
    """Four white modules surround the code, and it survives a stain (level Q)."""
    image = Image.open(io.BytesIO(qr_png(SHORT_URL, scale=5))).convert("L")
    pixels = image.load()
    border = 4 * 5
    assert all(pixels[x, y] == 255 for x in range(image.width) for y in range(border))
    assert all(pixels[x, y] == 255 for x in range(border) for y in range(image.height))
    assert pixels[border, border] == 0  # the finder pattern starts right after the quiet zone
    barcode = zxingcpp.read_barcode(image)
    assert barcode.ec_level == "Q"


def test_png_scale_sets_pixels_per_module():
    """Doubling the scale doubles the image."""
    small = Image.open(io.BytesIO(qr_png(SHORT_URL, scale=4)))
    large = Image.open(io.BytesIO(qr_png(SHORT_URL, scale=8)))
    assert large.size == (small.width * 2, small.height * 2)


def _read(pdf: bytes) -> pypdf.PageObject:
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return reader.pages[0]


@pytest.mark.parametrize(("size", "width_mm", "height_mm"), [("A4", 210, 297), ("A6", 105, 148)])
def test_poster_is_a_one_page_pdf_of_the_right_paper_size(size, width_mm, height_mm):
    """A4 sheets and A6 table tents come out at their ISO size, in portrait."""
    page = _read(poster_pdf("Domaine des Tilleuls", SHORT_URL, "Rejoignez-nous", size=size, alcohol=False))
    points_per_mm = 72 / 25.4
    assert float(page.mediabox.width) == pytest.approx(width_mm * points_per_mm, abs=0.5)
    assert float(page.mediabox.height) == pytest.approx(height_mm * points_per_mm, abs=0.5)


@pytest.mark.parametrize("size", ["A4", "A6"])
def test_poster_prints_name_line_url_and_warning_with_accents(size):
    """The words a visitor reads are all there, accents intact, with the health warning for alcohol."""
    pdf = poster_pdf("Château Ménard — Cœur de Loire", SHORT_URL, "Rejoignez notre cercle de dégustation",
                     size=size, alcohol=True)
    text = " ".join(_read(pdf).extract_text().split())
    assert "Château Ménard — Cœur de Loire" in text
    assert "Rejoignez notre cercle de dégustation" in text
    assert "cercle.example/r/ab12" in text
    assert "https://" not in text  # printed short, easy to type
    assert WARNING in text


@pytest.mark.parametrize("size", ["A4", "A6"])
def test_poster_without_alcohol_has_no_health_warning(size):
    """A workspace that sells no alcohol does not print the Loi Evin mention."""
    text = _read(poster_pdf("Épicerie fine", SHORT_URL, "Bienvenue", size=size, alcohol=False)).extract_text()
    assert "Épicerie fine" in text
    assert "alcool" not in text


@pytest.mark.parametrize("size", ["A4", "A6"])
def test_poster_qr_code_decodes_to_the_short_url(size):
    """The code printed on the poster is the one for the short URL."""
    page = _read(poster_pdf("Domaine", SHORT_URL, "Bienvenue", size=size, alcohol=True))
    images = list(page.images)
    assert len(images) == 1
    assert _decode(images[0].image) == [SHORT_URL]


def test_default_line_is_translated():
    """The poster's invitation line comes from the catalog in both languages."""
    assert default_line("fr") == "Rejoignez notre cercle de dégustation"
    assert default_line("en") == "Join our tasting circle"


def test_user_text_is_printed_literally_not_as_markup():
    """Markdown or HTML typed in a name shows as typed; emoji are left out, not garbled."""
    name = "**Cave** <b>Dupont</b> 🍷"
    text = _read(poster_pdf(name, SHORT_URL, "__Salut__ [lien](x)", size="A4", alcohol=False)).extract_text()
    flat = " ".join(text.split())
    assert "**Cave** <b>Dupont</b>" in flat
    assert "__Salut__ [lien](x)" in flat
    assert "🍷" not in flat


def test_characters_outside_the_font_are_approximated():
    """Letters the built-in font lacks (ř, ź) lose their accent, or become "?" when they have no plain form."""
    text = _read(poster_pdf("Dvořák Łódź", SHORT_URL, "Bienvenue", size="A4", alcohol=False)).extract_text()
    assert "Dvorák ?ódz" in " ".join(text.split())


def test_long_names_stay_on_the_page():
    """A very long community name shrinks instead of running off the sheet or under the QR code."""
    name = "Les amis du Domaine de la Grande Colline et de ses vignes centenaires en coteaux " * 2
    page = _read(poster_pdf(name, SHORT_URL, "Bienvenue", size="A6", alcohol=True))
    assert WARNING in " ".join(page.extract_text().split())


@pytest.mark.parametrize(
    ("name", "url", "size", "code"),
    [("Domaine", SHORT_URL, "A5", "bad_size"), ("  ", SHORT_URL, "A4", "empty_name"),
     ("🍷", SHORT_URL, "A4", "empty_name"), ("Domaine", "cercle.example/r/a", "A4", "bad_link"),
     ("Domaine", "", "A6", "bad_link")],
)
def test_poster_refuses_unknown_size_empty_name_and_bad_link(name, url, size, code):
    """Refusals are translated sentences, not crashes from the PDF library."""
    set_language("fr")
    with pytest.raises(PosterError) as refused:
        poster_pdf(name, url, "Bienvenue", size=size, alcohol=False)
    assert refused.value.code == code
    assert "invitations.error" not in refused.value.message
