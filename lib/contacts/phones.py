"""Phone numbers: libphonenumber's verdict, a batch path that always agrees with it, and Cercle's repairs.

Three layers, each usable on its own:

1. ``validate_phone(raw, region)`` is the reference: plain libphonenumber, one string at a time.
2. ``validate_phones(values, regions)`` gives exactly the same answer in every field for a whole column,
   much faster (bench/phones.py, 1,000,000 mixed cells: 1.5 s against 23-27 s for the plain loop, 0
   disagreements; see docs/phones.md). libphonenumber's own metadata is compiled into anchored
   regular expressions and applied as column operations (pyarrow compute, numpy) to the rows whose shape
   is simple; every other row (2% of that mix) goes to a memoised ``validate_phone``.
3. ``clean_phone_cell(raw, region)`` and ``clean_phone_cells(values, regions)`` read a spreadsheet cell the
   way a marketer means it (Excel damage, labels, several numbers, overseas France written nationally),
   report each repair with a code, and say whether the number can join WhatsApp or Telegram or get an SMS.

Every code (reason or repair) has a French and an English sentence: ``describe(code)``.
The batch path mirrors the phonenumbers version pinned in requirements.txt; rerun the differential tests
and bench/phones.py whenever that version changes.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc
from phonenumbers import NumberParseException, PhoneNumberType
from phonenumbers.phonemetadata import PhoneMetadata

from lib import i18n

# ---------------------------------------------------------------------------------------------------------
# 1. The reference: one number, plain libphonenumber

PARSE_ERROR_CODES = {
    NumberParseException.INVALID_COUNTRY_CODE: "invalid_country_code",
    NumberParseException.NOT_A_NUMBER: "not_a_number",
    NumberParseException.TOO_SHORT_AFTER_IDD: "too_short_after_idd",
    NumberParseException.TOO_SHORT_NSN: "too_short",
    NumberParseException.TOO_LONG: "too_long",
}
CHECK_CODES = ("ok", "invalid", "empty", *PARSE_ERROR_CODES.values())
TYPE_NAMES = {value: PhoneNumberType.to_string(value).lower() for value in PhoneNumberType.values()}


@dataclass(frozen=True, slots=True)
class PhoneCheck:
    """libphonenumber's verdict on one string; the fields the CLI ``validate-phones`` prints as JSON."""

    input: str
    e164: str | None
    valid: bool
    type: str | None
    region: str | None
    code: str

    def as_dict(self) -> dict[str, object]:
        return {"input": self.input, "e164": self.e164, "valid": self.valid, "type": self.type,
                "region": self.region, "code": self.code}


def validate_phone(raw: str | None, region: str | None = "FR") -> PhoneCheck:
    """libphonenumber's verdict on ``raw`` read with default ``region``, nothing added.

    - ``None`` or a string with only whitespace (``not raw.strip()``): code ``"empty"``, every other field
      empty (``input`` is ``""`` for ``None``).
    - ``phonenumbers.parse(raw, region)`` raises: ``valid`` False, ``e164``/``type``/``region`` None, and
      the code names the error type: ``not_a_number``, ``invalid_country_code`` (also when ``region`` is
      missing or unknown and ``raw`` has no ``+``), ``too_short_after_idd``, ``too_short``, ``too_long``.
    - parsed: ``valid`` is ``is_valid_number``; ``e164`` only when valid; ``type`` is ``number_type``
      lower-cased (``"unknown"`` for every invalid number); ``region`` is ``region_code_for_number``, set
      even for some invalid numbers, ``"001"`` for non-geographic codes (+800...), None when the code has
      no match; code ``"ok"`` when valid, else ``"invalid"``.

    ``region`` is passed to libphonenumber as given (upper-case ISO 3166 code such as ``"FR"``).
    """
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        raise TypeError(f"validate_phone reads text, not {type(raw).__name__}; see clean_phone_cell")
    if not raw.strip():
        return PhoneCheck(raw, None, False, None, None, "empty")
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as error:
        code = PARSE_ERROR_CODES.get(error.error_type, "not_a_number")
        return PhoneCheck(raw, None, False, None, None, code)
    valid = phonenumbers.is_valid_number(number)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) if valid else None
    kind = TYPE_NAMES[phonenumbers.number_type(number)]
    return PhoneCheck(raw, e164, valid, kind, phonenumbers.region_code_for_number(number),
                      "ok" if valid else "invalid")


@functools.lru_cache(maxsize=1 << 16)
def _validate_remembered(raw: str | None, region: str | None) -> PhoneCheck:
    return validate_phone(raw, region)


# ---------------------------------------------------------------------------------------------------------
# 2. The batch path

@dataclass(frozen=True)
class PhoneChecks:
    """The verdicts on a column, one tuple per field; iterate or index it to get ``PhoneCheck`` objects.

    ``fallback_rows`` (a diagnostic, not part of the verdicts) counts the rows that went through
    libphonenumber itself rather than the column operations.
    """

    input: tuple[str, ...]
    e164: tuple[str | None, ...]
    valid: tuple[bool, ...]
    type: tuple[str | None, ...]
    region: tuple[str | None, ...]
    code: tuple[str, ...]
    fallback_rows: int = field(default=0, compare=False)

    def __len__(self) -> int:
        return len(self.input)

    def __getitem__(self, index: int) -> PhoneCheck:
        return PhoneCheck(self.input[index], self.e164[index], self.valid[index], self.type[index],
                          self.region[index], self.code[index])

    def __iter__(self) -> Iterator[PhoneCheck]:
        return map(PhoneCheck, self.input, self.e164, self.valid, self.type, self.region, self.code)

    def to_list(self) -> list[PhoneCheck]:
        return list(self)

    @classmethod
    def from_checks(cls, checks: Sequence[PhoneCheck]) -> PhoneChecks:
        """Columns from single verdicts (how tests and the benchmark compare the two paths)."""
        return cls(*(tuple(getattr(check, name) for check in checks)
                     for name in ("input", "e164", "valid", "type", "region", "code")))


def validate_phones(values: Sequence[str | None],
                    regions: str | None | Sequence[str | None] = "FR") -> PhoneChecks:
    """``validate_phone`` over a column: the same answer in every field, row by row, much faster.

    ``regions`` is one default region for every row or one per row (the contact's country). The result is
    columnar; index or iterate it for ``PhoneCheck`` objects. Rows the column operations are not sure
    about (letters after the first digit, extensions, unusual prefixes or regions, several numbers...) are
    read by libphonenumber itself, so nothing differs.
    """
    values = values if isinstance(values, list) else list(values)
    if not isinstance(regions, str) and regions is not None:
        regions = regions if isinstance(regions, list) else list(regions)
        if len(regions) != len(values):
            raise ValueError(f"{len(values)} values but {len(regions)} regions")
    return _engine().run(values, regions)


