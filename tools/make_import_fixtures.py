#!/usr/bin/env python3
"""Writes the address books in tests/fixtures/encodings/: the byte shapes real
exporters write (Outlook's Windows-1252 CSV, Thunderbird's "ANSI" CSV, a Shift_JIS
address book, UTF-16 vCards with and without a byte-order mark, a vCard folded
through a multi-byte character, a vCard 2.1 with CHARSET=SHIFT_JIS and
QUOTED-PRINTABLE, German/French/Spanish/Japanese headers, a semicolon CSV).

Every person and organisation here is invented. Run from the repository root:
    python3 tools/make_import_fixtures.py
The files are committed; the tests read them and assert the exact decoded names.
"""

import codecs
import csv
import io
import os

OUT = os.path.join("tests", "fixtures", "encodings")

# Outlook's CSV export (Office 2003-365, English): 92 columns.
OUTLOOK_COLUMNS = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
    "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
    "Other Street 3", "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax",
    "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account",
    "Anniversary", "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box",
    "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name",
    "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
    "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes",
    "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
    "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page",
]
assert len(OUTLOOK_COLUMNS) == 92, len(OUTLOOK_COLUMNS)


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def csv_text(rows, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerows(rows)
    return buffer.getvalue()


def outlook_row(values):
    row = [""] * len(OUTLOOK_COLUMNS)
    for column, value in values.items():
        row[OUTLOOK_COLUMNS.index(column)] = value
    return row


def outlook_windows_1252():
    people = [
        {"Title": "Mr.", "First Name": "Jürgen", "Last Name": "Müßig", "Company": "Fähre & Söhne GmbH",
         "Job Title": "Geschäftsführer", "Department": "Vertrieb", "E-mail Address": "juergen@example.de",
         "E-mail Type": "SMTP", "E-mail Display Name": "Jürgen Müßig (juergen@example.de)",
         "Mobile Phone": "+49 151 0000001", "Business Fax": "+49 30 0000009", "Notes": "Café € “quoted”",
         "Categories": "Kunden;Freunde", "Web Page": "https://example.de/jm"},
        {"First Name": "Zoë", "Last Name": "Ångström", "Company": "Œuvre Conseil", "Job Title": "Directrice",
         "E-mail Address": "zoe@example.fr", "Business Phone": "+33 1 00 00 00 01"},
        {"First Name": "Seán", "Last Name": "Ó Briain", "E-mail Address": "sean@example.ie"},
    ]
    rows = [OUTLOOK_COLUMNS] + [outlook_row(p) for p in people]
    write("outlook-windows-1252.csv", csv_text(rows).encode("cp1252"))


def thunderbird_german_ansi():
    header = ["Vorname", "Nachname", "Anzeigename", "Spitzname", "Primäre E-Mail-Adresse",
              "Sekundäre E-Mail-Adresse", "Tel. dienstlich", "Tel. privat", "Fax-Nummer", "Mobil-Tel.-Nr.",
              "Arbeitstitel", "Abteilung", "Organisation", "Webseite 1", "Notizen"]
    rows = [header,
            ["Björn", "Weißmüller", "Björn Weißmüller", "Bjö", "bjoern@example.de", "", "+49 40 000001",
             "", "+49 40 000009", "+49 160 000001", "Einkäuferin", "Einkauf", "Grüne Wiese AG",
             "https://example.de/bw", "Trifft sich gern früh"],
            ["Änne", "Kühn", "", "", "aenne@example.de", "", "", "", "", "", "", "", "", "", ""]]
    write("thunderbird-de-ansi.csv", csv_text(rows).encode("cp1252"))


def outlook_french_semicolon():
    header = ["Titre", "Prénom", "Deuxième prénom", "Nom", "Suffixe", "Société", "Service", "Fonction",
              "Téléphone mobile", "Télécopie (bureau)", "Adresse de messagerie", "Type de messagerie",
              "Nom complet de l'adresse de messagerie", "Page Web", "Notes", "Catégories"]
    rows = [header,
            ["M.", "François", "", "Lefèvre", "", "Crème Brûlée SARL", "Ventes", "Gérant", "+33 6 00 00 00 01",
             "+33 1 00 00 00 09", "francois@example.fr", "SMTP", "François Lefèvre (francois@example.fr)",
             "https://example.fr/fl", "Déjeuner à Noël", "Clients;Amis"],
            ["Mme", "Hélène", "", "Dupré", "", "", "", "", "", "", "helene@example.fr", "", "", "", "", ""]]
    write("outlook-fr-semicolon.csv", csv_text(rows, delimiter=";").encode("cp1252"))


def spanish_tab():
    header = ["Nombre", "Segundo nombre", "Apellidos", "Organización", "Puesto",
              "Dirección de correo electrónico", "Tipo de correo electrónico",
              "Nombre para mostrar del correo electrónico", "Teléfono móvil", "Fax del trabajo", "Notas",
              "Categorías"]
    rows = [header,
            ["Begoña", "", "Núñez Ibáñez", "Peñalara Diseño", "Diseñadora", "begona@example.es", "SMTP",
             "Begoña Núñez", "+34 600 000 001", "+34 91 000 0009", "¿Café mañana?", "Clientes"]]
    write("outlook-es-tab.csv", ("\ufeff" + csv_text(rows, delimiter="\t")).encode("utf-8"))


def japanese_shift_jis():
    header = ["姓", "名", "姓 (ふりがな)", "名 (ふりがな)", "電子メール アドレス", "電子メール 表示名", "携帯電話",
              "会社電話", "会社", "部署", "役職", "メモ", "分類"]
    rows = [header,
            ["安藤", "ロイド", "あんどう", "ろいど", "lloyd@example.jp", "安藤 ロイド (lloyd@example.jp)",
             "090-0000-0001", "03-0000-0009", "東京テスト商会", "営業部", "課長", "月曜の朝に電話", "取引先"],
            ["佐々木", "花子", "ささき", "はなこ", "hanako@example.jp", "", "", "", "架空の株式会社", "", "", "", ""]]
    write("addressbook-shift_jis.csv", csv_text(rows).encode("shift_jis"))


def google_contacts():
    header = ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
              "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
              "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
              "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label",
              "Phone 1 - Value", "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street",
              "Address 1 - City", "Address 1 - PO Box", "Address 1 - Region", "Address 1 - Postal Code",
              "Address 1 - Country", "Address 1 - Extended Address", "Website 1 - Label", "Website 1 - Value"]
    row = [""] * len(header)

    def put(column, value):
        row[header.index(column)] = value

    for column, value in [("First Name", "Dagný"), ("Last Name", "Þórsdóttir"), ("Phonetic First Name", "Dagnee"),
                          ("Organization Name", "Norðurljós ehf."), ("Organization Title", "Ráðgjafi"),
                          ("Organization Department", "Rannsóknir"), ("Labels", "Vinir ::: * myContacts"),
                          ("E-mail 1 - Label", "* Work"), ("E-mail 1 - Value", "dagny@example.is"),
                          ("Phone 1 - Label", "Mobile"), ("Phone 1 - Value", "+354 000 0001"),
                          ("Website 1 - Label", "Profile"), ("Website 1 - Value", "https://example.is/dagny")]:
        put(column, value)
    write("google-contacts.csv", csv_text([header, row]).encode("utf-8"))


