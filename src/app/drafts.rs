//! Drafts: a new exchange (Ctrl+E) or promise ("Add promise") is written in a dialog
//! and added only on Save, as one undo step; Cancel adds nothing.

use super::{App, Modal};
use crate::model::{Network, new_exchange};
use crate::state::EditRequest;

impl App {
    /// Ctrl+E: the draft of an exchange with the selected contact, logged on Save.
    pub(super) fn new_exchange(&mut self) {
        let Some(contact) = self.view.selected.filter(|id| self.doc.network.contact(*id).is_some()) else {
            return;
        };
        let id = self.derived.next_exchange_id(&self.doc.network, self.doc.revision);
        self.open_draft(crate::state::Draft::Exchange(new_exchange(id, contact, self.today())));
    }

    /// Opens the draft dialog of a new record (not while read-only: it could not be saved).
    pub(super) fn open_draft(&mut self, draft: crate::state::Draft) {
        if self.doc.read_only.is_some() {
            self.say("Read-only: this network is open in another Rapport".to_owned());
            return;
        }
        let contact = match &draft {
            crate::state::Draft::Exchange(e) => e.contact,
            crate::state::Draft::Promise(p) => p.contact,
        };
        if self.doc.network.contact(contact).is_none() {
            return;
        }
        // The editor of another exchange closes: the dialog is where typing goes.
        self.view.selected_exchange = None;
        let name = self.derived.name(&self.doc.network, contact).to_owned();
        self.modal = Some(Modal::Draft(Box::new(crate::state::DraftForm::new(name, draft))));
    }

    /// Save in the draft dialog: the record is added as one undo step of its own.
    pub(super) fn save_draft(&mut self, draft: crate::state::Draft) {
        use crate::model::find_by_id;
        let network = &self.doc.network;
        let request: EditRequest = match draft {
            crate::state::Draft::Exchange(mut exchange) => {
                // An id taken meanwhile (a merge) is not written over.
                if find_by_id(&network.exchanges, exchange.id).is_some() {
                    exchange.id = Network::next_id(&network.exchanges);
                }
                crate::model::log_exchange(exchange, "Log exchange").into()
            }
            crate::state::Draft::Promise(mut promise) => {
                if find_by_id(&network.commitments, promise.id).is_some() {
                    promise.id = Network::next_id(&network.commitments);
                }
                crate::model::add_promise(promise).into()
            }
        };
        self.history.seal();
        self.apply(request);
        self.history.seal();
    }
}
