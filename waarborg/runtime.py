"""Everything a running app holds, built once from the settings in ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from waarborg.accounts.throttle import LoginThrottler, ThrottlePolicy
from waarborg.accounts.web_sessions import SessionPolicy
from waarborg.conversations.vault import Vault
from waarborg.db.database import Database
from waarborg.knowledge.embedding_setup import make_index_cache
from waarborg.knowledge.index_cache import IndexCache
from waarborg.models.registry import BackendRegistry
from waarborg.pipeline.governed import GovernedPath
from waarborg.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    database: Database
    secret: bytes
    session_policy: SessionPolicy
    throttler: LoginThrottler
    indexes: IndexCache
    vault: Vault
    backends: BackendRegistry | None = None

    def governed_path(self) -> GovernedPath:
        """The request path every page and API answers through."""
        return GovernedPath(self.database, self.indexes, self.vault, self.backends)

    @classmethod
    def from_settings(cls, settings: Settings) -> Runtime:
        secret = settings.secret_bytes()
        return cls(
            settings=settings,
            database=Database(settings.resolved_database_url),
            secret=secret,
            session_policy=SessionPolicy(
                idle=timedelta(minutes=settings.session_idle_minutes),
                absolute=timedelta(hours=settings.session_absolute_hours),
            ),
            throttler=LoginThrottler(
                secret,
                ThrottlePolicy(
                    max_failures=settings.login_max_failures,
                    failure_window=timedelta(minutes=settings.login_failure_window_minutes),
                    lockout=timedelta(minutes=settings.login_lockout_minutes),
                    attempts_per_minute_per_client=settings.login_attempts_per_minute_per_client,
                ),
            ),
            indexes=make_index_cache(settings),
            vault=Vault(secret),
            backends=BackendRegistry.from_settings(settings),
        )
