"""The demo data's words, in the language they are read in: the firm's own settings (groups,
tax, department, contract types) in the system language, what a customer reads (document lines,
contracts) in that customer's. Each is a catalogue string (context "demo"), so a new language's
catalogue translates the demo too."""

from flask_babel import lazy_pgettext

DEMO_WORDS = {
    # The firm's settings
    "Demo Studio": lazy_pgettext("demo", "Demo Studio"),
    "Wholesale": lazy_pgettext("demo", "Wholesale"),
    "Agencies": lazy_pgettext("demo", "Agencies"),
    "Public sector": lazy_pgettext("demo", "Public sector"),
    "VAT": lazy_pgettext("demo", "VAT"),
    "Technical support": lazy_pgettext("demo", "Technical support"),
    "Maintenance": lazy_pgettext("demo", "Maintenance"),
    "Hosting": lazy_pgettext("demo", "Hosting"),
    "Consulting": lazy_pgettext("demo", "Consulting"),
    # Document lines
    "Website redesign": lazy_pgettext("demo", "Website redesign"),
    "Hosting (year)": lazy_pgettext("demo", "Hosting (year)"),
    "Online shop module": lazy_pgettext("demo", "Online shop module"),
    "Consulting day": lazy_pgettext("demo", "Consulting day"),
    "Brand workshop": lazy_pgettext("demo", "Brand workshop"),
    "Integration work": lazy_pgettext("demo", "Integration work"),
    "Mobile app prototype": lazy_pgettext("demo", "Mobile app prototype"),
    "Accessibility audit": lazy_pgettext("demo", "Accessibility audit"),
    "Loyalty card app": lazy_pgettext("demo", "Loyalty card app"),
    "Staff training": lazy_pgettext("demo", "Staff training"),
    # Contracts
    "Website maintenance": lazy_pgettext("demo", "Website maintenance"),
    "Hosting and support": lazy_pgettext("demo", "Hosting and support"),
    "Brand consulting retainer": lazy_pgettext("demo", "Brand consulting retainer"),
    # Reminders (the demo administrator's)
    "Call about renewing the maintenance contract": lazy_pgettext(
        "demo", "Call about renewing the maintenance contract"
    ),
    "Send the new price list": lazy_pgettext("demo", "Send the new price list"),
    # Files on a customer (one shared with its portal)
    "Maintenance schedule": lazy_pgettext("demo", "Maintenance schedule"),
    "Notes from the kick-off meeting": lazy_pgettext("demo", "Notes from the kick-off meeting"),
    "contract": lazy_pgettext(
        "demo",
        "<h2>Scope</h2><p>%(subject)s for %(company)s.</p><ul><li>Monthly updates</li>"
        "<li>Support by email within one business day</li></ul><h2>Terms</h2>"
        "<p>Invoiced quarterly. Either party may end the contract with 30 days' notice.</p>",
    ),
}

# The usual VAT rate of each language's main country (others: 20 %).
VAT_PERCENT = {"fr": 20, "de": 19, "es": 21}


def word(key: str, **values) -> str:
    """The demo word for `key` in the active locale (the key itself if it has none)."""
    text = DEMO_WORDS.get(key)
    if text is None:
        return key
    return str(text) % values if values else str(text)
