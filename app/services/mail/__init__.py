"""Email: editable templates, rendering with merge fields, and the outbox."""
