"""From a catalogue model key to a ready ``ModelBackend``, through plug-ins.

Back-end kinds are found in the ``waarborg.models`` entry-point group. Waarborg's own
``openai-compatible``, ``llama-cpp`` and ``extractive`` are registered in its pyproject.toml
exactly as a third party's package registers its own kind, so the built-ins have no private
door. Which catalogue model runs where comes from ``WAARBORG_MODEL_BACKENDS``
(``Settings.model_backends``); the catalogue's own extractive model needs no entry.

A ``BackendRegistry`` is built once per worker (in ``create_app``) and owns the back-ends it
makes: each is created on first use and kept, so its connection pool, circuit breaker and
loaded model are shared by all requests, and ``aclose_all()`` closes them at shutdown. Back-ends
hold asyncio resources: use one registry from one event loop.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from importlib.metadata import entry_points

from waarborg.models.protocol import (
    BackendConfig,
    BackendError,
    BackendFactory,
    BackendNotConfigured,
    ModelBackend,
)
from waarborg.settings import ModelBackendSetting, Settings

GROUP = "waarborg.models"
EXTRACTIVE_KIND = "extractive"
EXTRACTIVE_KEY = "extractief"  # the catalogue's key (governance.catalogue), kept equal by a test

logger = logging.getLogger("waarborg.models")


def available_kinds() -> list[str]:
    return sorted({entry.name for entry in entry_points(group=GROUP)})


def load_factory(kind: str) -> BackendFactory:
    """The factory registered for ``kind``; ``BackendNotConfigured`` for an unknown kind."""
    for entry in entry_points(group=GROUP):
        if entry.name == kind:
            factory = entry.load()
            if not callable(factory):
                raise BackendNotConfigured(
                    f"Back-end kind '{kind}' is not a callable factory "
                    f"(soort '{kind}' is geen aanroepbare fabriek)."
                )
            return factory  # type: ignore[no-any-return]
    known = ", ".join(available_kinds()) or "none"
    raise BackendNotConfigured(
        f"Unknown back-end kind '{kind}' (available: {known}) "
        f"(onbekende soort model-back-end '{kind}')."
    )


def backend_config(
    model_key: str, setting: ModelBackendSetting, *, kind: str = "", context_length: int = 0
) -> BackendConfig:
    """The ``BackendConfig`` a factory receives. ``kind`` overrides the setting's kind;
    ``context_length`` (the catalogue's) applies when the setting leaves it at 0."""
    return BackendConfig(
        name=model_key,
        kind=kind or setting.kind,
        base_url=setting.base_url,
        model=setting.model,
        api_key_env=setting.api_key_env,
        context_length=setting.context_length or context_length,
        timeout_seconds=setting.timeout_seconds,
        connect_timeout_seconds=setting.connect_timeout_seconds,
        max_retries=setting.max_retries,
        options=dict(setting.options),
    )


class BackendRegistry:
    """The back-ends of one worker, one per catalogue model key."""

    def __init__(
        self,
        backends: Mapping[str, ModelBackendSetting],
        *,
        factories: Mapping[str, BackendFactory] | None = None,
    ) -> None:
        self._settings = dict(backends)
        self._factories = dict(factories or {})  # for tests; otherwise from entry points
        self._instances: dict[str, ModelBackend] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> BackendRegistry:
        return cls(settings.model_backends)

    def configured_keys(self) -> list[str]:
        """Catalogue model keys this installation can reach (the extractive one always)."""
        return sorted({EXTRACTIVE_KEY, *self._settings})

    def is_configured(self, model_key: str, catalogue_backend: str) -> bool:
        return _is_extractive(model_key, catalogue_backend) or model_key in self._settings

    def backend_for(
        self, model_key: str, catalogue_backend: str, *, context_length: int = 0
    ) -> ModelBackend:
        """The back-end that serves ``model_key``, created on first use and then reused.

        ``catalogue_backend`` is the catalogue entry's back-end kind. It is used when the
        setting does not name a ``kind`` of its own, and an entry whose kind is
        ``extractive`` (the "extractief" model) needs no setting at all. ``context_length``
        is the catalogue's, for settings that leave it at 0. Raises ``BackendNotConfigured``
        when the key has no back-end here or its setting is wrong.
        """
        with self._lock:
            backend = self._instances.get(model_key)
            if backend is None:
                backend = self._create(model_key, catalogue_backend, context_length)
                self._instances[model_key] = backend
            return backend

    def _create(self, model_key: str, catalogue_backend: str, context_length: int) -> ModelBackend:
        if _is_extractive(model_key, catalogue_backend):
            config = BackendConfig(name=model_key, kind=EXTRACTIVE_KIND)
        else:
            setting = self._settings.get(model_key)
            if setting is None:
                raise BackendNotConfigured(
                    f"Model '{model_key}' has no back-end in WAARBORG_MODEL_BACKENDS; see "
                    f"docs/models.md (model '{model_key}' heeft geen model-back-end "
                    f"ingesteld)."
                )
            explicit = "kind" in setting.model_fields_set
            kind = setting.kind if explicit else (catalogue_backend or setting.kind)
            config = backend_config(model_key, setting, kind=kind, context_length=context_length)
        factory = self._factories.get(config.kind) or load_factory(config.kind)
        try:
            backend = factory(config)
        except BackendError:
            raise
        except Exception as error:  # a plug-in's bug must not look like a server failure
            raise BackendNotConfigured(
                f"Back-end '{model_key}' of kind '{config.kind}' could not be created "
                f"({type(error).__name__}: {error})."
            ) from error
        if not isinstance(backend, ModelBackend):
            raise BackendNotConfigured(
                f"Back-end kind '{config.kind}' did not return a ModelBackend."
            )
        logger.info("Model %s runs on back-end kind %s", model_key, config.kind)
        return backend

    async def aclose_all(self) -> None:
        """Close every back-end made so far (connection pools, model threads). A failure to
        close one is logged and does not keep the others open."""
        with self._lock:
            backends, self._instances = list(self._instances.values()), {}
        for backend in backends:
            try:
                await backend.aclose()
            except Exception:
                logger.exception("Closing model back-end %s failed", backend.name)


def _is_extractive(model_key: str, catalogue_backend: str) -> bool:
    return model_key == EXTRACTIVE_KEY or catalogue_backend == EXTRACTIVE_KIND
