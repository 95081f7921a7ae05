"""The sandbox SAP system: an in-process, pyrfc-compatible simulation of an SAP ERP system.

    from ordertui.sap.sandbox import connect, configure
    conn = connect(user="ORDERDESK", passwd="x", seed=1)   # like pyrfc.Connection(...)
    conn.call("BAPI_CUSTOMER_GETDETAIL2", CUSTOMERNO="0000010023")

Importing this package is cheap: the catalogue, the company data and pyrfc's exception classes
are all loaded on first use. See README.md in this folder for the company and its well-known
records.
"""

from ordertui.sap.sandbox.connection import (
    FAULTS,
    SandboxConnection,
    configure,
    connect,
    defaults,
    reset_systems,
    system,
)

__all__ = ["FAULTS", "SandboxConnection", "configure", "connect", "defaults", "reset_systems",
           "system"]
