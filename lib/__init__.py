"""Cercle's behaviour: everything the pages and the CLI call lives here."""
