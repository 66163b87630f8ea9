"""Imports are all or nothing, idempotent, concurrent-safe, respectful of suppressions, and undoable."""

from __future__ import annotations

import random
import string
import threading

import pytest

from lib.contacts import importer
from lib.contacts.importer import import_rows, undo_import
from tests.support.db import owner_and_workspace

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


def test_import_cleans_dedupes_and_reports(db, owner_space):
    """Repairs are reported, scientific notation refused but the email kept, duplicates folded into one."""
    owner, ws = owner_space
    report = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert (report.rows, report.imported, report.refused) == (5, 3, 1)
    codes = {(i.row, i.code.removeprefix("phone.")) for i in report.issues}
    assert (4, "scientific_notation") in codes
    with db.tenant(owner) as conn:
        camille = conn.execute("select interests, consent_whatsapp, consent_proof ? 'whatsapp' from public.contacts "
                               "where workspace_id = %s and phone_e164 = '+33612345678'", (ws.id,)).fetchone()
    # canonical labels; duplicate row 6 merged in, its interest kept (#12 item 4)
    assert camille[0] == ["Vin rouge", "Bio & nature", "Vin blanc"]
    assert report.merged_in_file == 1
    assert camille[1] is True and camille[2] is True


def test_reuploading_the_same_file_changes_nothing(db, owner_space):
    """The second import of one file creates and updates nothing, and says so."""
    owner, ws = owner_space
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    before = _count(db, owner, ws.id)
    again = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert again.changed_nothing and again.unchanged == 3
    assert _count(db, owner, ws.id) == before


def test_an_edited_file_fills_blanks_and_unions_interests_without_duplicates(db, owner_space):
    """A later file completes people matched by phone or email; consent already recorded is not touched."""
    owner, ws = owner_space
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


def test_a_crash_half_way_leaves_the_database_as_it_was(db, owner_space, monkeypatch):
    """A failure after the contacts were written rolls back the contacts and the import record."""
    owner, ws = owner_space
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


def test_two_imports_at_once_end_with_the_union(db, owner_space):
    """Concurrent imports into one workspace: no error, no duplicate, everyone present."""
    owner, ws = owner_space
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


def test_a_suppressed_person_never_comes_back(db, owner_space):
    """A phone on the suppression list is skipped at import, and reported as such."""
    owner, ws = owner_space
    with db.tenant(owner) as conn:
        conn.execute("select cercle.suppress(%s, 'phone', array['+33612345678'], 'stop')", (ws.id,))
    report = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    # Camille's two rows (the same phone written twice) are one person, skipped once
    assert (report.suppressed, report.merged_in_file) == (1, 1)
    with db.tenant(owner) as conn:
        assert conn.execute("select count(*) from public.contacts where workspace_id = %s and "
                            "phone_e164 = '+33612345678'", (ws.id,)).fetchone()[0] == 0


def test_merge_never_changes_an_opt_out_or_recorded_consent(db, owner_space):
    """An opted-out contact stays opted out, and its consent flags stay as recorded."""
    owner, ws = owner_space
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


def test_undo_removes_created_contacts_and_restores_changed_fields(db, owner_space):
    """Undoing the second import puts Hugo's blanks back; undoing the first removes its contacts."""
    owner, ws = owner_space
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


def test_awkward_text_survives_the_copy_untouched(db, owner_space):
    """Quotes, backslashes, commas, semicolons, newlines and emoji reach the database exactly as written."""
    owner, ws = owner_space
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


# 9,000 characters that do not compress: past what a btree index entry can hold (about 2,700 bytes)
_LONG_TOWN = "".join(random.Random(9).choices(string.ascii_letters, k=9_000))


def _good_rows(count: int) -> list[list[str]]:
    return [[f"Client{i}", "Dupont", f"06 12 34 56 {i:02d}", f"client{i}@example.fr", "Lyon", "", ""]
            for i in range(count)]


