"""Liveness, readiness and metrics for orchestrators and Prometheus."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy.exc import SQLAlchemyError

from waarborg.db.migrate import schema_state
from waarborg.request_scope import get_runtime

router = APIRouter()


@router.get("/healthz", name="healthz", include_in_schema=False)
def healthz() -> JSONResponse:
    """The process answers; says nothing about its dependencies (that is /readyz)."""
    return JSONResponse({"status": "ok"})


@router.get("/readyz", name="readyz", include_in_schema=False)
def readyz(request: Request) -> JSONResponse:
    runtime = get_runtime(request)
    checks: dict[str, str] = {}
    try:
        runtime.database.ping()
        checks["database"] = "ok"
        state = schema_state(runtime.database.engine)
        if state.up_to_date:
            checks["migrations"] = "ok"
        elif not state.known:
            checks["migrations"] = f"database is newer than this release ({state.current})"
        else:
            checks["migrations"] = f"pending: at {state.current or 'empty'}, head is {state.head}"
    except SQLAlchemyError as error:
        checks["database"] = f"unreachable: {type(error).__name__}"
    ready = all(value == "ok" for value in checks.values()) and "migrations" in checks
    return JSONResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks},
        status_code=200 if ready else 503,
    )


@router.get("/metrics", name="metrics", include_in_schema=False)
def metrics(request: Request) -> PlainTextResponse:
    if not get_runtime(request).settings.metrics_enabled:
        raise HTTPException(status_code=404)
    body = request.app.state.metrics.exposition()
    return PlainTextResponse(body, media_type=CONTENT_TYPE_LATEST)