_WIDTH = 24  # longest digit string the column path reads; longer ones go to libphonenumber
_MAX_INPUT = 250  # libphonenumber's own limit (longer input: too_long)
_MAX_NSN = 17
_MIN_NSN = 2
_CHUNK = 1 << 17  # rows per pass, to bound memory
_POSSIBLE, _LOCAL_ONLY, _TOO_SHORT, _TOO_LONG, _INVALID_LENGTH = range(5)
_UNKNOWN = PhoneNumberType.UNKNOWN
_SPECIAL_TYPES = (  # the order of libphonenumber's _number_type_helper
    (PhoneNumberType.PREMIUM_RATE, "premium_rate"), (PhoneNumberType.TOLL_FREE, "toll_free"),
    (PhoneNumberType.SHARED_COST, "shared_cost"), (PhoneNumberType.VOIP, "voip"),
    (PhoneNumberType.PERSONAL_NUMBER, "personal_number"), (PhoneNumberType.PAGER, "pager"),
    (PhoneNumberType.UAN, "uan"), (PhoneNumberType.VOICEMAIL, "voicemail"),
)
_CODE_INDEX = {code: index for index, code in enumerate(CHECK_CODES)}
_PENDING = -1

# Shapes the column path reads (RE2 syntax, whole string). A label without digits or plus signs, then an
# optional "+", then digits and the separators libphonenumber ignores, ending on a digit, then closing
# punctuation that libphonenumber trims. Anything else (letters after the first digit, "#", "x", ";ext=",
# "=", other scripts' digits, unusual spaces) goes to libphonenumber itself.
_LABEL = r"[A-Za-z\x{00C0}-\x{00D6}\x{00D8}-\x{00F6}\x{00F8}-\x{00FF} \t\r\n:.,'\"()\-/\x{2019}]"
_SEP = r"[ .\-/()\x{00A0}]"
_TAIL = r"[ \t\r\n.,;:'\"()\-/!?\x{2019}]"
_SIMPLE_SHAPE = rf"^{_LABEL}*\+?{_SEP}*[0-9](?:(?:[0-9]|{_SEP})*[0-9])?{_TAIL}*$"
_TWO_DIGITS = rf"^{_LABEL}*{_SEP}*[0-9][0-9]{_TAIL}*$"  # the one two-digit shape libphonenumber reads
# Latin-1 text: its only decimal digits are 0-9. Its blanks are exactly the characters str.strip() removes.
_LATIN1 = r"^[^\x{0100}-\x{10FFFF}]*$"
_LATIN1_BLANK = r"^[ \t\n\r\x0B\x0C\x1C-\x1F\x{0085}\x{00A0}]*$"


def _re2_full(pattern: str | None) -> str | None:
    return f"^(?:{pattern})$" if pattern else None


def _re2_prefix(pattern: str | None) -> str | None:
    return f"^(?:{pattern})" if pattern else None


def _is_ascii_digits(text: str | None) -> bool:
    return bool(text) and re.fullmatch("[0-9]+", text) is not None


class _Desc:
    """One PhoneNumberDesc: the national lengths it allows, and its pattern as a whole-string match."""

    __slots__ = ("full", "lengths")

    def __init__(self, desc) -> None:
        self.full = _re2_full(None if desc is None else desc.national_number_pattern)
        self.lengths = np.zeros(_WIDTH + 1, bool)
        if desc is not None:
            if desc.possible_length:
                for length in desc.possible_length:
                    if 0 <= length <= _WIDTH:
                        self.lengths[length] = True
            else:
                self.lengths[:] = True


def _length_results(desc) -> np.ndarray | None:
    """libphonenumber's possible-length verdict (any type) for every length up to _WIDTH."""
    possible = list(desc.possible_length) if desc is not None else []
    local = list(desc.possible_length_local_only) if desc is not None else []
    if not possible:
        return None
    table = np.empty(_WIDTH + 1, np.int8)
    for length in range(_WIDTH + 1):
        if length in local:
            table[length] = _LOCAL_ONLY
        elif possible[0] == length:
            table[length] = _POSSIBLE
        elif possible[0] > length:
            table[length] = _TOO_SHORT
        elif possible[-1] < length:
            table[length] = _TOO_LONG
        elif length in possible[1:]:
            table[length] = _POSSIBLE
        else:
            table[length] = _INVALID_LENGTH
    return table


class _Plan:
    """One region's (or non-geographic code's) metadata, compiled for column operations."""

    def __init__(self, meta: PhoneMetadata) -> None:
        self.country_code = meta.country_code
        self.country_digits = str(meta.country_code)
        idd = meta.international_prefix
        self.idd_literal = idd if _is_ascii_digits(idd) else None
        self.idd_prefix = None if self.idd_literal else _re2_prefix(idd)  # rows it matches: fallback
        npfp = meta.national_prefix_for_parsing
        simple = _is_ascii_digits(npfp) and not meta.national_prefix_transform_rule
        self.np_literal = npfp if simple else None
        self.np_prefix = None if simple else _re2_prefix(npfp)  # rows it matches: fallback
        self.general = _Desc(meta.general_desc)
        self.special = [(code, _Desc(getattr(meta, name))) for code, name in _SPECIAL_TYPES]
        self.fixed = _Desc(meta.fixed_line)
        self.mobile = _Desc(meta.mobile)
        self.same_fixed_mobile = bool(meta.same_mobile_and_fixed_line_pattern)
        self.leading_digits = _re2_prefix(meta.leading_digits)
        self.length_results = _length_results(meta.general_desc)
        self.usable = self.length_results is not None


def _regex(values: pa.Array, pattern: str) -> np.ndarray:
    return pc.match_substring_regex(values, pattern).to_numpy(zero_copy_only=False)


def _match_where(values: pa.Array, where: np.ndarray, pattern: str | None) -> np.ndarray:
    """Whether each value matches ``pattern``, evaluated only where ``where`` is set (False elsewhere)."""
    out = np.zeros(len(where), bool)
    if pattern is None or not where.any():
        return out
    if where.all():
        out[:] = _regex(values, pattern)
    else:
        rows = np.flatnonzero(where)
        out[rows] = _regex(values.take(pa.array(rows)), pattern)
    return out


