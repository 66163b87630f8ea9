"""Helpers shared by test modules: one place, so no test module imports another."""
