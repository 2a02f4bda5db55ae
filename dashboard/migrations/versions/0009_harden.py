"""imports recorded when they start (worker, client address), passwords an administrator
chose must be changed at login, failed logins counted by address and name as well as by
name (longer throttle keys), the audit log refuses TRUNCATE on PostgreSQL

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.add_column(sa.Column('worker', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('address', sa.String(length=64), nullable=True))
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('must_change_password', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=64), type_=sa.String(length=200),
                              existing_nullable=False)
    # the keys now say what they count: a user name's failures are "name:<name>"
    op.execute("UPDATE login_throttle SET key = 'name:' || key")
    if op.get_bind().dialect.name == 'postgresql':
        # row triggers do not fire on TRUNCATE: a statement trigger refuses it too
        op.execute("CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event "
                   "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event")
    op.execute("DELETE FROM login_throttle WHERE key NOT LIKE 'name:%'")
    op.execute("UPDATE login_throttle SET key = substr(key, 6)")
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.alter_column('key', existing_type=sa.String(length=200), type_=sa.String(length=64),
                              existing_nullable=False)
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('must_change_password')
    with op.batch_alter_table('import_record', schema=None) as batch_op:
        batch_op.drop_column('address')
        batch_op.drop_column('worker')
