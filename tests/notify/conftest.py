from __future__ import annotations

import pytest
from django.test import override_settings

from tests import smtp as smtp_server


@pytest.fixture
def smtp():  # noqa: ANN201
    controller, handler = smtp_server.start()
    with override_settings(MAILERS=smtp_server.mailers(controller.port)):
        yield handler
    controller.stop()


@pytest.fixture
def run_tick(django_capture_on_commit_callbacks):  # noqa: ANN001,ANN201
    """tick() as the worker runs it: the send tasks queued on commit run too (ImmediateBackend)."""
    import time_machine

    from beklijf.notify.tick import tick

    def run(at):  # noqa: ANN001,ANN202
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            return tick(at=at)

    return run
