//! The rhythm's derived data following edits: a contact's check-ins, what each
//! contact was last heard working on, and the agenda.

use jiff::civil::Date;

use super::{AGENDA_DAYS, Derived};
use crate::model::{Network, Touched};

impl Derived {
    /// Carries or follows, over the edits between revisions `from` and `to`, the
    /// contact's check-ins, the last heard and the agenda (see [`Derived::refresh`]).
    pub(super) fn follow_rhythm(
        &mut self,
        network: &Network,
        from: u64,
        to: u64,
        as_of: Date,
        touched: &Touched,
    ) {
        self.contact_touches.carry(from, to, |_| !touched.touches);
        // Check-ins only added (at the end of the list): the contact's own go in their place.
        if let Some((revision, contact)) = self.contact_touches.key
            && revision == from
            && !touched.touches_otherwise
        {
            let added = touched.touches_added.len();
            let rows = &mut self.contact_touches.value;
            for index in network.touches.len().saturating_sub(added)..network.touches.len() {
                let Some(touch) = network.touches.get(index).filter(|t| t.contact == contact) else {
                    continue;
                };
                let key = |i: &usize| network.touches.get(*i).map(|t| std::cmp::Reverse((t.date, t.id)));
                let new = Some(std::cmp::Reverse((touch.date, touch.id)));
                let at = rows.partition_point(|i| key(i) < new);
                rows.insert(at, index);
            }
            self.contact_touches.key = Some((to, contact));
        }
        self.heard.carry(from, to, |_| !touched.touches);
        // Check-ins only added, at the end of the list: each is looked at alone.
        if self.heard.key == Some(from) && !touched.touches_otherwise {
            let added = touched.touches_added.len();
            for index in network.touches.len().saturating_sub(added)..network.touches.len() {
                crate::analysis::agenda::note_heard(&mut self.heard.value, network, index);
            }
            self.heard.key = Some(to);
        }
        // Only numbers of some contacts changed: their check-ins move in the agenda.
        if let Some((revision, date)) = self.agenda.key
            && revision == from
            && date == as_of
            && !touched.contact_list
            && !touched.commitments
            && self.snapshot.key == Some((to, as_of))
        {
            let snapshot = &self.snapshot.value;
            crate::analysis::agenda::follow_agenda(
                &mut self.agenda.value,
                network,
                |id| snapshot.stats(id),
                &touched.contacts,
                as_of,
                AGENDA_DAYS,
            );
            self.agenda.key = Some((to, date));
        }
    }
}