def test_over_long_values_cost_their_own_cell_never_the_file(db, owner_space):
    """#12 item 5 / #13 item 10: a 20,000-character name and a 9,000-character town (past the btree index)
    are left out for their rows, listed; every person is imported, no database error."""
    owner, ws = owner_space
    rows = _good_rows(10)
    rows.append(["x" * 20_000, "Long", "07 81 22 33 01", "", "", "", ""])
    rows.append(["Ville", "Longue", "07 81 22 33 02", "", _LONG_TOWN, "", ""])
    report = import_rows(db, owner, ws.id, COLUMNS, rows, file_name="long.csv")
    assert (report.imported, report.refused) == (12, 0)
    too_long = {(i.row, i.column) for i in report.issues if i.code == "value_too_long"}
    assert too_long == {(12, "Prénom"), (13, "Ville")}
    assert all(len(i.value) <= 80 for i in report.issues)
    assert "trop longue" in next(i.message for i in report.issues if i.code == "value_too_long")


def test_a_value_the_database_refuses_rolls_back_with_a_french_sentence(db, owner_space, monkeypatch):
    """Should the cleaning ever let an unindexable value through, the import is refused in French, nothing stored."""
    from lib.contacts import intake

    owner, ws = owner_space
    monkeypatch.setitem(intake.MAX_CHARS, "city", 100_000)
    rows = _good_rows(3) + [["Ville", "Longue", "07 81 22 33 02", "", _LONG_TOWN, "", ""]]
    with pytest.raises(importer.ImportRefused) as refused:
        import_rows(db, owner, ws.id, COLUMNS, rows, file_name="long.csv")
    assert "rien n'a été importé" in refused.value.message
    assert _count(db, owner, ws.id) == 0


def test_duplicates_inside_one_file_merge_as_across_files(db, owner_space):
    """#12 item 4: the second row of a person used to be dropped with its email, WhatsApp « oui » and
    interest; it now completes the first, and the report says how many rows were merged."""
    owner, ws = owner_space
    rows = [
        ["Camille", "", "06 12 34 56 78", "", "", "rouge", ""],
        ["", "Martin", "+33 6 12 34 56 78", "camille@example.fr", "Lyon", "bulles", "oui"],
        ["Hugo", "", "", "hugo@example.fr", "", "", ""],
        ["", "Petit", "07 81 22 33 44", "HUGO@example.fr", "", "blanc", "oui"],
    ]
    report = import_rows(db, owner, ws.id, COLUMNS, rows, file_name="doublons.csv")
    assert (report.imported, report.merged_in_file, report.refused) == (2, 2, 0)
    with db.tenant(owner) as conn:
        people = conn.execute(
            "select first_name, last_name, phone_e164, email, city, interests, consent_whatsapp, "
            "consent_proof ? 'whatsapp' from public.contacts where workspace_id = %s order by first_name",
            (ws.id,)).fetchall()
    assert people == [
        ("Camille", "Martin", "+33612345678", "camille@example.fr", "Lyon", ["Vin rouge", "Champagne & crémants"],
         True, True),
        ("Hugo", "Petit", "+33781223344", "hugo@example.fr", None, ["Vin blanc"], True, True),
    ]
    # the same file again merges the same way and changes nothing
    again = import_rows(db, owner, ws.id, COLUMNS, rows, file_name="doublons.csv")
    assert again.changed_nothing and again.unchanged == 2


def test_numbers_lost_are_counted_even_when_the_person_is_kept_by_email(db, owner_space):
    """#12 item 4: numbers thrown away used to report « Refusés 0 » because the email kept the person."""
    owner, ws = owner_space
    rows = [[f"P{i}", "", "6,12346E+08", f"p{i}@example.fr", "", "", ""] for i in range(3)]
    rows += [[f"Q{i}", "", "06 12 34", f"q{i}@example.fr", "", "", ""] for i in range(2)]
    rows += [["R", "", "0033 6 12 34 56 78", "", "", "", ""], ["S", "", "612345679", "", "", "", ""]]
    report = import_rows(db, owner, ws.id, COLUMNS, rows, file_name="perdus.csv")
    assert (report.imported, report.not_imported) == (7, 0)
    lost = report.numbers_lost()
    assert [(item["row"], item["value"]) for item in lost] == [
        (2, "6,12346E+08"), (3, "6,12346E+08"), (4, "6,12346E+08"), (5, "06 12 34"), (6, "06 12 34")]
    assert "notation scientifique" in lost[0]["why"] and "Texte" in lost[0]["what_to_do"]
    assert "incomplet" in lost[3]["why"] and "e-mail" in lost[3]["person"]
    repaired = {entry["kind"]: entry for entry in report.numbers_repaired()}
    assert repaired["international_prefix_00"]["count"] == 1
    assert repaired["international_prefix_00"]["result"] == "+33612345678"
    assert repaired["leading_zero_restored"]["example"] == "612345679"


