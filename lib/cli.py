"""`python -m lib.cli ...`: scripted and batch work on the same database as the app.

Uses CERCLE_DATA_DIR / DATABASE_URL exactly as the app does; with the embedded server, a CLI started while
the app runs attaches to the running server instead of starting a second one.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from lib.db import LOCAL_USER, DatabaseUnavailable, close_database, get_database
from lib.i18n import set_language, t


def _demo(args: argparse.Namespace) -> int:
    from lib.demo import load_demo

    workspace, report = load_demo(get_database(), LOCAL_USER, _check_slug(args.workspace))
    if args.json:
        print(json.dumps({"workspace": workspace.slug, **report.counts()}))
    else:
        print(t("home.demo_done", **report.counts()))
    return 0


class CommandError(Exception):
    """A refusal the CLI reports as one line on stderr with exit status 2."""


def _check_slug(slug: str) -> str:
    from lib.workspaces import SLUG_PATTERN

    if not SLUG_PATTERN.match(slug):
        raise CommandError(t("cli.bad_slug", slug=slug))
    return slug


def _workspace(slug: str, principal=LOCAL_USER):
    from lib.workspaces import ensure_workspace

    return ensure_workspace(get_database(), principal, _check_slug(slug))


def _region(value: str | None, default: str) -> str:
    import phonenumbers

    region = (value or default).upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        raise CommandError(t("cli.bad_region", region=region))
    return region


def _read_file(path):
    """The file as a table, or a CommandError saying in one line why it cannot be read (nothing is stored)."""
    from lib.contacts.readers import ReadError, ReadLimits, read_contacts_file

    limits = ReadLimits()
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise ReadError("too_large", size_mb=f"{size / 2**20:.0f}", limit_mb=f"{limits.max_bytes / 2**20:.0f}")
        return read_contacts_file(path.read_bytes(), path.name, limits=limits)
    except OSError as exc:
        raise CommandError(t("cli.cannot_open", path=str(path), reason=exc.strerror or type(exc).__name__)) from exc
    except ReadError as exc:
        raise CommandError(exc.message) from exc


def _import_contacts(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lib.contacts.importer import ImportRefused, import_rows
    from lib.contacts.mapping import guess_mapping

    path = Path(args.path)
    table = _read_file(path)
    mapping = guess_mapping(table.columns, table.known_export)
    if not {"phone", "email"} & set(mapping.values()):
        raise CommandError(t("cli.no_identifier", columns=", ".join(table.columns[:12])))
    workspace = _workspace(args.workspace)
    region = _region(args.region, workspace.default_region)
    try:
        report = import_rows(get_database(), LOCAL_USER, workspace.id, table.columns, table.rows,
                             file_name=path.name, file_format=table.format, mapping=mapping, region=region,
                             row_numbers=table.row_numbers, source="cli")
    except ImportRefused as exc:
        raise CommandError(exc.message) from exc
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        print(t("cli.import_done", file=path.name, **report.counts()))
        if report.merged_in_file:
            print(t("importreport.cli.merged", count=report.merged_in_file))
        lost = report.numbers_lost()
        if lost:
            print(t("importreport.cli.lost", count=len(lost)))
            for item in lost:
                print(t("importreport.cli.lost_line", **item))
        if report.changed_nothing:
            print(t("cli.import_nothing_new"))
    return 0


def _import_orders(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lib.conversions.orders import OrderReadError, read_orders
    from lib.conversions.store import import_orders

    path = Path(args.path)
    table = _read_file(path)
    try:
        # refuse before any workspace is touched; a file needing a column mapping is for the app's wizard
        read_orders(table.columns, table.rows, table.row_numbers)
    except OrderReadError as exc:
        raise CommandError(exc.message) from exc
    workspace = _workspace(args.workspace)
    report = import_orders(get_database(), LOCAL_USER, workspace.id, table.columns, table.rows, table.row_numbers,
                           file_name=path.name, region=workspace.default_region)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(t("conversions.cli.import_done", file=path.name, orders=report.orders, sales=report.sales,
                revenue=f"{report.revenue:.2f}", currency=report.currency or "",
                matched_contacts=report.matched_contacts))
    return 0


def _export_contacts(args: argparse.Namespace) -> int:
    from pathlib import Path

    from lib.audit import record_export
    from lib.contacts.export import EXPORT_COLUMNS, to_csv
    from lib.contacts.queries import exportable_contacts

    ruleset = _rules(args.rules) if args.rules else None
    workspace = _workspace(args.workspace)
    if ruleset is None:
        rows = exportable_contacts(get_database(), LOCAL_USER, workspace.id, EXPORT_COLUMNS)
    else:
        from lib.segments.rules import member_rows

        rows = member_rows(get_database(), LOCAL_USER, workspace.id, ruleset, EXPORT_COLUMNS)
    try:
        Path(args.out).write_bytes(to_csv(EXPORT_COLUMNS, rows))
    except OSError as exc:
        raise CommandError(t("cli.cannot_write", path=args.out, reason=exc.strerror or type(exc).__name__)) from exc
    record_export(get_database(), LOCAL_USER, workspace.id, rows=len(rows),
                  segment=Path(args.rules).name if args.rules else None, via="cli")
    print(t("cli.export_done", count=len(rows), path=args.out), file=sys.stderr)
    return 0


def _rules(path: str):
    from lib.segments.rules import RuleError, read_rules_file

    try:
        return read_rules_file(path)
    except RuleError as exc:
        raise CommandError(exc.message) from exc


def _segment_count(args: argparse.Namespace) -> int:
    from lib.segments.rules import count_members

    ruleset = _rules(args.rules)
    workspace = _workspace(args.workspace)
    print(count_members(get_database(), LOCAL_USER, workspace.id, ruleset))
    return 0


def _validate_phones(args: argparse.Namespace) -> int:
    from lib.contacts.phones import PhoneCheck, clean_phone_cells, validate_phones

    region = _region(args.region, "FR")
    lines = [line.rstrip("\r\n") for line in sys.stdin]
    # libphonenumber's verdict, except that Excel's scientific notation is refused: its digits are lost.
    cells = clean_phone_cells(lines, region)
    for line, check, cell in zip(lines, validate_phones(lines, region), cells, strict=True):
        if cell.code == "scientific_notation":
            check = PhoneCheck(line, None, False, None, None, "scientific_notation")
        print(json.dumps(check.as_dict(), ensure_ascii=False))
    return 0


def _suppress(args: argparse.Namespace) -> int:
    """A file of STOP replies (one phone number or e-mail a line) onto the suppression list, the file as proof."""
    import hashlib
    from pathlib import Path

    from lib import clock
    from lib.contacts.consent import ConsentError
    from lib.contacts.intake import _EMAIL
    from lib.contacts.phones import validate_phone
    from lib.contacts.rights import suppress_values

    if args.path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(args.path).read_bytes()
        except OSError as exc:
            raise CommandError(t("cli.cannot_open", path=args.path,
                                 reason=exc.strerror or type(exc).__name__)) from exc
    workspace = _workspace(args.workspace)
    region = _region(args.region, workspace.default_region)
    phones: list[str] = []
    emails: list[str] = []
    bad = 0
    for number, line in enumerate(data.decode("utf-8-sig", errors="replace").splitlines(), start=1):
        value = line.strip().strip(";,").strip()
        if not value or value.startswith("#"):
            continue
        if "@" in value:
            if _EMAIL.match(value):
                emails.append(value.lower())
                continue
        else:
            check = validate_phone(value, region)
            if check.valid and check.e164:
                phones.append(check.e164)
                continue
        bad += 1
        print(t("trust.cli.suppress_bad_line", line=number), file=sys.stderr)
    proof = {"method": "stop_file", "sha256": hashlib.sha256(data).hexdigest(), "at": clock.now().isoformat(),
             "by": LOCAL_USER.email}
    try:
        result = suppress_values(get_database(), LOCAL_USER, workspace.id, phones, emails, args.reason, proof)
    except ConsentError as exc:
        raise CommandError(t("trust.cli.suppress_read_only")) from exc
    valid = len(set(phones)) + len(set(emails))
    print(t("trust.cli.suppress_done", added=result.added, valid=valid, known=valid - result.added, bad=bad,
            contacts=result.contacts))
    return 0


def _create_link(args: argparse.Namespace) -> int:
    from lib.links import LinkError, check_destination, check_invite_url, guess_channel
    from lib.links.communities import create_community, create_link, find_community

    try:
        destination = check_destination(args.destination)
        workspace = _workspace(args.workspace)
        community = find_community(get_database(), LOCAL_USER, workspace.id, args.community)
        if community is None:
            channel = guess_channel(destination)
            community = create_community(get_database(), LOCAL_USER, workspace.id, name=args.community,
                                         channel=channel or "whatsapp_group",
                                         invite_url=check_invite_url(channel, destination) if channel else None)
        link = create_link(get_database(), LOCAL_USER, workspace.id, community.id, source=args.source,
                           destination=destination)
    except LinkError as exc:
        raise CommandError(exc.message) from exc
    if args.json:
        print(json.dumps({"code": link.code, "url": link.short_url}))
    else:
        print(t("links.cli.created", code=link.code, url=link.short_url))
    return 0


def _link_stats(args: argparse.Namespace) -> int:
    from lib.links.communities import link_stats

    workspace = _workspace(args.workspace)
    stats = link_stats(get_database(), LOCAL_USER, workspace.id)
    if args.json:
        print(json.dumps([stat.as_dict() for stat in stats], ensure_ascii=False))
    else:
        for stat in stats:
            print(f"{stat.code}\t{stat.community}\t{stat.source}\t{stat.clicks}")
    return 0


def _create_join_page(args: argparse.Namespace) -> int:
    from lib.links import LinkError
    from lib.links.communities import find_community
    from lib.links.join import CONSENT_CHANNELS, create_join_page

    channels = None
    if args.channels is not None:
        channels = [c.strip().lower() for c in args.channels.split(",") if c.strip()]
        unknown = [c for c in channels if c not in CONSENT_CHANNELS]
        if unknown:
            raise CommandError(t("links.error.bad_channel", channel=unknown[0]))
    interests = [i for i in (args.interests or "").split(",") if i.strip()]
    try:
        workspace = _workspace(args.workspace)
        community = find_community(get_database(), LOCAL_USER, workspace.id, args.community)
        if community is None:
            raise CommandError(t("join.cli.unknown_community", name=" ".join(args.community.split())))
        page = create_join_page(get_database(), LOCAL_USER, workspace.id, community.id, source=args.source,
                                channels=channels, interests=interests)
    except LinkError as exc:
        raise CommandError(exc.message) from exc
    if args.json:
        print(json.dumps({"code": page.code, "url": page.url}))
    else:
        print(t("join.cli.created", code=page.code, url=page.url))
    return 0


def _join_stats(args: argparse.Namespace) -> int:
    from lib.links.join import join_stats

    workspace = _workspace(args.workspace)
    stats = join_stats(get_database(), LOCAL_USER, workspace.id)
    if args.json:
        print(json.dumps([stat.as_dict() for stat in stats], ensure_ascii=False))
    else:
        for stat in stats:
            print(f"{stat.code}\t{stat.community}\t{stat.source}\t{stat.views}\t{stat.signups}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description="Cercle, en ligne de commande.")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr", help="langue des messages")
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="charge les contacts de démonstration (sans doublons)")
    demo.add_argument("--workspace", default="demo", help="identifiant de l'espace (créé s'il manque)")
    demo.add_argument("--json", action="store_true", help="affiche le résultat en JSON")
    demo.set_defaults(run=_demo)

    importing = commands.add_parser("import-contacts", help="importe un fichier de contacts (CSV, XLSX, ODS, vCard)")
    importing.add_argument("path", help="le fichier à importer")
    importing.add_argument("--workspace", required=True, help="identifiant de l'espace (créé s'il manque)")
    importing.add_argument("--region", help="pays par défaut des numéros (FR, BE…) ; sinon celui de l'espace")
    importing.add_argument("--json", action="store_true", help="affiche le rapport en JSON")
    importing.set_defaults(run=_import_contacts)

    orders = commands.add_parser("import-orders",
                                 help="importe un export de commandes Shopify, WooCommerce ou PrestaShop")
    orders.add_argument("path", help="le fichier à importer")
    orders.add_argument("--workspace", required=True, help="identifiant de l'espace (créé s'il manque)")
    orders.add_argument("--json", action="store_true", help="affiche le rapport en JSON")
    orders.set_defaults(run=_import_orders)

    export = commands.add_parser("export-contacts", help="exporte les contacts en CSV (UTF-8)")
    export.add_argument("--workspace", required=True)
    export.add_argument("--out", required=True, help="fichier CSV à écrire")
    export.add_argument("--rules", help="fichier JSON des règles d'un segment : n'exporte que ses membres")
    export.set_defaults(run=_export_contacts)

    segment_count = commands.add_parser("segment-count", help="affiche le nombre de membres d'un segment")
    segment_count.add_argument("--workspace", required=True, help="identifiant de l'espace")
    segment_count.add_argument("--rules", required=True, help="fichier JSON des règles du segment")
    segment_count.set_defaults(run=_segment_count)

    phones = commands.add_parser("validate-phones", help="un numéro par ligne sur l'entrée, un JSON par ligne")
    phones.add_argument("--region", help="pays par défaut (FR si absent)")
    phones.set_defaults(run=_validate_phones)

    suppress = commands.add_parser("suppress", help=t("trust.cli.suppress_help", "fr"))
    suppress.add_argument("path", help=t("trust.cli.suppress_path", "fr"))
    suppress.add_argument("--workspace", required=True, help="identifiant de l'espace (créé s'il manque)")
    suppress.add_argument("--reason", choices=("stop", "objection", "opt_out"), default="stop",
                          help=t("trust.cli.suppress_reason", "fr"))
    suppress.add_argument("--region", help="pays par défaut des numéros (FR, BE…) ; sinon celui de l'espace")
    suppress.set_defaults(run=_suppress)

    link = commands.add_parser("create-link", help="crée un lien d'invitation suivi (/r/CODE) pour une communauté")
    link.add_argument("--workspace", required=True, help="identifiant de l'espace (créé s'il manque)")
    link.add_argument("--community", required=True, help="nom de la communauté (créée s'il manque)")
    link.add_argument("--source", required=True, help="où le lien sera diffusé : salon, collerette, statut…")
    link.add_argument("--destination", required=True, help="lien d'invitation du groupe ou page de la boutique")
    link.add_argument("--json", action="store_true", help="affiche {\"code\", \"url\"} en JSON")
    link.set_defaults(run=_create_link)

    stats = commands.add_parser("link-stats", help="clics comptés par lien d'invitation")
    stats.add_argument("--workspace", required=True, help="identifiant de l'espace")
    stats.add_argument("--json", action="store_true", help="affiche la liste en JSON")
    stats.set_defaults(run=_link_stats)

    join_page = commands.add_parser("create-join-page",
                                    help="crée une page d'inscription (/j/CODE) pour une communauté existante")
    join_page.add_argument("--workspace", required=True, help="identifiant de l'espace")
    join_page.add_argument("--community", required=True, help="nom de la communauté (elle doit exister)")
    join_page.add_argument("--source", required=True, help="où la page sera diffusée : salon, collerette, QR code…")
    join_page.add_argument("--interests", help="centres d'intérêt proposés, séparés par des virgules")
    join_page.add_argument("--channels", help="cases de consentement (whatsapp,sms,telegram,email) ;"
                                              " sinon le canal de la communauté et l'e-mail")
    join_page.add_argument("--json", action="store_true", help="affiche {\"code\", \"url\"} en JSON")
    join_page.set_defaults(run=_create_join_page)

    join_stats = commands.add_parser("join-stats", help="vues et inscriptions par page d'inscription")
    join_stats.add_argument("--workspace", required=True, help="identifiant de l'espace")
    join_stats.add_argument("--json", action="store_true", help="affiche la liste en JSON")
    join_stats.set_defaults(run=_join_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    set_language(args.lang)
    try:
        return args.run(args)
    except (DatabaseUnavailable, CommandError) as exc:
        print(exc.message if isinstance(exc, DatabaseUnavailable) else str(exc), file=sys.stderr)
        return 2
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main())
