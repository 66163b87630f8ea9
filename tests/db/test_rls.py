"""Tenants stay apart (docs/promises.md 1–4), checked against the real catalog and real rows."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql

from lib.contacts.importer import import_rows
from lib.db import Principal
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug

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
        conn.execute("select cercle.suppress(%s, 'phone', array['+33600000000'], 'stop')", (workspace.id,))
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
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (workspace_id, viewer.user_id))
    with db.tenant(viewer) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace_id,)).fetchone()[0] == 1
        assert conn.execute("update public.contacts set first_name = 'x' where workspace_id = %s",
                            (workspace_id,)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(viewer) as conn:
        conn.execute("insert into public.contacts (workspace_id, email) values (%s, 'v@w.fr')", (workspace_id,))


# --- every role on every tenant table (issue 7): read from the catalog, so tables added later are covered ------

class _Rollback(Exception):
    """Ends an attempt's transaction: whatever it did is undone."""


def _attempt(db, principal, statement, params=()) -> tuple[str, object]:
    """Runs one statement as ``principal`` and rolls it back: ("ok", rowcount), ("refused", sqlstate) for a
    privilege refusal (42501), or ("error", sqlstate) for anything else (a constraint, a missing value...)."""
    outcome: tuple[str, object] = ("error", None)
    try:
        with db.tenant(principal) as conn:
            try:
                outcome = ("ok", conn.execute(statement, params).rowcount)
            except psycopg.Error as exc:
                outcome = ("refused" if exc.sqlstate == "42501" else "error", exc.sqlstate)
            raise _Rollback
    except _Rollback:
        pass
    return outcome


def _tenant_tables(conn) -> list[str]:
    """Every table of public with a workspace_id column, and workspaces itself."""
    return [r[0] for r in conn.execute(
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
        "where n.nspname = 'public' and c.relkind in ('r', 'p') and (c.relname = 'workspaces' or exists ("
        " select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id'"
        " and not a.attisdropped)) order by 1")]


def _key(table: str) -> str:
    return "id" if table in TENANT_TABLES_WITHOUT_WORKSPACE_ID else "workspace_id"


def _fingerprint(db, table: str, workspace_id: str) -> tuple[int, str | None]:
    with db.admin() as conn:
        return conn.execute(
            sql.SQL("select count(*), md5(string_agg(t::text, '|' order by t::text)) from public.{} t "
                    "where {} = %s").format(sql.Identifier(table), sql.Identifier(_key(table))),
            (workspace_id,)).fetchone()


def _writes(table: str, workspace_id: str, keep_user: str | None = None) -> dict[str, tuple]:
    """An insert, an update and a delete of the workspace's rows of ``table``, the same for every table.

    The insert gives only the workspace: row level security is checked before NOT NULL and check constraints,
    so a refused insert says "refused" whatever the table's other columns need. A member's own row of
    workspace_members is left out of the delete (leaving is allowed to everyone).
    """
    name, key = sql.Identifier(table), sql.Identifier(_key(table))
    if table == "workspaces":
        insert = (sql.SQL("insert into public.workspaces (slug, name) values (%s, 'Intrus')"), (unique_slug("rls"),))
    else:
        insert = (sql.SQL("insert into public.{} (workspace_id) values (%s)").format(name), (workspace_id,))
    delete = sql.SQL("delete from public.{} where {} = %s").format(name, key)
    delete_params: tuple = (workspace_id,)
    if table == "workspace_members" and keep_user:
        delete = sql.SQL("delete from public.workspace_members where workspace_id = %s and user_id <> %s")
        delete_params = (workspace_id, keep_user)
    return {
        "insert": insert,
        "update": (sql.SQL("update public.{} set {} = {} where {} = %s").format(name, key, key, key), (workspace_id,)),
        "delete": (delete, delete_params),
    }


