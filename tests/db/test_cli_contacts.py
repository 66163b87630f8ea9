"""The contacts CLI contract: import-contacts, export-contacts, validate-phones."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import string
import subprocess
import sys

import pytest

from tests.support.db import PROJECT_ROOT, unique_slug

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "import" / "salon-lyon.csv"


@pytest.fixture
def cli(database_url):
    env = dict(os.environ, DATABASE_URL=database_url)

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env, input=stdin,
                              capture_output=True, text=True, timeout=180)

    return run


def test_import_contacts_json_report_then_reimport_changes_nothing(cli):
    """--json prints the counts and issues with file line numbers; the second run imports nothing."""
    slug = unique_slug("cli")
    first = cli("import-contacts", str(FIXTURE), "--workspace", slug, "--json")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert {k: report[k] for k in ("rows", "imported", "updated", "unchanged", "refused")} == {
        "rows": 8, "imported": 6, "updated": 0, "unchanged": 0, "refused": 1}
    by_code = {(i["row"], i["code"]) for i in report["issues"]}
    assert (4, "scientific_notation") in by_code  # Léa is on line 4 (header = 1)
    assert (6, "invalid") in by_code
    assert all(set(i) == {"row", "column", "value", "code", "message"} for i in report["issues"])
    again = json.loads(cli("import-contacts", str(FIXTURE), "--workspace", slug, "--json").stdout)
    assert (again["imported"], again["updated"], again["unchanged"]) == (0, 0, 6)


@pytest.mark.parametrize(("content", "name"), [
    (b"%PDF-1.7\n1 0 obj\n", "contacts.csv"),
    (b"", "vide.csv"),
    (b"PK\x03\x04" + b"\x00" * 40, "cassé.xlsx"),
])
def test_a_refused_file_exits_2_with_one_line_and_stores_nothing(cli, tmp_path, content, name):
    """Unreadable or hostile files: exit 2, one sentence on stderr, no workspace data written."""
    path = tmp_path / name
    path.write_bytes(content)
    slug = unique_slug("cli")
    result = cli("import-contacts", str(path), "--workspace", slug, "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    export = tmp_path / "out.csv"
    assert cli("export-contacts", "--workspace", slug, "--out", str(export)).returncode == 0
    assert len(export.read_text(encoding="utf-8-sig").splitlines()) == 1  # header only


def test_missing_file_and_bad_workspace_are_said_plainly(cli, tmp_path):
    """A path that does not exist or an invalid workspace id: exit 2 and a sentence."""
    missing = cli("import-contacts", str(tmp_path / "absent.csv"), "--workspace", "demo")
    assert missing.returncode == 2 and "Impossible d'ouvrir" in missing.stderr
    bad = cli("import-contacts", str(FIXTURE), "--workspace", "Mon Domaine!")
    assert bad.returncode == 2 and "Identifiant d'espace invalide" in bad.stderr


def test_export_contacts_csv_contract_and_formula_safety(cli, tmp_path):
    """The CSV has the documented header, E.164 phones with their +, and no live formula."""
    slug = unique_slug("cli")
    hostile = tmp_path / "hostile.csv"
    hostile.write_text("Prénom;Nom;Mobile;Intérêts\n=HYPERLINK(\"http://x\");@evil;06 12 34 56 78 / 01 42 68 53 00;"
                       "rouge, bio\n", encoding="utf-8")
    assert cli("import-contacts", str(hostile), "--workspace", slug).returncode == 0
    out = tmp_path / "export.csv"
    result = cli("export-contacts", "--workspace", slug, "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {"phone_e164", "other_phones", "first_name", "last_name", "email", "country", "interests"} <= set(rows[0])
    assert rows[0]["phone_e164"] == "+33612345678"
    assert rows[0]["other_phones"] == "+33142685300"
    assert rows[0]["first_name"] == "'=HYPERLINK(\"http://x\")"
    assert rows[0]["last_name"] == "'@evil"
    assert rows[0]["interests"] == "Vin rouge, Bio & nature"  # through the workspace's vocabulary


def test_validate_phones_prints_one_json_object_per_line(cli):
    """One verdict per input line, with libphonenumber's fields; scientific notation refused."""
    result = cli("validate-phones", "--region", "FR", stdin="06 12 34 56 78\n6,12346E+08\n\nn'importe quoi\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["code"] for line in lines] == ["ok", "scientific_notation", "empty", "not_a_number"]
    assert lines[0] == {"input": "06 12 34 56 78", "e164": "+33612345678", "valid": True, "type": "mobile",
                        "region": "FR", "code": "ok"}


def test_a_town_too_long_for_the_index_is_listed_not_a_traceback(cli, tmp_path):
    """#13 item 10: a 9,000-character town used to end the CLI with exit 1 and a traceback."""
    path = tmp_path / "ville.csv"
    town = "".join(random.Random(9).choices(string.ascii_letters, k=9_000))  # does not compress
    path.write_text(f"Prénom;Portable;Ville\nAnne;06 12 34 56 78;Lyon\nLéo;07 81 22 33 44;{town}\n", encoding="utf-8")
    done = cli("import-contacts", str(path), "--workspace", unique_slug("cli"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["imported"] == 2
    assert [(i["row"], i["code"]) for i in report["issues"]] == [(3, "value_too_long")]


def test_import_contacts_json_adds_lost_and_repaired_numbers_and_merged_rows(cli, tmp_path):
    """The historical fields stay; numbers lost and repaired and rows merged come in French, no code shown."""
    path = tmp_path / "salon.csv"
    path.write_text("Prénom;Portable;E-mail\nAnne;6,12346E+08;anne@example.fr\nLéo;0033 7 81 22 33 44;\n"
                    "Léo;07 81 22 33 44;leo@example.fr\n", encoding="utf-8")
    done = cli("import-contacts", str(path), "--workspace", unique_slug("cli"), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"rows", "imported", "updated", "unchanged", "refused", "issues"} <= set(report)
    assert (report["imported"], report["refused"], report["merged_in_file"]) == (2, 0, 1)
    assert [(n["row"], n["value"]) for n in report["numbers_lost"]] == [(2, "6,12346E+08")]
    assert "scientific" not in report["numbers_lost"][0]["why"] + report["numbers_lost"][0]["what_to_do"]
    assert [(n["kind"], n["count"]) for n in report["numbers_repaired"]] == [("international_prefix_00", 1)]
    text = cli("import-contacts", str(path), "--workspace", unique_slug("cli"))
    assert "ligne 2 : « 6,12346E+08 »" in text.stdout and "fusionnées" in text.stdout
