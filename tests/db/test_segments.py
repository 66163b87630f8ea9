"""Segments against a real PostgreSQL: SQL and Python agree, tenants stay apart, suppressed people never count."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lib.contacts.export import EXPORT_COLUMNS
from lib.segments.rfm import RFM_TIER_NAMES, rfm_context
from lib.segments.rules import (
    EVERYONE,
    count_members,
    department_of,
    matches,
    member_rows,
    overlap_counts,
    sample_members,
    validate_rules,
)
from lib.segments.store import (
    SegmentError,
    delete_segment,
    duplicate_segment,
    freeze_segment,
    list_segments,
    list_snapshots,
    rename_segment,
    save_segment,
    snapshot_member_ids,
)
from lib.workspaces import ensure_workspace
from tests.support.db import PROJECT_ROOT, make_user, unique_slug
from tests.support.segments import add_contacts, add_imports, cond, new_workspace, person, stored_contacts, suppress

# --- the property: SQL and Python say the same ----------------------------------------------------------------

INTERESTS = ["vin rouge", "Rouge", "bio", "bulles"]
BUDGETS = [(None, None), (None, 15), (15, 30), (30, 60), (60, None), (20, 20), (10, 45)]
POSTAL_CODES = ["33000", "33120", "75011", "20000", "20200", "97110", "6000", " 33 000", "33\u00a0000", "33.000",
                "33\n000", "1000", "ABCDE", "", None]
DAYS = [datetime(2026, m, d, h, tzinfo=UTC) for m, d, h in ((1, 5, 12), (3, 9, 23), (3, 10, 1), (6, 30, 8))]
CHANNELS = ["whatsapp", "telegram", "sms", "email"]


@st.composite
def contacts(draw, import_ids: list[str]) -> list[dict]:
    people = []
    for n in range(draw(st.integers(0, 14))):
        has_phone = draw(st.booleans())
        low, high = draw(st.sampled_from(BUDGETS))
        people.append({
            "phone_e164": f"+3370000{n:04d}" if has_phone else None,
            "email": f"Person{n}@Example.fr" if (not has_phone or draw(st.booleans())) else None,
            "country": draw(st.sampled_from(["FR", "FR", "BE", "GP", None])),
            "postal_code": draw(st.sampled_from(POSTAL_CODES)),
            "city": draw(st.sampled_from(["Bordeaux", "bordeaux", "Pau", "Saint-Émilion", None])),
            "interests": draw(st.lists(st.sampled_from(INTERESTS), max_size=3, unique=True)),
            "budget_min_eur": low, "budget_max_eur": high,
            "declared_adult": draw(st.sampled_from([True, False, None])),
            **{f"reach_{c}": has_phone and draw(st.booleans()) for c in CHANNELS[:3]},
            **{f"consent_{c}": draw(st.booleans()) for c in CHANNELS},
            "opted_out_at": draw(st.sampled_from([None, None, None, DAYS[0]])),
            "source_import_id": draw(st.sampled_from([None, *import_ids])),
            "created_at": draw(st.sampled_from(DAYS)),
        })
    return people


def conditions(import_ids: list[str]) -> st.SearchStrategy:
    lists = st.lists(st.sampled_from(INTERESTS), min_size=1, max_size=3, unique=True)
    amounts = st.sampled_from([0, 10, 15, 20, 29.99, 30, 45, 60, 100])
    rfm_days = st.sampled_from([0, 1, 30, 89, 90, 91, 200, 365, 366])
    rfm_counts = st.sampled_from([0, 1, 2, 3])
    rfm_spent = st.sampled_from([0, 45, 45.5, 90, 299.99, 300, 1000])
    return st.one_of(
        st.builds(cond, st.just("interest"), st.sampled_from(["any_of", "all_of", "none_of"]), lists),
        st.builds(cond, st.just("budget_eur"), st.sampled_from(["gte", "lte"]), amounts),
        st.builds(cond, st.just("budget_eur"), st.just("between"),
                  st.tuples(amounts, amounts).map(lambda pair: sorted(pair))),
        st.builds(cond, st.just("budget_tier"), st.just("in"),
                  st.lists(st.sampled_from(["petit", "moyen", "amateur", "grand_amateur", "inconnu"]), min_size=1,
                           max_size=2)),
        st.builds(cond, st.just("country"), st.sampled_from(["in", "not_in"]),
                  st.lists(st.sampled_from(["FR", "BE", "GP", "CH"]), min_size=1, max_size=2)),
        st.builds(cond, st.just("department"), st.sampled_from(["in", "not_in"]),
                  st.lists(st.sampled_from(["33", "75", "2A", "2B", "971", "06"]), min_size=1, max_size=2)),
        st.builds(cond, st.just("city"), st.just("in"),
                  st.lists(st.sampled_from(["BORDEAUX", "pau", "saint-émilion", "Lyon"]), min_size=1, max_size=2)),
        st.builds(cond, st.just("reachable"), st.sampled_from(["is", "is_not"]), st.sampled_from(CHANNELS)),
        st.builds(cond, st.just("phone_can"), st.sampled_from(["is", "is_not"]), st.sampled_from(CHANNELS[:3])),
        st.builds(cond, st.just("consent"), st.sampled_from(["is", "is_not"]), st.sampled_from(CHANNELS)),
        st.builds(cond, st.just("in_delivery_zone"), st.just("is"), st.booleans()),
        st.builds(cond, st.just("adult"), st.just("is"), st.sampled_from([True, False, "unknown"])),
        st.builds(cond, st.just("import_source"), st.just("in"),
                  st.lists(st.sampled_from(import_ids), min_size=1, max_size=2)),
        st.builds(cond, st.just("added"), st.sampled_from(["after", "before"]),
                  st.sampled_from(["2026-01-05", "2026-03-10", "2026-07-01"])),
        st.builds(cond, st.just("rfm_recency_days"), st.sampled_from(["gte", "lte"]), rfm_days),
        st.builds(cond, st.just("rfm_recency_days"), st.just("between"),
                  st.tuples(rfm_days, rfm_days).map(lambda pair: sorted(pair))),
        st.builds(cond, st.just("rfm_orders"), st.sampled_from(["gte", "lte"]), rfm_counts),
        st.builds(cond, st.just("rfm_orders"), st.just("between"),
                  st.tuples(rfm_counts, rfm_counts).map(lambda pair: sorted(pair))),
        st.builds(cond, st.just("rfm_spent_eur"), st.sampled_from(["gte", "lte"]), rfm_spent),
        st.builds(cond, st.just("rfm_spent_eur"), st.just("between"),
                  st.tuples(rfm_spent, rfm_spent).map(lambda pair: sorted(pair))),
        st.builds(cond, st.just("rfm_tier"), st.just("in"),
                  st.lists(st.sampled_from(RFM_TIER_NAMES), min_size=1, max_size=3, unique=True)),
    )


ORDER_DAYS = [datetime(2026, 11, 28, 23, 30, tzinfo=UTC), datetime(2026, 11, 29, 9, tzinfo=UTC),
              datetime(2026, 9, 1, 12, tzinfo=UTC), datetime(2026, 8, 31, 22, 30, tzinfo=UTC),
              datetime(2025, 11, 29, 12, tzinfo=UTC), datetime(2025, 6, 1, 12, tzinfo=UTC), None]


@st.composite
def orders_of(draw, contact_ids: list) -> list[dict]:
    """Orders of some of the contacts (and of strangers): sales and refunds, dated in Paris-edge hours or not."""
    orders = []
    for _ in range(draw(st.integers(0, 12))):
        is_sale = draw(st.booleans()) or draw(st.booleans())
        orders.append({"contact_id": draw(st.sampled_from([None, *contact_ids])) if contact_ids else None,
                       "created_at": draw(st.sampled_from(ORDER_DAYS)), "is_sale": is_sale,
                       "amount_cents": draw(st.sampled_from([0, 4500, 4550, 9000, 25000, 30000])) if is_sale else 0})
    return orders


def add_orders(db, owner, workspace_id, orders: list[dict]) -> None:
    with db.tenant(owner) as conn, conn.cursor() as cursor:
        cursor.executemany("insert into public.orders (workspace_id, source, number, contact_id, created_at, is_sale,"
                           " amount_cents) values (%s, 'shopify', %s, %s, %s, %s, %s)",
                           [(workspace_id, f"#{n}", o["contact_id"], o["created_at"], o["is_sale"], o["amount_cents"])
                            for n, o in enumerate(orders, start=1)])


def rule_documents(import_ids: list[str]) -> st.SearchStrategy:
    items = st.recursive(conditions(import_ids),
                         lambda inner: st.builds(lambda mode, xs: {mode: xs}, st.sampled_from(["all", "any"]),
                                                 st.lists(inner, max_size=3)),
                         max_leaves=6)
    return st.builds(lambda mode, xs: {mode: xs}, st.sampled_from(["all", "any"]), st.lists(items, max_size=4))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_count_members_equals_matches_over_the_same_contacts(db, data):
    """For random contacts and rules in a fresh workspace, SQL counts exactly whom the Python evaluation matches."""
    workspace = {"delivery_countries": data.draw(st.sampled_from([["FR"], ["FR", "BE"], ["BE"], ["FR", "GP"]])),
                 "delivery_departments": data.draw(st.sampled_from([[], ["33"], ["33", "2A", "971"]])),
                 "is_alcohol": data.draw(st.booleans())}
    owner = make_user(db)
    workspace_id = new_workspace(db, owner, countries=workspace["delivery_countries"],
                                 departments=workspace["delivery_departments"], alcohol=workspace["is_alcohol"])
    import_ids = add_imports(db, owner, workspace_id, 2)
    people = data.draw(contacts(import_ids))
    add_contacts(db, owner, workspace_id, people)
    suppressed_phones, suppressed_emails = set(), set()
    for n in data.draw(st.sets(st.integers(0, 13), max_size=3)):
        if n < len(people) and people[n]["phone_e164"]:
            suppress(db, owner, workspace_id, "phone", people[n]["phone_e164"])
            suppressed_phones.add(people[n]["phone_e164"])
        elif n < len(people):
            # the list keeps emails lower-cased and trimmed: a differently written address is the same person
            suppress(db, owner, workspace_id, "email", f"  {people[n]['email'].upper()} ")
            suppressed_emails.add(people[n]["email"].lower())
    stored = stored_contacts(db, owner, workspace_id)
    for row in stored:
        assert row["department"] == department_of(row["country"], row["postal_code"])
    orders = data.draw(orders_of([row["id"] for row in stored]))
    add_orders(db, owner, workspace_id, orders)
    today = data.draw(st.sampled_from([date(2026, 11, 29), date(2027, 6, 30)]))
    workspace |= rfm_context(orders, today)
    for document in data.draw(st.lists(rule_documents(import_ids), min_size=1, max_size=4)):
        ruleset = validate_rules(document)
        expected = sum(matches(ruleset, row, workspace, row["phone_e164"] in suppressed_phones
                               or (row["email"] or "").lower() in suppressed_emails) for row in stored)
        assert count_members(db, owner, workspace_id, ruleset, today=today) == expected, (document, orders)


# --- exclusions and tenancy ---------------------------------------------------------------------------------


def test_suppressed_and_opted_out_people_are_never_counted_or_exported(db):
    """Whatever the rules, a suppressed phone or email and an opted-out person stay out of counts and exports."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [
        person(1), person(2), person(3, email="Camille@Example.fr"), person(4, opted_out_at=datetime.now(UTC)),
        person(5, phone_e164=None, email="nophone@example.fr"),
    ])
    suppress(db, owner, workspace_id, "phone", "+33612340002")
    suppress(db, owner, workspace_id, "email", " camille@EXAMPLE.fr")
    for document in (EVERYONE, {"all": [cond("reachable", "is_not", "sms")]},
                     {"any": [cond("consent", "is", "whatsapp"), cond("consent", "is_not", "whatsapp")]}):
        assert count_members(db, owner, workspace_id, document) == 2
    phones = {row[0] for row in member_rows(db, owner, workspace_id, EVERYONE, ("phone_e164",))}
    assert phones == {"+33612340001", None}
    assert "+33612340004" not in phones and "+33612340002" not in phones


