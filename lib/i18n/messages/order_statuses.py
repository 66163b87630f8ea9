"""The shops' order statuses in the reader's language (lib/ui/orders_in.py). Unknown ones are shown as the shop
wrote them."""

_STATUSES = {
    "paid": ("payée", "paid"), "partially_paid": ("payée en partie", "partially paid"),
    "pending": ("en attente", "pending"), "authorized": ("autorisée", "authorised"),
    "refunded": ("remboursée", "refunded"), "partially_refunded": ("remboursée en partie", "partially refunded"),
    "voided": ("annulée avant paiement", "voided"), "cancelled": ("annulée", "cancelled"),
    "failed": ("en échec", "failed"), "processing": ("en cours", "processing"), "completed": ("terminée", "completed"),
    "on-hold": ("en suspens", "on hold"), "expired": ("expirée", "expired"),
}

MESSAGES = {f"orderstatus.{raw}": {"fr": fr, "en": en} for raw, (fr, en) in _STATUSES.items()}
