//! Fuzzy finding: what the command palette and the searchable pickers rank by. A query
//! is words, each matched as a fuzzy subsequence (fzf's scoring, through
//! `nucleo-matcher`), case and accents ignored: "grc hop" finds Grace Hopper, "exp rep"
//! "Export report…". Only the best [`FIND_LIMIT`] are kept, so a list of 10k contacts
//! costs one pass and a partial sort.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::model::{Id, Network};

/// How many results a finder shows: more is never read, and stays cheap to draw.
pub const FIND_LIMIT: usize = 50;

/// A query ready to score texts against.
pub struct Fuzzy {
    pattern: Pattern,
    matcher: Matcher,
    chars: Vec<char>,
}

impl Fuzzy {
    pub fn new(query: &str) -> Self {
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        Self {
            pattern: Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy),
            matcher: Matcher::new(config),
            chars: Vec::new(),
        }
    }

    /// Whether the query has no words: everything matches, with score 0.
    pub fn is_empty(&self) -> bool {
        self.pattern.atoms.is_empty()
    }

    /// How well `text` matches (higher is better), or `None` when some word of the
    /// query is not in it.
    pub fn score(&mut self, text: &str) -> Option<u32> {
        self.pattern.score(Utf32Str::new(text, &mut self.chars), &mut self.matcher)
    }
}

/// The best `limit` of `scored` (item, score): highest score first, equal scores in
/// the order given.
pub fn best<T>(scored: Vec<(T, u32)>, limit: usize) -> Vec<(T, u32)> {
    let mut ranked: Vec<(usize, T, u32)> =
        scored.into_iter().enumerate().map(|(at, (item, score))| (at, item, score)).collect();
    let order = |a: &(usize, T, u32), b: &(usize, T, u32)| b.2.cmp(&a.2).then(a.0.cmp(&b.0));
    if ranked.len() > limit && limit > 0 {
        ranked.select_nth_unstable_by(limit - 1, order);
    }
    ranked.truncate(limit);
    ranked.sort_by(order);
    ranked.into_iter().map(|(_, item, score)| (item, score)).collect()
}

/// The text a contact is found by: name, then organisation. The two are joined by
/// plain spaces: a text all ASCII is matched in place, where one other character (a
/// " · ") makes the matcher copy it to a buffer of chars first — at 10k contacts that
/// copy was most of a 9 ms search, a search being one key typed in the palette.
pub fn contact_text(name: &str, organization: &str, into: &mut String) {
    into.clear();
    into.push_str(name);
    if !organization.is_empty() {
        into.push_str("   ");
        into.push_str(organization);
    }
}

/// The contacts that match `query` by name or organisation, best first (at most
/// `limit`), each with its score; archived ones only `with_archived` (the palette opens
/// them, a picker of people to introduce does not offer them). An empty query lists
/// contacts in the network's order.
pub fn find_contacts(network: &Network, query: &str, limit: usize, with_archived: bool) -> Vec<(Id, u32)> {
    find_contacts_among(network, query, limit, with_archived, None).0
}

/// [`find_contacts`] among the contacts at `among` (places in `network.contacts`;
/// `None`: all), also giving the places of every match, in order: what a longer query
/// is then looked for among (a text that lacks a query's words lacks them with more
/// letters typed), so that each key typed searches fewer contacts.
pub fn find_contacts_among(
    network: &Network,
    query: &str,
    limit: usize,
    with_archived: bool,
    among: Option<&[usize]>,
) -> (Vec<(Id, u32)>, Vec<usize>) {
    find_in(&NetworkTexts { network, with_archived }, network.contacts.len(), query, limit, among)
}

/// [`find_contacts_among`] over the texts of a network already gathered (every
/// contact, archived ones too).
pub fn find_in_texts(
    texts: &ContactTexts,
    query: &str,
    limit: usize,
    among: Option<&[usize]>,
) -> (Vec<(Id, u32)>, Vec<usize>) {
    find_in(texts, texts.ids.len(), query, limit, among)
}

