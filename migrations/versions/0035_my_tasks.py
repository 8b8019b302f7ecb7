"""My tasks: standalone customer tasks (every task names its customer) and calendar feed links

Revision ID: 0035_my_tasks
Revises: 0034_customer_reminders
Create Date: 2026-12-03 03:40:00

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0035_my_tasks'
down_revision = '0034_customer_reminders'
branch_labels = None
depends_on = None


def _without_foreign_keys(work) -> None:
    """Run `work` with SQLite's foreign keys off: SQLite rebuilds `tasks` (copy, drop, rename),
    and with foreign keys enforced dropping the old table would cascade to its comments. The
    pragma is ignored inside a transaction, so the open one is committed."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        work()
        return
    raw = conn.connection.dbapi_connection
    if raw.in_transaction:
        raw.commit()
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        work()
        if raw.in_transaction:
            raw.commit()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def upgrade():
    with op.batch_alter_table('tasks', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('customer_id', sa.Integer(), nullable=True))
    # Every existing task is a project's: it takes the project's customer.
    op.execute("UPDATE tasks SET customer_id = "
               "(SELECT projects.customer_id FROM projects WHERE projects.id = tasks.project_id)")

    def rebuild():
        with op.batch_alter_table('tasks', schema=None) as batch_op:
            batch_op.alter_column('customer_id', existing_type=sa.Integer(), nullable=False)
            batch_op.alter_column('project_id', existing_type=sa.Integer(), nullable=True)
            batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(batch_op.f('fk_tasks_customer_id_customers'),
                                        'customers', ['customer_id'], ['id'], ondelete='CASCADE')
            batch_op.create_foreign_key(batch_op.f('fk_tasks_created_by_id_users'), 'users',
                                        ['created_by_id'], ['id'], ondelete='SET NULL')
            batch_op.create_index(batch_op.f('ix_tasks_customer_id'), ['customer_id'])
            batch_op.create_index('ix_tasks_assignee_status_due',
                                  ['assignee_id', 'status', 'due_date'])

    _without_foreign_keys(rebuild)
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('calendar_nonce', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('calendar_token_hash', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_calendar_token_hash'), ['calendar_token_hash'],
                              unique=True)


def downgrade():
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_calendar_token_hash'))
        batch_op.drop_column('calendar_token_hash')
        batch_op.drop_column('calendar_nonce')
    # Standalone tasks cannot exist without a project: they go (with their comments).
    op.execute("DELETE FROM task_comments WHERE task_id IN "
               "(SELECT id FROM tasks WHERE project_id IS NULL)")
    op.execute("DELETE FROM tasks WHERE project_id IS NULL")

    def rebuild():
        with op.batch_alter_table('tasks', schema=None) as batch_op:
            batch_op.drop_index('ix_tasks_assignee_status_due')
            batch_op.drop_index(batch_op.f('ix_tasks_customer_id'))
            batch_op.drop_constraint(batch_op.f('fk_tasks_created_by_id_users'), type_='foreignkey')
            batch_op.drop_constraint(batch_op.f('fk_tasks_customer_id_customers'),
                                     type_='foreignkey')
            batch_op.drop_column('created_by_id')
            batch_op.drop_column('customer_id')
            batch_op.alter_column('project_id', existing_type=sa.Integer(), nullable=False)

    _without_foreign_keys(rebuild)
