"""notes on a unit and a period

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 02:00:00
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('unit_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('period_kind', sa.String(length=10), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('author', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.Column('updated_by', sa.String(length=64), nullable=True),
    sa.CheckConstraint('period_end >= period_start', name='ck_note_period'),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('unit_note', schema=None) as batch_op:
        batch_op.create_index('ix_note_unit', ['unit_id', 'period_start'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('unit_note', schema=None) as batch_op:
        batch_op.drop_index('ix_note_unit')
    op.drop_table('unit_note')
