"""Personal data on request (GDPR): a contact's data as a ZIP (export.py), erasure of a contact
or a whole customer (erase.py), and the log of every request (requests.py)."""
