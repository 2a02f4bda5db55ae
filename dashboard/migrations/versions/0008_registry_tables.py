"""generic pre-aggregated tables built from the indicator registry's fact families
(agg_state, agg_state_key, agg_flow) in place of one table per indicator

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 09:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OLD_TABLES = ('unified_state', 'training_state', 'topic_state', 'activity_flow', 'board_rollup', 'briefing_flow',
              'course_flow', 'learner_flow', 'briefing_day')


def values() -> list:
    return [sa.Column(f'v{i}', sa.Float(), nullable=True) for i in range(8)]


def upgrade() -> None:
    for table in OLD_TABLES:
        op.drop_table(table)
    op.create_table(
        'agg_state',
        sa.Column('family', sa.String(30), nullable=False),
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('dim', sa.String(40), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.Column('valid_to', sa.Date(), nullable=False),
        *values(),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('family', 'ancestor_id', 'dim', 'valid_from'),
    )
    op.create_table(
        'agg_state_key',
        sa.Column('family', sa.String(30), nullable=False),
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('dim', sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('family', 'ancestor_id', 'dim'),
    )
    op.create_table(
        'agg_flow',
        sa.Column('family', sa.String(30), nullable=False),
        sa.Column('key_name', sa.String(20), nullable=False),
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('dim', sa.String(40), nullable=False),
        sa.Column('key_id', sa.Integer(), nullable=False),
        *values(),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('family', 'key_name', 'ancestor_id', 'day', 'rollup_from', 'rollup_to', 'dim',
                                'key_id'),
    )
    # empty until built: ``grassroots db upgrade`` builds them for a database with data
    op.execute("DELETE FROM meta WHERE key = 'preagg_token'")


def downgrade() -> None:
    """Back to one table per indicator, empty: the code of 0007 builds them again at its
    next write of records (until then it reads the raw queries)."""
    import importlib

    op.drop_table('agg_flow')
    op.drop_table('agg_state_key')
    op.drop_table('agg_state')
    for name in ('0004_unified_state', '0006_flow_tables', '0007_course_flow'):
        module = importlib.import_module(f'dashboard.migrations.versions.{name}')
        module.upgrade()
