"""The assistant's memory, in the owner's hands: the list of live conversations with how long
each is kept, deleting one at once, and thumbs up/down with a comment on an answer.

The store checks ownership: somebody else's conversation is simply not found (404).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from waarborg.conversations.store import MAX_COMMENT
from waarborg.db.tables import UseCase
from waarborg.web.flash import set_flash
from waarborg.web.rendering import render
from waarborg.web.routes.assistant_view import load, owner_of, page, store_for
from waarborg.web.visitor import DbSession, SignedIn, Visitor

router = APIRouter()
Identifier = Annotated[str, Form(max_length=64)]


def listing(request: Request, db: Session, visitor: Visitor) -> list[dict[str, object]]:
    store = store_for(request, db)
    names = {u.id: u.name for u in db.query(UseCase).filter_by(organisation_id=visitor.tenant.id)}
    return [
        {
            "id": conversation.id,
            "title": store.title(conversation),
            "use_case": names.get(conversation.use_case_id, ""),
            "last_activity_at": conversation.last_activity_at,
            "expires_at": conversation.expires_at,
        }
        for conversation in store.history(owner_of(visitor))
    ]


@router.get("/gesprekken", name="assistant_history")
async def history(request: Request, visitor: SignedIn, db: DbSession) -> Response:
    conversations = await run_in_threadpool(listing, request, db, visitor)
    return render(request, visitor, "assistent/gesprekken.html", {"conversations": conversations})


def _title(request: Request, db: Session, visitor: Visitor, conversation_id: str) -> str | None:
    store = store_for(request, db)
    conversation = store.find(conversation_id, owner_of(visitor))
    return None if conversation is None else store.title(conversation)


@router.get("/gesprekken/{conversation_id}/verwijderen", name="assistant_confirm_delete")
async def confirm_delete(
    request: Request, visitor: SignedIn, db: DbSession, conversation_id: str
) -> Response:
    title = await run_in_threadpool(_title, request, db, visitor, conversation_id)
    if title is None:
        raise HTTPException(status_code=404)
    return render(
        request,
        visitor,
        "assistent/verwijderen.html",
        {"conversation_id": conversation_id, "title": title},
    )


def _delete(request: Request, db: Session, visitor: Visitor, conversation_id: str) -> bool:
    store = store_for(request, db)
    conversation = store.find(conversation_id, owner_of(visitor))
    if conversation is None:
        return False
    store.delete(conversation)
    db.commit()
    return True


@router.post("/gesprekken/{conversation_id}/verwijderen")
async def delete(
    request: Request, visitor: SignedIn, db: DbSession, conversation_id: str
) -> Response:
    if not await run_in_threadpool(_delete, request, db, visitor, conversation_id):
        raise HTTPException(status_code=404)
    response = RedirectResponse("/assistent/gesprekken", status_code=303)
    set_flash(response, request, "assistant.deleted")
    return response


def _rate(
    request: Request,
    db: Session,
    visitor: Visitor,
    conversation_id: str,
    message_id: str,
    rating: int,
    comment: str,
) -> str | None:
    """None when stored; otherwise the problem, in Dutch. LookupError: not this person's."""
    store = store_for(request, db)
    conversation = store.find(conversation_id, owner_of(visitor))
    if conversation is None:
        raise LookupError(conversation_id)
    try:
        store.rate(conversation, message_id, rating, comment.strip())
    except ValueError as problem:
        db.rollback()
        return str(problem)
    db.commit()
    return None


@router.post("/feedback", name="assistant_feedback")
async def feedback(
    request: Request,
    visitor: SignedIn,
    db: DbSession,
    gesprek: Identifier = "",
    bericht: Identifier = "",
    oordeel: Annotated[str, Form(max_length=4)] = "",
    toelichting: Annotated[str, Form(max_length=MAX_COMMENT * 2)] = "",
) -> Response:
    error: str | None
    if oordeel not in ("1", "-1"):
        error = visitor.t("assistant.feedback.choose")
    elif len(toelichting.strip()) > MAX_COMMENT:
        error = visitor.t("assistant.feedback.too_long", limit=MAX_COMMENT)
    else:
        try:
            error = await run_in_threadpool(
                _rate, request, db, visitor, gesprek, bericht, int(oordeel), toelichting
            )
        except LookupError as missing:
            raise HTTPException(status_code=404) from missing
    if error is None:
        response = RedirectResponse(
            f"/assistent/gesprekken/{gesprek}#bericht-{bericht}", status_code=303
        )
        set_flash(response, request, "assistant.feedback.thanks")
        return response
    shown = await run_in_threadpool(load, request, db, visitor, gesprek)
    if shown is None:
        raise HTTPException(status_code=404)
    return page(request, visitor, shown, error=error)