def test_a_segment_never_counts_another_workspaces_contacts(db):
    """Alice's rules count Alice's contacts only; Bob, pointing at Alice's workspace, counts and sees nothing."""
    alice, bob = make_user(db), make_user(db)
    a_id, b_id = new_workspace(db, alice), new_workspace(db, bob)
    add_contacts(db, alice, a_id, [person(n) for n in range(3)])
    add_contacts(db, bob, b_id, [person(n) for n in range(5)])
    rules = {"all": [cond("interest", "any_of", ["bio"])]}
    assert count_members(db, alice, a_id, rules) == 3
    assert count_members(db, bob, b_id, rules) == 5
    assert count_members(db, bob, a_id, rules) == 0
    assert sample_members(db, bob, a_id, rules) == []
    assert member_rows(db, bob, a_id, rules) == []
    assert set(overlap_counts(db, bob, a_id, [rules, EVERYONE]).values()) == {0}
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        count_members(db, None, a_id, EVERYONE)


def test_overlap_counts_gives_every_intersection_in_one_query(db):
    """Sizes of each segment and each intersection of three, as the Python evaluation finds them."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [
        person(1, interests=["bio"], budget_min_eur=30, budget_max_eur=60),
        person(2, interests=["bio", "bulles"], budget_min_eur=10, budget_max_eur=15),
        person(3, interests=["bulles"], consent_whatsapp=False),
        person(4, interests=[], budget_min_eur=60),
        person(5, interests=["bio"], opted_out_at=datetime.now(UTC)),
    ])
    rulesets = [{"all": [cond("interest", "any_of", ["bio"])]}, {"all": [cond("budget_eur", "gte", 30)]},
                {"all": [cond("reachable", "is", "whatsapp")]}]
    counts = overlap_counts(db, owner, workspace_id, rulesets)
    stored = stored_contacts(db, owner, workspace_id)
    workspace = {"delivery_countries": ["FR"], "delivery_departments": [], "is_alcohol": True}
    assert len(counts) == 7
    for subset, count in counts.items():
        expected = sum(all(matches(rulesets[i], row, workspace, False) for i in subset) for row in stored)
        assert count == expected, subset
    assert counts[(0,)] == 2 and counts[(0, 1, 2)] == 1


def test_sample_members_previews_newest_first_within_the_limit(db):
    """The preview lists members only, newest first, at most ``limit``."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [person(n, created_at=datetime(2026, 1, n + 1, tzinfo=UTC),
                                                  interests=["bio"] if n % 2 else ["bulles"]) for n in range(9)])
    sample = sample_members(db, owner, workspace_id, {"all": [cond("interest", "any_of", ["bio"])]}, limit=3)
    assert [row["phone_e164"] for row in sample] == ["+33612340007", "+33612340005", "+33612340003"]
    assert all(row["interests"] == ["bio"] and row["department"] == "33" for row in sample)


