"""search index

SQLite: an FTS5 table with the trigram tokenizer over `search_doc` (external content),
kept in sync by triggers. PostgreSQL: searches are ILIKE; a pg_trgm GIN index is added when
the extension is installed or may be created by this role (pg_trgm is a trusted extension),
never required. Also adds, on PostgreSQL, the two cyclic foreign keys an earlier 0001 left
out (`use_alter` constraints are skipped by CREATE TABLE there).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""
import logging

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

logger = logging.getLogger('alembic.runtime.migration')

FTS = 'search_fts'
TRGM_INDEX = 'ix_search_doc_trgm'
TRIGGERS = {
    'search_doc_ai': f"""AFTER INSERT ON search_doc BEGIN
        INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
    'search_doc_ad': f"""AFTER DELETE ON search_doc BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END""",
    'search_doc_au': f"""AFTER UPDATE ON search_doc BEGIN
        INSERT INTO {FTS}({FTS}, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO {FTS}(rowid, title, body) VALUES (new.id, new.title, new.body);
    END""",
}
CYCLIC_FKS = {
    'checklist_template': ('fk_checklist_template_current_version_id_checklist_template_version',
                           'current_version_id', 'checklist_template_version'),
    'manual_page': ('fk_manual_page_published_version_id_manual_page_version',
                    'published_version_id', 'manual_page_version'),
}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        _create_fts(bind)
    elif bind.dialect.name == 'postgresql':
        _add_missing_cyclic_fks(bind)
        _create_trgm_index(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for name in TRIGGERS:
            op.execute(f'DROP TRIGGER IF EXISTS {name}')
        op.execute(f'DROP TABLE IF EXISTS {FTS}')
    elif bind.dialect.name == 'postgresql':
        op.execute(f'DROP INDEX IF EXISTS {TRGM_INDEX}')


def _create_fts(bind) -> None:
    try:
        with bind.begin_nested():
            bind.exec_driver_sql(
                f"CREATE VIRTUAL TABLE {FTS} USING fts5(title, body, content='search_doc', "
                "content_rowid='id', tokenize='trigram')")
    except sa.exc.OperationalError as exc:
        # SQLite older than 3.34 or built without FTS5: search falls back to LIKE.
        logger.warning('no FTS5 trigram index (%s); search will scan the table', exc)
        return
    for name, body in TRIGGERS.items():
        bind.exec_driver_sql(f'CREATE TRIGGER {name} {body}')
    bind.exec_driver_sql(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")


def _add_missing_cyclic_fks(bind) -> None:
    inspector = sa.inspect(bind)
    for table, (name, column, target) in CYCLIC_FKS.items():
        # By column: PostgreSQL stores names over 63 characters truncated with a hash.
        if not any(fk['constrained_columns'] == [column] for fk in inspector.get_foreign_keys(table)):
            op.create_foreign_key(op.f(name), table, target, [column], ['id'], ondelete='SET NULL')


def _create_trgm_index(bind) -> None:
    if bind.exec_driver_sql("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'").first() is None:
        return
    if bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is None:
        try:
            with bind.begin_nested():
                bind.exec_driver_sql('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        except sa.exc.DBAPIError as exc:
            logger.warning('pg_trgm not available to this role (%s); search will scan the table', exc.orig)
            return
    bind.exec_driver_sql(
        f"CREATE INDEX {TRGM_INDEX} ON search_doc USING gin ((title || ' ' || body) gin_trgm_ops)")
