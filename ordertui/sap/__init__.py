"""The SAP layer: one gateway interface, typed errors, and the implementations beneath it.

Importing this package must stay cheap and must not import textual, rich or ordertui.screens.
"""
