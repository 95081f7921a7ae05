"""Zero business data at rest: a scripted sandbox session leaves no file with what it showed."""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.conftest import settle


async def test_scripted_session_leaves_no_business_data_on_disk(app_factory, tmp_path, monkeypatch):
    cwd, tmp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    before = {p for p in tmp_path.rglob("*")}

    seen: set[str] = set()
    app = app_factory()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"Dayton")
        await pilot.pause(0.6)  # the search is debounced
        await settle(pilot)
        table = app.screen.query_one("#customer-results", DataTable)
        assert table.row_count > 0, "the search found customers"
        for index in range(table.row_count):
            number, _block, name, city, postal, _country, phone = (str(c) for c in table.get_row_at(index))
            seen.update({number.strip(), name.strip(), phone.strip()})
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.current_customer is not None
        seen.update({app.current_customer.number, app.current_customer.name})
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f12")
        await settle(pilot)
        await pilot.press("escape", "f10")
        await settle(pilot)
    seen = {s for s in seen if len(s) >= 4}
    assert len(seen) > 10

    written = [p for p in tmp_path.rglob("*") if p.is_file() and p not in before]
    leaks = []
    for path in written:
        data = path.read_bytes()
        leaks += [(str(path), s) for s in seen if s.encode() in data]
    assert leaks == []
    # Stronger than "no match": the session wrote nothing at all (no config, cache or log).
    assert written == [], written


# --------------------------------------------------------------------------- order entry, after sales, a write trace


class WriteTrace:
    """Every file this process opens for writing, anywhere, while ``recording``: an audit hook
    (PEP 578) on ``open`` (``open()``, ``io.open``, ``os.open``: a mode with w/a/x/+ or flags that
    write, create, append or truncate), on renames, links, copies and truncations, on
    ``sqlite3.connect`` and on ``os.mkdir``. It sees every thread of the process (the SAP workers
    too). What it cannot see: a C library writing without Python's ``open`` (none is used here: no
    keyring backend, the sandbox in memory) and other processes; the scan of the temp folders
    below sees those where they would land.

    An audit hook cannot be removed: one is installed per process and records only while a test
    asks it to.
    """

    WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    _installed: "WriteTrace | None" = None

    def __init__(self) -> None:
        self.recording = False
        self.written: list[tuple[str, str]] = []

    @classmethod
    def instance(cls) -> "WriteTrace":
        if cls._installed is None:
            cls._installed = cls()
            sys.addaudithook(cls._installed.hook)
        return cls._installed

    def hook(self, event: str, args: tuple) -> None:
        if not self.recording:
            return
        if event == "open":
            path, mode, flags = args
            if (isinstance(mode, str) and set(mode) & set("wax+")) or (isinstance(flags, int) and flags & self.WRITES):
                self.written.append((event, str(path)))
        elif event in ("os.rename", "os.replace", "os.link", "os.symlink", "shutil.copyfile", "shutil.copytree", "shutil.move"):
            self.written.append((event, str(args[1])))
        elif event in ("os.truncate", "os.mkdir", "sqlite3.connect", "os.mkfifo", "os.mknod"):
            self.written.append((event, str(args[0])))

    def __enter__(self) -> "WriteTrace":
        self.written.clear()
        self.recording = True
        return self

    def __exit__(self, *exc) -> None:
        self.recording = False


#: Displayed text worth looking for in a file: numbers of four digits or more (customers,
#: documents, phone numbers, tracking numbers), amounts, material numbers (HB-38-100).
_TOKENS = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,/-]*\d[A-Za-z0-9.,/-]*[A-Za-z0-9]|\d{4,}")


def displayed(app) -> set[str]:
    """What the screens on the stack show: every table cell, field value and text line, and the
    numbers, amounts and material numbers in them."""
    from textual.widgets import Input, Static

    shown: set[str] = set()
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=False):
            texts: list[str] = []
            if isinstance(widget, DataTable):
                texts = [str(cell) for i in range(widget.row_count) for cell in widget.get_row_at(i)]
            elif isinstance(widget, Input):
                texts = [widget.value]
            elif isinstance(widget, Static):
                texts = str(widget.render()).splitlines()
            for text in texts:
                shown.update(part.strip() for part in re.split(r"\s{2,}|[│|·]", text))
                shown.update(_TOKENS.findall(text))
    return {s for s in shown if len(s) >= 4 and any(ch.isalnum() for ch in s)}


