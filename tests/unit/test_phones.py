"""Phone numbers: libphonenumber's verdict, a column path that never disagrees with it, Cercle's repairs."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.contacts.phones import (
    CELL_CODES,
    CHECK_CODES,
    OVERSEAS_FRANCE,
    REPAIR_CODES,
    WRITING_ONLY_REPAIRS,
    PhoneCheck,
    PhoneChecks,
    clean_phone_cell,
    clean_phone_cells,
    describe,
    is_reachable,
    validate_phone,
    validate_phones,
)
from lib.i18n import CATALOG, LANGUAGES, set_language
from tests.support.phones import disagreements, example_corpus, nasty_corpus, plausible_corpus

# ---------------------------------------------------------------------------------------------------------
# The reference: plain libphonenumber


@pytest.mark.parametrize(("raw", "region", "expected"), [
    ("06 12 34 56 78", "FR", ("+33612345678", True, "mobile", "FR", "ok")),
    ("+33 1 23 45 67 89", "FR", ("+33123456789", True, "fixed_line", "FR", "ok")),
    ("0800 12 34 56", "FR", ("+33800123456", True, "toll_free", "FR", "ok")),
    ("09 12 34 56 78", "FR", ("+33912345678", True, "voip", "FR", "ok")),
    ("0470 12 34 56", "BE", ("+32470123456", True, "mobile", "BE", "ok")),
    ("0470 12 34 56", "FR", ("+33470123456", True, "fixed_line", "FR", "ok")),
    ("+1 202 555 0143", "FR", ("+12025550143", True, "fixed_line_or_mobile", "US", "ok")),
    ("+800 1234 5678", "FR", ("+80012345678", True, "toll_free", "001", "ok")),
    ("33612345678", "FR", ("+33612345678", True, "mobile", "FR", "ok")),
    ("336123456", "FR", ("+33336123456", True, "fixed_line", "FR", "ok")),
    ("612345678.0", "FR", (None, False, "unknown", "FR", "invalid")),
    ("0690 12 34 56", "FR", (None, False, "unknown", "FR", "invalid")),
    ("06 12 34 56 78 (mobile)", "FR", (None, False, "unknown", "FR", "invalid")),
    ("12", "FR", (None, False, "unknown", "FR", "invalid")),
    ("3.36123E+10", "FR", (None, False, None, None, "not_a_number")),
    ("n/a", "FR", (None, False, None, None, "not_a_number")),
    ("1-2", "FR", (None, False, None, None, "not_a_number")),
    ("", "FR", (None, False, None, None, "empty")),
    (" \t", "FR", (None, False, None, None, "empty")),
    ("+999 123 456", "FR", (None, False, None, None, "invalid_country_code")),
    ("06 12 34 56 78", None, (None, False, None, None, "invalid_country_code")),
    ("001", "FR", (None, False, None, None, "too_short_after_idd")),
    ("+33 1", "FR", (None, False, None, None, "too_short")),
    ("1" * 30, "FR", (None, False, None, None, "too_long")),
])
def test_validate_phone_is_plain_libphonenumber(raw, region, expected):
    """Each field is libphonenumber's own answer, spreadsheet damage included."""
    check = validate_phone(raw, region)
    assert (check.e164, check.valid, check.type, check.region, check.code) == expected
    assert check.input == raw


def test_none_is_empty_and_the_cli_fields_come_in_order():
    """None reads as an empty cell; as_dict gives the CLI's JSON fields in their documented order."""
    assert validate_phone(None) == PhoneCheck("", None, False, None, None, "empty")
    fields = ["input", "e164", "valid", "type", "region", "code"]
    assert list(validate_phone("0612345678").as_dict()) == fields


# ---------------------------------------------------------------------------------------------------------
# The column path gives the same answer in every field


@pytest.mark.parametrize("region", ["FR", "US", "GB", "AR", "BR", None])
def test_column_path_agrees_on_every_example_number_written_many_ways(region):
    """libphonenumber's example numbers for every region and type, in 16 writings: no field differs."""
    texts, _ = example_corpus()
    assert disagreements(list(texts), region)[:5] == []


