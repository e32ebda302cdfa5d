//! A warning before fatigue sets in: over budget two months running, or a long
//! stretch of mostly giving. The numbers come along so the UI can explain them.

use jiff::civil::Date;

use super::capacity::CapacityMonth;
use super::days::{month_index, month_start};
use super::scan::{ExchangeScan, SHARE_WINDOW_DAYS, ShareWindow};
use crate::model::Network;

/// The network-wide share of giving above which a stretch counts as "mostly giving".
pub const FATIGUE_SHARE: f64 = 0.75;

/// Your network-wide share of giving over the days ending at the as-of date.
///
/// The share on day `d` is `G / (G + R)`, where `G` and `R` are the decayed value
/// given and received on `d` (same decay as the balance, records after `d` ignored),
/// summed over every non-communal contact. It is computed exactly for every day with
/// the recurrence `G(d) = G(d − 1) × 0.5^(1 / half_life_days) + value given on d`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GivingShare {
    /// The share on each of the [`SHARE_WINDOW_DAYS`] days ending at the as-of date,
    /// oldest first; `None` on a day with nothing given or received yet.
    pub daily: Vec<Option<f64>>,
    /// The share on the as-of date.
    pub current: Option<f64>,
    /// The lowest share over the window; `None` if some day had no share.
    pub lowest: Option<f64>,
    /// Consecutive days, ending at the as-of date, with a share above [`FATIGUE_SHARE`].
    pub days_above: u32,
}

impl GivingShare {
    pub(crate) fn from_window(window: &ShareWindow, half_life_days: f64) -> Self {
        let step = 0.5_f64.powf(1.0 / half_life_days);
        let [mut g, mut r] = window.base;
        let mut daily = Vec::with_capacity(SHARE_WINDOW_DAYS);
        for (k, [given, received]) in window.daily.iter().enumerate() {
            if k > 0 {
                g = g * step + given;
                r = r * step + received;
            }
            daily.push((g + r > 0.0).then(|| g / (g + r)));
        }
        let above = |s: &Option<f64>| s.is_some_and(|s| s > FATIGUE_SHARE);
        let days_above = daily.iter().rev().take_while(|s| above(s)).count();
        let lowest = daily.iter().try_fold(f64::INFINITY, |low, s| s.map(|s| low.min(s)));
        Self {
            current: daily.last().copied().flatten(),
            lowest: lowest.filter(|l| l.is_finite()),
            days_above: u32::try_from(days_above).unwrap_or(u32::MAX),
            daily,
        }
    }
}

/// The network-wide share of giving over the last [`SHARE_WINDOW_DAYS`] days.
pub fn giving_share(network: &Network, as_of: Date) -> GivingShare {
    let scan = ExchangeScan::run(network, as_of);
    GivingShare::from_window(&scan.window, network.profile.half_life_days)
}

/// Why a fatigue warning shows.
#[derive(Clone, Debug, PartialEq)]
pub enum FatigueReason {
    /// Over the hours budget in two consecutive months, the later being the as-of
    /// month or the month before it.
    OverBudget { earlier: CapacityMonth, later: CapacityMonth },
    /// The network-wide share of giving stayed above [`FATIGUE_SHARE`] on every one
    /// of the last `days` days.
    MostlyGiving { days: u32, lowest_share: f64, current_share: f64 },
}

impl FatigueReason {
    /// A plain, friendly explanation that suggests what you could do next.
    pub fn explain(&self) -> String {
        match self {
            Self::OverBudget { earlier, later } => format!(
                "Your giving took {:.1} h in {} and {:.1} h in {}, above your budget of {:.1} h a \
                 month. It may help to take on fewer new promises for a while, or to move a due date.",
                earlier.hours,
                month_name(earlier.month),
                later.hours,
                month_name(later.month),
                later.capacity
            ),
            Self::MostlyGiving { days, lowest_share, current_share } => format!(
                "For the last {days} days, most of what moved in your network went from you to others \
                 (at least {:.0}%, {:.0}% now). Asking for something you need keeps a network \
                 healthy too.",
                lowest_share * 100.0,
                current_share * 100.0
            ),
        }
    }
}

fn month_name(month: i32) -> String {
    month_start(month).strftime("%B %Y").to_string()
}

/// A fatigue warning: one or both reasons, each with its numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Fatigue {
    pub reasons: Vec<FatigueReason>,
}

/// The fatigue warning on `as_of`, if any. `capacity` holds (at least) the as-of
/// month and the two before it, as [`super::capacity_months`] returns them; `share`
/// comes from [`giving_share`].
pub fn fatigue(capacity: &[CapacityMonth], share: &GivingShare, as_of: Date) -> Option<Fatigue> {
    let month = |m: i32| capacity.iter().find(|c| c.month == m);
    let last = month_index(as_of);
    let mut reasons = Vec::new();
    // The latest pair first: (month before, as-of month), then the pair before it.
    for later in [last, last - 1] {
        if let (Some(earlier), Some(later)) = (month(later - 1), month(later))
            && earlier.is_over_budget()
            && later.is_over_budget()
        {
            reasons.push(FatigueReason::OverBudget { earlier: *earlier, later: *later });
            break;
        }
    }
    let window = u32::try_from(SHARE_WINDOW_DAYS).unwrap_or(u32::MAX);
    if share.days_above >= window
        && let (Some(lowest_share), Some(current_share)) = (share.lowest, share.current)
    {
        reasons.push(FatigueReason::MostlyGiving { days: window, lowest_share, current_share });
    }
    (!reasons.is_empty()).then_some(Fatigue { reasons })
}
