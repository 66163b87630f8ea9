"""Orders as shops export them, read into one record per order with money in cents.

Shopify's orders export has one row per line item; the order-level fields (Total, Discount Code, Financial
Status, phones...) are filled on the order's first row only. Refunded and voided orders, and cancelled ones,
are kept but are not sales; a partial refund lowers the sale's amount.

WooCommerce and PrestaShop exports, and any other file once its columns are mapped, are read by
``read_mapped_orders`` (see its docstring and ``read_orders`` for what is recognised and what was assumed).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from lib.i18n import TranslatedError

_PARIS = ZoneInfo("Europe/Paris")

NOT_SALES = frozenset({"refunded", "voided"})
SHOPIFY_HEADERS = frozenset({"Name", "Financial Status", "Total", "Lineitem name"})
# "How did you hear of us?" as a shop may add it to its export (a checkout field or an order note attribute).
# Shopify's default export has no such column; when one of these is present its value feeds attribution (d).
DECLARED_COLUMNS = ("How did you hear about us?", "How did you hear about us", "Comment nous avez-vous connus ?",
                    "Comment nous avez-vous connus", "Source déclarée")
_MONEY_NOISE = re.compile(r"[^\d,.\-]")
# "1e309", "4,99E+02": a number in scientific notation is no amount a shop writes (a spreadsheet's float gone wrong);
# stripping its letter would read "1e309" as 1309.
_SCIENTIFIC = re.compile(r"\d\s*[eE]\s*[+-]?\s*\d")
_MAX_QUANTITY = 1_000_000


class OrderReadError(TranslatedError):
    prefix = "orders.error."


def parse_money(text: str | None) -> int | None:
    """Cents from "49.90", "49,90 €", "1 234,50", "1,234.50" or "-5"; None when there is no amount."""
    if text is None or _SCIENTIFIC.search(text):
        return None
    cleaned = _MONEY_NOISE.sub("", text.replace("\u00a0", "").replace("\u202f", ""))
    if not cleaned or cleaned in {"-", ".", ","}:
        return None
    if "," in cleaned and "." in cleaned:
        # the last separator is the decimal one: 1,234.50 or 1.234,50
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        whole, _, decimals = cleaned.rpartition(",")
        cleaned = f"{whole.replace(',', '')}.{decimals}" if len(decimals) <= 2 else cleaned.replace(",", "")
    try:
        return int((Decimal(cleaned) * 100).quantize(Decimal(1)))
    except InvalidOperation:
        return None


@dataclass
class OrderLine:
    name: str
    quantity: int
    unit_price_cents: int | None


@dataclass
class Order:
    """One order, whatever the shop. ``amount_cents`` is what counts as sold (total less refunds; 0 if no sale)."""

    source: str
    number: str
    row: int
    created_at: str | None
    currency: str | None
    total_cents: int | None
    refunded_cents: int
    financial_status: str | None
    cancelled: bool
    email: str | None
    phone: str | None
    discount_code: str | None
    landing_site: str | None
    lines: list[OrderLine] = field(default_factory=list)
    declared_source: str | None = None
    # set by readers that decide from a status of their own (WooCommerce, PrestaShop, mapped files, manual sales)
    sale: bool | None = None
    buyer_name: str | None = None
    note: str | None = None

    @property
    def is_sale(self) -> bool:
        if self.sale is not None:
            return self.sale and not self.cancelled and (self.total_cents or 0) > 0
        if self.source != "shopify":  # rebuilt from a stored row: the status decides as when it was read
            return status_meaning(self.financial_status)[0] and not self.cancelled and (self.total_cents or 0) > 0
        # a negative total (a credit note, a misread cell) is no sale, as for every other source
        return (not self.cancelled and (self.financial_status or "") not in NOT_SALES
                and (self.total_cents or 0) > 0)

    @property
    def amount_cents(self) -> int:
        if not self.is_sale:
            return 0
        return max(0, (self.total_cents or 0) - self.refunded_cents)


def is_shopify_orders(columns: list[str]) -> bool:
    return set(columns) >= SHOPIFY_HEADERS


def read_shopify_orders(columns: list[str], rows: list[list[str]], row_numbers: list[int]) -> list[Order]:
    """Shopify's orders export (one row per line item) as orders, in file order."""
    if not is_shopify_orders(columns):
        raise OrderReadError("not_shopify")
    at = {name: i for i, name in enumerate(columns)}

    def cell(row: list[str], name: str) -> str | None:
        index = at.get(name)
        value = row[index].strip() if index is not None and index < len(row) else ""
        return value or None

    orders: dict[str, Order] = {}
    for row, number in zip(rows, row_numbers, strict=True):
        name = cell(row, "Name")
        if not name:
            continue
        order = orders.get(name)
        if order is None:  # the first row of an order carries its order-level fields
            order = orders[name] = Order(
                source="shopify", number=name, row=number, created_at=cell(row, "Created at"),
                currency=cell(row, "Currency"), total_cents=parse_money(cell(row, "Total")),
                # some exports write a refund as a negative amount: it lowers the sale whatever its sign
                refunded_cents=abs(parse_money(cell(row, "Refunded Amount")) or 0),
                financial_status=(cell(row, "Financial Status") or "").lower() or None,
                cancelled=bool(cell(row, "Cancelled at")), email=cell(row, "Email"),
                phone=cell(row, "Phone") or cell(row, "Billing Phone") or cell(row, "Shipping Phone"),
                discount_code=cell(row, "Discount Code"), landing_site=cell(row, "Landing Site"),
                declared_source=next((value for value in (cell(row, name) for name in DECLARED_COLUMNS) if value),
                                     None),
            )
        line_name = cell(row, "Lineitem name")
        if line_name:
            order.lines.append(OrderLine(line_name, _quantity(cell(row, "Lineitem quantity")),
                                         parse_money(cell(row, "Lineitem price"))))
    return list(orders.values())


