//! A realistic synthetic network for benchmarks and demos: every record type, skewed
//! activity (a few close contacts, a long tail), multi-line notes, years of dates.
//! The same seed gives the same network, hence the same bytes.

use jiff::civil::Date;

use crate::analysis::days::{day_number, from_day_number};
use crate::model::{
    Channel, Commitment, Consent, Contact, Direction, Exchange, Introduction, Kind, Lesson, Need, Network,
    Profile, Touch, Win,
};

/// The last day of generated history: fixed, so output does not depend on today.
pub const HISTORY_END: Date = Date::constant(2026, 6, 30);
/// Years of generated history.
const HISTORY_YEARS: i32 = 4;

const FIRST: [&str; 32] = [
    "Ada", "Bo", "Cyra", "Dario", "Elin", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kaia", "Luca", "Mira",
    "Nils", "Oona", "Pavel", "Quinn", "Rosa", "Sami", "Tove", "Uri", "Vera", "Wen", "Xavi", "Yusra", "Zeno",
    "Amani", "Bruno", "Chiara", "Dev", "Esme", "Femi",
];
const LAST: [&str; 32] = [
    "Arden",
    "Brightwater",
    "Castell",
    "Dunmore",
    "Ellery",
    "Fairholm",
    "Garrow",
    "Hartwell",
    "Ives",
    "Jessop",
    "Kilbride",
    "Lindqvist",
    "Marlow",
    "Northcott",
    "Oakhurst",
    "Penrose",
    "Quarry",
    "Rowntree",
    "Sable",
    "Thorne",
    "Underhill",
    "Vance",
    "Whitlock",
    "Yardley",
    "Zell",
    "Abbott",
    "Bexley",
    "Corran",
    "Delane",
    "Everly",
    "Fenwick",
    "Gale",
];
const ORG_A: [&str; 12] =
    ["Blue", "North", "Quiet", "Bright", "Iron", "Silver", "Open", "Green", "Swift", "Clear", "Tall", "Red"];
const ORG_B: [&str; 12] = [
    "Harbor",
    "Field",
    "Loop",
    "Works",
    "Labs",
    "Foundry",
    "Collective",
    "Partners",
    "Studio",
    "Systems",
    "Guild",
    "Bridge",
];
const ROLES: [&str; 10] = [
    "Engineer",
    "Designer",
    "Founder",
    "Researcher",
    "Product Lead",
    "Investor",
    "Recruiter",
    "Editor",
    "Program Officer",
    "Director",
];
const TOPICS: [&str; 16] = [
    "hiring",
    "fundraising",
    "portfolio review",
    "public speaking",
    "data engineering",
    "grant writing",
    "pricing",
    "design systems",
    "board introductions",
    "media training",
    "career change",
    "research methods",
    "sales",
    "legal basics",
    "community building",
    "product strategy",
];
const TAGS: [&str; 8] =
    ["mentor", "peer", "alumni", "client", "former-colleague", "community", "investor", "friend"];
const SUMMARIES: [&str; 8] = [
    "Reviewed their {t} plan",
    "Talked through {t} over coffee",
    "Shared notes on {t}",
    "Sent a reading list on {t}",
    "Helped with a {t} question",
    "Introduced a contact for {t}",
    "Feedback on a {t} draft",
    "Long call about {t}",
];

/// SplitMix64: small, fast and stable across versions, unlike library RNGs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Cumulative Zipf-like weights: a few contacts get most of the activity.
fn activity_weights(n: usize) -> Vec<f64> {
    let mut total = 0.0;
    (0..n)
        .map(|rank| {
            total += 1.0 / (rank as f64 + 1.0).powf(1.1);
            total
        })
        .collect()
}

