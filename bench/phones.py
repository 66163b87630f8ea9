"""Plain libphonenumber loop against the column path of lib.contacts.phones, on one deterministic mix.

    .venv/bin/python bench/phones.py [--n 1000000] [--seed 7] [--region FR]

Both run in this process on the same inputs, after a small warm-up of each. Prints the two times, the ratio,
how many rows disagree in any field (the target is 0), the share of rows the column path left to
libphonenumber, and the peak memory of the process.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import phonenumbers  # noqa: E402
import pyarrow as pa  # noqa: E402

from lib.contacts import phones  # noqa: E402

_FOREIGN = ("BE", "CH", "DE", "GB", "US", "IT", "ES", "NL", "LU", "CA", "JP", "CN", "BR", "AU", "PT", "IE")
_GARBAGE = ("", " ", "n/a", "N/A", "-", "inconnu", "0", "12", "?", "pas de tel", "voir mail", "néant", "xx")


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _pairs(national: str) -> str:
    return " ".join(national[i:i + 2] for i in range(0, len(national), 2))


def _french(rng: random.Random, mobile: bool) -> str:
    """A French national number, 10 digits with its 0 (not always a valid one: real files have typos)."""
    head = rng.choice(("06", "07")) if mobile else rng.choice(("01", "02", "03", "04", "05", "09"))
    return head + _digits(rng, 8)


def _foreign(rng: random.Random) -> str:
    number = phonenumbers.example_number_for_type(rng.choice(_FOREIGN), rng.choice((0, 1)))
    national = phonenumbers.national_significant_number(number)
    national = national[:-4] + _digits(rng, 4)
    written = rng.choice(("+{cc} {nsn}", "+{cc}{nsn}", "00{cc} {nsn}", "+{cc} {spaced}"))
    return written.format(cc=number.country_code, nsn=national, spaced=_pairs(national))


def _mix(rng: random.Random):
    """(weight, writer) pairs; each writer turns a random generator into one cell as people type it."""
    def mobile():
        return _french(rng, True)

    def landline():
        return _french(rng, False)

    return (
        (22, lambda: _pairs(mobile())),
        (12, mobile),
        (5, lambda: mobile()[:2] + "." + ".".join(_pairs(mobile()[2:]).split())),
        (2, lambda: "-".join(_pairs(mobile()).split())),
        (10, lambda: "+33 " + mobile()[1] + " " + _pairs(mobile()[2:])),
        (8, lambda: "+33" + mobile()[1:]),
        (2, lambda: "0033 " + mobile()[1:]),
        (1.5, lambda: "+33 (0)" + mobile()[1] + " " + _pairs(mobile()[2:])),
        (1, lambda: "'+33" + mobile()[1:]),
        (0.5, lambda: "tel:+33" + mobile()[1:]),
        (3, lambda: mobile()[1:]),
        (1, lambda: mobile()[1:] + ".0"),
        (1, lambda: "33" + mobile()[1:]),
        (10, lambda: _pairs(landline())),
        (3, lambda: "+33 " + landline()[1:]),
        (1, lambda: "0" + rng.choice(("690", "691", "696", "697", "692", "693", "694", "639")) + " "
         + _digits(rng, 6)),
        (8, lambda: _foreign(rng)),
        (0.8, lambda: _pairs(mobile()) + rng.choice((" (mobile)", " (portable)", " perso", " bureau"))),
        (0.7, lambda: rng.choice(("Portable : ", "Tél. ", "Mobile: ", "tel ")) + _pairs(mobile())),
        (1, lambda: _pairs(mobile()) + rng.choice((" / ", " ::: ", "; ", "\n")) + _pairs(landline())),
        (0.5, lambda: rng.choice(("6,12346E+08", "3.36123E+10", "6.1234E+8", "3,3612E+10"))),
        (3, lambda: rng.choice(_GARBAGE)),
        (1.5, lambda: _pairs(mobile())[: rng.choice((8, 11, 14))]),
        (1.5, lambda: mobile() + _digits(rng, rng.choice((1, 2, 3)))),
    )


def sample(n: int, seed: int) -> list[str]:
    """``n`` cells, the same for the same seed."""
    rng = random.Random(seed)
    mix = _mix(rng)
    weights = [weight for weight, _ in mix]
    writers = [writer for _, writer in mix]
    return [rng.choices(writers, weights)[0]() for _ in range(n)]


def _peak_mb() -> float:
    """Peak resident memory of this process so far (Arrow's buffers included)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--region", default="FR")
    args = parser.parse_args()

    values = sample(args.n, args.seed)
    print(f"{len(values):,} inputs ({len(set(values)):,} distinct), default region {args.region}, "
          f"phonenumbers {phonenumbers.__version__}; memory after generating: {_peak_mb():.0f} MB")
    warm_up = sample(2_000, args.seed + 1)
    for value in warm_up:
        phones.validate_phone(value, args.region)
    phones.validate_phones(warm_up, args.region)
    phones._validate_remembered.cache_clear()  # the column path starts with an empty memo

    start = time.perf_counter()
    plain = [phones.validate_phone(value, args.region) for value in values]
    plain_seconds = time.perf_counter() - start
    print(f"plain loop (parse, is_valid, E.164, type, region): {plain_seconds:.2f} s "
          f"({plain_seconds / len(values) * 1e6:.1f} µs a row); peak memory {_peak_mb():.0f} MB")

    start = time.perf_counter()
    fast = phones.validate_phones(values, args.region)
    fast_seconds = time.perf_counter() - start
    print(f"column path: {fast_seconds:.2f} s, {plain_seconds / fast_seconds:.1f}x faster; "
          f"{fast.fallback_rows:,} rows ({fast.fallback_rows / len(values):.1%}) left to libphonenumber; "
          f"peak memory {_peak_mb():.0f} MB (the loop's results still held; "
          f"Arrow buffers peaked at {pa.default_memory_pool().max_memory() / 2**20:.0f} MB)")

    start = time.perf_counter()
    objects = fast.to_list()
    list_seconds = time.perf_counter() - start
    print(f"  + to_list() into PhoneCheck objects: {list_seconds:.2f} s "
          f"(with it: {plain_seconds / (fast_seconds + list_seconds):.1f}x)")

    reference = phones.PhoneChecks.from_checks(plain)
    disagreements = sum(1 for mine, theirs in zip(objects, plain, strict=True) if mine != theirs)
    fields = ("input", "e164", "valid", "type", "region", "code")
    per_field = {name: sum(a != b for a, b in zip(getattr(fast, name), getattr(reference, name), strict=True))
                 for name in fields}
    print(f"disagreements over all fields: {disagreements} (by field: {per_field})")
    print("verdicts:", dict(Counter(fast.code).most_common()))
    if disagreements:
        for mine, theirs in [(a, b) for a, b in zip(objects, plain, strict=True) if a != b][:10]:
            print("  column path:", mine, "\n  libphonenumber:", theirs)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
