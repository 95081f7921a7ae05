"""The parts a screen shows its live figures in (``ordertui/widgets/customer_panels.py``): a
spinner only once SAP keeps a part waiting, and answers that come together painted together."""

from __future__ import annotations

from textual.app import App
from textual.content import Content
from textual.widgets import Static

from ordertui.widgets.customer_panels import Arrivals, DataPart, update_if_changed

from tests.conftest import waited


class OnePart(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.said: list[str] = []  # the states the part said it is in (StateChanged)

    def compose(self):
        yield DataPart("Credit", id="part")

    def on_data_part_state_changed(self, event: DataPart.StateChanged) -> None:
        self.said.append(event.part.state)


async def test_an_answer_within_the_delay_replaces_what_was_shown_without_a_spinner(monkeypatch):
    monkeypatch.setattr(DataPart, "SPINNER_AFTER", 60.0)  # the answer comes within it, whatever the load
    app = OnePart()
    async with app.run_test() as pilot:
        part = app.query_one(DataPart)
        part.show(Static("old figures"))
        part.border_subtitle = "fetched 09:30:00"
        await pilot.pause()
        app.said.clear()
        part.show_loading()
        await pilot.pause()
        # loading, and nothing shown changed: the old figures still there, with their stamp, and
        # the part has not said it is loading (the screen's header would say "fetching…")
        assert part.state == "loading" and not part.spinning and part.body_shown
        assert part.border_subtitle == "fetched 09:30:00" and app.said == []
        part.show(Static("new figures"))
        await pilot.pause()
        assert part.state == "ready" and part._spinner is None and part.body_shown  # never mounted
        assert part._spinner_timer is None  # and never will be: its timer is stopped
        assert app.said == ["ready"]


async def test_a_part_kept_waiting_shows_its_spinner_and_hides_what_it_showed():
    app = OnePart()
    async with app.run_test() as pilot:
        part = app.query_one(DataPart)
        part.show_error("SAP unreachable")
        part.border_subtitle = "fetched 09:30:00"
        part.show_loading()
        assert await waited(pilot, lambda: part.spinning)
        assert part.spinning and not part.body_shown and not part._error.display
        assert not part.has_class("-error") and part.border_subtitle == ""
        assert app.said[-1] == "loading"  # said once it spins: the header says "fetching…" now
        part.show_loading()  # asked again while it spins: it keeps spinning
        assert part.spinning
        part.show(Static("figures"))
        assert part.state == "ready" and not part.spinning and part.body_shown


async def test_a_part_made_loading_spins_if_nothing_comes():
    app = OnePart()
    async with app.run_test() as pilot:
        part = app.query_one(DataPart)
        assert part.state == "loading" and not part.spinning  # nothing shown yet but its frame
        assert await waited(pilot, lambda: part.spinning)


async def test_answers_are_painted_together_and_a_slow_one_holds_the_others_only_the_window():
    app = OnePart()
    async with app.run_test() as pilot:
        painted: list[str] = []
        arrivals = Arrivals(app.query_one(DataPart), 3)
        arrivals.later(painted.append, "general")()
        arrivals.later(painted.append)("credit")
        assert painted == []  # one of three is still on its way
        assert await waited(pilot, lambda: painted == ["general", "credit"])  # the window closed: painted without it
        arrivals.later(painted.append)("orders")
        assert painted == ["general", "credit", "orders"]  # the last expected one: at once


async def test_answers_to_a_refresh_replaced_by_a_newer_one_are_not_painted():
    app = OnePart()
    async with app.run_test() as pilot:
        painted: list[str] = []
        arrivals = Arrivals(app.query_one(DataPart), 2)
        arrivals.add(lambda: painted.append("old"))
        arrivals.drop()
        await pilot.pause(Arrivals.WINDOW + 0.1)
        assert painted == []


async def test_a_header_is_updated_only_when_its_text_or_styles_change():
    app = OnePart()
    async with app.run_test():
        static = Static(Content.assemble(("10023", "bold"), " fetching…"))
        await app.mount(static)
        updates = []
        original = static.update
        static.update = lambda content: (updates.append(content), original(content))  # type: ignore[method-assign]
        update_if_changed(static, Content.assemble(("10023", "bold"), " fetching…"))
        assert updates == []
        update_if_changed(static, Content.assemble(("10023", ""), " fetching…"))  # same text, other style
        update_if_changed(static, Content.assemble(("10023", ""), " fetched 09:30"))
        assert len(updates) == 2


async def test_new_content_is_styled_as_it_mounts_and_content_shown_again_keeps_its_class(monkeypatch):
    """``show`` marks its widgets "part-body": a new one gets the class with its mount's style
    pass, not a pass of its own before (the whole style sheet matched against a table for
    nothing); one already mounted is restyled for it."""
    from textual.widgets import DataTable

    app = OnePart()
    app.stylesheet.add_source(".part-body { max-height: 7; }", read_from=("test", ".part-body"))
    async with app.run_test() as pilot:
        part = app.query_one(DataPart)
        restyled: list = []
        original = type(app.stylesheet).update_nodes

        def update_nodes(self, nodes, animate=False):
            nodes = list(nodes)
            restyled.extend(nodes)
            return original(self, nodes, animate=animate)

        monkeypatch.setattr(type(app.stylesheet), "update_nodes", update_nodes)
        table, line = DataTable(), Static("figures")
        part.show(table, line)
        assert not any(node is table or node is line for node in restyled)
        await pilot.pause()
        assert table.is_mounted and table.has_class("part-body") and line.has_class("part-body")
        # styled with the class as it mounted: a rule for .part-body applies to it
        assert table.styles.max_height is not None and table.styles.max_height.value == 7
        line.remove_class("part-body")
        part.show(table, line)  # shown again: mounted, so restyled with the class
        assert line.has_class("part-body") and any(node is line for node in restyled)


async def test_a_parts_content_widgets_are_its_own_children():
    """No container between a part and what it shows: one per part was 6 of the 19 widgets a
    customer detail mounted, styled, laid out and drew each time it opened. The error line and
    the spinner, once made, come before the content."""
    app = OnePart()
    async with app.run_test() as pilot:
        part = app.query_one(DataPart)
        a, b = Static("a"), Static("b")
        part.show(a, b)
        await pilot.pause()
        assert list(part.children) == [a, b] == list(part.body)
        part.show_error("SAP unreachable")
        await pilot.pause()
        assert list(part.children) == [part._error, a, b] and not a.display and not b.display
        part.show(b)
        await pilot.pause()
        assert list(part.children) == [part._error, b] and b.display and not part._error.display
        part.show_loading()
        assert await waited(pilot, lambda: part.spinning)
        assert list(part.children) == [part._spinner, part._error, b] and not b.display