APPLE_VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Øster;Ånja;;;\r\nFN:Ånja Øster\r\nORG:Fjord & Fjell AS;\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:anja@example.no\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:安藤;ロイド;;;\r\nFN:安藤 ロイド\r\nORG:東京テスト商会;\r\n"
    "EMAIL;type=INTERNET:lloyd@example.jp\r\nEND:VCARD\r\n"
)


def utf16_vcards():
    for name, codec, bom in [("le", "utf-16-le", codecs.BOM_UTF16_LE), ("be", "utf-16-be", codecs.BOM_UTF16_BE)]:
        body = APPLE_VCARD.encode(codec)
        write(f"apple-utf16{name}-bom.vcf", bom + body)
        write(f"apple-utf16{name}-nobom.vcf", body)


def fold_utf8(line, width):
    """Folds a content line every `width` bytes, cutting through characters."""
    data = line.encode("utf-8")
    parts = [data[:width]] + [data[i:i + width - 1] for i in range(width, len(data), width - 1)]
    return b"\r\n ".join(parts) + b"\r\n"


def folded_through_a_character():
    # FN "Zoë Ångström-Ōtsuka 安藤" folded after 6 bytes ("FN:Zo" + the first byte of "ë") and
    # so on: every fold lands inside a multi-byte character somewhere.
    fn = "FN:Zoë Ångström-Ōtsuka 安藤ロイド"
    assert not fn.encode("utf-8")[:6].decode("utf-8", errors="ignore").endswith("ë")
    note = "NOTE:" + "Rencontrée à Zürich — 会議は月曜日です。" * 3
    data = b"BEGIN:VCARD\r\nVERSION:3.0\r\n" + fold_utf8(fn, 6) + fold_utf8(note, 75)
    data += b"EMAIL:zoe@example.ch\r\nEND:VCARD\r\n"
    try:
        data.decode("utf-8")
        raise SystemExit("the fold should break UTF-8 before unfolding")
    except UnicodeDecodeError:
        pass
    write("folded-multibyte.vcf", data)