@pytest.fixture(scope="module")
def crew(db):
    """The demo workspace (contacts, imports, segments, communities, links, members, orders...) plus an invitation
    pending, an owner, an editor and a viewer who joined by invitation, and a stranger."""
    from lib import team
    from lib.demo import load_demo
    from lib.segments.store import freeze_segment, save_segment

    owner, editor, viewer, stranger = (make_user(db) for _ in range(4))
    workspace, _report = load_demo(db, owner, unique_slug("roles"))
    for person, role in ((editor, "editor"), (viewer, "viewer")):
        team.accept(db, person, team.invite(db, owner, workspace.id, person.email, role).token)
    team.invite(db, owner, workspace.id, "pas-encore@example.test", "viewer")
    segment = save_segment(db, owner, workspace.id, "Lyon", {"all": [{"field": "city", "op": "in", "value": ["Lyon"]}]})
    freeze_segment(db, owner, workspace.id, segment.id)
    with db.tenant(owner) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', array['+33600000001'], 'stop')", (workspace.id,))
    with db.admin() as conn:
        tables = _tenant_tables(conn)
    return {"workspace": workspace.id, "owner": owner, "editor": editor, "viewer": viewer, "stranger": stranger,
            "tables": tables}


def test_every_tenant_table_is_covered_by_the_role_checks(db, crew):
    """The catalog's tenant tables are all checked below, and the seed leaves rows in the main ones."""
    with db.admin() as conn:
        assert set(_tenant_tables(conn)) == set(_public_tables(conn))
    filled = {table for table in crew["tables"] if _fingerprint(db, table, crew["workspace"])[0]}
    assert {"workspaces", "workspace_members", "workspace_invitations", "contacts", "imports", "audit_log",
            "communities", "invite_links", "link_clicks", "community_members", "invitations", "orders", "order_lines",
            "segments", "segment_snapshots", "segment_snapshot_members", "suppressions", "interests"} <= filled, filled


def test_write_policies_never_use_the_read_set(db):
    """Insert, update and delete policies are for writers or owners: none lets any member write."""
    with db.admin() as conn:
        rows = conn.execute(
            "select tablename, policyname, cmd, coalesce(qual, '') || ' ' || coalesce(with_check, '') "
            "from pg_policies where schemaname = 'public' and cmd in ('INSERT', 'UPDATE', 'DELETE')").fetchall()
    assert rows
    for table, policy, command, text in rows:
        if (table, command) == ("workspace_members", "DELETE"):
            assert "auth.uid()" in text  # an owner removes, a member leaves (their own row only)
            continue
        assert "member_workspace_ids" not in text and "is_member" not in text, f"{table}.{policy} ({command})"


def test_viewer_reads_but_every_write_is_refused_on_every_tenant_table(db, crew):
    """A viewer's insert, update and delete are refused by the database on each table; their select works."""
    workspace_id, viewer = crew["workspace"], crew["viewer"]
    for table in crew["tables"]:
        before = _fingerprint(db, table, workspace_id)
        kind, seen = _attempt(db, viewer, sql.SQL("select count(*) from public.{} where {} = %s").format(
            sql.Identifier(table), sql.Identifier(_key(table))), (workspace_id,))
        assert kind == "ok", f"viewer cannot select {table}: {seen}"
        for command, (statement, params) in _writes(table, workspace_id, viewer.user_id).items():
            outcome = _attempt(db, viewer, statement, params)
            if command == "insert":
                assert outcome[0] == "refused", f"viewer {command} on {table}: {outcome}"
            else:
                assert outcome in (("ok", 0),) or outcome[0] == "refused", f"viewer {command} on {table}: {outcome}"
        assert _fingerprint(db, table, workspace_id) == before, table


