"""The shared reference material beside the repository (CI clones it as ../shared).

Tests that cross-check against it fail in CI when it is missing, and are skipped elsewhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference"


def reference_path(*parts: str) -> Path:
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        message = f"reference material not found: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required in CI)", pytrace=False)
        pytest.skip(message)
    return path


def register_standard() -> dict[str, Any]:
    """The properties of the Algoritmeregister publication standard v1.0."""
    data = json.loads(reference_path("algoritmeregister", "v1_0.json").read_text("utf-8"))
    properties: dict[str, Any] = data["properties"]
    return properties


def required(flag: object) -> bool:
    """The file writes one flag as the string "false"; read strings as the words they are."""
    if isinstance(flag, str):
        return flag.strip().lower() == "true"
    return bool(flag)
