"""Imports are all or nothing, idempotent, concurrent-safe, respectful of suppressions, and undoable."""

from __future__ import annotations

import threading

import pytest

from lib.contacts import importer
from lib.contacts.importer import import_rows, undo_import
from lib.workspaces import ensure_workspace
from tests.conftest import make_user, unique_slug

COLUMNS = ["Prénom", "Nom", "Portable", "E-mail", "Ville", "Goûts", "Opt-in WhatsApp"]
ROWS = [
    ["Camille", "Martin", "06 12 34 56 78", "camille@example.fr", "Bordeaux", "rouge, bio", "oui"],
    ["Hugo", "Petit", "+33 (0)7 81 22 33 44", "", "", "bulles", ""],
    ["Léa", "Roux", "6,12346E+08", "lea@example.fr", "Lyon", "", "oui"],
    ["Nobody", "", "pas de numéro", "", "", "", ""],
    ["Camille", "MARTIN", "0612345678", "", "", "blanc", ""],
]


def _count(db, user, workspace_id) -> int:
    with db.tenant(user) as conn:
        return conn.execute("select count(*) from public.contacts where workspace_id = %s",
                            (workspace_id,)).fetchone()[0]


@pytest.fixture
def workspace(db):
    owner = make_user(db)
    return owner, ensure_workspace(db, owner, unique_slug("imp"), "Import")


def test_import_cleans_dedupes_and_reports(db, workspace):
    """Repairs are reported, scientific notation refused but the email kept, duplicates folded into one."""
    owner, ws = workspace
    report = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert (report.rows, report.imported, report.refused) == (5, 3, 1)
    codes = {(i.row, i.code.removeprefix("phone.")) for i in report.issues}
    assert (4, "scientific_notation") in codes
    with db.tenant(owner) as conn:
        camille = conn.execute("select interests, consent_whatsapp, consent_proof ? 'whatsapp' from public.contacts "
                               "where workspace_id = %s and phone_e164 = '+33612345678'", (ws.id,)).fetchone()
    assert camille[0] == ["Vin rouge", "Bio & nature"]  # canonical labels; duplicate row 6 folded in, first wins
    assert camille[1] is True and camille[2] is True


def test_reuploading_the_same_file_changes_nothing(db, workspace):
    """The second import of one file creates and updates nothing, and says so."""
    owner, ws = workspace
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    before = _count(db, owner, ws.id)
    again = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert again.changed_nothing and again.unchanged == 3
    assert _count(db, owner, ws.id) == before


def test_an_edited_file_fills_blanks_and_unions_interests_without_duplicates(db, workspace):
    """A later file completes people matched by phone or email; consent already recorded is not touched."""
    owner, ws = workspace
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    edited = [["Hugo", "Petit", "07 81 22 33 44", "hugo@example.fr", "Pau", "Rouge", "non"],
              ["Léa", "Roux", "", "LEA@example.fr", "Paris", "nature", ""]]
    report = import_rows(db, owner, ws.id, COLUMNS, edited, file_name="v2.csv")
    assert (report.imported, report.updated) == (0, 2)
    with db.tenant(owner) as conn:
        hugo = conn.execute("select email, city, interests from public.contacts where workspace_id = %s "
                            "and phone_e164 = '+33781223344'", (ws.id,)).fetchone()
        lea = conn.execute("select city, interests, consent_whatsapp from public.contacts where workspace_id = %s "
                           "and lower(email) = 'lea@example.fr'", (ws.id,)).fetchone()
    assert hugo == ("hugo@example.fr", "Pau", ["Champagne & crémants", "Vin rouge"])
    assert lea == ("Lyon", ["Bio & nature"], True)


def test_a_crash_half_way_leaves_the_database_as_it_was(db, workspace, monkeypatch):
    """A failure after the contacts were written rolls back the contacts and the import record."""
    owner, ws = workspace
    real_merge = importer.merge_contacts

    def merge_then_crash(*args, **kwargs):
        real_merge(*args, **kwargs)
        raise RuntimeError("power cut")

    monkeypatch.setattr(importer, "merge_contacts", merge_then_crash)
    with pytest.raises(RuntimeError):
        import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.imports where workspace_id = %s", (ws.id,)).fetchone()[0] == 0
    assert _count(db, owner, ws.id) == 0


