"""pii placeholders, vault and audit log

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("conversation_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_event_conversation", ["conversation_id", "at"], unique=False
        )

    op.create_table(
        "pii_placeholder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("conversation_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("entity_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("value_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "conversation_id", "entity_type", "number", name="uq_placeholder_number"
        ),
        sa.UniqueConstraint(
            "conversation_id", "entity_type", "value_hash", name="uq_placeholder_value"
        ),
    )
    op.create_table(
        "pii_vault",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("conversation_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("entity_type", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("blind_index", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"],
            ["conversation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "conversation_id", "entity_type", "number", name="uq_vault_placeholder"
        ),
    )
    with op.batch_alter_table("pii_vault", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pii_vault_blind_index", ["tenant_id", "blind_index"], unique=False
        )
        batch_op.create_index("ix_pii_vault_expires_at", ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("pii_vault", schema=None) as batch_op:
        batch_op.drop_index("ix_pii_vault_expires_at")
        batch_op.drop_index("ix_pii_vault_blind_index")

    op.drop_table("pii_vault")
    op.drop_table("pii_placeholder")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_event_conversation")

    op.drop_table("audit_event")
