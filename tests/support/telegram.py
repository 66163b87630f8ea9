"""A fake Telegram Bot API on 127.0.0.1 and its tokens, for the unit, database and page tests of Telegram."""

from __future__ import annotations

import json
import re
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKEN = "123456789:AAHfakeTOKENfakeTOKENfakeTOKEN_abcdEF"


_PATH = re.compile(r"^/bot([^/]+)/([A-Za-z]+)$")


def new_token(bot_id: int = 123456789) -> str:
    return f"{bot_id}:AA{secrets.token_urlsafe(27)}"


class FakeBotApi:
    """A Bot API on 127.0.0.1: known tokens, chats where the bot is admin, recorded calls, scripted failures."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, dict]] = []  # (token, method, payload)
        self.tokens: set[str] = {TOKEN}
        self.admin_chats: set[int] = {-1001234567890}
        self.fail_next: dict | None = None  # an error answer for the next call
        self.raw_next: bytes | None = None  # a raw (broken) body for the next call
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    payload = json.loads(raw) if raw else {}
                except ValueError:
                    payload = None
                status, body = fake.answer(self.path, payload)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeBotApi:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def methods(self) -> list[str]:
        return [method for _, method, _ in self.calls]

    def last(self, method: str) -> dict:
        return [payload for _, name, payload in self.calls if name == method][-1]

    @staticmethod
    def _error(status: int, description: str) -> tuple[int, bytes]:
        return status, json.dumps({"ok": False, "error_code": status, "description": description}).encode()

    def answer(self, path: str, payload: dict | None) -> tuple[int, bytes]:
        match = _PATH.match(path)
        if not match:
            return self._error(404, "Not Found")
        token, method = match.groups()
        with self._lock:
            self.calls.append((token, method, payload))
            scripted, self.fail_next = self.fail_next, None
            raw, self.raw_next = self.raw_next, None
        if raw is not None:
            return 502, raw
        if scripted is not None:
            return scripted["error_code"], json.dumps({"ok": False, **scripted}).encode()
        if token not in self.tokens:
            return self._error(401, "Unauthorized")
        if payload is None:
            return self._error(400, "Bad Request: can't parse JSON object")
        if method == "setWebhook":
            secret = payload.get("secret_token", "")
            if not payload.get("url", "").startswith("https://") or not re.fullmatch(r"[A-Za-z0-9_-]{1,256}",
                                                                                       secret):
                return self._error(400, "Bad Request: bad webhook")
            return 200, json.dumps({"ok": True, "result": True, "description": "Webhook was set"}).encode()
        if method == "createChatInviteLink":
            if payload.get("chat_id") not in self.admin_chats:
                return self._error(400, "Bad Request: chat not found")
            if len(payload.get("name", "")) > 32:
                return self._error(400, "Bad Request: invite link name is too long")
            if payload.get("creates_join_request") and payload.get("member_limit"):
                return self._error(400, "Bad Request: member limit can't be specified for links requiring approval")
            result = {"invite_link": f"https://t.me/+{secrets.token_urlsafe(12)}", "name": payload.get("name"),
                      "creator": {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "Cercle"},
                      "creates_join_request": bool(payload.get("creates_join_request")), "is_primary": False,
                      "is_revoked": False}
            for key in ("expire_date", "member_limit"):
                if key in payload:
                    result[key] = payload[key]
            return 200, json.dumps({"ok": True, "result": result}).encode()
        if method == "revokeChatInviteLink":
            return 200, json.dumps({"ok": True, "result": {"invite_link": payload.get("invite_link"),
                                                           "is_revoked": True}}).encode()
        if method == "approveChatJoinRequest":
            return 200, json.dumps({"ok": True, "result": True}).encode()
        return self._error(404, "Not Found: method not found")
