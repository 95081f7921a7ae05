"""Registry of the function modules the sandbox serves (name -> handler(conn, params))."""

from ordertui.sap.sandbox import fms_orders  # noqa: F401 - registers its handlers
from ordertui.sap.sandbox.fms_master import HANDLERS

__all__ = ["HANDLERS"]
