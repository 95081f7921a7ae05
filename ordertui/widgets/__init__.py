"""Reusable widgets of the ordertui shell (status bar, dialogs)."""
