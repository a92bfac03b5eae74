"""Storage: SQLAlchemy tables, engines, tenant-scoped sessions and Alembic migrations."""
