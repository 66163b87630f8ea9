"""A person scans a QR code on a phone (390×844): the join page reads well, a wrong number is explained in French
with the fields kept, and a valid form lands on the community's invite link."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from playwright.sync_api import expect

from tests.support.db import PROJECT_ROOT
from tests.support.join import INVITE

PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.1 Mobile/15E148 Safari/604.1")


def _cli(database_url: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url)
    return subprocess.run([sys.executable, "-m", "lib.cli", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=180)


def test_sign_up_on_a_phone_lands_on_the_invite_link(server, database_of_server, browser, tmp_path_factory):
    made = _cli(database_of_server, "create-link", "--workspace", "domaine-qr", "--community", "Les Amis du Rouge",
                "--source", "salon", "--destination", INVITE)
    assert made.returncode == 0, made.stderr
    page_made = _cli(database_of_server, "create-join-page", "--workspace", "domaine-qr", "--community",
                     "Les Amis du Rouge", "--source", "QR du salon", "--interests", "Rouge,Blanc,Bulles", "--json")
    assert page_made.returncode == 0, page_made.stderr
    code = json.loads(page_made.stdout)["code"]
    shots = tmp_path_factory.mktemp("join-shots")

    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA, locale="fr-FR",
                                  is_mobile=True, has_touch=True, java_script_enabled=False)
    # No internet here: the WhatsApp invite link answers from this stub, so the landing itself can be checked.
    context.route("https://chat.whatsapp.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body="<h1>Groupe WhatsApp (simulé)</h1>"))
    phone = context.new_page()
    phone.goto(f"{server}/j/{code}")
    expect(phone.locator("h1")).to_have_text("Les Amis du Rouge")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.screenshot(path=str(shots / "form.png"), full_page=True)

    phone.get_by_label("Prénom").fill("Camille <b>")
    phone.get_by_label("Numéro de mobile").fill("06 12 34")
    phone.get_by_text("Rouge", exact=True).click()
    phone.get_by_text("J'accepte que", exact=False).first.click()
    phone.get_by_text("J'ai 18 ans ou plus").click()
    phone.get_by_role("button", name="Je m'inscris").click()
    expect(phone.get_by_role("alert")).to_contain_text("Ce numéro de téléphone n'est pas valide")
    expect(phone.get_by_label("Prénom")).to_have_value("Camille <b>")
    phone.screenshot(path=str(shots / "refused.png"), full_page=True)

    phone.get_by_label("Numéro de mobile").fill("06 12 34 56 78")
    phone.get_by_label("Prénom").fill("Camille")
    phone.get_by_role("button", name="Je m'inscris").click()
    expect(phone.locator("h1")).to_have_text("Groupe WhatsApp (simulé)")
    assert phone.url == INVITE
    phone.screenshot(path=str(shots / "landed.png"))
    context.close()
    print(f"screenshots: {shots}")

    stats = _cli(database_of_server, "join-stats", "--workspace", "domaine-qr", "--json")
    assert json.loads(stats.stdout) == [{"code": code, "community": "Les Amis du Rouge", "source": "QR du salon",
                                         "views": 1, "signups": 1}]
