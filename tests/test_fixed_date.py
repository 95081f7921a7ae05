"""One fixed date for the whole suite: tests/conftest.py's TODAY and NOW (why that day: see there).

A module that writes its own "today" drifts from the sandbox company, the frozen clock of the app
and the snapshots the day anyone moves the date; a date that must differ is written as an offset
from TODAY, with the reason.
"""

from __future__ import annotations

import re

from tests.conftest import NOW, REPO, TODAY

OWN_TODAY = re.compile(r"^\s*[A-Z_]*(TODAY|NOW)\s*=\s*(dt\.|datetime\.)?(date|datetime)\(", re.M)


def test_no_module_keeps_a_today_of_its_own():
    conftest = REPO / "tests" / "conftest.py"
    offenders = sorted(str(p.relative_to(REPO)) for p in (REPO / "tests").rglob("*.py")
                       if p != conftest and OWN_TODAY.search(p.read_text(encoding="utf-8")))
    assert not offenders, f"import TODAY / NOW from tests.conftest instead: {', '.join(offenders)}"


def test_now_is_on_today():
    assert NOW.date() == TODAY
