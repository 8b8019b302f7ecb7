"""Support tickets: opening, replies, attachments, notifications."""
