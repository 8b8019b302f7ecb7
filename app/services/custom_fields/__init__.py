"""Custom fields an administrator adds to customers and contacts (issue 19)."""
