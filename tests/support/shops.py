"""Shopify and WooCommerce webhook bodies as the shops send them (orders, refunds), for unit and route tests."""

from __future__ import annotations

import json


def shopify_order(number: int = 1001, *, order_id: int = 820982911946154508, total: str = "89.80",
                  financial_status: str = "paid", updated_at: str = "2026-10-02T10:00:00+02:00", refunds=None,
                  cancelled_at: str | None = None, phone: str | None = "+33612345678", email: str = "Ana@Example.fr",
                  code: str | None = "CHENIN10", landing_site: str | None = "/products/chenin?utm_source=whatsapp",
                  **extra) -> dict:
    """A Shopify order webhook body (REST Admin API order resource) with the fields Cercle reads."""
    return {
        "id": order_id, "name": f"#{number}", "order_number": number, "email": email, "phone": None,
        "created_at": "2026-10-02T09:58:00+02:00", "updated_at": updated_at, "currency": "EUR",
        "total_price": total, "subtotal_price": total, "financial_status": financial_status,
        "cancelled_at": cancelled_at, "cancel_reason": "customer" if cancelled_at else None,
        "discount_codes": [{"code": code, "amount": "8.98", "type": "percentage"}] if code else [],
        "landing_site": landing_site, "referring_site": "https://web.whatsapp.com/",
        "customer": {"id": 115310627314723954, "email": email, "phone": phone, "first_name": "Ana"},
        "billing_address": {"first_name": "Ana", "phone": None, "city": "Saumur", "country_code": "FR"},
        "line_items": [{"id": 1, "name": "Chenin 2022 - 75 cl", "title": "Chenin 2022", "quantity": 2,
                        "price": "44.90"}],
        "refunds": refunds or [], "note_attributes": [], **extra,
    }


def shopify_refund(refund_id: int, amount: str, *, order_id: int = 820982911946154508) -> dict:
    return {"id": refund_id, "order_id": order_id, "created_at": "2026-10-05T11:00:00+02:00", "note": "casse",
            "refund_line_items": [], "transactions": [
                {"id": refund_id * 10, "order_id": order_id, "kind": "refund", "status": "success", "amount": amount,
                 "currency": "EUR"},
                {"id": refund_id * 10 + 1, "order_id": order_id, "kind": "refund", "status": "failure",
                 "amount": "999.00", "currency": "EUR"}]}


def woo_order(number: str = "4750", *, order_id: int = 4750, status: str = "processing", total: str = "54.00",
              modified: str = "2026-10-03T08:00:00", refunds=None, meta=None, phone: str = "06 12 34 56 78") -> dict:
    """A WooCommerce order webhook body (REST API v3 order) with the fields Cercle reads."""
    return {
        "id": order_id, "parent_id": 0, "number": number, "status": status, "currency": "EUR",
        "date_created": "2026-10-03T09:30:00", "date_created_gmt": "2026-10-03T07:30:00",
        "date_modified": "2026-10-03T10:00:00", "date_modified_gmt": modified, "total": total,
        "billing": {"first_name": "Léa", "email": "lea@example.fr", "phone": phone, "country": "FR"},
        "coupon_lines": [{"id": 3, "code": "cercle-amis", "discount": "6.00"}],
        "line_items": [{"id": 7, "name": "Crémant de Loire", "quantity": 3, "price": 18, "total": "54.00"}],
        "refunds": refunds or [],
        "meta_data": meta if meta is not None else [
            {"id": 1, "key": "_wc_order_attribution_source_type", "value": "utm"},
            {"id": 2, "key": "_wc_order_attribution_utm_source", "value": "whatsapp"},
            {"id": 3, "key": "_wc_order_attribution_utm_campaign", "value": "AbCdEf12"},
            {"id": 4, "key": "_wc_order_attribution_session_entry", "value": "https://domaine.fr/boutique/"}],
    }


def body_of(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")
