"""Every SAP fact ordertui relies on that the reference marks unconfirmed ([U]), in one place.

Both the RFC adapter and the sandbox read these names, so correcting one after a look at a
real system (``conn.get_function_description(NAME)``) fixes both. Each entry says where the
reference discusses it (shared/sap-rfc-reference.md section).
"""

from __future__ import annotations

# §1.5 / §2.7 — partner functions: internal (RFC) code -> English display code.
PARTNER_ROLE_EXTERNAL = {"AG": "SP", "WE": "SH", "RE": "BP", "RG": "PY"}  # SH/BP/PY are [U]
PARTNER_ROLE_INTERNAL = {v: k for k, v in PARTNER_ROLE_EXTERNAL.items()}

# §1.5 — order types: internal (RFC) -> English display.
ORDER_TYPE_EXTERNAL = {"TA": "OR"}
ORDER_TYPE_INTERNAL = {v: k for k, v in ORDER_TYPE_EXTERNAL.items()}
