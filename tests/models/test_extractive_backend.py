"""The extractive engine as a back-end: answers from the request's passages, with citations."""

from __future__ import annotations

import pytest

from tests.models.contract import PASSAGES, collect, question
from waarborg.models.extractive import ExtractiveBackend, extractive_answer, question_of
from waarborg.models.protocol import BackendError, ChatMessage, ChatRequest, GroundingPassage

pytestmark = pytest.mark.anyio


async def test_answers_from_the_passages_with_their_numbers() -> None:
    deltas = await collect(ExtractiveBackend(), question(), stream=False)
    assert deltas[0].text.startswith("Een paspoort kost € 75,- voor volwassenen. [1]")
    assert "[2]" not in deltas[0].text  # the waste collection passage is not about this
    assert deltas[0].finish_reason == "stop"


async def test_cites_the_number_the_request_gave_the_passage() -> None:
    renumbered = tuple(
        GroundingPassage(number=p.number + 6, text=p.text, title=p.title) for p in PASSAGES
    )
    request = ChatRequest(messages=question().messages, passages=renumbered)
    deltas = await collect(ExtractiveBackend(), request, stream=False)
    assert "[7]" in deltas[0].text


async def test_streams_word_pieces_that_join_to_the_whole_answer() -> None:
    whole = (await collect(ExtractiveBackend(), question(), stream=False))[0].text
    pieces = await collect(ExtractiveBackend(), question(), stream=True)
    texts = [d.text for d in pieces[:-1]]
    assert len(texts) == len(whole.split())
    assert "".join(texts) == whole
    assert pieces[-1].text == ""
    assert pieces[-1].finish_reason == "stop"


@pytest.mark.parametrize("stream", [True, False])
async def test_without_passages_the_answer_is_empty(stream: bool) -> None:
    request = ChatRequest(messages=(ChatMessage("user", "Wat kost een paspoort?"),))
    deltas = await collect(ExtractiveBackend(), request, stream=stream)
    assert "".join(d.text for d in deltas) == ""
    assert deltas[-1].finish_reason == "stop"


async def test_an_unrelated_question_gets_an_empty_answer() -> None:
    deltas = await collect(
        ExtractiveBackend(), question("Wanneer is de bibliotheek open?"), stream=False
    )
    assert deltas[0].text == ""


def test_the_question_is_the_last_user_message() -> None:
    request = ChatRequest(
        messages=(
            ChatMessage("user", "Hoe laat is het?"),
            ChatMessage("assistant", "Dat weet ik niet."),
            ChatMessage("user", "  Wat kost\n een paspoort? "),
            ChatMessage("system", "Wees kort."),
        )
    )
    assert question_of(request) == "Wat kost een paspoort?"
    assert extractive_answer("", PASSAGES) == ""


async def test_has_no_embeddings() -> None:
    with pytest.raises(BackendError, match="no embeddings") as caught:
        await ExtractiveBackend().embed(["x"])
    assert caught.value.retryable is False
