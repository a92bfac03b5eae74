"""Everything a chat request needs before the engine, in one worker-thread hop: the API key,
the policy's decision (once), the limits, the privacy guard and retrieval.

The reads share one read-only transaction (on SQLite it takes no write lock; on PostgreSQL one
connection check-out, one BEGIN and one ROLLBACK instead of two of each); the two things that
write, counting the request and, for a rejection, its audit event, go through the group
writer in one job. The writer has a connection of its own, so the read transaction may stay
open while that job waits: the pool cannot run dry of connections for the writer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from waarborg.api.gateway_admission import Decided, Refused, count, decide
from waarborg.api.gateway_errors import GatewayError, KeyIdentity, record_rejection
from waarborg.api.gateway_request import identify_in, touch, unknown_key
from waarborg.api.gateway_schema import ChatBody
from waarborg.db.tenancy import bind_to_organisation
from waarborg.governance.policy import Caller
from waarborg.pipeline.reading import read_session
from waarborg.pipeline.results import AnswerResult
from waarborg.pipeline.stages import Prepared, Trace, prepare
from waarborg.pipeline.turn import TurnRequest
from waarborg.pipeline.writer import writer_for
from waarborg.runtime import Runtime


@dataclass(frozen=True)
class Unauthorised:
    error: GatewayError


@dataclass(frozen=True)
class Rejection:
    """Refused before the governed path; the rejection is already in the audit chain."""

    error: GatewayError


@dataclass(frozen=True)
class Ready:
    who: KeyIdentity
    body: ChatBody
    turn: TurnRequest
    decided: Decided
    prepared: Prepared | AnswerResult
    trace: Trace


def admit_and_prepare(
    runtime: Runtime,
    secret: str,
    request: tuple[ChatBody, TurnRequest] | GatewayError,
) -> Unauthorised | Rejection | Ready:
    """``request`` is the parsed body and its turn (organisation not yet filled in), or the
    error the body gave; a bad key is answered 401 before any problem with the body."""
    database = runtime.database
    with read_session(database) as session:
        found = identify_in(session, secret)
        if found is None:
            return Unauthorised(unknown_key())
        who, touched, organisation = found
        if isinstance(request, GatewayError):
            return _reject(runtime, who, touched, request, "")
        bind_to_organisation(session, who.organisation_id)  # from here on: its rows only
        body, turn = request
        decided = decide(
            session, runtime.settings, who, body.use_case, body.model_key, organisation
        )
        if isinstance(decided, Refused):
            return _reject(runtime, who, touched, decided.error, decided.use_case)

        def counted(writing: Session) -> Refused | None:
            touch(writing, who.key_id, touched)
            refused = count(writing, who, decided)
            if refused is not None:
                record_rejection(writing, who, refused.error, use_case=refused.use_case)
            return refused

        refused = writer_for(database).call(who.organisation_id, counted)
        if refused is not None:
            return Rejection(refused.error)
        turn = replace(
            turn, organisation_id=who.organisation_id, caller=Caller(api_key_id=who.key_id)
        )
        trace = Trace(channel=turn.channel)
        prepared = prepare(
            session,
            turn,
            runtime.indexes,
            runtime.vault,
            trace,
            decided=(decided.organisation, decided.decision),
        )
    return Ready(who, body, turn, decided, prepared, trace)


def _reject(
    runtime: Runtime,
    who: KeyIdentity,
    touched: datetime | None,
    error: GatewayError,
    use_case: str,
) -> Rejection:
    def work(session: Session) -> None:
        touch(session, who.key_id, touched)
        record_rejection(session, who, error, use_case=use_case)

    writer_for(runtime.database).call(who.organisation_id, work)
    return Rejection(error)
