//! The command palette (Ctrl+P): what was typed, what it found, and which entry is
//! highlighted. What it finds is kept for the (network revision, query) it was found
//! for, so a frame without typing costs nothing, even at 10k contacts; the last few
//! searches are kept too, so that a key taken back (Backspace) costs nothing either.
//! In a large network a search is a [`SearchJob`] that the app runs off the UI thread:
//! the frame a key is typed in shows the list found before, the frame after shows what
//! the key finds.

use std::sync::Arc;

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

/// From this many contacts to score a search is a [`SearchJob`], for the app to run
/// off the UI thread: a one- or two-letter query scores nearly every contact, 1.2–1.6
/// ms at 10k on two cores, most of a frame's budget. Fewer (a query typed on among
/// what its start matched, or nothing typed) are searched at once, in the frame.
pub const OFF_THREAD_FROM: usize = 2_000;

/// One search: what it found, and every contact that matched (places in the
/// network's list), which a query typed on from it is looked for among.
#[derive(Debug)]
pub struct Searched {
    revision: u64,
    query: String,
    /// Commands and pages too (not while a command waits for its contact).
    everything: bool,
    found: Vec<Found>,
    matched: Arc<[usize]>,
}

/// A search to run off the UI thread: it owns everything it reads, and gives the
/// [`Searched`] that [`PaletteState::receive`] takes.
#[derive(Debug)]
pub struct SearchJob {
    revision: u64,
    query: String,
    everything: bool,
    texts: Arc<ContactTexts>,
    among: Option<Arc<[usize]>>,
}

impl SearchJob {
    pub fn run(self) -> Searched {
        let (found, matched) = find_among(&self.texts, &self.query, self.everything, self.among.as_deref());
        let Self { revision, query, everything, .. } = self;
        Searched { revision, query, everything, found, matched: matched.into() }
    }
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
    texts: Option<(u64, Arc<ContactTexts>)>,
    /// The search given to the app to run, until [`Self::receive`] takes it: (revision,
    /// query, everything).
    waiting: Option<(u64, String, bool)>,
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

    /// Whether [`Self::found`] was found for another network or query, and no search
    /// is under way (the one under way wakes the window when it is done).
    pub fn is_behind(&self, revision: u64) -> bool {
        self.waiting.is_none()
            && self.built_for.as_ref().is_none_or(|(built, query, command)| {
                *built != revision || *query != self.query || *command != self.for_command
            })
    }

    /// Whether a search given to the app is not back yet: [`Self::found`] is what was
    /// found before it.
    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// Finds again if the network or the query changed; the highlight goes back to the
    /// best entry when the query did. A query searched lately finds what it found then;
    /// a new one in a large network is given back as a job, for the app to run off the
    /// UI thread and hand to [`Self::receive`] (nothing is given while one is under
    /// way).
    #[must_use = "a search given back is to be run, and received"]
    pub fn refresh(&mut self, network: &Network, revision: u64) -> Option<SearchJob> {
        if !self.is_behind(revision) {
            return None;
        }
        let everything = self.for_command.is_none();
        self.recent.retain(|searched| searched.revision == revision);
        if let Some(at) = self.recent.iter().position(|s| s.query == self.query && s.everything == everything)
        {
            let searched = self.recent.remove(at);
            self.show(searched);
            return None;
        }
        // Among what the longest query this one types on from matched.
        let among = self
            .recent
            .iter()
            .filter(|s| narrows(&s.query, &self.query))
            .max_by_key(|s| s.query.len())
            .map(|s| Arc::clone(&s.matched));
        if self.texts.as_ref().is_none_or(|(built, _)| *built != revision) {
            self.texts = Some((revision, Arc::new(ContactTexts::new(network))));
        }
        let texts = Arc::clone(&self.texts.as_ref()?.1);
        let to_score = if Fuzzy::new(&self.query).is_empty() {
            0
        } else {
            among.as_ref().map_or(texts.len(), |a| a.len())
        };
        let job = SearchJob { revision, query: self.query.clone(), everything, texts, among };
        if to_score < OFF_THREAD_FROM {
            let searched = job.run();
            self.show(searched);
            return None;
        }
        self.waiting = Some((revision, self.query.clone(), everything));
        Some(job)
    }

    /// Takes back the search given by [`Self::refresh`]: shown if it is still what is
    /// typed, kept to search on from otherwise (the next refresh searches what is
    /// typed now). A search not waited for (the palette was closed and opened again
    /// meanwhile) is dropped.
    pub fn receive(&mut self, searched: Searched) {
        let asked = (searched.revision, searched.query.clone(), searched.everything);
        if self.waiting.as_ref() != Some(&asked) {
            return;
        }
        self.waiting = None;
        let current = self.texts.as_ref().is_some_and(|(revision, _)| *revision == searched.revision)
            && searched.query == self.query
            && searched.everything == self.for_command.is_none();
        if current {
            self.show(searched);
        } else {
            self.keep(searched);
        }
    }

