//! `Snapshot::update` after tracked edits gives what `Snapshot::compute` gives: a
//! hand-checked case, and random sequences of edits and their undos.

use jiff::ToSpan;
use jiff::civil::Date;
use proptest::prelude::*;
use rapport::analysis::{CapacityMonth, FatigueReason, Snapshot, days};
use rapport::model::{
    Change, Channel, Commitment, Contact, Direction, Edit, Exchange, Introduction, Kind, Network, Touch,
    Touched,
};

use crate::network_strategy;

const AS_OF: Date = Date::constant(2025, 7, 1);

fn close(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (a, b) => a.is_none() && b.is_none(),
    }
}

fn same_month(a: &CapacityMonth, b: &CapacityMonth) -> bool {
    a.month == b.month
        && close(a.gave_hours, b.gave_hours)
        && close(a.promised_hours, b.promised_hours)
        && close(a.hours, b.hours)
        && close(a.capacity, b.capacity)
        && close_opt(a.ratio, b.ratio)
}

/// Field by field, floats within 1e-9 relative; the first difference, if any.
fn difference(got: &Snapshot, want: &Snapshot) -> Option<String> {
    let fail = |what: &str| {
        let short = |s: &Snapshot| {
            format!(
                "contacts {:?}\n flow {:?}\n capacity {:?}\n share {:?}\n fatigue {:?}\n unthanked {:?}",
                s.contacts, s.flow, s.capacity, s.giving_share, s.fatigue, s.unthanked
            )
        };
        Some(format!("{what}:\n got  {}\n want {}", short(got), short(want)))
    };
    if got.as_of != want.as_of || got.contacts.len() != want.contacts.len() {
        return fail("as_of or contacts");
    }
    for (g, w) in got.contacts.iter().zip(&want.contacts) {
        let same = g.id == w.id
            && close(g.given, w.given)
            && close(g.received, w.received)
            && close_opt(g.share, w.share)
            && g.band == w.band
            && (g.last_touch, g.due, g.overdue_days, g.cadence_days)
                == (w.last_touch, w.due, w.overdue_days, w.cadence_days);
        if !same {
            return fail(&format!("contact {}", w.id));
        }
        if got.stats(w.id).map(|s| s.id) != Some(w.id) {
            return fail("stats lookup");
        }
    }
    let flow_same = got.flow.len() == want.flow.len()
        && got.flow.iter().zip(&want.flow).all(|(g, w)| {
            g.month == w.month
                && [(g.given, w.given), (g.received, w.received)]
                    .iter()
                    .all(|(g, w)| g.count == w.count && close(g.value, w.value) && close(g.hours, w.hours))
        });
    if !flow_same {
        return fail("flow");
    }
    let capacity_same = got.capacity.len() == want.capacity.len()
        && got.capacity.iter().zip(&want.capacity).all(|(g, w)| same_month(g, w))
        && same_month(&got.current.month, &want.current.month)
        && got.current.promises == want.current.promises;
    if !capacity_same {
        return fail("capacity");
    }
    let (gs, ws) = (&got.giving_share, &want.giving_share);
    let share_same = gs.daily.len() == ws.daily.len()
        && gs.daily.iter().zip(&ws.daily).all(|(g, w)| close_opt(*g, *w))
        && close_opt(gs.current, ws.current)
        && close_opt(gs.lowest, ws.lowest)
        && gs.days_above == ws.days_above;
    if !share_same {
        return fail("giving share");
    }
    let reasons = |s: &Snapshot| s.fatigue.as_ref().map(|f| f.reasons.clone()).unwrap_or_default();
    let (gr, wr) = (reasons(got), reasons(want));
    let fatigue_same = gr.len() == wr.len()
        && gr.iter().zip(&wr).all(|pair| match pair {
            (
                FatigueReason::OverBudget { earlier: ge, later: gl },
                FatigueReason::OverBudget { earlier: we, later: wl },
            ) => same_month(ge, we) && same_month(gl, wl),
            (
                FatigueReason::MostlyGiving { days: gd, lowest_share: gl, current_share: gc },
                FatigueReason::MostlyGiving { days: wd, lowest_share: wl, current_share: wc },
            ) => gd == wd && close(*gl, *wl) && close(*gc, *wc),
            _ => false,
        });
    if !fatigue_same {
        return fail("fatigue");
    }
    let check_ins_same = got.check_ins.len() == want.check_ins.len()
        && got.check_ins.iter().zip(&want.check_ins).all(|(g, w)| {
            (g.id, g.overdue_days, g.cadence_days, g.band) == (w.id, w.overdue_days, w.cadence_days, w.band)
                && close(g.urgency, w.urgency)
        });
    let imbalances_same =
        got.imbalances.len() == want.imbalances.len()
            && got.imbalances.iter().zip(&want.imbalances).all(|(g, w)| {
                (g.id, g.band) == (w.id, w.band) && close(g.share, w.share) && close(g.gap, w.gap)
            });
    if !check_ins_same || !imbalances_same {
        return fail("check-ins or imbalances");
    }
    if got.unthanked != want.unthanked {
        return fail("unthanked");
    }
    None
}

