"""The segment builder's form, as a marketer fills it, turned into a rule document and back.

Each criterion of the form becomes one condition; channels become an "any" group ("joignables sur WhatsApp
ou par SMS"). How the criteria combine is the form's ``mode``: all of them, or any of them. A saved document
that the form cannot show (nested groups written by hand or by the CLI) opens in the advanced editor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CHANNELS = ("whatsapp", "telegram", "sms", "email")


@dataclass
class BuilderForm:
    mode: str = "all"
    interests: list[str] = field(default_factory=list)
    interests_op: str = "any_of"
    budget_min: float | None = None
    budget_max: float | None = None
    tiers: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    imports: list[str] = field(default_factory=list)
    added_after: date | None = None
    communities: list[str] = field(default_factory=list)
    communities_op: str = "in"
    # each part of reachability as a filter of its own
    consents: list[str] = field(default_factory=list)
    in_zone: bool | None = None
    adult: bool | str | None = None  # True, False or "unknown"
    # observed purchasing ability (RFM, from orders)
    rfm_tiers: list[str] = field(default_factory=list)
    recency_min: int | None = None  # days since the last sale
    recency_max: int | None = None
    orders_min: int | None = None
    orders_max: int | None = None
    spent_min: float | None = None  # euros in all
    spent_max: float | None = None

    def is_blank(self) -> bool:
        return self == BuilderForm(mode=self.mode)


# (field, form attribute of the minimum, of the maximum) for the figures read as gte / lte / between
RANGES = (("budget_eur", "budget_min", "budget_max"), ("rfm_recency_days", "recency_min", "recency_max"),
          ("rfm_orders", "orders_min", "orders_max"), ("rfm_spent_eur", "spent_min", "spent_max"))
_WHOLE = {"recency_min", "recency_max", "orders_min", "orders_max"}


def _range_condition(name: str, low: float | None, high: float | None) -> dict | None:
    if low is not None and high is not None:
        return {"field": name, "op": "between", "value": [low, high]}
    if low is not None:
        return {"field": name, "op": "gte", "value": low}
    if high is not None:
        return {"field": name, "op": "lte", "value": high}
    return None


def to_document(form: BuilderForm) -> dict:
    """The rule document for ``form`` (an empty group when nothing is chosen: everyone)."""
    items: list[dict] = []
    if form.interests:
        items.append({"field": "interest", "op": form.interests_op, "value": list(form.interests)})
    if form.budget_min is not None and form.budget_max is not None:
        items.append({"field": "budget_eur", "op": "between", "value": [form.budget_min, form.budget_max]})
    elif form.budget_min is not None:
        items.append({"field": "budget_eur", "op": "gte", "value": form.budget_min})
    elif form.budget_max is not None:
        items.append({"field": "budget_eur", "op": "lte", "value": form.budget_max})
    if form.tiers:
        items.append({"field": "budget_tier", "op": "in", "value": list(form.tiers)})
    if len(form.channels) == 1:
        items.append({"field": "reachable", "op": "is", "value": form.channels[0]})
    elif form.channels:
        items.append({"any": [{"field": "reachable", "op": "is", "value": c} for c in form.channels]})
    for name, values in (("country", form.countries), ("department", form.departments), ("city", form.cities),
                         ("import_source", form.imports)):
        if values:
            items.append({"field": name, "op": "in", "value": list(values)})
    if form.added_after:
        items.append({"field": "added", "op": "after", "value": form.added_after.isoformat()})
    if form.communities:
        items.append({"field": "community", "op": form.communities_op, "value": list(form.communities)})
    items.extend({"field": "consent", "op": "is", "value": channel} for channel in form.consents)
    if form.in_zone is not None:
        items.append({"field": "in_delivery_zone", "op": "is", "value": form.in_zone})
    if form.adult is not None:
        items.append({"field": "adult", "op": "is", "value": form.adult})
    if form.rfm_tiers:
        items.append({"field": "rfm_tier", "op": "in", "value": list(form.rfm_tiers)})
    for name, low, high in RANGES[1:]:
        condition = _range_condition(name, getattr(form, low), getattr(form, high))
        if condition:
            items.append(condition)
    return {form.mode: items}


def _channels(item: dict) -> list[str] | None:
    if item.get("field") == "reachable" and item.get("op") == "is":
        return [item["value"]]
    group = item.get("any")
    if isinstance(group, list) and group and all(
            isinstance(i, dict) and i.get("field") == "reachable" and i.get("op") == "is" for i in group):
        return [i["value"] for i in group]
    return None


def from_document(document: dict) -> BuilderForm | None:
    """The form showing ``document`` (a normalised rule document), or None when the form cannot show it."""
    if not isinstance(document, dict) or len(document) != 1:
        return None
    mode, items = next(iter(document.items()))
    form = BuilderForm(mode=mode)
    seen: set[str] = set()
    for item in items:
        channels = _channels(item)
        key = "channels" if channels is not None else str(item.get("field"))
        if key in seen:
            return None
        seen.add(key)
        if channels is not None:
            form.channels = channels
            continue
        field_name, op, value = item.get("field"), item.get("op"), item.get("value")
        if field_name == "interest":
            form.interests, form.interests_op = list(value), op
        elif (field_name, op) == ("budget_eur", "gte"):
            form.budget_min = float(value)
        elif (field_name, op) == ("budget_eur", "lte"):
            form.budget_max = float(value)
        elif (field_name, op) == ("budget_eur", "between"):
            form.budget_min, form.budget_max = float(value[0]), float(value[1])
        elif (field_name, op) == ("budget_tier", "in"):
            form.tiers = list(value)
        elif (field_name, op) in {("country", "in"), ("department", "in"), ("city", "in"), ("import_source", "in")}:
            setattr(form, {"country": "countries", "department": "departments", "city": "cities",
                           "import_source": "imports"}[field_name], list(value))
        elif (field_name, op) == ("added", "after"):
            form.added_after = date.fromisoformat(value)
        elif field_name == "community":
            form.communities, form.communities_op = list(value), op
        elif (field_name, op) == ("consent", "is"):
            seen.discard(key)  # one condition per channel
            form.consents.append(value)
        elif (field_name, op) == ("in_delivery_zone", "is"):
            form.in_zone = bool(value)
        elif (field_name, op) == ("adult", "is"):
            form.adult = value
        elif (field_name, op) == ("rfm_tier", "in"):
            form.rfm_tiers = list(value)
        elif field_name in {name for name, _, _ in RANGES[1:]} and op in ("gte", "lte", "between"):
            _, low, high = next(r for r in RANGES if r[0] == field_name)
            number = int if low in _WHOLE else float
            if op == "between":
                setattr(form, low, number(value[0]))
                setattr(form, high, number(value[1]))
            else:
                setattr(form, low if op == "gte" else high, number(value))
        else:
            return None
    return form