    /// Forgets the search under way (its thread ended without an answer): the next
    /// refresh asks again.
    pub fn stop_waiting(&mut self) {
        self.waiting = None;
    }

    /// Shows what `searched` found, and keeps it.
    fn show(&mut self, searched: Searched) {
        let same_query = self
            .built_for
            .as_ref()
            .is_some_and(|(_, query, command)| *query == self.query && *command == self.for_command);
        self.found.clone_from(&searched.found);
        self.built_for = Some((searched.revision, self.query.clone(), self.for_command));
        self.keep(searched);
        if same_query {
            self.move_highlight(0);
        } else {
            self.highlighted = 0;
        }
    }

    /// Keeps `searched` among the last few, the latest last.
    fn keep(&mut self, searched: Searched) {
        self.recent.retain(|s| s.query != searched.query || s.everything != searched.everything);
        self.recent.push(searched);
        if self.recent.len() > RECENT {
            self.recent.remove(0);
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
        assert!(palette.refresh(&n, 1).is_none());
        assert_eq!(palette.found(), [Found::Contact(1)]);
        assert!(!palette.is_behind(1));
        assert!(palette.is_behind(2), "another revision");
        palette.query = "lovel".into();
        assert!(palette.is_behind(1), "another query");
        assert!(palette.refresh(&n, 1).is_none());
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
            assert!(palette.refresh(&n, 1).is_none());
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
            assert!(palette.refresh(&n, 1).is_none());
            assert_eq!(palette.found(), find(&n, query, true).as_slice(), "{query}");
        }
        assert_eq!(palette.recent.len(), 4, "one of each query");
        palette.for_command = Some(Command::NewExchange);
        assert!(palette.refresh(&n, 1).is_none());
        assert_eq!(palette.found(), find(&n, "mar3", false).as_slice(), "contacts only");
        // A new revision: the kept searches are of the old network.
        n.contacts[3].name = "Zed".to_owned();
        palette.for_command = None;
        palette.query = "mar".to_owned();
        assert!(palette.refresh(&n, 2).is_none());
        assert_eq!(palette.found(), find(&n, "mar", true).as_slice());
        assert_eq!(palette.recent.len(), 1);
        for i in 0..RECENT + 4 {
            palette.query = format!("person {i}");
            assert!(palette.refresh(&n, 2).is_none());
        }
        assert_eq!(palette.recent.len(), RECENT, "only the last few kept");
    }

    /// In a large network a new query is a job: until it is received the list is what
    /// was found before, and nothing else is asked; a job received after more was
    /// typed is not shown, but the next one searches among what it matched.
    #[test]
    fn a_large_network_is_searched_by_a_job_and_its_answer_shown_when_it_is_received() {
        let names: Vec<String> =
            (0..OFF_THREAD_FROM * 8 + 10).map(|i| format!("Person {i} Mar{}", i % 7)).collect();
        let n = network(&names.iter().map(String::as_str).collect::<Vec<_>>());
        let mut palette = PaletteState::new();
        palette.query = "mar".to_owned();
        let job = palette.refresh(&n, 1).expect("a job for a large network");
        assert!(palette.is_waiting() && !palette.is_behind(1), "waiting, not behind");
        assert!(palette.found().is_empty(), "nothing found yet");
        assert!(palette.refresh(&n, 1).is_none(), "one job at a time");
        palette.receive(job.run());
        assert!(!palette.is_waiting() && !palette.is_behind(1));
        assert_eq!(palette.found(), find(&n, "mar", true).as_slice());

        // Typed on while the job runs: its answer is kept, not shown.
        palette.query = "mar3".to_owned();
        let job = palette.refresh(&n, 1).expect("a job");
        palette.query = "mar3 person 1".to_owned();
        palette.receive(job.run());
        assert_eq!(palette.found(), find(&n, "mar", true).as_slice(), "still the list for \"mar\"");
        assert!(palette.is_behind(1));
        let job = palette.refresh(&n, 1).expect("a job for what is typed now");
        let among = job.among.as_ref().map(|a| a.len());
        let three = names.iter().filter(|name| name.ends_with("Mar3")).count();
        assert_eq!(among, Some(three), "searched among what \"mar3\" matched");
        palette.receive(job.run());
        assert_eq!(palette.found(), find(&n, "mar3 person 1", true).as_slice());
        // Few to score (typed on from a narrow query), or nothing typed: in the frame.
        for query in ["mar3 person 12", ""] {
            palette.query = query.to_owned();
            assert!(palette.refresh(&n, 1).is_none(), "{query:?}: no job");
            assert_eq!(palette.found(), find(&n, query, true).as_slice());
        }

        // A job of a palette closed meanwhile: the new palette does not take it.
        palette.query = "pers".to_owned();
        let job = palette.refresh(&n, 1).expect("a job");
        let mut reopened = PaletteState::new();
        reopened.receive(job.run());
        assert!(reopened.found().is_empty() && !reopened.is_waiting());
    }
}
