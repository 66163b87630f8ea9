"""Issue #13 findings 9, 12 and 13: what an owner of one workspace cannot do by plain SQL as `authenticated`:
delete the workspace (and its suppression list and activity log), add an account without an invitation, point a
row at another workspace's row, or climb back to the login role inside a tenant transaction."""

from __future__ import annotations

import secrets

import psycopg
import pytest

from lib.db import Database, DatabaseUnavailable
from tests.support.db import make_user
from tests.support.tenants import add_member, workspace_with_contact


def test_owner_cannot_delete_the_workspace_by_sql(db):
    owner, workspace_id, _ = workspace_with_contact(db, "del")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
        conn.execute("delete from public.workspaces where id = %s", (workspace_id,))
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.workspaces where id = %s", (workspace_id,)).fetchone()[0] == 1


def test_owner_cannot_add_an_account_without_an_invitation(db):
    owner, workspace_id, _ = workspace_with_contact(db, "join")
    stranger = make_user(db)
    for role in ("viewer", "editor"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(owner) as conn:
            conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, %s)",
                         (workspace_id, stranger.user_id, role))
    with db.tenant(stranger) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace_id,)).fetchone()[0] == 0


def _ids_of_b(db) -> dict:
    bob, b_id, b_contact = workspace_with_contact(db, "fkb", phone="06 98 76 54 32", email="b@b.fr")
    with db.tenant(bob) as conn:
        b_import = conn.execute("select id::text from public.imports where workspace_id = %s", (b_id,)).fetchone()[0]
        b_segment = conn.execute("insert into public.segments (workspace_id, name) values (%s, 'B') returning id::text",
                                 (b_id,)).fetchone()[0]
    return {"contact": b_contact, "import": b_import, "segment": b_segment}


@pytest.mark.parametrize("attack", [
    "community_member", "invitation", "import_change", "order_contact", "contact_source_import",
    "community_segment",
])
def test_a_row_cannot_point_at_another_workspace_s_row(db, attack):
    """Alice, owner of A, writes rows of A holding ids of Bob's workspace B: the database refuses each one."""
    alice, a_id, a_contact = workspace_with_contact(db, "fka")
    b = _ids_of_b(db)
    with db.tenant(alice) as conn:
        community = conn.execute(
            "insert into public.communities (workspace_id, name, channel) values (%s, 'C', 'sms_list') "
            "returning id::text", (a_id,)).fetchone()[0]
        link = conn.execute(
            "insert into public.invite_links (workspace_id, community_id, source, code, destination) "
            "values (%s, %s, 'salon', %s, 'https://example.com') returning id::text",
            (a_id, community, "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(12)))).fetchone()[0]
        a_import = conn.execute("select id::text from public.imports where workspace_id = %s", (a_id,)).fetchone()[0]
    statements = {
        "community_member": ("insert into public.community_members (workspace_id, community_id, contact_id) "
                             "values (%s, %s, %s)", (a_id, community, b["contact"])),
        "invitation": ("insert into public.invitations (workspace_id, link_id, contact_id, channel, token, open_url) "
                       "values (%s, %s, %s, 'sms', 'abcdefghijklmnopqrstuvwxyz', 'sms:+33612345678?body=x')",
                       (a_id, link, b["contact"])),
        "import_change": ("insert into public.import_changes (workspace_id, import_id, contact_id, before) "
                          "values (%s, %s, %s, '{}')", (a_id, a_import, b["contact"])),
        "order_contact": ("insert into public.orders (workspace_id, source, number, contact_id) "
                          "values (%s, 'shopify', '#1', %s)", (a_id, b["contact"])),
        "contact_source_import": ("update public.contacts set source_import_id = %s where id = %s",
                                  (b["import"], a_contact)),
        "community_segment": ("update public.communities set target_segment_id = %s where id = %s",
                              (b["segment"], community)),
    }
    statement, params = statements[attack]
    with pytest.raises(psycopg.errors.ForeignKeyViolation), db.tenant(alice) as conn:
        conn.execute(statement, params)


def test_a_tenant_transaction_cannot_climb_back_to_the_login_role(db):
    """RESET ROLE inside db.tenant(...) leaves a role with no privilege: another workspace stays unreadable, and
    nothing a superuser could do (COPY TO PROGRAM, SET ROLE to a privileged role) is possible."""
    alice, _, _ = workspace_with_contact(db, "climb-a")
    _, b_id, _ = workspace_with_contact(db, "climb-b", phone="06 98 76 54 31", email="c@b.fr")
    with db.tenant(alice) as conn:
        conn.execute("reset role")
        login = conn.execute("select current_user, rolsuper, rolbypassrls from pg_roles "
                             "where rolname = current_user").fetchone()
    assert login[0] != "postgres" and not login[1] and not login[2]
    for statement, params in (
        ("select count(*) from public.contacts where workspace_id = %s", (b_id,)),
        ("select count(*) from public.suppressions where workspace_id = %s", (b_id,)),
        ("select suppression_key from public.workspaces where id = %s", (b_id,)),
        ("copy (select 1) to program 'true'", None),
        ("set role service_role", None),
        ("set role postgres", None),
        ("select password from cercle_private.tenant_login", None),
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
            conn.execute("reset role")
            conn.execute(statement, params)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(alice) as conn:
        conn.execute("set local role none")
        conn.execute("select count(*) from public.contacts where workspace_id = %s", (b_id,))


def test_anon_executes_no_security_definer_function(db):
    """Issue #13 finding 14: five definer functions callable by anon trusted their arguments (a click counted for
    any link id, any bot's update recorded, a webhook secret's hash handed out). The server calls them as
    service_role; anon, the public key's role on Supabase, calls none."""
    with db.admin() as conn:
        open_to_anon = [r[0] for r in conn.execute(
            "select p.oid::regprocedure::text from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
            " where p.prosecdef and n.nspname not in ('pg_catalog', 'information_schema')"
            " and has_function_privilege('anon', p.oid, 'execute')")]
    assert open_to_anon == []
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(None) as conn:
        conn.execute("select * from cercle_redirect.resolve_link('ABCDEFGHJK')")


def test_a_superuser_tenant_login_is_refused(fresh_database_url):
    """Given DATABASE_URL's superuser as TENANT_DATABASE_URL, Cercle refuses to start rather than run tenant work
    on a login that RESET ROLE would give back."""
    database = Database(fresh_database_url, max_size=2, tenant_url=fresh_database_url)
    try:
        with pytest.raises(DatabaseUnavailable):
            database.prepare()
    finally:
        database.close()


@pytest.mark.parametrize("role", ["viewer", "stranger"])
def test_the_erasure_and_suppression_helpers_refuse_non_writers(db, role):
    owner, workspace_id, _ = workspace_with_contact(db, "helpers")
    person = add_member(db, workspace_id, "viewer") if role == "viewer" else make_user(db)
    with db.tenant(owner) as conn:
        import_id = conn.execute("select id::text from public.imports where workspace_id = %s",
                                 (workspace_id,)).fetchone()[0]
    for statement, params in (
        ("select cercle.suppress(%s, 'phone', array['+33600000001'], 'stop')", (workspace_id,)),
        ("select cercle.neutralise_file_name(%s, %s, 'x')", (workspace_id, import_id)),
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(person) as conn:
            conn.execute(statement, params)
    with db.tenant(owner) as conn:
        assert conn.execute("select file_name from public.imports where id = %s", (import_id,)).fetchone()[0] == "a.csv"
