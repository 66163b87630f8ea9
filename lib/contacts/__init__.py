"""Contacts: reading files, cleaning phone numbers and emails, storing and querying people."""
