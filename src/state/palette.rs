//! The command palette (Ctrl+P): what was typed, what it found, and which entry is
//! highlighted. What it finds is kept for the (network revision, query) it was found
//! for, so a frame without typing costs nothing, even at 10k contacts; the last few
//! searches are kept too, so that a key taken back (Backspace) costs nothing either.

use super::{Command, Page};
use crate::analysis::find::{ContactTexts, FIND_LIMIT, Fuzzy, best, find_in_texts, narrows};
use crate::model::{Id, Network};

/// One entry of the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Opens the contact (or, after a "…with…" command, runs it for the contact).
    Contact(Id),
    /// Shows the page.
    Page(Page),
    Command(Command),
    /// A command that acts on a contact: the palette asks for the contact next.
    WithContact(Command),
}

impl Found {
    /// The entry's text, but for a contact (whose name the list of names tells).
    pub fn label(self) -> Option<String> {
        match self {
            Self::Contact(_) => None,
            Self::Page(page) => Some(format!("Open {}", page.label())),
            Self::Command(command) => Some(command.label().to_owned()),
            Self::WithContact(command) => command.with_contact_label().map(str::to_owned),
        }
    }

    /// What the palette lists besides contacts: every command (the palette itself
    /// aside; "…with…" for those acting on a contact), then every page.
    fn everything_but_contacts() -> impl Iterator<Item = Self> {
        let commands =
            Command::ALL.into_iter().filter(|c| *c != Command::Palette).map(|command| {
                match command.with_contact_label() {
                    Some(_) => Self::WithContact(command),
                    None => Self::Command(command),
                }
            });
        commands.chain(Page::ALL.into_iter().map(Self::Page))
    }
}

/// How many searches [`PaletteState`] keeps.
const RECENT: usize = 16;

/// One search: what it found, and every contact that matched (places in the
/// network's list), which a query typed on from it is looked for among.
#[derive(Debug)]
struct Searched {
    revision: u64,
    query: String,
    /// Commands and pages too (not while a command waits for its contact).
    everything: bool,
    found: Vec<Found>,
    matched: Vec<usize>,
}

/// The palette while it is open.
#[derive(Debug, Default)]
pub struct PaletteState {
    pub query: String,
    /// The place in [`Self::found`] that Enter runs.
    pub highlighted: usize,
    /// The "…with…" command that waits for a contact: only contacts are listed.
    pub for_command: Option<Command>,
    /// The query field takes the keyboard when next drawn.
    pub wants_focus: bool,
    found: Vec<Found>,
    built_for: Option<(u64, String, Option<Command>)>,
    /// The last searches, the latest last, all of one revision.
    recent: Vec<Searched>,
    /// Every contact's text, gathered for the revision it was gathered at.
    texts: Option<(u64, ContactTexts)>,
}

impl PaletteState {
    pub fn new() -> Self {
        Self { wants_focus: true, ..Self::default() }
    }

    /// The best entries for the query, best first (at most [`FIND_LIMIT`]), as last
    /// refreshed.
    pub fn found(&self) -> &[Found] {
        &self.found
    }

    /// The entry Enter runs.
    pub fn highlighted_entry(&self) -> Option<Found> {
        self.found.get(self.highlighted).copied()
    }

    /// Moves the highlight by `step` entries, staying within the list.
    pub fn move_highlight(&mut self, step: isize) {
        let last = self.found.len().saturating_sub(1);
        self.highlighted = self.highlighted.saturating_add_signed(step).min(last);
    }

    /// Asks for a contact to run `command` for.
    pub fn ask_contact_for(&mut self, command: Command) {
        self.for_command = Some(command);
        self.query.clear();
        self.wants_focus = true;
    }

    /// Whether [`Self::found`] was found for another network or query.
    pub fn is_behind(&self, revision: u64) -> bool {
        self.built_for.as_ref().is_none_or(|(built, query, command)| {
            *built != revision || *query != self.query || *command != self.for_command
        })
    }

    /// Finds again if the network or the query changed; the highlight goes back to the
    /// best entry when the query did.
    pub fn refresh(&mut self, network: &Network, revision: u64) {
        if !self.is_behind(revision) {
            return;
        }
        let same_query = self
            .built_for
            .as_ref()
            .is_some_and(|(_, query, command)| *query == self.query && *command == self.for_command);
        let everything = self.for_command.is_none();
        self.recent.retain(|searched| searched.revision == revision);
        let again = self.recent.iter().position(|s| s.query == self.query && s.everything == everything);
        let searched = match again {
            Some(at) => self.recent.remove(at),
            None => {
                // Among what the longest query this one types on from matched.
                let among = self
                    .recent
                    .iter()
                    .filter(|s| narrows(&s.query, &self.query))
                    .max_by_key(|s| s.query.len())
                    .map(|s| s.matched.as_slice());
                if self.texts.as_ref().is_none_or(|(built, _)| *built != revision) {
                    self.texts = Some((revision, ContactTexts::new(network)));
                }
                let Some((_, texts)) = &self.texts else { return };
                let (found, matched) = find_among(texts, &self.query, everything, among);
                Searched { revision, query: self.query.clone(), everything, found, matched }
            }
        };
        self.found.clone_from(&searched.found);
        self.recent.push(searched);
        if self.recent.len() > RECENT {
            self.recent.remove(0);
        }
        self.built_for = Some((revision, self.query.clone(), self.for_command));
        if same_query {
            self.move_highlight(0);
        } else {
            self.highlighted = 0;
        }
    }
}

