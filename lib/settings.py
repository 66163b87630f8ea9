"""Where Cercle's settings come from: the environment first, then `.streamlit/secrets.toml`.

The app and the CLI read settings the same way, so `python -m lib.cli ...` talks to the same database as
the running app. Nothing here imports streamlit.
"""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


def _secrets() -> dict:
    try:
        with SECRETS_FILE.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError):
        # A broken secrets file must not take the app down with a traceback; the settings page says so.
        return {}


def setting(name: str, default: str | None = None) -> str | None:
    """One setting: the environment variable ``name`` wins, then the same key in secrets.toml."""
    value = os.environ.get(name)
    if value:
        return value
    value = _secrets().get(name)
    if value not in (None, ""):
        return str(value)
    return default


@dataclass(frozen=True)
class Settings:
    database_url: str | None
    data_dir: Path
    public_base_url: str
    supabase_url: str | None
    supabase_key: str | None
    supabase_jwt_secret: str | None = None

    @property
    def embedded(self) -> bool:
        return not self.database_url

    @property
    def sign_in_required(self) -> bool:
        """A shared instance: Supabase Auth is configured, so every browser session signs in first."""
        return bool(self.supabase_url and self.supabase_key)


def load_settings() -> Settings:
    data_dir = Path(setting("CERCLE_DATA_DIR", str(PROJECT_ROOT / ".cercle")))
    if not data_dir.is_absolute():
        data_dir = PROJECT_ROOT / data_dir
    return Settings(
        database_url=setting("DATABASE_URL"),
        data_dir=data_dir,
        public_base_url=(setting("PUBLIC_BASE_URL") or local_url()).rstrip("/"),
        supabase_url=(setting("SUPABASE_URL") or "").rstrip("/") or None,
        supabase_key=setting("SUPABASE_ANON_KEY") or setting("SUPABASE_PUBLISHABLE_KEY") or setting("SUPABASE_KEY"),
        supabase_jwt_secret=setting("SUPABASE_JWT_SECRET"),
    )


def local_url() -> str:
    """``http://localhost:<port>`` on the port this app is served on (``streamlit run --server.port``, which
    ``python3 cercle.py --port`` passes), 8501 outside the app (the CLI). Streamlit's config is read only when the
    app already loaded it: this module never imports streamlit."""
    port = 8501
    config = sys.modules.get("streamlit.config")
    if config is not None:
        try:
            port = int(config.get_option("server.port"))
        except (TypeError, ValueError, RuntimeError):
            port = 8501
    return f"http://localhost:{port}"


def base_url_or_default(base_url: str | None = None) -> str:
    """``base_url`` without its trailing slash, or the instance's PUBLIC_BASE_URL when none is given (links, QR
    codes and webhook addresses start with it; lib/workspaces.public_base_url picks a workspace's own)."""
    return base_url.rstrip("/") if base_url is not None else load_settings().public_base_url
