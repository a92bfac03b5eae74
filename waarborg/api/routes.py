"""Administrative JSON API (version 1)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from waarborg.api.auth import Caller

router = APIRouter(prefix="/api/v1", tags=["beheer"])


class OrganisationInfo(BaseModel):
    slug: str
    name: str
    api_key_name: str
    api_key_prefix: str


@router.get("/organisatie", name="api_organisation")
def who_am_i(caller: Caller) -> OrganisationInfo:
    """The organisation (and key) a request is made for: a cheap way to test a key."""
    return OrganisationInfo(
        slug=caller.organisation.slug,
        name=caller.organisation.name,
        api_key_name=caller.key.name,
        api_key_prefix=caller.key.prefix,
    )
