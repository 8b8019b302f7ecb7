"""Importing customers and contacts from a spreadsheet: reading the file (reading.py), matching
its columns to our fields (mapping.py), reading each cell (cells.py) and giving back the refused
rows (refused.py)."""
