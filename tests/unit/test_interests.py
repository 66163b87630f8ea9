"""Interests as people write them: one key per meaning, and a starter vocabulary that never contradicts itself."""

from __future__ import annotations

import pytest

from lib.demo import INTERESTS as DEMO_INTERESTS
from lib.segments.interests import (
    MAX_LENGTH,
    STARTER_VOCABULARY,
    InterestError,
    normalise_interest,
    tidy_label,
)


@pytest.mark.parametrize(("text", "key"), [
    ("rouge", "rouge"),
    ("Rouge", "rouge"),
    ("ROUGE", "rouge"),
    ("Vin rouge", "rouge"),
    ("vins rouges", "rouge"),
    ("Vins   Rouges ", "rouge"),
    ("red wines", "red"),
    ("Rosé", "rose"),
    ("rosés", "rose"),
    ("bulles", "bulle"),
    ("Crémant", "cremant"),
    ("Champagne & crémants", "champagne cremant"),
    ("Crémant et champagne", "champagne cremant"),
    ("Accords mets-vins", "accord mets"),
    ("accords mets et vins", "accord mets"),
    ("Œnotourisme", "oenotourisme"),
    ("oenotourisme", "oenotourisme"),
    ("l'Alsace", "alsace"),
    ("Vins d'Alsace", "alsace"),
    ("Vallée du Rhône", "rhone vallee"),
    ("Bordeaux", "bordeaux"),
    ("Vins de Bordeaux", "bordeaux"),
    ("grands crus", "cru grand"),
    ("Grand cru", "cru grand"),
    ("châteaux", "chateau"),
    ("Moelleux", "moelleux"),
    ("Spiritueux", "spiritueux"),
    ("Chablis", "chablis"),
    ("Vins", "vin"),
    ("les vins", "vin"),
    ("Wine", "wine"),
    ("rouge, rouge!", "rouge"),
    ("Saint-Émilion", "emilion saint"),
    ("2015", "2015"),
    ("---", ""),
    ("", ""),
])
def test_normalise_interest(text, key):
    """Case, accents, spacing, punctuation, simple plurals, filler words and word order do not count."""
    assert normalise_interest(text) == key


@pytest.mark.parametrize(("one", "other"), [
    ("rouge", "rosé"),
    ("Vin blanc", "Vin rouge"),
    ("bio", "nature"),
    ("Loire", "Alsace"),
])
def test_different_interests_keep_different_keys(one, other):
    """Normalisation never folds two different interests into one."""
    assert normalise_interest(one) != normalise_interest(other)


def test_keys_are_bounded_and_stable():
    """A key is at most 80 characters and normalising it again changes nothing."""
    long_text = "Dégustation " * 30
    assert len(normalise_interest(long_text)) <= MAX_LENGTH
    for text in ("Vins rouges", "Champagne & crémants", "Accords mets-vins", "Vallée du Rhône"):
        key = normalise_interest(text)
        assert normalise_interest(key) == key


def _starter_keys() -> dict[str, set[str]]:
    owners: dict[str, set[str]] = {}
    for entry in STARTER_VOCABULARY:
        for spelling in (entry.label, *entry.synonyms):
            owners.setdefault(normalise_interest(spelling), set()).add(entry.label)
    return owners


def test_starter_vocabulary_never_sends_one_spelling_to_two_interests():
    """Every starter spelling leads to exactly one interest, and no key is empty."""
    owners = _starter_keys()
    assert "" not in owners
    assert {key: labels for key, labels in owners.items() if len(labels) > 1} == {}
    labels = [entry.label for entry in STARTER_VOCABULARY]
    assert len(labels) == len(set(labels))
    assert all(tidy_label(label) == label for label in labels)


@pytest.mark.parametrize(("spelling", "label"), [
    ("Vins rouges", "Vin rouge"),
    ("Rouge", "Vin rouge"),
    ("blanc sec", "Vin blanc"),
    ("Rosé de Provence", "Rosé"),
    ("bulles", "Champagne & crémants"),
    ("pétillant", "Champagne & crémants"),
    ("Crémant", "Champagne & crémants"),
    ("sparkling", "Champagne & crémants"),
    ("Vins bio", "Bio & nature"),
    ("biodynamie", "Bio & nature"),
    ("vins naturels", "Bio & nature"),
    ("Sauternes", "Liquoreux & moelleux"),
    ("moelleux", "Liquoreux & moelleux"),
    ("Côtes du Rhône", "Vallée du Rhône"),
    ("grands crus", "Grands crus"),
    ("visite de cave", "Dégustations & visites"),
    ("œnotourisme", "Dégustations & visites"),
    ("accords mets-vins", "Accords mets-vins"),
    ("Cognac", "Spiritueux"),
    ("whisky", "Spiritueux"),
])
def test_starter_vocabulary_understands_common_spellings(spelling, label):
    """The usual ways French wine lovers write their tastes land on the right starter interest."""
    assert _starter_keys()[normalise_interest(spelling)] == {label}


def test_demo_interests_mostly_land_in_the_starter_vocabulary():
    """The demo file's spellings are known, except appellations, which stay interests of their own."""
    keys = _starter_keys()
    unknown = [text for text in DEMO_INTERESTS if normalise_interest(text) not in keys]
    assert unknown == ["Saint-Émilion"]


def test_tidy_label():
    """Labels get single spaces and a capital first letter, and never exceed 80 characters."""
    assert tidy_label("  saint-émilion   grand cru ") == "Saint-émilion grand cru"
    assert tidy_label("x" * 200) == "X" + "x" * 79
    assert tidy_label("") == ""


def test_interest_errors_are_translated_sentences():
    """An error says what went wrong in French by default and in English on request, never a code."""
    error = InterestError("taken", name="bulles", other="Champagne & crémants")
    assert str(error) == ("« bulles » désigne déjà le centre d'intérêt « Champagne & crémants ». "
                          "Pour les réunir, fusionnez-les.")
    assert "empty" in InterestError("empty_label").code
    assert "vide" in str(InterestError("empty_label"))
