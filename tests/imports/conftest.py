from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The import messages are translated; these tests read them in English, whatever language an earlier
    test left active in this thread (a test of the Dutch wording overrides it itself)."""
    with translation.override("en"):
        yield
