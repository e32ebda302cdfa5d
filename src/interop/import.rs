//! The import preview (new contacts, likely duplicates, unreadable records) and the
//! one undoable edit that applies it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use super::text::ReadAs;
use crate::model::{Change, Contact, Edit, Id, Network};

/// What a reader found in a file, before it is compared with the network.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parsed {
    /// Candidate contacts, id 0.
    pub contacts: Vec<Contact>,
    pub unreadable: Vec<Unreadable>,
    pub read_as: ReadAs,
    /// What was read, but perhaps not as written (an unknown `CHARSET=` …).
    pub warnings: Vec<Unreadable>,
}

/// What importing a file would do. Contacts here have id 0 until applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPreview {
    /// Contacts not in the network yet (already merged with repeats inside the file).
    pub new_contacts: Vec<Contact>,
    /// Contacts that look like one already in the network: merge or skip.
    pub duplicates: Vec<Duplicate>,
    /// Records that could not be read, with the reason.
    pub unreadable: Vec<Unreadable>,
    /// The encoding the file was read in, and why.
    pub read_as: ReadAs,
    /// What was read, but perhaps not as written (an unknown `CHARSET=` read in the
    /// file's encoding …): shown, never blocking.
    pub warnings: Vec<Unreadable>,
}

impl ImportPreview {
    /// Nothing new, nothing to merge, nothing unreadable.
    pub fn is_empty(&self) -> bool {
        self.new_contacts.is_empty() && self.duplicates.is_empty() && self.unreadable.is_empty()
    }
}

/// An incoming contact that looks like an existing one.
#[derive(Clone, Debug, PartialEq)]
pub struct Duplicate {
    pub incoming: Contact,
    /// The id of the existing contact it matches.
    pub existing: Id,
    pub reason: DuplicateReason,
    /// What merging would add to the existing contact (`"email a@example.com"`,
    /// `"role"` …); empty when it already has everything.
    pub adds: Vec<String>,
}

/// Why two contacts look like the same person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DuplicateReason {
    /// The same email address, compared case-insensitively (the address, lower case).
    SameEmail(String),
    /// The same name and organisation: trimmed, case-folded, white space collapsed.
    SameNameAndOrganization,
}

impl fmt::Display for DuplicateReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SameEmail(email) => write!(f, "same email {email}"),
            Self::SameNameAndOrganization => f.write_str("same name and organisation"),
        }
    }
}

/// A record that could not be read, or a warning about one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    /// Where: `"line 12"`, `"card 3 (line 40)"`.
    pub place: String,
    pub reason: String,
}

/// What to do with one [`Duplicate`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum DuplicateChoice {
    /// Fill the existing contact's empty fields; add new emails, phones, links, tags.
    #[default]
    Merge,
    /// Leave the existing contact as it is.
    Skip,
    /// Not the same person after all: add the incoming contact as a new one.
    AddAsNew,
}

/// The user's choices on a preview. The default merges every duplicate and adds
/// every new contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportChoices {
    /// One per `preview.duplicates`, in order; missing entries are `Merge`.
    pub duplicates: Vec<DuplicateChoice>,
    /// Indexes into `preview.new_contacts` to leave out.
    pub skip_new: BTreeSet<usize>,
}

/// The contacts an import adds and changes, with their final ids.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportPlan {
    /// New contacts with fresh ids.
    pub added: Vec<Contact>,
    /// Existing contacts after merging, by id; only those that actually change.
    pub merged: Vec<Contact>,
}

impl ImportPlan {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.merged.is_empty()
    }

    /// One [`Edit::Batch`]: applied and undone as one step.
    pub fn into_edit(self) -> Edit {
        let puts = self.added.into_iter().chain(self.merged).map(|c| Edit::Contacts(Change::Put(c)));
        Edit::Batch(puts.collect())
    }
}

/// The contacts that applying `preview` with `choices` adds and changes.
pub fn plan_import(network: &Network, preview: &ImportPreview, choices: &ImportChoices) -> ImportPlan {
    let existing: HashMap<Id, &Contact> = network.contacts.iter().map(|c| (c.id, c)).collect();
    let mut next_id = Network::next_id(&network.contacts);
    let mut with_fresh_id = |contact: &Contact| {
        let mut contact = contact.clone();
        contact.id = next_id;
        next_id += 1;
        contact
    };
    let mut added: Vec<Contact> = Vec::new();
    for (index, contact) in preview.new_contacts.iter().enumerate() {
        if !choices.skip_new.contains(&index) {
            added.push(with_fresh_id(contact));
        }
    }
    let mut merged: BTreeMap<Id, Contact> = BTreeMap::new();
    for (index, duplicate) in preview.duplicates.iter().enumerate() {
        match choices.duplicates.get(index).copied().unwrap_or_default() {
            DuplicateChoice::Merge => {
                let base = merged.get(&duplicate.existing).or(existing.get(&duplicate.existing).copied());
                if let Some(base) = base {
                    let result = merge_contact(base, &duplicate.incoming);
                    merged.insert(duplicate.existing, result);
                }
            }
            DuplicateChoice::AddAsNew => added.push(with_fresh_id(&duplicate.incoming)),
            DuplicateChoice::Skip => {}
        }
    }
    merged.retain(|id, contact| existing.get(id).is_some_and(|before| *before != contact));
    ImportPlan { added, merged: merged.into_values().collect() }
}

