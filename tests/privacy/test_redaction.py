"""Logs get types, never values."""

from __future__ import annotations

import logging

import pytest

from waarborg.privacy import RedactingFilter, redact_for_log


def test_redact_for_log_replaces_values_by_types() -> None:
    text = "Klacht van mevrouw Bakker (BSN 123456782) over haar depressie"
    assert redact_for_log(text) == (
        "Klacht van mevrouw [PERSOON] (BSN [BSN]) over haar [BIJZONDER:GEZONDHEID]"
    )


def test_redact_for_log_shortens_long_text() -> None:
    assert redact_for_log("a" * 50, limit=10) == "a" * 10 + "…"


def test_redacting_filter(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("tests.privacy.redaction")
    logger.addFilter(RedactingFilter())
    try:
        with caplog.at_level(logging.INFO, logger=logger.name):
            logger.info("verzoek van %s met IBAN %s", "Jan de Vries", "NL91ABNA0417164300")
    finally:
        logger.filters.clear()
    assert caplog.messages == ["verzoek van [PERSOON] met IBAN [IBAN]"]
