"""What the governance console's forms share: the posted values, and the choices each form
offers. The services validate; this module only turns form fields into the services' input, so
the console accepts exactly what the CLI and the API accept."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from waarborg.accounts.roles import ALL_ROLES, Role
from waarborg.accounts.users import list_users
from waarborg.db.tables import Organisation, UseCase
from waarborg.governance.catalogue import list_models, model_warnings
from waarborg.governance.fields import REGISTER_THEMES, UseCaseFields
from waarborg.governance.use_cases import find_use_case
from waarborg.governance.vocabulary import (
    Audience,
    DataClassification,
    PersonalDataPolicy,
    TaskType,
)
from waarborg.web.csrf import CSRF_FIELD
from waarborg.web.visitor import Visitor, require_roles

# Everyone who carries responsibility for AI, or inspects it, sees the governance records.
Governor = Annotated[
    Visitor,
    require_roles(Role.EIGENAAR, Role.PRIVACY_OFFICER, Role.CISO, Role.BEHEERDER, Role.AUDITOR),
]
# Registering a use case is for owners and administrators.
Registrar = Annotated[Visitor, require_roles(Role.EIGENAAR, Role.BEHEERDER)]

TEXT_FIELDS = (
    "name",
    "purpose",
    "description",
    "human_oversight",
    "citizen_contact",
    "contact_email",
)
CHOICE_FIELDS = ("audience", "task_type", "data_classification", "personal_data_policy")
LIST_FIELDS = ("allowed_models", "access_roles", "themes")
# A page of its own lives under this path, so no use case may be called so.
RESERVED_SLUGS = frozenset({"nieuw"})

Posted = dict[str, list[str]]


async def posted_form(request: Request) -> Posted:
    """Every posted field with all its values (CSRF already checked by the router)."""
    form = await request.form()
    return {
        key: [value for value in form.getlist(key) if isinstance(value, str)]
        for key in form
        if key != CSRF_FIELD
    }


PostedForm = Annotated[Posted, Depends(posted_form)]


def first(form: Posted, name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def use_case_data(form: Posted) -> dict[str, Any]:
    """The posted use-case form as the input of ``UseCaseFields`` (slug and owner included)."""
    data: dict[str, Any] = {name: first(form, name) for name in TEXT_FIELDS + CHOICE_FIELDS}
    for name in LIST_FIELDS:
        data[name] = form.get(name, [])
    days = first(form, "retention_days").strip()
    data["retention_days"] = int(days) if days.isdigit() else days
    data["published"] = first(form, "published") == "ja"
    data["owner"] = first(form, "owner").strip() or None
    if "slug" in form:
        data["slug"] = first(form, "slug").strip()
    return data


def defaults(visitor: Visitor) -> dict[str, Any]:
    """A new use case's form before anything is typed: the defaults of ``UseCaseFields``."""
    data = {
        name: "" if field.is_required() else field.get_default(call_default_factory=True)
        for name, field in UseCaseFields.model_fields.items()
    }
    data["owner"] = visitor.account.username if visitor.has_role(Role.EIGENAAR) else None
    return _as_strings(data)


def current(fields: UseCaseFields) -> dict[str, Any]:
    return _as_strings(fields.model_dump(mode="json"))


def _as_strings(data: dict[str, Any]) -> dict[str, Any]:
    """Values as the form compares them: strings, and lists of strings."""
    shown: dict[str, Any] = {}
    for name, value in data.items():
        if isinstance(value, list):
            shown[name] = [str(item) for item in value]
        elif isinstance(value, bool) or value is None:
            shown[name] = value
        else:
            shown[name] = str(value)
    return shown


def form_choices(db: Session, organisation: Organisation) -> dict[str, Any]:
    """What the use-case form offers: vocabularies, the catalogue, roles, themes, owners."""
    owners = [
        user
        for user in list_users(db, organisation.id)
        if user.active and Role.EIGENAAR.value in user.role_names
    ]
    return {
        "audiences": [a.value for a in Audience],
        "task_types": [t.value for t in TaskType],
        "classifications": [c.value for c in DataClassification],
        "policies": [p.value for p in PersonalDataPolicy],
        "models": [(m, model_warnings(m)) for m in list_models(db, organisation.id)],
        "roles": [role.value for role in ALL_ROLES],
        "themes": REGISTER_THEMES,
        "owners": owners,
    }


def use_case_or_404(db: Session, visitor: Visitor, slug: str) -> UseCase:
    """The visitor's organisation's use case; another organisation's is simply not there."""
    use_case = find_use_case(db, visitor.tenant.id, slug)
    if use_case is None:
        raise HTTPException(status_code=404)
    return use_case


def is_owner_or_admin(visitor: Visitor, use_case: UseCase) -> bool:
    return visitor.account.id == use_case.owner_id or visitor.has_role(Role.BEHEERDER)
