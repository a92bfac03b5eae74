"""The tenant hook's shortcut for statements that limit themselves to an organisation: it
applies only when that organisation is the session's, so the safety net still holds."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import String, bindparam, select

from tests.conftest import Tenant
from waarborg.db.database import Database
from waarborg.db.tables import ModelEntry
from waarborg.db.tenancy import SELF_SCOPED, bind_to_organisation
from waarborg.governance.catalogue import seed_catalogue

QUERY = (
    select(ModelEntry.key)
    .where(ModelEntry.organisation_id == bindparam("organisation_id", type_=String()))
    .execution_options(**{SELF_SCOPED: True})
)


def test_a_self_scoped_statement_for_another_organisation_still_gets_the_criteria(
    database: Database, make_tenant: Callable[..., Tenant]
) -> None:
    a, b = make_tenant("a"), make_tenant("b")
    with database.session() as session:
        seed_catalogue(session, a.organisation)
        seed_catalogue(session, b.organisation)
    with database.session() as session:
        bind_to_organisation(session, a.organisation.id)
        own = list(session.scalars(QUERY, {"organisation_id": a.organisation.id}))
        foreign = list(session.scalars(QUERY, {"organisation_id": b.organisation.id}))
    assert own
    assert foreign == []
