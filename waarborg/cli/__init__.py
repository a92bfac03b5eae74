"""The ``waarborg`` command. Commands are thin: they parse, call a service and report."""

from __future__ import annotations

from waarborg.cli.main import app, main

__all__ = ["app", "main"]
