"""Organisations, users, roles, passwords, API keys, login sessions and login throttling."""
