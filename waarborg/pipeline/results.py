"""The result of one governed question, in the shape every entry point returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    number: int
    title: str
    url: str
    page: int | None = None
    chunk_id: str = ""


@dataclass(frozen=True)
class AnswerResult:
    use_case: str
    answer: str
    refused: bool
    reason: str  # "answered", a policy reason code, or why no answer was given
    label: str
    citations: list[Citation] = field(default_factory=list)
    support: float = 0.0
    engine: str = ""
    removed_claims: int = 0
    # Sentences kept but marked "niet onderbouwd" (a stream cannot take back what it sent).
    flagged_claims: list[str] = field(default_factory=list)
    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    masked_output: int = 0  # personal data values the model produced that were masked
    conversation_id: str | None = None
    message_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (``answer``, ``refused``, ``citations`` and more)."""
        data = asdict(self)
        data["citations"] = [
            {"number": c.number, "url": c.url, "title": c.title, "page": c.page}
            for c in self.citations
        ]
        return data
