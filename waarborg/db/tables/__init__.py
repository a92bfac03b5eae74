"""All ORM tables; importing this package registers them on ``Base.metadata``."""

from waarborg.db.tables.accounts import ApiKey, User, UserRole
from waarborg.db.tables.organisations import Organisation
from waarborg.db.tables.security import LoginThrottle, WebSession

__all__ = ["ApiKey", "LoginThrottle", "Organisation", "User", "UserRole", "WebSession"]
