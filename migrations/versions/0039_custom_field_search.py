"""Custom field search: the words of text fields' values, so a list's text filter is an index range

One row per field, word and record (folded: lower case, no accents), filled here from the values
that exist. The words are made by a frozen copy of the app's `words()` (app/services/customers/
search.py) so this migration gives the same rows whatever the app becomes.

Revision ID: 0039_custom_field_search
Revises: 0037_custom_fields
Create Date: 2026-12-03 04:30:00

"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = '0039_custom_field_search'
down_revision = '0037_custom_fields'
branch_labels = None
depends_on = None

TERM_MAX = 120
BATCH = 5000


def _fold(text):
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _words(text):
    found = set()
    for token in re.findall(r"[\w@.+-]+", _fold(text)):
        token = token.strip(".-+")
        if token:
            found.add(token[:TERM_MAX])
            found.update(part for part in re.split(r"[@.+_-]+", token) if part)
    return {t[:TERM_MAX] for t in found if t}


def upgrade():
    term_type = sa.String(length=120).with_variant(sa.String(length=120, collation='C'),
                                                   'postgresql')
    terms = op.create_table(
        'custom_field_terms',
        sa.Column('field_id', sa.Integer(), nullable=False),
        sa.Column('term', term_type, nullable=False),
        sa.Column('record_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['field_id'], ['custom_field_definitions.id'],
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('field_id', 'term', 'record_id'),
    )
    op.create_index('ix_custom_field_terms_record', 'custom_field_terms',
                    ['record_id', 'field_id'])
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT v.field_id, v.record_id, v.value_text FROM custom_field_values v"
        " JOIN custom_field_definitions d ON d.id = v.field_id"
        " WHERE d.field_type IN ('text', 'long_text', 'link') AND v.value_text IS NOT NULL"
        " ORDER BY v.field_id, v.record_id"
    )).fetchall()
    words = {}  # (field, record): its words (a "several values" record has several rows)
    for field_id, record_id, text in rows:
        words.setdefault((field_id, record_id), set()).update(_words(text))
    batch = []
    for (field_id, record_id), found in words.items():
        batch += [{'field_id': field_id, 'term': t, 'record_id': record_id} for t in sorted(found)]
        if len(batch) >= BATCH:
            op.bulk_insert(terms, batch)
            batch = []
    if batch:
        op.bulk_insert(terms, batch)


def downgrade():
    op.drop_index('ix_custom_field_terms_record', table_name='custom_field_terms')
    op.drop_table('custom_field_terms')