async def test_order_entry_and_after_sales_session_writes_no_file_anywhere(app_factory, tmp_path, monkeypatch, capsys):
    """The promise over the whole desk: a caller found, an order keyed, priced and saved in SAP and
    its number read back, the order looked up, a delivery, an invoice and the caller's open items
    shown; then a crash in a handler whose locals hold the order. No file anywhere was opened for
    writing during all of it, none appeared under HOME, the XDG folders, TMPDIR or the working
    directory, and the crash report names none of the values the session displayed."""
    from ordertui import crash
    from ordertui.screens.delivery_detail import DeliveryDetailScreen
    from ordertui.screens.invoice_detail import InvoiceDetailScreen
    from ordertui.screens.open_items import OpenItemsScreen
    from ordertui.screens.order_detail import OrderDetailScreen
    from ordertui.screens.order_entry import OrderEntryScreen
    from ordertui.widgets.order_dialogs import SaveDialog

    cwd, tmp = tmp_path / "cwd", tmp_path / "tmp"
    cwd.mkdir()
    tmp.mkdir()
    monkeypatch.chdir(cwd)
    monkeypatch.setenv("TMPDIR", str(tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    monkeypatch.delenv("TEXTUAL_LOG", raising=False)
    before = set(tmp_path.rglob("*"))
    trace = WriteTrace.instance()
    shown: set[str] = set()
    app = app_factory()
    capsys.readouterr()

    async def step(pilot, *keys):
        await pilot.press(*keys)
        await settle(pilot)
        shown.update(displayed(app))

    with trace, pytest.raises(RuntimeError):
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(pilot)
            # the caller, found by number: one hit opens the detail
            await step(pilot, "f2", *"10023", "enter")
            assert app.current_customer is not None and app.current_customer.number == "10023"
            # order entry: the PO first for a known caller, two lines, priced by SAP, saved
            await step(pilot, "f6")
            entry = app.screen
            assert isinstance(entry, OrderEntryScreen)
            await step(pilot, *"NDAR-4711", "enter", "enter")
            await step(pilot, *"HB-38-100", "tab", *"40", "enter")
            await step(pilot, *"100100", "tab", *"12", "enter")
            draft = entry.draft
            assert [line.material for line in draft.lines] == ["HB-38-100", "100100"] and draft.pricing is not None
            await step(pilot, "f9")
            assert isinstance(app.screen, SaveDialog)
            await step(pilot, "enter")
            assert draft.save.saved
            number = draft.save.order.number
            assert number in str(entry.query_one("#oe-saved-readback").render())
            # after sales: the new order; order 5007 with its shipped delivery and its invoice
            await step(pilot, "f7")
            await step(pilot, *number, "enter")
            assert isinstance(app.screen, OrderDetailScreen)
            await step(pilot, "escape")
            app.screen.query_one("#order-search").value = ""
            await step(pilot, *"4500-7700", "enter")
            assert isinstance(app.screen, OrderDetailScreen)
            await step(pilot, "down", "enter")
            assert isinstance(app.screen, DeliveryDetailScreen)
            tracking = app.screen.document.tracking_number
            await step(pilot, "escape", "down", "down", "enter")
            assert isinstance(app.screen, InvoiceDetailScreen)
            invoice = app.screen.number
            await step(pilot, "escape", "escape", "f8")
            assert isinstance(app.screen, OpenItemsScreen)
            await pilot.press("f12")  # the call log: technical events, not collected as business data
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)

            # the crash path: a handler fails with the order in its locals and in its message
            def explode(order=number, customer=app.current_customer.name, lines=list(draft.lines)):
                raise RuntimeError(f"cannot show order {order} of {customer}")

            app.call_later(explode)
            await settle(pilot)

    # what the session displayed: collected from the screens, so it covers every kind
    assert {number, "NDAR-4711", "HB-38-100", "100100", "10023", "5007", tracking, invoice} <= shown, sorted(shown)
    assert "Miami Valley Fastener Supply Inc." in shown
    assert any(re.fullmatch(r"\d[\d,]*\.\d\d", s) for s in shown), "prices and amounts were shown"
    assert len(shown) > 100

    err = capsys.readouterr().err
    assert crash.HEADER in err and "RuntimeError" in err
    assert [s for s in shown if s in err and not s.isdigit()] == [], err
    assert number not in err and tracking not in err

    # no traced file and no new file under the temp folders holds anything the session displayed
    new = [p for p in tmp_path.rglob("*") if p not in before]
    files = {Path(path) for _, path in trace.written} | set(new)
    leaks = [(str(p), s) for p in sorted(files) if p.is_file() for s in shown if s.encode() in p.read_bytes()]
    assert leaks == []
    # stronger: no file anywhere was opened for writing (or renamed, linked, created) during the
    # session, and nothing appeared under the temp folders (what a C library or a child would write)
    assert trace.written == [], trace.written
    assert new == [], new
