"""Governance that the runtime enforces: use cases, assessments, approvals, the model
catalogue, policy decisions, the kill switch, compliance mapping and the register export."""
