//! The columns of a CSV: which holds what ([`CsvMapping`]), guessed from the header
//! names the common exporters write ([`guess_mapping`]).

/// Which column (0-based) holds which contact field. The first row is the header.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvMapping {
    /// The full name; when `None`, `first_name` + `last_name`.
    pub name: Option<usize>,
    pub first_name: Option<usize>,
    pub last_name: Option<usize>,
    /// Every column holding an email address (exports have "E-mail 2" and so on).
    pub emails: Vec<usize>,
    pub phones: Vec<usize>,
    pub organization: Option<usize>,
    pub role: Option<usize>,
    pub links: Vec<usize>,
    /// Tags separated by `,`, `;` or Google's `:::`.
    pub tags: Option<usize>,
    pub notes: Option<usize>,
    /// A date (`2025-07-23` or `12 Mar 2021`) for `created`; today when absent.
    pub created: Option<usize>,
}

impl CsvMapping {
    /// Whether a contact can get a name: a name, first/last name or email column.
    pub fn is_usable(&self) -> bool {
        self.name.is_some()
            || self.first_name.is_some()
            || self.last_name.is_some()
            || !self.emails.is_empty()
    }

    /// `(field, header)` pairs of the mapped columns, for showing the mapping.
    pub fn describe(&self, headers: &[String]) -> Vec<(&'static str, String)> {
        let header = |i: &usize| headers.get(*i).cloned().unwrap_or_else(|| format!("column {}", i + 1));
        let singles = [
            ("name", &self.name),
            ("first name", &self.first_name),
            ("last name", &self.last_name),
            ("organisation", &self.organization),
            ("role", &self.role),
            ("tags", &self.tags),
            ("notes", &self.notes),
            ("created", &self.created),
        ];
        let multiples = [("email", &self.emails), ("phone", &self.phones), ("link", &self.links)];
        let mut out: Vec<(&'static str, String)> = singles
            .iter()
            .filter_map(|(field, column)| column.as_ref().map(|i| (*field, header(i))))
            .collect();
        for (field, columns) in multiples {
            out.extend(columns.iter().map(|i| (field, header(i))));
        }
        out
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    FirstName,
    LastName,
    Email,
    Phone,
    Organization,
    Role,
    Link,
    Tags,
    Notes,
    Created,
}

/// The field a header names, with a rank (lower wins when several columns match).
/// Header names as the common exporters write them in English, German, French,
/// Spanish and Japanese (Outlook, Google, Thunderbird, phones); compared lower-case
/// with everything but letters and digits removed ("E-Mail-Adresse" → "emailadresse").
fn classify(header: &str) -> Option<(Field, u8)> {
    let h: String = header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    let has = |part: &str| h.contains(part);
    let any = |parts: &[&str]| parts.iter().any(|p| h.contains(p));
    let exact = |names: &[&str]| names.contains(&h.as_str());
    // A display name on its own is the person's (Thunderbird); next to an email
    // address it is how the address is shown (Outlook), and not the person's name.
    if exact(&["displayname", "anzeigename", "nomàafficher", "nombreparamostrar", "表示名"]) {
        return Some((Field::Name, 1));
    }
    // Columns about something else: a type or label, how an address is shown, a fax,
    // a phonetic reading, an assistant's or manager's details, an id.
    let other = any(&[
        "type",
        "typ",
        "tipo",
        "種類",
        "displayname",
        "angezeigt",
        "mostrar",
        "affich",
        "表示",
        "fax",
        "télécopie",
        "telecopie",
        "ファクス",
        "phonetic",
        "yomi",
        "furigana",
        "フリガナ",
        "ふりがな",
        "ヨミ",
        "assistant",
        "manager",
        "department",
        "abteilung",
        "service",
        "departamento",
        "部署",
        "organizationalid",
        "government",
        "telex",
    ]);
    // "Nom complet de l'adresse de messagerie": how an address is shown.
    let address_shown = has("nomcomplet") && h != "nomcomplet";
    if other || address_shown || (has("label") && h != "labels") {
        return None;
    }
    let field = if exact(&[
        "firstname",
        "givenname",
        "first",
        "forename",
        "vorname",
        "prénom",
        "prenom",
        "nombre",
        "名",
    ]) {
        (Field::FirstName, 0)
    } else if exact(&[
        "lastname",
        "familyname",
        "surname",
        "last",
        "nachname",
        "familienname",
        "nom",
        "nomdefamille",
        "apellido",
        "apellidos",
        "姓",
    ]) {
        (Field::LastName, 0)
    } else if exact(&[
        "name",
        "fullname",
        "contactname",
        "contact",
        "vollständigername",
        "nomcomplet",
        "nombrecompleto",
        "氏名",
        "名前",
        "お名前",
    ]) {
        (Field::Name, 0)
    } else if exact(&[
        "tags",
        "tag",
        "labels",
        "groups",
        "groupmembership",
        "categories",
        "category",
        "kategorien",
        "kategorie",
        "catégories",
        "categories",
        "catégorie",
        "categorías",
        "categoría",
        "分類",
        "カテゴリ",
        "カテゴリー",
        "グループ",
    ]) {
        (Field::Tags, 0)
    } else if exact(&[
        "notes",
        "note",
        "comments",
        "comment",
        "description",
        "notizen",
        "notiz",
        "bemerkungen",
        "remarques",
        "notas",
        "nota",
        "メモ",
        "備考",
    ]) {
        (Field::Notes, 0)
    } else if exact(&["created", "connectedon", "dateadded", "added", "since"]) {
        (Field::Created, 0)
    } else if exact(&["title", "role", "titel", "titre", "profession", "beruf", "profesión"]) {
        (Field::Role, 1)
    } else if any(&["mail", "messagerie", "courriel", "électronique", "electronique", "correo", "メール"])
    {
        (Field::Email, 0)
    } else if any(&[
        "phone",
        "mobile",
        "mobil",
        "telefon",
        "téléphone",
        "telephone",
        "teléfono",
        "telefono",
        "móvil",
        "movil",
        "celular",
        "電話",
        "携帯",
    ]) || h.starts_with("tel")
        || h.starts_with("tél")
        || exact(&["portable", "handy"])
    {
        (Field::Phone, 0)
    } else if any(&[
        "title",
        "position",
        "jobrole",
        "arbeitstitel",
        "berufsbezeichnung",
        "poste",
        "fonction",
        "puesto",
        "cargo",
        "役職",
        "肩書",
    ]) {
        (Field::Role, 0)
    } else if any(&[
        "company",
        "employer",
        "firma",
        "unternehmen",
        "société",
        "societe",
        "entreprise",
        "compañía",
        "compania",
        "empresa",
        "会社",
        "勤務先",
        "所属",
    ]) || h.starts_with("organi")
        || h == "org"
    {
        (Field::Organization, 0)
    } else if any(&["url", "web", "link", "homepage", "site", "ホームページ", "ウェブ"]) {
        (Field::Link, 0)
    } else {
        return None;
    };
    Some(field)
}

/// A mapping guessed from header names (the common exports: Google, Outlook,
/// Thunderbird, phones, spreadsheets, in the languages [`classify`] knows). The user
/// checks it in the mapping step.
pub fn guess_mapping(headers: &[String]) -> CsvMapping {
    let mut mapping = CsvMapping::default();
    let mut ranks: Vec<(Field, u8)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        let Some((field, rank)) = classify(header) else { continue };
        let single = match field {
            Field::Email => {
                mapping.emails.push(column);
                continue;
            }
            Field::Phone => {
                mapping.phones.push(column);
                continue;
            }
            Field::Link => {
                mapping.links.push(column);
                continue;
            }
            Field::Name => &mut mapping.name,
            Field::FirstName => &mut mapping.first_name,
            Field::LastName => &mut mapping.last_name,
            Field::Organization => &mut mapping.organization,
            Field::Role => &mut mapping.role,
            Field::Tags => &mut mapping.tags,
            Field::Notes => &mut mapping.notes,
            Field::Created => &mut mapping.created,
        };
        let better = ranks.iter().find(|(f, _)| *f == field).is_none_or(|(_, best)| rank < *best);
        if better {
            *single = Some(column);
            ranks.retain(|(f, _)| *f != field);
            ranks.push((field, rank));
        }
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn guesses_outlook_and_google_headers() {
        let outlook = guess_mapping(&headers(&[
            "Title",
            "First Name",
            "Last Name",
            "Company",
            "Job Title",
            "E-mail Address",
            "E-mail Display Name",
            "E-mail 2 Address",
            "Mobile Phone",
            "Business Fax",
            "Web Page",
            "Notes",
            "Categories",
        ]));
        assert_eq!(
            (outlook.first_name, outlook.last_name, outlook.organization, outlook.role),
            (Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!((outlook.emails, outlook.phones, outlook.links), (vec![5, 7], vec![8], vec![10]));
        assert_eq!((outlook.notes, outlook.tags), (Some(11), Some(12)));
        let google = guess_mapping(&headers(&[
            "Name",
            "Given Name",
            "Family Name",
            "Labels",
            "E-mail 1 - Type",
            "E-mail 1 - Value",
            "Organization 1 - Name",
            "Organization 1 - Title",
        ]));
        assert_eq!((google.name, google.tags, google.emails), (Some(0), Some(3), vec![5]));
        assert_eq!((google.organization, google.role), (Some(6), Some(7)));
    }
}
