"""review snapshot in columns

`review_account.snapshot` (one JSON document per account) becomes one column per snapshot
field: recomputing a review's findings decoded 100,000 documents. Every key of every stored
document is kept: the known ones in their columns, any other in `snapshot_extra` (none are
expected). Also `review_system.findings_digest`, the digest of a system's stored findings in
the review (a recompute reads back only the findings of systems whose digest changed). The downgrade rebuilds the
documents from the columns. No table copy on SQLite (see `upgrade`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

CHUNK = 2000
# The snapshot fields besides account_id and system_id (already columns), with their types.
TEXT, INT, BOOL = sa.Text(), sa.Integer(), sa.Boolean()
COLUMNS = {
    'system': TEXT, 'login': TEXT, 'email': TEXT, 'name': TEXT, 'native_level': TEXT, 'level': TEXT,
    'rank': INT, 'mfa': BOOL, 'last_login': TEXT, 'status': TEXT, 'first_seen': TEXT, 'staff_id': INT,
    'link_status': TEXT, 'is_shared': BOOL, 'is_service': BOOL, 'owner_staff_id': INT, 'person_id': INT,
    'person': TEXT, 'person_status': TEXT, 'leave_date': TEXT, 'department_id': INT, 'department': TEXT,
    'role_ids': sa.JSON(),
}
# The required fields: what a document without them held (the snapshot's defaults), and the
# server default their column is added with. system and login always had a value; their ''
# default only lets SQLite add a NOT NULL column (it is dropped again on PostgreSQL).
DEFAULTS = {'system': '', 'login': '', 'status': 'active', 'link_status': 'none', 'is_shared': False,
            'is_service': False, 'role_ids': []}
SERVER_DEFAULTS = {'system': sa.text("''"), 'login': sa.text("''"), 'status': sa.text("'active'"),
                   'link_status': sa.text("'none'"), 'is_shared': sa.false(), 'is_service': sa.false(),
                   'role_ids': sa.text("'[]'")}


def _table(*names):
    types = {**COLUMNS, 'account_id': INT, 'system_id': INT}
    types['snapshot_extra'] = sa.JSON(none_as_null=True)  # None: SQL NULL, not the JSON text null
    return sa.table('review_account', sa.column('id', INT), *[sa.column(n, types.get(n, sa.JSON())) for n in names])


def _chunks(bind, query, id_column):
    """The rows of `query` by id, CHUNK at a time (a review holds 100,000 accounts)."""
    last = 0
    while rows := bind.execute(query.where(id_column > last).order_by(id_column).limit(CHUNK)).all():
        yield rows
        last = rows[-1][0]


def upgrade() -> None:
    # No batch (table copy) on SQLite: dropping the old table would cascade-delete the findings
    # and remediation tasks (foreign keys are on); ADD and DROP COLUMN work in place.
    for name, type_ in COLUMNS.items():
        op.add_column('review_account', sa.Column(name, type_, nullable=name not in DEFAULTS,
                                                  server_default=SERVER_DEFAULTS.get(name)))
    op.add_column('review_account', sa.Column('snapshot_extra', sa.JSON(), nullable=True))
    # The digest of each system's stored findings: NULL, the first recompute compares the rows and sets it.
    op.add_column('review_system', sa.Column('findings_digest', sa.BigInteger(), nullable=True))
    bind = op.get_bind()
    old = _table('account_id', 'system_id', 'snapshot')
    new = _table(*COLUMNS, 'snapshot_extra')
    update = new.update().where(new.c.id == sa.bindparam('_id')).values(
        {n: sa.bindparam(n) for n in (*COLUMNS, 'snapshot_extra')})
    for rows in _chunks(bind, sa.select(old.c.id, old.c.account_id, old.c.system_id, old.c.snapshot), old.c.id):
        params = []
        for rid, account_id, system_id, snap in rows:
            snap = dict(snap or {})
            values = {n: snap.pop(n, DEFAULTS.get(n)) for n in COLUMNS}
            for key, column in (('account_id', account_id), ('system_id', system_id)):
                if snap.get(key) == column:  # the usual copy of the row's own column
                    del snap[key]
            values['role_ids'] = values['role_ids'] if values['role_ids'] is not None else []
            params.append({'_id': rid, **values, 'snapshot_extra': snap or None})
        bind.execute(update, params)
    op.drop_column('review_account', 'snapshot')
    if bind.dialect.name != 'sqlite':
        for name in ('system', 'login'):
            op.alter_column('review_account', name, existing_type=TEXT, server_default=None)


def downgrade() -> None:
    op.add_column('review_account', sa.Column('snapshot', sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    bind = op.get_bind()
    cur = _table('account_id', 'system_id', *COLUMNS, 'snapshot_extra', 'snapshot')
    update = cur.update().where(cur.c.id == sa.bindparam('_id')).values(snapshot=sa.bindparam('snapshot'))
    names = ('account_id', 'system_id', *COLUMNS)
    for rows in _chunks(bind, sa.select(cur.c.id, *[cur.c[n] for n in names], cur.c.snapshot_extra), cur.c.id):
        params = []
        for rid, *values, extra in rows:
            # As 0002 wrote it: the compact document (no None values), other keys back in place.
            doc = {n: v for n, v in zip(names, values) if v is not None}
            params.append({'_id': rid, 'snapshot': {**doc, **(extra or {})}})
        bind.execute(update, params)
    if bind.dialect.name != 'sqlite':
        op.alter_column('review_account', 'snapshot', existing_type=sa.JSON(), server_default=None)
    op.drop_column('review_system', 'findings_digest')
    for name in ('snapshot_extra', *COLUMNS):
        op.drop_column('review_account', name)