def test_column_path_agrees_on_example_numbers_read_in_their_own_region():
    """Read with their own region, national writings exercise each region's prefixes and lengths."""
    texts, regions = example_corpus()
    assert disagreements(list(texts), list(regions))[:5] == []


def test_column_path_agrees_on_random_strings_and_per_row_regions():
    """Random plausible and implausible strings, with one region per row (including unknown ones)."""
    rng = random.Random(5)
    values = plausible_corpus(20_000, 1) + nasty_corpus(10_000, 2) + [None] * 10
    choices = (*sorted(phonenumbers.SUPPORTED_REGIONS), *["FR"] * 50, None, "XX", "fr", "001")
    regions = [rng.choice(choices) for _ in values]
    assert disagreements(values, regions)[:5] == []
    assert disagreements(values, "FR")[:5] == []


def test_column_path_agrees_on_every_latin1_character():
    """Each Latin-1 character alone, repeated and around digits (blanks, the two-digit rule, labels)."""
    values = []
    for code in range(256):
        char = chr(code)
        values += [char, char * 3, char + "12", "1" + char + "2", char + "0612345678",
                   "06" + char + "12345678", "0612345678" + char, "+" + char + "33612345678"]
    assert disagreements(values, "FR")[:5] == []


# Exactly the strings matching \A[+(]?[0-9 .()/-]{0,20}\Z, built directly: st.from_regex drew the same
# strings through its regex machinery and a filter, at three times the cost.
_NUMBER_LIKE = st.builds(lambda head, body: head + body, st.sampled_from(["", "+", "("]),
                         st.text("0123456789 .()/-", max_size=20))


@settings(max_examples=150, deadline=None)
@given(values=st.lists(st.one_of(st.text(max_size=30), _NUMBER_LIKE), max_size=40),
       region=st.sampled_from(["FR", "US", "DE", "BR", "AR", "GB", None]))
def test_column_path_agrees_on_generated_strings(values, region):
    """Whatever the strings, the column path and the plain loop agree field by field."""
    assert disagreements(values, region) == []


def test_batch_result_reads_like_a_list_of_checks():
    """The columns can be indexed, iterated and turned into PhoneCheck objects."""
    checks = validate_phones(["06 12 34 56 78", "n/a"])
    assert len(checks) == 2
    assert checks[0].e164 == "+33612345678"
    assert checks.to_list() == [validate_phone("06 12 34 56 78"), validate_phone("n/a")]
    assert PhoneChecks.from_checks(checks.to_list()) == checks
    with pytest.raises(ValueError):
        validate_phones(["0612345678"], ["FR", "BE"])


# ---------------------------------------------------------------------------------------------------------
# Cercle's repairs on a cell


