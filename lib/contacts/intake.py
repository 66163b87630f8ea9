"""From a table of raw cells and a column mapping to cleaned contact records plus a list of issues.

Each issue is a row number (as in the file), a column, the value, a reason code and a sentence (docs/promises.md
14). A row is refused only when nothing usable identifies the person: no valid phone and no valid email.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import phonenumbers

from lib import clock
from lib.contacts.countries import country_code
from lib.contacts.phones import REPAIR_CODES, WRITING_ONLY_REPAIRS, CellPhones, clean_phone_cells
from lib.contacts.store import ContactRecord
from lib.i18n import CATALOG, t
from lib.segments.budget import parse_budget as _parse_budget

parse_budget = functools.lru_cache(maxsize=4096)(_parse_budget)

_EMAIL = re.compile(r"^[^@\s<>(),;:\"']+@[^@\s<>(),;:\"']+\.[a-zA-Z]{2,}$")
_INTEREST_SPLIT = re.compile(r"\s*[,;/|\n]\s*")
_YES = frozenset({"oui", "o", "yes", "y", "x", "1", "true", "vrai", "ok", "✓", "✔", "opt-in", "optin", "accepte"})
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d")
# Answers that mean "no budget given": kept as written, not worth a note.
_NO_ANSWER = frozenset({"pas de budget", "aucun", "aucune idée", "nsp", "ne sait pas", "-", "?", "n/a", "na",
                        "non renseigné", "none", "no budget"})
CONSENT_FIELDS = ("consent_whatsapp", "consent_sms", "consent_telegram", "consent_email")
# The longest value kept per text field. Real names, towns and budgets are far shorter; a longer one is junk
# and would not fit the database's indexes (a 9,000-character town broke the city index): it is left out
# for its row, with the row listed, and the rest of the row is imported.
MAX_CHARS = {"first_name": 200, "last_name": 200, "full_name": 400, "city": 200, "postal_code": 20,
             "budget": 200, "email": 254, "country": 100, "birth_date": 40}


# Repairs that lose something: one of several numbers in the cell was not valid and was left out.
_LOSING_REPAIRS = frozenset({"invalid_number_dropped"})


@dataclass(frozen=True)
class Issue:
    """What the cleaning says about one cell. ``result`` is the number kept after a repair (E.164);
    ``reason`` says more precisely why a number was not kept (``too_short``, ``scientific_notation``…)."""

    row: int
    column: str
    value: str
    code: str
    result: str = ""
    reason: str = ""

    @property
    def kind(self) -> str:
        """``repaired`` (a number read as it was meant, harmless), ``number_lost`` (a number not kept),
        ``refused`` (the row is not imported) or ``note`` (anything else to check)."""
        if self.code.startswith("phone."):
            code = self.code.removeprefix("phone.")
            if code in REPAIR_CODES and code not in _LOSING_REPAIRS:
                return "repaired"
            return "refused" if code == "empty" else "number_lost"
        return "refused" if self.code == "row_refused" else "note"

    @property
    def message(self) -> str:
        if self.code.startswith("phone."):
            return t(self.code)
        if f"intake.{self.code}" in CATALOG:
            return t(f"intake.{self.code}")
        return t(f"importreport.issue.{self.code}")

    def as_dict(self) -> dict:
        code = self.code.removeprefix("phone.")
        return {"row": self.row, "column": self.column, "value": self.value, "code": code, "message": self.message}


@dataclass
class Cleaned:
    records: list[ContactRecord] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    refused: int = 0
    repaired: int = 0


@functools.lru_cache(maxsize=4096)
def is_yes(value: str) -> bool:
    return value.strip().lower() in _YES


@functools.lru_cache(maxsize=65536)
def parse_date(value: str) -> date | None:
    text = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if 1900 <= parsed.year <= clock.today().year:
            return parsed
    return None


# A cell a spreadsheet would run as a formula (=, +, -, @; tab or return first): junk from a hostile file.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters no interest is written with but formulas and markup are (the pieces of a split formula).
_CODE_CHARACTERS = frozenset("=<>{}`")


def _usable_interest(part: str) -> bool:
    """Not a Google system label (``* myContacts``, ``* starred``: any label starting with ``*``), not
    formula-looking, and written with at least one letter."""
    if part.startswith(("*",) + _FORMULA_START):
        return False
    balanced = part.count('"') % 2 == 0 and part.count("(") == part.count(")")  # no piece of a split formula
    return balanced and any(ch.isalpha() for ch in part) and not _CODE_CHARACTERS.intersection(part)


@functools.lru_cache(maxsize=65536)
def _split_interests(value: str) -> tuple[str, ...]:
    text = value.strip()
    if text.startswith(_FORMULA_START) and not text.startswith(("- ", "-\t")):
        return ()  # the whole cell is a formula (=HYPERLINK(…), +cmd, @SUM(…)): nothing in it is an interest
    found = []
    # ":::" separates Google Contacts' labels ("* myContacts ::: Clients")
    for part in _INTEREST_SPLIT.split(text.replace(":::", "\n")):
        part = " ".join(part.split())
        if part.startswith(("- ", "• ")):  # a bullet, not a sign
            part = part[2:].strip()
        if part and _usable_interest(part) and part[:80] not in found:
            found.append(part[:80])
    return tuple(found)


def split_interests(value: str) -> list[str]:
    return list(_split_interests(value))


_POSSIBLE = {
    phonenumbers.ValidationResult.TOO_SHORT: "too_short",
    phonenumbers.ValidationResult.TOO_LONG: "too_long",
    phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "invalid_country_code",
}


def _lost_reason(phone: CellPhones, region: str) -> str:
    """Why a number was not kept, as precisely as libphonenumber says it (only lost numbers get here)."""
    if phone.code != "invalid" or phone.primary is None:
        return phone.code
    if phone.primary.code != "invalid":
        return phone.primary.code  # a parse error: not_a_number, too_short_after_idd…
    try:
        parsed = phonenumbers.parse(phone.primary.input, region)
    except phonenumbers.NumberParseException:
        return "invalid"
    return _POSSIBLE.get(phonenumbers.is_possible_number_with_reason(parsed), "invalid")


def _shown(value: str) -> str:
    """A value as a report shows it: whole when short, else its start (a report never holds a 20 kB cell)."""
    return value if len(value) <= 80 else value[:60] + "…"


def _age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


_MEMOS = (parse_budget, is_yes, parse_date, _split_interests, country_code)


def clean_rows(columns: list[str], rows: list[list[str]], *, region: str = "FR",
               mapping: dict[str, str] | None = None, first_row_number: int = 2,
               row_numbers: list[int] | None = None, source_label: str | None = None) -> Cleaned:
    """Cleans ``rows`` (cells as text, in ``columns`` order) mapped by ``mapping`` (column → field).

    The cell memos speed up one file; they are emptied afterwards so no process-wide cache keeps one
    workspace's cells (docs/promises.md 5)."""
    try:
        return _clean_rows(columns, rows, region=region, mapping=mapping, first_row_number=first_row_number,
                           row_numbers=row_numbers, source_label=source_label)
    finally:
        for memo in _MEMOS:
            memo.cache_clear()


