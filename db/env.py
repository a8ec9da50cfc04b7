"""Alembic environment: runs on the connection ecmanual hands over (SQLite or PostgreSQL)."""

from alembic import context

from ecmanual.persistence.models import Base

config = context.config
target_metadata = Base.metadata


def include_name(name, type_, parent_names) -> bool:
    """Leave out what migrations keep outside the models: the search index structures."""
    from ecmanual.services.search import is_index_object

    return not (type_ in ("table", "index") and is_index_object(name))


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from ecmanual.persistence.engine import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _configure_and_run(connection)
        return
    _configure_and_run(connection)


def _configure_and_run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
