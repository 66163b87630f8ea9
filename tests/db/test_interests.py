"""The interests vocabulary against a real PostgreSQL: seeding, imports, rename, merge, synonyms and tenancy."""

from __future__ import annotations

import psycopg
import pytest

from lib.contacts.importer import import_rows
from lib.db import LOCAL_USER
from lib.demo import load_demo
from lib.segments.interests import (
    STARTER_VOCABULARY,
    InterestError,
    add_synonym,
    canonical_interests,
    ensure_vocabulary,
    interest_counts,
    merge_interests,
    remap_existing_contacts,
    remove_synonym,
    rename_interest,
    seed_vocabulary,
    stray_interests,
)
from lib.workspaces import ensure_workspace
from tests.support.db import make_user, unique_slug

COLUMNS = ["Prénom", "Téléphone", "Goûts"]
ROWS = [
    ["Camille", "06 12 34 56 78", "Vins rouges, bulles"],
    ["Hugo", "07 81 22 33 44", "rouge; Crémant ; Saint-Émilion"],
    ["Léa", "06 22 33 44 55", "ROUGE/vin rouge"],
    ["Zoé", "06 33 44 55 66", ""],
]


def _interests_by_phone(db, user, workspace_id) -> dict[str, list[str]]:
    with db.tenant(user) as conn:
        return dict(conn.execute("select phone_e164, interests from public.contacts where workspace_id = %s",
                                 (workspace_id,)).fetchall())


def _counts(db, user, workspace_id) -> dict[str, int]:
    return {c.label: c.contacts for c in interest_counts(db, user, workspace_id)}


def test_seeding_is_idempotent_and_happens_once(db, owner_space):
    """The starter vocabulary arrives once; seeding again adds nothing and never revives a merged interest."""
    owner, ws = owner_space
    assert ensure_vocabulary(db, owner, ws.id) is True
    first = interest_counts(db, owner, ws.id)
    assert {c.label for c in first} == {entry.label for entry in STARTER_VOCABULARY}
    assert all(c.origin == "starter" and c.contacts == 0 for c in first)
    assert ensure_vocabulary(db, owner, ws.id) is False
    with db.tenant(owner) as conn:
        assert seed_vocabulary(conn, ws.id) is False
    assert interest_counts(db, owner, ws.id) == first
    merge_interests(db, owner, ws.id, "Provence", "Rosé")
    import_rows(db, owner, ws.id, COLUMNS, ROWS[:1], file_name="a.csv")
    assert "Provence" not in _counts(db, owner, ws.id)


def test_import_maps_raw_interests_to_canonical_labels(db, owner_space):
    """Spellings from a file become canonical labels, once each; an unknown one joins the vocabulary."""
    owner, ws = owner_space
    report = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert report.imported == 4
    stored = _interests_by_phone(db, owner, ws.id)
    assert stored["+33612345678"] == ["Vin rouge", "Champagne & crémants"]
    assert stored["+33781223344"] == ["Vin rouge", "Champagne & crémants", "Saint-Émilion"]
    assert stored["+33622334455"] == ["Vin rouge"]
    assert stored["+33633445566"] == []
    counts = {c.label: c for c in interest_counts(db, owner, ws.id)}
    assert counts["Vin rouge"].contacts == 3
    assert counts["Champagne & crémants"].contacts == 2
    assert counts["Saint-Émilion"].origin == "import" and counts["Saint-Émilion"].contacts == 1
    assert "bulles" in counts["Champagne & crémants"].synonyms
    assert stray_interests(db, owner, ws.id) == []
    # the same file again changes nothing: its labels are already there
    again = import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="salon.csv")
    assert again.changed_nothing


def test_canonical_interests_reads_and_writes_a_constant_number_of_times(db, owner_space):
    """Five hundred rows cost the same handful of statements as one: no query per row."""
    owner, ws = owner_space

    class Counting:
        def __init__(self, conn):
            self.conn, self.statements = conn, 0

        def execute(self, *args, **kwargs):
            self.statements += 1
            return self.conn.execute(*args, **kwargs)

    raw_lists = [["Vins rouges", f"Appellation {n % 50}", "bulles"] for n in range(500)]
    with db.tenant(owner) as conn:
        counting = Counting(conn)
        labels = canonical_interests(counting, ws.id, raw_lists)
    assert counting.statements <= 8
    assert labels[7] == ["Vin rouge", "Appellation 7", "Champagne & crémants"]
    assert sum(1 for c in interest_counts(db, owner, ws.id) if c.origin == "import") == 50


