"""hot path indexes: a village's oversight activities and boards

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-28 02:30:00
"""
from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_activity_village_date', 'board_activity', ['village_id', 'date'], unique=False)
    op.create_index('ix_board_village', 'board', ['village_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_board_village', table_name='board')
    op.drop_index('ix_activity_village_date', table_name='board_activity')
