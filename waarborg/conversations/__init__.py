"""Conversations: what people asked and got back, kept encrypted for the use case's retention."""
