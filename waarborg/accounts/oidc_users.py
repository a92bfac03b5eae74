"""Just-in-time accounts for people who log in through an OpenID Connect provider.

The provider is the authority on who someone is and which roles they hold: the account is found
by (provider, subject), created on first login, and its roles are replaced on every login. The
username only matters at creation; a username that already belongs to someone else is refused
rather than merged, because a matching name is no proof of being the same person.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.accounts.errors import InvalidIdentifierError
from waarborg.accounts.oidc import Identity, OidcError
from waarborg.accounts.users import create_user, find_user, normalise_username, set_roles
from waarborg.db.tables import Organisation, User
from waarborg.settings import OidcProvider

log = logging.getLogger("waarborg.oidc")
MAX_DISPLAY_NAME = 200  # the column's width; usernames may be longer


def provision(session: Session, provider: OidcProvider, identity: Identity) -> User:
    """The account for this identity, created or brought up to date; raises OidcError when
    the person may not log in. The caller commits (or rolls back on the error)."""
    organisation = session.scalar(
        select(Organisation).where(Organisation.slug == provider.organisation)
    )
    if organisation is None:
        log.warning("OIDC provider %s names an unknown organisation", provider.name)
        raise OidcError("misconfigured")
    if not organisation.active:
        raise OidcError("organisation_inactive")

    user = session.scalar(
        select(User).where(
            User.oidc_provider == provider.name, User.oidc_subject == identity.subject
        )
    )
    if user is None:
        user = _create(session, provider, organisation, identity)
    elif user.organisation_id != organisation.id:
        # The provider was pointed at another organisation; moving people silently would
        # hand their history to the wrong tenant.
        log.warning("OIDC provider %s: account belongs to another organisation", provider.name)
        raise OidcError("misconfigured")
    elif not user.active:
        raise OidcError("user_disabled")
    elif not identity.roles:
        raise OidcError("no_role")
    else:
        set_roles(session, user, identity.roles)
        if identity.display_name:
            user.display_name = identity.display_name[:MAX_DISPLAY_NAME]
    user.last_login_at = datetime.now(UTC)
    session.flush()
    return user


def _create(
    session: Session, provider: OidcProvider, organisation: Organisation, identity: Identity
) -> User:
    if not identity.roles:
        raise OidcError("no_role")
    if identity.username is None:
        raise OidcError("no_username", claim=provider.username_claim)
    try:
        username = normalise_username(identity.username)
    except InvalidIdentifierError:
        raise OidcError("invalid_username", username=identity.username[:254]) from None
    existing = find_user(session, username)
    if existing is not None:
        if not _prepared_for(existing, organisation):
            raise OidcError("username_taken", username=username)
        # An administrator created this account with 'waarborg user create --oidc-only' for
        # this person: the first login through the organisation's provider claims it.
        if not existing.active:
            raise OidcError("user_disabled")
        existing.oidc_provider = provider.name
        existing.oidc_subject = identity.subject
        set_roles(session, existing, identity.roles)
        if identity.display_name:
            existing.display_name = identity.display_name[:MAX_DISPLAY_NAME]
        return existing
    display_name = (identity.display_name or username)[:MAX_DISPLAY_NAME]
    user = create_user(session, organisation, username, display_name, identity.roles)
    user.oidc_provider = provider.name
    user.oidc_subject = identity.subject
    return user


def _prepared_for(user: User, organisation: Organisation) -> bool:
    """A passwordless account in this organisation, not yet linked to any provider."""
    return (
        user.organisation_id == organisation.id
        and user.password_hash is None
        and user.oidc_subject is None
        and user.oidc_provider is None
    )
