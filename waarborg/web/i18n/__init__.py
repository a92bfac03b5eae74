"""Interface text in Dutch (default) and English, chosen per visitor.

Catalogues are plain dictionaries keyed by message id: a test checks that both languages
define exactly the same ids, so no page ever shows a raw key.
"""

from __future__ import annotations

from collections.abc import Mapping

from waarborg.web.i18n.en import MESSAGES as EN
from waarborg.web.i18n.nl import MESSAGES as NL

CATALOGUES: Mapping[str, Mapping[str, str]] = {"nl": NL, "en": EN}
LANGUAGES = tuple(CATALOGUES)
LANGUAGE_COOKIE = "waarborg_lang"


class Translator:
    def __init__(self, language: str) -> None:
        self.language = language if language in CATALOGUES else "nl"
        self._messages = CATALOGUES[self.language]

    def __call__(self, key: str, **values: object) -> str:
        text = self._messages.get(key) or NL.get(key) or key
        return text.format(**values) if values else text


def negotiate(cookie: str | None, accept_language: str | None, default: str) -> str:
    """The visitor's explicit choice, else the first supported browser language, else default."""
    if cookie is not None and cookie in CATALOGUES:
        return cookie
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in CATALOGUES:
            return code
    return default