# --- saved segments and snapshots -----------------------------------------------------------------------------


def test_save_rename_duplicate_delete_and_list_with_counts(db):
    """The store keeps segments by name per workspace, with live counts, and refuses a taken name plainly."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [person(1), person(2, interests=["bulles"])])
    bio = save_segment(db, owner, workspace_id, "  Amateurs   de bio ", {"all": [cond("interest", "any_of", ["bio"])]},
                       description="Pour la dégustation")
    assert bio.name == "Amateurs de bio" and bio.description == "Pour la dégustation"
    with pytest.raises(SegmentError) as raised:
        save_segment(db, owner, workspace_id, "AMATEURS DE BIO", EVERYONE)
    assert raised.value.code == "duplicate_name"
    assert raised.value.message == "Un segment s'appelle déjà « AMATEURS DE BIO » dans cet espace : choisissez un " \
                                   "autre nom."
    copy = duplicate_segment(db, owner, workspace_id, bio.id)
    second = duplicate_segment(db, owner, workspace_id, bio.id)
    assert (copy.name, second.name) == ("Amateurs de bio (copie)", "Amateurs de bio (copie 2)")
    renamed = rename_segment(db, owner, workspace_id, copy.id, "Tout le monde")
    updated = save_segment(db, owner, workspace_id, renamed.name, EVERYONE, segment_id=renamed.id)
    assert updated.rules == EVERYONE and updated.updated_at >= renamed.updated_at
    with pytest.raises(SegmentError) as raised:
        rename_segment(db, owner, workspace_id, second.id, "tout le MONDE")
    assert raised.value.code == "duplicate_name"
    listed = {s.name: s.members for s in list_segments(db, owner, workspace_id)}
    assert listed == {"Amateurs de bio": 1, "Amateurs de bio (copie 2)": 1, "Tout le monde": 2}
    delete_segment(db, owner, workspace_id, second.id)
    with pytest.raises(SegmentError) as raised:
        delete_segment(db, owner, workspace_id, second.id)
    assert raised.value.code == "not_found"
    assert [s.name for s in list_segments(db, owner, workspace_id, with_counts=False)] == [
        "Amateurs de bio", "Tout le monde"]


def test_viewers_and_strangers_cannot_change_segments(db):
    """A viewer is told their role does not allow it; a stranger neither sees nor changes anything."""
    owner, viewer, stranger = make_user(db), make_user(db), make_user(db)
    workspace_id = new_workspace(db, owner)
    segment = save_segment(db, owner, workspace_id, "Bio", {"all": [cond("interest", "any_of", ["bio"])]})
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace_id, viewer.user_id))
    assert [s.name for s in list_segments(db, viewer, workspace_id)] == ["Bio"]
    for attempt in (lambda who: save_segment(db, who, workspace_id, "Autre", EVERYONE),
                    lambda who: rename_segment(db, who, workspace_id, segment.id, "Renommé"),
                    lambda who: delete_segment(db, who, workspace_id, segment.id),
                    lambda who: freeze_segment(db, who, workspace_id, segment.id)):
        with pytest.raises(SegmentError) as raised:
            attempt(viewer)
        assert raised.value.code == "not_allowed"
        with pytest.raises(SegmentError):
            attempt(stranger)
    assert list_segments(db, stranger, workspace_id) == []
    assert [s.name for s in list_segments(db, owner, workspace_id)] == ["Bio"]


def test_freeze_keeps_who_was_in_the_segment(db):
    """A snapshot keeps the members and rules of the moment; later changes and deleting the segment leave it be."""
    owner = make_user(db)
    workspace_id = new_workspace(db, owner)
    add_contacts(db, owner, workspace_id, [person(1), person(2), person(3, interests=["bulles"])])
    segment = save_segment(db, owner, workspace_id, "Bio", {"all": [cond("interest", "any_of", ["bio"])]})
    snapshot = freeze_segment(db, owner, workspace_id, segment.id, name="Dégustation de mars")
    assert (snapshot.name, snapshot.member_count, snapshot.segment_id) == ("Dégustation de mars", 2, segment.id)
    assert snapshot.rules == segment.rules.to_document()
    members = snapshot_member_ids(db, owner, workspace_id, snapshot.id)
    expected = {str(row["id"]) for row in stored_contacts(db, owner, workspace_id) if "bio" in row["interests"]}
    assert set(members) == expected
    add_contacts(db, owner, workspace_id, [person(4)])
    assert len(snapshot_member_ids(db, owner, workspace_id, snapshot.id)) == 2
    with db.tenant(owner) as conn:
        conn.execute("delete from public.contacts where workspace_id = %s and phone_e164 = '+33612340001'",
                     (workspace_id,))
    assert len(snapshot_member_ids(db, owner, workspace_id, snapshot.id)) == 1
    delete_segment(db, owner, workspace_id, segment.id)
    kept = list_snapshots(db, owner, workspace_id)
    assert [(s.id, s.segment_id, s.member_count) for s in kept] == [(snapshot.id, None, 2)]
    stranger = make_user(db)
    assert list_snapshots(db, stranger, workspace_id) == []
    assert snapshot_member_ids(db, stranger, workspace_id, snapshot.id) == []


def test_snapshot_rows_cannot_be_edited_or_moved_to_another_workspace(db):
    """A snapshot is a record: no updates, and member rows must belong to their snapshot's workspace."""
    alice, bob = make_user(db), make_user(db)
    a_id, b_id = new_workspace(db, alice), new_workspace(db, bob)
    add_contacts(db, alice, a_id, [person(1)])
    snapshot = freeze_segment(db, alice, a_id, save_segment(db, alice, a_id, "Tous", EVERYONE).id)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("update public.segment_snapshots set member_count = 0 where id = %s", (snapshot.id,))
    contact_id = snapshot_member_ids(db, alice, a_id, snapshot.id)[0]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("insert into public.segment_snapshot_members (snapshot_id, workspace_id, contact_id) "
                     "values (%s, %s, %s)", (snapshot.id, b_id, contact_id))
    add_contacts(db, bob, b_id, [person(9)])
    bobs_contact = str(stored_contacts(db, bob, b_id)[0]["id"])
    with pytest.raises(psycopg.errors.ForeignKeyViolation), db.tenant(bob) as conn:
        conn.execute("insert into public.segment_snapshot_members (snapshot_id, workspace_id, contact_id) "
                     "values (%s, %s, %s)", (snapshot.id, b_id, bobs_contact))


