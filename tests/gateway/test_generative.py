"""The gateway over a generative model back-end (a scripted model speaking the back-end
protocol, as in tests/pipeline): model tokens as usage, the stream, and a history whose
personal data reaches the model only as placeholders."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.gateway.conftest import QUESTION, Gateway, sse_events
from tests.governance.conftest import Governed
from tests.pipeline.conftest import Resolver, ScriptedModel
from tests.support.live_server import live_server
from waarborg.accounts.api_keys import create_api_key
from waarborg.app import create_app
from waarborg.governance.key_scopes import set_scopes
from waarborg.governance.vocabulary import UseCaseStatus
from waarborg.settings import Settings

MODEL = "geitje-7b-ultra"
ANSWER = ["Een paspoort voor volwassenen ", "kost € 80,35 [1]. ", "Maak eerst een afspraak [1]."]


class _Resolver(Resolver):
    async def aclose_all(self) -> None:  # what the app calls at shutdown
        return None


@pytest.fixture
def scripted() -> ScriptedModel:
    return ScriptedModel(ANSWER)


@pytest.fixture
def generative(
    governed: Governed,
    with_sources: Callable[..., str],
    settings: Settings,
    scripted: ScriptedModel,
) -> Iterator[Gateway]:
    slug = with_sources(
        "model-loket", status=UseCaseStatus.PRODUCTION, allowed_models=[MODEL, "extractief"]
    )
    with governed.database.session(governed.organisation_id) as session:
        key = create_api_key(session, governed.organisation(session), "librechat")
        set_scopes(session, key.record, [slug])
        key_id = key.record.id
    app = create_app(settings)
    app.state.runtime.backends = _Resolver(scripted)
    with live_server(app) as url:
        yield Gateway(governed, url, slug, key.secret, key_id)


def test_model_answer_usage_and_guarded_history(
    generative: Gateway, scripted: ScriptedModel
) -> None:
    messages = [
        {"role": "user", "content": "Mijn BSN is 111222333."},
        {"role": "assistant", "content": "Waarmee kan ik u helpen?"},
        {"role": "user", "content": QUESTION},
    ]
    response = generative.chat(messages=messages)
    assert response.status_code == 200, response.text
    data = response.json()
    assert "€ 80,35" in data["choices"][0]["message"]["content"]
    assert data["waarborg"]["engine"] == "generatief"
    assert data["usage"] == {"prompt_tokens": 50, "completion_tokens": 20, "total_tokens": 70}
    sent = [m.content for m in scripted.requests[0].messages]
    assert not any("111222333" in text for text in sent)
    assert any("[BSN_1]" in text for text in sent)

    stream = generative.chat(messages=messages, stream=True)
    events = sse_events(stream.text)
    assert events[-1] == "[DONE]"
    text = "".join(e["choices"][0]["delta"].get("content", "") for e in events[:-1] if e["choices"])
    assert "€ 80,35 [1]" in text
    assert text.rstrip().endswith(data["waarborg"]["label"])


def test_model_id_with_catalogue_key(generative: Gateway) -> None:
    response = generative.chat(model=f"{generative.slug}:extractief")
    assert response.status_code == 200
    assert response.json()["waarborg"]["engine"] == "extractief"
