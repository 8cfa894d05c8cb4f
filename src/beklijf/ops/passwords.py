"""Refuse passwords that breach lists show are guessed first (ASVS 6.2.4, 6.2.12; NIST SP 800-63B 3.1.1.2).

Attackers do not try "Welkom2026!" letter by letter: they take a word from a breach list and decorate it
with a capital, digits and a symbol. So this validator takes the decoration off (case, leetspeak, leading
and trailing digits and punctuation) and checks what remains against two lists shipped with the code:
`data/breached-passwords.txt.gz` (words beklijf's users' breaches are built on: Dutch words, months and
seasons, clubs, cities, first names, company words; chosen by hand) and Django's own list of 20,000
common passwords. No network call: the check works offline and leaks nothing.
"""

from __future__ import annotations

import functools
import gzip
import re
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DATA = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
)
_DECORATION = re.compile(r"^[\W\d_]*(?P<stem>.*?)[\W\d_]*$")
MIN_STEM = 3  # shorter stems ("ab12345678") are judged by the length and numeric validators


@functools.cache
def _words() -> frozenset[str]:
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        own = {line.strip() for line in handle if line.strip()}
    return frozenset(own | set(CommonPasswordValidator().passwords))


def stems(password: str) -> set[str]:
    """What is left of a password once its decoration is taken off, read plainly and as leetspeak."""
    lowered = password.lower().strip()
    found = {lowered}
    match = _DECORATION.match(lowered)
    if match and len(match["stem"]) >= MIN_STEM:
        stem = match["stem"]
        for candidate in (stem, stem.translate(_LEET)):
            found.add(candidate)
            found.add(re.sub(r"[\W_]+", "", candidate))  # "wacht-woord" -> "wachtwoord"
    return found


def is_breached(password: str) -> bool:
    return bool(stems(password) & _words())


class BreachedPasswordValidator:
    """A password that is a listed word plus decoration ("Welkom2026!", "P@ssw0rd1") is refused."""

    def validate(self, password: str, user=None) -> None:  # noqa: ANN001
        if is_breached(password):
            raise ValidationError(
                _(
                    "This password is a well-known word with a few characters added, which attackers try first."
                ),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a common word or password with only digits or symbols added.")
