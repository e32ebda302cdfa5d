//! "Why this balance?": the exchanges that weigh most in a contact's `given` and
//! `received` on the as-of date, each with its decayed weight and its share of the
//! total (DESIGN "The numbers": the contributions are the exchanges' weights).

use jiff::civil::Date;

use super::days::day_number;
use super::index::Decay;
use crate::model::{Direction, Id, Network};

/// How many exchanges each side lists.
pub const WHY_TOP: usize = 5;

/// One exchange's part in a total.
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    /// Its position in `network.exchanges`.
    pub exchange: usize,
    pub date: Date,
    /// `value × 0.5^(age / half_life_days)`.
    pub weight: f64,
    /// `weight / total` of its side.
    pub share: f64,
}

/// The largest contributions to one side (given or received).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Side {
    /// The side's total: `given` or `received`.
    pub total: f64,
    /// How many exchanges it is made of.
    pub count: usize,
    /// The [`WHY_TOP`] that weigh most, heaviest first (ties: newest first).
    pub top: Vec<Contribution>,
}

/// Both sides of one contact's balance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Contributions {
    pub given: Side,
    pub received: Side,
}

/// The contributions to `contact`'s balance on `as_of` (exchanges dated after it are
/// ignored). `known`: the positions of the contact's exchanges, ascending, when the
/// caller has them (the snapshot's index); otherwise every exchange is looked at.
/// The totals are summed in file order, as the balance is, so they equal it exactly.
pub fn contributions(network: &Network, contact: Id, as_of: Date, known: Option<&[u32]>) -> Contributions {
    let t = day_number(as_of);
    let mut decay = Decay::new(network.profile.half_life_days);
    let mut sides = [(Side::default(), Vec::new()), (Side::default(), Vec::new())];
    let mut add = |position: usize| {
        let Some(e) = network.exchanges.get(position).filter(|e| e.contact == contact) else { return };
        let day = day_number(e.date);
        if day > t {
            return;
        }
        let weight = f64::from(e.value) * decay.factor(t - day);
        let Some((side, all)) = sides.get_mut(usize::from(e.direction == Direction::Received)) else {
            return;
        };
        side.total += weight;
        side.count += 1;
        all.push(Contribution { exchange: position, date: e.date, weight, share: 0.0 });
    };
    match known {
        Some(known) => known.iter().for_each(|&p| add(p as usize)),
        None => (0..network.exchanges.len()).for_each(&mut add),
    }
    let [given, received] = sides.map(|(mut side, mut all)| {
        let heaviest = |a: &Contribution, b: &Contribution| {
            b.weight.total_cmp(&a.weight).then(b.date.cmp(&a.date)).then(b.exchange.cmp(&a.exchange))
        };
        // The busiest contact has a hundred thousand exchanges: the few first, then sorted.
        if all.len() > WHY_TOP {
            all.select_nth_unstable_by(WHY_TOP - 1, heaviest);
            all.truncate(WHY_TOP);
        }
        all.sort_by(heaviest);
        for c in &mut all {
            c.share = if side.total > 0.0 { c.weight / side.total } else { 0.0 };
        }
        side.top = all;
        side
    });
    Contributions { given, received }
}
