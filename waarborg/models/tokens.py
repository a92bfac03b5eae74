"""Rough token counts, for the one place where a rough count is worth having.

Ollama (and some llama.cpp server set-ups) silently drop the start of a prompt that does not
fit the context window. For a grounded answer that is dangerous: the system prompt with the
rules, or the first passages, vanish without an error and the model answers anyway. Waarborg
cannot tokenise for every model, so it estimates: about four characters per token, which is
close for English and Dutch with the usual BPE vocabularies (Dutch runs a little higher,
which errs on the side of warning). The estimate decides only whether to log a warning; it
never blocks a request, because a model's real tokenizer may disagree.
"""

from __future__ import annotations

import logging
import math

from waarborg.models.protocol import ChatRequest

CHARS_PER_TOKEN = 4
PER_MESSAGE_OVERHEAD = 4  # role markers and separators of a chat template

logger = logging.getLogger("waarborg.models")


def estimate_tokens(text: str) -> int:
    """About how many tokens ``text`` is: characters divided by four, rounded up."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def estimate_prompt_tokens(request: ChatRequest) -> int:
    return sum(estimate_tokens(m.content) + PER_MESSAGE_OVERHEAD for m in request.messages)


def warn_if_context_may_overflow(backend: str, request: ChatRequest, context_length: int) -> bool:
    """Log a warning when the prompt plus the answer may not fit; return whether it did.

    The log names the back-end and the numbers only, never any prompt text.
    """
    if context_length <= 0:
        return False
    prompt = estimate_prompt_tokens(request)
    answer = request.max_tokens or 0
    if prompt + answer <= context_length:
        return False
    logger.warning(
        "Back-end %s: prompt of about %d tokens plus %d for the answer may exceed the context "
        "of %d tokens; some servers (Ollama) then silently drop the start of the prompt",
        backend,
        prompt,
        answer,
        context_length,
    )
    return True
