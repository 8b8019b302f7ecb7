"""The columns of a file are matched to our fields as the person would match them: our own
exports in any language, Perfex CRM's and Invoice Ninja's files, and titles people write in
our languages (app/services/imports/mapping.py)."""

from pathlib import Path

import pytest
from flask_babel import force_locale

from app.services.customers.export import export_header
from app.services.imports.mapping import (
    TARGETS,
    guess_mapping,
    header_key,
    mapping_problems,
    targets,
)
from app.services.imports.reading import read_headers
from app.services.imports.synonyms import SYNONYMS
from tests.factories import make_custom_field

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT_TARGETS = [
    "company", "vat_number", "phone", "website", "city", "country", "contact_full_name",
    "contact_email", "groups", "currency", "language", "active", None, "address", "state", "zip",
    *(f"{part}_{p}" for part in ("billing", "shipping")
      for p in ("street", "city", "state", "zip", "country")),
    "external_id",
]  # fmt: skip
SHIPPED = ("en", "ar", "de", "es", "fr", "it", "nl", "pl", "pt_BR", "tr", "zh")


def guessed(headers):
    return dict(zip(headers, guess_mapping(headers), strict=True))


def test_titles_compare_without_case_accents_spaces_or_punctuation():
    assert header_key("Code postal") == header_key("CODE_POSTAL") == header_key("code-postal")
    assert header_key("Société") == header_key("societe")
    assert header_key("USt-IdNr.") == header_key("ustidnr")
    assert header_key("الرمز البريدي") == "الرمزالبريدي"


def test_no_spelling_is_listed_under_two_targets():
    owners = {}
    for target, spellings in SYNONYMS.items():
        assert target in TARGETS
        for spelling in spellings:
            owner = owners.setdefault(header_key(spelling), target)
            assert owner == target, f"{spelling!r} is under {owner} and {target}"


@pytest.mark.parametrize("language", SHIPPED)
def test_our_own_export_maps_back_in_every_language(offline, language):
    with offline.test_request_context(), force_locale(language):
        header = export_header()
        assert guess_mapping(header) == EXPORT_TARGETS
        assert mapping_problems(guess_mapping(header)) == []


def test_a_perfex_crm_customer_export(offline):
    """The customer list's Export button in Perfex CRM 3 (views/admin/clients/manage.php: the
    table's headings in English, the checkbox column not exported); "#" is Perfex's customer id,
    kept as the external id so that a second import of the same export updates."""
    headers = read_headers((FIXTURES / "perfex_customers.csv").read_bytes(), "customers.csv")
    with offline.test_request_context():
        assert guessed(headers) == {
            "#": "external_id", "Company": "company", "Primary Contact": "contact_full_name",
            "Primary Email": "contact_email", "Phone": "phone", "Active": "active",
            "Groups": "groups", "Date Created": None,
        }  # fmt: skip


PERFEX_SAMPLE = {  # Perfex's "Download sample" on its customer import: the contacts' then the
    # customers' importable columns, named by App_import::formatFieldNameForHeading
    "Firstname": "contact_first_name", "Lastname": "contact_last_name",
    "Email": "contact_email", "Contact phonenumber": "contact_phone",
    "Position": "contact_position", "Company": "company", "Vat": "vat_number",
    "Phonenumber": "phone", "Country": "country", "City": "city", "Zip": "zip",
    "State": "state", "Address": "address", "Website": "website",
    "Billing street": "billing_street", "Billing city": "billing_city",
    "Billing state": "billing_state", "Billing zip": "billing_zip",
    "Billing country": "billing_country", "Shipping street": "shipping_street",
    "Shipping city": "shipping_city", "Shipping state": "shipping_state",
    "Shipping zip": "shipping_zip", "Shipping country": "shipping_country",
    "Longitude": None, "Latitude": None, "Stripe id": None,
}  # fmt: skip


def test_perfex_crm_import_sample_titles(offline):
    with offline.test_request_context():
        assert guessed(list(PERFEX_SAMPLE)) == PERFEX_SAMPLE


def test_a_title_of_punctuation_only_matches_only_itself(offline):
    with offline.test_request_context():
        assert guess_mapping(["#", "-", "***", ""]) == ["external_id", None, None, None]


