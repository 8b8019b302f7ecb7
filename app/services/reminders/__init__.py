"""Staff reminders on a customer or one of its records (app/models/reminder.py)."""
