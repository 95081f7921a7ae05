"""ordertui.secrets over in-memory keyring backends (no Secret Service needed; tests/keyring has the
real one): how a password is keyed, what each kind of unusable keyring is reported as, and that a
refusal never carries the password or the backend's own message (issue 14, mutation testing).

The in-memory backends are plain classes, not KeyringBackend subclasses: every subclass registers
itself with keyring for good, and keyring's backend detection in any later test would then pick
(or trip over) it.
"""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import chainer, fail
from keyring.errors import KeyringError, PasswordDeleteError

from ordertui import secrets


class MemoryKeyring:
    """A keyring that keeps passwords in a dict and can be told to fail (duck-typed backend)."""

    name = "memory keyring"

    def __init__(self, fail_with: Exception | None = None):
        self.store: dict[tuple[str, str], str] = {}
        self.fail_with = fail_with
        self.calls: list[tuple[str, str, str]] = []

    def _maybe_fail(self):
        if self.fail_with is not None:
            raise self.fail_with

    def get_password(self, service, username):
        self.calls.append(("get", service, username))
        self._maybe_fail()
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.calls.append(("set", service, username))
        self._maybe_fail()
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.calls.append(("delete", service, username))
        self._maybe_fail()
        if (service, username) not in self.store:
            raise PasswordDeleteError("not found")
        del self.store[(service, username)]


def use(monkeypatch, backend):
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    return backend


def test_account_is_profile_client_and_upper_case_user():
    assert secrets.SERVICE == "ordertui"
    assert secrets.account("QAS", "100", "jdoe") == "QAS/100/JDOE"
    # the profile name and client are kept as given
    assert secrets.account("qas", "001", "JDoe") == "qas/001/JDOE"


def test_store_load_forget_in_a_memory_keyring(monkeypatch):
    kr = use(monkeypatch, MemoryKeyring())
    assert secrets.load("QAS", "100", "jdoe") is None
    secrets.store("QAS", "100", "jdoe", "s3cret")
    assert kr.store == {("ordertui", "QAS/100/JDOE"): "s3cret"}
    assert secrets.load("QAS", "100", "JDOE") == "s3cret"
    assert secrets.load("QAS", "200", "JDOE") is None
    assert secrets.forget("QAS", "100", "Jdoe") is True
    assert kr.store == {}
    assert secrets.forget("QAS", "100", "JDOE") is False
    assert secrets.load("QAS", "100", "JDOE") is None


def test_an_empty_password_is_never_stored(monkeypatch):
    kr = use(monkeypatch, MemoryKeyring())
    with pytest.raises(ValueError, match=r"^refusing to store an empty password$"):
        secrets.store("QAS", "100", "JDOE", "")
    assert kr.calls == [] and kr.store == {}


def test_check_probes_the_keyring_and_names_it(monkeypatch):
    kr = use(monkeypatch, MemoryKeyring())
    assert secrets.check() == "memory keyring"
    assert kr.calls == [("get", "ordertui", "__probe__")]


def test_check_falls_back_to_the_class_name_without_a_name(monkeypatch):
    class Nameless:
        def get_password(self, service, username):
            return None

    use(monkeypatch, Nameless())
    assert secrets.check() == "Nameless"


def _reason(excinfo) -> str:
    assert excinfo.value.reason == str(excinfo.value)
    return excinfo.value.reason


def test_a_missing_keyring_library_is_reported_by_name(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "keyring", None)  # import keyring raises ImportError
    with pytest.raises(secrets.KeyringUnavailable) as e:
        secrets.check()
    assert _reason(e) == "the keyring library is missing (keyring)"


def test_no_backend_is_reported_as_none_found(monkeypatch):
    use(monkeypatch, fail.Keyring())
    for call in (secrets.check, lambda: secrets.load("Q", "1", "U")):
        with pytest.raises(secrets.KeyringUnavailable) as e:
            call()
        assert _reason(e) == "none found (no Secret Service on this session's D-Bus, usual over SSH)"


def test_an_empty_chain_is_reported(monkeypatch):
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    use(monkeypatch, chainer.ChainerBackend())
    with pytest.raises(secrets.KeyringUnavailable) as e:
        secrets.check()
    assert _reason(e) == "no OS keyring backend is usable in this session"


def test_a_chain_with_a_backend_is_used(monkeypatch):
    inner = MemoryKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [inner])
    use(monkeypatch, chainer.ChainerBackend())
    secrets.store("QAS", "100", "JDOE", "pw")
    assert inner.store == {("ordertui", "QAS/100/JDOE"): "pw"}


def test_a_null_backend_is_reported_as_disabled(monkeypatch):
    from keyring.backends import null

    use(monkeypatch, null.Keyring())
    with pytest.raises(secrets.KeyringUnavailable) as e:
        secrets.load("QAS", "100", "JDOE")
    assert _reason(e) == "the keyring is disabled (null backend configured)"


def test_a_backend_module_merely_containing_other_words_is_used(monkeypatch):
    # only "null" in the backend's module marks it disabled
    kr = use(monkeypatch, MemoryKeyring())
    assert "null" not in type(kr).__module__
    assert secrets.load("QAS", "100", "JDOE") is None


@pytest.mark.parametrize("op", ["check", "load", "store", "forget"])
def test_a_keyring_error_is_a_refusal_without_its_message(monkeypatch, op):
    class Locked(KeyringError):
        pass

    use(monkeypatch, MemoryKeyring(fail_with=Locked("collection locked; password hunter2")))
    with pytest.raises(secrets.KeyringUnavailable) as e:
        _do(op)
    assert _reason(e) == "the OS keyring refused: Locked"
    assert e.value.__suppress_context__ and e.value.__cause__ is None


@pytest.mark.parametrize("op", ["check", "load", "store", "forget"])
def test_another_failure_is_an_unreachable_keyring_without_its_message(monkeypatch, op):
    class DBusException(Exception):
        pass

    use(monkeypatch, MemoryKeyring(fail_with=DBusException("org.freedesktop.DBus.Error hunter2")))
    with pytest.raises(secrets.KeyringUnavailable) as e:
        _do(op)
    assert _reason(e) == "the OS keyring is not reachable: DBusException"
    assert "hunter2" not in repr(e.value)
    assert e.value.__suppress_context__ and e.value.__cause__ is None


def _do(op):
    if op == "check":
        return secrets.check()
    if op == "load":
        return secrets.load("QAS", "100", "JDOE")
    if op == "store":
        return secrets.store("QAS", "100", "JDOE", "hunter2")
    return secrets.forget("QAS", "100", "JDOE")


def test_no_test_module_registers_a_keyring_backend():
    """Every KeyringBackend subclass registers itself with keyring when its module is imported, and
    pytest imports every test module before the first test runs: a test-defined subclass with a
    priority then sits in keyring's backend detection for the whole run, and the real-keyring tests
    get a ChainerBackend instead of the Secret Service (CI failed on exactly that). Test doubles are
    plain duck-typed classes, like MemoryKeyring above."""
    from keyring.backend import KeyringBackend

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    foreign = sorted(
        f"{c.__module__}.{c.__qualname__}" for c in subclasses(KeyringBackend)
        if not c.__module__.startswith(("keyring.", "keyrings."))
    )
    assert foreign == [], f"KeyringBackend subclasses defined outside keyring: {foreign}"
