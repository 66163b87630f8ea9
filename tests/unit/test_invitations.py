"""Invitation messages say who sends them and how to stop; one-click links carry them intact."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from lib.i18n import set_language
from lib.links.invitations import (
    InvitationError,
    default_template,
    render_message,
    sms_link,
    telegram_share_link,
    template_fields,
    whatsapp_link,
)

WARNING = "L'abus d'alcool est dangereux pour la santé, à consommer avec modération."
STOP = {"fr": "Répondez STOP pour ne plus recevoir de messages.", "en": "Reply STOP to stop receiving messages."}
LINK = "https://cercle.example/r/ab12"


@pytest.fixture(autouse=True)
def _french():
    set_language("fr")
    yield
    set_language("fr")


@pytest.mark.parametrize(
    ("language", "prenom", "alcohol", "opening", "has_warning"),
    [
        ("fr", "Camille", True, "Bonjour Camille, Château Ménard vous invite", True),
        ("fr", "Camille", False, "Bonjour Camille, Château Ménard vous invite", False),
        ("fr", None, True, "Bonjour, Château Ménard vous invite", True),
        ("fr", "   ", False, "Bonjour, Château Ménard vous invite", False),
        ("en", "Sam", True, "Hello Sam, Château Ménard invites you", True),
        ("en", "", False, "Hello, Château Ménard invites you", False),
    ],
)
def test_default_template_renders_in_both_languages(language, prenom, alcohol, opening, has_warning):
    """Name or no name, the greeting reads naturally; the warning comes only for alcohol; STOP always."""
    message = render_message(default_template(language), prenom=prenom, lien=LINK, domaine="Château Ménard",
                             alcohol=alcohol, language=language)
    assert message.startswith(opening)
    assert LINK in message
    assert (WARNING in message) is has_warning
    assert message.endswith(STOP[language])
    assert "{" not in message and "  " not in message


def test_warning_and_stop_close_the_message_in_that_order():
    """The body comes first, then the health warning, then how to stop."""
    message = render_message("Bonjour {prenom} ! {lien} — {domaine}", prenom="Léa", lien=LINK,
                             domaine="Cave Dupont", alcohol=True, language="fr")
    assert message == f"Bonjour Léa ! {LINK} — Cave Dupont\n\n{WARNING}\n{STOP['fr']}"


def test_missing_name_before_french_punctuation_keeps_its_space():
    """ "Bonjour {prenom} !" without a name gives "Bonjour !", not "Bonjour  !"."""
    message = render_message("Bonjour {prenom} ! {lien} {domaine}", prenom=None, lien=LINK, domaine="Cave",
                             alcohol=False, language="fr")
    assert message.startswith("Bonjour ! https://")


def test_sender_is_added_when_the_template_does_not_name_it():
    """CNIL: a message that does not say who sends it gets the estate's name as a signature."""
    message = render_message("Salut {prenom}, on se retrouve ici : {lien}", prenom="Jo", lien=LINK,
                             domaine="Domaine Vidal", alcohol=False, language="fr")
    assert message == f"Salut Jo, on se retrouve ici : {LINK}\n\n— Domaine Vidal\n{STOP['fr']}"


@pytest.mark.parametrize(
    ("prenom", "shown"),
    [
        ("{lien}", "{lien}"),
        ("{domaine}{{x}}", "{domaine}{{x}}"),
        ("{0.__class__}", "{0.__class__}"),
        ("Anne\n\nCliquez ici : http://arnaque.example", "Anne Cliquez ici : http://arnaque.example"),
        ("Zoë 🍷", "Zoë 🍷"),
    ],
)
def test_first_names_are_inserted_as_typed_and_never_expanded(prenom, shown):
    """Braces in a first name stay braces; line breaks cannot push text onto lines of their own."""
    message = render_message("Bonjour {prenom}, {lien}", prenom=prenom, lien=LINK, domaine="Cave",
                             alcohol=False, language="fr")
    assert message.startswith(f"Bonjour {shown}, {LINK}\n\n")
    assert message.count(LINK) == 1


def test_doubled_braces_in_a_template_print_one_brace():
    """A template may show a literal brace by doubling it."""
    message = render_message("{{offre}} {lien} {domaine}", prenom="", lien=LINK, domaine="Cave",
                             alcohol=False, language="fr")
    assert message.startswith("{offre} https://")


