"""Choosing the server's model id for a catalogue model when the operator left ``model`` empty.

Servers name the same model differently: vLLM by its Hugging Face repository
(``BramVanroy/GEITje-7B-ultra``), Ollama with a tag (``geitje-7b-ultra:latest``,
``hf.co/…/GEITje-7B-ultra-GGUF:Q4_K_M``), llama.cpp's server by the file it loaded
(``/models/geitje-7b-ultra.Q4_K_M.gguf``). Waarborg looks for the catalogue key and the
configured ``options.aliases`` among the ids from ``GET /models``, from the strictest match
to the loosest, and accepts a loose match only when it is the only one. A server that
serves exactly one model is taken to serve the wanted one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

_SEPARATORS = (".", "-", "_", ":")


def _tail(model_id: str) -> str:
    return model_id.lower().rsplit("/", 1)[-1]


def _stem(model_id: str) -> str:
    tail = _tail(model_id).split(":", 1)[0]
    return tail.removesuffix(".gguf")


def _rules(wanted: str) -> list[Callable[[str], bool]]:
    return [
        lambda model_id: model_id.lower() == wanted,
        lambda model_id: _tail(model_id) == wanted,
        lambda model_id: _stem(model_id) == wanted,
        lambda model_id: any(_stem(model_id).startswith(wanted + sep) for sep in _SEPARATORS),
    ]


def choose_model(served: Sequence[str], wanted: Sequence[str]) -> str | None:
    """The id in ``served`` meant by the first name in ``wanted`` that matches, or ``None``.

    Within one rule, more than one match is ambiguous and does not count.
    """
    names = [name.strip().lower() for name in wanted if name.strip()]
    for name in names:
        for rule in _rules(name):
            matches = [model_id for model_id in served if rule(model_id)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                break  # ambiguous at this strictness: a looser rule would not be better
    if len(served) == 1:
        return served[0]
    return None
