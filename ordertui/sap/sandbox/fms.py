"""Registry of the function modules the sandbox serves (name -> handler(conn, params))."""

from ordertui.sap.sandbox import fms_orders, fms_sales  # noqa: F401 - register their handlers
from ordertui.sap.sandbox.fms_master import HANDLERS

__all__ = ["HANDLERS"]