def test_google_system_labels_and_formulas_stay_out_of_the_interests_vocabulary(db, owner_space):
    """#12 item 9: « * myContacts ::: Clients » became everyone's top interest; formulas joined the vocabulary."""
    owner, ws = owner_space
    columns = ["Given Name", "Phone 1 - Value", "Labels"]
    rows = [["Anne", "06 12 34 56 01", "* myContacts ::: Clients"],
            ["Paul", "06 12 34 56 02", "* myContacts ::: * starred ::: Rouge"],
            ["Zoé", "06 12 34 56 03", '=HYPERLINK("http://evil.example/x","Clic")'],
            ["Max", "06 12 34 56 04", "+cmd|' /C calc'!A0"],
            ["Léo", "06 12 34 56 05", "@SUM(1+1)"]]
    import_rows(db, owner, ws.id, columns, rows, file_name="google.csv")
    with db.tenant(owner) as conn:
        imported = {label for (label,) in conn.execute(
            "select label from public.interests where workspace_id = %s and origin = 'import'", (ws.id,))}
        cited = {label for (label,) in conn.execute(
            "select distinct unnest(interests) from public.contacts where workspace_id = %s", (ws.id,))}
    assert imported == {"Clients"}
    assert cited == {"Clients", "Vin rouge"}


def _hugo(db, owner, ws_id) -> tuple:
    with db.tenant(owner) as conn:
        return conn.execute(
            "select phone_e164, other_phones, reach_whatsapp, email, interests from public.contacts "
            "where workspace_id = %s", (ws_id,)).fetchall()


def test_a_person_met_by_email_takes_the_phone_the_same_within_a_file_and_across_files(db, owner_space):
    """Email first, then a row with the phone: one person whose own number it is (reachable on WhatsApp),
    whether the two rows sit in one file or two; undoing the second file puts the person back as before."""
    owner, ws = owner_space
    first = ["Hugo", "", "", "hugo@example.fr", "", "rouge", ""]
    second = ["", "Petit", "07 81 22 33 44", "hugo@example.fr", "", "blanc", "oui"]
    import_rows(db, owner, ws.id, COLUMNS, [first, second], file_name="un.csv")
    in_one_file = _hugo(db, owner, ws.id)
    assert [row[:4] for row in in_one_file] == [("+33781223344", [], True, "hugo@example.fr")]

    owner2, other = owner_and_workspace(db, "imp", "Deux fichiers")
    import_rows(db, owner2, other.id, COLUMNS, [first], file_name="a.csv")
    report = import_rows(db, owner2, other.id, COLUMNS, [second], file_name="b.csv")
    assert report.updated == 1
    across = _hugo(db, owner2, other.id)
    assert [row[:4] for row in across] == [row[:4] for row in in_one_file]
    assert sorted(across[0][4]) == sorted(in_one_file[0][4])
    undo_import(db, owner2, other.id, report.import_id)
    assert [row[:4] for row in _hugo(db, owner2, other.id)] == [(None, [], False, "hugo@example.fr")]


def test_an_import_whose_browser_went_away_stops_at_the_next_step_and_leaves_nothing(db, owner_space):
    """#13: an orphaned import ran ~90 s after its client died, holding the workspace's import lock. The progress
    callback is called between the steps, and in the browser that is where Streamlit stops a run whose session is
    gone: whatever it raises rolls everything back and frees the lock at once."""
    owner, ws = owner_space

    class BrowserGone(Exception):
        pass

    seen: list[float] = []

    def progress(share: float) -> None:
        seen.append(share)
        if seen.count(0.7) == 2:  # inside the merge, after the rows were written to staging
            raise BrowserGone

    with pytest.raises(BrowserGone):
        import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="abandonne.csv", progress=progress)
    with db.tenant(owner) as conn:
        left = conn.execute("select (select count(*) from public.contacts where workspace_id = %(ws)s),"
                            " (select count(*) from public.imports where workspace_id = %(ws)s)",
                            {"ws": ws.id}).fetchone()
    assert left == (0, 0)
    with db.admin() as conn:  # nobody holds the workspace's import lock any more
        assert conn.execute("select pg_try_advisory_xact_lock(hashtextextended('cercle-import:' || %s, 0))",
                            (ws.id,)).fetchone()[0]
    assert import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="suivant.csv").imported > 0
