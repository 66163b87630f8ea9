"""Segment rules: one document, three renderings (parameterised SQL, a sentence, a plain Python check).

The rule document
-----------------
JSON, as the app stores it in ``segments.rules`` and the CLI reads it from a file. A document is a group:

    {"all": [item, ...]}   every item holds            {"any": [item, ...]}   at least one item holds

An item is a nested group or a condition ``{"field": ..., "op": ..., "value": ...}`` (exactly those three keys).
An empty group holds for everyone: ``{"all": []}`` reads "tous les contacts". At most 4 levels of groups, 60
conditions, 100 values in a list, 200 characters in a text value. Example::

    {"all": [{"field": "interest", "op": "any_of", "value": ["vin rouge", "bio"]},
             {"field": "budget_eur", "op": "gte", "value": 30},
             {"field": "reachable", "op": "is", "value": "whatsapp"}]}
    -> "intéressés par « vin rouge » ou « bio », budget déclaré allant jusqu'à 30 € ou plus, joignables sur WhatsApp"

Fields and operations
---------------------
``interest``      ``any_of`` / ``all_of`` / ``none_of``: list of labels exactly as stored in ``contacts.interests``
                  (case-sensitive).
``budget_eur``    ``gte`` / ``lte`` (a number) / ``between`` ([min, max]), euros per bottle. A declared budget is a
                  range, possibly open ("< 15 €", "15-30 €", "60 € et plus"). "Budget au moins 30 €" (``gte 30``)
                  means the range *reaches* 30 €: its top (infinite when open) is at least 30, so "15-30" and
                  "60+" match and "< 15" does not. ``lte X``: the range's bottom is at most X. ``between [a, b]``:
                  the range overlaps [a, b]. People with no declared budget never match a budget condition.
``budget_tier``   ``in``: list of tiers, from the middle of the declared range (its bottom when the top is
                  open, half its top when the bottom is open): ``petit`` < 15 €, ``moyen`` 15-30 €, ``amateur``
                  30-60 €, ``grand_amateur`` >= 60 €, and ``inconnu`` for no declared budget. ``budget_tier_sql()``
                  gives the same tier in SQL for charts.
``country``       ``in`` / ``not_in``: ISO codes ("FR", "BE"; "France" is read as FR). Unknown country never matches.
``department``    ``in`` / ``not_in``: French departments ("33", "2A", "971"), from the postal code when the
                  country is FR or a French overseas territory (column ``contacts.department``). Unknown never
                  matches.
``city``          ``in``: city names, compared case-insensitively.
``reachable``     ``is`` / ``is_not``: ``whatsapp``, ``telegram``, ``sms``, ``email``. Reachable on a phone channel
                  = the number can take it (a mobile, ``reach_<channel>``) and ``consent_<channel>``; by email = an
                  email and ``consent_email``; and for every channel: not opted out, not suppressed, in the
                  delivery zone, and declared adult when the workspace sells alcohol.
``phone_can``     ``is`` / ``is_not`` a phone channel: the number can be reached that way (consent aside).
``consent``       ``is`` / ``is_not`` a channel: consent given for it.
``in_delivery_zone``  ``is`` true/false: the country is one the workspace delivers to and, for France when the
                  workspace lists departments, the department is one of them.
``adult``         ``is`` true / false / "unknown": ``declared_adult``.
``import_source`` ``in``: import ids (``contacts.source_import_id``).
``community``     ``in`` / ``not_in``: community ids; member of one of them (``community_members``), or of none.
``added``         ``after`` (that day included) / ``before`` (that day excluded) an ISO date ``YYYY-MM-DD``, in
                  Paris time (``contacts.created_at``).

Observed purchasing ability (RFM), from the workspace's orders: sales only (a refunded, voided or cancelled order
is not one), matched to the contact; ``lib/segments/rfm.py`` says exactly how. A contact without a sale has 0
orders and 0 € spent and no recency.

``rfm_recency_days`` ``gte`` / ``lte`` (whole days, 0 to 36,500) / ``between`` ([min, max]): days since the
                  last sale, Paris days ("lte 30": bought in the last 30 days). Never holds without a dated sale.
``rfm_orders``    ``gte`` / ``lte`` / ``between``: number of sales (whole, 0 to 100,000); 0 without a sale, so
                  ``lte 1`` includes people who never bought.
``rfm_spent_eur`` ``gte`` / ``lte`` / ``between``: euros spent in all (0 to 10,000,000); 0 without a sale.
``rfm_tier``      ``in``: observed tiers ``nouveau``, ``fidele``, ``grand_client``, ``occasionnel``,
                  ``a_reveiller``, ``jamais_achete`` (no sale); fixed thresholds under 50 buyers, scores by fifths
                  from 50 (see ``lib/segments/rfm.py``).

People who opted out or whose phone or email is on the suppression list are never in any segment, whatever
the rules. A new field (orders, communities) is one more ``_Field`` in ``FIELDS``: it parses its value, writes
its SQL, checks a contact in Python and says itself in a sentence.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from psycopg import sql

from lib import clock
from lib.contacts.countries import country_code
from lib.db import Database, Principal
from lib.i18n import TranslatedError, get_language, t
from lib.segments.rfm import NO_PURCHASE, NOBODY, RFM_TIER_NAMES, Buyer, buyers_sql, tiers_of, tiers_sql

MAX_DEPTH = 4
MAX_CONDITIONS = 60
MAX_VALUES = 100
MAX_TEXT = 200
MAX_BUDGET_EUR = Decimal(100_000)
MAX_RULES_FILE_BYTES = 1_000_000
MAX_DAYS = 36_500
MAX_ORDERS = 100_000
MAX_SPENT_EUR = Decimal(10_000_000)
PARIS = ZoneInfo("Europe/Paris")

CHANNELS = ("whatsapp", "telegram", "sms", "email")
PHONE_CHANNELS = ("whatsapp", "telegram", "sms")
# Countries whose postal codes are French ones (France and its overseas regions and collectivities).
FRENCH_POSTAL_COUNTRIES = frozenset({"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC", "TF"})
# Every French department code, in the order marketers know them (01…19, 2A, 2B, 21…95, overseas).
FRENCH_DEPARTMENTS = ([f"{n:02d}" for n in range(1, 20)] + ["2A", "2B"] + [f"{n:02d}" for n in range(21, 96)]
                      + ["971", "972", "973", "974", "976"])
_DEPARTMENT = re.compile(r"^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-8]|98[4-9])$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_POSTAL_NOISE = {ord(ch): None for ch in " .\t\u00a0"}


class RuleError(TranslatedError, ValueError):
    """A rule document Cercle refuses; ``message`` says why in the user's language."""

    prefix = "segments.error."


