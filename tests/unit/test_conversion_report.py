"""Review of issue 6's partner summary: names from files or typed by users, in any script, never break it."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from lib.conversions import report
from tests.support.conversions import sample_metrics as _metrics

HOSTILE = "🍷 酒庄 Château **gras** <b>x</b> \u202e\u0000 " + "Très-long-nom-sans-espace" * 20


def test_the_summary_survives_emoji_cjk_controls_and_endless_names():
    m = _metrics()
    m.communities = [replace(c, name=HOSTILE) for c in m.communities]
    m.sources = [{**s, "label": HOSTILE} for s in m.sources]
    pdf = report.summary_pdf(m, HOSTILE)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Château **gras** <b>x</b>" in text  # kept as text; the glyphs the PDF fonts lack are left out
