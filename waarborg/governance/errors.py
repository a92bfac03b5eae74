"""Refusals of governance actions. Messages are Dutch and name exactly what is missing."""

from __future__ import annotations


class GovernanceError(ValueError):
    """The action was refused; nothing was changed."""


class NotAllowedError(GovernanceError):
    """The actor lacks the role the action needs."""


class TransitionRefusedError(GovernanceError):
    """A status change whose preconditions are not met; ``missing`` lists each of them."""

    def __init__(self, target: str, missing: list[str]) -> None:
        self.target = target
        self.missing = missing
        lines = "\n".join(f"- {item}" for item in missing)
        super().__init__(f"Overgang naar '{target}' geweigerd. Nog nodig:\n{lines}")