fn pick_weighted(rng: &mut Rng, cumulative: &[f64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(1.0);
    let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
    cumulative.partition_point(|c| *c < x).min(cumulative.len().saturating_sub(1))
}

/// Generates `contacts` contacts and `exchanges` exchanges, with touches,
/// commitments, introductions, wins and lessons in proportion.
pub fn generate(contacts: usize, exchanges: usize, seed: u64) -> Network {
    let mut rng = Rng(seed);
    let end = day_number(HISTORY_END);
    let start = end - 365 * HISTORY_YEARS;
    let day_in_history =
        |rng: &mut Rng| from_day_number(start + rng.below((end - start) as usize + 1) as i32);
    let mut network = Network {
        profile: Profile {
            name: "Sam Sample".into(),
            offers: vec!["mentoring".into(), "portfolio review".into(), "hiring".into()],
            limits: vec!["no weekend calls".into()],
            seeking: vec!["board introductions".into(), "fundraising".into()],
            ..Profile::default()
        },
        ..Network::default()
    };
    network.contacts.reserve(contacts);
    for i in 0..contacts {
        let id = i as u64 + 1;
        let name = format!(
            "{} {}{}",
            rng.pick(&FIRST),
            rng.pick(&LAST),
            if i >= 1024 { format!(" {}", i / 1024) } else { String::new() }
        );
        let mut c = Contact::new(id, name, from_day_number(start - rng.below(730) as i32));
        c.organization = format!("{} {}", rng.pick(&ORG_A), rng.pick(&ORG_B));
        c.role = rng.pick(&ROLES).to_string();
        c.emails = vec![format!("person{id}@example.org")];
        c.tags = vec![rng.pick(&TAGS).to_string()];
        c.offers = vec![rng.pick(&TOPICS).to_string(), rng.pick(&TOPICS).to_string()];
        c.offers.dedup();
        if rng.chance(0.3) {
            c.needs.push(Need {
                topic: rng.pick(&TOPICS).to_string(),
                note: "Looking for help".into(),
                since: day_in_history(&mut rng),
                resolved: rng.chance(0.3),
            });
        }
        c.cadence_days = [None, Some(14), Some(30), Some(90), Some(365)][rng.below(5)];
        c.communal = rng.chance(0.03);
        c.archived = rng.chance(0.05);
        if rng.chance(0.1) {
            c.notes = format!("Met at a conference.\nPrefers email.\nAsked about {}.", rng.pick(&TOPICS));
        }
        network.contacts.push(c);
    }
    if contacts == 0 {
        return network;
    }
    let weights = activity_weights(contacts);
    network.exchanges.reserve(exchanges);
    for i in 0..exchanges {
        let contact = pick_weighted(&mut rng, &weights) as u64 + 1;
        let direction = if rng.chance(0.55) { Direction::Gave } else { Direction::Received };
        let topic = rng.pick(&TOPICS);
        network.exchanges.push(Exchange {
            id: i as u64 + 1,
            contact,
            date: day_in_history(&mut rng),
            direction,
            kind: *rng.pick(&Kind::ALL),
            hours: f64::from(1 + rng.below(16) as u32) * 0.25,
            value: 1 + rng.below(5) as u8,
            summary: rng.pick(&SUMMARIES).replace("{t}", topic),
            outcome: if rng.chance(0.2) { "It worked out".into() } else { String::new() },
            thanked: direction == Direction::Received && rng.chance(0.8),
        });
    }
    for i in 0..(exchanges / 8).max(1) {
        let contact = pick_weighted(&mut rng, &weights) as u64 + 1;
        let date = day_in_history(&mut rng);
        let channel = *rng.pick(&Channel::ALL);
        let heard = rng.chance(0.2);
        let (priorities, constraints) =
            if heard { ((*rng.pick(&TOPICS)).to_owned(), "time".to_owned()) } else { Default::default() };
        network.touches.push(Touch {
            id: i as u64 + 1,
            contact,
            date,
            channel,
            working_on: String::new(),
            priorities,
            constraints,
            notes: String::new(),
        });
    }
    for i in 0..(contacts / 5).max(1) {
        let made = day_in_history(&mut rng);
        network.commitments.push(Commitment {
            id: i as u64 + 1,
            contact: pick_weighted(&mut rng, &weights) as u64 + 1,
            made,
            due: rng.chance(0.7).then(|| from_day_number(day_number(made) + 7 + rng.below(60) as i32)),
            direction: if rng.chance(0.6) { Direction::Gave } else { Direction::Received },
            hours: f64::from(1 + rng.below(8) as u32) * 0.5,
            summary: format!("Follow up on {}", rng.pick(&TOPICS)),
            done: rng.chance(0.7).then(|| from_day_number(day_number(made) + rng.below(30) as i32)),
        });
    }
    if contacts >= 2 {
        for i in 0..(contacts / 10).max(1) {
            let first = rng.below(contacts);
            let second = (first + 1 + rng.below(contacts - 1)) % contacts;
            let (a, b) = (first as u64 + 1, second as u64 + 1);
            let date = day_in_history(&mut rng);
            let stage = rng.below(5);
            let consent = |level: usize| match level {
                0 => Consent::NotAsked,
                1 => Consent::Asked(date),
                2 => Consent::Declined(date),
                _ => Consent::Granted(date),
            };
            let (ca, cb) = match stage {
                0 => (consent(0), consent(0)),
                1 => (consent(1), consent(0)),
                2 => (consent(3), consent(2)),
                _ => (consent(3), consent(3)),
            };
            network.introductions.push(Introduction {
                id: i as u64 + 1,
                date,
                a,
                b,
                why: format!("Both care about {}", rng.pick(&TOPICS)),
                a_gains: "A new perspective".into(),
                b_gains: "A useful contact".into(),
                consent_a: ca,
                consent_b: cb,
                made: (stage == 4).then_some(date),
                outcome: if stage == 4 { "They met twice".into() } else { String::new() },
            });
        }
    }
    for i in 0..(contacts / 8).max(1) {
        network.wins.push(Win {
            id: i as u64 + 1,
            contact: rng.below(contacts) as u64 + 1,
            date: day_in_history(&mut rng),
            text: "Started a new role".into(),
            celebrated: rng.chance(0.5),
        });
    }
    for i in 0..20 {
        network.playbook.push(Lesson {
            date: from_day_number(start + i * 60),
            lesson: format!("Lesson {}: ask before offering.", i + 1),
        });
    }
    network
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_networks_are_valid_and_repeatable() {
        let network = generate(300, 5000, 7);
        assert_eq!(crate::model::validate(&network), Vec::new());
        assert_eq!(crate::store::to_string(&network), crate::store::to_string(&generate(300, 5000, 7)));
        assert_ne!(network, generate(300, 5000, 8));
        assert_eq!((network.contacts.len(), network.exchanges.len()), (300, 5000));
        assert!(network.contacts.iter().any(|c| c.notes.contains('\n')));
    }

    #[test]
    fn activity_is_skewed_towards_a_few_contacts() {
        let network = generate(1000, 20_000, 1);
        let mut per_contact = vec![0usize; 1001];
        for e in &network.exchanges {
            per_contact[e.contact as usize] += 1;
        }
        per_contact.sort_unstable_by(|a, b| b.cmp(a));
        let top_ten: usize = per_contact.iter().take(10).sum();
        // Ten contacts out of a thousand carry well over a tenth of the activity.
        assert!(top_ten > 20_000 / 5, "{top_ten}");
        assert!(per_contact[500] > 0, "the long tail still has some activity");
    }
}
