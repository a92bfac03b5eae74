"""The ASGI application factory. Nothing happens at import; everything is built from the
settings passed to (or read once by) ``create_app``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError

from waarborg import __version__
from waarborg.api import chat_completions as api_chat_completions
from waarborg.api import embeddings as api_embeddings
from waarborg.api import governance as api_governance
from waarborg.api import models_list as api_models_list
from waarborg.api import privacy as api_privacy
from waarborg.api import questions as api_questions
from waarborg.api.routes import router as api_router
from waarborg.db.migrate import SchemaTooNewError, schema_state, too_new_message
from waarborg.knowledge.embedding_setup import make_embedding_worker
from waarborg.observability.logging import configure_logging
from waarborg.observability.metrics import Metrics
from waarborg.observability.middleware import ObservabilityMiddleware
from waarborg.pipeline.cpu_slots import share_the_gil_finely
from waarborg.pipeline.gc_pauses import freeze_long_lived_objects
from waarborg.retention.scheduler import scheduler_for
from waarborg.runtime import Runtime
from waarborg.settings import Settings, load_settings
from waarborg.web.errors import install_error_handlers
from waarborg.web.rendering import make_templates
from waarborg.web.routes import (
    admin_api_keys,
    admin_users,
    assistant,
    audit_log,
    auth,
    catalogue,
    compliance,
    health,
    home,
    oidc,
    organisation_policy,
    public_register,
    use_case_actions,
    use_case_assessment,
    use_cases,
    widget,
)

log = logging.getLogger("waarborg.app")
STATIC_DIR = Path(__file__).parent / "web" / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)
    runtime = Runtime.from_settings(settings)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        share_the_gil_finely()
        try:
            state = schema_state(runtime.database.engine)
        except SQLAlchemyError as error:
            # Start anyway: /readyz answers 503 until the database is back, which lets an
            # orchestrator wait instead of restarting the process in a loop.
            log.error("database unreachable at start-up: %s", type(error).__name__)
        else:
            if not state.known:
                raise SchemaTooNewError(too_new_message(state))
            if not state.up_to_date:
                log.warning("database schema is not current; run 'waarborg db upgrade'")
        purge_scheduler = scheduler_for(settings, runtime.database)
        if purge_scheduler is not None:
            purge_scheduler.start()
        embedding_worker = make_embedding_worker(settings, runtime.database)
        _app.state.embedding_worker = embedding_worker
        if embedding_worker is not None:
            embedding_worker.start()
        freeze_long_lived_objects()
        yield
        if embedding_worker is not None:
            await asyncio.to_thread(embedding_worker.stop)
        if purge_scheduler is not None:
            await asyncio.to_thread(purge_scheduler.stop)
        if runtime.backends is not None:
            await runtime.backends.aclose_all()
        runtime.database.dispose()

    app = FastAPI(
        title="Waarborg",
        version=__version__,
        docs_url=None,  # Swagger UI loads scripts from a CDN; the CSP forbids that
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.embedding_worker = None  # the background embedder, while the app runs
    app.state.metrics = metrics
    app.state.templates = make_templates()

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # The gateway's routes first: Starlette tries the routes in order on every request, and
    # the OpenAI-compatible endpoints carry the bulk of the traffic (their /v1 paths are
    # shared with no other router, so the order changes no match).
    for router in (
        api_chat_completions.router,
        api_models_list.router,
        api_embeddings.router,
        health.router,
        auth.router,
        oidc.router,
        home.router,
        assistant.router,
        audit_log.router,
        admin_users.router,
        admin_api_keys.router,
        api_router,
        api_governance.router,
        api_questions.router,
        api_privacy.router,
        compliance.router,
        compliance.api_router,
        public_register.router,
        use_cases.router,
        use_case_actions.router,
        use_case_assessment.router,
        catalogue.router,
        organisation_policy.router,
        widget.router,
    ):
        app.include_router(router)
    install_error_handlers(app)
    app.add_middleware(ObservabilityMiddleware, metrics=metrics)
    return app
