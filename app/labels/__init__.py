"""Every word shown for a stored key, one module per domain: statuses (statuses.py), sales
documents (sales.py), the Activity and security log (activity.py), other choices (options.py).
Low in the stack: forms, services and templates read it; it reads nothing else of the app."""


def label(labels: dict, key: str):
    """The word for `key` in `labels`, else the key itself (a value stored before its word)."""
    return labels.get(key, key)
