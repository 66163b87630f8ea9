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


def test_tables_show_nothing_for_missing_values_and_yes_no_in_the_sessions_language():
    import pandas as pd

    from lib.i18n import set_language
    from lib.ui.tables import for_people

    frame = pd.DataFrame({"email": ["a@b.fr", None, float("nan")], "adult": [True, False, True],
                          "mixed": [True, None, "texte"], "count": [1, 2, 3]})
    set_language("fr")
    shown = for_people(frame)
    assert shown["email"].tolist() == ["a@b.fr", "", ""] and shown["adult"].tolist() == ["oui", "non", "oui"]
    assert shown["mixed"].tolist() == ["oui", "", "texte"] and shown["count"].tolist() == [1, 2, 3]
    set_language("en")
    try:
        assert for_people(frame)["adult"].tolist() == ["yes", "no", "yes"]
    finally:
        set_language("fr")
    assert pd.isna(frame["email"].tolist()[1])  # the caller's frame is left as it was
    assert for_people([1, 2]) == [1, 2]


def test_tables_show_instants_in_paris_time():
    import datetime as dt

    import pandas as pd

    from lib.ui.tables import for_people

    frame = pd.DataFrame({"at": pd.to_datetime([dt.datetime(2026, 12, 3, 20, 19, tzinfo=dt.UTC), None], utc=True),
                          "mixed": [dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), "x"]})
    shown = for_people(frame)
    assert shown["at"].tolist() == ["03/12/2026 21:19", ""] and shown["mixed"].tolist() == ["02/07/2026 00:30", "x"]
