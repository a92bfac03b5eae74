"""Tenant scoping: a session bound to one organisation can only see that organisation's rows.

Services still filter explicitly; this listener is the safety net that turns a forgotten filter
into an empty result instead of a data leak between municipalities.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from waarborg.db.base import OrganisationScoped

SCOPE_KEY = "organisation_id"
# Execution option of a statement that itself limits every organisation-scoped table it reads
# to the bound parameter ``organisation_id`` (built once, on the request path). When that
# parameter is the session's organisation, the criteria below would add nothing but their
# cost, which was more than the statement's own (they make every execution a new statement
# to compile a cache key for); when it is another organisation, they are added as always.
SELF_SCOPED = "waarborg_self_scoped"


def bind_to_organisation(session: Session, organisation_id: str) -> Session:
    session.info[SCOPE_KEY] = organisation_id
    return session


def scoped_organisation(session: Session) -> str | None:
    value = session.info.get(SCOPE_KEY)
    return str(value) if value is not None else None


@event.listens_for(Session, "do_orm_execute")
def _add_organisation_criteria(state: ORMExecuteState) -> None:
    organisation_id = state.session.info.get(SCOPE_KEY)
    if organisation_id is None or state.is_column_load or state.is_relationship_load:
        return
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if (
        state.execution_options.get(SELF_SCOPED)
        and isinstance(state.parameters, dict)
        and state.parameters.get(SCOPE_KEY) == organisation_id
    ):
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            OrganisationScoped,
            lambda cls: cls.organisation_id == organisation_id,
            include_aliases=True,
        )
    )


@event.listens_for(Session, "before_flush")
def _refuse_foreign_writes(session: Session, _context: object, _instances: object) -> None:
    organisation_id = session.info.get(SCOPE_KEY)
    if organisation_id is None:
        return
    for obj in list(session.new) + list(session.dirty) + list(session.deleted):
        if isinstance(obj, OrganisationScoped) and obj.organisation_id != organisation_id:
            raise PermissionError("record belongs to another organisation")
