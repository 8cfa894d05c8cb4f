"""Real-browser tests: Playwright drives Debian's chromium against a live server.

Never `playwright install`: the browser is the system's /usr/bin/chromium. Without it the tests are
skipped with a message that says how to get it; CI installs it.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip("E2E skipped: chromium is not installed (apt-get install chromium); CI always has it")
    # The live server runs in a thread; Playwright's sync API keeps an event loop in this one.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    yield browser
    browser.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):  # noqa: ANN001,ANN201
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, email: str, password: str) -> None:  # noqa: ANN001
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("#login-submit")
    page.wait_for_load_state()
    # L&D admins pass a second step: enrol an authenticator app (first time) or enter its code.
    if "/account/two-factor/setup/" in page.url:
        import time

        from tests.factories import totp

        secret = page.inner_text("#totp-secret")
        page.totp_secrets = {**getattr(page, "totp_secrets", {}), email: secret}
        page.fill("#id_token", totp(secret))
        page.click("#totp-submit")
        page.click("#recovery-continue")
        page.totp_used_at = time.time()
    elif "/account/two-factor/" in page.url:
        import time

        from tests.factories import totp

        # The code of a 30-second step can be used once: after a recent use, take the next step's code.
        page.fill("#id_token", totp(page.totp_secrets[email], at=time.time() + 30))
        page.click("#totp-submit")