_TIME_FORMATS = ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S",
                 "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%Y/%m/%d")


def parse_order_time(text: str | None) -> dt.datetime | None:
    """When an order was placed, from Shopify's "2026-10-02 09:58:00 +0200" or an ISO / French date;
    None when absent or unreadable. A time without an offset is taken as Paris time."""
    if not text:
        return None
    text = text.strip().replace(" à ", " ").replace(" a ", " ")
    if text.endswith("Z"):
        text = text[:-1] + "+0000"
    for pattern in _TIME_FORMATS:
        try:
            moment = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=_PARIS)
    return None


# Statuses, compared without accents or case, that mean the money was not (or no longer) taken: WooCommerce's
# pending, on-hold, failed, cancelled, refunded, draft and trash (English slugs with or without "wc-", and their
# French labels "En attente (de paiement)", "Échouée", "Annulée", "Remboursée", "Brouillon"), PrestaShop's
# "Annulé", "Remboursé", "Erreur de paiement", "En attente du paiement par chèque / virement", "En attente de
# réapprovisionnement (non payé)"... Any other status (completed, processing, "Terminée", "En cours", "Paiement
# accepté", "Préparation en cours", "Expédié", "Livré", a shop's own "Prêt pour retrait"...) is a sale.
_CANCELLED_WORDS = ("cancelled", "canceled", "cancel", "annule", "annulee", "annulation", "voided", "void")
_NOT_SALE_WORDS = (*_CANCELLED_WORDS, "refunded", "rembourse", "remboursee", "rembourses", "remboursement",
                   "failed", "echoue", "echouee", "echec", "erreur", "error", "pending", "en attente", "on hold",
                   "draft", "brouillon", "trash", "corbeille", "abandon", "abandonne", "abandonnee", "unpaid",
                   "non paye", "impaye", "impayee", "rejected", "refuse", "refusee", "expired", "expire",
                   "expiree")
_PARTIAL_WORDS = ("partiel", "partielle", "partial", "partially")


