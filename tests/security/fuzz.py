"""How many Hypothesis examples the issue-11 property tests run.

CI runs ``EXAMPLES`` (200) per property test; ``ORDERTUI_FUZZ_EXAMPLES=20000 pytest tests/security``
runs more (SECURITY.md says so). ``deadline=None``: a slow CI machine is not a failure.
"""

from __future__ import annotations

import os

from hypothesis import settings

EXAMPLES = int(os.environ.get("ORDERTUI_FUZZ_EXAMPLES", "200"))

fuzz = settings(max_examples=EXAMPLES, deadline=None)
