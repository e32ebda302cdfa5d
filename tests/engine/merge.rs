//! DESIGN's three-way merge (`rapport merge`): each of the five rules on hand-made
//! copies, the conflict lines, the command, and properties over random edits of a
//! generated network.

use std::collections::HashSet;
use std::process::Command;

use jiff::civil::date;
use proptest::prelude::*;
use rapport::analysis::merge::{ConflictKey, Flips, List, Merged, What, merge};
use rapport::model::{Contact, Exchange, Introduction, Lesson, Network, validate};

fn contact(id: u64, name: &str) -> Contact {
    Contact::new(id, name, date(2025, 1, 1))
}

fn exchange(id: u64, contact: u64, summary: &str) -> Exchange {
    let mut e = rapport::model::new_exchange(id, contact, date(2025, 3, 1));
    e.summary = summary.to_owned();
    e
}

fn base() -> Network {
    let mut n = Network::default();
    n.profile.name = "Me".to_owned();
    n.contacts = vec![contact(1, "Ann"), contact(2, "Bo"), contact(3, "Cy")];
    n.exchanges = vec![exchange(1, 1, "coffee"), exchange(2, 2, "intro"), exchange(3, 3, "review")];
    n.playbook = vec![Lesson { date: date(2025, 1, 2), lesson: "Ask early".to_owned() }];
    n
}

fn lines(merged: &Merged) -> Vec<String> {
    merged.conflicts.iter().flat_map(|c| c.lines()).collect()
}

#[test]
fn rule_1_one_side_unchanged_takes_the_other_and_the_same_change_is_kept_once() {
    let b = base();
    let mut m = b.clone();
    m.contacts[0].notes = "met at the fair".to_owned();
    m.exchanges.retain(|e| e.id != 3);
    let mut t = b.clone();
    t.contacts[1].organization = "Acme".to_owned();
    t.contacts[0].notes = "met at the fair".to_owned();
    let merged = merge(&b, &m, &t, &Flips::new());
    assert!(merged.conflicts.is_empty(), "{:?}", lines(&merged));
    let n = &merged.network;
    assert_eq!(n.contacts[0].notes, "met at the fair");
    assert_eq!(n.contacts[1].organization, "Acme");
    assert_eq!(n.exchanges.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 2], "mine deleted exchange 3");
}

#[test]
fn rule_2_the_same_id_added_on_both_sides_moves_theirs_and_its_references_follow() {
    let b = base();
    let mut m = b.clone();
    m.contacts.push(contact(4, "Dee (mine)"));
    m.exchanges.push(exchange(4, 4, "mine's"));
    let mut t = b.clone();
    t.contacts.push(contact(4, "Eve (theirs)"));
    t.contacts.push(contact(5, "Fay (theirs)"));
    t.exchanges.push(exchange(4, 4, "theirs' for Eve"));
    t.exchanges.push(exchange(5, 5, "theirs' for Fay"));
    t.introductions.push(Introduction { id: 1, a: 4, b: 5, ..intro() });
    let merged = merge(&b, &m, &t, &Flips::new());
    let n = &merged.network;
    // Contacts: highest id in any copy is 5, so theirs' 4 becomes 6.
    let names: Vec<(u64, &str)> = n.contacts.iter().map(|c| (c.id, c.name.as_str())).collect();
    assert_eq!(
        names,
        [(1, "Ann"), (2, "Bo"), (3, "Cy"), (4, "Dee (mine)"), (5, "Fay (theirs)"), (6, "Eve (theirs)")]
    );
    // Exchanges: theirs' 4 (now naming contact 6) becomes 6; theirs' 5 keeps its id.
    let exchanges: Vec<(u64, u64, &str)> =
        n.exchanges.iter().map(|e| (e.id, e.contact, e.summary.as_str())).collect();
    assert_eq!(
        exchanges,
        [
            (1, 1, "coffee"),
            (2, 2, "intro"),
            (3, 3, "review"),
            (4, 4, "mine's"),
            (5, 5, "theirs' for Fay"),
            (6, 6, "theirs' for Eve")
        ]
    );
    assert_eq!((n.introductions[0].a, n.introductions[0].b), (6, 5), "the introduction follows Eve");
    assert_eq!(merged.renumbered, [(List::Contacts, 4, 6), (List::Exchanges, 4, 6)]);
    assert!(validate(n).is_empty());
}

