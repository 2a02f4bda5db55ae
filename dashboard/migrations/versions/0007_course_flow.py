"""pre-aggregated participations per roll-up ancestor, roll-up validity, course end and
course, the learners per the same and person, and the days with a briefing

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 08:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'course_flow',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('participations', sa.BigInteger(), nullable=False),
        sa.Column('completed', sa.BigInteger(), nullable=False),
        sa.Column('certificates', sa.BigInteger(), nullable=False),
        sa.Column('days_attended', sa.Float(), nullable=False),
        sa.Column('days_held', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['course_id'], ['course.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'day', 'rollup_from', 'rollup_to', 'course_id'),
    )
    op.create_table(
        'learner_flow',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'day', 'rollup_from', 'rollup_to', 'person_id'),
    )
    op.create_table(
        'briefing_day',
        sa.Column('ancestor_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('rollup_from', sa.Date(), nullable=False),
        sa.Column('rollup_to', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['ancestor_id'], ['unit.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('ancestor_id', 'day', 'rollup_from', 'rollup_to'),
    )
    # empty until built: no pre-aggregated table is used until all are built again
    op.execute("DELETE FROM meta WHERE key = 'preagg_token'")


def downgrade() -> None:
    op.drop_table('briefing_day')
    op.drop_table('learner_flow')
    op.drop_table('course_flow')
