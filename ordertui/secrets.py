"""SAP passwords in the OS keyring, keyed by profile, client and user — and nowhere else.

Remembering is opt-in (``store``); ``forget`` removes it. When no usable keyring exists
(headless Linux over SSH: no Secret Service on the session bus), ``KeyringUnavailable`` says
why, and the caller asks for the password every session and keeps it in memory only.

``keyring`` is imported lazily: it scans entry points and, on Linux, talks D-Bus.
"""

from __future__ import annotations

SERVICE = "ordertui"


class KeyringUnavailable(Exception):
    """No usable OS keyring; ``reason`` is a sentence for the user."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def account(profile: str, client: str, user: str) -> str:
    """The keyring user name of one SAP logon: profile, client and user (upper case, as SAP)."""
    return f"{profile}/{client}/{user.upper()}"


def _backend():
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as error:  # pragma: no cover - keyring is a dependency
        raise KeyringUnavailable(f"the keyring library is missing ({error.name})") from None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailable(
            "none found (no Secret Service on this session's D-Bus, usual over SSH)"
        )
    try:
        from keyring.backends import chainer

        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            raise KeyringUnavailable("no OS keyring backend is usable in this session")
    except ImportError:  # pragma: no cover
        pass
    name = type(backend).__module__
    if "null" in name:
        raise KeyringUnavailable("the keyring is disabled (null backend configured)")
    return backend


def _call(operation, *args):
    from keyring.errors import KeyringError

    backend = _backend()
    try:
        return operation(backend, *args)
    except KeyringError as error:
        raise KeyringUnavailable(f"the OS keyring refused: {type(error).__name__}") from None
    except Exception as error:  # D-Bus / secretstorage failures surface as their own types
        raise KeyringUnavailable(f"the OS keyring is not reachable: {type(error).__name__}") from None


def check() -> str:
    """Raise ``KeyringUnavailable`` unless a keyring can be used; return its name."""
    backend = _backend()
    # A Secret Service backend can be "available" but have no unlocked collection: probe it.
    _call(lambda b: b.get_password(SERVICE, "__probe__"))
    return getattr(backend, "name", type(backend).__name__)


def load(profile: str, client: str, user: str) -> str | None:
    return _call(lambda b: b.get_password(SERVICE, account(profile, client, user)))


def store(profile: str, client: str, user: str, password: str) -> None:
    if not password:
        raise ValueError("refusing to store an empty password")
    _call(lambda b: b.set_password(SERVICE, account(profile, client, user), password))


def forget(profile: str, client: str, user: str) -> bool:
    """Remove a remembered password; False when none was stored."""
    from keyring.errors import PasswordDeleteError

    def delete(backend):
        try:
            backend.delete_password(SERVICE, account(profile, client, user))
        except PasswordDeleteError:
            return False
        return True

    return _call(delete)
