"""The employee assistant page answers through the governed path, with sources and label;
it keeps conversations for their owner, lists and deletes them, takes feedback and streams."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from tests.conftest import PASSWORD
from tests.governance.conftest import Governed
from tests.support.web import csrf_from, login, post_form
from waarborg.accounts.roles import Role
from waarborg.db.tables import Conversation, ConversationMessage, Feedback


def test_employee_asks_and_sees_sources_and_label(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client
) -> None:
    slug = with_sources("kennisbank", audience="intern", access_roles=["medewerker"])
    hidden = governed.create("nog-concept", audience="intern")
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    page = client.get("/assistent")
    assert page.status_code == 200
    assert f'value="{slug}"' in page.text
    assert f'value="{hidden}"' not in page.text  # not serving: the policy hides it

    answered = post_form(
        client, "/assistent", "/assistent", {"toepassing": slug, "vraag": "wat kost een paspoort"}
    )
    assert answered.status_code == 200
    assert "€ 80,35" in answered.text
    assert 'href="https://www.voorbeeld.nl/paspoort"' in answered.text
    assert "Dit antwoord is gemaakt door een AI-systeem" in answered.text

    refused = post_form(
        client,
        "/assistent",
        "/assistent",
        {"toepassing": slug, "vraag": "wanneer opent het zwembad"},
    )
    assert "geen antwoord op vinden" in refused.text
    empty = post_form(client, "/assistent", "/assistent", {"toepassing": slug, "vraag": " "})
    assert empty.status_code == 400
    assert "Stel een vraag." in empty.text
    sneaky = post_form(
        client, "/assistent", "/assistent", {"toepassing": hidden, "vraag": "wat kost een paspoort"}
    )
    assert "niet in gebruik" in sneaky.text


def test_auditor_without_access_roles_sees_no_use_case(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client
) -> None:
    with_sources("alleen-medewerkers", audience="intern", access_roles=["medewerker"])
    login(client, governed.tenant.username(Role.AUDITOR), PASSWORD)
    page = client.get("/assistent")
    assert "Er is nu geen toepassing die u mag gebruiken." in page.text


# --- Conversations, history, deleting, feedback and streaming (issue 5) ---------------------

CONVERSATION_LINK = re.compile(r'href="/assistent/gesprekken/([0-9a-f]+)/verwijderen"')
MESSAGE_ID = re.compile(r'name="bericht" value="([0-9a-f]+)"')


def ask_in(
    client: httpx.Client, slug: str, question: str, conversation: str = ""
) -> httpx.Response:
    page_path = f"/assistent/gesprekken/{conversation}" if conversation else "/assistent"
    return post_form(
        client,
        page_path,
        "/assistent",
        {"toepassing": slug, "vraag": question, "gesprek": conversation},
    )


def conversation_of(page: httpx.Response) -> str:
    match = CONVERSATION_LINK.search(page.text)
    assert match is not None, "the page shows no kept conversation"
    return match.group(1)


def count(governed: Governed, table: type[Any], conversation_id: str) -> int:
    with governed.database.session(governed.organisation_id) as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(table)
                .where(table.conversation_id == conversation_id)
            )
            or 0
        )


def post_without_token(client: httpx.Client, path: str, data: dict[str, str]) -> int:
    """The status of an unsafe request without its CSRF token, sent with a copy of the
    client's cookies (the refusal page forgets the session, which would log the client out)."""
    with httpx.Client(base_url=client.base_url, cookies=dict(client.cookies)) as copy:
        return copy.post(path, data=data).status_code


@contextmanager
def second_user(live_url: str, governed: Governed) -> Iterator[httpx.Client]:
    """Another person of the same organisation who may use the same use case."""
    with httpx.Client(base_url=live_url, follow_redirects=True, timeout=30) as other:
        login(other, governed.tenant.username(Role.AUDITOR), PASSWORD)
        yield other


def test_a_conversation_is_kept_continued_listed_and_deleted(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client, live_url: str
) -> None:
    slug = with_sources(
        "kennisbank", audience="intern", access_roles=["medewerker", "auditor"], retention_days=7
    )
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    first = ask_in(client, slug, "wat kost een paspoort")
    assert first.status_code == 200
    conversation = conversation_of(first)
    kept_until = (datetime.now(UTC) + timedelta(days=7)).strftime("%d-%m-%Y")
    assert f"Bewaard tot {kept_until}" in first.text

    second = ask_in(client, slug, "wanneer wordt de groene container geleegd", conversation)
    assert conversation_of(second) == conversation  # continued, not a new one
    assert second.text.count("<strong>Uw vraag:</strong>") == 2
    assert "wat kost een paspoort" in second.text
    assert "wanneer wordt de groene container geleegd" in second.text
    assert count(governed, ConversationMessage, conversation) == 4

    history = client.get("/assistent/gesprekken")
    assert history.status_code == 200
    assert f'href="/assistent/gesprekken/{conversation}"' in history.text
    assert "wat kost een paspoort" in history.text  # the title: the first question
    assert f"Bewaard tot {kept_until}" in history.text

    with second_user(live_url, governed) as other:
        assert other.get(f"/assistent/gesprekken/{conversation}").status_code == 404
        assert other.get(f"/assistent/gesprekken/{conversation}/verwijderen").status_code == 404
        assert conversation not in other.get("/assistent/gesprekken").text
        page = other.get("/assistent")
        stolen = other.post(
            f"/assistent/gesprekken/{conversation}/verwijderen",
            data={"csrf_token": csrf_from(page.text)},
        )
        assert stolen.status_code == 404
        continued = ask_in(other, slug, "wat kost een paspoort", conversation)
        assert conversation not in continued.text  # somebody else's: never continued
    assert count(governed, ConversationMessage, conversation) == 4

    confirm = client.get(f"/assistent/gesprekken/{conversation}/verwijderen")
    assert "Weet u zeker" in confirm.text
    assert (
        post_without_token(client, f"/assistent/gesprekken/{conversation}/verwijderen", {}) == 403
    )
    assert count(governed, ConversationMessage, conversation) == 4
    deleted = post_form(
        client,
        f"/assistent/gesprekken/{conversation}/verwijderen",
        f"/assistent/gesprekken/{conversation}/verwijderen",
        {},
    )
    assert deleted.status_code == 200
    assert str(deleted.url).endswith("/assistent/gesprekken")
    assert "Het gesprek is verwijderd." in deleted.text
    assert conversation not in deleted.text
    assert client.get(f"/assistent/gesprekken/{conversation}").status_code == 404
    assert count(governed, ConversationMessage, conversation) == 0
    with governed.database.session(governed.organisation_id) as session:
        assert session.get(Conversation, conversation) is None