fn intro() -> Introduction {
    Introduction {
        id: 1,
        date: date(2025, 2, 1),
        a: 1,
        b: 2,
        why: String::new(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: Default::default(),
        consent_b: Default::default(),
        made: None,
        outcome: String::new(),
    }
}

#[test]
fn rule_3_a_record_deleted_on_one_side_and_changed_on_the_other_stays() {
    let b = base();
    let mut m = b.clone();
    m.exchanges.retain(|e| e.id != 2);
    let mut t = b.clone();
    t.exchanges[1].summary = "intro to the board".to_owned();
    t.exchanges[1].hours = 2.5;
    let merged = merge(&b, &m, &t, &Flips::new());
    assert_eq!(merged.network.exchanges[1].summary, "intro to the board");
    assert_eq!(
        lines(&merged),
        [
            "conflict: exchanges 2 hours: kept the changed record",
            "conflict: exchanges 2 summary: kept the changed record"
        ]
    );
    let What::DeletedChanged { deleted_by, .. } = &merged.conflicts[0].what else {
        panic!("{:?}", merged.conflicts)
    };
    assert_eq!(*deleted_by, rapport::analysis::merge::Side::Mine);
    // Switched, the deletion wins.
    let flips: Flips = merged.conflicts.iter().map(|c| c.key()).collect();
    let switched = merge(&b, &m, &t, &flips);
    assert_eq!(switched.network.exchanges.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 3]);
    assert_eq!(
        lines(&switched),
        [
            "conflict: exchanges 2 hours: kept the deletion",
            "conflict: exchanges 2 summary: kept the deletion"
        ]
    );
}

#[test]
fn rule_4_both_changed_merges_field_by_field_and_a_clash_keeps_mine() {
    let b = base();
    let mut m = b.clone();
    m.contacts[2].name = "Cy Young".to_owned();
    m.contacts[2].notes = "mine".to_owned();
    m.profile.capacity_hours_per_month = 12.0;
    let mut t = b.clone();
    t.contacts[2].role = "CTO".to_owned();
    t.contacts[2].notes = "theirs".to_owned();
    t.profile.capacity_hours_per_month = 8.0;
    t.profile.name = "Me Myself".to_owned();
    let merged = merge(&b, &m, &t, &Flips::new());
    let cy = &merged.network.contacts[2];
    assert_eq!((cy.name.as_str(), cy.role.as_str(), cy.notes.as_str()), ("Cy Young", "CTO", "mine"));
    assert_eq!(merged.network.profile.name, "Me Myself");
    assert_eq!(merged.network.profile.capacity_hours_per_month, 12.0);
    assert_eq!(
        lines(&merged),
        ["conflict: profile capacity_hours_per_month: kept mine", "conflict: contacts 3 notes: kept mine"]
    );
    let What::Field(clash) = &merged.conflicts[1].what else { panic!("{:?}", merged.conflicts) };
    assert_eq!((clash.mine.as_str(), clash.theirs.as_str()), ("\"mine\"", "\"theirs\""));
    let flips: Flips = [ConflictKey { list: List::Contacts, id: Some(3), field: Some("notes") }].into();
    let switched = merge(&b, &m, &t, &flips);
    assert_eq!(switched.network.contacts[2].notes, "theirs");
    assert_eq!(switched.network.contacts[2].name, "Cy Young", "only the switched field changes");
    assert_eq!(switched.network.profile.capacity_hours_per_month, 12.0);
}

#[test]
fn rule_5_a_deleted_contact_that_is_still_named_comes_back() {
    let b = base();
    let mut m = b.clone();
    // Mine deleted Bo and everything of theirs.
    m.contacts.retain(|c| c.id != 2);
    m.exchanges.retain(|e| e.contact != 2);
    let mut t = b.clone();
    t.exchanges.push(exchange(4, 2, "new help for Bo"));
    let merged = merge(&b, &m, &t, &Flips::new());
    let n = &merged.network;
    assert_eq!(n.contacts.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 2, 3], "Bo is back, in id order");
    assert_eq!(n.exchanges.iter().map(|e| e.id).collect::<Vec<_>>(), [1, 3, 4]);
    assert_eq!(merged.restored.len(), 1);
    assert_eq!(merged.restored[0].named_by, (List::Exchanges, 4));
    assert!(validate(n).is_empty());
}

