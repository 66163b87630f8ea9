"""A realistic French winery's contacts, written the messy ways real files hold them.

``demo_rows()`` is deterministic: the same 2,000 rows for the same day, so loading the demo twice changes
nothing. Its calendar (birth dates, the season of orders, members' joins, link visits) counts back from the
clock's day, so a demo loaded on any day looks alive. ``load_demo()`` cleans them through the same code as an
import and merges them into a workspace.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import phonenumbers

from lib import clock
from lib.contacts.importer import ImportReport, import_rows
from lib.db import Database, Principal
from lib.workspaces import DEMO_WORKSPACE_SLUG, Workspace, ensure_workspace

DEMO_SIZE = 2000
DEMO_NAME = "Domaine des Coteaux (démo)"
DEMO_FILE = "demo-domaine-des-coteaux.csv"
DEMO_COLUMNS = ("Prénom", "Nom", "Téléphone", "E-mail", "Ville", "Code postal", "Pays", "Goûts",
                "Budget par bouteille", "Date de naissance", "Majeur (18+)", "Opt-in WhatsApp", "Opt-in SMS",
                "Opt-in e-mail", "Opt-in Telegram", "Source")

FIRST_NAMES = (
    "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Claire", "Sophie", "Anne", "Marie",
    "Isabelle", "Nathalie", "Céline", "Aurélie", "Hélène", "Élodie", "Lucie", "Margaux", "Thomas", "Nicolas",
    "Julien", "Maxime", "Antoine", "Alexandre", "Pierre", "Louis", "Hugo", "Lucas", "Mathieu", "Olivier",
    "Laurent", "Stéphane", "François", "Sébastien", "Jérôme", "Benoît", "Guillaume", "Étienne", "Jean-Marc",
    "Marie-Hélène", "Noël", "Gaëlle", "Loïc",
)
LAST_NAMES = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
    "Laurent", "Lefèbvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel",
    "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
    "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin",
    "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Le Gall",
    "de La Tour", "N'Diaye",
)
# city, postal code, country; weighted towards the estate's region and big cities
PLACES = (
    ("Bordeaux", "33000", "FR"), ("Mérignac", "33700", "FR"), ("Libourne", "33500", "FR"),
    ("Saint-Émilion", "33330", "FR"), ("Arcachon", "33120", "FR"), ("Pessac", "33600", "FR"),
    ("Paris", "75011", "FR"), ("Paris", "75015", "FR"), ("Paris", "75017", "FR"),
    ("Boulogne-Billancourt", "92100", "FR"),
    ("Lyon", "69003", "FR"), ("Villeurbanne", "69100", "FR"), ("Toulouse", "31000", "FR"), ("Nantes", "44000", "FR"),
    ("Lille", "59000", "FR"), ("Marseille", "13008", "FR"), ("Montpellier", "34000", "FR"), ("Rennes", "35000", "FR"),
    ("Strasbourg", "67000", "FR"), ("Biarritz", "64200", "FR"), ("Pau", "64000", "FR"), ("Périgueux", "24000", "FR"),
    ("Angoulême", "16000", "FR"), ("La Rochelle", "17000", "FR"), ("Annecy", "74000", "FR"),
    ("Bruxelles", "1000", "BE"), ("Liège", "4000", "BE"), ("Genève", "1201", "CH"), ("Lausanne", "1003", "CH"),
    ("Luxembourg", "1111", "LU"), ("Pointe-à-Pitre", "97110", "FR"), ("Fort-de-France", "97200", "FR"),
)
PLACE_WEIGHTS = (9, 4, 3, 2, 2, 3, 6, 5, 4, 2, 5, 2, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 1, 2, 1, 3, 1, 2, 1, 1, 1, 1)
COUNTRY_SPELLINGS = {"FR": ("France", "FR", "france", "", ""), "BE": ("Belgique", "BE", "Belgium"),
                     "CH": ("Suisse", "CH", "Switzerland"), "LU": ("Luxembourg", "LU")}
INTERESTS = (
    "vin rouge", "Rouge", "rouges", "blanc sec", "Vins blancs", "rosé", "Rosé de Provence", "bulles", "Champagne",
    "crémant", "bio", "Vins bio", "nature", "vins naturels", "Bordeaux", "Saint-Émilion", "Bourgogne",
    "liquoreux", "Sauternes", "grands crus", "dégustation", "accords mets-vins", "oenotourisme", "whisky",
)
BUDGETS = ("< 15 €", "15-30", "15 - 30 €", "80", "entre 20 et 40 euros", "30€", "moins de 10", "50+",
           "au moins 30 €", "20", "", "", "", "Pas de budget", "100 € et plus", "12,50 €", "25-40€")
SOURCES = ("Salon des vins de Lyon 2026", "Caveau", "Site web", "Portes ouvertes 2025", "Instagram",
           "Bouche à oreille", "Salon des vignerons indépendants Paris")
YES = ("oui", "Oui", "X", "1", "yes")
NO = ("", "non", "Non", "0")


def _assigned(rng: random.Random, first_digits: str) -> str:
    """Nine national digits in a range France really assigns (about 1 in 200 is left as a typo)."""
    while True:
        digits = rng.choice(first_digits) + "".join(rng.choice("0123456789") for _ in range(8))
        if rng.random() < 0.005 or phonenumbers.is_valid_number(phonenumbers.parse("+33" + digits)):
            return digits


def _mobile_digits(rng: random.Random) -> str:
    return _assigned(rng, "67")


def _landline_digits(rng: random.Random) -> str:
    return _assigned(rng, "12345")


def _pairs(digits: str) -> list[str]:
    return [digits[i:i + 2] for i in range(0, len(digits), 2)]


def _french_written(rng: random.Random, digits: str) -> str:
    """A French national significant number (9 digits) written one of the ways people write it."""
    national = "0" + digits
    pairs = _pairs(national)
    style = rng.choices(range(14), weights=(20, 8, 10, 8, 5, 4, 3, 3, 6, 3, 2, 2, 2, 1))[0]
    return [
        " ".join(pairs), ".".join(pairs), national, "+33 " + digits[0] + " " + " ".join(_pairs(digits[1:])),
        "+33 (0)" + digits[0] + " " + " ".join(_pairs(digits[1:])),
        "0033 " + digits[0] + " " + " ".join(_pairs(digits[1:])),
        "'+33" + digits, "tel:+33" + digits, digits, digits + ".0", "-".join(pairs), "+33" + digits,
        f"{' '.join(pairs)} (portable)", f"{digits[0]},{digits[1:6]}E+08",
    ][style]


def _phone_cell(rng: random.Random, country: str, postal_code: str) -> str:
    roll = rng.random()
    if country == "BE":
        return rng.choice(("0470 ", "0486 ", "+32 475 ")) + " ".join(str(rng.randint(10, 99)) for _ in range(3))
    if country == "CH":
        rest = f"{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        return rng.choice(("079 ", "+41 78 ", "076 ")) + rest
    if country == "LU":
        return f"+352 621 {rng.randint(100, 999)} {rng.randint(100, 999)}"
    if postal_code.startswith("971"):
        return "0690 " + " ".join(str(rng.randint(10, 99)) for _ in range(3))
    if postal_code.startswith("972"):
        return "0696 " + " ".join(str(rng.randint(10, 99)) for _ in range(3))
    if roll < 0.07:
        return _french_written(rng, _landline_digits(rng))
    if roll < 0.11:
        separator = rng.choice((" / ", " ; ", " ::: "))
        return _french_written(rng, _mobile_digits(rng)) + separator + _french_written(rng, _landline_digits(rng))
    if roll < 0.125:
        return rng.choice(("", "", "n/a", "pas de portable", "0", "06"))
    return _french_written(rng, _mobile_digits(rng))


def _email(rng: random.Random, first: str, last: str) -> str:
    import unicodedata

    def plain(text: str) -> str:
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")

    domain = rng.choice(("gmail.com", "orange.fr", "free.fr", "yahoo.fr", "hotmail.fr", "wanadoo.fr", "laposte.net",
                         "sfr.fr", "outlook.fr", "icloud.com"))
    pattern = rng.choice(("{f}.{l}", "{f}{l}", "{f}.{l}{n}", "{i}{l}", "{f}_{l}"))
    local = pattern.format(f=plain(first), l=plain(last).replace("'", ""), n=rng.randint(1, 99), i=plain(first)[0])
    address = f"{local}@{domain}"
    return address.upper() if rng.random() < 0.03 else address


def demo_rows(size: int = DEMO_SIZE, seed: int = 2026, today: date | None = None) -> list[list[str]]:
    """The demo file's data rows, in ``DEMO_COLUMNS`` order (every cell text, as a CSV would hold it); birth dates
    count back from ``today`` (the clock's day by default)."""
    rng = random.Random(seed)
    today = today or clock.today()
    rows: list[list[str]] = []
    for _ in range(size):
        if rows and rng.random() < 0.03:
            # the same person again, from another list, written another way
            again = list(rng.choice(rows))
            again[0] = again[0].upper() if rng.random() < 0.5 else again[0]
            again[7] = rng.choice(INTERESTS)
            rows.append(again)
            continue
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        city, postal_code, country = rng.choices(PLACES, weights=PLACE_WEIGHTS)[0]
        interests = rng.sample(INTERESTS, rng.choice((0, 1, 1, 2, 2, 3)))
        born = today - timedelta(days=rng.randint(17 * 365, 78 * 365)) if rng.random() < 0.4 else None
        whatsapp = rng.random() < 0.62
        rows.append([
            first if rng.random() > 0.02 else first.lower(),
            last if rng.random() > 0.1 else last.upper(),
            _phone_cell(rng, country, postal_code),
            _email(rng, first, last) if rng.random() < 0.8 else "",
            city,
            postal_code if rng.random() > 0.03 else "",
            rng.choice(COUNTRY_SPELLINGS[country]),
            rng.choice((", ", " ; ", "/", ",")).join(interests),
            rng.choice(BUDGETS),
            born.strftime(rng.choice(("%d/%m/%Y", "%Y-%m-%d"))) if born else "",
            "" if born else rng.choice(("oui", "oui", "oui", "oui", "X", "")),
            rng.choice(YES) if whatsapp else rng.choice(NO),
            rng.choice(YES) if rng.random() < 0.5 else rng.choice(NO),
            rng.choice(YES) if rng.random() < 0.7 else rng.choice(NO),
            rng.choice(YES) if rng.random() < 0.15 else rng.choice(NO),
            rng.choice(SOURCES),
        ])
    return rows


DEMO_COMMUNITY = "Le Cercle des Coteaux"
DEMO_PROMO = "CERCLE10"
DEMO_SOURCES = ("Salon des vins de Lyon", "Étiquette col de bouteille", "Statut WhatsApp")
DEMO_WINES = (("Château des Coteaux 2019", 2450), ("Coteaux Réserve 2020", 1890), ("Rosé des Coteaux 2025", 1190),
              ("Crémant des Coteaux", 1450), ("Grand Vin des Coteaux 2016", 5900), ("Moelleux des Coteaux 2018", 2900))
ORDER_COLUMNS = ("Name", "Email", "Financial Status", "Currency", "Total", "Discount Code", "Created at",
                 "Lineitem quantity", "Lineitem name", "Lineitem price", "Refunded Amount", "Cancelled at", "Phone",
                 "Landing Site")


def _demo_community(db: Database, principal: Principal, workspace: Workspace):
    """The demo's WhatsApp community with its promo code and one tracked link per source (created once)."""
    from lib.links.communities import create_community, create_link, find_community, list_links

    community = find_community(db, principal, workspace.id, DEMO_COMMUNITY) or create_community(
        db, principal, workspace.id, name=DEMO_COMMUNITY, channel="whatsapp_group",
        invite_url="https://chat.whatsapp.com/DemoCercleCoteaux2026", promo_code=DEMO_PROMO,
        notes="Communauté de démonstration.")
    links = list_links(db, principal, workspace.id, community.id)
    known = {link.source for link in links}
    links += [create_link(db, principal, workspace.id, community.id, source=source)
              for source in DEMO_SOURCES if source not in known]
    return community, links


# The second community, so the page compares two channels.
DEMO_COMMUNITY_2 = "Les Amis du Chai"
DEMO_PROMO_2 = "AMIS15"
DEMO_SOURCES_2 = ("Newsletter", "Caveau")
# The demo's season of orders: the SEASON_DAYS days ending SEASON_END_AGO days before the day it is loaded, so a demo
# loaded on any day shows recent buyers; its members joined JOINED_BEFORE days before the season (member purchases
# are attributed to them), its tracked links were visited CLICKS_AGO days before loading.
SEASON_DAYS, SEASON_END_AGO, JOINED_BEFORE, CLICKS_AGO = 200, 12, 30, 30


def season_start(today: date) -> date:
    return today - timedelta(days=SEASON_END_AGO + SEASON_DAYS)


ORDER_COLUMNS = ORDER_COLUMNS + ("Comment nous avez-vous connus ?",)
PUBLIC_LANDINGS = ("/", "/", "/collections/rouges", "/?utm_source=instagram&utm_medium=social",
                   "/?utm_source=google&utm_medium=cpc", "/?utm_source=facebook&utm_medium=social")
DEMO_CLICKS = ((0, 140), (1, 60), (2, 95), (3, 45), (4, 30))  # (link position, visits)
# Saved segments, so the conversions page can say what each audience buys on each channel.
DEMO_SEGMENTS = (
    ("Amateurs de rouge", {"all": [{"field": "interest", "op": "any_of",
                                    "value": ["Vin rouge", "Bordeaux", "Saint-Émilion", "Grands crus"]}]}),
    ("Bulles et blancs", {"all": [{"field": "interest", "op": "any_of",
                                   "value": ["Champagne & crémants", "Vin blanc", "Rosé"]}]}),
    ("Budget 30 € et plus", {"all": [{"field": "budget_eur", "op": "gte", "value": 30}]}),
    ("Girondins", {"all": [{"field": "department", "op": "in", "value": ["33"]}]}),
)


def _demo_second_community(db: Database, principal: Principal, workspace: Workspace):
    """A Telegram channel with its own promo code and two tracked links (created once)."""
    from lib.links.communities import create_community, create_link, find_community, list_links

    community = find_community(db, principal, workspace.id, DEMO_COMMUNITY_2) or create_community(
        db, principal, workspace.id, name=DEMO_COMMUNITY_2, channel="telegram_channel",
        invite_url="https://t.me/+DemoAmisDuChai2026", promo_code=DEMO_PROMO_2,
        notes="Deuxième communauté de démonstration.")
    links = list_links(db, principal, workspace.id, community.id)
    known = {link.source for link in links}
    links += [create_link(db, principal, workspace.id, community.id, source=source)
              for source in DEMO_SOURCES_2 if source not in known]
    return community, links


def demo_order_rows(people: list[dict], link_codes: list[str], seed: int = 2026,
                    second_link_codes: list[str] = (), today: date | None = None) -> list[list[str]]:
    """A Shopify orders export for the demo, deterministic: line items; promo codes of both communities
    (``people[i]["community"]``: 1, 2 or None for the person's community); tracked-link codes in landing sites;
    purchases by members with no code (attributed through membership); a loyal few who buy again month after
    month; strangers and contacts outside the communities (public sales, some from Instagram or Google);
    cellar-door buyers who say how they heard of the estate; refunds, voids and cancellations."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    start = season_start(today or clock.today())
    loyal = people[:45]
    for number in range(1001, 1001 + 360):
        roll = rng.random()
        buyer = None if roll < 0.22 else (rng.choice(loyal) if roll < 0.55 else rng.choice(people))
        day = start + timedelta(days=rng.randint(0, SEASON_DAYS))
        lines = rng.sample(DEMO_WINES, rng.choice((1, 1, 2, 3)))
        quantities = [rng.choice((1, 2, 3, 6)) for _ in lines]
        total = sum(price * quantity for (_, price), quantity in zip(lines, quantities, strict=True))
        community = (buyer or {}).get("community")
        how = rng.random()
        promo, landing, declared = "", rng.choice(PUBLIC_LANDINGS), ""
        if community == 1 and how < 0.45:
            promo = DEMO_PROMO
        elif community == 2 and how < 0.5:
            promo = DEMO_PROMO_2
        elif community is not None and how < 0.7:
            codes = link_codes if community == 1 or not second_link_codes else second_link_codes
            landing = f"/?utm_source=cercle&utm_content={rng.choice(codes)}"
        elif buyer is None and how < 0.12:
            declared = rng.choice((DEMO_COMMUNITY, "Salon", "Un ami"))
        status = rng.choices(("paid", "refunded", "partially_refunded", "voided", "cancelled"),
                             weights=(86, 5, 4, 2, 3))[0]
        refunded = total if status == "refunded" else (total // 3 if status == "partially_refunded" else 0)
        email = (buyer or {}).get("email") or f"client{number}@exemple.fr"
        phone = (buyer or {}).get("phone_e164") or ""
        created = f"{day.isoformat()} {rng.randint(8, 21):02d}:{rng.randint(10, 59)}:00 +0200"
        for index, ((name, price), quantity) in enumerate(zip(lines, quantities, strict=True)):
            first = index == 0
            rows.append([
                f"#{number}", email if first else "", ("paid" if status == "cancelled" else status) if first else "",
                "EUR" if first else "", f"{total / 100:.2f}" if first else "", promo if first else "",
                created if first else "", str(quantity), name, f"{price / 100:.2f}",
                f"{refunded / 100:.2f}" if first else "", created if first and status == "cancelled" else "",
                phone if first else "", landing if first else "", declared if first else "",
            ])
    return rows


def _demo_invitations_and_clicks(db: Database, principal: Principal, workspace: Workspace, links, people) -> None:
    """Personal invitations opened (sent) to some reachable contacts, and anonymous visits of the tracked links,
    through the same database functions the /i/ and /r/ routes use; run again, it adds nothing."""

    from lib.links.invitation_log import prepare_invitations
    from lib.links.redirects import visitor_hash, visitor_key

    first = links[0]
    urls = {str(person["id"]): f"https://wa.me/{person['phone_e164'][1:]}?text=Bonjour" for person in people
            if person.get("id") and person.get("phone_e164")}
    tokens = prepare_invitations(db, principal, workspace.id, first.id, "whatsapp", urls)
    key = visitor_key(db)
    visits = [(links[position].id, visitor_hash(key, f"198.51.100.{n % 250}", f"demo-{n}"))
              for position, count in DEMO_CLICKS if position < len(links) for n in range(count)]
    with db.tenant(principal) as conn:
        unopened = [row[0] for row in conn.execute(
            "select token from public.invitations where workspace_id = %s and opened_at is null "
            "and token = any(%s::text[])", (workspace.id, list(tokens.values())))]
    with db.admin() as conn:
        conn.execute("set local role service_role")  # never anon: 20261203100400_anon_calls_nothing.sql
        conn.execute("select cercle_redirect.open_invitation(t) from unnest(%s::text[]) t", (unopened,))
        conn.execute("select cercle_redirect.record_click(v.link, v.visitor) "
                     "from unnest(%s::uuid[], %s::text[]) as v(link, visitor)",
                     ([link for link, _ in visits], [visitor for _, visitor in visits]))


def load_demo(db: Database, principal: Principal, slug: str = DEMO_WORKSPACE_SLUG) -> tuple[Workspace, ImportReport]:
    """Loads the demo into workspace ``slug`` (created if missing): contacts as an import, then two communities
    with their tracked links, members and invitations, and a season of orders. Running it again adds nothing."""
    from lib.conversions.store import import_orders
    from lib.links.communities import import_members
    from lib.segments.rules import sample_members

    today = clock.today()
    joined = season_start(today) - timedelta(days=JOINED_BEFORE)
    workspace = ensure_workspace(db, principal, slug, DEMO_NAME)
    report = import_rows(db, principal, workspace.id, list(DEMO_COLUMNS), demo_rows(today=today), file_name=DEMO_FILE,
                         file_format="csv", region=workspace.default_region, source="demo")
    community, links = _demo_community(db, principal, workspace)
    second, second_links = _demo_second_community(db, principal, workspace)
    reachable = sample_members(db, principal, workspace.id,
                               {"all": [{"field": "reachable", "op": "is", "value": "whatsapp"}]}, limit=400)
    on_telegram = sample_members(db, principal, workspace.id,
                                 {"all": [{"field": "reachable", "op": "is", "value": "telegram"}]}, limit=200)
    members = {person["phone_e164"] for person in reachable[::3]}
    second_members = {person["phone_e164"] for person in on_telegram[::2]} - members
    import_members(db, principal, workspace.id, community.id, sorted(members), region=workspace.default_region)
    import_members(db, principal, workspace.id, second.id, sorted(second_members), region=workspace.default_region)
    with db.tenant(principal) as conn:  # the demo's members joined in spring, before the season's orders
        conn.execute("update public.community_members set joined_at = %s where workspace_id = %s "
                     "and community_id = any(%s::uuid[]) and joined_at > %s",
                     (joined, workspace.id, [community.id, second.id], joined))
    seen: set[str] = set()
    buyers = []
    for person in reachable + on_telegram:
        if person["phone_e164"] in seen:
            continue
        seen.add(person["phone_e164"])
        buyers.append({"email": person.get("email"), "phone_e164": person.get("phone_e164"),
                       "community": 1 if person["phone_e164"] in members
                       else (2 if person["phone_e164"] in second_members else None)})
    rows = demo_order_rows(buyers, [link.code for link in links],
                           second_link_codes=[link.code for link in second_links], today=today)
    import_orders(db, principal, workspace.id, list(ORDER_COLUMNS), rows, list(range(2, len(rows) + 2)),
                  file_name="demo-commandes-shopify.csv", region=workspace.default_region)
    _demo_invitations_and_clicks(db, principal, workspace, links + second_links, reachable[1:120:2])
    _demo_segments(db, principal, workspace)
    return workspace, report


def _demo_segments(db: Database, principal: Principal, workspace: Workspace) -> None:
    """The demo's saved segments (created once, by name)."""
    from lib.segments.store import list_segments, save_segment

    known = {segment.name for segment in list_segments(db, principal, workspace.id, with_counts=False)}
    for name, rules in DEMO_SEGMENTS:
        if name not in known:
            save_segment(db, principal, workspace.id, name, rules)
