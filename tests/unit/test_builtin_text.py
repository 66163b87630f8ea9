"""Streamlit's own English words replaced by the catalog's, through a style sheet nothing outside the catalog enters."""

from __future__ import annotations

import pytest

from lib.ui.builtin_text import css_string, style_sheet


@pytest.mark.parametrize(("language", "words"), [
    ("fr", ("Choisir un fichier", "Glissez-déposez ici votre fichier, 50 Mo au plus", "Tout sélectionner")),
    ("en", ("Choose a file", "Drag and drop your file here, 50 MB at most", "Select all")),
])
def test_the_style_sheet_speaks_the_sessions_language(language, words):
    sheet = style_sheet(language, 50)
    assert sheet.startswith("<style>") and sheet.count("<") == 2  # the opening and closing tags only
    for word in words:
        assert f'content: "{word}"' in sheet


@pytest.mark.parametrize("hostile", ['"} body { display: none } p::after { content: "', "</style><script>x</script>",
                                     "back\\slash", "line\nbreak", "\x00nul"])
def test_a_catalog_string_can_never_end_the_string_the_rule_or_the_element(hostile):
    quoted = css_string(hostile)
    inner = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    assert not any(char in inner for char in '"<>\n\x00') and "\\\\" not in inner.replace("\\5c ", "")