/// Where the finder reads each contact's text: its id and text at a place of the
/// network's list, `None` for a place not shown.
trait Texts {
    fn entry<'a>(&'a self, at: usize, buffer: &'a mut String) -> Option<(Id, &'a str)>;
}

struct NetworkTexts<'n> {
    network: &'n Network,
    with_archived: bool,
}

impl Texts for NetworkTexts<'_> {
    fn entry<'a>(&'a self, at: usize, buffer: &'a mut String) -> Option<(Id, &'a str)> {
        let contact = self.network.contacts.get(at).filter(|c| self.with_archived || !c.archived)?;
        contact_text(&contact.name, &contact.organization, buffer);
        Some((contact.id, buffer.as_str()))
    }
}

/// The text of every contact as the finder reads it (as [`contact_text`] writes it),
/// gathered once into one string: a query typed then reads one contiguous list
/// instead of every contact's record.
#[derive(Debug, Default)]
pub struct ContactTexts {
    text: String,
    /// Where each contact's text ends in `text`.
    ends: Vec<usize>,
    ids: Vec<Id>,
}

impl ContactTexts {
    pub fn new(network: &Network) -> Self {
        let mut texts = Self::default();
        let mut one = String::new();
        for contact in &network.contacts {
            contact_text(&contact.name, &contact.organization, &mut one);
            texts.text.push_str(&one);
            texts.ends.push(texts.text.len());
            texts.ids.push(contact.id);
        }
        texts
    }

    /// How many contacts' texts there are.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

impl Texts for ContactTexts {
    fn entry<'a>(&'a self, at: usize, _: &'a mut String) -> Option<(Id, &'a str)> {
        let start = at.checked_sub(1).map_or(Some(0), |before| self.ends.get(before).copied())?;
        let text = self.text.get(start..*self.ends.get(at)?)?;
        Some((*self.ids.get(at)?, text))
    }
}

/// Below this many texts a search stays on the calling thread: a helper thread costs
/// more than it saves.
const PARALLEL_FROM: usize = 2_000;

/// The best `limit` of the places (all `len` of them, or `among`) whose text matches
/// `query`, and every place that matched, in order. A long list is searched in a few
/// pieces at once (a two-letter query scores nearly all of 10k contacts, ~3 ms on one
/// core), each piece in order, so that the result is the one search's.
fn find_in(
    texts: &(impl Texts + Sync),
    len: usize,
    query: &str,
    limit: usize,
    among: Option<&[usize]>,
) -> (Vec<(Id, u32)>, Vec<usize>) {
    let every: Vec<usize>;
    let places = match among {
        Some(places) => places,
        None => {
            every = (0..len).collect();
            &every
        }
    };
    if Fuzzy::new(query).is_empty() {
        // An empty query: every contact shown, the first ones listed.
        let mut buffer = String::new();
        let listed =
            places.iter().filter_map(|&at| Some(at).zip(texts.entry(at, &mut buffer).map(|(id, _)| id)));
        let (matched, ids): (Vec<usize>, Vec<Id>) = listed.unzip();
        return (ids.into_iter().take(limit).map(|id| (id, 0)).collect(), matched);
    }
    let search = |part: &[usize]| {
        let mut fuzzy = Fuzzy::new(query);
        let mut buffer = String::new();
        let mut matched = Vec::new();
        let mut scored = Vec::new();
        for &at in part {
            let Some((id, text)) = texts.entry(at, &mut buffer) else { continue };
            if let Some(score) = fuzzy.score(text) {
                matched.push(at);
                scored.push((id, score));
            }
        }
        (scored, matched)
    };
    let threads = if places.len() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(4)
    };
    let pieces: Vec<&[usize]> = places.chunks(places.len().div_ceil(threads).max(1)).collect();
    let parts = std::thread::scope(|scope| {
        let search = &search;
        // A thread the system refuses to start searches its piece here instead.
        let helpers: Vec<_> = pieces
            .iter()
            .skip(1)
            .map(|piece| {
                std::thread::Builder::new().spawn_scoped(scope, move || search(piece)).map_err(|_| *piece)
            })
            .collect();
        let mut parts = vec![search(pieces.first().copied().unwrap_or_default())];
        for helper in helpers {
            parts.push(match helper {
                Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(piece) => search(piece),
            });
        }
        parts
    });
    let (mut scored, mut matched) = (Vec::new(), Vec::new());
    for (part_scored, part_matched) in parts {
        scored.extend(part_scored);
        matched.extend(part_matched);
    }
    (best(scored, limit), matched)
}