def test_stranger_sees_nothing_and_writes_nothing_on_every_tenant_table(db, crew):
    """Someone who is not a member reads zero rows of the workspace and changes none, table by table."""
    workspace_id, stranger = crew["workspace"], crew["stranger"]
    for table in crew["tables"]:
        before = _fingerprint(db, table, workspace_id)
        outcome = _attempt(db, stranger, sql.SQL("select count(*) from public.{} where {} = %s").format(
            sql.Identifier(table), sql.Identifier(_key(table))), (workspace_id,))
        assert outcome == ("ok", 1), outcome
        with db.tenant(stranger) as conn:
            assert conn.execute(sql.SQL("select count(*) from public.{} where {} = %s").format(
                sql.Identifier(table), sql.Identifier(_key(table))), (workspace_id,)).fetchone()[0] == 0, table
        for command, (statement, params) in _writes(table, workspace_id).items():
            outcome = _attempt(db, stranger, statement, params)
            if command == "insert":
                assert outcome[0] == "refused", f"stranger {command} on {table}: {outcome}"
            else:
                assert outcome == ("ok", 0) or outcome[0] == "refused", f"stranger {command} on {table}: {outcome}"
        assert _fingerprint(db, table, workspace_id) == before, table


OWNER_ONLY_TABLES = {"workspaces", "workspace_members", "workspace_invitations"}


def test_editor_writes_data_but_not_settings_or_members(db, crew):
    """On tables whose insert policy is for writers, row level security lets the editor through (whatever a
    constraint then says); the workspace's settings, members and invitations stay out of their reach."""
    workspace_id, editor = crew["workspace"], crew["editor"]
    with db.admin() as conn:
        writer_tables = {r[0] for r in conn.execute(
            "select tablename from pg_policies where schemaname = 'public' and cmd = 'INSERT' "
            "and (with_check like '%writable_workspace_ids%' or with_check like '%can_write%')")}
    assert {"contacts", "segments", "communities"} <= writer_tables
    for table in crew["tables"]:
        writes = _writes(table, workspace_id, editor.user_id)
        before = _fingerprint(db, table, workspace_id)
        if table in OWNER_ONLY_TABLES:
            assert _attempt(db, editor, *writes["insert"])[0] == "refused", table
            for command in ("update", "delete"):
                outcome = _attempt(db, editor, *writes[command])
                assert outcome == ("ok", 0) or outcome[0] == "refused", f"editor {command} on {table}: {outcome}"
        elif table in writer_tables:
            outcome = _attempt(db, editor, *writes["insert"])
            assert outcome[0] != "refused", f"editor cannot insert into {table}: {outcome}"
        assert _fingerprint(db, table, workspace_id) == before, table  # attempts are rolled back
    with db.tenant(editor) as conn:
        assert conn.execute("update public.contacts set city = 'Bordeaux' where workspace_id = %s "
                            "and id = (select min(id::text)::uuid from public.contacts where workspace_id = %s)",
                            (workspace_id, workspace_id)).rowcount == 1


def test_members_cannot_read_the_suppression_key(db):
    """With the key, the hashed suppression list could be brute-forced back into phone numbers: no member,
    not even the owner, can read it; the database hashes inside cercle.suppress and its triggers only."""
    owner = make_user(db)
    workspace = ensure_workspace(db, owner, unique_slug("key"))
    with db.tenant(owner) as conn:
        assert conn.execute("select name from public.workspaces where id = %s", (workspace.id,)).fetchone()
        assert conn.execute("select cercle.suppress(%s, 'phone', %s, 'stop')",
                            (workspace.id, ["+33612345678"])).fetchone()[0] == 1
    with db.admin() as conn:
        key = conn.execute("select suppression_key from public.workspaces where id = %s", (workspace.id,)).fetchone()[0]
        stored = conn.execute("select key_hash from public.suppressions where workspace_id = %s",
                              (workspace.id,)).fetchone()[0]
        assert stored == conn.execute("select cercle.keyed_hash(%s, 'phone', '+33612345678')", (key,)).fetchone()[0]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("select suppression_key from public.workspaces where id = %s", (workspace.id,))
    stranger = make_user(db)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(stranger) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', %s, 'stop')", (workspace.id, ["+33600000000"]))