/// The edit that applies `preview` with `choices`: ONE [`Edit::Batch`] that adds the
/// new contacts (fresh ids) and merges the chosen duplicates, undone as one step.
pub fn apply_import(network: &Network, preview: &ImportPreview, choices: &ImportChoices) -> Edit {
    plan_import(network, preview, choices).into_edit()
}

/// `existing` with `incoming`'s details added: empty fields filled; emails, phones,
/// links and tags united. The name, id, dates and flags of `existing` stay.
pub fn merge_contact(existing: &Contact, incoming: &Contact) -> Contact {
    let mut merged = existing.clone();
    for (field, value) in [
        (&mut merged.name, &incoming.name),
        (&mut merged.organization, &incoming.organization),
        (&mut merged.role, &incoming.role),
        (&mut merged.notes, &incoming.notes),
    ] {
        if field.trim().is_empty() && !value.trim().is_empty() {
            field.clone_from(value);
        }
    }
    for email in &incoming.emails {
        push_unique(&mut merged.emails, email);
    }
    for phone in &incoming.phones {
        push_unique_phone(&mut merged.phones, phone);
    }
    for link in &incoming.links {
        push_unique(&mut merged.links, link);
    }
    for tag in &incoming.tags {
        push_unique_tag(&mut merged.tags, tag);
    }
    merged
}

/// What [`merge_contact`] adds to `before`, in words.
fn describe_merge(before: &Contact, after: &Contact) -> Vec<String> {
    let mut adds = Vec::new();
    for (label, old, new) in [
        ("organisation", &before.organization, &after.organization),
        ("role", &before.role, &after.role),
        ("notes", &before.notes, &after.notes),
    ] {
        if old != new {
            adds.push(label.to_owned());
        }
    }
    for (label, old, new) in [
        ("email", &before.emails, &after.emails),
        ("phone", &before.phones, &after.phones),
        ("link", &before.links, &after.links),
        ("tag", &before.tags, &after.tags),
    ] {
        adds.extend(new.iter().skip(old.len()).map(|value| format!("{label} {value}")));
    }
    adds
}

/// Compares `parsed` with the network and with itself.
pub(crate) fn preview(network: &Network, parsed: Parsed) -> ImportPreview {
    let mut existing = Keys::default();
    for contact in &network.contacts {
        existing.insert(contact, contact.id);
    }
    let by_id: HashMap<Id, &Contact> = network.contacts.iter().map(|c| (c.id, c)).collect();
    let mut preview = ImportPreview {
        unreadable: parsed.unreadable,
        read_as: parsed.read_as,
        warnings: parsed.warnings,
        ..ImportPreview::default()
    };
    let mut repeats = Keys::default();
    for incoming in parsed.contacts {
        if let Some((id, reason)) = existing.find(&incoming) {
            let adds =
                by_id.get(&id).map(|c| describe_merge(c, &merge_contact(c, &incoming))).unwrap_or_default();
            preview.duplicates.push(Duplicate { incoming, existing: id, reason, adds });
        } else if let Some(slot) = repeats.find(&incoming).and_then(|(i, _)| usize::try_from(i).ok()) {
            // The same person twice in one file: one new contact.
            if let Some(earlier) = preview.new_contacts.get_mut(slot) {
                *earlier = merge_contact(earlier, &incoming);
                repeats.insert(earlier, slot as u64);
            }
        } else {
            repeats.insert(&incoming, preview.new_contacts.len() as u64);
            preview.new_contacts.push(incoming);
        }
    }
    preview
}

/// Lookup of contacts by email and by normalised name + organisation.
#[derive(Default)]
struct Keys {
    email: HashMap<String, u64>,
    name: HashMap<String, u64>,
}

impl Keys {
    fn insert(&mut self, contact: &Contact, value: u64) {
        for email in &contact.emails {
            let key = email_key(email);
            if !key.is_empty() {
                self.email.entry(key).or_insert(value);
            }
        }
        self.name.entry(name_key(contact)).or_insert(value);
    }

