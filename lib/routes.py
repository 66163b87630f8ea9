"""HTTP routes served beside the UI (Starlette, in the same process as `streamlit run app.py`).

Routes run outside any Streamlit session and never need one: each authenticates itself.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from lib.conversions.webhooks import SHOP_WEBHOOK_ROUTES
from lib.db import DatabaseUnavailable, close_database, get_database
from lib.edge import EdgeGuard, install_header_deadline, raise_open_files_limit
from lib.i18n import t
from lib.links.invitation_log import INVITATION_ROUTE
from lib.links.join_page import JOIN_ROUTE
from lib.links.redirects import REDIRECT_ROUTE
from lib.links.telegram import TELEGRAM_ROUTE

log = logging.getLogger(__name__)


async def healthz(_request: Request) -> JSONResponse:
    """Ready when the database answers; 503 with a plain sentence otherwise."""
    try:
        database = await asyncio.to_thread(get_database)
        healthy = await asyncio.to_thread(database.healthy)
    except DatabaseUnavailable as exc:
        return JSONResponse({"status": "error", "database": "unavailable", "message": exc.message}, status_code=503)
    if not healthy:
        return JSONResponse({"status": "error", "database": "unavailable",
                             "message": t("db.unreachable", target=database.target)}, status_code=503)
    return JSONResponse({"status": "ok", "database": "ok"})


ROUTES = [Route("/healthz", healthz, methods=["GET"]), REDIRECT_ROUTE, INVITATION_ROUTE]
ROUTES.append(TELEGRAM_ROUTE)
ROUTES.extend(SHOP_WEBHOOK_ROUTES)
ROUTES.append(JOIN_ROUTE)
MIDDLEWARE = [Middleware(EdgeGuard)]
install_header_deadline()  # before the server accepts anything: a request's headers arrive in bounded time


@asynccontextmanager
async def lifespan_database():
    """Opens the database (starting the embedded server if needed) at start-up and closes it at shutdown.

    A database that cannot be opened does not stop the server: pages and /healthz then say why in French.
    The soft limit of open files is raised to the hard one first: every connection is a file.
    """
    limits = raise_open_files_limit()
    if limits and limits[0] != limits[1]:
        log.info("open files limit raised from %d to %d", *limits)
    try:
        await asyncio.to_thread(get_database)
        log.info("database ready")
    except DatabaseUnavailable as exc:
        log.error("database unavailable at start-up: %s", exc)
    try:
        yield
    finally:
        await asyncio.to_thread(close_database)
