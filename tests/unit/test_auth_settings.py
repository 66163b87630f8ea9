"""Operator settings: every setting read is documented, secrets stay out of git and out of the browser."""

from __future__ import annotations

import re
import tomllib

import pytest

from lib.auth import AuthConfig
from lib.settings import load_settings
from tests.support.db import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / ".streamlit" / "secrets.toml.example"


def _settings_read_by_the_code() -> set[str]:
    names = set()
    sources = [PROJECT_ROOT / "app.py", *(PROJECT_ROOT / "lib").rglob("*.py"), *(PROJECT_ROOT / "pages").glob("*.py")]
    for path in sources:
        names |= set(re.findall(r"\bsetting\(\s*\"([A-Z][A-Z0-9_]+)\"", path.read_text(encoding="utf-8")))
    return names


def test_every_setting_read_is_documented_in_the_example():
    documented = _uncommented_example()
    read = _settings_read_by_the_code()
    assert {"DATABASE_URL", "SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_JWT_SECRET"} <= read
    assert read - {"SUPABASE_PUBLISHABLE_KEY", "SUPABASE_KEY"} <= set(documented), \
        f"settings missing from {EXAMPLE.name}: {sorted(read - set(documented))}"


def _uncommented_example() -> dict:
    """The example with its ``# NAME = value`` lines uncommented: valid TOML, one key per setting."""
    lines = [line[2:] if re.match(r"^# [A-Z][A-Z0-9_]+ = ", line) else line
             for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    return tomllib.loads("\n".join(lines))


def test_example_holds_no_real_secret():
    values = _uncommented_example()
    assert "YOUR-DB-PASSWORD" in values["DATABASE_URL"]
    assert values["SUPABASE_ANON_KEY"].startswith("your-")
    assert values["SUPABASE_JWT_SECRET"].startswith("your-")


def test_secrets_file_is_ignored_by_git():
    ignored = (PROJECT_ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".streamlit/secrets.toml" in ignored


def test_streamlit_config_hides_errors_and_keeps_xsrf():
    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableXsrfProtection"] is True


@pytest.mark.parametrize(("env", "required"), [
    ({}, False),
    ({"SUPABASE_URL": "https://abc.supabase.co"}, False),
    ({"SUPABASE_URL": "https://abc.supabase.co/", "SUPABASE_ANON_KEY": "k"}, True),
    ({"SUPABASE_URL": "https://abc.supabase.co", "SUPABASE_PUBLISHABLE_KEY": "sb_publishable_x"}, True),
])
def test_sign_in_is_required_only_with_url_and_public_key(monkeypatch, env, required):
    for name in ("SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_PUBLISHABLE_KEY", "SUPABASE_KEY",
                 "SUPABASE_JWT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("lib.settings.SECRETS_FILE", PROJECT_ROOT / "no-such-secrets.toml")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = load_settings()
    assert settings.sign_in_required is required
    config = AuthConfig.from_settings(settings)
    assert (config is not None) is required
    if config:
        assert config.supabase_url == "https://abc.supabase.co"
        assert config.verifier().issuer == "https://abc.supabase.co/auth/v1"


@pytest.mark.parametrize(("key", "secret"), [
    ("sb_publishable_AbC123", False), ("sb_secret_AbC123", True), ("", False), ("not.a.jwt", False),
    ("eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.x", False),  # {"role": "anon"}
    ("eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.x", True),  # {"role": "service_role"}
])
def test_a_secret_key_given_as_the_public_one_is_refused(key, secret):
    """The new sb_publishable_ keys work like the legacy anon key; a secret key (sb_secret_ or service_role) is
    never used: the sign-in page says what to set instead."""
    from lib.auth.client import AuthConfig, AuthFailure, is_secret_key

    assert is_secret_key(key) is secret
    config = AuthConfig("https://abc.supabase.co", key, None, "https://cercle.example/")
    if secret:
        with pytest.raises(AuthFailure) as refused:
            config.refuse_secret_key()
        assert "clé secrète" in refused.value.message
    else:
        config.refuse_secret_key()


def test_links_made_locally_carry_the_port_the_app_is_served_on(monkeypatch):
    """Started with --port 8650, links and posters said localhost:8501 (the default port, not this app's)."""
    import streamlit.config

    monkeypatch.delenv("PUBLIC_BASE_URL", raising=False)
    monkeypatch.setattr("lib.settings.SECRETS_FILE", PROJECT_ROOT / "no-such-secrets.toml")
    before = streamlit.config.get_option("server.port")
    streamlit.config.set_option("server.port", 8650)
    try:
        assert load_settings().public_base_url == "http://localhost:8650"
    finally:
        streamlit.config.set_option("server.port", before)
