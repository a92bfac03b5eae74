"""All ORM tables; importing this package registers them on ``Base.metadata``."""

from waarborg.db.tables.accounts import ApiKey, User, UserRole
from waarborg.db.tables.audit import AuditEvent, AuditHead
from waarborg.db.tables.conversations import Conversation, ConversationMessage, Feedback
from waarborg.db.tables.governance import (
    ApiKeyScope,
    Approval,
    ModelEntry,
    RiskAssessment,
    SupplierAgreement,
    UseCase,
    UseCaseChange,
)
from waarborg.db.tables.knowledge import (
    Chunk,
    ChunkVector,
    Document,
    KnowledgeRevision,
    KnowledgeSource,
)
from waarborg.db.tables.organisations import Organisation
from waarborg.db.tables.security import LoginThrottle, WebSession
from waarborg.db.tables.usage import UsageCounter

__all__ = [
    "ApiKey",
    "ApiKeyScope",
    "Approval",
    "AuditEvent",
    "AuditHead",
    "Chunk",
    "ChunkVector",
    "Conversation",
    "ConversationMessage",
    "Document",
    "Feedback",
    "KnowledgeRevision",
    "KnowledgeSource",
    "LoginThrottle",
    "ModelEntry",
    "Organisation",
    "RiskAssessment",
    "SupplierAgreement",
    "UsageCounter",
    "UseCase",
    "UseCaseChange",
    "User",
    "UserRole",
    "WebSession",
]
