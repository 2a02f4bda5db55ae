"""pre-aggregated board activities and monthly briefings per roll-up ancestor, roll-up
validity and day / month; the boards under each roll-up ancestor

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28 08:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'activity_flow',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('board_kind', sa.String(length=20), nullable=False),
        sa.Column('activities', sa.BigInteger(), nullable=False),
        sa.Column('supervisions', sa.BigInteger(), nullable=False),
        sa.Column('recommendations', sa.BigInteger(), nullable=False),
        sa.Column('resolved', sa.BigInteger(), nullable=False),
        sa.Column('money', sa.BigInteger(), nullable=False),
        sa.Column('land', sa.Float(), nullable=False),
        sa.Column('settlement', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'day', 'rollup_from', 'rollup_to', 'board_kind'),
    )
    op.create_table(
        'board_rollup',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('board_id', sa.Integer(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('board_from', sa.Date(), nullable=False),
        sa.Column('board_to', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['board_id'], ['board.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'board_id', 'rollup_from'),
    )
    op.create_index('ix_board_rollup_ancestor', 'board_rollup',
                    ['ancestor_id', 'rollup_from', 'rollup_to', 'board_from', 'board_to', 'kind', 'board_id'],
                    unique=False)
    op.create_table(
        'briefing_flow',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('month', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('due', sa.Integer(), nullable=False),
        sa.Column('held', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'month', 'rollup_from', 'rollup_to'),
    )
    # the tables start empty; the pre-aggregated tables' token is dropped so that none of
    # them is used until they are all built again (``grassroots db upgrade`` does it at
    # once for a database that holds data, otherwise the next write of records)
    op.execute("DELETE FROM meta WHERE key = 'preagg_token'")


def downgrade() -> None:
    op.drop_table('briefing_flow')
    op.drop_index('ix_board_rollup_ancestor', table_name='board_rollup')
    op.drop_table('board_rollup')
    op.drop_table('activity_flow')
    op.execute("DELETE FROM meta WHERE key IN ('preagg_activities_outside_term', 'preagg_briefing_months')")
