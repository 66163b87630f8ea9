"""One catalog module per domain; see lib/i18n."""
