//! `Derived` after edits: what it keeps from before an edit, follows, or builds again
//! equals what a fresh `Derived` builds for the edited network, for every list a view
//! reads.

use jiff::civil::Date;
use proptest::prelude::*;
use rapport::analysis::{ContactOrder, ContactQuery, Derived, Wants};
use rapport::model::{
    Change, Channel, Contact, Edit, Heard, Network, Touched, complete_promise, log_check_in, log_exchange,
    mark_thanked, new_exchange,
};

const AS_OF: Date = Date::constant(2026, 11, 25);

fn sample() -> Network {
    rapport::store::parse_bytes(rapport::app::SAMPLE.as_bytes(), std::path::Path::new("sample.ron"))
        .expect("the sample loads")
}

/// Everything a view can ask for, about the contact at `who`.
fn wants(net: &Network, who: usize, order: ContactOrder) -> Wants {
    let contact = net.contacts.get(who % net.contacts.len().max(1)).map(|c| c.id);
    let exchange = contact.and_then(|c| net.exchanges.iter().find(|e| e.contact == c)).map(|e| e.id);
    Wants {
        contacts: ContactQuery { search: String::new(), order, show_archived: who.is_multiple_of(3) },
        contact,
        exchange,
        vocabulary: true,
        gaps: true,
        wins: true,
        open_promises: true,
        introductions: true,
    }
}

/// The first difference between what `got` and `want` give the views, if any.
fn difference(net: &Network, got: &Derived, want: &Derived, wants: &Wants) -> Option<String> {
    let check = |what: &str, same: bool| (!same).then(|| what.to_owned());
    check("contact rows", got.contact_rows() == want.contact_rows())
        .or_else(|| {
            let c = wants.contact?;
            check("ledger", got.ledger(c) == want.ledger(c))
                .or_else(|| check("contact promises", got.contact_promises(c) == want.contact_promises(c)))
                .or_else(|| check("timeline", got.timeline(c) == want.timeline(c)))
        })
        .or_else(|| {
            let e = wants.exchange.and_then(|id| rapport::model::find_by_id(&net.exchanges, id))?;
            check("month load", got.month_load(e.date) == want.month_load(e.date))
        })
        .or_else(|| check("vocabulary", got.vocabulary() == want.vocabulary()))
        .or_else(|| check("wins", got.wins() == want.wins()))
        .or_else(|| check("open promises", got.open_promises() == want.open_promises()))
        .or_else(|| check("introductions", got.introduction_stages() == want.introduction_stages()))
        .or_else(|| check("pickable", got.pickable_contacts() == want.pickable_contacts()))
        .or_else(|| check("name labels", got.name_labels() == want.name_labels()))
        .or_else(|| {
            let (g, w) = (got.snapshot(), want.snapshot());
            let ids = |s: &rapport::analysis::Snapshot| s.check_ins.iter().map(|c| c.id).collect::<Vec<_>>();
            check("check-ins due", ids(g) == ids(w))
        })
}

#[derive(Clone, Debug)]
enum Op {
    LogExchange(usize),
    CheckIn(usize),
    CompletePromise(usize, bool),
    Thank(usize),
    Archive(usize),
    /// Contact `.0` takes the name of contact `.1` (itself: a name of its own).
    Rename(usize, usize),
    /// Contact `.0` moves to another organisation.
    Move(usize),
    RemoveExchange(usize),
    AddContact,
    Undo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..64usize).prop_map(Op::LogExchange),
        (0..64usize).prop_map(Op::CheckIn),
        (0..64usize, any::<bool>()).prop_map(|(i, r)| Op::CompletePromise(i, r)),
        (0..64usize).prop_map(Op::Thank),
        (0..64usize).prop_map(Op::Archive),
        (0..64usize, 0..64usize).prop_map(|(i, j)| Op::Rename(i, j)),
        (0..64usize).prop_map(Op::Move),
        (0..600usize).prop_map(Op::RemoveExchange),
        Just(Op::AddContact),
        Just(Op::Undo),
    ]
}

fn edit_of(net: &Network, op: &Op, undo: &mut Vec<Edit>) -> Option<Edit> {
    let contact = |i: usize| net.contacts.get(i % net.contacts.len().max(1)).map(|c| c.id);
    Some(match op {
        Op::LogExchange(i) => log_exchange(new_exchange(net, contact(*i)?, AS_OF), "Log").edit,
        Op::CheckIn(i) => log_check_in(net, contact(*i)?, AS_OF, Channel::Call, &Heard::default()).edit,
        Op::CompletePromise(i, record) => {
            let open: Vec<_> = net.commitments.iter().filter(|c| c.done.is_none()).collect();
            complete_promise(net, open.get(i % open.len().max(1))?, AS_OF, *record).edit
        }
        Op::Thank(i) => {
            let unthanked: Vec<_> = net.exchanges.iter().filter(|e| !e.thanked).collect();
            mark_thanked(unthanked.get(i % unthanked.len().max(1))?).edit
        }
        Op::Archive(i) => {
            let c = net.contacts.get(i % net.contacts.len().max(1))?;
            Edit::Contacts(Change::Put(Contact { archived: !c.archived, ..c.clone() }))
        }
        Op::Rename(i, j) => {
            let c = net.contacts.get(i % net.contacts.len().max(1))?;
            let other = net.contacts.get(j % net.contacts.len().max(1))?;
            let name = if other.id == c.id { format!("{} the Second", c.name) } else { other.name.clone() };
            Edit::Contacts(Change::Put(Contact { name, ..c.clone() }))
        }
        Op::Move(i) => {
            let c = net.contacts.get(i % net.contacts.len().max(1))?;
            let organization = if c.organization.is_empty() { "Northwind".into() } else { String::new() };
            Edit::Contacts(Change::Put(Contact { organization, ..c.clone() }))
        }
        Op::RemoveExchange(i) => Edit::Exchanges(Change::Remove(vec![net.exchanges.get(*i)?.id])),
        Op::AddContact => {
            Edit::Contacts(Change::Put(Contact::new(Network::next_id(&net.contacts), "New Person", AS_OF)))
        }
        Op::Undo => undo.pop()?,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn what_derived_keeps_after_edits_equals_a_fresh_build(
        ops in prop::collection::vec(op(), 1..10),
        who in 0..64usize,
        by_name in any::<bool>(),
    ) {
        let mut net = sample();
        let order = if by_name { ContactOrder::Name } else { ContactOrder::LastTouch };
        let mut derived = Derived::default();
        derived.refresh(&net, 0, AS_OF, &wants(&net, who, order), None);
        let mut undo = Vec::new();
        for (revision, op) in (1u64..).zip(&ops) {
            let Some(edit) = edit_of(&net, op, &mut undo) else { continue };
            let mut touched = Touched::default();
            let inverse = edit.apply_tracked(&mut net, &mut touched);
            if !matches!(op, Op::Undo) {
                undo.push(inverse);
            }
            let wants = wants(&net, who, order);
            derived.refresh(&net, revision, AS_OF, &wants, Some((revision - 1, &touched)));
            let mut fresh = Derived::default();
            fresh.refresh(&net, revision, AS_OF, &wants, None);
            if let Some(what) = difference(&net, &derived, &fresh, &wants) {
                prop_assert!(false, "after {op:?}: {what} differs");
            }
        }
    }
}
