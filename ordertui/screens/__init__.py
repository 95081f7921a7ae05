"""The screens of ordertui, one module each, on the typed base in ``ordertui.screens.base``.

The area registry lives in ``ordertui.areas``; messages in ``ordertui.messages``.
"""
