"""Test doubles, in one place.

- ``tests.fakes.gateway.FakeGateway``: a scripted ``SapGateway`` for screen tests that need a
  lever on SAP's timing or answers (gates, injected failures). It keeps the sandbox's contract
  (tests/sap/test_gateway_contract.py runs the same assertions on both).
- ``tests.fakes.rfc_connection.FakeConnection``: a scripted pyrfc-compatible connection that
  checks every call against the interface catalogue, for testing the adapter's parsing.
"""
