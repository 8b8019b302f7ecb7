"""Customer imports."""
