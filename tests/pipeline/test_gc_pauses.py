"""A serving process freezes what it made at start-up, so full collections skip it."""

from __future__ import annotations

import gc

from fastapi import FastAPI
from fastapi.testclient import TestClient

from waarborg.pipeline.gc_pauses import freeze_long_lived_objects


def test_start_up_freezes_the_long_lived_objects(app: FastAPI) -> None:
    gc.unfreeze()
    with TestClient(app):  # runs the lifespan, as a server's start does
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, routes and mappers at least
        made_later = [[index] for index in range(20_000)]  # tracked objects made after start-up
        freeze_long_lived_objects()  # a second app in the same process freezes nothing new
        # Frozen objects may still be freed by reference counting, so the count can only
        # shrink; a second freeze would have grown it by the lists made above.
        assert gc.get_freeze_count() <= frozen
        del made_later