@pytest.mark.parametrize(("cell", "e164", "repairs"), [
    ("0612345678", "+33612345678", set()),
    ("06 12 34 56 78", "+33612345678", {"separators_removed"}),
    ("06.12.34.56.78", "+33612345678", {"separators_removed"}),
    ("06-12-34-56-78", "+33612345678", {"separators_removed"}),
    ("06/12/34/56/78", "+33612345678", {"separators_removed"}),
    ("(06) 12 34 56 78", "+33612345678", {"separators_removed"}),
    ("06\u202f12\u202f34\u202f56\u202f78", "+33612345678", {"separators_removed"}),
    ("612345678.0", "+33612345678", {"excel_float_artefact", "leading_zero_restored"}),
    ("612345678,0", "+33612345678", {"excel_float_artefact", "leading_zero_restored"}),
    (612345678.0, "+33612345678", {"excel_float_artefact", "leading_zero_restored"}),
    (612345678, "+33612345678", {"leading_zero_restored"}),
    ("612345678", "+33612345678", {"leading_zero_restored"}),
    ("123456789", "+33123456789", {"leading_zero_restored"}),
    ("33612345678", "+33612345678", set()),
    ("0033612345678", "+33612345678", {"international_prefix_00"}),
    ("0033 6 12 34 56 78", "+33612345678", {"international_prefix_00", "separators_removed"}),
    ("+33 (0)6 12 34 56 78", "+33612345678", {"trunk_zero_removed", "separators_removed"}),
    ("+39 (0)2 1234 5678", "+390212345678", {"separators_removed"}),
    ("'+33612345678", "+33612345678", {"apostrophe_removed"}),
    ("’0612345678", "+33612345678", {"apostrophe_removed"}),
    ("tel:+33612345678", "+33612345678", {"tel_uri_removed"}),
    ("tel:+33-6-12-34-56-78;ext=12", "+33612345678", {"tel_uri_removed", "separators_removed"}),
    ("06 12 34 56 78 (mobile)", "+33612345678", {"annotation_removed", "separators_removed"}),
    ("0612345678 perso", "+33612345678", {"annotation_removed"}),
    ("Portable: 06 12 34 56 78", "+33612345678", {"annotation_removed", "separators_removed"}),
    ("Tél. : 0612345678", "+33612345678", {"annotation_removed"}),
    ("01 23 45 67 89 poste 12", "+33123456789", {"annotation_removed", "separators_removed"}),
    ("0690 12 34 56", "+590690123456", {"overseas_france", "separators_removed"}),
    ("690123456", "+590690123456", {"overseas_france", "leading_zero_restored"}),
    ("+33 696 12 34 56", "+596696123456", {"overseas_france", "separators_removed"}),
    ("0032 470 12 34 56", "+32470123456", {"international_prefix_00", "separators_removed"}),
    ("612,345,678", "+33612345678", {"separators_removed", "leading_zero_restored"}),
])
def test_each_repair_reads_the_number_and_says_so(cell, e164, repairs):
    """Spreadsheet damage and the ways people write numbers are repaired, and every repair is reported."""
    result = clean_phone_cell(cell)
    assert (result.code, result.primary.e164, set(result.repairs)) == ("ok", e164, repairs)
    assert result.primary.valid


@pytest.mark.parametrize(("national", "country_code"), [
    ("0690 12 34 56", "+590"), ("0691 22 34 56", "+590"),
    ("0696 12 34 56", "+596"), ("0697 12 34 56", "+596"),
    ("0692 12 34 56", "+262"), ("0693 12 34 56", "+262"), ("0639 01 23 45", "+262"),
    ("0694 12 34 56", "+594"),
])
def test_overseas_france_written_nationally_gets_its_own_country_code(national, country_code):
    """The overseas mobile is read with its territory's code, exactly as libphonenumber reads it there."""
    result = clean_phone_cell(national, "FR")
    assert result.primary.e164.startswith(country_code)
    assert "overseas_france" in result.repairs and result.whatsapp
    assert not validate_phone(national, "FR").valid
    assert validate_phone(national, result.primary.region).e164 == result.primary.e164
    assert result.primary.region in OVERSEAS_FRANCE