/// The best [`FIND_LIMIT`] entries for `query`: contacts by name or organisation,
/// and, with `everything`, commands and pages by their text. Commands and pages come
/// first among equal scores; an empty query lists them, then the first contacts.
#[cfg(test)]
fn find(network: &Network, query: &str, everything: bool) -> Vec<Found> {
    find_among(&ContactTexts::new(network), query, everything, None).0
}

/// [`find`] with the contacts looked for only among `among` (see
/// [`crate::analysis::find::find_contacts_among`]); also the places of every contact
/// that matched.
fn find_among(
    texts: &ContactTexts,
    query: &str,
    everything: bool,
    among: Option<&[usize]>,
) -> (Vec<Found>, Vec<usize>) {
    let mut scored = Vec::new();
    if everything {
        let mut fuzzy = Fuzzy::new(query);
        for found in Found::everything_but_contacts() {
            if let Some(score) = found.label().and_then(|label| fuzzy.score(&label)) {
                scored.push((found, score));
            }
        }
    }
    let (contacts, matched) = find_in_texts(texts, query, FIND_LIMIT, among);
    scored.extend(contacts.into_iter().map(|(id, score)| (Found::Contact(id), score)));
    (best(scored, FIND_LIMIT).into_iter().map(|(found, _)| found).collect(), matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    fn network(names: &[&str]) -> Network {
        let day = jiff::civil::date(2026, 1, 1);
        let mut network = Network::default();
        for (i, name) in names.iter().enumerate() {
            network.contacts.push(Contact::new(i as u64 + 1, *name, day));
        }
        network
    }

    #[test]
    fn commands_pages_and_contacts_are_found_together() {
        let n = network(&["Grace Hopper", "Dashiell Reports"]);
        let first = |q: &str| find(&n, q, true).first().copied();
        assert_eq!(first("exp rep"), Some(Found::Command(Command::ExportReport)));
        assert_eq!(first("open dash"), Some(Found::Page(Page::Dashboard)));
        assert_eq!(first("log exch"), Some(Found::WithContact(Command::NewExchange)));
        assert_eq!(first("grac hop"), Some(Found::Contact(1)));
        // Asking for a contact lists contacts only.
        assert_eq!(find(&n, "dash", false), [Found::Contact(2)]);
        // The palette does not list itself.
        assert!(!find(&n, "", true).contains(&Found::Command(Command::Palette)));
        assert!(find(&n, "", true).len() <= FIND_LIMIT);
    }

    #[test]
    fn what_was_found_is_kept_until_the_query_or_the_network_changes() {
        let n = network(&["Grace Hopper", "Ada Lovelace"]);
        let mut palette = PaletteState::new();
        palette.query = "hopper".into();
        palette.refresh(&n, 1);
        assert_eq!(palette.found(), [Found::Contact(1)]);
        assert!(!palette.is_behind(1));
        assert!(palette.is_behind(2), "another revision");
        palette.query = "lovel".into();
        assert!(palette.is_behind(1), "another query");
        palette.refresh(&n, 1);
        assert_eq!(palette.highlighted_entry(), Some(Found::Contact(2)));
        palette.move_highlight(5);
        assert_eq!(palette.highlighted, 0, "one entry: the highlight stays on it");
        palette.move_highlight(-1);
        assert_eq!(palette.highlighted, 0);
    }

    /// Typing on narrows the search to what matched before, and finds exactly what a
    /// search of everything finds; a query edited otherwise searches everything again.
    #[test]
    fn typing_on_finds_what_a_whole_search_finds() {
        let names: Vec<String> = (0..300).map(|i| format!("Person {i} Mar{} Co{}", i % 7, i % 5)).collect();
        let n = network(&names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut palette = PaletteState::new();
        for query in ["m", "ma", "mar", "mar3", "mar3 co", "mar3 co4", "mar", "per 1", "x", "xy"] {
            palette.query = query.to_owned();
            palette.refresh(&n, 1);
            assert_eq!(palette.found(), find(&n, query, true).as_slice(), "{query}");
        }
    }

    /// A query taken back to one searched before finds what it found then, but not
    /// after the network changed; a "…with…" command's contacts-only list is its own.
    #[test]
    fn a_query_searched_again_finds_the_same_and_a_new_network_searches_again() {
        let names: Vec<String> = (0..200).map(|i| format!("Person {i} Mar{}", i % 7)).collect();
        let mut n = network(&names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut palette = PaletteState::new();
        for query in ["m", "ma", "mar", "mar3", "mar", "ma", "m", "mar3"] {
            palette.query = query.to_owned();
            palette.refresh(&n, 1);
            assert_eq!(palette.found(), find(&n, query, true).as_slice(), "{query}");
        }
        assert_eq!(palette.recent.len(), 4, "one of each query");
        palette.for_command = Some(Command::NewExchange);
        palette.refresh(&n, 1);
        assert_eq!(palette.found(), find(&n, "mar3", false).as_slice(), "contacts only");
        // A new revision: the kept searches are of the old network.
        n.contacts[3].name = "Zed".to_owned();
        palette.for_command = None;
        palette.query = "mar".to_owned();
        palette.refresh(&n, 2);
        assert_eq!(palette.found(), find(&n, "mar", true).as_slice());
        assert_eq!(palette.recent.len(), 1);
        for i in 0..RECENT + 4 {
            palette.query = format!("person {i}");
            palette.refresh(&n, 2);
        }
        assert_eq!(palette.recent.len(), RECENT, "only the last few kept");
    }
}
