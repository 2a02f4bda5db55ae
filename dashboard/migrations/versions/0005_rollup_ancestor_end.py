"""roll-up rows by ancestor and end date: whether an ancestor's composition changed
between two dates (``structure.rollup_unchanged``) in two index range reads

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 07:40:00
"""
from __future__ import annotations

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_rollup_ancestor_to', 'unit_rollup', ['ancestor_id', 'valid_to'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_rollup_ancestor_to', table_name='unit_rollup')
