"""The exit archive accounts for conversations and audit events without what people typed."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.governance.conftest import Governed
from waarborg.conversations.store import Owner
from waarborg.conversations.vault import Vault
from waarborg.governance.exit import write_archive
from waarborg.governance.policy import Caller
from waarborg.knowledge.index_cache import IndexCache
from waarborg.pipeline.ask import ask

VAULT = Vault(b"a-secret-key-that-is-long-enough-for-tests")
QUESTION = "Wat kost een paspoort voor Anna Zwartkruis?"


def test_archive_holds_conversations_and_audit_but_no_text(
    governed: Governed, with_sources: Callable[..., str], tmp_path: Path
) -> None:
    slug = with_sources()
    with governed.database.session(governed.organisation_id) as session:
        result = ask(
            session,
            governed.organisation(session),
            slug,
            Caller(),
            "Wat kost een paspoort?",
            IndexCache(),
            vault=VAULT,
            owner=Owner(visitor_hash="bezoeker"),
            channel="widget",
        )
    assert result.conversation_id
    target = tmp_path / "archief.zip"
    with governed.database.session(governed.organisation_id) as session:
        counts = write_archive(
            session, governed.organisation(session), governed.use_case(session, slug), target
        )
    assert counts["conversations"] == 1
    with zipfile.ZipFile(target) as archive:
        conversations = json.loads(archive.read("conversations.json"))
        audit = json.loads(archive.read("audit.json"))
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert conversations[0]["channel"] == "widget"
    assert [m["role"] for m in conversations[0]["messages"]] == ["user", "assistant"]
    assert conversations[0]["messages"][1]["citations"][0]["url"].endswith("/paspoort")
    assert any(e["action"] == "vraag" and e["detail"]["reason"] == "answered" for e in audit)
    assert b"Wat kost een paspoort" not in everything
