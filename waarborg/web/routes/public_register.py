"""The register in the web: public pages per organisation (no login) and, in the console, the
download of a use case's Algoritmeregister file.

The public pages read through their own database session, bound to the organisation asked for:
a signed-in visitor's session is bound to the visitor's own organisation and would see nothing
else, and the binding is the safety net that keeps other organisations out of these pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Request
from markupsafe import Markup
from sqlalchemy.orm import Session
from starlette.responses import Response

from waarborg.accounts.roles import Role
from waarborg.db.tables import Organisation
from waarborg.db.tenancy import bind_to_organisation
from waarborg.governance.use_cases import find_use_case
from waarborg.register.entry import build_register_entry
from waarborg.register.export import RegisterExportError, entry_json, export_use_case, file_name
from waarborg.register.html import markup_in
from waarborg.register.public import (
    find_public_use_case,
    public_card,
    public_organisation,
    public_use_cases,
)
from waarborg.register.standard import FIELDS, HTML_TAGS
from waarborg.register.validation import EMAIL, is_link
from waarborg.request_scope import get_runtime
from waarborg.web.rendering import render
from waarborg.web.visitor import CurrentVisitor, DbSession, Visitor, require_roles

router = APIRouter()

# Who may download the register file: everyone who carries or checks governance.
Governors = Annotated[
    Visitor,
    require_roles(Role.BEHEERDER, Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.AUDITOR),
]
# Technical fields of the standard that mean nothing to a reader of the public page.
NOT_SHOWN = frozenset({"lang", "standard_version", "lars", "publication_dt"})


def public_url(request: Request) -> str:
    configured = get_runtime(request).settings.public_url
    return (configured or str(request.base_url)).rstrip("/")


@contextmanager
def _public_session(request: Request) -> Iterator[Session]:
    session = get_runtime(request).database.new_session()
    try:
        yield session
    finally:
        session.close()


def _organisation(session: Session, slug: str) -> Organisation:
    organisation = public_organisation(session, slug)
    if organisation is None:
        raise HTTPException(status_code=404)
    bind_to_organisation(session, organisation.id)
    return organisation


@router.get("/register/{organisation_slug}", name="public_register")
def organisation_register(
    request: Request, organisation_slug: str, visitor: CurrentVisitor
) -> Response:
    with _public_session(request) as session:
        organisation = _organisation(session, organisation_slug)
        cards = [
            public_card(session, organisation, use_case)
            for use_case in public_use_cases(session, organisation)
        ]
        context = {"organisation_name": organisation.name, "slug": organisation.slug}
    return render(request, visitor, "register/organisation.html", {**context, "cards": cards})


@dataclass
class Row:
    """One field of the public entry, ready to show: text, safe markup, or a list of links."""

    name: str
    title: str
    text: str = ""
    markup: Markup | None = None
    href: str | None = None
    links: list[tuple[str, str | None]] = field(default_factory=list)


def _row(name: str, value: Any) -> Row:
    row = Row(name=name, title=FIELDS[name].title)
    if isinstance(value, list) and value and isinstance(value[0], dict):
        row.links = [
            (
                str(item.get("title", "")),
                link if is_link(link := str(item.get("link", ""))) else None,
            )
            for item in value
        ]
    elif isinstance(value, list):
        row.text = ", ".join(str(item) for item in value)
    elif FIELDS[name].allows_html and _only_allowed_markup(str(value)):
        # Built by Waarborg from escaped text; checked once more before it is trusted.
        row.markup = Markup(str(value))  # noqa: S704
    else:
        row.text = str(value)
        if is_link(row.text):
            row.href = row.text
        elif name == "contact_email" and EMAIL.fullmatch(row.text):
            row.href = f"mailto:{row.text}"
    return row


def _only_allowed_markup(value: str) -> bool:
    tags, extras = markup_in(value)
    return tags <= set(HTML_TAGS) and not extras


@router.get("/register/{organisation_slug}/{use_case_slug}", name="public_register_entry")
def register_entry(
    request: Request, organisation_slug: str, use_case_slug: str, visitor: CurrentVisitor
) -> Response:
    with _public_session(request) as session:
        organisation = _organisation(session, organisation_slug)
        use_case = find_public_use_case(session, organisation, use_case_slug)
        if use_case is None:
            raise HTTPException(status_code=404)
        entry = build_register_entry(
            session, organisation, use_case, public_url=public_url(request)
        )
        rows = [_row(name, value) for name, value in entry.items() if name not in NOT_SHOWN]
        card = public_card(session, organisation, use_case)
        context = {
            "organisation_name": organisation.name,
            "slug": organisation.slug,
            "card": card,
            "rows": rows,
        }
    return render(request, visitor, "register/entry.html", context)


@router.get("/toepassingen/{slug}/register.json", name="register_export")
def download_entry(request: Request, slug: str, visitor: Governors, db: DbSession) -> Response:
    """The Algoritmeregister file, or a page naming every field that is still missing."""
    organisation = visitor.tenant
    use_case = find_use_case(db, organisation.id, slug)
    if use_case is None:
        raise HTTPException(status_code=404)
    try:
        entry = export_use_case(db, organisation, use_case, public_url=public_url(request))
    except RegisterExportError as error:
        context = {"use_case": use_case, "problems": error.problems}
        return render(request, visitor, "register/export_problems.html", context, 422)
    return Response(
        entry_json(entry),
        media_type="application/json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{file_name(organisation, use_case)}"',
            "Cache-Control": "no-store",
        },
    )