def test_merge_rewrites_contacts_without_duplicates_and_moves_synonyms(db, owner_space):
    """Merging Saint-Émilion into Bordeaux relabels contacts, leaves no repeat, and redirects its spellings."""
    owner, ws = owner_space
    import_rows(db, owner, ws.id, COLUMNS, [["Hugo", "07 81 22 33 44", "Saint-Émilion, Bordeaux, rouge"],
                                            ["Léa", "06 22 33 44 55", "saint emilion"]], file_name="a.csv")
    assert merge_interests(db, owner, ws.id, "Saint-Émilion", "Bordeaux") == 2
    stored = _interests_by_phone(db, owner, ws.id)
    assert stored["+33781223344"] == ["Bordeaux", "Vin rouge"]
    assert stored["+33622334455"] == ["Bordeaux"]
    counts = {c.label: c for c in interest_counts(db, owner, ws.id)}
    assert "Saint-Émilion" not in counts
    assert counts["Bordeaux"].contacts == 2 and "Saint-Émilion" in counts["Bordeaux"].synonyms
    import_rows(db, owner, ws.id, COLUMNS, [["Zoé", "06 33 44 55 66", "Saint Emilion"]], file_name="b.csv")
    assert _interests_by_phone(db, owner, ws.id)["+33633445566"] == ["Bordeaux"]
    with pytest.raises(InterestError) as same:
        merge_interests(db, owner, ws.id, "Bordeaux", "Bordeaux")
    assert same.value.code == "merge_same"


def test_rename_rewrites_contacts_and_keeps_the_old_name_as_a_synonym(db, owner_space):
    """A renamed interest is renamed on every contact; files using the old name still land on it."""
    owner, ws = owner_space
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="a.csv")
    assert rename_interest(db, owner, ws.id, "Champagne & crémants", "Bulles & effervescents") == 2
    stored = _interests_by_phone(db, owner, ws.id)
    assert stored["+33612345678"] == ["Vin rouge", "Bulles & effervescents"]
    import_rows(db, owner, ws.id, COLUMNS, [["Zoé", "06 33 44 55 66", "champagne & crémant"]], file_name="b.csv")
    assert _interests_by_phone(db, owner, ws.id)["+33633445566"] == ["Bulles & effervescents"]
    assert "Champagne & crémants" not in _counts(db, owner, ws.id)
    assert rename_interest(db, owner, ws.id, "Bulles & effervescents", "Bulles & Effervescents") == 3


def test_rename_refuses_empty_and_taken_names_with_sentences(db, owner_space):
    """An empty name or one that already means another interest is refused and changes nothing."""
    owner, ws = owner_space
    import_rows(db, owner, ws.id, COLUMNS, ROWS[:1], file_name="a.csv")
    before = interest_counts(db, owner, ws.id)
    with pytest.raises(InterestError) as empty:
        rename_interest(db, owner, ws.id, "Vin rouge", "   ")
    assert empty.value.code == "empty_label" and str(empty.value).endswith(".")
    with pytest.raises(InterestError) as taken:
        rename_interest(db, owner, ws.id, "Vin rouge", "Vins blancs")
    assert "Vin blanc" in str(taken.value) and "fusionnez" in str(taken.value)
    with pytest.raises(InterestError) as unknown:
        rename_interest(db, owner, ws.id, "Pas là", "Ailleurs")
    assert unknown.value.code == "unknown"
    assert interest_counts(db, owner, ws.id) == before


def test_synonyms_can_be_added_and_removed(db, owner_space):
    """A new spelling leads to its interest in later imports; once removed, it becomes an interest of its own."""
    owner, ws = owner_space
    ensure_vocabulary(db, owner, ws.id)
    add_synonym(db, owner, ws.id, "Champagne & crémants", "Pet nat")
    import_rows(db, owner, ws.id, COLUMNS, [["Zoé", "06 33 44 55 66", "pét-nats"]], file_name="a.csv")
    assert _interests_by_phone(db, owner, ws.id)["+33633445566"] == ["Champagne & crémants"]
    with pytest.raises(InterestError) as again:
        add_synonym(db, owner, ws.id, "Champagne & crémants", "PET NAT")
    assert again.value.code == "already_synonym"
    with pytest.raises(InterestError) as taken:
        add_synonym(db, owner, ws.id, "Vin rouge", "bulles")
    assert taken.value.code == "taken"
    with pytest.raises(InterestError) as own:
        remove_synonym(db, owner, ws.id, "Vin rouge", "vins rouges")
    assert own.value.code == "own_name"
    remove_synonym(db, owner, ws.id, "Champagne & crémants", "Pet nat")
    import_rows(db, owner, ws.id, COLUMNS, [["Léa", "06 22 33 44 55", "pet nat"]], file_name="b.csv")
    assert _interests_by_phone(db, owner, ws.id)["+33622334455"] == ["Pet nat"]
    assert _interests_by_phone(db, owner, ws.id)["+33633445566"] == ["Champagne & crémants"]