def test_feedback_is_stored_with_its_comment_encrypted(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client, live_url: str
) -> None:
    slug = with_sources("kennisbank", audience="intern", access_roles=["medewerker", "auditor"])
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    answered = ask_in(client, slug, "wat kost een paspoort")
    conversation = conversation_of(answered)
    match = MESSAGE_ID.search(answered.text)
    assert match is not None
    message = match.group(1)
    page_path = f"/assistent/gesprekken/{conversation}"
    fields = {"gesprek": conversation, "bericht": message}

    unchosen = post_form(client, page_path, "/assistent/feedback", {**fields, "oordeel": ""})
    assert unchosen.status_code == 400
    assert "Kies of het antwoord nuttig was." in unchosen.text
    too_long = post_form(
        client,
        page_path,
        "/assistent/feedback",
        {**fields, "oordeel": "1", "toelichting": "x" * 2001},
    )
    assert too_long.status_code == 400
    assert "hoogstens 2000 tekens" in too_long.text
    assert post_without_token(client, "/assistent/feedback", {**fields, "oordeel": "1"}) == 403

    comment = "Het bedrag klopt niet voor kinderen onder 18 jaar"
    rated = post_form(
        client,
        page_path,
        "/assistent/feedback",
        {**fields, "oordeel": "-1", "toelichting": comment},
    )
    assert rated.status_code == 200
    assert "uw beoordeling is opgeslagen" in rated.text
    assert "U vond dit antwoord niet nuttig." in rated.text
    with governed.database.session(governed.organisation_id) as session:
        feedback = session.scalars(select(Feedback).where(Feedback.message_id == message)).one()
        assert feedback.rating == -1
        assert feedback.comment is not None
        assert comment.encode() not in str(feedback.comment).encode()
    database_file = governed.database.url.removeprefix("sqlite:///")
    if governed.database.dialect == "sqlite":
        governed.database.dispose()  # checkpoint: the write-ahead log is folded into the file
        assert Path(database_file).is_file()
        for path in (Path(database_file), Path(database_file + "-wal")):
            if path.exists():
                assert comment.encode() not in path.read_bytes()

    with second_user(live_url, governed) as other:
        page = other.get("/assistent")
        foreign = other.post(
            "/assistent/feedback",
            data={**fields, "oordeel": "1", "csrf_token": csrf_from(page.text)},
        )
        assert foreign.status_code == 404


def events_of(body: str) -> list[tuple[str, Any]]:
    found = []
    for block in body.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_the_stream_sends_pieces_that_add_up_to_the_final_answer(
    governed: Governed, with_sources: Callable[..., str], client: httpx.Client
) -> None:
    slug = with_sources("kennisbank", audience="intern", access_roles=["medewerker"])
    login(client, governed.tenant.username(Role.MEDEWERKER), PASSWORD)
    token = csrf_from(client.get("/assistent").text)
    question = {"toepassing": slug, "vraag": "wat kost een paspoort"}
    assert post_without_token(client, "/assistent/stream", question) == 403

    response = client.post("/assistent/stream", data={**question, "csrf_token": token})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = events_of(response.text)
    deltas = [data["text"] for kind, data in events if kind == "delta"]
    assert len(deltas) > 1
    assert [kind for kind, _ in events][-1] == "final"
    final = events[-1][1]
    assert "".join(deltas) == final["answer"]
    assert "€ 80,35" in final["answer"]
    assert final["refused"] is False
    assert final["label"].startswith("Dit antwoord is gemaakt door een AI-systeem")
    assert any(c["url"] == "https://www.voorbeeld.nl/paspoort" for c in final["citations"])
    assert final["conversation_id"]
    assert final["message_id"]
    assert set(final) >= {"reason", "flagged_claims"}

    continued = client.post(
        "/assistent/stream",
        data={**question, "gesprek": final["conversation_id"], "csrf_token": token},
    )
    assert events_of(continued.text)[-1][1]["conversation_id"] == final["conversation_id"]
    assert count(governed, ConversationMessage, final["conversation_id"]) == 4

    empty = client.post("/assistent/stream", data={**question, "vraag": " ", "csrf_token": token})
    assert empty.status_code == 400
    assert "Stel een vraag." in empty.text
