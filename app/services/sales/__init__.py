"""Estimates, invoices and payments."""
