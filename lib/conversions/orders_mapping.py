"""Which order field each column of an orders file holds, guessed from its header (French and English).

Used three ways: the WooCommerce and PrestaShop readers (their headers, English or as a French shop shows
them, guessed here then checked), the mapping wizard of the conversions page for any other CSV/XLSX (the guess
is a starting point the user edits) and the CLI (which only imports recognised exports).

Headers are compared as ``lib.contacts.mapping.normalise_header`` writes them: no accents, case or punctuation
(``"E-mail (facturation)"`` → ``"e mail facturation"``, ``"_wc_order_attribution_utm_source"`` →
``"wc order attribution utm source"``). For each field, in the order of ``ORDER_FIELDS``, the column whose header
matches the field's best phrase wins (exact phrases must equal the header, the others appear in it as whole
words); a column serves one field. ``buyer_name`` and ``line_item`` may take several columns (first and last
name; WooCommerce's ``line_item_1``, ``line_item_2``…).
"""

from __future__ import annotations

from lib.contacts.mapping import normalise_header
from lib.i18n import t

ORDER_FIELDS = ("number", "date", "total", "refunded", "currency", "status", "phone", "email", "buyer_name",
                "promo_code", "landing", "utm_source", "utm_campaign", "utm_content", "declared", "product",
                "quantity", "unit_price", "line_item", "ignore")
MULTI_COLUMN_ORDER_FIELDS = frozenset({"buyer_name", "line_item"})
# What an import cannot do without; the date is recommended (attribution by membership needs it).
REQUIRED_ORDER_FIELDS = ("number", "total")

_LINES = ("item", "line", "ligne", "lineitem", "article", "produit", "product", "quantity", "quantite", "qty")
# field -> (exact headers, phrases appearing as whole words, phrases that must not appear), best first
_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "number": (
        ("order", "commande", "n", "no", "numero", "id commande"),
        ("order number formatted", "order number", "numero de commande", "n de commande", "no de commande",
         "n commande", "numero commande", "num commande", "ref commande", "reference commande", "order reference",
         "order no", "order id", "invoice number", "numero de facture", "n de facture", "n facture", "ticket",
         "reference", "ref", "id"),
        ("client", "customer", "user", "produit", "product", "item", "sku", "transaction", "line", "ligne",
         "lineitem"),
    ),
    "date": (
        ("date", "created at", "created", "jour"),
        ("order date", "date de commande", "date de la commande", "date commande", "date d achat",
         "purchase date", "date de creation", "creation date", "date de vente", "sale date", "date"),
        ("naissance", "birth", "livraison", "shipping", "paid", "paiement", "modif", "modified", "updated",
         "completed", "expedition", "facture", "invoice"),
    ),
    "refunded": (
        (),
        ("order refund amount", "refunded amount", "refunded total", "refund amount", "montant rembourse",
         "remboursement", "rembourse", "refunded", "refund", "avoir"),
        (*_LINES, "date", "reason", "motif", "raison"),
    ),
    "total": (
        ("total", "montant", "amount", "ca"),
        ("order total amount", "order total", "total de la commande", "total commande", "montant de la commande",
         "montant total", "total ttc", "montant ttc", "total paye", "total paid", "grand total", "total",
         "montant", "amount", "chiffre d affaires"),
        ("tax", "taxe", "taxes", "tva", "shipping", "livraison", "port", "discount", "remise", "reduction",
         "refund", "rembourse", "subtotal", "sous total", "ht", "fee", "frais", *_LINES, "weight", "poids",
         "count", "nombre"),
    ),
    "currency": (("devise", "currency", "monnaie"), ("order currency", "currency", "devise"), ()),
    "status": (
        ("status", "statut", "etat", "state"),
        ("order status", "statut de la commande", "etat de la commande", "etat commande", "statut commande",
         "financial status", "payment status", "statut", "status", "etat"),
        ("fulfillment", "shipping", "livraison", "expedition", *_LINES),
    ),
    "phone": (
        ("tel", "telephone", "phone", "portable", "mobile"),
        ("billing phone", "phone billing", "telephone facturation", "tel facturation", "telephone", "phone",
         "portable", "mobile", "gsm", "tel"),
        ("fax",),
    ),
    "email": (
        ("email", "e mail", "mail", "courriel"),
        ("billing email", "email billing", "e mail billing", "e mail facturation", "email facturation",
         "customer email", "email", "e mail", "courriel", "mail"),
        (),
    ),
    "buyer_name": (
        ("client", "customer", "nom", "name", "acheteur", "buyer", "billing name", "customer name"),
        ("nom du client", "nom client", "customer name", "billing name", "full name", "nom complet",
         "first name billing", "last name billing", "prenom facturation", "nom facturation", "billing first name",
         "billing last name", "prenom", "first name", "last name", "nom de famille"),
        ("produit", "product", "item", "fichier", "file", "id", "type", "new", "nouveau", "note", "email",
         "e mail", "company", "societe", "entreprise"),
    ),
    "promo_code": (
        ("coupon", "coupons", "promo", "code"),
        ("discount code", "coupon code", "coupon codes", "coupon items", "code promo", "codes promo",
         "code de reduction", "code reduction", "bon de reduction", "code avantage", "coupon", "promo"),
        ("amount", "montant", "postal", "pays", "country", "zip"),
    ),
    "landing": (
        ("url", "lien", "link"),
        ("landing site", "landing page", "session entry", "page d entree", "url d arrivee", "page d arrivee",
         "entry page", "landing", "url"),
        ("referrer", "referring", "referent", "image", "photo"),
    ),
    "utm_source": (
        ("source", "origin", "origine"),
        ("wc order attribution utm source", "utm source", "source utm"),
        ("declaree", "declared", "type"),
    ),
    "utm_campaign": (("campaign", "campagne"), ("utm campaign", "campagne utm"), ()),
    "utm_content": ((), ("utm content", "contenu utm"), ()),
    "declared": (
        ("provenance", "connu par"),
        ("how did you hear about us", "how did you hear", "how heard", "comment nous avez vous connus",
         "comment nous avez vous connu", "comment nous avez vous decouverts", "comment nous avez vous decouvert",
         "vous nous avez connus", "source declaree", "connu par", "connu grace a"),
        (),
    ),
    "product": (
        ("produit", "product", "article", "vin", "cuvee", "designation", "libelle", "products", "produits"),
        ("lineitem name", "item name", "product name", "nom du produit", "nom de l article", "nom produit",
         "produit", "product", "article", "designation", "libelle", "cuvee"),
        ("sku", "id", "quantity", "quantite", "qty", "price", "prix", "cost", "total", "type", "categorie",
         "category"),
    ),
    "quantity": (
        ("qte", "qty", "quantite", "quantity", "nombre", "nb", "bouteilles", "bottles"),
        ("lineitem quantity", "item quantity", "quantity", "quantite", "qty", "qte"),
        ("refund", "rembourse", "total"),
    ),
    "unit_price": (
        ("prix", "price", "pu", "prix unitaire", "unit price"),
        ("lineitem price", "item cost", "item price", "unit price", "prix unitaire", "prix de vente",
         "product price", "price"),
        ("total", "shipping", "livraison", "tax", "tva"),
    ),
    "line_item": ((), ("line item",), ("shipping", "fee", "tax", "refund", "coupon")),
}