/// Whether what matches `longer` is sure to be among what matched `shorter`: the same
/// words with letters added (a backslash, which escapes a space, is left out of that).
pub fn narrows(shorter: &str, longer: &str) -> bool {
    longer.starts_with(shorter) && !shorter.contains('\\') && !longer.contains('\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;

    fn network(people: &[(&str, &str)]) -> Network {
        let day = jiff::civil::date(2026, 1, 1);
        let mut network = Network::default();
        for (i, (name, org)) in people.iter().enumerate() {
            let mut contact = Contact::new(i as u64 + 1, *name, day);
            contact.organization = (*org).to_owned();
            network.contacts.push(contact);
        }
        network
    }

    #[test]
    fn a_fuzzy_subsequence_finds_the_contact_by_name_or_organisation() {
        let n = network(&[
            ("Grace Hopper", "Navy"),
            ("Ada Lovelace", "Analytical"),
            ("Alan Turing", "Bletchley Párk"),
        ]);
        let ids = |q: &str| {
            find_contacts(&n, q, FIND_LIMIT, true).into_iter().map(|(id, _)| id).collect::<Vec<_>>()
        };
        // Letters left out, any case, accents ignored.
        assert_eq!(ids("grc hpr"), [1]);
        assert_eq!(ids("LOVLC"), [2]);
        assert_eq!(ids("navy"), [1], "by organisation");
        assert_eq!(ids("park"), [3], "accents of the text ignored");
        // Every word must match somewhere.
        assert_eq!(ids("grace park"), Vec::<Id>::new());
        // "a" is in all three; an empty query lists them in order.
        assert_eq!(ids("a").len(), 3);
        assert_eq!(ids(""), [1, 2, 3]);
    }

    #[test]
    fn the_closer_match_ranks_first_and_only_the_best_are_kept() {
        let n = network(&[("Anna Sampson", ""), ("Sam Tanaka", ""), ("Tessa Mallory", "")]);
        let found = find_contacts(&n, "sam", FIND_LIMIT, true);
        // At the start beats at a word inside, which beats letters scattered.
        let ids: Vec<Id> = found.iter().map(|f| f.0).collect();
        assert_eq!(ids, [2, 1, 3], "{found:?}");
        assert!(found.windows(2).all(|w| w[0].1 >= w[1].1), "best first: {found:?}");
        assert_eq!(find_contacts(&n, "sam", 2, true).len(), 2);
        let mut archived = n.clone();
        archived.contacts[1].archived = true;
        let ids: Vec<Id> = find_contacts(&archived, "sam", FIND_LIMIT, false).iter().map(|f| f.0).collect();
        assert_eq!(ids, [1, 3], "archived left out");
    }

    #[test]
    fn best_keeps_the_highest_scores_and_the_given_order_among_equals() {
        let scored = vec![("a", 1), ("b", 5), ("c", 3), ("d", 5), ("e", 0)];
        assert_eq!(best(scored.clone(), 3), [("b", 5), ("d", 5), ("c", 3)]);
        assert_eq!(best(scored, 10).len(), 5);
        assert!(best(vec![("a", 1)], 0).is_empty());
    }
}
