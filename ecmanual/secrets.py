"""The PostgreSQL password behind one small interface over `keyring`.

A secure OS backend is used when present. Insecure backends (fail, null, plaintext files)
are never used silently: `secure_backend_available()` says so and the caller keeps the
password for the session only.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import URL

logger = logging.getLogger(__name__)

SERVICE = "ecmanual"
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
_session_only: dict[str, str] = {}


def account_key(url: URL) -> str:
    return f"{url.username or ''}@{url.host or 'localhost'}:{url.port or 5432}/{url.database or ''}"


def _backend():
    import keyring

    return keyring.get_keyring()


def secure_backend_available() -> bool:
    try:
        backend = _backend()
    except Exception:  # keyring raises many kinds when no backend can be set up
        logger.warning("no keyring backend could be loaded", exc_info=True)
        return False
    backends = getattr(backend, "backends", None) or [backend]  # ChainerBackend
    return any(not type(b).__module__.startswith(_INSECURE_MODULES) for b in backends) and \
        getattr(backend, "priority", 1) > 0


def backend_name() -> str:
    """A readable name of the keyring in use ("" when none can be loaded), for the connection form."""
    try:
        backend = _backend()
    except Exception:
        return ""
    backends = getattr(backend, "backends", None) or [backend]
    names = [str(getattr(b, "name", "") or type(b).__name__) for b in backends
             if not type(b).__module__.startswith(_INSECURE_MODULES)]
    return ", ".join(names)


def kept_for_session_only(url: URL) -> bool:
    """True when this URL's password lives in this session's memory only (no secure keyring)."""
    return account_key(url) in _session_only


def save_password(url: URL, password: str) -> bool:
    """Store in the OS keyring; without a secure one keep it for this session only. True if stored."""
    key = account_key(url)
    if secure_backend_available():
        _backend().set_password(SERVICE, key, password)
        return True
    _session_only[key] = password
    return False


def database_password(url: URL) -> str | None:
    """$ECMANUAL_DB_PASSWORD (automation), then this session's memory, then the keyring."""
    env = os.environ.get("ECMANUAL_DB_PASSWORD")
    if env:
        return env
    key = account_key(url)
    if key in _session_only:
        return _session_only[key]
    if secure_backend_available():
        return _backend().get_password(SERVICE, key)
    return None


def forget_password(url: URL) -> None:
    key = account_key(url)
    _session_only.pop(key, None)
    if secure_backend_available():
        import keyring.errors

        try:
            _backend().delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored
