"""Migration 0009: outbox rows queued before Message-IDs existed get one each, in the sender's
domain, and the attachment sweep finds pending images through an index, not a table scan."""

from flask_migrate import downgrade, upgrade
from sqlalchemy import event, select, text

from app.extensions import db
from app.models import OutboxMessage
from app.services.settings import save_settings
from app.services.tickets.attachments import stale_pending_attachment_ids


def test_older_rows_get_a_stable_message_id_in_the_senders_domain(app, ctx):
    save_settings({"mail_sender_email": "billing@acme.example"})
    db.session.commit()
    db.session.remove()
    downgrade(revision="0008_attachment_reencoding")
    try:
        with db.engine.begin() as conn:
            for recipient in ("ada@example.com", "bob@example.com"):
                conn.execute(
                    text("INSERT INTO outbox (kind, recipient, subject, body_text, body_html, "
                         "created_at, attempts, next_attempt_at) VALUES ('test', :to, 'Hi', 'x', "
                         "'x', CURRENT_TIMESTAMP, 0, CURRENT_TIMESTAMP)"),
                    {"to": recipient},
                )  # fmt: skip
    finally:
        upgrade()
    headers = db.session.scalars(select(OutboxMessage.message_id_header)).all()
    assert len(set(headers)) == 2
    assert all(h.startswith("<") and h.endswith("@acme.example>") for h in headers)


def test_the_attachment_sweep_reads_pending_rows_through_an_index(app, ctx):
    statements = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "FROM ticket_attachments" in statement:  # not another thread's statement
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        stale_pending_attachment_ids()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    [(statement, parameters)] = statements
    with db.engine.begin() as conn:  # SET LOCAL ends with it
        if conn.dialect.name == "sqlite":
            # INDEXED BY fails ("no query solution") unless the index can serve this WHERE:
            # the planner's own choice depends on table statistics, not on the query.
            forced = statement.replace(
                "FROM ticket_attachments",
                "FROM ticket_attachments INDEXED BY ix_ticket_attachments_pending",
            )
            plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {forced}", parameters).all()
        else:  # an empty table: tell the planner not to prefer a scan anyway
            conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
            plan = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters).all()
    assert "ix_ticket_attachments_pending" in str(plan)
