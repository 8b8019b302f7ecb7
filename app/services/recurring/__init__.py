"""Recurring invoices: profiles (service.py), their dates (schedule.py), the run (run.py)."""