# --- the rule set --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any  # normalised by the field: a tuple of strings, a Decimal, a pair, a channel, a bool, a date


@dataclass(frozen=True)
class Group:
    mode: str  # "all" or "any"
    items: tuple[Condition | Group, ...]


@dataclass(frozen=True)
class RuleSet:
    """A validated rule document."""

    root: Group

    @property
    def is_empty(self) -> bool:
        return not self.root.items

    def conditions(self) -> list[Condition]:
        return list(_walk(self.root))

    def to_document(self) -> dict:
        """The normalised JSON document (what is stored and what ``validate_rules`` reads back)."""
        return _group_document(self.root)


EVERYONE = RuleSet(Group("all", ()))


def _walk(group: Group) -> Iterable[Condition]:
    for item in group.items:
        if isinstance(item, Group):
            yield from _walk(item)
        else:
            yield item


def _group_document(group: Group) -> dict:
    return {group.mode: [_group_document(i) if isinstance(i, Group) else _condition_document(i) for i in group.items]}


def _condition_document(condition: Condition) -> dict:
    return {"field": condition.field, "op": condition.op,
            "value": FIELDS[condition.field].document_value(condition.op, condition.value)}


# --- value readers: each refuses with a RuleError naming what was wrong -------------------------------------


def _shown(value: object) -> str:
    """A refused value as a message may quote it: short, one line."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _text(raw: object, where: str) -> str:
    if not isinstance(raw, str):
        raise RuleError("not_a_string", where=where, value=_shown(raw))
    if len(raw) > MAX_TEXT:
        raise RuleError("too_long", where=where, limit=MAX_TEXT)
    if not raw.strip():
        raise RuleError("empty_text", where=where)
    return raw


def _texts(raw: object, where: str, read: Callable[[object, str], str] = _text) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise RuleError("not_a_list", where=where)
    if not raw:
        raise RuleError("empty_list", where=where)
    if len(raw) > MAX_VALUES:
        raise RuleError("too_many_values", where=where, limit=MAX_VALUES)
    return tuple(dict.fromkeys(read(item, where) for item in raw))


def _amount(raw: object, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise RuleError("not_a_number", where=where, value=_shown(raw))
    try:
        amount = Decimal(str(raw)).quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # more digits than any price has
        raise RuleError("not_a_number", where=where, value=_shown(raw)) from exc
    if not Decimal(0) <= amount <= MAX_BUDGET_EUR:
        raise RuleError("out_of_range", where=where, low=0, high=int(MAX_BUDGET_EUR))
    return amount


def _amount_range(raw: object, where: str) -> tuple[Decimal, Decimal]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise RuleError("not_a_range", where=where)
    low, high = _amount(raw[0], where), _amount(raw[1], where)
    if low > high:
        raise RuleError("not_a_range", where=where)
    return low, high


def _choice(allowed: Sequence[Any]) -> Callable[[object, str], Any]:
    def read(raw: object, where: str) -> Any:
        for option in allowed:
            if raw == option and type(raw) is type(option):
                return option
        raise RuleError("unknown_value", where=where, value=_shown(raw),
                        allowed=", ".join(json.dumps(a, ensure_ascii=False) for a in allowed))
    return read


def _country(raw: object, where: str) -> str:
    code = country_code(_text(raw, where))
    if code is None:
        raise RuleError("bad_country", where=where, value=_shown(raw))
    return code


def _department(raw: object, where: str) -> str:
    code = _text(raw, where).strip().upper()
    code = "0" + code if len(code) == 1 else code
    if not _DEPARTMENT.match(code):
        raise RuleError("bad_department", where=where, value=_shown(raw))
    return code


def _city(raw: object, where: str) -> str:
    return _text(raw, where).strip().lower()


def _import_id(raw: object, where: str) -> str:
    try:
        return str(UUID(_text(raw, where)))
    except ValueError as exc:
        raise RuleError("bad_import_id", where=where, value=_shown(raw)) from exc


def _community_id(raw: object, where: str) -> str:
    try:
        return str(UUID(_text(raw, where)))
    except ValueError as exc:
        raise RuleError("bad_community_id", where=where, value=_shown(raw)) from exc


def _day(raw: object, where: str) -> date:
    text = _text(raw, where)
    try:
        if not _ISO_DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise RuleError("not_a_date", where=where, value=_shown(raw)) from exc


def _whole(limit: int, code: str) -> Callable[[object, str], int]:
    """A reader of a whole number from 0 to ``limit`` (3.0 reads as 3; 2.5, "3", true and -1 are refused)."""
    def read(raw: object, where: str) -> int:
        if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
            raise RuleError("not_a_whole_number", where=where, value=_shown(raw))
        if raw != int(raw):
            raise RuleError("not_a_whole_number", where=where, value=_shown(raw))
        if not 0 <= raw <= limit:
            raise RuleError(code, where=where, low=0, high=limit)
        return int(raw)
    return read


def _spent(raw: object, where: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise RuleError("not_a_number", where=where, value=_shown(raw))
    if not 0 <= raw <= MAX_SPENT_EUR:
        raise RuleError("spent_out_of_range", where=where, low=0, high=int(MAX_SPENT_EUR))
    return Decimal(str(raw)).quantize(Decimal("0.01"))


def _range_of(read: Callable[[object, str], Any]) -> Callable[[object, str], tuple]:
    def read_range(raw: object, where: str) -> tuple:
        if not isinstance(raw, list) or len(raw) != 2:
            raise RuleError("not_a_range", where=where)
        low, high = read(raw[0], where), read(raw[1], where)
        if low > high:
            raise RuleError("not_a_range", where=where)
        return low, high
    return read_range


# --- departments, budgets, zone: the Python half of what the SQL computes ----------------------------------


def department_of(country: str | None, postal_code: str | None) -> str | None:
    """The French department of a postal code (what ``contacts.department`` holds), ``None`` when there is none."""
    if country not in FRENCH_POSTAL_COUNTRIES:
        return None
    code = (postal_code or "").translate(_POSTAL_NOISE)
    code = "0" + code if len(code) == 4 else code
    if not re.fullmatch(r"[0-9]{5}", code) or code.startswith("00"):
        return None
    if code[:2] in ("97", "98"):
        return code[:3]
    if code.startswith("20"):
        return "2A" if code[2] in "01" else "2B"
    return code[:2]


@dataclass(frozen=True)
class BudgetTier:
    name: str
    low: int | None  # included
    high: int | None  # excluded


BUDGET_TIERS = (BudgetTier("petit", None, 15), BudgetTier("moyen", 15, 30), BudgetTier("amateur", 30, 60),
                BudgetTier("grand_amateur", 60, None))
NO_BUDGET_TIER = "inconnu"
TIER_NAMES = tuple(tier.name for tier in BUDGET_TIERS) + (NO_BUDGET_TIER,)


def budget_reference(low: Decimal | None, high: Decimal | None) -> Decimal | None:
    """The amount a declared range is tiered by: its middle, its bottom when open-topped, half its top when
    open-bottomed; ``None`` without a budget."""
    if high is None:
        return low
    return ((low or Decimal(0)) + high) / 2


def budget_tier(low: Decimal | None, high: Decimal | None) -> str:
    """The tier name of a declared range (``inconnu`` without one)."""
    reference = budget_reference(low, high)
    if reference is None:
        return NO_BUDGET_TIER
    return next(tier.name for tier in BUDGET_TIERS if tier.high is None or reference < tier.high)


def budget_tier_sql(alias: str = "c") -> sql.Composed:
    """The tier of ``<alias>.budget_min_eur/budget_max_eur`` as a SQL expression (for charts' group by)."""
    low, high = sql.Identifier(alias, "budget_min_eur"), sql.Identifier(alias, "budget_max_eur")
    reference = sql.SQL("coalesce((coalesce({low}, 0) + {high}) / 2, {low})").format(low=low, high=high)
    branches = [sql.SQL("when {} < {} then {}").format(reference, sql.Literal(tier.high), sql.Literal(tier.name))
                for tier in BUDGET_TIERS if tier.high is not None]
    return sql.SQL("(case when {low} is null and {high} is null then {none} {branches} else {top} end)").format(
        low=low, high=high, none=sql.Literal(NO_BUDGET_TIER), branches=sql.SQL(" ").join(branches),
        top=sql.Literal(BUDGET_TIERS[-1].name))


def tier_label(name: str, language: str | None = None) -> str:
    """A tier as a marketer reads it: "petit budget (moins de 15 €)"."""
    return t(f"segments.tier.{name}", language)


def _budget_top(contact: dict) -> Decimal | None:
    low, high = contact.get("budget_min_eur"), contact.get("budget_max_eur")
    if high is not None:
        return Decimal(high)
    return Decimal("Infinity") if low is not None else None


def _budget_floor(contact: dict) -> Decimal | None:
    low, high = contact.get("budget_min_eur"), contact.get("budget_max_eur")
    if low is not None:
        return Decimal(low)
    return Decimal("-Infinity") if high is not None else None


@dataclass(frozen=True)
class _Subject:
    """One contact of one workspace, for the Python evaluation."""

    contact: dict
    workspace: dict

    def value(self, name: str) -> Any:
        return self.contact.get(name)

    def in_zone(self) -> bool:
        country = self.contact.get("country")
        if not country or country not in (self.workspace.get("delivery_countries") or ()):
            return False
        departments = self.workspace.get("delivery_departments") or ()
        if departments and country == "FR":
            return department_of(country, self.contact.get("postal_code")) in departments
        return True

    def adult_allowed(self) -> bool:
        return not self.workspace.get("is_alcohol", True) or self.contact.get("declared_adult") is True

    def reachable(self, channel: str) -> bool:
        address = self.value("email") is not None if channel == "email" else bool(self.value(f"reach_{channel}"))
        return (address and bool(self.value(f"consent_{channel}")) and self.value("opted_out_at") is None
                and self.in_zone() and self.adult_allowed())

    def today(self) -> date:
        return self.workspace.get("today") or clock.today()

    def buyer(self) -> Buyer:
        """The contact's sales (``workspace["buyers"]``: ``{contact id: Buyer}``, see ``rfm.rfm_context``)."""
        return (self.workspace.get("buyers") or {}).get(str(self.contact.get("id")), NOBODY)

    def rfm_tier(self) -> str:
        tiers = self.workspace.get("rfm_tiers")
        if tiers is None:
            tiers = tiers_of(self.workspace.get("buyers") or {}, self.today())
        return tiers.get(str(self.contact.get("id")), NO_PURCHASE)


# --- SQL pieces shared by several fields ----------------------------------------------------------------------

Bind = Callable[[object, str], sql.Composable]


def _col(name: str) -> sql.Identifier:
    return sql.Identifier("c", name)


def _not(expression: sql.Composable) -> sql.Composed:
    """True when ``expression`` is false or unknown (a NULL never sneaks a row in or out)."""
    return sql.SQL("(({}) is not true)").format(expression)


_IN_ZONE = sql.SQL(
    "(c.country = any(w.delivery_countries) and (cardinality(w.delivery_departments) = 0"
    " or c.country <> 'FR' or c.department = any(w.delivery_departments)))")
_ADULT_ALLOWED = sql.SQL("(not w.is_alcohol or c.declared_adult is true)")


def _reachable_sql(channel: str) -> sql.Composed:
    address = sql.SQL("c.email is not null") if channel == "email" else _col(f"reach_{channel}")
    # written as the partial indexes contacts_reach_<channel>_idx are, so the planner can use them
    return sql.SQL("({address} and {consent} and c.opted_out_at is null and {zone} and {adult})").format(
        address=address, consent=_col(f"consent_{channel}"), zone=_IN_ZONE, adult=_ADULT_ALLOWED)


_BUDGET_TOP = sql.SQL("coalesce(c.budget_max_eur, case when c.budget_min_eur is not null then 'infinity'::numeric end)")
_BUDGET_FLOOR = sql.SQL(
    "coalesce(c.budget_min_eur, case when c.budget_max_eur is not null then '-infinity'::numeric end)")


# --- the fields ------------------------------------------------------------------------------------------------


def _or_list(items: Sequence[str], language: str) -> str:
    return _join(items, t("segments.word.or", language))


def _and_list(items: Sequence[str], language: str) -> str:
    return _join(items, t("segments.word.and", language))


def _join(items: Sequence[str], last: str) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {last} " + items[-1]


def _quoted(items: Iterable[str], language: str) -> list[str]:
    return [t("segments.word.quoted", language, text=item) for item in items]


def _euros(amount: Decimal, language: str) -> str:
    text = f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def _json_number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


class _Field:
    """A criterion: how its value is read, and its three renderings."""

    name = ""
    ops: dict[str, Callable[[object, str], Any]] = {}

    def parse(self, op: str, raw: object, where: str) -> Any:
        return self.ops[op](raw, where)

    def document_value(self, op: str, value: Any) -> Any:
        return list(value) if isinstance(value, tuple) else value

    def sql(self, op: str, value: Any, bind: Bind) -> sql.Composable:
        raise NotImplementedError

    def test(self, op: str, value: Any, subject: _Subject) -> bool:
        raise NotImplementedError

    def phrase(self, op: str, value: Any, language: str, labels: dict) -> str:
        raise NotImplementedError


class _Interest(_Field):
    name = "interest"
    ops = {"any_of": _texts, "all_of": _texts, "none_of": _texts}

    def sql(self, op, value, bind):
        labels = bind(list(value), "text[]")
        if op == "any_of":
            return sql.SQL("(c.interests && {})").format(labels)
        if op == "all_of":
            return sql.SQL("(c.interests @> {})").format(labels)
        return sql.SQL("(not (c.interests && {}))").format(labels)

    def test(self, op, value, subject):
        held = set(subject.value("interests") or ())
        if op == "any_of":
            return bool(held & set(value))
        if op == "all_of":
            return set(value) <= held
        return not held & set(value)

    def phrase(self, op, value, language, labels):
        quoted = _quoted(value, language)
        listed = _and_list(quoted, language) if op == "all_of" else _or_list(quoted, language)
        return t(f"segments.phrase.interest.{op}", language, labels=listed)


class _BudgetEur(_Field):
    name = "budget_eur"
    ops = {"gte": _amount, "lte": _amount, "between": _amount_range}

    def document_value(self, op, value):
        return [_json_number(v) for v in value] if op == "between" else _json_number(value)

    def sql(self, op, value, bind):
        if op == "gte":
            return sql.SQL("({} >= {})").format(_BUDGET_TOP, bind(value, "numeric"))
        if op == "lte":
            return sql.SQL("({} <= {})").format(_BUDGET_FLOOR, bind(value, "numeric"))
        return sql.SQL("({} >= {} and {} <= {})").format(_BUDGET_TOP, bind(value[0], "numeric"),
                                                         _BUDGET_FLOOR, bind(value[1], "numeric"))

    def test(self, op, value, subject):
        top, floor = _budget_top(subject.contact), _budget_floor(subject.contact)
        if top is None or floor is None:
            return False
        if op == "gte":
            return top >= value
        if op == "lte":
            return floor <= value
        return top >= value[0] and floor <= value[1]

    def phrase(self, op, value, language, labels):
        if op == "between":
            return t("segments.phrase.budget_eur.between", language, low=_euros(value[0], language),
                     high=_euros(value[1], language))
        return t(f"segments.phrase.budget_eur.{op}", language, amount=_euros(value, language))


class _BudgetTier(_Field):
    name = "budget_tier"
    ops = {"in": lambda raw, where: _texts(raw, where, _choice(TIER_NAMES))}

    def sql(self, op, value, bind):
        return sql.SQL("({} = any({}))").format(budget_tier_sql("c"), bind(list(value), "text[]"))

    def test(self, op, value, subject):
        return budget_tier(subject.value("budget_min_eur"), subject.value("budget_max_eur")) in value

    def phrase(self, op, value, language, labels):
        return t("segments.phrase.budget_tier.in", language,
                 tiers=_or_list([tier_label(v, language) for v in value], language))


class _Code(_Field):
    """country and department: a list of codes, in or not in; an unknown value matches neither."""

    read: Callable[[object, str], str] = staticmethod(_country)
    column = "country"

    def __init__(self) -> None:
        self.ops = {"in": self._codes, "not_in": self._codes}

    def _codes(self, raw, where):
        return _texts(raw, where, self.read)

    def value_of(self, subject: _Subject) -> str | None:
        return subject.value(self.column)

    def sql(self, op, value, bind):
        codes = bind(list(value), "text[]")
        template = "({} = any({}))" if op == "in" else "({} <> all({}))"
        return sql.SQL(template).format(_col(self.column), codes)

    def test(self, op, value, subject):
        code = self.value_of(subject)
        if code is None:
            return False
        return (code in value) if op == "in" else (code not in value)

    def phrase(self, op, value, language, labels):
        return t(f"segments.phrase.{self.name}.{op}", language, codes=_or_list(value, language))


class _Country(_Code):
    name = "country"


class _Department(_Code):
    name = "department"
    read = staticmethod(_department)
    column = "department"

    def value_of(self, subject):
        return department_of(subject.value("country"), subject.value("postal_code"))


class _City(_Field):
    name = "city"
    ops = {"in": lambda raw, where: _texts(raw, where, _city)}

    def sql(self, op, value, bind):
        return sql.SQL("(lower(c.city) = any({}))").format(bind(list(value), "text[]"))

    def test(self, op, value, subject):
        city = subject.value("city")
        return city is not None and city.lower() in value

    def phrase(self, op, value, language, labels):
        return t("segments.phrase.city.in", language, cities=_or_list([v.title() for v in value], language))


class _Reachable(_Field):
    name = "reachable"
    channels = CHANNELS

    def __init__(self) -> None:
        self.ops = {"is": _choice(self.channels), "is_not": _choice(self.channels)}

    def positive_sql(self, channel: str) -> sql.Composable:
        return _reachable_sql(channel)

    def positive(self, channel: str, subject: _Subject) -> bool:
        return subject.reachable(channel)

    def sql(self, op, value, bind):
        positive = self.positive_sql(value)
        return positive if op == "is" else _not(positive)

    def test(self, op, value, subject):
        return self.positive(value, subject) == (op == "is")

    def phrase(self, op, value, language, labels):
        return t(f"segments.phrase.{self.name}.{op}", language, channel=t(f"segments.channel.{value}", language),
                 name=t(f"segments.channel_name.{value}", language))


class _PhoneCan(_Reachable):
    name = "phone_can"
    channels = PHONE_CHANNELS

    def positive_sql(self, channel):
        return _col(f"reach_{channel}")

    def positive(self, channel, subject):
        return bool(subject.value(f"reach_{channel}"))


class _Consent(_Reachable):
    name = "consent"

    def positive_sql(self, channel):
        return _col(f"consent_{channel}")

    def positive(self, channel, subject):
        return bool(subject.value(f"consent_{channel}"))


class _InDeliveryZone(_Field):
    name = "in_delivery_zone"
    ops = {"is": _choice((True, False))}

    def sql(self, op, value, bind):
        return _IN_ZONE if value else _not(_IN_ZONE)

    def test(self, op, value, subject):
        return subject.in_zone() == value

    def phrase(self, op, value, language, labels):
        return t(f"segments.phrase.in_delivery_zone.{str(value).lower()}", language)


class _Adult(_Field):
    name = "adult"
    ops = {"is": _choice((True, False, "unknown"))}
    _SQL = {True: "(c.declared_adult is true)", False: "(c.declared_adult is false)",
            "unknown": "(c.declared_adult is null)"}

    def sql(self, op, value, bind):
        return sql.SQL(self._SQL[value])

    def test(self, op, value, subject):
        declared = subject.value("declared_adult")
        return declared is None if value == "unknown" else declared is value

    def phrase(self, op, value, language, labels):
        return t(f"segments.phrase.adult.{str(value).lower()}", language)


class _ImportSource(_Field):
    name = "import_source"
    ops = {"in": lambda raw, where: _texts(raw, where, _import_id)}

    def sql(self, op, value, bind):
        return sql.SQL("(c.source_import_id = any({}))").format(bind(list(value), "uuid[]"))

    def test(self, op, value, subject):
        source = subject.value("source_import_id")
        return source is not None and str(source) in value

    def phrase(self, op, value, language, labels):
        names = [labels.get(v) or t("segments.word.import_id", language, short=v[:8]) for v in value]
        return t("segments.phrase.import_source.in", language, imports=_or_list(names, language))


class _Community(_Field):
    """Member of a community (from a member list or a tracked join), or of none of them."""

    name = "community"
    ops = {"in": lambda raw, where: _texts(raw, where, _community_id),
           "not_in": lambda raw, where: _texts(raw, where, _community_id)}

    def sql(self, op, value, bind):
        member = sql.SQL("exists (select 1 from public.community_members m where m.contact_id = c.id"
                         " and m.community_id = any({}))").format(bind(list(value), "uuid[]"))
        return member if op == "in" else _not(member)

    def test(self, op, value, subject):
        inside = bool({str(v) for v in subject.value("communities") or ()} & set(value))
        return inside if op == "in" else not inside

    def phrase(self, op, value, language, labels):
        names = [labels.get(v) or t("segments.word.import_id", language, short=v[:8]) for v in value]
        return t(f"segments.phrase.community.{op}", language,
                 communities=_or_list(_quoted(names, language), language))


class _Added(_Field):
    name = "added"
    ops = {"after": _day, "before": _day}

    def document_value(self, op, value):
        return value.isoformat()

    def sql(self, op, value, bind):
        comparison = ">=" if op == "after" else "<"
        return sql.SQL("(c.created_at {} ({}::timestamp at time zone 'Europe/Paris'))").format(
            sql.SQL(comparison), bind(value, "date"))

    def test(self, op, value, subject):
        created = subject.value("created_at")
        if created is None:
            return False
        start = datetime.combine(value, time(), tzinfo=PARIS)
        return created >= start if op == "after" else created < start

    def phrase(self, op, value, language, labels):
        day = value.strftime("%d/%m/%Y") if language == "fr" else value.isoformat()
        return t(f"segments.phrase.added.{op}", language, day=day)


def _among(contacts: sql.Composable) -> sql.Composed:
    """``c.id`` is one of ``contacts`` (an uncorrelated subquery), checked against a hash of them built once.

    Written ``(... in (...)) is true`` on purpose: a bare ``in`` is turned into a join by the planner, which
    misjudges how many buyers an aggregate keeps and may rescan it once per contact (1.3 s instead of 0.1 s on
    300k contacts); inside ``is true`` it stays a hashed subplan, one probe per contact."""
    return sql.SQL("((c.id in ({})) is true)").format(contacts)


def _today(bind: Bind) -> date:
    return getattr(bind, "today", None) or clock.today()


class _RfmMeasure(_Field):
    """An observed figure of a contact's sales, compared with gte / lte / between. Compiled as one uncorrelated
    subquery over the workspace's buyers (aggregated once per count): ``c.id in (buyers where P)``, or, when a
    contact without a sale satisfies the condition (0 orders is "at most 2 orders"),
    ``c.id not in (buyers where P is not true)``."""

    read: Callable[[object, str], Any] = staticmethod(_whole(MAX_ORDERS, "count_out_of_range"))

    def __init__(self) -> None:
        self.ops = {"gte": self.read, "lte": self.read, "between": _range_of(self.read)}

    def document_value(self, op, value):
        return [_json_number(Decimal(v)) for v in value] if op == "between" else _json_number(Decimal(value))

    def figure(self, buyer: Buyer, today: date) -> Any:
        raise NotImplementedError

    def predicate(self, op: str, value: Any, bind: Bind) -> sql.Composable:
        raise NotImplementedError

    def holds(self, op: str, value: Any, buyer: Buyer, today: date) -> bool:
        figure = self.figure(buyer, today)
        if figure is None:
            return False
        if op == "gte":
            return figure >= value
        if op == "lte":
            return figure <= value
        return value[0] <= figure <= value[1]

    def sql(self, op, value, bind):
        buyers = buyers_sql(sql.Placeholder("ws"))
        predicate = self.predicate(op, value, bind)
        if self.holds(op, value, NOBODY, _today(bind)):
            return sql.SQL("(c.id not in (select b.contact_id from {} b where ({}) is not true))").format(
                buyers, predicate)
        return _among(sql.SQL("select b.contact_id from {} b where {}").format(buyers, predicate))

    def test(self, op, value, subject):
        return self.holds(op, value, subject.buyer(), subject.today())

    def phrase(self, op, value, language, labels):
        if op == "between":
            return t(f"segments.phrase.{self.name}.between", language, low=self.shown(value[0], language),
                     high=self.shown(value[1], language))
        variant = ".one" if value == 1 else (".zero" if value == 0 else "")
        return t(f"segments.phrase.{self.name}.{op}{variant}", language, value=self.shown(value, language))

    def shown(self, value: Any, language: str) -> str:
        return str(value)


class _RfmRecency(_RfmMeasure):
    name = "rfm_recency_days"
    read = staticmethod(_whole(MAX_DAYS, "days_out_of_range"))

    def figure(self, buyer, today):
        return buyer.recency(today)

    def predicate(self, op, value, bind):
        today = _today(bind)
        # n days ago or more <=> the last sale's day is on or before today - n
        if op == "gte":
            return sql.SQL("b.last_day <= {}").format(bind(today - timedelta(days=value), "date"))
        if op == "lte":
            return sql.SQL("b.last_day >= {}").format(bind(today - timedelta(days=value), "date"))
        return sql.SQL("b.last_day between {} and {}").format(bind(today - timedelta(days=value[1]), "date"),
                                                              bind(today - timedelta(days=value[0]), "date"))


class _RfmOrders(_RfmMeasure):
    name = "rfm_orders"

    def figure(self, buyer, today):
        return buyer.sales

    def predicate(self, op, value, bind):
        if op == "between":
            return sql.SQL("b.sales between {} and {}").format(bind(value[0], "integer"), bind(value[1], "integer"))
        return sql.SQL("b.sales {} {}").format(sql.SQL(">=" if op == "gte" else "<="), bind(value, "integer"))


class _RfmSpent(_RfmMeasure):
    name = "rfm_spent_eur"
    read = staticmethod(_spent)

    def figure(self, buyer, today):
        return Decimal(buyer.spent_cents) / 100

    def predicate(self, op, value, bind):
        spent = sql.SQL("(b.spent_cents::numeric / 100)")
        if op == "between":
            return sql.SQL("{} between {} and {}").format(spent, bind(value[0], "numeric"), bind(value[1], "numeric"))
        return sql.SQL("{} {} {}").format(spent, sql.SQL(">=" if op == "gte" else "<="), bind(value, "numeric"))

    def phrase(self, op, value, language, labels):
        if op == "between":
            return t("segments.phrase.rfm_spent_eur.between", language, low=_euros(value[0], language),
                     high=_euros(value[1], language))
        return t(f"segments.phrase.rfm_spent_eur.{op}", language, value=_euros(value, language))


def rfm_tier_label(name: str, language: str | None = None) -> str:
    """An observed tier as a marketer reads it: "client fidèle"."""
    return t(f"segments.rfm_tier.{name}", language)


class _RfmTier(_Field):
    name = "rfm_tier"
    ops = {"in": lambda raw, where: _texts(raw, where, _choice(RFM_TIER_NAMES))}

    def sql(self, op, value, bind):
        tiers = tiers_sql(sql.Placeholder("ws"), bind(_today(bind), "date"))
        if NO_PURCHASE in value:
            return sql.SQL("(c.id not in (select x.contact_id from {} x where x.tier <> all({})))").format(
                tiers, bind(list(value), "text[]"))
        return _among(sql.SQL("select x.contact_id from {} x where x.tier = any({})").format(
            tiers, bind(list(value), "text[]")))

    def test(self, op, value, subject):
        return subject.rfm_tier() in value

    def phrase(self, op, value, language, labels):
        return t("segments.phrase.rfm_tier.in", language,
                 tiers=_or_list([rfm_tier_label(v, language) for v in value], language))


FIELDS: dict[str, _Field] = {field.name: field for field in (
    _Interest(), _BudgetEur(), _BudgetTier(), _Country(), _Department(), _City(), _Reachable(), _PhoneCan(),
    _Consent(), _InDeliveryZone(), _Adult(), _ImportSource(), _Added(), _Community(), _RfmRecency(), _RfmOrders(),
    _RfmSpent(), _RfmTier(),
)}


# --- validation ------------------------------------------------------------------------------------------------


class _Budget:
    """How many conditions a document may still hold."""

    def __init__(self) -> None:
        self.conditions = 0

    def spend(self) -> None:
        self.conditions += 1
        if self.conditions > MAX_CONDITIONS:
            raise RuleError("too_many_conditions", limit=MAX_CONDITIONS)


def validate_rules(document: object) -> RuleSet:
    """The ``RuleSet`` of a rule document (a dict, as parsed from JSON). Raises ``RuleError``."""
    if isinstance(document, RuleSet):
        return document
    return RuleSet(_read_group(document, "", 1, _Budget()))


def _read_group(raw: object, where: str, depth: int, budget: _Budget) -> Group:
    if depth > MAX_DEPTH:
        raise RuleError("too_deep", limit=MAX_DEPTH)
    if not isinstance(raw, dict) or len(raw) != 1 or next(iter(raw)) not in ("all", "any"):
        raise RuleError("bad_group", where=where or "/")
    mode, items = next(iter(raw.items()))
    where = f"{where}/{mode}"
    if not isinstance(items, list):
        raise RuleError("not_a_list", where=where)
    if len(items) > MAX_CONDITIONS:
        raise RuleError("too_many_conditions", limit=MAX_CONDITIONS)
    read = []
    for index, item in enumerate(items, start=1):
        item_where = f"{where}/{index}"
        if isinstance(item, dict) and len(item) == 1 and next(iter(item)) in ("all", "any"):
            read.append(_read_group(item, item_where, depth + 1, budget))
        else:
            budget.spend()
            read.append(_read_condition(item, item_where))
    return Group(mode, tuple(read))


def _read_condition(raw: object, where: str) -> Condition:
    if not isinstance(raw, dict) or set(raw) != {"field", "op", "value"}:
        raise RuleError("bad_condition", where=where)
    name, op = raw["field"], raw["op"]
    field = FIELDS.get(name) if isinstance(name, str) else None
    if field is None:
        raise RuleError("unknown_field", where=where, field=_shown(name), fields=", ".join(FIELDS))
    if not isinstance(op, str) or op not in field.ops:
        raise RuleError("unknown_op", where=where, field=field.name, op=_shown(op), ops=", ".join(field.ops))
    return Condition(field.name, op, field.parse(op, raw["value"], where))


def read_rules_file(path: str | Path) -> RuleSet:
    """The rule set in a JSON file. Raises ``RuleError`` (unreadable, not JSON, or refused)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_RULES_FILE_BYTES:
            raise RuleError("file_too_large", path=str(path), limit_kb=MAX_RULES_FILE_BYTES // 1000)
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleError("file_unreadable", path=str(path), reason=exc.strerror or type(exc).__name__) from exc
    except UnicodeDecodeError as exc:
        raise RuleError("file_not_json", path=str(path), line=1, column=exc.start + 1) from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RuleError("file_not_json", path=str(path), line=exc.lineno, column=exc.colno) from exc
    except RecursionError as exc:
        raise RuleError("too_deep", limit=MAX_DEPTH) from exc
    return validate_rules(document)


# --- rendering 1: SQL ----------------------------------------------------------------------------------------

# Every segment query reads from here: a contact and its workspace (delivery zone, alcohol, suppression key).
SEGMENT_FROM = sql.SQL("public.contacts c join public.workspaces w on w.id = c.workspace_id")

# Whether anything a contact holds (any of its phones, its e-mail) is on the suppression list is kept by the
# database itself (contacts.suppressed, migration 20261203100100_suppression_inside.sql): no hash is ever read here.
_NOT_SUPPRESSED = sql.SQL("not c.suppressed")


class _Binder:
    """Collects bound parameters under unique names; returns the placeholder, cast to a fixed SQL type."""

    CASTS = frozenset({"text[]", "uuid[]", "numeric", "date", "uuid", "integer"})

    def __init__(self, prefix: str = "p", today: date | None = None) -> None:
        self.prefix = prefix
        self.params: dict[str, object] = {}
        self.today = today or clock.today()  # what "days since the last sale" counts from

    def __call__(self, value: object, cast: str) -> sql.Composed:
        if cast not in self.CASTS:
            raise ValueError(cast)
        name = f"{self.prefix}{len(self.params)}"
        self.params[name] = value
        return sql.SQL("{}::{}").format(sql.Placeholder(name), sql.SQL(cast))


def _group_sql(group: Group, bind: Bind) -> sql.Composable:
    if not group.items:
        return sql.SQL("true")
    parts = [_group_sql(i, bind) if isinstance(i, Group) else FIELDS[i.field].sql(i.op, i.value, bind)
             for i in group.items]
    joiner = sql.SQL(" and ") if group.mode == "all" else sql.SQL(" or ")
    return sql.SQL("({})").format(joiner.join(parts))


def rules_sql(ruleset: RuleSet, bind: Bind) -> sql.Composable:
    """The rules alone (no workspace, no exclusions), over ``c`` and ``w``, parameters collected by ``bind``."""
    return _group_sql(ruleset.root, bind)


def compile_rules(ruleset: RuleSet | dict, workspace_id: str, today: date | None = None) -> tuple[sql.Composed, dict]:
    """``(where, params)``: the segment's members among ``SEGMENT_FROM`` (``public.contacts c`` joined to
    ``public.workspaces w``): the workspace's contacts, minus opted-out and suppressed, matching the rules.
    ``today`` (Paris day, default now) is what recency counts from."""
    bind = _Binder(today=today)
    rules = rules_sql(validate_rules(ruleset), bind)
    params = {"ws": workspace_id, **bind.params}
    return _members_where(rules), params


def _members_where(rules: sql.Composable) -> sql.Composed:
    """The workspace's contacts matching ``rules``, minus opted-out and suppressed people (docs/promises.md 20),
    whatever the rules."""
    return sql.SQL("c.workspace_id = {ws} and c.opted_out_at is null and {rules} and {not_suppressed}").format(
        ws=sql.Placeholder("ws"), rules=rules, not_suppressed=_NOT_SUPPRESSED)


# --- rendering 2: a sentence ---------------------------------------------------------------------------------


def describe(ruleset: RuleSet | dict, language: str | None = None, labels: dict | None = None) -> str:
    """The segment as a sentence: "intéressés par « bio », budget déclaré allant jusqu'à 30 € ou plus, joignables sur
    WhatsApp".

    ``labels`` may name import ids (``{id: "salon-lyon.csv"}``); an empty rule set reads "tous les contacts".
    """
    ruleset = validate_rules(ruleset)
    language = language or get_language()
    if ruleset.is_empty:
        return t("segments.phrase.everyone", language)
    return _group_phrase(ruleset.root, language, labels or {}, nested=False)


def _group_phrase(group: Group, language: str, labels: dict, nested: bool) -> str:
    phrases = [_group_phrase(i, language, labels, nested=True) if isinstance(i, Group)
               else FIELDS[i.field].phrase(i.op, i.value, language, labels) for i in group.items]
    phrases = [p for p in phrases if p]
    if not phrases:
        return ""
    if len(phrases) == 1:
        return phrases[0]
    separator = ", " if group.mode == "all" else " " + t("segments.word.or", language) + " "
    sentence = separator.join(phrases)
    return f"({sentence})" if nested else sentence


# --- rendering 3: plain Python ---------------------------------------------------------------------------------


def matches(ruleset: RuleSet | dict, contact: dict, workspace: dict, suppressed: bool) -> bool:
    """Whether ``contact`` (a row of public.contacts as a dict) is in the segment, evaluated in Python.

    ``workspace`` holds ``delivery_countries``, ``delivery_departments`` and ``is_alcohol``; ``suppressed`` says
    whether the contact's phone or email is on the suppression list. Same semantics as ``compile_rules``.
    """
    if suppressed or contact.get("opted_out_at") is not None:
        return False
    return _group_test(validate_rules(ruleset).root, _Subject(contact, workspace))


def _group_test(group: Group, subject: _Subject) -> bool:
    results = (_group_test(i, subject) if isinstance(i, Group) else FIELDS[i.field].test(i.op, i.value, subject)
               for i in group.items)
    if not group.items:
        return True
    return all(results) if group.mode == "all" else any(results)


# --- services: counting, previewing, exporting ---------------------------------------------------------------

SAMPLE_COLUMNS = ("id", "first_name", "last_name", "phone_e164", "email", "city", "postal_code", "department",
                  "country", "interests", "budget_raw", "created_at")


def count_members(db: Database, principal: Principal, workspace_id: str, ruleset: RuleSet | dict,
                  today: date | None = None) -> int:
    """How many contacts of the workspace are in the segment (read under the principal's RLS)."""
    where, params = compile_rules(ruleset, workspace_id, today)
    query = sql.SQL("select count(*) from {} where {}").format(SEGMENT_FROM, where)
    with db.tenant(principal) as conn:
        return conn.execute(query, params).fetchone()[0]


def sample_members(db: Database, principal: Principal, workspace_id: str, ruleset: RuleSet | dict,
                   limit: int = 20, today: date | None = None) -> list[dict]:
    """Up to ``limit`` members, newest first, as dicts of ``SAMPLE_COLUMNS`` (a preview of who is in)."""
    where, params = compile_rules(ruleset, workspace_id, today)
    query = sql.SQL("select {} from {} where {} order by c.created_at desc, c.id limit {}").format(
        sql.SQL(", ").join(_col(name) for name in SAMPLE_COLUMNS), SEGMENT_FROM, where, sql.Placeholder("limit"))
    with db.tenant(principal) as conn:
        cursor = conn.execute(query, {**params, "limit": max(0, int(limit))})
        return [dict(zip(SAMPLE_COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def member_rows(db: Database, principal: Principal, workspace_id: str, ruleset: RuleSet | dict,
                columns: Sequence[str] | None = None, today: date | None = None) -> list[tuple]:
    """Rows of ``columns`` (names from ``lib.contacts.export.EXPORT_COLUMNS``) for the segment's members, in the
    export's shape (lists as text), oldest first; feed them to ``lib.contacts.export.to_csv``."""
    from lib.contacts.export import EXPORT_COLUMNS

    columns = tuple(columns or EXPORT_COLUMNS)
    unknown = set(columns) - set(EXPORT_COLUMNS)
    if unknown:
        raise ValueError(f"not exportable: {sorted(unknown)}")
    lists = {"interests": ", ", "other_phones": " "}
    select = [sql.SQL("array_to_string({}, {})").format(_col(name), sql.Literal(lists[name])) if name in lists
              else _col(name) for name in columns]
    where, params = compile_rules(ruleset, workspace_id, today)
    query = sql.SQL("select {} from {} where {} order by c.created_at, c.id").format(
        sql.SQL(", ").join(select), SEGMENT_FROM, where)
    with db.tenant(principal) as conn:
        return conn.execute(query, params).fetchall()


def overlap_counts(db: Database, principal: Principal, workspace_id: str, rulesets: Sequence[RuleSet | dict],
                   today: date | None = None) -> dict[tuple[int, ...], int]:
    """For 2 or 3 segments, the size of every intersection, keyed by segment positions, in one query:
    ``{(0,): 120, (1,): 80, (0, 1): 30}`` (and ``(2,)``, ``(0, 2)``, ``(1, 2)``, ``(0, 1, 2)`` for three)."""
    if not 1 <= len(rulesets) <= 3:
        raise ValueError("overlap_counts compares 1 to 3 segments")
    bind = _Binder(today=today)
    members = [rules_sql(validate_rules(r), bind) for r in rulesets]
    subsets = [combo for size in range(1, len(members) + 1)
               for combo in itertools.combinations(range(len(members)), size)]
    counts = [sql.SQL("count(*) filter (where {})").format(sql.SQL(" and ").join(members[i] for i in combo))
              for combo in subsets]
    union = sql.SQL("({})").format(sql.SQL(" or ").join(members))
    query = sql.SQL("select {} from {} where {}").format(sql.SQL(", ").join(counts), SEGMENT_FROM,
                                                         _members_where(union))
    with db.tenant(principal) as conn:
        row = conn.execute(query, {"ws": workspace_id, **bind.params}).fetchone()
    return dict(zip(subsets, row, strict=True))
