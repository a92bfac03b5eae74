"""OpenID Connect as a relying party: authorization code flow with PKCE, protocol only.

Waarborg trusts the organisation's own identity provider (Keycloak, Microsoft Entra ID) for who
someone is and which roles they hold. Everything that provider sends is checked here before it
is believed, and nothing it sends is kept: the ID token is validated and reduced to an
``Identity``; the access token is used at most once, for the userinfo endpoint, and dropped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import quote, urlencode, urlsplit

import httpx
import jwt

from waarborg.accounts.roles import Role, UnknownRoleError, parse_roles
from waarborg.settings import OidcProvider

log = logging.getLogger("waarborg.oidc")

ALGORITHMS: Mapping[str, str] = {"RS256": "RSA", "ES256": "EC"}  # accepted alg -> key type
LEEWAY_SECONDS = 60
MAX_SUBJECT = 255  # OpenID Connect Core 1.0, section 2
CACHE_SECONDS = 3600
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
MAX_RESPONSE_BYTES = 1_000_000
LOOPBACK_HOSTS = frozenset({"localhost"})

# The Dutch text shown to the person logging in, by reason code. The web layer shows the same
# text through its catalogues (``oidc.error.<code>``) so English visitors get English; a test
# keeps the Dutch catalogue identical to this table. None of these ever contains a token.
REASONS: Mapping[str, str] = {
    "insecure_issuer": (
        "de inlogdienst is niet via https ingesteld en Waarborg weigert een onbeveiligde "
        "verbinding. Vraag uw beheerder de instelling te herstellen."
    ),
    "unavailable": (
        "de inlogdienst is niet bereikbaar of gaf een onverwacht antwoord. Probeer het later "
        "opnieuw."
    ),
    "misconfigured": (
        "de koppeling met de inlogdienst is onjuist ingesteld. Vraag uw beheerder de instelling "
        "te controleren."
    ),
    "flow_missing": (
        "uw inlogpoging is verlopen of in een ander venster begonnen. Probeer opnieuw in te loggen."
    ),
    "state_mismatch": (
        "het antwoord van de inlogdienst hoort niet bij uw inlogpoging. Probeer opnieuw in te "
        "loggen."
    ),
    "access_denied": (
        "de inlogdienst heeft de toegang geweigerd of u heeft het inloggen afgebroken."
    ),
    "provider_error": (
        "de inlogdienst meldde een fout ({error}). Probeer het opnieuw of neem contact op met "
        "uw beheerder."
    ),
    "no_code": "de inlogdienst stuurde geen inlogcode terug. Probeer opnieuw in te loggen.",
    "token_refused": (
        "de inlogdienst weigerde de inlogcode in te wisselen. Probeer opnieuw in te loggen; "
        "blijft dit gebeuren, neem dan contact op met uw beheerder."
    ),
    "token_invalid": "het identiteitsbewijs van de inlogdienst is ongeldig.",
    "token_signature": (
        "de handtekening op het identiteitsbewijs van de inlogdienst klopt niet. Waarborg "
        "vertrouwt het daarom niet."
    ),
    "token_audience": "het identiteitsbewijs van de inlogdienst is niet voor Waarborg bestemd.",
    "token_issuer": "het identiteitsbewijs komt niet van de ingestelde inlogdienst.",
    "token_expired": (
        "het identiteitsbewijs van de inlogdienst is verlopen of nog niet geldig. Probeer "
        "opnieuw in te loggen."
    ),
    "token_nonce": (
        "het identiteitsbewijs hoort niet bij deze inlogpoging. Probeer opnieuw in te loggen."
    ),
    "groups_overage": (
        "u bent lid van te veel groepen om die in het identiteitsbewijs mee te sturen. Vraag "
        "uw beheerder om app-rollen te gebruiken."
    ),
    "no_username": "de inlogdienst stuurde geen gebruikersnaam mee (claim '{claim}').",
    "invalid_username": (
        "de gebruikersnaam '{username}' kan Waarborg niet gebruiken (toegestaan: 2 tot 254 "
        "tekens, letters, cijfers en . _ @ + -)."
    ),
    "no_role": "uw account heeft (nog) geen rol in Waarborg; vraag uw beheerder om toegang.",
    "username_taken": (
        "de gebruikersnaam '{username}' is in Waarborg al in gebruik door een ander account. "
        "Vraag uw beheerder om dit op te lossen."
    ),
    "user_disabled": "uw account in Waarborg is uitgeschakeld. Neem contact op met uw beheerder.",
    "organisation_inactive": (
        "uw organisatie is in Waarborg niet (meer) actief. Neem contact op met uw beheerder."
    ),
    "conflict": (
        "uw account kon niet worden bijgewerkt omdat er tegelijk een andere aanmelding was. "
        "Probeer het opnieuw."
    ),
}


class OidcError(Exception):
    """A refused OIDC login. ``str(error)`` is the code alone, so it is safe to log;
    ``reason`` is the Dutch sentence for the person logging in."""

    def __init__(self, code: str, **values: str) -> None:
        super().__init__(code)
        self.code = code
        self.values = values
        self.reason = REASONS[code].format(**values)


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    token_auth_methods: tuple[str, ...]


@dataclass(frozen=True)
class AuthorizationRequest:
    url: str
    state: str = field(repr=False)
    nonce: str = field(repr=False)
    code_verifier: str = field(repr=False)


@dataclass(frozen=True)
class Tokens:
    id_token: str = field(repr=False)
    access_token: str | None = field(repr=False)


@dataclass(frozen=True)
class Identity:
    """What Waarborg keeps of a login: the stable subject, a username and the mapped roles."""

    subject: str
    username: str | None
    display_name: str
    roles: tuple[Role, ...]


T = TypeVar("T")


class _TtlCache(Generic[T]):
    """Per-issuer cache, so a login does not cost a discovery and a JWKS round trip."""

    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._lock = threading.Lock()
        self._items: dict[str, tuple[float, T]] = {}

    def get(self, key: str, load: Callable[[], T], refresh: bool = False) -> T:
        now = time.monotonic()
        with self._lock:
            cached = self._items.get(key)
        if cached is not None and not refresh and now - cached[0] < self._seconds:
            return cached[1]
        value = load()
        with self._lock:
            self._items[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_metadata_cache: _TtlCache[ProviderMetadata] = _TtlCache(CACHE_SECONDS)
_jwks_cache: _TtlCache[dict[str, Any]] = _TtlCache(CACHE_SECONDS)


def clear_caches() -> None:
    """Forget discovery documents and keys (tests, and after a provider is reconfigured)."""
    _metadata_cache.clear()
    _jwks_cache.clear()


def check_url(url: str, allow_http_loopback: bool) -> None:
    """Only https, except http to this machine when the operator explicitly allowed it."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and allow_http_loopback and _is_loopback(parts.hostname or ""):
        return
    raise OidcError("insecure_issuer")


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_HOSTS:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address in (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))


