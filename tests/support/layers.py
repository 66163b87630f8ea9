"""The test layers (one folder each) and the modules that depend on the reference day."""

LAYERS = ("unit", "db", "app", "e2e")
# Modules whose rules or figures count from the reference day (lib/clock.py): the CI runs them again with the day
# moved a year ahead and a year back (CERCLE_TODAY), which a literal date compared with the real clock would fail.
CLOCK_MODULES = {
    "unit/test_rfm.py", "unit/test_rules.py", "unit/test_builder.py", "unit/test_intake.py", "unit/test_demo_rows.py",
    "unit/test_conversion_metrics.py", "unit/test_conversion_report.py", "unit/test_orders.py",
    "db/test_rfm.py", "db/test_segments.py", "db/test_rights.py", "db/test_links.py", "db/test_invitations.py",
    "db/test_conversion_metrics.py", "db/test_orders_manual.py", "db/test_demo_and_cli.py", "db/test_team.py",
    "db/test_telegram.py", "db/test_audit.py",
    "app/test_conversions_page.py", "app/test_segments_page.py", "app/test_pages.py",
    "e2e/test_rfm.py", "e2e/test_conversions.py",
}
