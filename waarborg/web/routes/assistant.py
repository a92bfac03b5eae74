"""The employee assistant: pick an approved use case, ask, and get a cited, labelled answer.

Every question goes through the same governed path as the API (``pipeline.ask``); this module
only renders it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from starlette.responses import Response

from waarborg.db.tables import UseCase
from waarborg.governance.policy import Caller, authorise
from waarborg.governance.use_cases import list_use_cases
from waarborg.pipeline.ask import MAX_QUESTION, QuestionError, ask
from waarborg.request_scope import get_runtime
from waarborg.web.csrf import verify_csrf
from waarborg.web.rendering import render
from waarborg.web.visitor import DbSession, SignedIn, Visitor

router = APIRouter(prefix="/assistent", dependencies=[Depends(verify_csrf)])


def caller_of(visitor: Visitor) -> Caller:
    return Caller(user_id=visitor.account.id, roles=frozenset(visitor.roles))


def available(db: DbSession, visitor: Visitor) -> list[UseCase]:
    """The use cases this person may ask right now (the policy decides, not the page)."""
    caller = caller_of(visitor)
    return [
        use_case
        for use_case in list_use_cases(db, visitor.tenant.id)
        if authorise(db, visitor.tenant, use_case.slug, caller).allowed
    ]


@router.get("", name="assistant")
def show(request: Request, visitor: SignedIn, db: DbSession, toepassing: str = "") -> Response:
    use_cases = available(db, visitor)
    chosen = toepassing or (use_cases[0].slug if use_cases else "")
    return render(
        request,
        visitor,
        "assistent.html",
        {
            "use_cases": use_cases,
            "chosen": chosen,
            "question": "",
            "result": None,
            "max_question": MAX_QUESTION,
        },
    )


@router.post("")
def ask_question(
    request: Request,
    visitor: SignedIn,
    db: DbSession,
    toepassing: Annotated[str, Form(max_length=64)] = "",
    vraag: Annotated[str, Form(max_length=MAX_QUESTION)] = "",
) -> Response:
    use_cases = available(db, visitor)
    error = None
    result = None
    try:
        result = ask(
            db,
            visitor.tenant,
            toepassing,
            caller_of(visitor),
            vraag,
            get_runtime(request).indexes,
            visitor.language,
        )
        db.commit()  # the audit event of this question
    except QuestionError as problem:
        error = str(problem)
    return render(
        request,
        visitor,
        "assistent.html",
        {
            "use_cases": use_cases,
            "chosen": toepassing,
            "question": vraag,
            "result": result,
            "error": error,
            "max_question": MAX_QUESTION,
        },
        status_code=400 if error else 200,
    )
