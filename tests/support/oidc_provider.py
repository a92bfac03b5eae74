"""A small but real OpenID provider on 127.0.0.1 for the OIDC login tests.

It speaks the parts of the protocol Waarborg uses (discovery, JWKS, authorization code with
PKCE, client authentication, userinfo) and checks what it receives as strictly as Keycloak or
Entra ID would. ``/authorize`` logs the configured user in at once. ``misbehave`` makes it send
the kinds of wrong answers a relying party must refuse.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlencode

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response

from tests.support.live_server import live_server

KEYCLOAK_PATH = "/realms/gemeente"
ENTRA_TENANT = "7d3a4f0e-2b1c-4e5f-9a8b-0c1d2e3f4a5b"
ENTRA_PATH = f"/{ENTRA_TENANT}/v2.0"


@dataclass
class IdpUser:
    """The person the provider logs in; ``claims`` go into the ID token as they are."""

    sub: str
    claims: dict[str, Any] = field(default_factory=dict)
    userinfo_only: dict[str, Any] = field(default_factory=dict)


def keycloak_user(username: str, groups: list[str] | str, name: str = "Kim Keycloak") -> IdpUser:
    return IdpUser(
        sub=str(uuid.uuid4()),
        claims={"preferred_username": username, "name": name, "groups": groups},
    )


def entra_user(
    username: str,
    groups: list[str] | None = None,
    roles: list[str] | None = None,
    name: str = "Eva Entra",
) -> IdpUser:
    claims: dict[str, Any] = {
        "preferred_username": username,
        "name": name,
        "oid": str(uuid.uuid4()),
        "tid": ENTRA_TENANT,
        "ver": "2.0",
    }
    if groups is not None:
        claims["groups"] = groups
    if roles is not None:
        claims["roles"] = roles
    return IdpUser(sub=secrets.token_urlsafe(32), claims=claims)


@dataclass
class Misbehaviour:
    error: str | None = None  # redirect back with ?error=… instead of a code
    audience: str | None = None
    expired: bool = False
    foreign_key: bool = False  # sign with a key that is not in the JWKS (same key id)
    nonce: str | None = None
    issuer: str | None = None
    algorithm: str | None = None  # e.g. "HS256" (signed with the client secret) or "none"


@dataclass
class _Grant:
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str
    user: IdpUser


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


class IdentityProvider:
    """One issuer. Run it with ``running()``; until then it has no URL."""

    def __init__(
        self,
        issuer_path: str = KEYCLOAK_PATH,
        client_id: str = "waarborg",
        client_secret: str | None = None,
        auth_methods: tuple[str, ...] = ("client_secret_basic", "client_secret_post"),
    ) -> None:
        self.issuer_path = issuer_path
        self.client_id = client_id
        self.client_secret = client_secret
        self.auth_methods = auth_methods
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.foreign_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex
        self.url = ""
        self.user = IdpUser(sub="nobody")
        self.misbehaviour = Misbehaviour()
        self.authorize_requests: list[dict[str, str]] = []
        self.token_requests: list[dict[str, str]] = []
        self._grants: dict[str, _Grant] = {}
        self._access_tokens: dict[str, IdpUser] = {}
        self.app = self._build_app()

    @property
    def issuer(self) -> str:
        return self.url + self.issuer_path

    def reset(self, user: IdpUser | None = None) -> None:
        self.user = user or IdpUser(sub="nobody")
        self.misbehaviour = Misbehaviour()
        self.authorize_requests.clear()
        self.token_requests.clear()

    @contextmanager
    def running(self) -> Iterator[IdentityProvider]:
        with live_server(self.app) as url:
            self.url = url
            yield self

    # --- what the endpoints hand out -------------------------------------------------------

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "userinfo_endpoint": self.issuer + "/userinfo",
            "jwks_uri": self.issuer + "/certs",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": list(self.auth_methods),
        }

    def jwks(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def id_token(self, user: IdpUser, nonce: str) -> str:
        bad = self.misbehaviour
        now = int(time.time())
        issued = now - 3600 if bad.expired else now
        claims = {
            **user.claims,
            "iss": bad.issuer or self.issuer,
            "sub": user.sub,
            "aud": bad.audience or self.client_id,
            "iat": issued,
            "exp": issued + 300,
            "nonce": bad.nonce or nonce,
        }
        if bad.algorithm == "none":
            return jwt.encode(claims, "", algorithm="none")
        if bad.algorithm == "HS256":
            secret = self.client_secret or "no-secret-configured-for-this-client"
            return jwt.encode(claims, secret, algorithm="HS256", headers={"kid": self.kid})
        key = self.foreign_key if bad.foreign_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    # --- the endpoints -----------------------------------------------------------------------

    def _build_app(self) -> FastAPI:
        routes = APIRouter(prefix=self.issuer_path)
        routes.add_api_route("/.well-known/openid-configuration", self._discovery)
        routes.add_api_route("/certs", self._certs)
        routes.add_api_route("/authorize", self._authorize)
        routes.add_api_route("/token", self._token, methods=["POST"])
        routes.add_api_route("/userinfo", self._userinfo)
        app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
        app.include_router(routes)
        return app

    async def _discovery(self) -> JSONResponse:
        return JSONResponse(self.discovery())

    async def _certs(self) -> JSONResponse:
        return JSONResponse(self.jwks())

    async def _authorize(self, request: Request) -> Response:
        params = dict(request.query_params)
        self.authorize_requests.append(params)
        redirect_uri = params.get("redirect_uri", "")
        if params.get("client_id") != self.client_id or not redirect_uri.startswith("http://127"):
            # RFC 6749, section 4.1.2.1: never redirect to an unverified redirect URI.
            return PlainTextResponse("unknown client or redirect_uri", status_code=400)
        back: dict[str, str] = {"state": params.get("state", "")}
        if self.misbehaviour.error:
            back.update(error=self.misbehaviour.error, error_description="Gebruiker weigerde")
        elif (
            params.get("response_type") != "code"
            or "openid" not in params.get("scope", "").split()
            or params.get("code_challenge_method") != "S256"
            or not params.get("code_challenge")
        ):
            back.update(error="invalid_request")
        else:
            code = secrets.token_urlsafe(24)
            self._grants[code] = _Grant(
                client_id=self.client_id,
                redirect_uri=redirect_uri,
                code_challenge=params["code_challenge"],
                nonce=params.get("nonce", ""),
                user=self.user,
            )
            back["code"] = code
        return RedirectResponse(redirect_uri + "?" + urlencode(back), status_code=302)

    def _client_authenticated(self, request: Request, form: dict[str, str]) -> bool:
        header = request.headers.get("authorization", "")
        if self.client_secret is None:
            return form.get("client_id") == self.client_id and not header
        if header.startswith("Basic ") and "client_secret_basic" in self.auth_methods:
            pair = base64.b64decode(header[6:]).decode()
            client_id, _, secret = pair.partition(":")
            return (unquote(client_id), unquote(secret)) == (self.client_id, self.client_secret)
        if "client_secret_post" in self.auth_methods:
            presented = (form.get("client_id"), form.get("client_secret"))
            return presented == (self.client_id, self.client_secret)
        return False

    async def _token(self, request: Request) -> JSONResponse:
        form = {key: str(value) for key, value in (await request.form()).items()}
        self.token_requests.append(form)
        if not self._client_authenticated(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self._grants.pop(form.get("code", ""), None)  # single use, even on failure
        verifier = form.get("code_verifier", "")
        if (
            form.get("grant_type") != "authorization_code"
            or grant is None
            or grant.client_id != self.client_id
            or grant.redirect_uri != form.get("redirect_uri")
            or not 43 <= len(verifier) <= 128
            or _s256(verifier) != grant.code_challenge
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        access_token = secrets.token_urlsafe(32)
        self._access_tokens[access_token] = grant.user
        body = {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": self.id_token(grant.user, grant.nonce),
        }
        return JSONResponse(body, headers={"Cache-Control": "no-store"})

    async def _userinfo(self, request: Request) -> JSONResponse:
        header = request.headers.get("authorization", "")
        user = self._access_tokens.get(header.removeprefix("Bearer "))
        if not header.startswith("Bearer ") or user is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse({**user.claims, **user.userinfo_only, "sub": user.sub})