def _has(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def _score(text: str, field: str) -> int | None:
    """How well a normalised header names ``field``: 0 is best, None is not at all."""
    exact, phrases, unwanted = _RULES[field]
    if text in exact:
        return exact.index(text)
    if any(_has(text, phrase) for phrase in unwanted):
        return None
    for index, phrase in enumerate(phrases):
        if _has(text, phrase):
            return len(exact) + index
    return None


def guess_order_mapping(columns: list[str]) -> dict[str, str]:
    """Column → order field for every column, in the columns' order (``"ignore"`` when nothing fits)."""
    texts = [normalise_header(column) for column in columns]
    mapping = {column: "ignore" for column in columns}
    taken: set[int] = set()
    for field in ORDER_FIELDS[:-1]:
        scored = [(score, index) for index, text in enumerate(texts)
                  if index not in taken and text and (score := _score(text, field)) is not None]
        if not scored:
            continue
        chosen = [index for _, index in scored] if field in MULTI_COLUMN_ORDER_FIELDS else [min(scored)[1]]
        if field == "buyer_name" and len(chosen) > 2:
            chosen = [index for _, index in sorted(scored)[:2]]
            chosen.sort()
        for index in chosen:
            mapping[columns[index]] = field
            taken.add(index)
    return mapping


def missing_order_fields(mapping: dict[str, str]) -> list[str]:
    """The required fields no column is mapped to (empty when an import can run)."""
    return [field for field in REQUIRED_ORDER_FIELDS if field not in mapping.values()]


def order_field_label(field: str, language: str | None = None) -> str:
    return t(f"ordersin.field.{field}", language)
