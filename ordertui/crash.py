"""What a crash prints: the error's type and where it happened — no variables, no message text.

Textual's own crash handler prints a Rich traceback *with local variables*; an exception in the
logon path printed the typed password, and a crash on a customer screen would print customer
names and prices. Exception messages carry values too (``ValueError("not a number: '12,5x'")``,
SAP's message texts). When stderr is redirected to a file, all of it lands on disk.

So a crash report here is: the exception class of each error in the chain, and the frames as
``file:line in function``. No locals, no message, no source line. The app, the command line
(``sys.excepthook``) and threads (``threading.excepthook``) all print this and nothing else.
No Textual or Rich in here (the command line uses it without loading the UI).
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Iterable
from types import TracebackType

#: How many frames of one exception are printed (the innermost ones).
MAX_FRAMES = 40
#: How many exceptions of a chain (``raise ... from``, "during handling of") are printed.
MAX_CHAIN = 5

HEADER = "ordertui stopped on an unexpected error."
WITHHELD = "(Error messages and variables are not printed: they may hold a password or business data.)"


def type_name(cls: type) -> str:
    """``ValueError``, ``decimal.InvalidOperation``, ``ordertui.sap.errors.SapUnreachable``."""
    module = str(getattr(cls, "__module__", "") or "")
    name = str(getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "?"))
    return name if module in ("builtins", "__main__", "") else f"{module}.{name}"


def short_path(filename: str) -> str:
    """A frame's file without the install location: ``ordertui/desk.py``, ``textual/app.py``."""
    path = filename.replace("\\", "/")
    for marker in ("/site-packages/", "/dist-packages/"):
        if marker in path:
            return path.rsplit(marker, 1)[-1]
    if "/ordertui/" in path:
        return "ordertui/" + path.rsplit("/ordertui/", 1)[-1]
    if "/lib/python" in path:  # the standard library
        return path.rsplit("/lib/", 1)[-1]
    return path.rsplit("/", 1)[-1]


def frames(tb: TracebackType | None) -> list[tuple[str, int, str]]:
    """(file, line, function) of each frame of ``tb``, outermost first — nothing else."""
    found = []
    for frame, lineno in traceback.walk_tb(tb):
        code = frame.f_code
        found.append((short_path(code.co_filename), lineno, code.co_name))
    del frame
    return found


def _chain(error: BaseException) -> list[BaseException]:
    """``error`` and what caused it, innermost cause first (the order Python prints them)."""
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(chain) < MAX_CHAIN:
        chain.append(current)
        seen.add(id(current))
        if current.__cause__ is not None:
            current = current.__cause__
        elif current.__context__ is not None and not current.__suppress_context__:
            current = current.__context__
        else:
            current = None
    return list(reversed(chain))


def format_stack(name: str, stack: Iterable[tuple[str, int, str]]) -> list[str]:
    lines = list(stack)
    out = ["Traceback (most recent call last):"]
    if len(lines) > MAX_FRAMES:
        out.append(f"  ... {len(lines) - MAX_FRAMES} outer frames left out")
        lines = lines[-MAX_FRAMES:]
    out += [f"  {file}:{line} in {function}" for file, line, function in lines]
    out.append(name)
    return out


def report(error: BaseException) -> str:
    """The crash report of ``error``: types and frames of its chain, no values."""
    stacks = [(type_name(type(e)), frames(e.__traceback__)) for e in _chain(error)]
    text = report_stacks(stacks)
    if isinstance(error, BaseExceptionGroup):  # its members' types (their own frames are inside)
        text += "".join(f"  member: {type_name(type(m))}\n" for m in error.exceptions[:10])
    return text


def report_stacks(stacks: list[tuple[str, list[tuple[str, int, str]]]]) -> str:
    """The report for already-extracted stacks: ``[(type name, [(file, line, function)])]``."""
    out = [HEADER, WITHHELD, ""]
    for index, (name, stack) in enumerate(stacks):
        if index:
            out += ["", "which led to:", ""]
        out += format_stack(name, stack)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- process-wide hooks


def _excepthook(cls: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(cls, KeyboardInterrupt):
        sys.stderr.write("ordertui: interrupted\n")
        return
    if error.__traceback__ is None and tb is not None:
        error = error.with_traceback(tb)
    sys.stderr.write(report(error))


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or issubclass(args.exc_type, SystemExit):
        return
    name = args.thread.name if args.thread is not None else "?"
    sys.stderr.write(f"In thread {name}:\n")
    _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    """Make Python's own last-resort handlers print ``report`` instead of a full traceback."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