def qp(data):
    return "".join(f"={b:02X}" if b >= 0x80 or b in b"=;:" else chr(b) for b in data)


def japanese_phone_vcard_2_1():
    # As Japanese feature phones wrote them: CHARSET=SHIFT_JIS with QUOTED-PRINTABLE,
    # a soft line break in a long NOTE, and one property in raw Shift_JIS bytes.
    n = qp("安藤".encode("shift_jis")) + ";" + qp("ロイド 1".encode("shift_jis"))
    fn = qp("安藤 ロイド 1".encode("shift_jis"))
    note = qp("月曜の朝に電話。東京テスト商会の課長。".encode("shift_jis"))
    note_lines = "=\r\n".join(note[i:i + 60] for i in range(0, len(note), 60))
    card = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{n}\r\n"
        f"FN;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{fn}\r\n"
        f"NOTE;CHARSET=SHIFT_JIS;ENCODING=QUOTED-PRINTABLE:{note_lines}\r\n"
        "TEL;CELL:090-0000-0001\r\nEND:VCARD\r\n"
    ).encode("ascii")
    card += b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=SHIFT_JIS:" + "佐々木;花子".encode("shift_jis") + b"\r\n"
    card += b"ORG;CHARSET=SHIFT_JIS:" + "架空の株式会社".encode("shift_jis") + b"\r\nEND:VCARD\r\n"
    write("phone-2.1-shift_jis-qp.vcf", card)


def many_charsets_vcard_2_1():
    # One card per charset a vCard 2.1 may name; the last names one nobody knows.
    cards = [
        ("ISO-8859-2", "Łukasz Wójcik", True),
        ("KOI8-R", "Иван Петров", False),
        ("windows-1251", "Олена Шевченко", True),
        ("GB18030", "王小明", True),
        ("Big5", "陳大文", False),
        ("ISO-8859-7", "Νίκος Παπαδόπουλος", True),
        ("windows-1252", "Renée Côté", False),
    ]
    data = b""
    for charset, name, quoted in cards:
        raw = name.encode(charset.lower().replace("windows-", "cp"))
        if quoted:
            value = f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:{qp(raw)}\r\n".encode("ascii")
        else:
            value = f"FN;CHARSET={charset}:".encode("ascii") + raw + b"\r\n"
        data += b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + value + b"END:VCARD\r\n"
    data += b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=X-MAC-KLINGON:Plain Name\r\nEND:VCARD\r\n"
    write("charsets-2.1.vcf", data)


def main():
    os.makedirs(OUT, exist_ok=True)
    outlook_windows_1252()
    thunderbird_german_ansi()
    outlook_french_semicolon()
    spanish_tab()
    japanese_shift_jis()
    google_contacts()
    utf16_vcards()
    folded_through_a_character()
    japanese_phone_vcard_2_1()
    many_charsets_vcard_2_1()


if __name__ == "__main__":
    main()
