"""Tenants stay apart (TRUST.md 1–4), checked against the real catalog and real rows."""

from __future__ import annotations

import psycopg
import pytest

from lib.contacts.importer import import_rows
from lib.db import Principal
from lib.workspaces import ensure_workspace
from tests.conftest import make_user, unique_slug

# Tables whose rows belong to a workspace; `workspaces` itself is keyed by its id.
TENANT_TABLES_WITHOUT_WORKSPACE_ID = {"workspaces"}


def _public_tables(conn) -> list[str]:
    return [r[0] for r in conn.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1")]


def test_every_public_table_has_forced_rls_and_a_policy_per_command(db):
    """No table in public is left without forced RLS, a workspace key, and select/insert/update/delete rules."""
    with db.admin() as conn:
        tables = _public_tables(conn)
        assert {"workspaces", "workspace_members", "contacts", "imports", "suppressions"} <= set(tables)
        for table in tables:
            enabled, forced = conn.execute(
                "select relrowsecurity, relforcerowsecurity from pg_class where oid = %s::regclass",
                (f"public.{table}",)).fetchone()
            assert enabled and forced, f"{table}: RLS must be enabled and forced"
            commands = {r[0] for r in conn.execute(
                "select cmd from pg_policies where schemaname = 'public' and tablename = %s", (table,))}
            assert "SELECT" in commands, f"{table}: no select policy"
            assert "ALL" not in commands, f"{table}: one policy per command, not FOR ALL"
            trivially_true = conn.execute(
                "select count(*) from pg_policies where schemaname = 'public' and tablename = %s "
                "and (qual = 'true' or with_check = 'true')", (table,)).fetchone()[0]
            assert trivially_true == 0, f"{table}: a policy is plain true"
            if table not in TENANT_TABLES_WITHOUT_WORKSPACE_ID:
                has_key = conn.execute(
                    "select count(*) from information_schema.columns where table_schema = 'public' "
                    "and table_name = %s and column_name = 'workspace_id'", (table,)).fetchone()[0]
                assert has_key, f"{table}: no workspace_id"


def test_tenant_role_is_not_privileged(db):
    """The role tenant work runs as is neither superuser, table owner, nor BYPASSRLS."""
    with db.admin() as conn:
        superuser, bypass = conn.execute(
            "select rolsuper, rolbypassrls from pg_roles where rolname = 'authenticated'").fetchone()
        assert not superuser and not bypass
        owned = conn.execute(
            "select count(*) from pg_class c join pg_roles r on r.oid = c.relowner "
            "where r.rolname in ('authenticated', 'anon')").fetchone()[0]
        assert owned == 0
    with db.tenant(make_user(db)) as conn:
        assert conn.execute("select current_user").fetchone()[0] == "authenticated"


def test_security_definer_functions_pin_search_path_and_refuse_anon(db):
    """Every security-definer helper pins search_path and cannot be executed by anon."""
    with db.admin() as conn:
        rows = conn.execute(
            "select p.oid::regprocedure::text, p.proconfig from pg_proc p "
            "join pg_namespace n on n.oid = p.pronamespace "
            "where p.prosecdef and n.nspname in ('public', 'cercle')").fetchall()
        assert rows
        for name, config in rows:
            assert config and any(c.startswith("search_path=") for c in config), name
            allowed = conn.execute("select has_function_privilege('anon', %s, 'execute')", (name,)).fetchone()[0]
            assert not allowed, f"anon may execute {name}"


def _seed_workspace(db, owner: Principal) -> str:
    workspace = ensure_workspace(db, owner, unique_slug("iso"), "Isolation")
    columns = ["Prénom", "Téléphone", "E-mail", "Ville"]
    import_rows(db, owner, workspace.id, columns, [["Marker", "06 12 34 56 78", "a@b.fr", ""]], file_name="a.csv")
    # a second import completes the contact, which leaves an import_changes row behind
    import_rows(db, owner, workspace.id, columns, [["Marker", "06 12 34 56 78", "", "Pau"]], file_name="b.csv")
    with db.tenant(owner) as conn:
        conn.execute(
            "insert into public.suppressions (workspace_id, kind, key_hash, reason) "
            "values (%s, 'phone', cercle.suppression_hash(%s, 'phone', '+33600000000'), 'stop')",
            (workspace.id, workspace.id))
    return workspace.id


def test_member_of_a_sees_and_writes_nothing_of_b(db):
    """A member of A reads zero rows of B in every table, cannot insert into B, cannot move a row into B."""
    alice, bob = make_user(db), make_user(db)
    a_id, b_id = _seed_workspace(db, alice), _seed_workspace(db, bob)
    with db.admin() as conn:
        tables = _public_tables(conn)
    own = set()
    with db.tenant(alice) as conn:
        for table in tables:
            key = "id" if table in TENANT_TABLES_WITHOUT_WORKSPACE_ID else "workspace_id"
            seen = conn.execute(f"select count(*) from public.{table} where {key} = %s", (b_id,)).fetchone()[0]
            assert seen == 0, f"alice sees {seen} rows of bob's {table}"
            if conn.execute(f"select count(*) from public.{table} where {key} = %s", (a_id,)).fetchone()[0]:
                own.add(table)
    # the check means something: alice does see her own rows in the seeded tables
    assert {"workspaces", "workspace_members", "contacts", "imports", "import_changes", "suppressions"} <= own
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("insert into public.contacts (workspace_id, email) values (%s, 'x@y.fr')", (b_id,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("update public.contacts set workspace_id = %s where workspace_id = %s", (b_id, a_id))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'owner')",
                     (b_id, alice.user_id))
    with db.tenant(alice) as conn:
        assert conn.execute("update public.contacts set first_name = 'pwned' where workspace_id = %s",
                            (b_id,)).rowcount == 0
        assert conn.execute("delete from public.contacts where workspace_id = %s", (b_id,)).rowcount == 0
    with db.tenant(bob) as conn:
        names = [r[0] for r in conn.execute("select first_name from public.contacts where workspace_id = %s", (b_id,))]
        assert names == ["Marker"]


def test_anonymous_sees_nothing(db):
    """Without a signed-in user, no tenant row can be read."""
    owner = make_user(db)
    _seed_workspace(db, owner)
    with db.admin() as conn:
        tables = _public_tables(conn)
    for table in tables:
        try:
            with db.tenant(None) as conn:
                count = conn.execute(f"select count(*) from public.{table}").fetchone()[0]
        except psycopg.errors.InsufficientPrivilege:
            continue
        assert count == 0, f"anon sees {count} rows of {table}"


def test_suppressions_cannot_be_lifted(db):
    """Not even the owner can delete or edit a suppression."""
    owner = make_user(db)
    workspace_id = _seed_workspace(db, owner)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("delete from public.suppressions where workspace_id = %s", (workspace_id,))
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.suppressions where workspace_id = %s",
                            (workspace_id,)).fetchone()[0] == 1


def test_viewer_cannot_write(db):
    """A viewer reads the workspace but the database refuses their writes."""
    owner, viewer = make_user(db), make_user(db)
    workspace_id = _seed_workspace(db, owner)
    with db.tenant(owner) as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace_id, viewer.user_id))
    with db.tenant(viewer) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace_id,)).fetchone()[0] == 1
        assert conn.execute("update public.contacts set first_name = 'x' where workspace_id = %s",
                            (workspace_id,)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(viewer) as conn:
        conn.execute("insert into public.contacts (workspace_id, email) values (%s, 'v@w.fr')", (workspace_id,))
