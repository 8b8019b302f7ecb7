"""Column titles other software and people write, per target (data, not translations).

Compared after mapping.header_key (no case, accents, spaces or punctuation), so one spelling
covers "Code postal", "CODE_POSTAL" and "code-postal". A spelling belongs to one target: the
first listed wins. Sources: Perfex CRM's customer list export and its customer import sample
(database column names humanised: "Vat", "Phonenumber", "Billing street"), Invoice Ninja's
client CSV, and titles common in each of our languages.
"""

# fmt: off
SYNONYMS = {
    "company": [
        "Company", "Company name", "Customer", "Customer name", "Client", "Client name", "Name",
        "Organization", "Organisation", "Account", "Account name", "Business name",
        "Société", "Raison sociale", "Entreprise", "Nom de l'entreprise", "Nom de la société",
        "Firma", "Firmenname", "Unternehmen", "Kunde", "Kundenname",
        "Empresa", "Razón social", "Nombre de la empresa", "Cliente",
        "Azienda", "Ragione sociale", "Società", "Denominazione",
        "Bedrijf", "Bedrijfsnaam", "Klant", "Klantnaam",
        "Nazwa firmy", "Klient",
        "Nome da empresa", "Razão social",
        "Şirket", "Firma adı", "Müşteri", "Şirket adı",
        "الشركة", "اسم الشركة", "العميل",
        "公司", "公司名称", "客户", "客户名称",
    ],
    "vat_number": [
        "VAT number", "VAT", "Vat", "VAT ID", "VAT No", "VAT Reg No", "Tax ID", "Tax number",
        "Numéro de TVA", "N° TVA", "TVA", "TVA intracommunautaire", "N° TVA intracommunautaire",
        "USt-IdNr.", "USt-ID", "UStIdNr", "Umsatzsteuer-ID", "Steuernummer",
        "NIF", "CIF", "NIF/CIF", "Número de IVA", "NIF-IVA",
        "Partita IVA", "P. IVA", "P.IVA",
        "Btw-nummer", "BTW", "BTW nummer", "Btw-id",
        "NIP", "Numer VAT", "NIP UE",
        "CNPJ",
        "Vergi numarası", "Vergi No", "VKN",
        "الرقم الضريبي", "رقم ضريبة القيمة المضافة",
        "税号", "增值税号", "纳税人识别号",
    ],
    "phone": [
        "Phone", "Phonenumber", "Phone number", "Telephone", "Tel", "Company phone", "Work phone",
        "Téléphone", "Tél", "Téléphone fixe", "Telefon", "Telefonnummer", "Teléfono",
        "Telefono", "Telefoon", "Telefoonnummer", "Numer telefonu", "Telefone", "الهاتف",
        "رقم الهاتف", "电话", "电话号码",
    ],
    "website": [
        "Website", "Web site", "Web", "URL", "Homepage", "Site web", "Site internet", "Site",
        "Webseite", "Internetseite", "Sitio web", "Página web", "Sito web", "Sito", "Strona www",
        "Strona internetowa", "Web sitesi", "الموقع الإلكتروني", "网站",
    ],
    "address": [
        "Address", "Address 1", "Street", "Street address", "Adresse", "Rue", "Straße", "Strasse",
        "Dirección", "Calle", "Indirizzo", "Via", "Adres", "Straat", "Ulica", "Endereço", "Rua",
        "العنوان", "地址", "街道",
    ],
    "city": [
        "City", "Town", "Ville", "Commune", "Ort", "Stadt", "Ciudad", "Localidad", "Città",
        "Comune", "Plaats", "Stad", "Woonplaats", "Miasto", "Miejscowość", "Cidade", "Şehir",
        "İl", "المدينة", "城市",
    ],
    "state": [
        "State", "Region", "Province", "County", "State / region", "Région", "Département",
        "Bundesland", "Provincia", "Región", "Regione", "Provincie", "Województwo", "Estado",
        "Eyalet", "الولاية", "المنطقة", "省", "州",
    ],
    "zip": [
        "Zip", "Zip Code", "Postal code", "Postcode", "Post code", "Postal", "Code postal", "CP",
        "PLZ", "Postleitzahl", "Código postal", "C.P.", "CAP", "Codice postale", "Kod pocztowy",
        "CEP", "Posta kodu", "الرمز البريدي", "邮编", "邮政编码",
    ],
    "country": [
        "Country", "Country code", "Pays", "Land", "País", "Paese", "Nazione", "Kraj", "Ülke",
        "البلد", "الدولة", "国家",
    ],
    "billing_street": [
        "Billing street", "Billing address", "Billing address 1", "Adresse de facturation",
        "Rechnungsadresse", "Dirección de facturación", "Indirizzo di fatturazione",
        "Factuuradres", "Adres rozliczeniowy", "Endereço de cobrança", "Fatura adresi",
    ],
    "billing_city": [
        "Billing city", "Ville de facturation", "Rechnungsort", "Ciudad de facturación",
        "Città di fatturazione",
    ],
    "billing_state": ["Billing state", "Billing region", "Billing province"],
    "billing_zip": [
        "Billing zip", "Billing zip code", "Billing postal code", "Billing postcode",
        "Code postal de facturation", "Rechnungs-PLZ",
    ],
    "billing_country": ["Billing country", "Pays de facturation", "Rechnungsland"],
    "shipping_street": [
        "Shipping street", "Shipping address", "Shipping address 1", "Delivery address",
        "Adresse de livraison", "Lieferadresse", "Dirección de envío", "Indirizzo di spedizione",
        "Afleveradres", "Adres dostawy", "Endereço de entrega", "Teslimat adresi",
    ],
    "shipping_city": ["Shipping city", "Ville de livraison", "Lieferort"],
    "shipping_state": ["Shipping state", "Shipping region", "Shipping province"],
    "shipping_zip": [
        "Shipping zip", "Shipping zip code", "Shipping postal code", "Shipping postcode",
        "Code postal de livraison", "Liefer-PLZ",
    ],
    "shipping_country": ["Shipping country", "Pays de livraison", "Lieferland"],
    "groups": [
        "Groups", "Group", "Customer groups", "Tags", "Groupes", "Groupe", "Gruppen", "Gruppe",
        "Grupos", "Grupo", "Gruppi", "Gruppo", "Groepen", "Groep", "Grupy", "Grupa", "Gruplar",
        "المجموعات", "分组", "客户组",
    ],
    "currency": [
        "Currency", "Default currency", "Devise", "Monnaie", "Währung", "Moneda", "Divisa",
        "Valuta", "Waluta", "Moeda", "Para birimi", "العملة", "货币", "币种",
    ],
    "language": [
        "Language", "Default language", "Langue", "Sprache", "Idioma", "Lingua", "Taal",
        "Język", "Dil", "اللغة", "语言",
    ],
    "active": ["Active", "Status", "Actif", "Aktiv", "Activo", "Attivo", "Actief", "Aktywny",
               "Ativo", "Aktif", "نشط", "启用", "有效"],
    "external_id": [
        "External ID", "ID", "#", "ID Number", "Customer ID", "Client ID", "Customer number",
        "Client number", "Number", "Userid", "Référence client", "N° client", "Numéro client",
        "Code client",
        "Kundennummer", "Kunden-Nr", "Debitorennummer", "Número de cliente", "Codice cliente",
        "Klantnummer", "Numer klienta", "Código do cliente", "Müşteri no", "客户编号",
    ],
    "contact_first_name": [
        "Contact first name", "First name", "Firstname", "Given name", "Forename",
        "Prénom", "Prénom du contact", "Vorname", "Nombre", "Nome", "Voornaam", "Imię", "Ad",
        "Adı", "الاسم الأول", "名",
    ],
    "contact_last_name": [
        "Contact last name", "Last name", "Lastname", "Surname", "Family name",
        "Nom", "Nom de famille", "Nom du contact", "Nachname", "Familienname", "Apellidos",
        "Apellido", "Cognome", "Achternaam", "Nazwisko", "Sobrenome", "Soyad", "Soyadı",
        "اسم العائلة", "姓",
    ],
    "contact_full_name": [
        "Contact full name", "Primary contact", "Contact", "Contact name", "Contact person",
        "Full name", "Person",
        "Contact principal", "Nom complet", "Interlocuteur",
        "Ansprechpartner", "Kontaktperson", "Hauptkontakt", "Vollständiger Name",
        "Persona de contacto", "Contacto", "Contacto principal", "Nombre completo",
        "Referente", "Persona di riferimento", "Contatto", "Contactpersoon",
        "Osoba kontaktowa", "Imię i nazwisko", "Contato", "Contato principal", "Nome completo",
        "İlgili kişi", "Ad soyad", "جهة الاتصال", "الاسم الكامل", "联系人", "姓名",
    ],
    "contact_email": [
        "Contact email", "Email", "E-mail", "Email address", "Mail", "Primary email",
        "Courriel", "Adresse e-mail", "Adresse électronique", "E-Mail-Adresse",
        "Correo electrónico", "Correo", "Indirizzo email", "E-mailadres", "Adres e-mail",
        "E-posta", "البريد الإلكتروني", "电子邮件", "邮箱",
    ],
    "contact_phone": [
        "Contact phone", "Contact phonenumber", "Mobile", "Mobile phone", "Cell phone",
        "Portable", "Téléphone portable", "Mobil", "Handy", "Mobiltelefon", "Móvil", "Celular",
        "Cellulare", "Mobiel", "Telefon komórkowy", "Cep telefonu", "الجوال", "手机",
    ],
    "contact_position": [
        "Contact position", "Position", "Title", "Job title", "Role", "Fonction", "Poste",
        "Funktion", "Cargo", "Puesto", "Ruolo", "Qualifica", "Functie",
        "Stanowisko", "Unvan", "Görev", "المنصب", "职位",
    ],
    "opening_balance": [
        "Opening balance", "Balance", "Solde", "Solde d'ouverture", "Solde initial", "Saldo",
        "Anfangssaldo", "Eröffnungssaldo", "Saldo inicial", "Saldo iniziale", "Beginsaldo",
        "Saldo początkowe", "Açılış bakiyesi", "الرصيد الافتتاحي", "期初余额",
    ],
    "opening_balance_currency": ["Opening balance currency", "Balance currency"],
    "opening_balance_date": ["Opening balance date", "Balance date", "Date du solde"],
}
# fmt: on

# What Perfex CRM's customer list export writes in the Company column of a customer that has no
# company (a person), in each of Perfex's languages (its `no_company_view_profile` string): such
# a customer is named after its contact, as Perfex shows it.
PERFEX_NO_COMPANY = {
    "Person - View Profile", "Persona - Veure Perfil", "Osoba - Zobrazit profil",
    "Persoon - Bekijk profiel", "Henkilö - Näytä profiili", "Particulier - Afficher le Profil",
    "Person - Profil anzeigen", "Πρόσωπο - Δείτε Προφίλ", "Personal - Lihat Profil",
    "Utente - Visualizza profilo", "人 - プロファイルを表示します",
    "Osoba prywatna - zobacz profil",
    "Pessoa - Ver Perfil", "Ver Perfil da Pessoa", "Persoana - vezi profilul",
    "Человек - просмотр профиля", "Osoba - Zobraziť profil", "Persona - ver perfil",
    "Person - Visa profil", "Kişisel - Profili Görüntüle", "Особа - Перегляд обліковки",
    "Cá nhân - Xem tiểu sử",
}  # fmt: skip
