"""Embedding texts are refused or pseudonymised as the use case says."""

from __future__ import annotations

from waarborg.api.gateway_privacy import guard_texts


def test_texts_are_refused_or_pseudonymised_by_policy() -> None:
    texts = ["Mijn BSN is 111222333"]
    assert guard_texts(["paspoort"], "blokkeren") == ["paspoort"]
    assert guard_texts(texts, "blokkeren") is None
    assert guard_texts(texts, "toestaan") is None
    pseudonymised = guard_texts(texts, "pseudonimiseren")
    assert pseudonymised is not None
    assert "111222333" not in pseudonymised[0]
