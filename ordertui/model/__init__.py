"""Plain, immutable data the UI renders. No I/O, no SAP formats.

Every value here is already in *display* form: numbers without ALPHA zero padding, partner
functions and order types in their external (English) codes, dates as ``datetime.date``,
money and quantities as ``Decimal``. The RFC adapter (``ordertui.sap.rfc``) converts SAP's
internal formats into these, once, at the edge.

The model is split by domain (common, customers, materials, quotes, documents); import every
name from ``ordertui.model``.

These objects live in memory only. Nothing in ordertui writes them anywhere.
"""

from __future__ import annotations

# The annotations of the classes below name these; typing.get_type_hints(cls, vars(model)) needs them.
import datetime as dt  # noqa: F401
from decimal import Decimal  # noqa: F401

from ordertui.model.common import ZERO, SapMessage, SalesArea, SystemInfo, UserDefaults, CallEvent
from ordertui.model.customers import CustomerHit, SearchResult, Address, Contact, Plant, Partner, Customer, CustomerSalesData, CreditStatus
from ordertui.model.materials import SalesStatus, MaterialHit, PriceScale, UnitOfMeasure, Material, AvailabilityLine, Availability
from ordertui.model.quotes import DraftLine, OrderDraft, Condition, ScheduleLine, QuoteLine, CreditCheck, Quote, CreatedOrder
from ordertui.model.documents import Status, OrderSummary, OrderItem, DocumentFlow, Order, DeliveryItem, Delivery, InvoiceItem, Invoice, OpenItem, AGING_BUCKETS, AgingBucket, aging, CustomerOpenItems, DocumentRef

__all__ = [
    "ZERO",
    "SapMessage",
    "SalesArea",
    "SystemInfo",
    "UserDefaults",
    "CallEvent",
    "CustomerHit",
    "SearchResult",
    "Address",
    "Contact",
    "Plant",
    "Partner",
    "Customer",
    "CustomerSalesData",
    "CreditStatus",
    "SalesStatus",
    "MaterialHit",
    "PriceScale",
    "UnitOfMeasure",
    "Material",
    "AvailabilityLine",
    "Availability",
    "DraftLine",
    "OrderDraft",
    "Condition",
    "ScheduleLine",
    "QuoteLine",
    "CreditCheck",
    "Quote",
    "CreatedOrder",
    "Status",
    "OrderSummary",
    "OrderItem",
    "DocumentFlow",
    "Order",
    "DeliveryItem",
    "Delivery",
    "InvoiceItem",
    "Invoice",
    "OpenItem",
    "AGING_BUCKETS",
    "AgingBucket",
    "aging",
    "CustomerOpenItems",
    "DocumentRef",
]
