"""How many Hypothesis examples the issue-11 property tests run.

CI runs ``EXAMPLES`` (200) per property test; ``ORDERTUI_FUZZ_EXAMPLES=20000 pytest tests/security``
runs more (SECURITY.md says so). ``deadline=None``: a slow CI machine is not a failure.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

EXAMPLES = int(os.environ.get("ORDERTUI_FUZZ_EXAMPLES", "200"))

fuzz = settings(max_examples=EXAMPLES, deadline=None)

#: Examples per Pilot property test (tests/security/test_fuzz_screens.py): each drives a running
#: app, about 0.3-1 s apiece on two shared cores, so a tenth of ``EXAMPLES``: 20 in CI,
#: ``ORDERTUI_FUZZ_EXAMPLES=20000`` runs 2,000 each. ``ORDERTUI_FUZZ_PILOT_EXAMPLES`` sets it alone.
PILOT_EXAMPLES = int(os.environ.get("ORDERTUI_FUZZ_PILOT_EXAMPLES", max(EXAMPLES // 10, 1)))

#: Hypothesis's health checks time the data generation; here each example also waits for an app
pilot_fuzz = settings(max_examples=PILOT_EXAMPLES, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