# --- the CLI contract -------------------------------------------------------------------------------------------


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url)

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env,
                              capture_output=True, text=True, timeout=180)

    return run


def _local_workspace(db, slug: str) -> str:
    from lib.db import LOCAL_USER

    return ensure_workspace(db, LOCAL_USER, slug).id


def test_segment_count_prints_the_count_only_and_export_takes_the_same_rules(db, cli, tmp_path):
    """segment-count prints one integer; export-contacts --rules writes exactly those members."""
    from lib.db import LOCAL_USER

    slug = unique_slug("cli")
    workspace_id = _local_workspace(db, slug)
    add_contacts(db, LOCAL_USER, workspace_id, [person(1), person(2, interests=["bulles"]),
                                                person(3, budget_min_eur=40, budget_max_eur=60)])
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"all": [cond("interest", "any_of", ["bio"]), cond("budget_eur", "gte", 30)]}),
                     encoding="utf-8")
    counted = cli("segment-count", "--workspace", slug, "--rules", str(rules))
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == "1\n"
    out = tmp_path / "segment.csv"
    exported = cli("export-contacts", "--workspace", slug, "--rules", str(rules), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert list(rows[0]) == list(EXPORT_COLUMNS)
    assert [row["phone_e164"] for row in rows] == ["+33612340003"]
    everyone = tmp_path / "everyone.csv"
    assert cli("export-contacts", "--workspace", slug, "--out", str(everyone)).returncode == 0
    assert len(list(csv.DictReader(io.StringIO(everyone.read_text(encoding="utf-8-sig"))))) == 3


@pytest.mark.parametrize(("content", "french", "english"), [
    (None, "Impossible de lire le fichier de règles", "Cannot read the rules file"),
    ("{\"all\": [", "n'est pas du JSON valide (ligne 1", "is not valid JSON (line 1"),
    (json.dumps({"all": [cond("couleur", "in", ["rouge"])]}), "critère inconnu « couleur »",
     "unknown criterion \"couleur\""),
])
def test_a_missing_or_invalid_rules_file_exits_2_with_one_translated_line(cli, tmp_path, content, french, english):
    """Both commands refuse a bad rules file with exit status 2, one sentence on stderr, nothing on stdout."""
    rules = tmp_path / "rules.json"
    if content is not None:
        rules.write_text(content, encoding="utf-8")
    slug = unique_slug("cli")
    out = tmp_path / "out.csv"
    for language, expected in (("fr", french), ("en", english)):
        for command in (["segment-count"], ["export-contacts", "--out", str(out)]):
            result = cli("--lang", language, *command, "--workspace", slug, "--rules", str(rules))
            assert result.returncode == 2
            assert result.stdout == ""
            assert len(result.stderr.strip().splitlines()) == 1 and expected in result.stderr
            assert "Traceback" not in result.stderr
    assert not out.exists()
