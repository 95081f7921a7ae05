"""pyrfc-shaped exceptions for the sandbox.

The sandbox raises pyrfc's own classes when a ``pyrfc`` package is importable (erpl-pyrfc or
pyrfcx), so ``except pyrfc.CommunicationError`` in the adapter catches sandbox errors too.
Without pyrfc it raises look-alike classes defined here: same names, same attributes
(``message, code, key, msg_class, msg_type, msg_number, msg_v1..msg_v4``) and the same MRO, so
an adapter that classifies errors by class name and ``code``/``key`` behaves identically.

pyrfc is resolved on first use (not at import) to keep ``import ordertui.sap.sandbox`` cheap.
"""

from __future__ import annotations


class RFCError(Exception):
    """Look-alike of ``pyrfc.RFCError``."""


class RFCLibError(RFCError):
    """Look-alike of ``pyrfc.RFCLibError`` (same constructor as erpl-pyrfc / SAP PyRFC)."""

    def __init__(self, message=None, code=None, key=None, msg_class=None, msg_type=None,
                 msg_number=None, msg_v1=None, msg_v2=None, msg_v3=None, msg_v4=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.key = key
        self.msg_class = msg_class
        self.msg_type = msg_type
        self.msg_number = msg_number
        self.msg_v1 = msg_v1
        self.msg_v2 = msg_v2
        self.msg_v3 = msg_v3
        self.msg_v4 = msg_v4


class ABAPApplicationError(RFCLibError):
    pass


class ABAPRuntimeError(RFCLibError):
    pass


class LogonError(RFCLibError):
    def __init__(self, message=None, code=2, key="RFC_LOGON_FAILURE", **kwargs):
        super().__init__(message, code=code, key=key, **kwargs)


class CommunicationError(RFCLibError):
    pass


class ExternalRuntimeError(RFCLibError):
    pass


class ExternalApplicationError(RFCLibError):
    pass


class ExternalAuthorizationError(RFCLibError):
    pass


_NAMES = (
    "RFCError", "RFCLibError", "ABAPApplicationError", "ABAPRuntimeError", "LogonError",
    "CommunicationError", "ExternalRuntimeError", "ExternalApplicationError",
    "ExternalAuthorizationError",
)
_classes: dict[str, type] | None = None


def error_classes() -> dict[str, type]:
    """The exception classes the sandbox raises: pyrfc's if importable, else the look-alikes."""
    global _classes
    if _classes is None:
        try:
            import pyrfc  # noqa: PLC0415 - deliberately lazy

            found = {name: getattr(pyrfc, name) for name in _NAMES}
        except Exception:  # ImportError, or a broken/colliding pyrfc install
            found = {name: globals()[name] for name in _NAMES}
        _classes = found
    return _classes


def rfc_error(message: str) -> Exception:
    return error_classes()["RFCError"](message)


def lib_error(cls_name: str, message: str, code: int, key: str, msg_class: str = "",
              msg_type: str = "", msg_number: str = "", v1: str = "", v2: str = "", v3: str = "",
              v4: str = "") -> Exception:
    cls = error_classes()[cls_name]
    return cls(message, code=code, key=key, msg_class=msg_class, msg_type=msg_type,
               msg_number=msg_number, msg_v1=v1, msg_v2=v2, msg_v3=v3, msg_v4=v4)


def abap_exception(key: str, msg_class: str = "", msg_number: str = "", v1: str = "",
                   message: str = "") -> Exception:
    """A classic exception raised by the function module (``RAISING key``)."""
    if not message:
        message = (f"ID:{msg_class} Type:E Number:{msg_number} {v1}".rstrip()
                   if msg_class else key)
    return lib_error("ABAPApplicationError", message, 5, key, msg_class,
                     "E" if msg_class else "", msg_number, v1)


def invalid_parameter(name: str) -> Exception:
    return lib_error("ExternalRuntimeError", f"field '{name}' not found", 20,
                     "RFC_INVALID_PARAMETER")


def communication_error(message: str) -> Exception:
    return lib_error("CommunicationError", message, 1, "RFC_COMMUNICATION_FAILURE")


def logon_error(message: str) -> Exception:
    return lib_error("LogonError", message, 2, "RFC_LOGON_FAILURE")


def runtime_error(dump: str, message: str) -> Exception:
    return lib_error("ABAPRuntimeError", message, 3, dump)
