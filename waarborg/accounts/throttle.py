"""Login throttling: a cap per client address and a temporary lockout per account.

Counters live in the database so that every worker sees the same numbers. Keys are keyed
digests, never the raw username or IP address (both are personal data).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.accounts.tokens import keyed_digest
from waarborg.db.tables import LoginThrottle


@dataclass(frozen=True)
class ThrottlePolicy:
    max_failures: int
    failure_window: timedelta
    lockout: timedelta
    attempts_per_minute_per_client: int


@dataclass(frozen=True)
class ThrottleVerdict:
    allowed: bool
    retry_after_seconds: int = 0
    # "client" when one address made too many attempts, "account" when the account is locked.
    reason: str = ""


class LoginThrottler:
    def __init__(self, secret: bytes, policy: ThrottlePolicy) -> None:
        self._secret = secret
        self.policy = policy

    def account_key(self, username: str) -> str:
        return "u:" + keyed_digest(self._secret, username.strip().lower())

    def client_key(self, address: str) -> str:
        return "c:" + keyed_digest(self._secret, address)

    def check(self, session: Session, username: str, address: str) -> ThrottleVerdict:
        """Count this attempt for the client; say whether the attempt may proceed."""
        now = datetime.now(UTC)
        client = self._counter(session, self.client_key(address), now, timedelta(minutes=1))
        client.count += 1
        if client.count > self.policy.attempts_per_minute_per_client:
            wait = client.window_start + timedelta(minutes=1) - now
            return ThrottleVerdict(False, max(1, int(wait.total_seconds()) + 1), "client")
        account = session.get(LoginThrottle, self.account_key(username))
        if account is not None and account.locked_until is not None and account.locked_until > now:
            return ThrottleVerdict(
                False, int((account.locked_until - now).total_seconds()) + 1, "account"
            )
        return ThrottleVerdict(True)

    def record_failure(self, session: Session, username: str) -> None:
        now = datetime.now(UTC)
        account = self._counter(
            session, self.account_key(username), now, self.policy.failure_window
        )
        account.count += 1
        if account.count >= self.policy.max_failures:
            account.locked_until = now + self.policy.lockout
            account.count = 0
            account.window_start = now

    def record_success(self, session: Session, username: str) -> None:
        session.execute(
            delete(LoginThrottle).where(LoginThrottle.key == self.account_key(username))
        )

    def purge_stale(self, session: Session) -> int:
        """Remove counters whose window and lockout are over."""
        now = datetime.now(UTC)
        longest = max(self.policy.failure_window, timedelta(minutes=1))
        result = session.execute(
            delete(LoginThrottle).where(
                LoginThrottle.window_start < now - longest,
                (LoginThrottle.locked_until.is_(None)) | (LoginThrottle.locked_until < now),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def _counter(
        self, session: Session, key: str, now: datetime, window: timedelta
    ) -> LoginThrottle:
        record = session.get(LoginThrottle, key)
        if record is None:
            record = LoginThrottle(key=key, window_start=now, count=0)
            try:
                with session.begin_nested():
                    session.add(record)
            except IntegrityError:  # another worker created it a moment ago
                record = session.get(LoginThrottle, key, populate_existing=True) or record
        if now - record.window_start >= window:
            record.window_start = now
            record.count = 0
        return record
