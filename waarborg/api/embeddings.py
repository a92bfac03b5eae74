"""``POST /v1/embeddings`` for use cases that allow it (``UseCase.embeddings_allowed``).

The texts pass the privacy guard first: texts with personal data are refused unless the use
case pseudonymises, in which case the values are replaced by placeholders ("[BSN_1]") before
the model sees them. Embeddings need a model back-end that can embed; without one the answer
is a clear 501 in the OpenAI error format.
"""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from waarborg.api.gateway_admission import Admitted, admission, record_tokens
from waarborg.api.gateway_errors import GatewayError, bad_request, rejected
from waarborg.api.gateway_format import estimate_tokens
from waarborg.api.gateway_privacy import guard_texts
from waarborg.api.gateway_request import authenticate, read_json
from waarborg.api.gateway_schema import split_model
from waarborg.governance.policy import Reason
from waarborg.models.protocol import BackendError
from waarborg.request_scope import get_runtime

router = APIRouter(prefix="/v1", tags=["gateway"])
ACCEPTED = {"model", "input", "encoding_format", "user"}
MAX_INPUTS = 256


def _inputs(data: dict[str, Any], max_chars: int) -> tuple[str, list[str]]:
    extra = sorted(set(data) - ACCEPTED)
    if extra:
        raise bad_request(
            "unsupported_parameter",
            "Niet ondersteunde parameter(s): " + ", ".join(extra) + ".",
            extra[0],
        )
    model = data.get("model")
    if not isinstance(model, str) or not model.strip():
        raise bad_request("invalid_value", "model (de toepassing) ontbreekt.", "model")
    if data.get("encoding_format", "float") != "float":
        raise bad_request("unsupported_value", "Alleen encoding_format 'float'.", "encoding_format")
    raw = data.get("input")
    texts = [raw] if isinstance(raw, str) else raw
    if (
        not isinstance(texts, list)
        or not texts
        or len(texts) > MAX_INPUTS
        or not all(isinstance(text, str) and text.strip() for text in texts)
    ):
        raise bad_request(
            "invalid_value",
            f"input is een tekst of een lijst van 1 tot {MAX_INPUTS} niet-lege teksten.",
            "input",
        )
    if any(len(text) > max_chars for text in texts):
        raise GatewayError(
            413, "message_too_large", f"Een tekst heeft hoogstens {max_chars} tekens.", "input"
        )
    return model.strip(), texts


@router.post("/embeddings", name="gateway_embeddings")
async def embeddings(request: Request) -> Response:
    runtime = get_runtime(request)
    settings = runtime.settings
    try:
        who = await authenticate(request, runtime.database)
    except GatewayError as unauthorised:
        return unauthorised.response()
    try:
        data = await read_json(request, settings.gateway_max_body_bytes)
        model, texts = _inputs(data, settings.gateway_max_message_chars)
    except GatewayError as invalid:
        return await rejected(runtime.database, who, invalid, action="embeddings")
    slug, model_key = split_model(model)
    admitted = await to_thread.run_sync(admission, runtime.database, settings, who, slug, model_key)
    if not isinstance(admitted, Admitted):
        return await rejected(
            runtime.database, who, admitted.error, action="embeddings", use_case=admitted.use_case
        )
    use_case = admitted.use_case
    if admitted.reason != Reason.ALLOWED or use_case is None:
        error = GatewayError(403, admitted.reason, admitted.message, "model")
        return await rejected(runtime.database, who, error, action="embeddings", use_case=slug)
    if not use_case.embeddings_allowed:
        error = GatewayError(
            403, "embeddings_not_allowed", "Deze toepassing staat embeddings niet toe.", "model"
        )
        return await rejected(runtime.database, who, error, action="embeddings", use_case=slug)
    guarded = await to_thread.run_sync(guard_texts, texts, use_case.personal_data_policy)
    if guarded is None:
        error = bad_request(
            "personal_data_blocked",
            "De tekst bevat persoonsgegevens en deze toepassing pseudonimiseert niet.",
            "input",
        )
        return await rejected(runtime.database, who, error, action="embeddings", use_case=slug)
    key = admitted.model_key
    try:
        if runtime.backends is None:
            raise BackendError("geen model-back-ends ingesteld", retryable=False)
        backend = runtime.backends.backend_for(key, admitted.model_backend)
        vectors = await backend.embed(guarded)
    except BackendError:
        error = GatewayError(
            501,
            "embeddings_unavailable",
            f"Het model '{key}' kan (hier) geen embeddings maken.",
            "model",
        )
        return await rejected(runtime.database, who, error, action="embeddings", use_case=slug)
    tokens = sum(estimate_tokens(text) for text in guarded)
    await to_thread.run_sync(record_tokens, runtime.database, who, admitted.use_case_id, tokens)
    return JSONResponse(
        {
            "object": "list",
            "data": [
                {"object": "embedding", "index": index, "embedding": vector}
                for index, vector in enumerate(vectors)
            ],
            "model": model,
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
    )
