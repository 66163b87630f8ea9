"""Issue #13 findings 2 and 6: a suppressed number never comes back, whichever column or cell of a row brings it, and
no member (viewer, editor, owner) can turn the suppression list back into numbers."""

from __future__ import annotations

import re

import psycopg
import pytest

from lib.contacts.importer import import_rows
from lib.contacts.queries import exportable_contacts
from lib.contacts.rights import erase_contact, opt_out, search_contacts
from lib.segments.rules import EVERYONE, count_members
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug
from tests.support.tenants import add_member

COLUMNS = ["Prénom", "Téléphone", "Autre téléphone", "E-mail"]
ERASED = "+33611223344"
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")


def _space(db):
    owner = make_user(db)
    return owner, ensure_workspace(db, owner, unique_slug("supp"), "Suppression").id


def _id_of(db, owner, workspace_id, phone):
    with db.tenant(owner) as conn:
        row = conn.execute("select id::text from public.contacts where workspace_id = %s and phone_e164 = %s",
                           (workspace_id, phone)).fetchone()
    return row[0] if row else None


def test_an_erased_number_written_second_in_a_cell_is_never_stored(db):
    owner, ws = _space(db)
    import_rows(db, owner, ws, COLUMNS, [["Effacée", "06 11 22 33 44", "", "effacee@example.test"]], file_name="a.csv")
    assert erase_contact(db, owner, ws, _id_of(db, owner, ws, ERASED))
    report = import_rows(db, owner, ws, COLUMNS, [["Eve", "06 55 66 77 88 / 06 11 22 33 44", "", "eve@example.test"],
                                                  ["Paul", "06 55 66 77 99", "06 11 22 33 44", ""]],
                         file_name="b.csv")
    assert report.imported == 2
    exported = exportable_contacts(db, owner, ws, ("phone_e164", "other_phones", "email"))
    assert ERASED not in repr(exported) and "+33655667788" in repr(exported)
    assert search_contacts(db, owner, ws, "06 11 22 33 44") == []
    assert search_contacts(db, owner, ws, "0611223344") == []
    assert all("11 22 33 44" not in repr(issue.as_dict()) for issue in report.issues)
    with db.admin() as conn:
        stored = conn.execute("select c::text from public.contacts c where workspace_id = %s", (ws,)).fetchall()
        issues = conn.execute("select issues::text from public.imports where workspace_id = %s", (ws,)).fetchall()
    assert "11223344" not in repr(stored)
    assert "11 22 33 44" not in repr(issues) and "11223344" not in repr(issues)


def test_a_contact_leaves_segments_and_exports_when_any_of_its_numbers_is_suppressed(db):
    owner, ws = _space(db)
    import_rows(db, owner, ws, COLUMNS, [["Deux", "06 21 00 00 01", "06 21 00 00 02", ""],
                                         ["Autre", "06 21 00 00 02", "", ""], ["Témoin", "06 21 00 00 03", "", ""]],
                file_name="a.csv")
    assert count_members(db, owner, ws, EVERYONE.to_document()) == 3
    # the other person whose main number is "Deux"'s second number says STOP
    assert opt_out(db, owner, ws, _id_of(db, owner, ws, "+33621000002"), "stop")
    assert count_members(db, owner, ws, EVERYONE.to_document()) == 1
    exported = {r[0] for r in exportable_contacts(db, owner, ws, ("phone_e164",))}
    assert exported == {"+33621000003"}
    # a member cannot clear the database's flag
    with db.tenant(owner) as conn:
        conn.execute("update public.contacts set suppressed = false where workspace_id = %s", (ws,))
    assert count_members(db, owner, ws, EVERYONE.to_document()) == 1


@pytest.mark.parametrize("role", ["viewer", "editor", "owner"])
def test_no_member_can_turn_candidates_into_hashes(db, role):
    """The reversal attack: hash many candidate numbers with the workspace's key, join with the list. Every way of
    getting a hash back is refused, for a viewer, an editor and the owner alike."""
    owner, ws = _space(db)
    import_rows(db, owner, ws, COLUMNS, [["Effacée", "06 11 22 33 44", "", ""]], file_name="a.csv")
    assert erase_contact(db, owner, ws, _id_of(db, owner, ws, ERASED))
    member = owner if role == "owner" else add_member(db, ws, role)
    candidates = [f"+336112233{n:02d}" for n in range(100)]
    for statement, params in (
        ("select * from cercle.suppression_hashes(%s, 'phone', %s)", (ws, candidates)),
        ("select cercle.suppression_hash(%s, 'phone', %s)", (ws, candidates[0])),
        ("select key_hash from public.suppressions where workspace_id = %s", (ws,)),
        ("select to_jsonb(x) from public.suppressions x where workspace_id = %s", (ws,)),
        ("select phone_key from public.contacts where workspace_id = %s", (ws,)),
    ):
        with pytest.raises((psycopg.errors.InsufficientPrivilege, psycopg.errors.UndefinedFunction,
                            psycopg.errors.UndefinedColumn)), db.tenant(member) as conn:
            conn.execute(statement, params)
    with db.tenant(member) as conn:
        assert conn.execute("select count(*) from public.suppressions where workspace_id = %s",
                            (ws,)).fetchone()[0] == 1
    if role == "viewer":
        return
    # an editor writing candidates learns nothing but what is written: no hash in anything they can read back
    with db.tenant(member) as conn:
        conn.execute("insert into public.contacts (workspace_id, phone_e164) select %s, unnest(%s::text[])",
                     (ws, candidates))
        rows = conn.execute("select to_jsonb(c)::text from public.contacts c where workspace_id = %s",
                            (ws,)).fetchall()
        assert rows and not any(HEX64.search(r[0]) for r in rows)
        assert ERASED not in repr(rows)  # the erased number is not written back either


def test_a_viewer_cannot_add_to_the_list_and_an_editor_can(db):
    owner, ws = _space(db)
    viewer, editor = add_member(db, ws, "viewer"), add_member(db, ws, "editor")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(viewer) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', array['+33600000009'], 'stop')", (ws,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(editor) as conn:
        conn.execute("insert into public.suppressions (workspace_id, kind, key_hash, reason)"
                     " values (%s, 'phone', repeat('a', 64), 'stop')", (ws,))
    with db.tenant(editor) as conn:
        assert conn.execute("select cercle.suppress(%s, 'phone', array['+33600000009'], 'stop')",
                            (ws,)).fetchone()[0] == 1