def test_remap_brings_contacts_imported_before_the_vocabulary_onto_it(db, owner_space):
    """Raw labels stored earlier become canonical ones, without repeats; a second remap changes nothing."""
    owner, ws = owner_space
    with db.tenant(owner) as conn:
        conn.execute("insert into public.contacts (workspace_id, phone_e164, interests) values "
                     "(%s, '+33612345678', array['vins rouges', 'Rouge', 'bulles', 'Pauillac']), "
                     "(%s, '+33781223344', array['Vin blanc'])", (ws.id, ws.id))
    ensure_vocabulary(db, owner, ws.id)
    assert {label for label, _ in stray_interests(db, owner, ws.id)} == {"vins rouges", "Rouge", "bulles",
                                                                          "Pauillac"}
    assert remap_existing_contacts(db, owner, ws.id) == 1
    stored = _interests_by_phone(db, owner, ws.id)
    assert stored["+33612345678"] == ["Vin rouge", "Champagne & crémants", "Pauillac"]
    assert stored["+33781223344"] == ["Vin blanc"]
    assert stray_interests(db, owner, ws.id) == []
    assert _counts(db, owner, ws.id)["Pauillac"] == 1
    assert remap_existing_contacts(db, owner, ws.id) == 0


def test_another_workspace_vocabulary_is_invisible_and_untouchable(db, owner_space):
    """A stranger sees none of the vocabulary, cannot change it, and cannot write into it."""
    owner, ws = owner_space
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="a.csv")
    stranger = make_user(db)
    ensure_workspace(db, stranger, unique_slug("other"), "Autre")
    assert interest_counts(db, stranger, ws.id) == []
    with db.tenant(stranger) as conn:
        for table in ("interests", "interest_synonyms"):
            seen = conn.execute(f"select count(*) from public.{table} where workspace_id = %s", (ws.id,)).fetchone()
            assert seen[0] == 0
        assert conn.execute("update public.interests set label = 'pwned' where workspace_id = %s",
                            (ws.id,)).rowcount == 0
    with pytest.raises(InterestError) as refused:
        rename_interest(db, stranger, ws.id, "Vin rouge", "Pwned")
    assert refused.value.code == "read_only"
    with pytest.raises(psycopg.errors.InsufficientPrivilege), db.tenant(stranger) as conn:
        conn.execute("insert into public.interests (workspace_id, key, label) values (%s, 'x', 'X')", (ws.id,))
    with db.tenant(None) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select count(*) from public.interests")
    assert "Pwned" not in _counts(db, owner, ws.id)
    assert _counts(db, owner, ws.id)["Vin rouge"] == 3


def test_a_viewer_reads_the_vocabulary_but_cannot_change_it(db, owner_space):
    """Viewers see counts; every change is refused with a sentence and nothing is seeded on their behalf."""
    owner, ws = owner_space
    viewer = make_user(db)
    with db.admin() as conn:
        conn.execute("insert into public.workspace_members (workspace_id, user_id, role) values (%s, %s, 'viewer')",
                     (ws.id, viewer.user_id))
    assert ensure_vocabulary(db, viewer, ws.id) is False
    assert interest_counts(db, viewer, ws.id) == []
    import_rows(db, owner, ws.id, COLUMNS, ROWS, file_name="a.csv")
    assert _counts(db, viewer, ws.id)["Vin rouge"] == 3
    for change in (lambda: rename_interest(db, viewer, ws.id, "Vin rouge", "Rouges"),
                   lambda: merge_interests(db, viewer, ws.id, "Saint-Émilion", "Bordeaux"),
                   lambda: add_synonym(db, viewer, ws.id, "Vin rouge", "tinto"),
                   lambda: remap_existing_contacts(db, viewer, ws.id)):
        with pytest.raises(InterestError) as refused:
            change()
        assert "lecture seule" in str(refused.value)


def test_demo_contacts_all_carry_vocabulary_labels(db):
    """The demo import lands entirely on the vocabulary; its one appellation becomes an interest of its own."""
    slug = unique_slug("demo")
    workspace, report = load_demo(db, LOCAL_USER, slug)
    assert report.imported > 1800
    counts = {c.label: c for c in interest_counts(db, LOCAL_USER, workspace.id)}
    assert stray_interests(db, LOCAL_USER, workspace.id) == []
    assert counts["Vin rouge"].contacts > 100
    assert counts["Saint-Émilion"].origin == "import"
    assert {c.origin for c in counts.values()} == {"starter", "import"}
