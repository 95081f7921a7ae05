"""Zero business data at rest: a scripted sandbox session leaves no file with what it showed."""

from __future__ import annotations

import tempfile

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
