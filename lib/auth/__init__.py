"""Sign-in on a shared instance: Supabase Auth exchanges (client.py) and local token verification (tokens.py)."""

from lib.auth.client import AuthConfig, AuthFailure, AuthSession, signup_allowed
from lib.auth.tokens import TokenError, TokenVerifier, VerifiedUser

__all__ = ["AuthConfig", "AuthFailure", "AuthSession", "TokenError", "TokenVerifier", "VerifiedUser",
           "signup_allowed"]