fn exchange(id: u64, contact: u64, date: Date, direction: Direction, value: u8, hours: f64) -> Exchange {
    Exchange {
        id,
        contact,
        date,
        direction,
        kind: Kind::Feedback,
        hours,
        value,
        summary: String::new(),
        outcome: String::new(),
        thanked: false,
    }
}

/// Applies `edit` tracked, updates `snapshot`, and checks it against a full compute.
fn apply_and_check(net: &mut Network, snapshot: &mut Snapshot, edit: Edit) -> Edit {
    let mut touched = Touched::default();
    let inverse = edit.apply_tracked(net, &mut touched);
    snapshot.update(net, &touched);
    let want = Snapshot::compute(net, AS_OF);
    if let Some(diff) = difference(snapshot, &want) {
        panic!("after {touched:?}: {diff}");
    }
    inverse
}

#[test]
fn update_follows_a_logged_exchange_by_hand() {
    let date = |text: &str| -> Date { text.parse().expect("a date") };
    let mut net = Network {
        contacts: vec![Contact::new(1, "Ann", date("2024-01-01")), Contact::new(2, "Bo", date("2024-01-01"))],
        exchanges: vec![
            exchange(1, 1, date("2025-06-01"), Direction::Gave, 4, 2.0),
            exchange(2, 2, date("2025-05-01"), Direction::Received, 2, 1.0),
        ],
        ..Network::default()
    };
    let mut snapshot = Snapshot::compute(&net, AS_OF);
    // Bo helps on 2025-07-01 (value 3, 1.5 h), not yet thanked.
    let logged = exchange(3, 2, AS_OF, Direction::Received, 3, 1.5);
    let mut touched = Touched::default();
    let undo = Edit::Exchanges(Change::Put(logged)).apply_tracked(&mut net, &mut touched);
    assert_eq!(touched.contacts.iter().copied().collect::<Vec<_>>(), vec![2]);
    snapshot.update(&net, &touched);
    // Bo: received 2 × 0.5^(61/180) + 3 (dated on the as-of date).
    let bo = snapshot.stats(2).expect("Bo");
    assert!((bo.received - (2.0 * 0.5_f64.powf(61.0 / 180.0) + 3.0)).abs() < 1e-12, "{}", bo.received);
    assert_eq!(bo.last_touch, AS_OF);
    // July: one exchange received, value 3, 1.5 h; unthanked: 3 (index 2), then 2 (index 1).
    let july = snapshot.flow.last().expect("a month");
    assert_eq!((days::month_start(july.month), july.received.count, july.received.hours), (AS_OF, 1, 1.5));
    let unthanked: Vec<(usize, u64)> = snapshot.unthanked.iter().map(|r| (r.index, r.id)).collect();
    assert_eq!(unthanked, vec![(2, 3), (1, 2)]);
    assert_eq!(difference(&snapshot, &Snapshot::compute(&net, AS_OF)), None);

    // Undo (the history applies the inverse tracked, too): back to the first numbers.
    let mut touched = Touched::default();
    undo.apply_tracked(&mut net, &mut touched);
    snapshot.update(&net, &touched);
    assert_eq!(snapshot.flow.last().map(|m| days::month_start(m.month)), Some(date("2025-06-01")));
    assert_eq!(snapshot.unthanked.iter().map(|r| r.id).collect::<Vec<_>>(), vec![2]);
    assert_eq!(difference(&snapshot, &Snapshot::compute(&net, AS_OF)), None);

    // Removing the first exchange moves exchange 2 to index 0.
    let mut touched = Touched::default();
    Edit::Exchanges(Change::Remove(vec![1])).apply_tracked(&mut net, &mut touched);
    snapshot.update(&net, &touched);
    let unthanked: Vec<(usize, u64)> = snapshot.unthanked.iter().map(|r| (r.index, r.id)).collect();
    assert_eq!(unthanked, vec![(0, 2)]);
    assert_eq!(snapshot.stats(1).map(|s| s.given), Some(0.0));
    assert_eq!(difference(&snapshot, &Snapshot::compute(&net, AS_OF)), None);
}

