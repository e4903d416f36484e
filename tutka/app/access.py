"""Sign-in glue: who is using this session (from `st.user` and the access file), the sign-in gate, the sidebar block,
and `require_write()` — the server-side check every writing function calls right before it writes.

Without an `[auth]` section in `.streamlit/secrets.toml` the app is a local single-user app: everything is allowed,
but only when the server listens on the loopback interface (127.0.0.1); on any other address it refuses to serve.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import streamlit as st

from tutka import audit, auth, queries
from tutka.app.common import connection, write_lock
from tutka.auth import AccessConfig, AccessConfigError, AccessDenied, User
from tutka.i18n import t

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def auth_configured() -> bool:
    """True when `.streamlit/secrets.toml` (or the secrets of an AppTest) has an [auth] section."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def bound_locally() -> bool:
    address = str(st.get_option("server.address") or "").strip().strip("[]")
    return address in LOOPBACK or address.startswith("127.")


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> AccessConfig:
    return auth.load_access(path)


def access_config() -> AccessConfig:
    """The access file, re-read when it changes (admins edit it without restarting the app)."""
    path = auth.default_path()
    mtime = path.stat().st_mtime if path.exists() else 0.0
    return _load(str(path), mtime)


def current_user() -> User:
    if not auth_configured():
        return auth.LOCAL_USER
    claims = st.user.to_dict()
    return auth.resolve(access_config(), claims)


def user_label(user: User) -> str:
    """The name written to the import log and the audit log."""
    if user.mode == "local":
        return os.environ.get("USER", "") or "local"
    return user.id or "anonymous"


def gate() -> User:
    """Run first in dashboard.py: refuse a non-local server without sign-in, and show the sign-in page to visitors
    who may not read. Returns the session's user."""
    if not auth_configured():
        if not bound_locally():
            st.error(t("auth.refuse_public", address=st.get_option("server.address") or "0.0.0.0"))
            st.stop()
        return auth.LOCAL_USER
    try:
        user = current_user()
    except AccessConfigError as exc:
        st.error(str(exc))
        st.stop()
    if not auth.can(user, "view"):
        _sign_in_page(user)
        st.stop()
    return user


def _sign_in_page(user: User) -> None:
    st.title("Hyvinvointitutka")
    if user.signed_in:
        st.warning(t("auth.no_access", user=user.id), icon=":material/block:")
        st.button(t("auth.sign_out"), on_click=st.logout, key="auth_sign_out", icon=":material/logout:")
    else:
        st.info(t("auth.sign_in_needed"), icon=":material/lock:")
        st.button(t("auth.sign_in"), on_click=st.login, type="primary", key="auth_sign_in", icon=":material/login:")


def sidebar_block(user: User) -> None:
    """Who am I and what may I do; sign-in / sign-out buttons. Call inside `with st.sidebar:`."""
    if user.mode == "local":
        st.caption(t("auth.local_mode"))
        return
    if user.signed_in:
        role = t(f"auth.role_{user.role}") if user.role else t("auth.role_none")
        st.caption(t("auth.signed_in_as", user=user.name or user.id, role=role))
        st.button(t("auth.sign_out"), on_click=st.logout, key="auth_sign_out_sb", icon=":material/logout:")
    else:
        st.caption(t("auth.anonymous"))
        st.button(t("auth.sign_in"), on_click=st.login, key="auth_sign_in_sb", icon=":material/login:")


def require_write(action: str, regions: Iterable[str], target: object = None) -> User:
    """The server-side check in every writing function: the current user must be allowed the action on every region.
    A refusal is written to the audit log and raised as AccessDenied (a PermissionError with a Finnish message)."""
    user = current_user()
    codes = [str(r) for r in regions]
    try:
        auth.require_all(user, action, codes)
    except AccessDenied as exc:
        record(user, action, codes, target, allowed=False, detail=str(exc))
        raise
    return user


def record(
    user: User, action: str, regions: Iterable[str], target: object = None, allowed: bool = True, detail=None
) -> None:
    """Append to the audit log (under the write lock: DuckDB takes one writer at a time per connection here)."""
    with write_lock():
        audit.record(connection(), user_label(user), action, regions, target, allowed, detail)


def can(action: str, region_code: str | None = None) -> bool:
    """For showing or hiding controls only; the writing function checks again with require_write()."""
    return auth.can(current_user(), action, region_code)


def access_path() -> Path:
    return auth.default_path()


def audit_rows(limit: int = 5000):
    """The audit trail (not cached: the log changes without a data-version bump)."""
    return queries.run(connection(), "audit_list", limit=limit)


def can_all(action: str, region_codes: Iterable[str]) -> bool:
    user = current_user()
    return all(auth.can(user, action, str(c)) for c in region_codes)
