"""An argument parser whose error messages never repeat what was typed.

argparse answers ``ordertui --passwd hunter2`` with ``unrecognized arguments: --passwd hunter2``:
a password typed by mistake (or pasted into the wrong place) is echoed to the terminal and to
whatever log captures stderr. ``QuietParser`` says what is wrong without the values: unknown
arguments are not listed, and anything from the command line other than ordertui's own option
names is replaced by ``…`` in every other message (invalid choice, invalid number, ambiguous
option).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

NOT_SHOWN = "…"


class QuietParser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with value-free error messages (subparsers inherit it)."""

    #: The arguments being parsed (set by ``parse``); what error messages must not repeat.
    typed: tuple[str, ...] = ()

    def parse(self, argv: Sequence[str]) -> argparse.Namespace:
        QuietParser.typed = tuple(argv)
        return self.parse_args(list(argv))

    def _option_names(self) -> set[str]:
        names: set[str] = set()
        for action in self._actions:
            names.update(action.option_strings)
            for sub in getattr(action, "choices", None) or ():
                if isinstance(sub, str):
                    names.add(sub)
        return names

    def quiet(self, message: str) -> str:
        if message.startswith("unrecognized arguments"):
            return (
                "unrecognized arguments (not shown: they may hold a password; ordertui never takes "
                f"a password on the command line). See {self.prog} --help"
            )
        known = self._option_names()
        pieces: set[str] = set()
        for token in QuietParser.typed:
            for piece in (token, *token.split("=", 1)):
                if piece and piece not in known:
                    pieces.add(piece)
        # longest first, so that a value containing another is replaced whole; only where it
        # stands alone ('ad' is hidden, the 'add' of "choose from 'add', ..." is not)
        for piece in sorted(pieces, key=len, reverse=True):
            message = re.sub(rf"(?<![\w-]){re.escape(piece)}(?![\w-])", NOT_SHOWN, message)
        return re.sub(f"(?:{re.escape(NOT_SHOWN)})+", NOT_SHOWN, message)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {self.quiet(message)}\n")
