//! A busy contact's ledger and timeline, built on a thread of their own (see
//! [`crate::analysis::ContactJob`]): the page shows that they are being read, and the
//! thread wakes the window when they are.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use jiff::civil::Date;

use crate::analysis::{ContactLists, Derived};
use crate::model::{Id, Network};

/// The job under way, if any: which contact at which revision and date, and where its
/// lists arrive.
#[derive(Default)]
pub(super) struct ListBuilder {
    under_way: Option<((u64, Id, Date), Receiver<ContactLists>)>,
}

impl ListBuilder {
    /// Takes the lists of a finished job, then starts the one `contact` needs (none
    /// while one for it is under way). `network` is the document's at the revision
    /// `derived` was last refreshed at.
    pub(super) fn follow(
        &mut self,
        ctx: &egui::Context,
        derived: &mut Derived,
        network: &Arc<Network>,
        contact: Option<Id>,
    ) {
        if let Some((_, answer)) = &self.under_way {
            match answer.try_recv() {
                Ok(lists) => {
                    // Lists of an older revision or date are dropped: the job below
                    // builds them again.
                    derived.receive_contact(lists);
                    self.under_way = None;
                }
                Err(TryRecvError::Disconnected) => self.under_way = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        let Some(job) = contact.and_then(|contact| derived.contact_job(contact)) else { return };
        if self.under_way.as_ref().is_some_and(|(key, _)| *key == job.key()) {
            return;
        }
        let key = job.key();
        let shared = Arc::clone(network);
        match super::background::run_on_thread("contact lists", ctx, job, move |job| job.run(&shared)) {
            Ok(receiver) => self.under_way = Some((key, receiver)),
            // No thread: built here, as the refresh would have.
            Err(job) => {
                derived.receive_contact(job.run(network));
            }
        }
    }
}
