from tests.security.hanging import hanging_sap  # noqa: F401 — the fixture
