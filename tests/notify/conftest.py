"""Fixtures for notify live in tests/conftest.py (shared with coaching)."""
