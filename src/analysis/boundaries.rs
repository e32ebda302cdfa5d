//! Your boundaries: does a gift touch one of your stated limits? Rapport says so,
//! and still lets you. (Whether it pushes a month over capacity is
//! [`super::capacity_for_month`].)

use jiff::civil::Weekday;

use super::gaps::normalize_topic;
use crate::model::{Direction, Exchange, Profile};

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
