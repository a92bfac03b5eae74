"""Which use cases an API key may call. A key without scopes calls none: least privilege."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from waarborg.db.tables import ApiKey, ApiKeyScope, UseCase
from waarborg.governance.use_cases import get_use_case


def set_scopes(session: Session, key: ApiKey, slugs: Iterable[str]) -> list[str]:
    """Replace the key's scopes with these use cases (all must exist in its organisation)."""
    use_cases = [get_use_case(session, key.organisation_id, slug) for slug in dict.fromkeys(slugs)]
    session.execute(delete(ApiKeyScope).where(ApiKeyScope.api_key_id == key.id))
    for use_case in use_cases:
        session.add(
            ApiKeyScope(
                organisation_id=key.organisation_id, api_key_id=key.id, use_case_id=use_case.id
            )
        )
    session.flush()
    return [use_case.slug for use_case in use_cases]


def scopes_of(session: Session, key: ApiKey) -> list[str]:
    query = (
        select(UseCase.slug)
        .join(ApiKeyScope, ApiKeyScope.use_case_id == UseCase.id)
        .where(ApiKeyScope.api_key_id == key.id)
        .order_by(UseCase.slug)
    )
    return list(session.scalars(query))
