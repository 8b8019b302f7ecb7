"""Customers, their contacts and groups: the rules behind the Customers screens."""
