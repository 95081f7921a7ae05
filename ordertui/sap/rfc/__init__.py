"""RfcGateway: SapGateway over any pyrfc-compatible connection (real pyrfc or the sandbox).

It calls the real function modules with their real parameter and field names (docs/sap-calls.md,
ordertui/sap/interfaces.json). The package is split by business domain; each module holds a
call's request and the parsing of its answer together:

=====================  ==========================================================================
``gateway``            ``RfcGateway``, the one class screens see; every method delegates
``transport``          calls on pooled connections, call events, ``concurrently``, ``map_rfc_error``
``messages``           RETURN messages -> ``SapMessage`` (``messages_from``, ``raise_for_errors``)
``opensql``            RFC_READ_TABLE: ``literal``, ``options_rows``, IN lists, ``read_table``
``session``            system info, user defaults, ping
``customers``          search (query kinds, phone numbers), master data, sales data, credit
``materials``          materials and pricing: search, master, price scales, plants,
                       availability, ``simulate``
``salesdoc``           the order draft as SIMULATE / CREATEFROMDAT2 input (one header builder)
``orders``             ``create_order`` (exactly once, with recovery), find, detail, status
``billing``            shipping and billing: deliveries, invoices, open items, net days
=====================  ==========================================================================

SAP formats are converted in ``ordertui.sap.convert``; search text is checked in
``ordertui.sap.query_text``; the connection is typed by ``ordertui.sap.connection.RfcConnection``.
pyrfc exceptions become typed errors by class name, so pyrfc itself is never imported here.

Nothing here keeps business data beyond the call: no cache, no file, and log records and call
events carry function names, durations and error class names only.
"""

from __future__ import annotations

from ordertui.sap.connection import RfcConnection
from ordertui.sap.query_text import MAX_QUERY, clean_query
from ordertui.sap.rfc.billing import net_days
from ordertui.sap.rfc.customer_search import local_number, normalize_phone, query_kinds
from ordertui.sap.rfc.gateway import RfcGateway
from ordertui.sap.rfc.messages import messages_from, raise_for_errors
from ordertui.sap.rfc.opensql import OPTIONS_ROW, _parse_read_table, literal, options_rows
from ordertui.sap.rfc.orders import order_status_text
from ordertui.sap.rfc.transport import Transport, map_rfc_error

__all__ = [
    "MAX_QUERY",
    "OPTIONS_ROW",
    "RfcConnection",
    "RfcGateway",
    "Transport",
    "_parse_read_table",
    "clean_query",
    "literal",
    "local_number",
    "map_rfc_error",
    "messages_from",
    "net_days",
    "normalize_phone",
    "options_rows",
    "order_status_text",
    "query_kinds",
    "raise_for_errors",
]