def _clean_rows(columns: list[str], rows: list[list[str]], *, region: str, mapping: dict[str, str] | None,
                first_row_number: int, row_numbers: list[int] | None, source_label: str | None) -> Cleaned:
    if mapping is None:
        from lib.contacts.mapping import guess_mapping

        mapping = guess_mapping(columns)
    by_field: dict[str, list[int]] = {}
    for index, column in enumerate(columns):
        target = mapping.get(column, "ignore")
        if target != "ignore":
            by_field.setdefault(target, []).append(index)

    # Column-wise first: for each field, the first non-blank cell of its columns, row by row.
    cells: dict[str, list[str]] = {}
    column_of: dict[str, list[str]] = {}
    for name, indexes in by_field.items():
        if len(indexes) == 1:
            i = indexes[0]
            cells[name] = [row[i].strip() if i < len(row) else "" for row in rows]
            column_of[name] = [columns[i]] * len(rows)
        else:
            found = [next(((row[i].strip(), columns[i]) for i in indexes if i < len(row) and row[i].strip()),
                          ("", columns[indexes[0]])) for row in rows]
            cells[name] = [value for value, _ in found]
            column_of[name] = [column for _, column in found]
    blank = [""] * len(rows)

    def first(k: int, name: str) -> tuple[str, str]:
        values = cells.get(name)
        if values is None:
            return "", name
        value, column = values[k], column_of[name][k]
        limit = MAX_CHARS.get(name)
        if limit is not None and len(value) > limit:
            too_long.append(Issue(numbers[k], column, _shown(value), "value_too_long"))
            return "", column
        return value, column

    numbers = row_numbers or [first_row_number + i for i in range(len(rows))]
    too_long: list[Issue] = []  # filled by first() as it meets over-long values
    countries = [country_code(value) if len(value) <= MAX_CHARS["country"] else None
                 for value in cells.get("country", blank)]
    phone_cells = [" ::: ".join(row[i] for i in by_field.get("phone", []) if i < len(row) and row[i].strip())
                   for row in rows]
    phones = clean_phone_cells(phone_cells, [c or region for c in countries])
    phone_column = columns[by_field["phone"][0]] if by_field.get("phone") else "phone"
    today = clock.today()
    cleaned = Cleaned()
    for k, (number, country, raw_phone, phone) in enumerate(zip(numbers, countries, phone_cells, phones, strict=True)):
        issues: list[Issue] = []
        too_long = issues  # first() adds this row's over-long values here
        record = ContactRecord(row=number, country=country)
        if phone.primary is not None and phone.primary.valid:
            record.phone_e164 = phone.primary.e164
            record.phone_type = phone.primary.type
            record.phone_region = phone.primary.region
            record.other_phones = [other.e164 for other in phone.others if other.e164]
            record.reach_whatsapp, record.reach_telegram, record.reach_sms = phone.whatsapp, phone.telegram, phone.sms
            # No country column: the number's own country is the best evidence of where the person lives.
            if record.country is None and phone.primary.region and len(phone.primary.region) == 2:
                record.country = phone.primary.region
            # Only repairs that change which number it is are worth a line; spaces and dots are not news.
            repairs = [code for code in phone.repairs if code not in WRITING_ONLY_REPAIRS]
            if repairs:
                cleaned.repaired += 1
                issues.extend(Issue(number, phone_column, _shown(raw_phone), f"phone.{code}", result=record.phone_e164,
                                    reason=code) for code in repairs)
        elif raw_phone:
            issues.append(Issue(number, phone_column, _shown(raw_phone), f"phone.{phone.code}",
                                reason=_lost_reason(phone, country or region)))
        email, email_column = first(k, "email")
        if email:
            if _EMAIL.match(email):
                record.email = email
            else:
                issues.append(Issue(number, email_column, _shown(email), "invalid_email"))
        if record.phone_e164 is None and record.email is None:
            cleaned.refused += 1
            if not raw_phone and not email:
                issues.append(Issue(number, phone_column, "", "phone.empty"))
            issues.append(Issue(number, "", "", "row_refused"))
            cleaned.issues.extend(issues)
            continue
        record.first_name = first(k, "first_name")[0] or None
        record.last_name = first(k, "last_name")[0] or None
        full_name = first(k, "full_name")[0]
        if full_name and not (record.first_name or record.last_name):
            parts = full_name.split(maxsplit=1)
            record.first_name, record.last_name = parts[0], (parts[1] if len(parts) > 1 else None)
        record.city = first(k, "city")[0] or None
        record.postal_code = first(k, "postal_code")[0] or None
        record.interests = split_interests(first(k, "interests")[0])
        budget, budget_column = first(k, "budget")
        if budget:
            record.budget_raw = budget
            parsed = parse_budget(budget)
            if parsed:
                record.budget_min_eur, record.budget_max_eur = parsed
            elif budget.strip().lower() not in _NO_ANSWER:
                issues.append(Issue(number, budget_column, _shown(budget), "budget_unreadable"))
        born_text, born_column = first(k, "birth_date")
        if born_text:
            born = parse_date(born_text)
            if born:
                record.birth_date = born.isoformat()
                record.declared_adult = _age_on(born, today) >= 18
            else:
                issues.append(Issue(number, born_column, _shown(born_text), "date_unreadable"))
        adult = first(k, "adult")[0]
        if adult and record.declared_adult is None:
            record.declared_adult = is_yes(adult)
        for name in CONSENT_FIELDS:
            value, column = first(k, name)
            if value and is_yes(value):
                setattr(record, name, True)
                record.consent_proof[name.removeprefix("consent_")] = {
                    "at": today.isoformat(), "method": "import", "source": source_label or column,
                    "wording": column,
                }
        notes = first(k, "notes")[0]
        if notes:
            record.attributes["notes"] = notes[:2000]
        cleaned.records.append(record)
        cleaned.issues.extend(issues)
    return cleaned
