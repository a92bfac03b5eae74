"""Errors of account management; each message is Dutch and fit to show to the person acting."""

from __future__ import annotations


class AccountError(ValueError):
    """Base class: the action was refused and nothing was changed."""


class DuplicateError(AccountError):
    pass


class NotFoundError(AccountError):
    pass


class InvalidIdentifierError(AccountError):
    pass