/// An edit, with numbers that pick records of the network when it is applied.
#[derive(Clone, Debug)]
enum Op {
    PutExchange { pick: usize, replace: bool, who: usize, record: Exchange },
    RemoveExchanges(Vec<usize>),
    PutTouch { who: usize, record: Touch },
    RemoveTouch(usize),
    PutCommitment { pick: usize, replace: bool, who: usize, record: Commitment },
    RemoveCommitment(usize),
    PutIntroduction { a: usize, b: usize, record: Introduction },
    PutContact { pick: usize, replace: bool, record: Contact },
    RemoveContact(usize),
    Profile(f64),
    Undo,
    Batch(Vec<Op>),
}

/// A date near the as-of date (so the share window sees it) or anywhere.
fn a_date() -> impl Strategy<Value = Date> {
    prop_oneof![
        2 => (-200_i32..20).prop_map(|d| AS_OF.checked_add(d.days()).expect("in range")),
        1 => network_strategy::a_date(),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let exchange = (network_strategy::exchange(), a_date(), 0.0_f64..20.0, any::<bool>())
        .prop_map(|(e, date, hours, odd)| Exchange { date, hours: if odd { e.hours } else { hours }, ..e });
    let leaf = prop_oneof![
        6 => (any::<usize>(), any::<bool>(), any::<usize>(), exchange)
            .prop_map(|(pick, replace, who, record)| Op::PutExchange { pick, replace, who, record }),
        3 => prop::collection::vec(any::<usize>(), 1..3).prop_map(Op::RemoveExchanges),
        2 => (any::<usize>(), network_strategy::touch(), a_date())
            .prop_map(|(who, t, date)| Op::PutTouch { who, record: Touch { date, ..t } }),
        1 => any::<usize>().prop_map(Op::RemoveTouch),
        2 => (any::<usize>(), any::<bool>(), any::<usize>(), network_strategy::commitment(), a_date())
            .prop_map(|(pick, replace, who, c, made)| Op::PutCommitment { pick, replace, who, record: Commitment { made, ..c } }),
        1 => any::<usize>().prop_map(Op::RemoveCommitment),
        1 => (any::<usize>(), any::<usize>(), network_strategy::introduction(), prop::option::of(a_date()))
            .prop_map(|(a, b, i, made)| Op::PutIntroduction { a, b, record: Introduction { made, ..i } }),
        2 => (any::<usize>(), any::<bool>(), network_strategy::contact())
            .prop_map(|(pick, replace, record)| Op::PutContact { pick, replace, record }),
        1 => any::<usize>().prop_map(Op::RemoveContact),
        1 => (1.0_f64..400.0).prop_map(Op::Profile),
        4 => Just(Op::Undo),
    ];
    leaf.prop_recursive(1, 6, 3, |inner| prop::collection::vec(inner, 2..4).prop_map(Op::Batch))
}

/// The id of a contact of the network picked by `who` (or a contact that is none).
fn contact_id(net: &Network, who: usize) -> u64 {
    match net.contacts.len() {
        0 => 7,
        n if who.is_multiple_of(8) => net.contacts[who / 8 % n].id + 1000,
        n => net.contacts[who % n].id,
    }
}

/// The id a put takes: an existing record's (a replacement) or a new one.
fn record_id<T: rapport::model::Record>(list: &[T], pick: usize, replace: bool) -> u64 {
    if replace && !list.is_empty() { list[pick % list.len()].id() } else { Network::next_id(list) }
}

/// The edit `op` stands for on `net`; `None` for an undo with nothing to undo.
fn edit_of(net: &Network, op: Op, undo: &mut Vec<Edit>) -> Option<Edit> {
    let pick = |n: usize, i: usize| (n > 0).then(|| i % n);
    Some(match op {
        Op::PutExchange { pick: p, replace, who, record } => Edit::Exchanges(Change::Put(Exchange {
            id: record_id(&net.exchanges, p, replace),
            contact: contact_id(net, who),
            ..record
        })),
        Op::RemoveExchanges(picks) => Edit::Exchanges(Change::Remove(
            picks.iter().filter_map(|&i| Some(net.exchanges[pick(net.exchanges.len(), i)?].id)).collect(),
        )),
        Op::PutTouch { who, record } => Edit::Touches(Change::Put(Touch {
            id: Network::next_id(&net.touches),
            contact: contact_id(net, who),
            ..record
        })),
        Op::RemoveTouch(i) => Edit::Touches(Change::Remove(
            pick(net.touches.len(), i).map(|i| net.touches[i].id).into_iter().collect(),
        )),
        Op::PutCommitment { pick: p, replace, who, record } => Edit::Commitments(Change::Put(Commitment {
            id: record_id(&net.commitments, p, replace),
            contact: contact_id(net, who),
            ..record
        })),
        Op::RemoveCommitment(i) => Edit::Commitments(Change::Remove(
            pick(net.commitments.len(), i).map(|i| net.commitments[i].id).into_iter().collect(),
        )),
        Op::PutIntroduction { a, b, record } => Edit::Introductions(Change::Put(Introduction {
            id: Network::next_id(&net.introductions),
            a: contact_id(net, a),
            b: contact_id(net, b),
            ..record
        })),
        Op::PutContact { pick: p, replace, record } => {
            Edit::Contacts(Change::Put(Contact { id: record_id(&net.contacts, p, replace), ..record }))
        }
        Op::RemoveContact(i) => match pick(net.contacts.len(), i) {
            Some(i) => Edit::remove_contact(net, net.contacts[i].id),
            None => Edit::Contacts(Change::Remove(vec![1])),
        },
        Op::Profile(half_life) => Edit::Profile(Box::new(rapport::model::Profile {
            half_life_days: half_life,
            ..net.profile.clone()
        })),
        Op::Undo => undo.pop()?,
        Op::Batch(ops) => {
            // Each edit of a batch is made against the network as it is now.
            let mut scratch = net.clone();
            let mut edits = Vec::new();
            for op in ops {
                if let Some(edit) = edit_of(&scratch, op, &mut Vec::new()) {
                    edit.clone().apply(&mut scratch);
                    edits.push(edit);
                }
            }
            Edit::Batch(edits)
        }
    })
}

/// A start network: the shared strategy's, with some exchanges of its own contacts
/// near the as-of date.
fn start() -> impl Strategy<Value = Network> {
    let extra =
        prop::collection::vec((any::<usize>(), network_strategy::exchange(), a_date(), 0.0_f64..10.0), 0..12);
    (network_strategy::network(), extra, 1.0_f64..400.0).prop_map(|(mut net, extra, half_life)| {
        net.profile.half_life_days = half_life;
        net.profile.capacity_hours_per_month = 10.0;
        for (who, e, date, hours) in extra {
            let id = Network::next_id(&net.exchanges);
            let contact = contact_id(&net, who);
            net.exchanges.push(Exchange { id, contact, date, hours, ..e });
        }
        net
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn update_equals_compute_after_every_edit(mut net in start(), ops in prop::collection::vec(op(), 1..12)) {
        let mut snapshot = Snapshot::compute(&net, AS_OF);
        let mut undo: Vec<Edit> = Vec::new();
        for op in ops {
            let Some(edit) = edit_of(&net, op, &mut undo) else { continue };
            let inverse = apply_and_check(&mut net, &mut snapshot, edit);
            undo.push(inverse);
        }
        // Undo everything, checking each step.
        while let Some(edit) = undo.pop() {
            apply_and_check(&mut net, &mut snapshot, edit);
        }
    }
}

#[test]
fn a_channel_is_not_a_number() {
    // Touch fields that are not dates change no number, but still touch their contact.
    let mut net = Network { contacts: vec![Contact::new(1, "A", AS_OF)], ..Network::default() };
    let mut snapshot = Snapshot::compute(&net, AS_OF);
    let touch = Touch {
        id: 1,
        contact: 1,
        date: AS_OF,
        channel: Channel::Email,
        working_on: String::new(),
        priorities: String::new(),
        constraints: String::new(),
        notes: String::new(),
    };
    apply_and_check(&mut net, &mut snapshot, Edit::Touches(Change::Put(touch)));
    assert_eq!(snapshot.stats(1).map(|s| s.last_touch), Some(AS_OF));
}
