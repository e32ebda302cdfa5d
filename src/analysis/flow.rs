//! Monthly flow: what the network gave and received per calendar month, undecayed.

use jiff::civil::Date;

use super::scan::ExchangeScan;
use crate::model::Network;

/// Count, value (1–5 each, not decayed) and hours of some exchanges.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// How many exchanges.
    pub count: u64,
    /// Sum of `value`, not decayed.
    pub value: f64,
    pub hours: f64,
}

impl Totals {
    pub(crate) fn add(&mut self, value: u8, hours: f64) {
        self.count += 1;
        self.value += f64::from(value);
        self.hours += hours;
    }
}

/// One calendar month of the network's exchanges.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthFlow {
    /// The month, as [`super::days::month_index`] (`days::month_start` gives its first day).
    pub month: i32,
    /// `Gave` exchanges dated in the month.
    pub given: Totals,
    /// `Received` exchanges dated in the month.
    pub received: Totals,
}

impl MonthFlow {
    /// Given minus received value: above zero when you gave more than you received.
    pub fn net_value(&self) -> f64 {
        self.given.value - self.received.value
    }
}

/// Given and received totals per calendar month, oldest first, for every month
/// that has an exchange dated on or before `as_of` (later records are ignored, as
/// everywhere in the numbers). Months without exchanges are left out.
pub fn monthly_flow(network: &Network, as_of: Date) -> Vec<MonthFlow> {
    ExchangeScan::run(network, as_of).flow
}
