"""What ordertui needs of an RFC connection: the part of ``pyrfc.Connection`` it uses.

A real ``pyrfc.Connection`` (pyrfcx or erpl-pyrfc) and the sandbox's ``SandboxConnection`` both
fit, structurally; neither is imported here. The pool (``ordertui.sap.pool``) opens, hands out and
closes them; the RFC adapter (``ordertui.sap.rfc``) calls function modules on them.

Only ``call`` and ``close`` are required. pyrfc also offers ``ping``, ``alive``,
``reset_server_context``, ``cancel`` and ``get_connection_attributes``; of these the adapter uses
only ``get_connection_attributes``, and only when present (``HasConnectionAttributes``), to learn
the logged-on user and client. Pings go through ``call("RFC_PING")`` like every other call, so
they are timed, logged and mapped the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, runtime_checkable

#: What a function module answers: its export, changing and table parameters by name
#: (structures as dicts, tables as lists of dicts, scalars as str/int/Decimal/date).
RfcResult = dict[str, Any]


class RfcConnection(Protocol):
    """One stateful ABAP session; not thread-safe (the pool gives it to one thread at a time)."""

    def call(self, func_name: str, *, options: dict[str, Any] | None = None, **params: Any) -> RfcResult:
        """Call function module ``func_name`` with its import/changing/table parameters.

        The first parameter is named ``func_name`` as in pyrfc, and not positional-only: no
        function module parameter may be called ``func_name`` (none is; SAP's are upper case).

        ``options`` are pyrfc's call options; the adapter passes ``{"timeout": seconds}``
        only for real systems (see ``RfcGateway``). Raises pyrfc's exception classes (or the
        sandbox's look-alikes), which ``ordertui.sap.rfc.map_rfc_error`` maps by class name.
        """
        ...

    def close(self) -> None:
        """End the session; an uncommitted LUW is discarded."""
        ...


@runtime_checkable
class HasConnectionAttributes(Protocol):
    """A connection that can say whom it is logged on as (pyrfc and the sandbox can)."""

    def get_connection_attributes(self) -> dict[str, Any]:
        """pyrfc's attribute dict; the adapter reads ``user`` and ``client``."""
        ...


#: Opens one logged-on connection; raises (pyrfc's) errors when it cannot.
ConnectionFactory = Callable[[], RfcConnection]