def _read_json(response: httpx.Response) -> dict[str, Any]:
    body = b""
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > MAX_RESPONSE_BYTES:
            raise OidcError("unavailable")
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        raise OidcError("unavailable") from None
    if not isinstance(value, dict):
        raise OidcError("unavailable")
    return value


def _request(method: str, url: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    try:
        with (
            httpx.Client(timeout=TIMEOUT, follow_redirects=False) as client,
            client.stream(method, url, **kwargs) as response,
        ):
            return response.status_code, _read_json(response)
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        log.warning("OIDC request to the provider failed: %s", type(error).__name__)
        raise OidcError("unavailable") from None


def _get_json(url: str) -> dict[str, Any]:
    status, body = _request("GET", url, headers={"Accept": "application/json"})
    if status != 200:
        log.warning("OIDC provider answered HTTP %s to a GET", status)
        raise OidcError("unavailable")
    return body


def discover(provider: OidcProvider, allow_http_loopback: bool) -> ProviderMetadata:
    """The provider's endpoints from its discovery document, checked and cached."""
    check_url(provider.issuer, allow_http_loopback)
    issuer = provider.issuer.rstrip("/")

    def load() -> ProviderMetadata:
        document = _get_json(issuer + "/.well-known/openid-configuration")
        return _metadata_from(provider, document, allow_http_loopback)

    return _metadata_cache.get(issuer, load)


def _metadata_from(
    provider: OidcProvider, document: dict[str, Any], allow_http_loopback: bool
) -> ProviderMetadata:
    def text(name: str, required: bool = True) -> str | None:
        value = document.get(name)
        if isinstance(value, str) and value:
            check_url(value, allow_http_loopback)
            return value
        if required:
            log.warning("OIDC provider %s: discovery lacks %s", provider.name, name)
            raise OidcError("misconfigured")
        return None

    issuer = text("issuer") or ""
    if issuer.rstrip("/") != provider.issuer.rstrip("/"):
        # OpenID Connect Discovery 1.0, section 4.3: a mismatch means a misconfiguration or
        # an impersonation attempt; either way no token from it can be trusted.
        log.warning("OIDC provider %s: discovery names another issuer", provider.name)
        raise OidcError("misconfigured")
    pkce = document.get("code_challenge_methods_supported")
    if isinstance(pkce, list) and "S256" not in pkce:
        log.warning("OIDC provider %s does not support PKCE with S256", provider.name)
        raise OidcError("misconfigured")
    methods = document.get("token_endpoint_auth_methods_supported")
    return ProviderMetadata(
        issuer=issuer,
        authorization_endpoint=text("authorization_endpoint") or "",
        token_endpoint=text("token_endpoint") or "",
        jwks_uri=text("jwks_uri") or "",
        userinfo_endpoint=text("userinfo_endpoint", required=False),
        token_auth_methods=tuple(str(m) for m in methods)
        if isinstance(methods, list)
        else ("client_secret_basic",),  # the default when the provider does not say
    )


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def pkce_challenge(code_verifier: str) -> str:
    return _b64url(hashlib.sha256(code_verifier.encode()).digest())


def begin(
    provider: OidcProvider, metadata: ProviderMetadata, redirect_uri: str
) -> AuthorizationRequest:
    """The URL to send the browser to, with fresh state, nonce and PKCE verifier."""
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    scopes = provider.scopes.split()
    if "openid" not in scopes:
        scopes.insert(0, "openid")
    query = urlencode(
        {
            "response_type": "code",
            "client_id": provider.client_id,
            "redirect_uri": redirect_uri,
            "scope": " ".join(scopes),
            "state": state,
            "nonce": nonce,
            "code_challenge": pkce_challenge(verifier),
            "code_challenge_method": "S256",
        }
    )
    endpoint = metadata.authorization_endpoint
    separator = "&" if "?" in endpoint else "?"
    return AuthorizationRequest(endpoint + separator + query, state, nonce, verifier)


def exchange_code(
    provider: OidcProvider,
    metadata: ProviderMetadata,
    code: str,
    redirect_uri: str,
    code_verifier: str,
) -> Tokens:
    """Trade the code for tokens at the token endpoint (server to server, never the browser)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": provider.client_id,
    }
    headers = {"Accept": "application/json"}
    if provider.client_secret is not None:
        secret = provider.client_secret.get_secret_value()
        basic = "client_secret_basic" in metadata.token_auth_methods
        if basic or "client_secret_post" not in metadata.token_auth_methods:
            # RFC 6749, section 2.3.1: both parts are form-encoded before Basic encoding.
            pair = f"{quote(provider.client_id, safe='')}:{quote(secret, safe='')}"
            headers["Authorization"] = "Basic " + base64.b64encode(pair.encode()).decode()
        else:
            form["client_secret"] = secret
    status, body = _request("POST", metadata.token_endpoint, data=form, headers=headers)
    if status != 200:
        error = body.get("error")
        log.warning(
            "OIDC provider %s refused the code: HTTP %s, %s",
            provider.name,
            status,
            error if isinstance(error, str) and error.isidentifier() else "no error code",
        )
        raise OidcError("token_refused")
    id_token = body.get("id_token")
    access_token = body.get("access_token")
    if not isinstance(id_token, str) or not id_token:
        log.warning("OIDC provider %s returned no ID token", provider.name)
        raise OidcError("token_invalid")
    return Tokens(id_token, access_token if isinstance(access_token, str) else None)


def _signing_key(metadata: ProviderMetadata, header: dict[str, Any]) -> Any:
    """The provider's public key for this token; re-read the JWKS once on an unknown key id,
    because providers rotate keys and announce the new one only there."""
    algorithm = header.get("alg")
    if not isinstance(algorithm, str) or algorithm not in ALGORITHMS:
        # Never "none", never HS256 (which would turn the client secret into a signing key).
        raise OidcError("token_invalid")
    kid = header.get("kid")
    for refresh in (False, True):
        jwks = _jwks_cache.get(metadata.jwks_uri, lambda: _get_json(metadata.jwks_uri), refresh)
        keys = jwks.get("keys")
        candidates = [
            key
            for key in (keys if isinstance(keys, list) else [])
            if isinstance(key, dict)
            and key.get("kty") == ALGORITHMS[algorithm]
            and key.get("use", "sig") == "sig"
            and key.get("alg", algorithm) == algorithm
            and (kid is None or key.get("kid") == kid)
        ]
        if len(candidates) == 1:
            try:
                return jwt.PyJWK(candidates[0], algorithm=algorithm).key
            except (jwt.PyJWTError, ValueError, KeyError, TypeError):
                raise OidcError("token_invalid") from None
    raise OidcError("token_signature")


def validate_id_token(
    provider: OidcProvider, metadata: ProviderMetadata, id_token: str, nonce: str
) -> dict[str, Any]:
    """The ID token's claims, after checking signature, issuer, audience, times and nonce."""
    try:
        header = jwt.get_unverified_header(id_token)
    except jwt.PyJWTError:
        raise OidcError("token_invalid") from None
    key = _signing_key(metadata, header)
    try:
        claims = jwt.decode(
            id_token,
            key,
            algorithms=[str(header["alg"])],
            audience=provider.client_id,
            issuer=metadata.issuer,
            leeway=LEEWAY_SECONDS,
            options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )
    except jwt.InvalidSignatureError:
        raise OidcError("token_signature") from None
    except jwt.InvalidAudienceError:
        raise OidcError("token_audience") from None
    except jwt.InvalidIssuerError:
        raise OidcError("token_issuer") from None
    except (jwt.ExpiredSignatureError, jwt.ImmatureSignatureError, jwt.InvalidIssuedAtError):
        raise OidcError("token_expired") from None
    except jwt.PyJWTError:
        raise OidcError("token_invalid") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    azp = claims.get("azp")
    if (len(audiences) > 1 or azp is not None) and azp != provider.client_id:
        raise OidcError("token_audience")
    presented = claims.get("nonce")
    if not isinstance(presented, str) or not hmac.compare_digest(
        presented.encode(), nonce.encode()
    ):
        raise OidcError("token_nonce")
    subject = claims["sub"]
    if not isinstance(subject, str) or not 0 < len(subject) <= MAX_SUBJECT:
        raise OidcError("token_invalid")
    return claims


def fetch_userinfo(metadata: ProviderMetadata, access_token: str, subject: str) -> dict[str, Any]:
    """Claims the ID token left out (Keycloak can be set to send groups only here)."""
    if metadata.userinfo_endpoint is None:
        return {}
    headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
    status, body = _request("GET", metadata.userinfo_endpoint, headers=headers)
    if status != 200:
        log.warning("OIDC userinfo answered HTTP %s", status)
        raise OidcError("unavailable")
    if body.get("sub") != subject:
        # OpenID Connect Core 1.0, section 5.3.2: otherwise the answer must not be used.
        raise OidcError("token_invalid")
    return body


def map_roles(provider: OidcProvider, claims: Mapping[str, Any]) -> tuple[Role, ...]:
    """The Waarborg roles that the user's groups (or app roles) map to, in mapping order."""
    value = claims.get(provider.groups_claim)
    if value is None:
        sources = claims.get("_claim_names")
        if isinstance(sources, dict) and provider.groups_claim in sources:
            # Entra ID sends a link instead of the groups when a user is in too many.
            raise OidcError("groups_overage")
        return ()
    groups = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    held = {group for group in groups if isinstance(group, str)}
    names: list[str] = []
    for group, role_names in provider.role_mapping.items():
        if group in held:
            names.extend(role_names)
    try:
        return tuple(parse_roles(names))
    except UnknownRoleError:
        log.warning("OIDC provider %s: role_mapping names an unknown role", provider.name)
        raise OidcError("misconfigured") from None


def identify(
    provider: OidcProvider, metadata: ProviderMetadata, tokens: Tokens, nonce: str
) -> Identity:
    """Validate the ID token and turn it into the identity Waarborg provisions from."""
    claims = validate_id_token(provider, metadata, tokens.id_token, nonce)
    wanted = (provider.groups_claim, provider.username_claim)
    if any(name not in claims for name in wanted) and tokens.access_token:
        extra = fetch_userinfo(metadata, tokens.access_token, claims["sub"])
        claims = {**{k: v for k, v in extra.items() if k in wanted or k == "name"}, **claims}
    username = claims.get(provider.username_claim)
    name = claims.get("name")
    return Identity(
        subject=claims["sub"],
        username=username if isinstance(username, str) and username else None,
        display_name=name.strip() if isinstance(name, str) else "",
        roles=map_roles(provider, claims),
    )