def _as_arrow(digits: np.ndarray, lengths: np.ndarray) -> pa.Array:
    """Rows of a digit matrix (each row's first ``lengths`` bytes) as an Arrow string array."""
    keep = np.arange(_WIDTH)[None, :] < lengths[:, None]
    offsets = np.zeros(len(lengths) + 1, np.int32)
    np.cumsum(lengths, out=offsets[1:])
    data = np.ascontiguousarray(digits[keep])
    return pa.Array.from_buffers(pa.string(), len(lengths), [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def _starts_with(digits: np.ndarray, lengths: np.ndarray, prefix: str) -> np.ndarray:
    size = len(prefix)
    if size > _WIDTH:
        return np.zeros(len(lengths), bool)
    wanted = np.frombuffer(prefix.encode("ascii"), np.uint8)
    return (lengths >= size) & (digits[:, :size] == wanted).all(axis=1)


def _drop(digits: np.ndarray, lengths: np.ndarray, count) -> tuple[np.ndarray, np.ndarray]:
    """Removes the first ``count`` digits of each row (a number, or one per row)."""
    if np.isscalar(count):
        shifted = np.zeros_like(digits)
        shifted[:, :_WIDTH - count] = digits[:, count:]
    else:
        columns = np.minimum(np.arange(_WIDTH)[None, :] + count[:, None], _WIDTH - 1)
        shifted = np.take_along_axis(digits, columns, axis=1)
    return shifted, np.maximum(lengths - count, 0)


class _Rows:
    """Working state of the simple rows of one chunk (compact: row i of every array is the same input)."""

    def __init__(self, digits: np.ndarray, lengths: np.ndarray, plus: np.ndarray, plan: np.ndarray) -> None:
        size = len(lengths)
        self.digits, self.lengths, self.plus, self.plan = digits, lengths, plus, plan
        self.code = np.full(size, _PENDING, np.int8)
        self.fallback = np.zeros(size, bool)
        self.country = np.zeros(size, np.int32)
        self.national = np.zeros_like(digits)
        self.national_lengths = np.zeros(size, np.int16)
        self.strip_plan = np.full(size, -1, np.int32)
        self.kind = np.full(size, _UNKNOWN, np.int16)
        self.region = np.full(size, -1, np.int32)

    def open(self) -> np.ndarray:
        return (self.code == _PENDING) & ~self.fallback

    def settle(self, rows: np.ndarray, code: str) -> None:
        self.code[rows] = _CODE_INDEX[code]


class _Engine:
    """libphonenumber's parse and validation rules, re-expressed as column operations."""

    def __init__(self) -> None:
        self.lock = threading.RLock()  # Streamlit sessions share this engine across threads
        self.plans: list[_Plan] = []
        self.plan_ids: dict[tuple[str, int], int] = {}
        self.region_plan_ids: dict[str, int] = {}
        self.main_plan_ids: dict[int, int] = {}
        self.is_country_code = np.zeros(1000, bool)
        for code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            if 0 < code < 1000:
                self.is_country_code[code] = True
        self.region_names: list[str | None] = []
        self.region_ids: dict[str | None, int] = {}
        self.plus_country = pa.array(["+" + str(code) for code in range(1000)])
        self.type_names = np.array([TYPE_NAMES.get(value) for value in range(100)], object)
        self.code_names = np.array(CHECK_CODES, object)

    # metadata ------------------------------------------------------------------------------------------

    def plan_id(self, meta: PhoneMetadata) -> int:
        key = (meta.id, meta.country_code)
        with self.lock:
            if key not in self.plan_ids:
                self.plans.append(_Plan(meta))
                self.plan_ids[key] = len(self.plans) - 1
            return self.plan_ids[key]

    def region_plan_id(self, region: object) -> int:
        """The plan of a default region, or -1 when the rows must go to libphonenumber."""
        if not isinstance(region, str):
            return -1
        with self.lock:
            if region not in self.region_plan_ids:
                plan = -1
                meta = None
                if region in phonenumbers.SUPPORTED_REGIONS:
                    meta = PhoneMetadata.metadata_for_region(region.upper(), None)
                if meta is not None and self.plans[self.plan_id(meta)].usable:
                    plan = self.plan_id(meta)
                self.region_plan_ids[region] = plan
            return self.region_plan_ids[region]

    def main_plan_id(self, country_code: int) -> int:
        """The metadata parse() switches to once it has read a country calling code."""
        with self.lock:
            if country_code not in self.main_plan_ids:
                region = phonenumbers.region_code_for_country_code(country_code)
                meta = PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
                self.main_plan_ids[country_code] = -1 if meta is None else self.plan_id(meta)
            return self.main_plan_ids[country_code]

    def region_id(self, region: str | None) -> int:
        with self.lock:
            if region not in self.region_ids:
                self.region_names.append(region)
                self.region_ids[region] = len(self.region_names) - 1
            return self.region_ids[region]

    def region_name_table(self) -> np.ndarray:
        """Region names by id, then None (for "no region")."""
        with self.lock:
            return np.array([*self.region_names, None], object)

    # the run -------------------------------------------------------------------------------------------

    def run(self, values: list, regions: str | None | list) -> PhoneChecks:
        size = len(values)
        inputs = list(values)
        e164 = np.full(size, None, object)
        valid = np.zeros(size, bool)
        kinds = np.full(size, None, object)
        region_out = np.full(size, None, object)
        codes = np.full(size, None, object)
        fallback_rows = 0
        for start in range(0, size, _CHUNK):
            stop = min(start + _CHUNK, size)
            chunk_regions = regions if isinstance(regions, str) or regions is None else regions[start:stop]
            done = self.run_chunk(values[start:stop], chunk_regions)
            rows, chunk_e164, chunk_valid, chunk_kinds, chunk_regions_out, chunk_codes = done
            absolute = rows + start
            e164[absolute] = chunk_e164
            valid[absolute] = chunk_valid
            kinds[absolute] = chunk_kinds
            region_out[absolute] = chunk_regions_out
            codes[absolute] = chunk_codes
            settled = np.zeros(stop - start, bool)
            settled[rows] = True
            for offset in np.flatnonzero(~settled).tolist():
                index = start + offset
                region = regions if isinstance(regions, str) or regions is None else regions[index]
                check = _validate_remembered(values[index], region)
                inputs[index] = check.input
                e164[index], valid[index], kinds[index] = check.e164, check.valid, check.type
                region_out[index], codes[index] = check.region, check.code
                fallback_rows += 1
        return PhoneChecks(tuple(inputs), tuple(e164.tolist()), tuple(valid.tolist()), tuple(kinds.tolist()),
                           tuple(region_out.tolist()), tuple(codes.tolist()), fallback_rows)

    def run_chunk(self, values: list, regions: str | None | list):
        """Settles what it can; returns the settled row positions and their fields."""
        size = len(values)
        strings = _arrow_strings(values)
        if isinstance(regions, str) or regions is None:
            row_plan = np.full(size, self.region_plan_id(regions), np.int32)
        else:
            row_plan = self.region_plans(regions)
        present = strings.is_valid().to_numpy(zero_copy_only=False) & (row_plan >= 0)

        chars = pc.fill_null(pc.utf8_length(strings), 0).to_numpy(zero_copy_only=False)
        short_enough = present & (chars <= _MAX_INPUT)
        offsets = np.frombuffer(strings.buffers()[1], np.int64, size + 1, strings.offset * 8)
        if offsets[-1] - offsets[0] >= 2**31 - 1:  # positions below are int32: leave it to libphonenumber
            return (np.zeros(0, np.int64), *(np.zeros(0, object) for _ in range(5)))
        data_buffer = strings.buffers()[2]
        data = np.frombuffer(data_buffer, np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
        data = data[offsets[0]:offsets[-1]]
        offsets = (offsets - offsets[0]).astype(np.int32)
        is_digit = (data >= 48) & (data <= 57)
        digit_total = np.empty(len(data) + 1, np.int32)
        digit_total[0] = 0
        np.cumsum(is_digit, dtype=np.int32, out=digit_total[1:])
        first_digit = digit_total[offsets[:-1]]
        digit_count = digit_total[offsets[1:]] - first_digit

        # libphonenumber needs two digits side by side, or three or more: fewer is "not a number".
        few = _match_where(strings, short_enough & (digit_count <= 1), _LATIN1)
        blank = _match_where(strings, few & (digit_count == 0), _LATIN1_BLANK)
        no_number = few & ~blank
        simple = short_enough & (digit_count >= 2) & (digit_count <= _WIDTH)
        simple = _match_where(strings, simple, _SIMPLE_SHAPE)
        two = simple & (digit_count == 2)
        side_by_side = _match_where(strings, two, _TWO_DIGITS)
        no_number |= two & ~side_by_side
        simple &= (digit_count >= 3) | side_by_side
        has_plus = _fill(pc.match_substring(strings, "+"))

        # Each row's digits, left-aligned in a fixed-width byte matrix.
        digit_bytes = data[is_digit]
        owner = np.repeat(np.arange(size, dtype=np.int32), digit_count)
        rank = np.arange(len(digit_bytes), dtype=np.int32) - np.repeat(first_digit, digit_count)
        keep = rank < _WIDTH
        matrix = np.zeros((size, _WIDTH), np.uint8)
        matrix.ravel()[(owner * _WIDTH + rank)[keep]] = digit_bytes[keep]
        rows = np.flatnonzero(simple)
        digits = matrix[rows]
        state = _Rows(digits, digit_count[rows].astype(np.int16), has_plus[rows], row_plan[rows])
        self.parse(state)
        self.classify(state)

        settled = ~state.fallback
        fast_rows = rows[settled]
        out_e164 = np.full(len(fast_rows), None, object)
        code = state.code[settled]
        kind = state.kind[settled]
        region = state.region[settled]
        parsed = code == _PENDING
        is_valid = parsed & (kind != _UNKNOWN) & (region >= 0)
        if is_valid.any():
            picked = np.flatnonzero(settled)[is_valid]
            numbers = _as_arrow(state.national[picked], state.national_lengths[picked])
            prefixes = self.plus_country.take(pa.array(state.country[picked]))
            joined = pc.binary_join_element_wise(prefixes, numbers, "")
            out_e164[is_valid] = joined.to_numpy(zero_copy_only=False)
        out_kind = np.where(parsed, self.type_names[np.where(kind == _UNKNOWN, 99, kind)], None)
        names = self.region_name_table()
        out_region = np.where(parsed, names[np.where(region >= 0, region, len(names) - 1)], None)
        code = np.where(parsed, np.where(is_valid, _CODE_INDEX["ok"], _CODE_INDEX["invalid"]), code)
        out_code = self.code_names[code]

        blank_rows, letter_rows = np.flatnonzero(blank), np.flatnonzero(no_number)
        none = np.full(len(blank_rows) + len(letter_rows), None, object)
        extra_codes = np.array(["empty"] * len(blank_rows) + ["not_a_number"] * len(letter_rows), object)
        all_rows = np.concatenate([fast_rows, blank_rows, letter_rows])
        return (all_rows, np.concatenate([out_e164, none]),
                np.concatenate([is_valid, np.zeros(len(none), bool)]),
                np.concatenate([out_kind, none]), np.concatenate([out_region, none]),
                np.concatenate([out_code, extra_codes]))

    def region_plans(self, regions: list) -> np.ndarray:
        try:
            encoded = pa.array(regions, type=pa.string()).dictionary_encode()
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, UnicodeError):
            return np.fromiter((self.region_plan_id(region) for region in regions), np.int32, len(regions))
        lookup = np.array([self.region_plan_id(region) for region in encoded.dictionary.to_pylist()] + [-1],
                          np.int32)
        indices = pc.fill_null(encoded.indices, len(lookup) - 1).to_numpy(zero_copy_only=False)
        return lookup[indices]

    # parse(): from digits to (country calling code, national significant number) -------------------------

    def parse(self, s: _Rows) -> None:
        self.parse_with_plus(s, np.flatnonzero(s.plus))
        for plan in np.unique(s.plan[~s.plus]).tolist():
            self.parse_national(s, np.flatnonzero(~s.plus & (s.plan == plan)), plan)
        usable = np.array([plan.usable for plan in self.plans] + [False])
        s.fallback |= s.open() & ~usable[s.strip_plan]
        for plan in np.unique(s.strip_plan[s.open()]).tolist():
            self.strip_national_prefix(s, np.flatnonzero(s.open() & (s.strip_plan == plan)), plan)

    def parse_with_plus(self, s: _Rows, rows: np.ndarray) -> None:
        digits, lengths = s.digits[rows], s.lengths[rows]
        too_short = lengths <= _MIN_NSN
        s.settle(rows[too_short], "too_short_after_idd")
        # A zero or an unknown code after "+" makes parse() retry without the plus: libphonenumber decides.
        country, size = self.country_codes(digits, lengths)
        unknown = ~too_short & (country == 0)
        s.fallback[rows[unknown]] = True
        known = ~too_short & ~unknown
        self.take_country(s, rows[known], digits[known], lengths[known], country[known], size[known])

    def parse_national(self, s: _Rows, rows: np.ndarray, plan_index: int) -> None:
        plan = self.plans[plan_index]
        digits, lengths = s.digits[rows], s.lengths[rows]
        idd = np.zeros(len(rows), bool)
        if plan.idd_literal is not None:
            width = len(plan.idd_literal)
            starts = _starts_with(digits, lengths, plan.idd_literal)
            # The prefix is not an international one when a zero follows it.
            zero_next = (lengths > width) & (digits[:, min(width, _WIDTH - 1)] == 48)
            idd = starts & ~zero_next
        elif plan.idd_prefix is not None:  # an international prefix with alternatives: libphonenumber decides
            everywhere = np.ones(len(rows), bool)
            s.fallback[rows[_match_where(_as_arrow(digits, lengths), everywhere, plan.idd_prefix)]] = True
        if idd.any():
            self.parse_after_idd(s, rows[idd], *_drop(digits[idd], lengths[idd], len(plan.idd_literal)))
        rest = ~idd & ~s.fallback[rows]
        rows, digits, lengths = rows[rest], digits[rest], lengths[rest]
        # A national number may start with the region's own country code written without "+".
        with_code = _starts_with(digits, lengths, plan.country_digits)
        take = np.zeros(len(rows), bool)
        if with_code.any():
            whole_digits, whole_lengths = digits[with_code], lengths[with_code]
            national, national_lengths = _drop(whole_digits, whole_lengths, len(plan.country_digits))
            national, national_lengths, unsure = self.strip_prefix(national, national_lengths, plan)
            s.fallback[rows[with_code][unsure]] = True
            general = plan.general.full
            whole = _as_arrow(whole_digits, whole_lengths)
            stripped = _as_arrow(national, national_lengths)
            everywhere = np.ones(len(whole_lengths), bool)
            better = ~_match_where(whole, everywhere, general) & _match_where(stripped, everywhere, general)
            better |= plan.length_results[whole_lengths] == _TOO_LONG
            better &= ~unsure
            picked = np.flatnonzero(with_code)[better]
            take[picked] = True
            main = self.main_plan_id(plan.country_code)
            target = rows[picked]
            s.country[target] = plan.country_code
            s.national[target] = national[better]
            s.national_lengths[target] = national_lengths[better]
            s.strip_plan[target] = main
        plain = ~take & ~s.fallback[rows]
        target = rows[plain]
        s.country[target] = plan.country_code
        s.national[target] = digits[plain]
        s.national_lengths[target] = lengths[plain]
        s.strip_plan[target] = plan_index

    def parse_after_idd(self, s: _Rows, rows: np.ndarray, digits: np.ndarray, lengths: np.ndarray) -> None:
        too_short = lengths <= _MIN_NSN
        s.settle(rows[too_short], "too_short_after_idd")
        country, size = self.country_codes(digits, lengths)
        unknown = ~too_short & (country == 0)
        s.settle(rows[unknown], "invalid_country_code")
        known = ~too_short & ~unknown
        self.take_country(s, rows[known], digits[known], lengths[known], country[known], size[known])

    def take_country(self, s: _Rows, rows, digits, lengths, country, size) -> None:
        national, national_lengths = _drop(digits, lengths, size)
        s.country[rows] = country
        s.national[rows] = national
        s.national_lengths[rows] = national_lengths
        for code in np.unique(country).tolist():
            main = self.main_plan_id(code)
            target = rows[country == code]
            if main < 0 or not self.plans[main].usable:
                s.fallback[target] = True
            else:
                s.strip_plan[target] = main

    def country_codes(self, digits: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The country calling code at the start of each row (1 to 3 digits, never from a 0), else 0."""
        values = digits[:, :3].astype(np.int32) - 48
        one = values[:, 0]
        two = one * 10 + values[:, 1]
        three = two * 10 + values[:, 2]
        usable = (lengths >= 1) & (one != 0)

        def known(value, width):
            return usable & (lengths >= width) & self.is_country_code[np.clip(value, 0, 999)]

        first = known(one, 1)
        second = ~first & known(two, 2)
        third = ~first & ~second & known(three, 3)
        country = np.select([first, second, third], [one, two, three], 0).astype(np.int32)
        size = np.select([first, second, third], [1, 2, 3], 0).astype(np.int16)
        return country, size

    def strip_prefix(self, digits, lengths, plan: _Plan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """libphonenumber's national-prefix stripping; the third array marks rows left to libphonenumber."""
        unsure = np.zeros(len(lengths), bool)
        if plan.np_prefix is not None:
            unsure = (lengths > 0) & _match_where(_as_arrow(digits, lengths), lengths > 0, plan.np_prefix)
            return digits, lengths, unsure
        if plan.np_literal is None:
            return digits, lengths, unsure
        hit = (lengths > 0) & _starts_with(digits, lengths, plan.np_literal)
        if not hit.any():
            return digits, lengths, unsure
        stripped, stripped_lengths = _drop(digits, lengths, len(plan.np_literal))
        # Keep the prefix when the number was viable with it and is not without it.
        was_viable = _match_where(_as_arrow(digits, lengths), hit, plan.general.full)
        stays_viable = _match_where(_as_arrow(stripped, stripped_lengths), hit, plan.general.full)
        strip = hit & ~(was_viable & ~stays_viable)
        lengths = np.where(strip, stripped_lengths, lengths)
        return np.where(strip[:, None], stripped, digits), lengths, unsure

    def strip_national_prefix(self, s: _Rows, rows: np.ndarray, plan_index: int) -> None:
        plan = self.plans[plan_index]
        digits, lengths = s.national[rows], s.national_lengths[rows]
        too_short = lengths < _MIN_NSN
        s.settle(rows[too_short], "too_short")
        rows, digits, lengths = rows[~too_short], digits[~too_short], lengths[~too_short]
        stripped, stripped_lengths, unsure = self.strip_prefix(digits, lengths, plan)
        s.fallback[rows[unsure]] = True
        # The stripped number is kept only if its length is possible for the region.
        result = plan.length_results[stripped_lengths]
        accept = ~np.isin(result, (_TOO_SHORT, _LOCAL_ONLY, _INVALID_LENGTH))
        digits = np.where(accept[:, None], stripped, digits)
        lengths = np.where(accept, stripped_lengths, lengths)
        s.national[rows], s.national_lengths[rows] = digits, lengths
        s.settle(rows[~unsure & (lengths < _MIN_NSN)], "too_short")
        s.settle(rows[~unsure & (lengths > _MAX_NSN)], "too_long")

    # validation: region_code_for_number, number_type, is_valid_number ------------------------------------

    def classify(self, s: _Rows) -> None:
        open_rows = s.open()
        for country in np.unique(s.country[open_rows]).tolist():
            rows = np.flatnonzero(open_rows & (s.country == country))
            self.classify_country(s, rows, country)

    def classify_country(self, s: _Rows, rows: np.ndarray, country: int) -> None:
        numbers = _as_arrow(s.national[rows], s.national_lengths[rows])
        lengths = s.national_lengths[rows]
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country, ())
        assigned = np.full(len(rows), -1, np.int32)
        plans: list[int] = []
        if len(regions) == 1:
            meta = PhoneMetadata.metadata_for_region_or_calling_code(country, regions[0])
            if meta is None:  # never seen; libphonenumber would still name the region
                s.fallback[rows] = True
                return
            assigned[:] = 0
            plans.append(self.plan_id(meta))
        else:
            for index, region in enumerate(regions):
                meta = PhoneMetadata.metadata_for_region(region.upper(), None)
                plans.append(-1 if meta is None else self.plan_id(meta))
                waiting = assigned < 0
                if meta is None or not waiting.any():
                    continue
                plan = self.plans[plans[-1]]
                if plan.leading_digits is not None:
                    hit = _match_where(numbers, waiting, plan.leading_digits)
                else:
                    hit = waiting & (self.number_types(numbers, lengths, plan, waiting) != _UNKNOWN)
                assigned[hit] = index
        for index, region in enumerate(regions):
            mine = assigned == index
            if not mine.any():
                continue
            kinds = self.number_types(numbers, lengths, self.plans[plans[index]], mine)
            s.kind[rows[mine]] = kinds[mine]
            s.region[rows[mine]] = self.region_id(region)

    def number_types(self, numbers: pa.Array, lengths: np.ndarray, plan: _Plan,
                     where: np.ndarray) -> np.ndarray:
        """libphonenumber's _number_type_helper for the rows ``where`` is set (UNKNOWN elsewhere)."""
        kinds = np.full(len(lengths), _UNKNOWN, np.int16)
        waiting = _match_where(numbers, where & plan.general.lengths[lengths], plan.general.full)
        for kind, desc in plan.special:
            hit = _match_where(numbers, waiting & desc.lengths[lengths], desc.full)
            kinds[hit] = kind
            waiting &= ~hit
        fixed = _match_where(numbers, waiting & plan.fixed.lengths[lengths], plan.fixed.full)
        if plan.same_fixed_mobile:
            kinds[fixed] = PhoneNumberType.FIXED_LINE_OR_MOBILE
            return kinds
        also_mobile = _match_where(numbers, fixed & plan.mobile.lengths[lengths], plan.mobile.full)
        kinds[fixed & also_mobile] = PhoneNumberType.FIXED_LINE_OR_MOBILE
        kinds[fixed & ~also_mobile] = PhoneNumberType.FIXED_LINE
        mobile = _match_where(numbers, waiting & ~fixed & plan.mobile.lengths[lengths], plan.mobile.full)
        kinds[mobile] = PhoneNumberType.MOBILE
        return kinds


def _fill(mask: pa.Array) -> np.ndarray:
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False)


def _arrow_strings(values: list) -> pa.Array:
    """The column as Arrow text; what Arrow cannot hold as a string becomes null (left to libphonenumber)."""
    try:
        return pa.array(values, type=pa.large_string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, UnicodeError):
        return pa.array([value if isinstance(value, str) and _utf8(value) else None for value in values],
                        type=pa.large_string())


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@functools.cache
def _engine() -> _Engine:
    return _Engine()


# ---------------------------------------------------------------------------------------------------------
# 3. Cercle's reading of a spreadsheet cell

CELL_CODES = ("ok", "empty", "invalid", "scientific_notation")
REPAIR_CODES = (
    "excel_float_artefact",  # 612345678.0 → 612345678
    "apostrophe_removed",  # '+33612345678
    "tel_uri_removed",  # tel:+33612345678
    "annotation_removed",  # "Portable : 06…", "06… (bureau)", "06… poste 12"
    "several_numbers",  # "06… / 01…", "06… ::: 07…", one per line
    "separators_removed",  # spaces, dots, dashes, slashes, parentheses
    "international_prefix_00",  # 0033… → +33…
    "trunk_zero_removed",  # +33 (0)6… → +336…
    "leading_zero_restored",  # 612345678 → 0612345678 (Excel dropped the 0)
    "overseas_france",  # 0690 12 34 56 → +590 690 12 34 56
    "invalid_number_dropped",  # one of several numbers in the cell is not valid
    "duplicate_removed",  # the same number twice in the cell
)
# Repairs that change how a number is written, not which number it is: a report may leave them out.
WRITING_ONLY_REPAIRS = frozenset({"separators_removed", "apostrophe_removed", "tel_uri_removed"})
# Overseas departments that share France's national format ("0" + 9 digits) but not its country code.
OVERSEAS_FRANCE = ("GP", "MQ", "GF", "RE", "YT")


@dataclass(frozen=True, slots=True)
class CellPhones:
    """What one spreadsheet cell holds, as Cercle reads it.

    ``primary`` is the number to use (a mobile first when the cell has several), ``others`` the other
    valid numbers (E.164, each once), ``repairs`` what was changed to read the cell (codes from
    REPAIR_CODES, each once) and ``code`` the verdict: ``ok``, ``empty``, ``scientific_notation`` (Excel
    lost digits; nothing is guessed) or ``invalid``. ``primary`` is None only for ``empty`` and
    ``scientific_notation``; for ``invalid`` it holds libphonenumber's verdict on the number as written
    (its ``code`` says why). A check's ``input`` is the text that was validated, after the repairs.
    ``whatsapp``, ``telegram`` and ``sms`` say whether the primary number can be invited to a group or get an
    SMS: see ``is_reachable``.
    """

    primary: PhoneCheck | None
    others: tuple[PhoneCheck, ...]
    repairs: tuple[str, ...]
    code: str
    whatsapp: bool
    telegram: bool
    sms: bool


def is_reachable(check: PhoneCheck) -> bool:
    """Whether a WhatsApp or Telegram invitation or an SMS can reach this number.

    True for a valid mobile. A ``fixed_line_or_mobile`` number counts only where the region's own metadata
    uses one pattern for fixed and mobile numbers, i.e. its numbering plan does not tell them apart (NANP
    regions: US, CA, PR, VI, GU, MP): there most numbers people give are mobiles. Elsewhere (DK, MX, IN...)
    it means a range shared by both, so it is not counted. Landlines, toll-free, premium-rate, shared-cost,
    VoIP, UAN, pagers and voicemail are kept but never reachable this way.
    """
    if not check.valid:
        return False
    if check.type == "mobile":
        return True
    return check.type == "fixed_line_or_mobile" and _one_plan_for_fixed_and_mobile(check.region)


@functools.cache
def _one_plan_for_fixed_and_mobile(region: str | None) -> bool:
    meta = PhoneMetadata.metadata_for_region(region, None) if region else None
    return bool(meta is not None and meta.same_mobile_and_fixed_line_pattern)


def clean_phone_cell(raw: object, region: str | None = "FR") -> CellPhones:
    """Reads one cell (text, or a number Excel stored as such) with the contact's country ``region``.

    ``region`` is an ISO code, any case; blank means ``"FR"``. Every change is reported in ``repairs``.
    Digits are never invented: text in scientific notation (``6,12346E+08``) is refused, while an int or
    float is taken as the exact value Excel stored (``612345678.0`` → ``612345678``, then its lost 0).
    A leading 0 is restored only if the number as written is not valid or means the same number; overseas
    France is tried (GP, MQ, GF, RE, YT) only when the French reading is not valid.
    """
    return _clean_cells([raw], [region], _validate_each)[0]


def clean_phone_cells(values: Sequence[object],
                      regions: str | None | Sequence[str | None] = "FR") -> list[CellPhones]:
    """``clean_phone_cell`` over a column (one region, or one per row), validating through the batch path."""
    values = list(values)
    if isinstance(regions, str) or regions is None:
        regions = [regions] * len(values)
    else:
        regions = list(regions)
        if len(regions) != len(values):
            raise ValueError(f"{len(values)} values but {len(regions)} regions")
    try:
        with _cycle_collection_paused():
            return _clean_cells(values, regions, validate_phones)
    finally:
        # the memo helps within a column; it must not keep people's numbers in the process afterwards
        _validate_remembered.cache_clear()


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """A column of cells makes millions of small objects without cycles: collecting meanwhile frees nothing
    and took about 40% of the time (measured on 200,000 cells)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _validate_each(texts: list[str], regions: list[str]) -> list[PhoneCheck]:
    return [validate_phone(text, region) for text, region in zip(texts, regions, strict=True)]


@dataclass(slots=True)
class _Part:
    """One number written in a cell and the readings to try, most likely first."""

    readings: list[tuple[str, tuple[str, ...]]]  # (text to validate, repairs if this reading is chosen)
    repairs: tuple[str, ...] = ()  # repairs that hold whichever reading is chosen
    restored: int | None = None  # index of the reading with a restored leading zero
    trunk_zero: bool = False  # written "+33 (0)6…"
    overseas: tuple[str, tuple[str, ...]] | None = None  # national form to try against OVERSEAS_FRANCE
    checks: list[PhoneCheck] = field(default_factory=list)


@dataclass(slots=True)
class _Cell:
    region: str
    code: str | None = None  # decided before any validation (empty, scientific_notation)
    repairs: list[str] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=list)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"))
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = "'\"`´‘’‚‛“”„«»"
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:[.,]\d*)?\s*[eE]\s*[+-]?\d+$")
_FLOAT_TEXT = re.compile(r"^(\+?\d+)[.,]0+$")
_TEL_URI = re.compile(r"^(?:tel|callto|sms)\s*:(?=\s*[+\d(])", re.IGNORECASE)
# Between two numbers for sure; or, when each side has at least 8 digits (else a separator inside a number).
_STRONG_SPLIT = re.compile(r"\s*(?::::|[;|\n\r&]|\s(?:ou|or|et|and)\s)\s*", re.IGNORECASE)
_WEAK_SPLIT = re.compile(r"\s*[/\\,]\s*|\s+-\s+")
_EXTENSION = re.compile(r"[\s,]*(?:poste|post\.?|ext(?:ension)?\.?|x)\s*[:.]?\s*\d{1,6}\s*\W*$",
                        re.IGNORECASE)
_FIRST = re.compile(r"[+\d]")
_LAST_DIGIT = re.compile(r"\d(?=\D*$)")
_SEPARATORS = re.compile(r"[\s.,\-/()\[\]']+")
_TRUNK_ZERO = re.compile(r"^(?:\+|00)\s*\d{1,3}\s*[(\[]\s*0\s*[)\]]")
_NON_DIGITS = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_COMPACT = re.compile(r"\+?\d+")
_PLAIN_NUMBER = re.compile(r"\+?[0-9]+(?:[ .\-][0-9]+)*")  # one separator at a time: " - " may split


def _cell_text(raw: object) -> tuple[str | None, list[str]]:
    """The cell as text (None when empty) and the repairs that reading it took."""
    if raw is None or type(raw).__name__ in ("NAType", "NaTType"):
        return None, []
    if isinstance(raw, bool):
        return str(raw), []
    if isinstance(raw, int) or type(raw).__name__.startswith(("int", "uint")):
        return str(int(raw)), []
    if isinstance(raw, float) or type(raw).__name__.startswith("float"):
        value = float(raw)
        if math.isnan(value):
            return None, []
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
            return str(int(value)), ["excel_float_artefact"]
        return repr(value), []
    return str(raw), []


def _plan_cell(raw: object, region: str | None) -> _Cell:
    region = region.strip().upper() if isinstance(region, str) and region.strip() else "FR"
    cell = _Cell(region)
    text, cell.repairs = _cell_text(raw)
    if text is not None and not text.isascii():
        text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).translate(_DASHES)
    text = text.strip() if text is not None else None
    if not text:
        cell.code = "empty"
        return cell
    unquoted = text.strip(_QUOTES + " ")
    if unquoted != text:
        cell.repairs.append("apostrophe_removed")
        text = unquoted
        if not text:
            cell.code = "empty"
            return cell
    if _SCIENTIFIC.match(text.replace(" ", "")):
        cell.code = "scientific_notation"
        return cell
    artefact = _FLOAT_TEXT.match(text)
    if artefact:
        text = artefact.group(1)
        cell.repairs.append("excel_float_artefact")
    if _PLAIN_NUMBER.fullmatch(text):  # the common case, with nothing else to repair
        compact = _SEPARATORS.sub("", text)
        cell.parts = [_readings(compact, text, ("separators_removed",) if compact != text else (), region)]
        return cell
    uri = _TEL_URI.match(text)
    if uri:
        text = text[uri.end():].split(";")[0].strip()
        cell.repairs.append("tel_uri_removed")
    pieces = [piece for piece in _STRONG_SPLIT.split(text) if piece.strip()]
    numbers: list[str] = []
    for piece in pieces:
        halves = [half for half in _WEAK_SPLIT.split(piece) if half.strip()]
        if len(halves) > 1 and all(_digit_count(half) >= 8 for half in halves):
            numbers.extend(halves)
        else:
            numbers.append(piece)
    with_digits = [number for number in numbers if _DIGIT.search(number)]
    if len(with_digits) > 1:
        cell.repairs.append("several_numbers")
    cell.parts = [_plan_part(number, region) for number in (with_digits or numbers[:1] or [text])]
    return cell


def _digit_count(text: str) -> int:
    return len(_DIGIT.findall(text))


def _plan_part(text: str, region: str) -> _Part:
    repairs: list[str] = []
    extension = _EXTENSION.search(text)
    if extension and _digit_count(text[:extension.start()]) >= 6:
        text = text[:extension.start()]
        repairs.append("annotation_removed")
    first, last = _FIRST.search(text), _LAST_DIGIT.search(text)
    if first is None or last is None or last.start() < first.start():
        return _Part([(text.strip(), ())], tuple(repairs))
    before, core, after = text[:first.start()], text[first.start():last.end()], text[last.end():]
    if (_LETTER.search(before) or _LETTER.search(after)) and "annotation_removed" not in repairs:
        repairs.append("annotation_removed")
    compact = _SEPARATORS.sub("", core)
    if not _COMPACT.fullmatch(compact):
        return _Part([(core, ())], tuple(repairs))  # letters or symbols among the digits: read as written
    if compact != core:
        repairs.append("separators_removed")
    return _readings(compact, core, tuple(repairs), region)


def _readings(compact: str, core: str, repairs: tuple[str, ...], region: str) -> _Part:
    """The readings of one number written as ``core`` ("+" and digits once ``compact``), most likely first."""
    part = _Part([], repairs, trunk_zero=_TRUNK_ZERO.match(core) is not None)
    if compact.startswith(("00", "+00")) and len(compact) > compact.index("00") + 2:
        international = "+" + compact[compact.index("00") + 2:]
        if not international.startswith("+0"):
            part.readings.append((international, ("international_prefix_00",)))
    elif compact.isdigit() and not compact.startswith("0"):
        part.restored = 0
        part.readings.append(("0" + compact, ("leading_zero_restored",)))
    part.readings.append((compact, ()))
    if region == "FR":
        part.overseas = _overseas_national(compact)
    return part


def _overseas_national(compact: str) -> tuple[str, tuple[str, ...]] | None:
    """The French national form ("0" + 9 digits) of a number, to read as an overseas one."""
    repairs: tuple[str, ...] = ()
    national = compact
    if compact.startswith("+33"):
        national = compact[3:]
    elif compact.startswith("0033"):
        national, repairs = compact[4:], ("international_prefix_00",)
    if len(national) == 9 and national.isdigit() and not national.startswith("0"):
        if national is compact:
            repairs = ("leading_zero_restored",)
        national = "0" + national
    if len(national) == 10 and national.startswith("0") and national.isdigit():
        return national, repairs
    return None


def _choose(part: _Part) -> tuple[PhoneCheck, tuple[str, ...]] | None:
    """The first valid reading; a restored zero only when the number as written is not valid otherwise."""
    written = part.checks[len(part.readings) - 1]
    for index, ((text, repairs), check) in enumerate(zip(part.readings, part.checks, strict=True)):
        if not check.valid:
            continue
        if index == part.restored and written.valid and written.e164 != check.e164:
            continue
        if part.trunk_zero and check.e164 and len(check.e164) - 1 < len(_NON_DIGITS.sub("", text)):
            repairs = (*repairs, "trunk_zero_removed")
        return check, repairs
    return None


def _clean_cells(values: list, regions: list, validate) -> list[CellPhones]:
    cells = [_plan_cell(value, region) for value, region in zip(values, regions, strict=True)]
    texts, text_regions, owners = [], [], []
    for cell in cells:
        for part in cell.parts:
            for text, _ in part.readings:
                texts.append(text)
                text_regions.append(cell.region)
                owners.append(part)
    for part, check in zip(owners, validate(texts, text_regions), strict=True):
        part.checks.append(check)

    chosen: dict[int, tuple[PhoneCheck, tuple[str, ...]]] = {}
    texts, text_regions, overseas_owners = [], [], []
    for cell in cells:
        for part in cell.parts:
            pick = _choose(part)
            if pick is not None:
                chosen[id(part)] = pick
            elif part.overseas is not None:
                for overseas_region in OVERSEAS_FRANCE:
                    texts.append(part.overseas[0])
                    text_regions.append(overseas_region)
                    overseas_owners.append(part)
    for part, check in zip(overseas_owners, validate(texts, text_regions) if texts else [], strict=True):
        if check.valid and id(part) not in chosen:
            chosen[id(part)] = (check, (*part.overseas[1], "overseas_france"))
    return [_assemble(cell, chosen) for cell in cells]


def _assemble(cell: _Cell, chosen: dict) -> CellPhones:
    if cell.code is not None:
        return CellPhones(None, (), tuple(cell.repairs), cell.code, False, False, False)
    repairs = list(cell.repairs)
    kept: list[tuple[PhoneCheck, tuple[str, ...]]] = []
    for part in cell.parts:
        if id(part) in chosen:
            check, reading_repairs = chosen[id(part)]
            kept.append((check, (*part.repairs, *reading_repairs)))
        elif len(cell.parts) > 1:
            repairs.append("invalid_number_dropped")
    if not kept:
        first = cell.parts[0]
        written = first.checks[len(first.readings) - 1]
        return CellPhones(written, (), _unique([*repairs, *first.repairs]), "invalid", False, False, False)
    primary_index = next((i for i, (check, _) in enumerate(kept) if is_reachable(check)), 0)
    order = [kept[primary_index]] + kept[:primary_index] + kept[primary_index + 1:]
    primary = order[0][0]
    others: list[PhoneCheck] = []
    seen = {primary.e164}
    for check, _ in order[1:]:
        if check.e164 in seen:
            repairs.append("duplicate_removed")
            continue
        seen.add(check.e164)
        others.append(check)
    for _, part_repairs in order:
        repairs.extend(part_repairs)
    reachable = is_reachable(primary)
    return CellPhones(primary, tuple(others), _unique(repairs), "ok", reachable, reachable, reachable)


def _unique(codes: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


# ---------------------------------------------------------------------------------------------------------
# 4. Words for every code

def describe(code: str) -> str:
    """The sentence a marketer reads for a reason or repair code, in the current language."""
    return i18n.t("phone." + code)
