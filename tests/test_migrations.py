"""Migrations build the whole schema from an empty database, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import waarborg.db.tables  # noqa: F401 - registers the tables
from waarborg.db.base import Base
from waarborg.db.database import Database
from waarborg.db.migrate import SchemaTooNewError, alembic_config, schema_state, upgrade
from waarborg.db.tables import Organisation


def test_upgrade_builds_schema_matching_the_models(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        before = schema_state(database.engine)
        assert before.current is None
        after = upgrade(database.engine)
        assert after.up_to_date
        inspector = inspect(database.engine)
        tables = set(inspector.get_table_names()) - {"alembic_version"}
        assert tables == set(Base.metadata.tables)
        for name, table in Base.metadata.tables.items():
            columns = {column["name"] for column in inspector.get_columns(name)}
            assert columns == set(table.columns.keys()), name
        # Running it again changes nothing.
        assert upgrade(database.engine).current == after.current
    finally:
        database.dispose()


def test_models_and_migrations_do_not_drift(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database.engine)
        with database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
    finally:
        database.dispose()


def test_database_from_a_newer_release_is_refused(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database.engine)
        with database.engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
        state = schema_state(database.engine)
        assert not state.known
        with pytest.raises(SchemaTooNewError, match=r"9999_future.*nieuwere versie"):
            upgrade(database.engine)
        with database.engine.connect() as connection:
            version = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert version.scalar() == "9999_future"
    finally:
        database.dispose()


def test_upgrade_keeps_the_data_of_an_earlier_release(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        config = alembic_config(empty_database_url)
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0001")
        with database.engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO organisation (id, slug, name, active, created_at) "
                "VALUES ('o1', 'oud', 'Gemeente Oud', true, '2025-01-01 00:00:00+00:00')"
            )
        upgrade(database.engine)
        with database.session() as session:
            organisation = session.get(Organisation, "o1")
            assert organisation is not None
            assert organisation.name == "Gemeente Oud"
            assert organisation.required_approver_roles == ["eigenaar", "privacy_officer", "ciso"]
            assert organisation.block_non_eu_models is False
    finally:
        database.dispose()