    fn find(&self, contact: &Contact) -> Option<(u64, DuplicateReason)> {
        let by_email = contact.emails.iter().map(|e| email_key(e)).find_map(|key| {
            self.email.get(&key).map(|value| (*value, DuplicateReason::SameEmail(key.clone())))
        });
        by_email.or_else(|| {
            let by_name = self.name.get(&name_key(contact));
            by_name.map(|value| (*value, DuplicateReason::SameNameAndOrganization))
        })
    }
}

fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Name and organisation, trimmed, case-folded, white space collapsed; accents kept.
fn name_key(contact: &Contact) -> String {
    let fold = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    format!("{}\u{0}{}", fold(&contact.name), fold(&contact.organization))
}

/// Adds `value` (trimmed) unless empty or already there, ignoring case.
pub(crate) fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|v| v.trim().to_lowercase() == value.to_lowercase()) {
        list.push(value.to_owned());
    }
}

/// Adds a phone number unless one with the same digits is there.
fn push_unique_phone(list: &mut Vec<String>, value: &str) {
    let digits = |text: &str| text.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>();
    let key = digits(value);
    if key.is_empty() {
        push_unique(list, value);
    } else if !list.iter().any(|v| digits(v) == key) {
        list.push(value.trim().to_owned());
    }
}

/// Adds a tag, skipping Google's `myContacts` group that every Google contact has.
/// A full name from its parts: "Given Family", or "Family Given" when either is
/// written in Chinese, Japanese or Korean script (安藤 ロイド), as those names are.
pub(crate) fn full_name(given: &str, family: &str) -> String {
    let east_asian = |text: &str| {
        text.chars().any(|c| {
            matches!(c,
                '\u{3040}'..='\u{30FF}' // hiragana, katakana
                | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
                | '\u{AC00}'..='\u{D7AF}' // Hangul
                | '\u{FF66}'..='\u{FF9F}') // half-width katakana
        })
    };
    let parts = if east_asian(given) || east_asian(family) { [family, given] } else { [given, family] };
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

pub(crate) fn push_unique_tag(list: &mut Vec<String>, tag: &str) {
    let tag = tag.trim().trim_start_matches("* ").trim();
    if !tag.eq_ignore_ascii_case("myContacts") {
        push_unique(list, tag);
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::Date;

    use super::*;

    fn contact(id: Id, name: &str, org: &str, emails: &[&str]) -> Contact {
        let mut c = Contact::new(id, name, Date::constant(2024, 1, 1));
        c.organization = org.to_owned();
        c.emails = emails.iter().map(|e| (*e).to_owned()).collect();
        c
    }

    #[test]
    fn duplicates_by_email_and_by_normalised_name() {
        let mut network = Network::default();
        network.contacts.push(contact(1, "Ann Example", "Acme", &["Ann@Example.com"]));
        network.contacts.push(contact(2, "Élodie  Sample", "Sample Co", &[]));
        let parsed = Parsed {
            contacts: vec![
                contact(0, "Someone Else", "", &["ann@example.COM"]),
                contact(0, " élodie sample ", "SAMPLE   co", &[]),
                contact(0, "Elodie Sample", "Sample Co", &[]), // accents kept: not a match
                contact(0, "New Person", "", &["new@example.org"]),
                contact(0, "New Person", "", &["second@example.org"]),
            ],
            unreadable: Vec::new(),
            ..Parsed::default()
        };
        let preview = preview(&network, parsed);
        let found: Vec<(Id, String)> =
            preview.duplicates.iter().map(|d| (d.existing, d.reason.to_string())).collect();
        assert_eq!(
            found,
            [(1, "same email ann@example.com".to_owned()), (2, "same name and organisation".to_owned())]
        );
        let new: Vec<(&str, usize)> =
            preview.new_contacts.iter().map(|c| (c.name.as_str(), c.emails.len())).collect();
        assert_eq!(new, [("Elodie Sample", 0), ("New Person", 2)]);
    }

    #[test]
    fn merge_fills_and_unites() {
        let mut existing = contact(3, "Ann", "", &["ann@example.com"]);
        existing.phones = vec!["+1 555 0100".to_owned()];
        let mut incoming = contact(0, "Ann B", "Acme", &["ANN@example.com", "ann2@example.com"]);
        incoming.phones = vec!["+1-555-0100".to_owned(), "+1 555 0199".to_owned()];
        incoming.tags = vec!["mentor".to_owned()];
        let merged = merge_contact(&existing, &incoming);
        assert_eq!((merged.id, merged.name.as_str(), merged.organization.as_str()), (3, "Ann", "Acme"));
        assert_eq!(merged.emails, ["ann@example.com", "ann2@example.com"]);
        assert_eq!(merged.phones, ["+1 555 0100", "+1 555 0199"]);
        assert_eq!(
            describe_merge(&existing, &merged),
            ["organisation", "email ann2@example.com", "phone +1 555 0199", "tag mentor"]
        );
    }
}