def test_an_invoice_ninja_client_export(offline):
    headers = read_headers((FIXTURES / "invoiceninja_clients.csv").read_bytes(), "clients.csv")
    with offline.test_request_context():
        assert guessed(headers) == {
            "Name": "company", "ID Number": "external_id", "VAT Number": "vat_number",
            "Phone": "phone", "Website": "website", "Address 1": "address", "Address 2": None,
            "City": "city", "State": "state", "Postal Code": "zip", "Country": "country",
            "Currency": "currency", "Contact First Name": "contact_first_name",
            "Contact Last Name": "contact_last_name", "Contact Email": "contact_email",
            "Contact Phone": "contact_phone",
        }  # fmt: skip


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Raison sociale", "N° TVA intracommunautaire", "Téléphone", "Adresse", "Code postal",
          "Ville", "Pays", "Prénom", "Nom", "E-mail", "Fonction", "Solde initial"],
         ["company", "vat_number", "phone", "address", "zip", "city", "country",
          "contact_first_name", "contact_last_name", "contact_email", "contact_position",
          "opening_balance"]),
        (["Firmenname", "USt-IdNr.", "Straße", "PLZ", "Ort", "Land", "Vorname", "Nachname",
          "E-Mail", "Telefon", "Ansprechpartner"],
         ["company", "vat_number", "address", "zip", "city", "country", "contact_first_name",
          "contact_last_name", "contact_email", "phone", "contact_full_name"]),
        (["Empresa", "NIF", "Dirección", "Código postal", "Ciudad", "País", "Nombre",
          "Apellidos", "Correo electrónico", "Teléfono"],
         ["company", "vat_number", "address", "zip", "city", "country", "contact_first_name",
          "contact_last_name", "contact_email", "phone"]),
    ],
    ids=["fr", "de", "es"],
)  # fmt: skip
def test_titles_people_write_in_french_german_spanish(offline, headers, expected):
    with offline.test_request_context():
        assert guess_mapping(headers) == expected


def test_unknown_titles_map_to_nothing_and_a_target_goes_to_its_first_column(offline):
    with offline.test_request_context():
        assert guess_mapping(["Email", "Company", "E-mail", "Shoe size", ""]) == [
            "contact_email", "company", None, None, None,
        ]  # fmt: skip


def test_what_keeps_a_mapping_from_being_imported(offline):
    with offline.test_request_context():
        assert mapping_problems(["company", "city", None]) == []
        assert mapping_problems(["city", None]) == ["No column is mapped to Company."]
        assert mapping_problems(["company", "city", "city", "city"]) == [
            "Several columns are mapped to City: keep one."
        ]
        assert mapping_problems(["company", "custom:gone"]) == [
            "There is no field named “custom:gone”."
        ]
    with offline.test_request_context(), force_locale("fr"):
        assert mapping_problems([None]) == ["Aucune colonne ne correspond à Société."]


def test_targets_are_ordered_and_labelled_in_the_readers_language(offline):
    with offline.test_request_context():
        keys = [key for key, _label in targets()]
        assert keys[:3] == ["company", "vat_number", "phone"]
        assert keys.index("contact_email") < keys.index("opening_balance")
        assert dict(targets())["contact_email"] == "Contact email"
    with offline.test_request_context(), force_locale("de"):
        assert dict(targets())["zip"] == "PLZ"


def test_active_custom_fields_are_targets_by_key_and_label(app):
    with app.test_request_context():
        make_custom_field("tier", labels={"en": "Tier", "fr": "Niveau"})
        make_custom_field("birthday", "date", entity="contact", labels={"en": "Birthday"})
        make_custom_field("old_code", active=False)
        labels = dict(targets())
        assert labels["custom:tier"] == "Tier"
        assert labels["contact_custom:birthday"] == "Contact: Birthday"
        assert "custom:old_code" not in labels
        assert guess_mapping(["Company", "tier", "Niveau", "Birthday", "old_code"]) == [
            "company", "custom:tier", None, "contact_custom:birthday", None,
        ]  # fmt: skip
        assert guess_mapping(["Niveau"]) == ["custom:tier"]