def test_two_imports_at_once_end_with_the_union(db, workspace):
    """Concurrent imports into one workspace: no error, no duplicate, everyone present."""
    owner, ws = workspace
    first = [[f"A{i}", "X", f"06 00 00 {i // 100:02d} {i % 100:02d}", "", "", "", ""] for i in range(300)]
    second = [[f"B{i}", "Y", f"06 00 00 {i // 100:02d} {i % 100:02d}", "", "", "", ""] for i in range(150, 450)]
    errors = []

    def run(rows, name):
        try:
            import_rows(db, owner, ws.id, COLUMNS, rows, file_name=name)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(rows, name)) for rows, name in ((first, "a.csv"), (second, "b.csv"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _count(db, owner, ws.id) == 450


def test_a_suppressed_person_never_comes_back(db, workspace):
    """A phone on the suppression list is skipped at import, and reported as such."""
    owner, ws = workspace
    with db.tenant(owner) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', array['+33612345678'], 'stop')", (ws.id,))
    report = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert report.suppressed == 2  # Camille's two rows (the same phone written twice)
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s and "
                            "phone_e164 = '+33612345678'", (ws.id,)).fetchone()[0] == 0


def test_merge_never_changes_an_opt_out_or_recorded_consent(db, workspace):
    """An opted-out contact stays opted out, and its consent flags stay as recorded."""
    owner, ws = workspace
    import_rows(db, owner, ws.id, COLUMNS, ROWS[:2], file_name="a.csv")
    with db.tenant(owner) as conn:
        conn.execute("update public.contacts set opted_out_at = now(), consent_whatsapp = false "
                     "where workspace_id = %s and phone_e164 = '+33781223344'", (ws.id,))
    import_rows(db, owner, ws.id, COLUMNS, [["Hugo", "Petit", "0781223344", "", "Nice", "", "oui"]], file_name="b.csv")
    with db.tenant(owner) as conn:
        opted, consent, city = conn.execute(
            "select opted_out_at is not null, consent_whatsapp, city from public.contacts where workspace_id = %s "
            "and phone_e164 = '+33781223344'", (ws.id,)).fetchone()
    assert opted and consent is False and city == "Nice"


def test_undo_removes_created_contacts_and_restores_changed_fields(db, workspace):
    """Undoing the second import puts Hugo's blanks back; undoing the first removes its contacts."""
    owner, ws = workspace
    first = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="a.csv")
    second = import_rows(db, owner, ws.id, COLUMNS, [["Hugo", "Petit", "0781223344", "h@x.fr", "Pau", "rosé", ""],
                                                     ["Zoé", "Neuve", "0622334455", "", "", "", ""]],
                         file_name="b.csv")
    assert (second.imported, second.updated) == (1, 1)
    assert undo_import(db, owner, ws.id, second.import_id) == {"removed": 1, "restored": 1}
    with db.tenant(owner) as conn:
        hugo = conn.execute("select email, city, interests from public.contacts where workspace_id = %s "
                            "and phone_e164 = '+33781223344'", (ws.id,)).fetchone()
    assert hugo == (None, None, ["Champagne & crémants"])
    assert undo_import(db, owner, ws.id, second.import_id) == {"removed": 0, "restored": 0}
    undo_import(db, owner, ws.id, first.import_id)
    assert _count(db, owner, ws.id) == 0


def test_awkward_text_survives_the_copy_untouched(db, workspace):
    """Quotes, backslashes, commas, semicolons, newlines and emoji reach the database exactly as written."""
    owner, ws = workspace
    awkward = 'Zoé "la reine" \\ du; rosé,\nsur deux lignes 🍷'
    columns = ["Prénom", "Mobile", "Notes", "Goûts"]
    import_rows(db, owner, ws.id, columns, [[awkward, "0612345678", awkward, 'Vin "nature" \\ bio']],
                file_name="awkward.csv")
    with db.tenant(owner) as conn:
        first_name, notes, interests = conn.execute(
            "select first_name, attributes->>'notes', interests from public.contacts where workspace_id = %s",
            (ws.id,)).fetchone()
    assert first_name == awkward and notes == awkward
    assert interests == ["Bio & nature"]  # the vocabulary still recognises it through the quotes
