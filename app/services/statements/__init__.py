"""Statements of account (a customer's) and the sales reports (ageing, journal, VAT summary)."""
