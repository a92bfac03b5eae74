"""Error responses: a Dutch (or English) page for people, JSON for programs."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from waarborg.observability.middleware import SECURITY_HEADERS
from waarborg.web.csrf import CsrfError
from waarborg.web.i18n import LANGUAGE_COOKIE, Translator, negotiate
from waarborg.web.redirects import see_other
from waarborg.web.rendering import render
from waarborg.web.visitor import LoginRequired, Visitor

API_PREFIXES = ("/api/", "/v1/")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIXES)


def _visitor(request: Request) -> Visitor:
    existing = getattr(request.state, "visitor", None)
    if isinstance(existing, Visitor):
        return existing
    settings = request.app.state.runtime.settings
    language = negotiate(
        request.cookies.get(LANGUAGE_COOKIE),
        request.headers.get("accept-language"),
        settings.default_language,
    )
    return Visitor(request=request, t=Translator(language), session_checked=False)


def error_page(request: Request, status_code: int, message_key: str, **values: str) -> Response:
    visitor = _visitor(request)
    message = visitor.t(message_key, **values)
    return render(request, visitor, "errors/error.html", {"message": message}, status_code)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def _login_required(request: Request, error: LoginRequired) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": {"code": "login_required"}}, status_code=401)
        return see_other(f"/inloggen?volgende={quote(error.next_path)}&reden={error.reason}")

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, error: HTTPException) -> Response:
        if _wants_json(request):
            detail = (
                error.detail
                if isinstance(error.detail, dict)
                else {"error": {"code": f"http_{error.status_code}", "message": str(error.detail)}}
            )
            return JSONResponse(detail, status_code=error.status_code, headers=error.headers)
        if isinstance(error, CsrfError):
            return error_page(request, 403, "error.403.csrf")
        key = f"error.{error.status_code}"
        if key not in ("error.403", "error.404", "error.405"):
            key = "error.400"
        return error_page(request, error.status_code, key, detail=str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in item['loc'][1:])}: {item['msg']}" for item in error.errors()
        )
        if _wants_json(request):
            body = {"error": {"code": "invalid_request", "message": problems}}
            return JSONResponse(body, status_code=422)
        return error_page(request, 400, "error.400", detail=problems)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        # Sent by Starlette's outermost error middleware, outside the one that adds headers.
        if _wants_json(request):
            body = {"error": {"code": "internal_error", "message": "Interne fout."}}
            response: Response = JSONResponse(body, status_code=500)
        else:
            response = error_page(request, 500, "error.500")
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response
