"""The privacy guard for the texts of an embeddings request (the governed path guards the
question and the history an OpenAI client sends along, with one mapping for both)."""

from __future__ import annotations

from waarborg.governance.vocabulary import PersonalDataPolicy
from waarborg.privacy.detector import default_detector
from waarborg.privacy.pseudonymiser import Pseudonymiser


def guard_texts(texts: list[str], policy: str) -> list[str] | None:
    """The texts a model may embed, or None when personal data must be refused."""
    detector = default_detector()
    if not any(detector.detect(text) for text in texts):
        return texts
    if policy != PersonalDataPolicy.PSEUDONYMISE:
        return None
    pseudonymiser = Pseudonymiser(detector=detector)
    return [pseudonymiser.pseudonymise(text).text for text in texts]
