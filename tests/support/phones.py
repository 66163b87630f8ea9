"""Phone test helpers: the corpora the column path is checked on, and libphonenumber's verdicts on them.

The reference verdict (``validate_phone``, plain libphonenumber) is a pure function of (text, region), and it
is most of these tests' cost: it is computed once per distinct pair within a call, then given to every row.
"""

from __future__ import annotations

import functools
import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from lib.contacts.phones import PhoneCheck, validate_phone, validate_phones

# libphonenumber compiles a region's patterns on every call through re's cache of 512, which the corpora here
# (every region, ~1,900 patterns) keep evicting: its own cache keeps each one compiled once (0.5 MB), the
# same patterns and verdicts, a quarter to a third of the reference loop's time saved.
phonenumbers.enable_pattern_cache()


def _writings(number: phonenumbers.PhoneNumber, rng: random.Random) -> list[str]:
    """One number written the ways people and systems write it, plus near misses."""
    country = str(number.country_code)
    national = phonenumbers.national_significant_number(number)
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    domestic = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    typo = list(national)
    typo[rng.randrange(len(typo))] = rng.choice("0123456789")
    return [
        e164, phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL), domestic,
        phonenumbers.format_number(number, PhoneNumberFormat.RFC3966), national, country + national,
        "00" + country + national, "011" + country + national, f"+{country} (0){national}", "0" + national,
        "1" + national, e164[:-1], national + "7", "Tel: " + domestic, domestic.replace(" ", "."),
        "+" + country + "".join(typo),
    ]


@functools.cache
def example_corpus() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Every example number written many ways, with the region it comes from.

    Built on first use (not at collection, where every run paid for it) and kept for the session; the
    tuples cannot be changed by the tests that share them.
    """
    rng = random.Random(20260101)
    numbers = [(region, phonenumbers.example_number_for_type(region, kind))
               for region in sorted(phonenumbers.SUPPORTED_REGIONS) for kind in PhoneNumberType.values()]
    numbers += [("001", phonenumbers.example_number_for_non_geo_entity(code))
                for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)]
    pairs = [(text, region) for region, number in numbers if number is not None
             for text in _writings(number, rng)]
    return tuple(text for text, _ in pairs), tuple(region for _, region in pairs)


def plausible_corpus(size: int, seed: int) -> list[str]:
    """Digit strings with the prefixes, separators and labels that reach the column path, at random."""
    rng = random.Random(seed)
    codes = sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE)
    out = []
    for _ in range(size):
        size_of = rng.choice((1, 2, 3, 6, 8, 9, 10, 11, 12, 15, 24))
        digits = "".join(rng.choice("0123456789") for _ in range(size_of))
        code = rng.choice(codes)
        prefix = rng.choice(("", "", "0", "00", "+", "0033", "33", "+33", "1", "011", "+0", "8", "+78",
                             "+44 0", f"+{code}", f"00{code}", str(code)))
        text = prefix + digits
        if rng.random() < 0.5:
            separator = rng.choice((" ", ".", "-", "/", "(", ")", "\u00a0"))
            text = "".join(c + (separator if rng.random() < 0.3 else "") for c in text)
        if rng.random() < 0.1:
            text = rng.choice(("tel:", "Tél. ", "Portable: ", "'", "(", " ")) + text
        if rng.random() < 0.1:
            text += rng.choice((")", " ", ".", " ;", "!"))
        out.append(text)
    return out


def nasty_corpus(size: int, seed: int) -> list[str]:
    """Short strings over characters that sit on the edges of the column path's shapes."""
    rng = random.Random(seed)
    alphabet = ("0123456789" * 3 + " .-/()+\u00a0\u0085\t\n\x1c:;,'\"aéx#*_\u2019=~[]\uff10\u0661\u202f"
                + "ext;phone-context=+33")
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9))) for _ in range(size)]


def reference_checks(values: list, regions) -> list[PhoneCheck]:
    """``validate_phone`` on every row (one region, or one per row), asked once per distinct (value, region).

    The example corpus repeats a third of its strings (a region's fixed-line and mobile examples are often
    the same number). Distinct pairs are asked region by region, in the order they come: libphonenumber
    compiles its patterns through ``re``'s bounded cache, and rows that jump between regions evict them.
    """
    per_row = list(regions) if isinstance(regions, (list, tuple)) else [regions] * len(values)
    pairs = list(zip(values, per_row, strict=True))
    distinct = sorted(dict.fromkeys(pairs), key=lambda pair: (pair[1] is not None, pair[1] or ""))
    verdicts = {pair: validate_phone(*pair) for pair in distinct}
    return [verdicts[pair] for pair in pairs]


def disagreements(values: list, regions) -> list[tuple[object, PhoneCheck, PhoneCheck]]:
    """The rows where the column path and plain libphonenumber differ in any field."""
    got = validate_phones(values, regions)
    want = reference_checks(values, regions)
    assert len(got) == len(want)
    rows = zip(values, got, want, strict=True)
    return [(value, mine, theirs) for value, mine, theirs in rows if mine != theirs]