@pytest.mark.parametrize(
    ("template", "shown"),
    [
        ("Bonjour {inconnu}, {lien}", "{inconnu}"),
        ("Bonjour {Prenom}", "{Prenom}"),
        ("Bonjour {}", "{}"),
        ("Bonjour {0}", "{0}"),
        ("{lien.__class__}", "{lien.__class__}"),
        ("{prenom!r}", "{prenom!r}"),
        ("{prenom:>30}", "{prenom:>30}"),
    ],
)
def test_unknown_placeholders_are_refused_with_a_translated_sentence(template, shown):
    """Only {prenom}, {lien} and {domaine} are filled; anything else is named back to the marketer."""
    with pytest.raises(InvitationError) as refused:
        render_message(template, prenom="A", lien=LINK, domaine="Cave", alcohol=False, language="fr")
    assert refused.value.code == "unknown_placeholder"
    assert f"« {shown} »" in str(refused.value)
    assert "{prenom}, {lien}, {domaine}" in str(refused.value)
    set_language("en")
    assert str(refused.value).startswith(f'The template contains "{shown}"')


@pytest.mark.parametrize("template", ["Bonjour {prenom", "Bonjour }", "{lien} {"])
def test_lone_braces_are_refused(template):
    """A half-typed field is a refusal the marketer can fix, not a Python traceback."""
    with pytest.raises(InvitationError) as refused:
        template_fields(template)
    assert refused.value.code == "bad_braces"
    assert "{prenom}" in str(refused.value)


@pytest.mark.parametrize(
    ("lien", "domaine", "code"),
    [(LINK, "  ", "no_sender"), (LINK, None, "no_sender"), ("cercle.example/r/x", "Cave", "bad_link"),
     ("javascript:alert(1)", "Cave", "bad_link"), ("https://a.example/x y", "Cave", "bad_link")],
)
def test_messages_without_sender_or_with_a_bad_link_are_refused(lien, domaine, code):
    """Every message must name its sender and carry a web link."""
    with pytest.raises(InvitationError) as refused:
        render_message("{prenom} {lien}", prenom="A", lien=lien, domaine=domaine, alcohol=False, language="fr")
    assert refused.value.code == code


def test_template_fields_lists_the_placeholders_in_order():
    """The editor can show which fields a template uses."""
    assert template_fields(default_template("fr")) == ["prenom", "domaine", "lien"]
    assert template_fields(default_template("en")) == ["prenom", "domaine", "lien"]


TEXT = "Bonjour Zoë ! Dégustation & apéro 🍷 ?\nhttps://cercle.example/r/a?b=1&c=2 #cave 100%"


def test_whatsapp_link_carries_digits_and_the_exact_text():
    """wa.me gets the number without + and the text percent-encoded as UTF-8, emoji and accents included."""
    link = whatsapp_link("+33612345678", TEXT)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/33612345678")
    assert parse_qs(parts.query) == {"text": [TEXT]}
    assert "%F0%9F%8D%B7" in link and "Zo%C3%AB" in link
    assert " " not in link and "+" not in parts.query  # a "+" could be read back as a space


def test_sms_link_uses_the_standard_body_form():
    """sms:+33…?body=… with the text percent-encoded; an "&" in the text cannot end the body early."""
    link = sms_link("+33612345678", TEXT)
    assert link.startswith("sms:+33612345678?body=")
    body = link.split("?body=", 1)[1]
    assert "&" not in body and "?" not in body and " " not in body
    assert unquote(body) == TEXT


def test_telegram_share_link_carries_url_and_text():
    """t.me/share gets both the link and the text back intact."""
    url = "https://cercle.example/r/a?b=1&c=2"
    parts = urlsplit(telegram_share_link(url, TEXT))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/share/url")
    assert parse_qs(parts.query) == {"url": [url], "text": [TEXT]}


@pytest.mark.parametrize(
    "number",
    ["0612345678", "33612345678", "+33 6 12 34 56 78", "+0612345678", "+3361234567890123", "+33", "", None,
     "+33612345678\n", "tel:+33612345678"],
)
def test_numbers_not_in_e164_are_refused(number):
    """Links are built only for cleaned international numbers; nothing is guessed."""
    for build in (whatsapp_link, sms_link):
        with pytest.raises(InvitationError) as refused:
            build(number, "Bonjour")
        assert refused.value.code == "not_e164"
        assert "+33612345678" in str(refused.value)


def test_english_templates_use_english_field_names_for_the_same_fields():
    """An English UI shows {first_name}, {link}, {estate}, never the French names; both fill the same fields."""
    from lib.links.invitations import default_template

    english = default_template("en")
    assert "{first_name}" in english and "{link}" in english and "{estate}" in english and "{prenom}" not in english
    message = render_message(english, prenom="Léa", lien=LINK, domaine="Cave", alcohol=False, language="en")
    assert message.startswith("Hello Léa, Cave invites you") and LINK in message and "{" not in message
    assert render_message("Hi {first_name}: {lien}", prenom=None, lien=LINK, domaine="Cave", alcohol=False,
                          language="en").startswith("Hi: " + LINK)
    with pytest.raises(InvitationError) as refused:
        render_message("Hi {first_name} {name}", prenom="A", lien=LINK, domaine="Cave", alcohol=False, language="en")
    assert "{first_name}, {link}, {estate}" in str(refused.value)
