"""F12: every SAP call of this session — function module, duration, outcome. No payloads.

The rows come from ``app.call_log`` (memory only, last 500 calls) and grow live while open.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from ordertui.model import CallEvent
from ordertui.screens.base import SapScreen


class CallLogScreen(SapScreen):
    NEEDS_SESSION = False
    HELP_TITLE = "Call log"
    HELP = "Each row is one RFC call: when, which function module, how long, and how it ended."
    BINDINGS = [
        Binding("escape,f12", "close", "Close", id="call_log.close"),
        Binding("c", "clear", "Clear", id="call_log.clear"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(id="calllog-summary")
        table: DataTable[object] = DataTable(id="calllog", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("time", key="time")
        table.add_column("function module", key="function")
        table.add_column(Text("ms", justify="right"), key="ms")
        table.add_column("outcome", key="outcome")
        for event in list(self.desk.call_log):
            self._add(event)
        self._summary()
        table.move_cursor(row=table.row_count - 1)
        self._seen = self.desk.calls_recorded
        self.watch(self.app, "last_call", self._new_call, init=False)

    def _add(self, event: CallEvent) -> None:
        outcome = Text(event.outcome)
        if event.outcome != "ok":
            outcome.stylize("bold")
        self.query_one(DataTable).add_row(
            f"{event.at:%H:%M:%S}",
            event.function,
            Text(f"{event.seconds * 1000:.0f}", justify="right"),
            outcome,
        )

    def _new_call(self, event: CallEvent | None) -> None:
        # ``last_call`` is set once per burst of calls: the rows are the calls logged since
        new = min(self.desk.calls_recorded - self._seen, len(self.desk.call_log))
        self._seen = self.desk.calls_recorded
        if new <= 0:
            return
        table = self.query_one(DataTable)
        at_end = table.cursor_row >= table.row_count - 1
        for logged in list(self.desk.call_log)[-new:]:
            self._add(logged)
        if at_end:
            table.move_cursor(row=table.row_count - 1)
        self._summary()

    def _summary(self) -> None:
        events = list(self.desk.call_log)
        failed = sum(1 for e in events if e.outcome != "ok")
        total = sum(e.seconds for e in events)
        self.query_one("#calllog-summary", Static).update(
            f"Call log — {len(events)} call{'s' if len(events) != 1 else ''}, {failed} failed, "
            f"{total * 1000:.0f} ms in SAP · memory only, no payloads"
        )

    def action_close(self) -> None:
        self.dismiss()

    def action_clear(self) -> None:
        self.desk.call_log.clear()
        self.query_one(DataTable).clear()
        self._summary()
