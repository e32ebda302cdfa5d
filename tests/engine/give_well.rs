//! Giving well: the consent state machine, making introductions, matching needs
//! with offers, promises, boundaries and the receive-side nudges.

use jiff::civil::Date;
use rapport::analysis::{ask_nudges, capacity_for_month, days, limits_touched, value_gaps};
use rapport::model::complete_promise;
use rapport::model::{
    Change, Commitment, Consent, ConsentStep, Contact, Direction, Edit, Exchange, Introduction, Kind, Need,
    Network, Side, Stage, make_introduction, step_consent,
};

const D: Date = Date::constant(2026, 3, 2);
const EARLIER: Date = Date::constant(2026, 2, 20);

fn contact(id: u64, name: &str) -> Contact {
    Contact::new(id, name, Date::constant(2024, 1, 1))
}

fn intro(a: Consent, b: Consent) -> Introduction {
    Introduction {
        id: 1,
        date: EARLIER,
        a: 1,
        b: 2,
        why: "Both build compilers".into(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: a,
        consent_b: b,
        made: None,
        outcome: String::new(),
    }
}

fn network_with(intro: Introduction) -> Network {
    Network {
        contacts: vec![contact(1, "Ada"), contact(2, "Brook")],
        introductions: vec![intro],
        ..Network::default()
    }
}

#[test]
fn consent_transitions_that_are_allowed() {
    use Consent::*;
    use ConsentStep::*;
    assert_eq!(NotAsked.step(Ask, D, "Ada"), Ok(Asked(D)));
    assert_eq!(Declined(EARLIER).step(Ask, D, "Ada"), Ok(Asked(D)), "asking again after a no");
    assert_eq!(Asked(EARLIER).step(Grant, D, "Ada"), Ok(Granted(D)));
    assert_eq!(Asked(EARLIER).step(Decline, D, "Ada"), Ok(Declined(D)));
    assert_eq!(Granted(EARLIER).step(Decline, D, "Ada"), Ok(Declined(D)), "consent can be withdrawn");
}

#[test]
fn consent_transitions_that_are_refused_say_why() {
    use Consent::*;
    use ConsentStep::*;
    let refusal = |from: Consent, step| from.step(step, D, "Ada").expect_err("refused");
    assert_eq!(refusal(Asked(EARLIER), Ask), "You already asked Ada on 2026-02-20.");
    assert_eq!(refusal(Granted(EARLIER), Ask), "Ada already agreed on 2026-02-20.");
    assert_eq!(
        refusal(NotAsked, Grant),
        "Ask Ada first: agreement only counts as an answer to a clear request with the context."
    );
    assert_eq!(refusal(Granted(EARLIER), Grant), "Ada already agreed on 2026-02-20.");
    assert_eq!(
        refusal(Declined(EARLIER), Grant),
        "Ada declined on 2026-02-20. Ask again first if things have changed."
    );
    assert_eq!(refusal(NotAsked, Decline), "Ada has not been asked yet.");
    assert_eq!(refusal(Declined(EARLIER), Decline), "Ada already declined on 2026-02-20.");
}

#[test]
fn stages_follow_consent() {
    use Consent::*;
    assert_eq!(intro(NotAsked, NotAsked).stage(), Stage::Draft);
    assert_eq!(intro(Asked(D), NotAsked).stage(), Stage::AwaitingConsent);
    assert_eq!(intro(Granted(D), Asked(D)).stage(), Stage::AwaitingConsent);
    assert_eq!(intro(Granted(D), Granted(D)).stage(), Stage::Ready);
    assert_eq!(intro(Granted(D), Declined(D)).stage(), Stage::Declined);
    assert_eq!(Introduction { made: Some(D), ..intro(Granted(D), Granted(D)) }.stage(), Stage::Made);
}

#[test]
fn stepping_consent_is_an_edit_of_that_side_only() {
    let network = network_with(intro(Consent::NotAsked, Consent::NotAsked));
    let edit =
        step_consent(&network, &network.introductions[0], Side::B, ConsentStep::Ask, D).expect("allowed");
    let mut after = network.clone();
    edit.apply(&mut after);
    assert_eq!(
        (after.introductions[0].consent_a, after.introductions[0].consent_b),
        (Consent::NotAsked, Consent::Asked(D))
    );
}

#[test]
fn making_requires_both_consents_and_names_who_is_missing() {
    let network = network_with(intro(Consent::Granted(EARLIER), Consent::Asked(EARLIER)));
    let why =
        make_introduction(&network, &network.introductions[0], D, 4, 3, Network::next_id(&network.exchanges))
            .expect_err("refused");
    assert!(why.starts_with("Waiting for Brook (asked 2026-02-20) to agree."), "{why}");
    assert!(why.contains("trust"), "says why it matters: {why}");
}

#[test]
fn a_made_introduction_records_both_exchanges_and_undoes_as_one_step() {
    let network = network_with(intro(Consent::Granted(EARLIER), Consent::Granted(EARLIER)));
    let edit =
        make_introduction(&network, &network.introductions[0], D, 4, 2, Network::next_id(&network.exchanges))
            .expect("both agreed");
    let mut after = network.clone();
    let undo = edit.apply(&mut after);
    assert_eq!(after.introductions[0].made, Some(D));
    let made: Vec<_> =
        after.exchanges.iter().map(|e| (e.contact, e.direction, e.kind, e.value, e.date)).collect();
    assert_eq!(
        made,
        vec![(1, Direction::Gave, Kind::Introduction, 4, D), (2, Direction::Gave, Kind::Introduction, 2, D)]
    );
    assert!(rapport::model::validate(&after).is_empty());
    undo.apply(&mut after);
    assert_eq!(after, network, "one undo restores everything");
    let again = make_introduction(
        &network_with(Introduction { made: Some(D), ..intro(Consent::Granted(D), Consent::Granted(D)) }),
        &Introduction { made: Some(D), ..intro(Consent::Granted(D), Consent::Granted(D)) },
        D,
        3,
        3,
        1,
    );
    assert_eq!(again.expect_err("refused"), "This introduction was already made on 2026-03-02.");
}

fn need(topic: &str, since: Date) -> Need {
    Need { topic: topic.into(), note: String::new(), since, resolved: false }
}

#[test]
fn matching_ignores_case_and_spaces_and_skips_archived_and_introduced_pairs() {
    let mut network = Network::default();
    network.profile.offers = vec!["Portfolio Review".into()];
    let mut seeker = contact(1, "Seeker");
    seeker.needs = vec![need("  hiring ", EARLIER), need("portfolio  review", D), need("taxes", D)];
    let mut recruiter = contact(2, "Recruiter");
    recruiter.offers = vec!["Hiring".into()];
    let mut archived = contact(3, "Archived");
    archived.offers = vec!["hiring".into()];
    archived.archived = true;
    let mut introduced = contact(4, "Already introduced");
    introduced.offers = vec!["HIRING".into()];
    network.contacts = vec![seeker, recruiter, archived, introduced];
    network.introductions = vec![Introduction { a: 4, b: 1, ..intro(Consent::NotAsked, Consent::NotAsked) }];

    let gaps = value_gaps(&network, D);
    let found: Vec<_> =
        gaps.iter().map(|m| (m.contact, m.topic.as_str(), m.you_can_help, m.introducers.clone())).collect();
    // Freshest need first; "taxes" matches nobody.
    assert_eq!(found, vec![(1, "portfolio  review", true, vec![]), (1, "hiring", false, vec![2])]);

    // A recruiter stretched until after the day is not asked to give.
    network.contacts[1].busy_until = Some(Date::constant(2026, 4, 1));
    let gaps = value_gaps(&network, D);
    assert!(gaps.iter().all(|m| m.introducers.is_empty()), "{gaps:?}");
    assert!(value_gaps(&network, Date::constant(2026, 4, 1)).iter().any(|m| m.introducers == [2]));
}

#[test]
fn matching_reads_the_priorities_heard_at_the_latest_check_in() {
    let mut network = Network::default();
    let mut founder = contact(1, "Founder");
    founder.needs = vec![need("hiring", EARLIER)];
    let mut investor = contact(2, "Investor");
    investor.offers = vec!["Fundraising".into(), "hiring".into()];
    network.contacts = vec![founder, investor];
    let heard = |id, date, priorities: &str| rapport::model::Touch {
        id,
        contact: 1,
        date,
        channel: rapport::model::Channel::Call,
        working_on: String::new(),
        priorities: priorities.into(),
        constraints: String::new(),
        notes: String::new(),
    };
    network.touches = vec![
        heard(1, EARLIER, "a board seat"),
        // The latest says: the need already listed counts once; a new topic is matched.
        heard(2, D, "Fundraising; hiring"),
        // After the day: not heard yet.
        heard(3, Date::constant(2026, 5, 1), "legal"),
    ];
    let gaps = value_gaps(&network, D);
    let found: Vec<_> =
        gaps.iter().map(|m| (m.topic.as_str(), m.need, m.since, m.introducers.clone())).collect();
    assert_eq!(found, vec![("Fundraising", None, D, vec![2]), ("hiring", Some(0), EARLIER, vec![2])]);
}

#[test]
fn completing_a_promise_can_record_its_exchange_in_the_same_step() {
    let mut network = network_with(intro(Consent::NotAsked, Consent::NotAsked));
    let promise = Commitment {
        id: 1,
        contact: 1,
        made: EARLIER,
        due: Some(D),
        direction: Direction::Gave,
        hours: 2.5,
        summary: "Draft job post".into(),
        done: None,
    };
    network.commitments = vec![promise.clone()];
    let before = network.clone();
    let undo =
        complete_promise(&promise, D, true, Network::next_id(&network.exchanges)).edit.apply(&mut network);
    assert_eq!(network.commitments[0].done, Some(D));
    let e = &network.exchanges[0];
    assert_eq!(
        (e.contact, e.direction, e.hours, e.summary.as_str(), e.date),
        (1, Direction::Gave, 2.5, "Draft job post", D)
    );
    undo.apply(&mut network);
    assert_eq!(network, before);

    complete_promise(&promise, D, false, Network::next_id(&before.exchanges)).edit.apply(&mut network);
    assert_eq!((network.commitments[0].done, network.exchanges.len()), (Some(D), 0));
}

fn gave(id: u64, contact: u64, date: Date, hours: f64, summary: &str) -> Exchange {
    Exchange {
        id,
        contact,
        date,
        direction: Direction::Gave,
        kind: Kind::Time,
        hours,
        value: 3,
        summary: summary.into(),
        outcome: String::new(),
        thanked: false,
    }
}

#[test]
fn gifts_that_touch_a_limit_are_named() {
    let mut network = Network::default();
    network.profile.limits = vec!["no weekend calls".into(), "no board seats".into()];
    // 2026-02-28 is a Saturday.
    let saturday = gave(1, 1, Date::constant(2026, 2, 28), 1.0, "Quick catch-up");
    assert_eq!(limits_touched(&network.profile, &saturday), vec!["no weekend calls"]);
    let board = gave(2, 1, D, 1.0, "Joined their advisory board");
    assert_eq!(limits_touched(&network.profile, &board), vec!["no board seats"]);
    let fine = gave(3, 1, D, 1.0, "Reviewed a deck");
    assert!(limits_touched(&network.profile, &fine).is_empty());
    let received = Exchange { direction: Direction::Received, ..board };
    assert!(limits_touched(&network.profile, &received).is_empty(), "only what you give");
}

#[test]
fn capacity_of_a_month_counts_gifts_and_open_promises() {
    let mut network = network_with(intro(Consent::NotAsked, Consent::NotAsked));
    network.profile.capacity_hours_per_month = 4.0;
    network.exchanges = vec![gave(1, 1, D, 3.0, ""), gave(2, 1, Date::constant(2026, 4, 1), 9.0, "")];
    network.commitments = vec![Commitment {
        id: 1,
        contact: 1,
        made: D,
        due: None,
        direction: Direction::Gave,
        hours: 1.5,
        summary: String::new(),
        done: None,
    }];
    // March: 3.0 h given + 1.5 h promised (no due date: the month made) = 4.5 h > 4.0 h.
    let march = capacity_for_month(&network, D, days::month_index(D));
    assert_eq!((march.hours, march.capacity, march.ratio), (4.5, 4.0, Some(1.125)));
    assert!(march.is_over_budget());
}

#[test]
fn nudges_suggest_asks_after_ninety_days_of_giving() {
    let mut network = Network::default();
    network.profile.seeking = vec!["Fundraising".into()];
    let mut long = contact(1, "Long giving");
    long.offers = vec!["design".into(), " fundraising".into()];
    let mut recent = contact(2, "Recent giving");
    recent.offers = vec!["design".into()];
    network.contacts = vec![long, recent];
    let as_of = Date::constant(2026, 6, 30);
    // Contact 1: value 5 given every 10 days for 200 days; contact 2 only in the last 30 days.
    let mut id = 0;
    for k in 0..20 {
        id += 1;
        let date = as_of.saturating_sub(jiff::Span::new().days(10 * k));
        network.exchanges.push(Exchange { value: 5, ..gave(id, 1, date, 1.0, "") });
    }
    for k in 0..3 {
        id += 1;
        let date = as_of.saturating_sub(jiff::Span::new().days(10 * k));
        network.exchanges.push(Exchange { value: 5, ..gave(id, 2, date, 1.0, "") });
    }
    let nudges = ask_nudges(&network, as_of);
    assert_eq!(nudges.len(), 1, "{nudges:?}");
    assert_eq!(nudges[0].contact, 1);
    assert_eq!(
        nudges[0].suggestions,
        vec!["fundraising".to_owned(), "design".to_owned()],
        "what you seek first"
    );
    // Stretched: not a time to ask them for anything.
    network.contacts[0].busy_until = Some(Date::constant(2026, 7, 15));
    assert!(ask_nudges(&network, as_of).is_empty());
}

#[test]
fn an_edit_of_a_promise_is_undoable() {
    let mut network = network_with(intro(Consent::NotAsked, Consent::NotAsked));
    let promise = Commitment {
        id: 1,
        contact: 2,
        made: D,
        due: None,
        direction: Direction::Received,
        hours: 0.0,
        summary: "Send the deck".into(),
        done: None,
    };
    let undo = Edit::Commitments(Change::Put(promise)).apply(&mut network);
    assert_eq!(network.commitments.len(), 1);
    undo.apply(&mut network);
    assert!(network.commitments.is_empty());
}