def status_meaning(status: str | None) -> tuple[bool, bool]:
    """(is a sale, is cancelled) for a shop's order status; an empty status is a sale."""
    from lib.contacts.mapping import normalise_header

    text = normalise_header(status or "")
    if text.startswith("wc "):
        text = text[3:]
    if not text:
        return True, False

    def has(word: str) -> bool:
        return f" {word} " in f" {text} "

    if any(has(word) for word in _PARTIAL_WORDS):  # partially refunded: a sale, lowered by the refund
        return True, False
    if has("en attente") and has("paye") and not has("non paye"):  # awaiting restock, already paid
        return True, False
    cancelled = any(has(word) for word in _CANCELLED_WORDS)
    return not cancelled and not any(has(word) for word in _NOT_SALE_WORDS), cancelled


_CURRENCY_SIGNS = {"€": "EUR", "£": "GBP", "CHF": "CHF", "EUR": "EUR", "GBP": "GBP", "USD": "USD", "US$": "USD"}
_PACKED = re.compile(r"(?:^|\|)\s*([a-z_]+)\s*:\s*([^|]*)")


def currency_in(text: str | None) -> str | None:
    """The currency an amount cell names ("45,90 €", "12.00 EUR"), or None."""
    for sign, code in _CURRENCY_SIGNS.items():
        if text and sign in text.upper():
            return code
    return None


def _packed(text: str) -> dict[str, str]:
    """WooCommerce's "name:Vin|quantity:2|total:90.00" cells as a dict (empty when the cell is not packed)."""
    return {key: value.strip() for key, value in _PACKED.findall(text)} if ":" in text and "|" in text else {}


def _quantity(text: str | None) -> int:
    """A line's quantity: a whole number from 0 to a million, else 1 ("²", "1e100000000", "2,5" are not counts)."""
    text = (text or "1").replace(",", ".").strip()
    if len(text) > 20:
        return 1
    try:
        value = Decimal(text)
    except InvalidOperation:
        return 1
    # compared before int(): int(Decimal("1e100000000")) would build a hundred-million-digit number
    if not value.is_finite() or not 0 <= value <= _MAX_QUANTITY or value != value.to_integral_value():
        return 1
    return int(value)


def _with_utm(landing: str | None, utm: dict[str, str]) -> str | None:
    """The landing URL with the UTM values of their own columns added (when the URL does not carry them)."""
    from urllib.parse import quote

    url = landing or ""
    extra = [f"{key}={quote(value, safe='-_.~')}" for key, value in utm.items()
             if value and f"{key}=" not in url]
    if not extra:
        return landing
    return f"{url}{'&' if '?' in url else '?'}{'&'.join(extra)}"


_NO_SOURCE = frozenset({"direct", "unknown", "inconnu", "inconnue", "web admin", "administration web",
                        "mobile app", "application mobile", "none", "aucune", "n a"})


def _origin_source(text: str) -> str:
    """A utm_source column, or WooCommerce's "Origin" column ("Source: whatsapp" for a visit with UTM
    parameters; "Referral: google.com", "Organic: Google", "Direct", "Unknown", "Web admin" otherwise): the UTM
    source when there is one, else ""."""
    from lib.contacts.mapping import normalise_header

    if ":" in text:
        kind, _, value = text.partition(":")
        return value.strip() if normalise_header(kind) in {"source", "utm", "utm source", "source utm"} else ""
    return "" if normalise_header(text) in _NO_SOURCE else text.strip()