#[test]
fn playbook_lessons_are_matched_by_date_and_text() {
    let b = base();
    let mut m = b.clone();
    m.playbook.push(Lesson { date: date(2025, 5, 1), lesson: "Mine".to_owned() });
    let mut t = b.clone();
    t.playbook.clear();
    t.playbook.push(Lesson { date: date(2025, 6, 1), lesson: "Theirs".to_owned() });
    let merged = merge(&b, &m, &t, &Flips::new());
    let lessons: Vec<&str> = merged.network.playbook.iter().map(|l| l.lesson.as_str()).collect();
    assert_eq!(lessons, ["Mine", "Theirs"], "theirs deleted \"Ask early\"; both added one");
}

// ---- the command ----

fn rapport(args: &[&std::ffi::OsStr], data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args(args)
        .env("RAPPORT_DATA_DIR", data)
        .output()
        .expect("run rapport")
}

#[test]
fn the_command_writes_the_merge_and_prints_each_conflict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (b, mut m, mut t) = (base(), base(), base());
    m.contacts[2].notes = "mine".to_owned();
    t.contacts[2].notes = "theirs".to_owned();
    t.contacts[0].role = "Chair".to_owned();
    let paths = ["base.ron", "mine.ron", "theirs.ron"].map(|name| dir.path().join(name));
    for (path, network) in paths.iter().zip([&b, &m, &t]) {
        rapport::store::save(path, network).expect("save");
    }
    let out = dir.path().join("merged.ron");
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let run = rapport(&args, &dir.path().join("data"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(String::from_utf8_lossy(&run.stdout), "conflict: contacts 3 notes: kept mine\n");
    let (merged, _) = rapport::store::load_stamped(&out).expect("load the merge");
    assert_eq!(merged.contacts[0].role, "Chair");
    assert_eq!(merged.contacts[2].notes, "mine");
    let (_, mine_stamp) = rapport::store::load_stamped(&paths[1]).expect("load mine");
    assert_eq!(merged.parent, Some(mine_stamp.lineage()), "the merge descends from MINE");
}

#[test]
fn the_command_writes_nothing_when_a_copy_is_broken() {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = ["base.ron", "mine.ron", "theirs.ron"].map(|name| dir.path().join(name));
    for path in &paths {
        rapport::store::save(path, &base()).expect("save");
    }
    std::fs::write(&paths[2], "(version: 2, contacts: [(id: 1, name: \"cut").expect("write");
    let out = dir.path().join("merged.ron");
    let mut args: Vec<&std::ffi::OsStr> = vec!["merge".as_ref()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let run = rapport(&args, &dir.path().join("data"));
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("theirs.ron") && stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists());
}

// ---- properties ----

/// One random edit of a copy. Indexes are taken modulo the list's length.
#[derive(Clone, Debug)]
enum Step {
    Rename(usize, String),
    Notes(usize, String),
    DeleteContact(usize),
    Summary(usize, String),
    Value(usize, u8),
    DeleteExchange(usize),
    AddExchange(usize),
    AddContact(String),
    Introduce(usize, usize),
    Profile(String),
    AddLesson(String),
    DeleteLesson(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let word = "[a-c]{1,2}";
    prop_oneof![
        (any::<usize>(), word).prop_map(|(i, s)| Step::Rename(i, s)),
        (any::<usize>(), word).prop_map(|(i, s)| Step::Notes(i, s)),
        any::<usize>().prop_map(Step::DeleteContact),
        (any::<usize>(), word).prop_map(|(i, s)| Step::Summary(i, s)),
        (any::<usize>(), 1u8..=5).prop_map(|(i, v)| Step::Value(i, v)),
        any::<usize>().prop_map(Step::DeleteExchange),
        any::<usize>().prop_map(Step::AddExchange),
        word.prop_map(Step::AddContact),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Introduce(a, b)),
        word.prop_map(Step::Profile),
        word.prop_map(Step::AddLesson),
        any::<usize>().prop_map(Step::DeleteLesson),
    ]
}

/// Applies `steps` to a copy of `base`, keeping it valid (a deleted contact takes its
/// records along). New records take ids from `next` up (`None`: the list's next id).
fn edited(base: &Network, steps: &[Step], next: Option<u64>) -> Network {
    let mut n = base.clone();
    let mut fresh = next.unwrap_or(0);
    let mut new_id = |list_next: u64| {
        if next.is_some() {
            fresh += 1;
            fresh
        } else {
            list_next
        }
    };
    for step in steps {
        let contacts = n.contacts.len();
        let exchanges = n.exchanges.len();
        match step.clone() {
            Step::Rename(i, s) if contacts > 0 => n.contacts[i % contacts].name = s,
            Step::Notes(i, s) if contacts > 0 => n.contacts[i % contacts].notes = s,
            Step::DeleteContact(i) if contacts > 0 => {
                let id = n.contacts.remove(i % contacts).id;
                n.exchanges.retain(|e| e.contact != id);
                n.touches.retain(|e| e.contact != id);
                n.commitments.retain(|e| e.contact != id);
                n.wins.retain(|e| e.contact != id);
                n.introductions.retain(|e| e.a != id && e.b != id);
            }
            Step::Summary(i, s) if exchanges > 0 => n.exchanges[i % exchanges].summary = s,
            Step::Value(i, v) if exchanges > 0 => n.exchanges[i % exchanges].value = v,
            Step::DeleteExchange(i) if exchanges > 0 => {
                n.exchanges.remove(i % exchanges);
            }
            Step::AddExchange(i) if contacts > 0 => {
                let id = new_id(Network::next_id(&n.exchanges));
                let contact = n.contacts[i % contacts].id;
                n.exchanges.push(rapport::model::new_exchange(id, contact, date(2025, 9, 1)));
            }
            Step::AddContact(s) => {
                let id = new_id(Network::next_id(&n.contacts));
                n.contacts.push(contact(id, &s));
            }
            Step::Introduce(a, b) if contacts > 1 && a % contacts != b % contacts => {
                let id = new_id(Network::next_id(&n.introductions));
                let (a, b) = (n.contacts[a % contacts].id, n.contacts[b % contacts].id);
                n.introductions.push(Introduction { id, a, b, ..intro() });
            }
            Step::Profile(s) => n.profile.name = s,
            Step::AddLesson(s) => n.playbook.push(Lesson { date: date(2025, 1, 2), lesson: s }),
            Step::DeleteLesson(i) if !n.playbook.is_empty() => {
                let len = n.playbook.len();
                n.playbook.remove(i % len);
            }
            _ => {}
        }
    }
    n.contacts.sort_by_key(|c| c.id);
    n.exchanges.sort_by_key(|e| e.id);
    n.introductions.sort_by_key(|e| e.id);
    n
}

/// The network as a merge writes it: ordering of the playbook aside.
fn normal(network: &Network) -> Network {
    let mut n = network.clone();
    n.parent = None;
    n.version = rapport::model::FORMAT_VERSION;
    n.playbook.sort_by(|a, b| (a.date, &a.lesson).cmp(&(b.date, &b.lesson)));
    n
}

fn generated_base(seed: u64) -> Network {
    let mut n = rapport::generate::generate(6, 30, seed);
    n.parent = None;
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merging_with_an_unchanged_side_returns_the_other(seed in 1u64..50, steps in prop::collection::vec(step(), 0..12)) {
        let b = generated_base(seed);
        let other = edited(&b, &steps, None);
        let kept = merge(&b, &b, &other, &Flips::new());
        prop_assert!(kept.conflicts.is_empty());
        prop_assert_eq!(normal(&kept.network), normal(&other));
        let kept = merge(&b, &other, &b, &Flips::new());
        prop_assert!(kept.conflicts.is_empty());
        prop_assert_eq!(normal(&kept.network), normal(&other));
    }

    #[test]
    fn swapping_the_sides_changes_only_which_side_a_conflict_keeps(
        seed in 1u64..50,
        mine_steps in prop::collection::vec(step(), 0..12),
        theirs_steps in prop::collection::vec(step(), 0..12),
    ) {
        let b = generated_base(seed);
        // New records on either side take ids of their own, so no id is added twice.
        let m = edited(&b, &mine_steps, Some(10_000));
        let t = edited(&b, &theirs_steps, Some(20_000));
        let one = merge(&b, &m, &t, &Flips::new());
        let other = merge(&b, &t, &m, &Flips::new());
        let keys = |merged: &Merged| merged.conflicts.iter().map(|c| c.key()).collect::<HashSet<_>>();
        prop_assert_eq!(keys(&one), keys(&other));
        // Switch every field conflict of the swapped merge back to the other side.
        let fields: Flips = keys(&other).into_iter().filter(|k| k.field.is_some()).collect();
        let switched = merge(&b, &t, &m, &fields);
        prop_assert_eq!(normal(&switched.network), normal(&one.network));
    }

    #[test]
    fn no_merge_leaves_a_dangling_reference(
        seed in 1u64..50,
        mine_steps in prop::collection::vec(step(), 0..16),
        theirs_steps in prop::collection::vec(step(), 0..16),
        switch_all in any::<bool>(),
    ) {
        let b = generated_base(seed);
        // Both sides take the list's next id: the same ids are added on both.
        let m = edited(&b, &mine_steps, None);
        let t = edited(&b, &theirs_steps, None);
        let mut merged = merge(&b, &m, &t, &Flips::new());
        if switch_all {
            let flips: Flips = merged.conflicts.iter().map(|c| c.key()).collect();
            merged = merge(&b, &m, &t, &flips);
        }
        // The window applies the merge as one edit of MINE, and undoes it whole.
        let mut edited = m.clone();
        let undo = rapport::analysis::merge::edit_to(&m, &merged.network).apply(&mut edited);
        prop_assert_eq!(normal(&edited), normal(&merged.network));
        undo.apply(&mut edited);
        prop_assert_eq!(&edited, &m);
        let problems = validate(&merged.network);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        for list in [&merged.network.contacts.iter().map(|c| c.id).collect::<Vec<_>>(), &merged.network.exchanges.iter().map(|e| e.id).collect()] {
            prop_assert!(list.is_sorted(), "lists in id order");
        }
    }
}

/// An encrypted MINE gives an encrypted merge with its passphrase; the three copies,
/// read at once, may mix encrypted and plain; one with another passphrase than the
/// file's is an error that writes nothing.
#[test]
fn the_command_merges_encrypted_copies_with_the_passphrase_file() {
    use rapport::store::{Passphrase, save_stamped_with_key};
    let dir = tempfile::tempdir().expect("temp dir");
    let key = Passphrase::from_text("correct horse".to_owned());
    let other = Passphrase::from_text("battery staple".to_owned());
    let passphrase_file = dir.path().join("passphrase.txt");
    std::fs::write(&passphrase_file, "correct horse\n").expect("write the passphrase file");
    let (b, mut m, mut t) = (base(), base(), base());
    m.contacts[2].notes = "mine".to_owned();
    t.contacts[0].role = "Chair".to_owned();
    let [base_path, mine_path, theirs_path] =
        ["base.ron", "mine.ron.age", "theirs.ron.age"].map(|name| dir.path().join(name));
    rapport::store::save(&base_path, &b).expect("save base");
    save_stamped_with_key(&mine_path, &m, Some(&key)).expect("save mine");
    save_stamped_with_key(&theirs_path, &t, Some(&key)).expect("save theirs");
    let out = dir.path().join("merged.ron.age");
    let args = |theirs: &std::path::Path| -> Vec<std::ffi::OsString> {
        let mut args: Vec<std::ffi::OsString> = vec!["merge".into()];
        args.extend([&base_path, &mine_path, &theirs.to_path_buf()].map(|p| p.as_os_str().to_owned()));
        args.extend(["-o".into(), out.as_os_str().to_owned(), "--passphrase-file".into()]);
        args.push(passphrase_file.as_os_str().to_owned());
        args
    };
    let run = rapport(&as_refs(&args(&theirs_path)), &dir.path().join("data"));
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let bytes = std::fs::read(&out).expect("read the merge");
    assert!(rapport::store::is_encrypted(&bytes), "the merge of an encrypted MINE is encrypted");
    let merged =
        rapport::store::load_with_key(&out, Some(&key)).expect("open the merge with MINE's passphrase");
    assert_eq!(merged.contacts[0].role, "Chair");
    assert_eq!(merged.contacts[2].notes, "mine");
    std::fs::remove_file(&out).expect("remove the merge");

    let strange = dir.path().join("strange.ron.age");
    save_stamped_with_key(&strange, &t, Some(&other)).expect("save with another passphrase");
    let run = rapport(&as_refs(&args(&strange)), &dir.path().join("data"));
    assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("strange.ron.age") && stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.exists(), "nothing was written");
}

fn as_refs(args: &[std::ffi::OsString]) -> Vec<&std::ffi::OsStr> {
    args.iter().map(std::ffi::OsString::as_os_str).collect()
}
