//! Small helpers that keep a pass over a million exchanges fast: an id → position
//! lookup and a memo of decay factors by age.

use std::collections::HashMap;

use crate::model::Id;

/// Position of a record in its list, by id. A plain vector when ids are dense (the
/// usual case), a hash map otherwise. Later duplicates win, like `HashMap::collect`.
#[derive(Clone, Debug)]
pub(crate) enum IdIndex {
    Dense(Vec<u32>),
    Sparse(HashMap<Id, usize>),
}

const NONE: u32 = u32::MAX;

impl IdIndex {
    pub(crate) fn new<I: Iterator<Item = Id> + Clone>(ids: I) -> Self {
        let (count, max) = ids.clone().fold((0_usize, 0_u64), |(n, m), id| (n + 1, m.max(id)));
        let limit = count.saturating_mul(4).saturating_add(1024);
        let dense_len = usize::try_from(max).ok().filter(|&m| m <= limit).map(|m| m + 1);
        match dense_len {
            Some(len) if u32::try_from(count).is_ok_and(|n| n < NONE) => {
                let mut slots = vec![NONE; len];
                for (i, id) in ids.enumerate() {
                    let (Ok(at), Ok(pos)) = (usize::try_from(id), u32::try_from(i)) else { continue };
                    if let Some(slot) = slots.get_mut(at) {
                        *slot = pos;
                    }
                }
                Self::Dense(slots)
            }
            _ => Self::Sparse(ids.enumerate().map(|(i, id)| (id, i)).collect()),
        }
    }

    /// The position of `id`, if present.
    #[inline]
    pub(crate) fn get(&self, id: Id) -> Option<usize> {
        match self {
            Self::Dense(slots) => {
                let slot = *slots.get(usize::try_from(id).ok()?)?;
                (slot != NONE).then_some(slot as usize)
            }
            Self::Sparse(map) => map.get(&id).copied(),
        }
    }
}

/// `0.5^(age / half_life_days)`, remembered per age in days: the same float as
/// computing it every time, without a `powf` per record.
pub(crate) struct Decay {
    half_life_days: f64,
    table: Vec<f64>,
}

/// Ages up to this many days are remembered (about 180 years).
const MEMO_DAYS: usize = 1 << 16;

impl Decay {
    pub(crate) fn new(half_life_days: f64) -> Self {
        Self { half_life_days, table: Vec::new() }
    }

    /// The decay factor of a record `age_days` old.
    #[inline]
    pub(crate) fn factor(&mut self, age_days: i32) -> f64 {
        let compute = |age: i32| 0.5_f64.powf(f64::from(age) / self.half_life_days);
        let Some(at) = usize::try_from(age_days).ok().filter(|&a| a < MEMO_DAYS) else {
            return compute(age_days);
        };
        if at >= self.table.len() {
            self.table.resize(at + 1, f64::NAN);
        }
        match self.table.get_mut(at) {
            Some(slot) if !slot.is_nan() => *slot,
            Some(slot) => {
                *slot = compute(age_days);
                *slot
            }
            None => compute(age_days),
        }
    }
}

/// Sorts `items` by day, oldest first, keeping the order of those of one day (a stable
/// sort). A counting sort when the days span a range not much wider than the list
/// (the usual case): a contact's 150,000 exchanges then sort in about a millisecond
/// instead of ten.
pub(crate) fn sort_by_day<T: Copy>(items: &mut [(i32, T)]) {
    let (Some(oldest), Some(newest)) =
        (items.iter().map(|(d, _)| *d).min(), items.iter().map(|(d, _)| *d).max())
    else {
        return;
    };
    let span = usize::try_from(i64::from(newest) - i64::from(oldest)).unwrap_or(usize::MAX);
    if span > items.len().saturating_mul(4).saturating_add(1024) {
        items.sort_by_key(|(day, _)| *day);
        return;
    }
    let age = |day: i32| usize::try_from(day - oldest).unwrap_or(0);
    // next[a] = where the next item `a` days after the oldest goes.
    let mut next = vec![0_usize; span + 1];
    for (day, _) in items.iter() {
        if let Some(count) = next.get_mut(age(*day)) {
            *count += 1;
        }
    }
    let mut start = 0;
    for slot in &mut next {
        (*slot, start) = (start, start + *slot);
    }
    let source = items.to_vec();
    for item in source {
        if let Some(at) = next.get_mut(age(item.0)) {
            if let Some(out) = items.get_mut(*at) {
                *out = item;
            }
            *at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_by_day_is_stable_both_ways() {
        let items: Vec<(i32, usize)> = (0..500).map(|i| (((i * 7919) % 97) as i32 - 40, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|(day, _)| *day);
        let mut counted = items.clone();
        sort_by_day(&mut counted);
        assert_eq!(counted, expected, "counting");
        // Days far apart: the comparison sort.
        let mut wide: Vec<(i32, usize)> = items.iter().map(|(d, i)| (d * 100_000, *i)).collect();
        let mut expected_wide = wide.clone();
        expected_wide.sort_by_key(|(day, _)| *day);
        sort_by_day(&mut wide);
        assert_eq!(wide, expected_wide, "comparing");
    }

    #[test]
    fn dense_and_sparse_agree() {
        let ids = [3_u64, 1, 7, 3];
        let dense = IdIndex::new(ids.iter().copied());
        let sparse = IdIndex::new(ids.iter().copied().chain([u64::MAX]));
        assert!(matches!(dense, IdIndex::Dense(_)));
        assert!(matches!(sparse, IdIndex::Sparse(_)));
        for index in [&dense, &sparse] {
            assert_eq!(index.get(3), Some(3), "later duplicate wins");
            assert_eq!(index.get(1), Some(1));
            assert_eq!(index.get(7), Some(2));
            assert_eq!(index.get(2), None);
            assert_eq!(index.get(99_999), None);
        }
    }

    #[test]
    fn decay_memo_is_exact() {
        let mut decay = Decay::new(180.0);
        for age in [0, 1, 180, 360, 5000, 70_000, -3] {
            let direct = 0.5_f64.powf(f64::from(age) / 180.0);
            assert_eq!(decay.factor(age).to_bits(), direct.to_bits());
            assert_eq!(decay.factor(age).to_bits(), direct.to_bits(), "second call from the memo");
        }
    }
}
