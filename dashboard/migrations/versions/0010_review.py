"""review events: a sơ kết or tổng kết of a directive or resolution, with its date,
document number and issuing unit (the import template's sheet "Sơ kết, tổng kết")

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 10:30:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'review',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('directive', sa.String(length=200), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=True),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=True),
        sa.Column('unit_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['unit_id'], ['unit.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('code'),
    )
    op.create_index('ix_review_date', 'review', ['date'])


def downgrade() -> None:
    op.drop_index('ix_review_date', table_name='review')
    op.drop_table('review')
