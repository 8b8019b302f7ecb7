"""Contracts: writing, sending, signing, renewing, and reminding staff of their end."""
