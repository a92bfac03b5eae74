"""llama-cpp-python for the tests: skipped where it is not installed, required in CI.

Like PostgreSQL (``tests/support/databases.py``): on a developer's machine without the
package (``make demo`` does not build it) these tests skip; in CI (``CI=true``, or
``WAARBORG_REQUIRE_LLAMA=1``) a missing package fails the run, so the in-process back-end is
never silently untested.
"""

from __future__ import annotations

import importlib.util
import os

import pytest


def llama_cpp_required() -> bool:
    return (
        os.environ.get("CI", "").lower() == "true"
        or os.environ.get("WAARBORG_REQUIRE_LLAMA") == "1"
    )


def require_llama_cpp() -> None:
    missing = [name for name in ("llama_cpp", "gguf") if importlib.util.find_spec(name) is None]
    if not missing:
        return
    message = (
        f"{' and '.join(missing)} not installed: pip install -e '.[dev,llama]' "
        "with CMAKE_ARGS=-DGGML_NATIVE=OFF (make test does this)"
    )
    if llama_cpp_required():
        pytest.fail(message + " (required in CI)", pytrace=False)
    pytest.skip(message)