@pytest.mark.parametrize(("cell", "primary", "others", "repairs"), [
    ("06 12 34 56 78 / 01 23 45 67 89", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("01 23 45 67 89 / 06 12 34 56 78", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("06 12 34 56 78; 07 56 34 12 90", "+33612345678", ["+33756341290"], {"several_numbers"}),
    ("01 23 45 67 89 ::: 06 12 34 56 78", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("01 23 45 67 89\n06 12 34 56 78", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("0123456789 ou 0612345678", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("01 23 45 67 89, 06 12 34 56 78", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("0123456789 - 0612345678", "+33612345678", ["+33123456789"], {"several_numbers"}),
    ("01 23 45 67 89 / 02 34 56 78 90", "+33123456789", ["+33234567890"], {"several_numbers"}),
    ("06 12 34 56 78 / 06.12.34.56.78", "+33612345678", [], {"several_numbers", "duplicate_removed"}),
    ("06 12 34 56 78 ; 01 23", "+33612345678", [], {"several_numbers", "invalid_number_dropped"}),
])
def test_several_numbers_in_a_cell_put_a_mobile_first(cell, primary, others, repairs):
    """A mobile becomes the primary number; the other valid ones are kept, invalid ones dropped and said."""
    result = clean_phone_cell(cell)
    assert result.primary.e164 == primary
    assert [other.e164 for other in result.others] == others
    assert repairs <= set(result.repairs)
    assert result.whatsapp == (result.primary.type == "mobile")


@pytest.mark.parametrize(("cell", "code"), [
    ("6,12346E+08", "scientific_notation"), ("3.36123E+10", "scientific_notation"),
    ("6.12346e8", "scientific_notation"), ("'3,36123E+10", "scientific_notation"),
    ("", "empty"), ("   ", "empty"), (None, "empty"), (float("nan"), "empty"), ("''", "empty"),
    ("n/a", "invalid"), ("inconnu", "invalid"), ("12", "invalid"), ("06 12 34 56", "invalid"),
    ("06 12 34 56 78 90 12", "invalid"), ("06 12 34 56 78 / 79", "invalid"),
])
def test_refusals_never_guess_digits(cell, code):
    """Scientific notation, empty and unusable cells give no valid number, and nothing reachable."""
    result = clean_phone_cell(cell)
    assert result.code == code
    assert result.others == ()
    assert not (result.whatsapp or result.telegram or result.sms)
    if code in ("empty", "scientific_notation"):
        assert result.primary is None
    else:
        assert result.primary is not None and not result.primary.valid


@pytest.mark.parametrize(("cell", "region", "reachable"), [
    ("06 12 34 56 78", "FR", True),
    ("07 56 34 12 90", "FR", True),
    ("01 23 45 67 89", "FR", False),
    ("0800 12 34 56", "FR", False),
    ("0891 12 34 56", "FR", False),
    ("09 12 34 56 78", "FR", False),
    ("+1 202 555 0143", "FR", True),
    ("(416) 555-0123", "CA", True),
    ("+52 200 123 4567", "FR", False),
    ("0470 12 34 56", "BE", True),
    ("0470 12 34 56", "FR", False),
])
def test_only_mobiles_can_join_a_group_or_get_an_sms(cell, region, reachable):
    """Mobiles are reachable; landlines, toll-free, premium and VoIP are kept but not reachable."""
    result = clean_phone_cell(cell, region)
    assert result.code == "ok"
    assert (result.whatsapp, result.telegram, result.sms) == (reachable,) * 3
    assert is_reachable(result.primary) == reachable


def test_a_restored_zero_never_overrides_a_number_valid_as_written():
    """In Italy 312 345 6789 is a mobile and 0312 345 6789 a landline: the number as written wins."""
    result = clean_phone_cell("312 345 6789", "IT")
    assert validate_phone("03123456789", "IT").valid
    assert result.primary.e164 == "+393123456789"
    assert "leading_zero_restored" not in result.repairs


def test_the_contact_country_decides_national_numbers_and_blank_means_france():
    """A row's country reads its national numbers; the region is case-insensitive and defaults to FR."""
    assert clean_phone_cell("0470 12 34 56", "be").primary.e164 == "+32470123456"
    assert clean_phone_cell("0612345678", "").primary.e164 == "+33612345678"
    assert clean_phone_cell("0612345678", None).primary.e164 == "+33612345678"


def test_batch_cells_equal_single_cells():
    """clean_phone_cells gives the same result as clean_phone_cell on each cell, with per-row regions."""
    cells = ["06 12 34 56 78", "612345678.0", "0690 12 34 56", "6,12346E+08", "", None, 612345678.0,
             "06 12 34 56 78 / 01 23 45 67 89", "0470 12 34 56", "n/a", "+33 (0)6 12 34 56 78",
             "Tel: 0612345678"]
    regions = ["FR", "FR", "FR", "FR", "FR", "FR", "FR", "FR", "BE", "FR", "US", "GP"]
    singles = [clean_phone_cell(cell, region) for cell, region in zip(cells, regions, strict=True)]
    assert clean_phone_cells(cells, regions) == singles
    assert clean_phone_cells(cells) == [clean_phone_cell(c) for c in cells]


_MOBILE = st.builds(lambda head, rest: head + rest,
                    st.sampled_from(["60", "61", "62", "64", "65", "66", "67", "68", "73", "75", "77", "79"]),
                    st.text("0123456789", min_size=7, max_size=7))


def _written_that_way(prefix: str, separator: str, wrapper: str) -> bool:
    """A tel: URI carries the plus; Excel's ".0" only follows digits written without separators."""
    if wrapper == "tel:{}" and not prefix.startswith("+"):
        return False
    return not (wrapper == "{}.0" and (separator or " " in prefix or "(" in prefix))


# Every (prefix, separator, wrapper) the test reads, drawn directly: an example spent on a combination it
# would skip checked nothing (about a fifth of them before).
_WRITINGS = [(prefix, separator, wrapper)
             for prefix in ["0", "+33", "+33 ", "0033", "0033 ", "+33 (0)", "33", ""]
             for separator in ["", " ", ".", "-", "/", "\u00a0", " - "]
             for wrapper in ["{}", "'{}", "  {} ", "Portable : {}", "{} (mobile)", "tel:{}", "{}.0"]
             if _written_that_way(prefix, separator, wrapper)]


@settings(max_examples=300, deadline=None)
@given(national=_MOBILE, writing=st.sampled_from(_WRITINGS))
def test_any_writing_of_one_mobile_reads_as_the_same_number(national, writing):
    """However a French mobile is written, it comes out as one E.164 number, reachable."""
    prefix, separator, wrapper = writing
    groups = [national[:1]] + [national[i:i + 2] for i in range(1, 9, 2)]
    cell = wrapper.format(prefix + separator.join(groups))
    result = clean_phone_cell(cell)
    assert result.code == "ok", cell
    assert result.primary.e164 == "+33" + national, cell
    assert result.whatsapp, cell


@settings(max_examples=300, deadline=None)
@given(cell=st.one_of(st.text(max_size=40), st.integers(), st.floats(), st.none(),
                      st.from_regex(r"\A['+(]?[0-9 .()/+-]{0,25}(E\+?[0-9]{1,2})?\Z")),
       region=st.sampled_from(["FR", "BE", "US", "gp", "", None, "XX"]))
def test_any_cell_gives_a_verdict_without_crashing_or_inventing_digits(cell, region):
    """Any value gives known codes; a valid number's national digits were all in the cell, in order."""
    result = clean_phone_cell(cell, region)
    assert result.code in CELL_CODES
    assert set(result.repairs) <= set(REPAIR_CODES)
    if isinstance(cell, str):
        assert validate_phone(cell).code in CHECK_CODES
    if result.primary is not None and result.primary.valid and isinstance(cell, str):
        number = phonenumbers.parse(result.primary.e164)
        written = "".join(c for c in cell if c.isdigit())
        assert phonenumbers.national_significant_number(number) in written or not written.isascii()


# ---------------------------------------------------------------------------------------------------------
# Words


@pytest.mark.parametrize("code", sorted(set(CHECK_CODES) | set(CELL_CODES) | set(REPAIR_CODES)))
def test_every_code_has_a_french_and_an_english_sentence(code):
    """Each reason and repair code reads as a sentence in both languages; describe() returns it."""
    texts = CATALOG["phone." + code]
    assert set(texts) == set(LANGUAGES)
    assert all(texts[language].strip() for language in LANGUAGES)
    set_language("en")
    try:
        assert describe(code) == texts["en"]
    finally:
        set_language("fr")
    assert describe(code) == texts["fr"]


def test_writing_only_repairs_are_repairs():
    """The repairs a report may leave out are real repair codes."""
    assert set(REPAIR_CODES) >= WRITING_ONLY_REPAIRS
