//! Your boundaries: does a gift touch one of your stated limits, or push a month
//! over your capacity? Rapport says so, and still lets you.

use jiff::civil::{Date, Weekday};

use super::days::month_index;
use super::gaps::normalize_topic;
use crate::model::{Direction, Exchange, Network, Profile};

/// Words too common to tie a gift to a limit.
const COMMON: [&str; 14] = [
    "no", "not", "never", "before", "after", "over", "under", "with", "than", "more", "less", "any", "for",
    "the",
];

/// The limits an exchange you give may touch: a limit shares a significant word
/// (4+ letters) with its summary, outcome or kind, or speaks of weekends and the
/// exchange falls on one.
pub fn limits_touched<'a>(profile: &'a Profile, exchange: &Exchange) -> Vec<&'a str> {
    if exchange.direction != Direction::Gave {
        return Vec::new();
    }
    let text =
        normalize_topic(&format!("{} {} {}", exchange.summary, exchange.outcome, exchange.kind.label()));
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 4).collect();
    let weekend = matches!(exchange.date.weekday(), Weekday::Saturday | Weekday::Sunday);
    profile
        .limits
        .iter()
        .filter(|limit| {
            let limit = normalize_topic(limit);
            let significant = limit
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() >= 4 && !COMMON.contains(w))
                .map(|w| w.trim_end_matches('s'))
                .collect::<Vec<_>>();
            (weekend && limit.contains("weekend"))
                || significant.iter().any(|l| words.iter().any(|w| w.trim_end_matches('s') == *l))
        })
        .map(String::as_str)
        .collect()
}

/// Hours committed in the month of `date` (Gave exchanges plus open Gave promises due
/// then), and the monthly budget.
pub fn month_load(network: &Network, date: Date) -> (f64, f64) {
    let month = month_index(date);
    let given: f64 = network
        .exchanges
        .iter()
        .filter(|e| e.direction == Direction::Gave && month_index(e.date) == month)
        .map(|e| e.hours)
        .sum();
    let promised: f64 = network
        .commitments
        .iter()
        .filter(|c| c.direction == Direction::Gave && c.done.is_none())
        .filter(|c| month_index(c.due.unwrap_or(c.made)) == month)
        .map(|c| c.hours)
        .sum();
    (given + promised, network.profile.capacity_hours_per_month)
}