def read_mapped_orders(columns: list[str], rows: list[list[str]], row_numbers: list[int], mapping: dict[str, str],
                       source: str = "csv") -> list[Order]:
    """Orders from a file whose columns are mapped to order fields (``lib.conversions.orders_mapping``).

    Rows sharing an order number are one order, its line items; a row without a number continues the order
    above it (WooCommerce export plugins can fill order fields on the first row only). Order-level fields take
    the first non-empty value among the order's rows. The status decides the sale (``status_meaning``); with no
    status column every order with a positive total is a sale. A refund column lowers the amount (its sign is
    ignored). Without a currency column the currency is read from the total ("45,90 €"). Several coupon codes in
    one cell ("CERCLE10, NOEL") keep the first; WooCommerce's packed "code:CERCLE10|amount:10" cells are read.
    UTM columns (WooCommerce's order attribution: utm_source, utm_campaign, utm_content, the "Origin" column)
    are added to the landing URL so attribution by tracked link and UTM works as for Shopify.
    """
    by_field: dict[str, list[int]] = {}
    for index, column in enumerate(columns):
        field_name = mapping.get(column, "ignore")
        if field_name != "ignore":
            by_field.setdefault(field_name, []).append(index)

    def cells(row: list[str], name: str) -> list[str]:
        return [row[i].strip() for i in by_field.get(name, []) if i < len(row) and row[i].strip()]

    def cell(row: list[str], name: str) -> str | None:
        found = cells(row, name)
        return found[0] if found else None

    orders: dict[str, Order] = {}
    raw: dict[str, dict[str, str]] = {}
    current: str | None = None
    for row, line_no in zip(rows, row_numbers, strict=True):
        number = (cell(row, "number") or "").removesuffix(".0") or None
        if number is None and current is None:
            continue
        number = number or current
        current = number
        order = orders.get(number)
        if order is None:
            order = orders[number] = Order(
                source=source, number=number, row=line_no, created_at=None, currency=None, total_cents=None,
                refunded_cents=0, financial_status=None, cancelled=False, email=None, phone=None,
                discount_code=None, landing_site=None)
            raw[number] = {}
        values = raw[number]
        for name in ("date", "total", "refunded", "currency", "status", "phone", "email", "promo_code", "landing",
                     "utm_source", "utm_campaign", "utm_content", "declared"):
            if name not in values and (value := cell(row, name)):
                values[name] = value
        if "buyer_name" not in values and (names := cells(row, "buyer_name")):
            values["buyer_name"] = " ".join(names)
        product = cell(row, "product")
        if product:
            order.lines.append(OrderLine(product, _quantity(cell(row, "quantity")),
                                         parse_money(cell(row, "unit_price"))))
        for packed in cells(row, "line_item"):
            item = _packed(packed)
            if item.get("name"):
                quantity = _quantity(item.get("quantity"))
                total = parse_money(item.get("total"))
                order.lines.append(OrderLine(item["name"], quantity,
                                             total // quantity if total is not None and quantity else None))
    for number, order in orders.items():
        values = raw[number]
        order.created_at = values.get("date")
        order.total_cents = parse_money(values.get("total"))
        order.refunded_cents = abs(parse_money(values.get("refunded")) or 0)
        order.currency = values.get("currency") or currency_in(values.get("total"))
        status = values.get("status")
        order.financial_status = status
        order.sale, order.cancelled = status_meaning(status)
        order.email = values.get("email")
        order.phone = values.get("phone")
        order.buyer_name = values.get("buyer_name")
        code = values.get("promo_code") or ""
        code = _packed(code).get("code", code)
        order.discount_code = re.split(r"[,;|]", code)[0].strip() or None
        utm = {"utm_source": _origin_source(values.get("utm_source", "")),
               "utm_campaign": values.get("utm_campaign", ""), "utm_content": values.get("utm_content", "")}
        order.landing_site = _with_utm(values.get("landing"), utm)
        order.declared_source = values.get("declared")
    return list(orders.values())


def detect_format(columns: list[str]) -> str | None:
    """'shopify', 'woocommerce' or 'prestashop' when the headers are those of that shop's orders export.

    Assumed (no official column list exists for the last two; documented from their exports and plugins):
    - PrestaShop, back office Commandes › Exporter (``;``-separated): "ID", "Référence", "Nouveau client",
      "Livraison", "Client", "Total", "Paiement", "État", "Date" (English: "Reference", "New client",
      "Delivery", "Customer", "Payment", "Status"); phone and e-mail columns are read when a shop added them.
    - WooCommerce has no built-in orders CSV; the export plugins ("Advanced Order Export", "Customer / Order /
      Coupon Export", "Import Export Suite") write "Order Number" / "Order ID" / "order_number", "Order Date",
      "Order Status" / "status", "Order Total (Amount)" / "order_total", "Order Refund Amount", "Currency" /
      "order_currency", "Phone (Billing)" / "Billing Phone" / "billing_phone", the same for the e-mail, "Coupon
      Code" / "coupon_items", item columns, and the order attribution of WooCommerce 8.5+ ("Origin",
      "_wc_order_attribution_utm_source"...). A French shop shows them as "N° de commande", "Date de commande",
      "État", "Total de la commande", "Téléphone (facturation)", "E-mail (facturation)", "Code promo". A file is
      taken as WooCommerce when a header mentions billing / facturation, WooCommerce's attribution, or one of
      its order-level names, and an order number, a total and a status are found.
    """
    from lib.contacts.mapping import normalise_header

    if is_shopify_orders(columns):
        return "shopify"
    texts = {normalise_header(column) for column in columns}
    if {"id", "reference", "total", "date"} <= texts and ({"etat", "paiement"} <= texts
                                                          or {"status", "payment"} <= texts):
        return "prestashop"
    from lib.conversions.orders_mapping import guess_order_mapping

    fields = set(guess_order_mapping(columns).values())
    woo_marker = any("billing" in text.split() or "facturation" in text.split() or text.startswith("wc order")
                     or text in {"order total amount", "order refund amount", "order currency", "order status",
                                 "order number formatted"} for text in texts)
    if woo_marker and {"number", "total", "status"} <= fields:
        return "woocommerce"
    return None


def format_mapping(columns: list[str], file_format: str) -> dict[str, str]:
    """The mapping a recognised WooCommerce or PrestaShop export is read with."""
    from lib.contacts.mapping import normalise_header
    from lib.conversions.orders_mapping import guess_order_mapping

    mapping = guess_order_mapping(columns)
    if file_format == "prestashop":  # ID is unique; a Référence is shared by the orders of one split cart
        for column in columns:
            text = normalise_header(column)
            if text == "id":
                mapping[column] = "number"
            elif text == "reference":
                mapping[column] = "ignore"
            elif text in {"client", "customer"}:
                mapping[column] = "buyer_name"
            elif text in {"nouveau client", "new client", "livraison", "delivery", "paiement", "payment"}:
                mapping[column] = "ignore"
    return mapping


def read_orders(columns: list[str], rows: list[list[str]], row_numbers: list[int],
                mapping: dict[str, str] | None = None) -> list[Order]:
    """Orders from a shop's export (Shopify, WooCommerce, PrestaShop, recognised from the headers) or, given a
    ``mapping`` naming at least the order number and total columns, from any other file; OrderReadError else."""
    return read_orders_as(columns, rows, row_numbers, mapping)[1]


def read_orders_as(columns: list[str], rows: list[list[str]], row_numbers: list[int],
                   mapping: dict[str, str] | None = None) -> tuple[str, list[Order]]:
    """(source, orders): like ``read_orders``, also saying which format was read ('csv' for a mapped file)."""
    from lib.conversions.orders_mapping import missing_order_fields

    file_format = detect_format(columns)
    if file_format == "shopify" and mapping is None:
        return "shopify", read_shopify_orders(columns, rows, row_numbers)
    if file_format in ("woocommerce", "prestashop") and mapping is None:
        mapping = format_mapping(columns, file_format)
        return file_format, read_mapped_orders(columns, rows, row_numbers, mapping, file_format)
    if mapping is None:
        raise OrderReadError("needs_mapping")
    if missing_order_fields(mapping):
        raise OrderReadError("mapping_incomplete")
    source = file_format if file_format in ("woocommerce", "prestashop") else "csv"
    return source, read_mapped_orders(columns, rows, row_numbers, mapping, source)
