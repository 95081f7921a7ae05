"""ordertui: a keyboard-first terminal order desk for SAP. Stores no business data."""

__version__ = "0.1.0"
