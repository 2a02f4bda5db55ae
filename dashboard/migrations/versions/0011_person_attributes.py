"""dated person attributes (ethnicity, general education, professional qualification,
political theory level, party member since): person_attribute

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 11:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'person_attribute',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        sa.Column('attribute', sa.String(20), nullable=False),
        sa.Column('value', sa.String(40), nullable=False),
        sa.Column('valid_from', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('person_id', 'attribute', 'valid_from', name='uq_person_attribute_from'),
    )
    op.create_index('ix_person_attribute_person', 'person_attribute', ['person_id', 'attribute', 'valid_from'])


def downgrade() -> None:
    op.drop_index('ix_person_attribute_person', table_name='person_attribute')
    op.drop_table('person_attribute')
