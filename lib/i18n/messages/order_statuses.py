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
MESSAGES["ordersin.replaces"] = {
    "fr": "Attention : {count} {count|commande du fichier porte|commandes du fichier portent} le numéro d'une commande "
          "déjà connue, avec un autre montant ou un autre client. L'import les remplacera. Si ce fichier vient d'une "
          "autre boutique, ne l'importez pas ici.",
    "en": "Careful: {count} {count|order|orders} in the file {count|carries|carry} the number of an order already "
          "known, with another amount or another buyer. The import will replace them. If this file comes from "
          "another shop, do not import it here.",
}
