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
        contacts: ContactQuery {
            search: String::new(),
            order,
            show_archived: who.is_multiple_of(3),
            // Now and then filtered: a band, or the overdue only.
            band: (who % 5 == 2).then_some(rapport::analysis::Band::Quiet),
            overdue_only: who % 7 == 3,
        },
        contact,
        exchange,
        vocabulary: true,
        // Now and then not wanted: the edits meanwhile are caught up with later.
        gaps: who % 4 != 1,
        wins: true,
        open_promises: true,
        agenda: who % 5 != 2,
        introductions: true,
        // A quarter, or a year, by the contact picked.
        report: Some(if who.is_multiple_of(2) {
            rapport::interop::Period::last_full_quarter(AS_OF)
        } else {
            rapport::interop::Period::year(AS_OF.year())
        }),
        // The map, now and then only the overdue, and why the contact's balance is what it is.
        map: Some(rapport::analysis::MapQuery { overdue_only: who % 3 == 1, ..Default::default() }),
        why: who.is_multiple_of(2),
        // Every list built by the refresh (the window leaves a busy contact's to a job).
        lists_off_thread: false,
    }
}

/// The first difference between what `got` and `want` give the views, if any.
fn difference(net: &Network, got: &Derived, want: &Derived, wants: &Wants) -> Option<String> {
    let check = |what: &str, same: bool| (!same).then(|| what.to_owned());
    let largest = net.exchanges.iter().map(|e| e.id).max().unwrap_or(0);
    let largest_touch = net.touches.iter().map(|t| t.id).max().unwrap_or(0);
    check("next exchange id", got.next_exchange_id(net, got.revision()) > largest)
        .or_else(|| check("next check-in id", got.next_touch_id(net, got.revision()) > largest_touch))
        .or_else(|| check("contact rows", got.contact_rows() == want.contact_rows()))
        .or_else(|| {
            let c = wants.contact?;
            check("ledger", got.ledger(c) == want.ledger(c))
                .or_else(|| check("contact promises", got.contact_promises(c) == want.contact_promises(c)))
                .or_else(|| check("timeline", got.timeline(c) == want.timeline(c)))
                .or_else(|| check("contact check-ins", got.contact_touches(c) == want.contact_touches(c)))
                .or_else(|| check("contributions", got.contributions(c) == want.contributions(c)))
        })
        .or_else(|| {
            let query = wants.map.as_ref()?;
            check("map layout", got.map_layout() == want.map_layout())
                .or_else(|| check("network map", got.network_map() == want.network_map()))
                .or_else(|| check("map view", got.map_view(query) == want.map_view(query)))
        })
        .or_else(|| {
            let e = wants.exchange.and_then(|id| rapport::model::find_by_id(&net.exchanges, id))?;
            check("month load", got.month_load(e.date) == want.month_load(e.date))
        })
        .or_else(|| check("vocabulary", got.vocabulary() == want.vocabulary()))
        .or_else(|| check("wins", got.wins() == want.wins()))
        .or_else(|| check("open promises", got.open_promises() == want.open_promises()))
        .or_else(|| {
            if !wants.agenda {
                return None;
            }
            let heard =
                |d: &Derived| net.contacts.iter().map(|c| d.last_heard(net, c.id)).collect::<Vec<_>>();
            check("agenda", got.agenda().is_some() && got.agenda() == want.agenda())
                .or_else(|| check("last heard", heard(got) == heard(want)))
        })
        .or_else(|| check("introductions", got.introduction_stages() == want.introduction_stages()))
        .or_else(|| check("pickable", got.pickable_contacts() == want.pickable_contacts()))
        .or_else(|| check("name labels", got.name_labels() == want.name_labels()))
        .or_else(|| {
            if !wants.gaps {
                return None;
            }
            let (g, w) = (got.gaps(), want.gaps());
            check("gaps", g.is_some() && g.map(|g| (g.matches, g.nudges)) == w.map(|w| (w.matches, w.nudges)))
        })
        .or_else(|| {
            let period = wants.report?;
            check("report", got.report(period).is_some() && got.report(period) == want.report(period))
        })
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
    /// Contact `.0` is made communal, or scored again.
    Communal(usize),
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
        (0..64usize).prop_map(Op::Communal),
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
        Op::LogExchange(i) => {
            log_exchange(new_exchange(Network::next_id(&net.exchanges), contact(*i)?, AS_OF), "Log").edit
        }
        Op::CheckIn(i) => {
            // Now and then with what was heard: the agenda recalls the latest.
            let heard = if i % 2 == 0 {
                Heard { working_on: format!("project {i}"), ..Heard::default() }
            } else {
                Heard::default()
            };
            log_check_in(net, contact(*i)?, AS_OF, Channel::Call, &heard).edit
        }
        Op::CompletePromise(i, record) => {
            let open: Vec<_> = net.commitments.iter().filter(|c| c.done.is_none()).collect();
            complete_promise(
                open.get(i % open.len().max(1))?,
                AS_OF,
                *record,
                Network::next_id(&net.exchanges),
            )
            .edit
        }
        Op::Thank(i) => {
            let unthanked: Vec<_> = net.exchanges.iter().filter(|e| !e.thanked).collect();
            mark_thanked(unthanked.get(i % unthanked.len().max(1))?).edit
        }
        Op::Archive(i) => {
            let c = net.contacts.get(i % net.contacts.len().max(1))?;
            Edit::Contacts(Change::Put(Contact { archived: !c.archived, ..c.clone() }))
        }
        Op::Communal(i) => {
            let c = net.contacts.get(i % net.contacts.len().max(1))?;
            Edit::Contacts(Change::Put(Contact { communal: !c.communal, ..c.clone() }))
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
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn what_derived_keeps_after_edits_equals_a_fresh_build(
        ops in prop::collection::vec(op(), 1..10),
        who in 0..64usize,
        order in prop::sample::select(vec![
            ContactOrder::Name,
            ContactOrder::LastTouch,
            ContactOrder::Overdue,
            ContactOrder::Band,
            ContactOrder::Share,
            ContactOrder::Mutual,
        ]),
    ) {
        let mut net = sample();
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

/// The snapshot's index of each contact's exchanges gives the ledger and the timeline
/// a full pass gives, same-day exchanges in the same order; and it is not offered
/// while an exchange is dated after the as-of date (it would be missing).
#[test]
fn the_index_gives_what_a_full_pass_gives() {
    use rapport::analysis::{Snapshot, TimelineSeries, contact_timeline, ledger_rows};
    let as_of = rapport::generate::HISTORY_END;
    let mut net = rapport::generate::generate(40, 6000, 3);
    // Many exchanges of one day, in an order unlike their ids.
    for (k, e) in net.exchanges.iter_mut().enumerate().take(200) {
        e.date = Date::constant(2025, 3, 1);
        e.id = 1_000_000 - k as u64;
    }
    let mut derived = Derived::default();
    derived.refresh(&net, 1, as_of, &Wants::default(), None);
    for contact in net.contacts.iter().map(|c| c.id) {
        let known = derived.snapshot().exchanges_of(contact).expect("nothing dated after the as-of date");
        assert_eq!(
            ledger_rows(&net, contact, Some(known)),
            ledger_rows(&net, contact, None),
            "ledger of {contact}"
        );
        let indexed = TimelineSeries::compute(&net, contact, as_of, Some(known));
        assert_eq!(indexed.timeline, contact_timeline(&net, contact, as_of), "timeline of {contact}");
    }
    // An exchange dated after the as-of date, followed as an edit: no index offered.
    let mut later = net.exchanges[0].clone();
    later.id = 2_000_000;
    later.date = Date::constant(2026, 12, 1);
    let mut touched = Touched::default();
    let _undo = Edit::Exchanges(Change::Add(later)).apply_tracked(&mut net, &mut touched);
    let mut snapshot = Snapshot::compute(&net, as_of);
    assert!(snapshot.exchanges_of(1).is_none(), "a plain compute keeps no index");
    derived.refresh(&net, 2, as_of, &Wants::default(), Some((1, &touched)));
    assert!(derived.snapshot().exchanges_of(1).is_none(), "one exchange is dated later");
    snapshot.update(&net, &Touched { everything: true, ..Touched::default() });
    assert!(snapshot.exchanges_of(1).is_none(), "still one dated later");
}

/// Nudges follow edits one contact at a time and agree with a fresh build: a contact
/// you gave to for months stops being suggested once they have given back a lot.
#[test]
fn nudges_follow_edits_of_one_contact() {
    let as_of = rapport::generate::HISTORY_END;
    let mut net = rapport::generate::generate(60, 20_000, 11);
    let wants = Wants { gaps: true, ..Wants::default() };
    let mut derived = Derived::default();
    derived.refresh(&net, 0, as_of, &wants, None);
    let nudged: Vec<_> = derived.gaps().expect("built").nudges.iter().map(|n| n.contact).collect();
    let Some(&who) = nudged.first() else { panic!("the generated network has someone to ask") };
    let mut revision = 0;
    for k in 0..40 {
        let mut exchange = new_exchange(derived.next_exchange_id(&net, revision), who, as_of);
        exchange.direction = rapport::model::Direction::Received;
        exchange.value = 5;
        exchange.date = as_of.saturating_sub(jiff::Span::new().days(k * 2));
        let mut touched = Touched::default();
        let _undo = log_exchange(exchange, "Log exchange").edit.apply_tracked(&mut net, &mut touched);
        revision += 1;
        derived.refresh(&net, revision, as_of, &wants, Some((revision - 1, &touched)));
    }
    let mut fresh = Derived::default();
    fresh.refresh(&net, revision, as_of, &wants, None);
    let (got, want) = (derived.gaps().expect("followed"), fresh.gaps().expect("built"));
    assert_eq!(got.nudges, want.nudges);
    assert!(!got.nudges.iter().any(|n| n.contact == who), "{who} gave back: no nudge");
    assert_eq!(got.nudges.len(), nudged.len() - 1, "the others are still suggested");
}

/// What an open builds on its thread is what each page would build on its first frame.
#[test]
fn a_warm_start_holds_what_every_page_reads() {
    let net = sample();
    let warm = Derived::warm(&net, AS_OF);
    let period = rapport::interop::Period::last_full_quarter(AS_OF);
    let wants = Wants::every_page(AS_OF);
    assert_eq!(wants.report, Some(period));
    assert!(!warm.is_behind(0, AS_OF, &wants), "nothing left to build for revision 0");
    let mut fresh = Derived::default();
    fresh.refresh(&net, 0, AS_OF, &wants, None);
    assert_eq!(difference(&net, &warm, &fresh, &wants), None);
    assert!(warm.report(period).is_some() && warm.gaps().is_some() && warm.introduction_stages().is_some());
}
