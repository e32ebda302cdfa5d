//! The network map and the numbers that explain themselves (DESIGN "The numbers"):
//! `mutual`, the map's radii and angles, "Why this balance?", what the Network page's
//! filters keep, and the map as SVG (parsed back as XML), against hand-computed values.
//! Default profile: half-life 180 days, tolerance 0.15.

use std::f64::consts::TAU;

use jiff::ToSpan;
use jiff::civil::Date;
use rapport::analysis::{
    Band, MAP_LIMIT, MapLayout, MapQuery, MapView, NetworkMap, balance_rows, contact_stats, contributions,
    map_radius,
};
use rapport::model::{Consent, Contact, Direction, Exchange, Id, Introduction, Kind, Network};

const EPS: f64 = 1e-12;
const ON: Date = Date::constant(2025, 7, 1);

fn ago(days: i32) -> Date {
    ON.checked_sub(days.days()).expect("in range")
}

fn person(id: Id, name: &str, organisation: &str, tags: &[&str]) -> Contact {
    let mut c = Contact::new(id, name, Date::constant(2024, 1, 1));
    c.organization = organisation.to_owned();
    c.tags = tags.iter().map(|t| (*t).to_owned()).collect();
    c
}

fn exchange(id: Id, contact: Id, date: Date, direction: Direction, value: u8) -> Exchange {
    Exchange {
        id,
        contact,
        date,
        direction,
        kind: Kind::Introduction,
        hours: 1.0,
        value,
        summary: format!("exchange {id}"),
        outcome: String::new(),
        thanked: true,
    }
}

fn introduction(id: Id, a: Id, b: Id, made: Option<Date>) -> Introduction {
    Introduction {
        id,
        date: Date::constant(2025, 1, 1),
        a,
        b,
        why: String::new(),
        a_gains: String::new(),
        b_gains: String::new(),
        consent_a: Consent::NotAsked,
        consent_b: Consent::NotAsked,
        made,
        outcome: String::new(),
    }
}

/// Eight people in four groups and one archived:
/// Acme: Cleo (1), Ann (2), Bea (3); Globex: Dan (4), Eve (5); no organisation, first
/// tag "Mentor": Gus (6), Fay (7); neither: Hal (8); archived: Ivy (9, Acme).
fn network() -> Network {
    let mut ivy = person(9, "Ivy", "Acme", &[]);
    ivy.archived = true;
    Network {
        contacts: vec![
            person(1, "Cleo", "Acme", &["x"]),
            person(2, "Ann", " acme ", &[]),
            person(3, "Bea", "ACME", &[]),
            person(4, "Dan", "Globex", &[]),
            person(5, "Eve", "Globex", &["mentor"]),
            person(6, "Gus", "", &["Mentor", "other"]),
            person(7, "Fay", "", &["mentor"]),
            person(8, "Hal", "", &[]),
            ivy,
        ],
        exchanges: vec![
            // Ann: given 4 × 0.5^(180/180) = 2.0, received 1 today = 1.0.
            exchange(1, 2, ago(180), Direction::Gave, 4),
            exchange(2, 2, ON, Direction::Received, 1),
            // Dan: given 2 today: weight 2, nothing received.
            exchange(3, 4, ON, Direction::Gave, 2),
            // Eve: 5 each way today: weight 10, mutual 5.
            exchange(4, 5, ON, Direction::Gave, 5),
            exchange(5, 5, ON, Direction::Received, 5),
            // Dated after ON: ignored.
            exchange(6, 8, ON.checked_add(1.day()).expect("in range"), Direction::Gave, 5),
        ],
        introductions: vec![
            introduction(1, 2, 5, Some(ago(10))),
            introduction(2, 4, 5, None),
            introduction(3, 1, 4, Some(ON.checked_add(3.days()).expect("in range"))),
            // Twice the same pair: one link.
            introduction(4, 5, 2, Some(ago(3))),
            introduction(5, 2, 9, Some(ago(3))),
        ],
        ..Network::default()
    }
}

#[test]
fn mutual_is_what_flows_both_ways() {
    let net = network();
    let stats = contact_stats(&net, ON);
    let of = |id: Id| stats.iter().find(|s| s.id == id).expect("the contact");
    assert!((of(2).given - 2.0).abs() < EPS && (of(2).received - 1.0).abs() < EPS);
    assert!((of(2).mutual - 1.0).abs() < EPS, "min(2, 1) = 1: {}", of(2).mutual);
    assert_eq!(of(4).mutual, 0.0, "only given: nothing mutual");
    assert!((of(5).mutual - 5.0).abs() < EPS);
    assert_eq!(of(8).mutual, 0.0, "the later exchange is ignored");
    let rows = balance_rows(&net, ON);
    assert_eq!(rows.iter().find(|r| r.id == 5).map(|r| r.mutual), Some(of(5).mutual));
}

#[test]
fn radii_follow_given_plus_received() {
    assert_eq!(map_radius(0.0), 1.0);
    // 1 / (1 + ln 3) and 1 / (1 + ln 11), by hand.
    assert!((map_radius(2.0) - 0.476_505_358_040_504_3).abs() < EPS);
    assert!((map_radius(10.0) - 0.294_299_829_663_802_4).abs() < EPS);
    let net = network();
    let (_, map) = NetworkMap::on(&net, ON);
    let node = |id: Id| map.node_of(id).expect("on the map");
    // Ann: 2 + 1 = 3 → 1 / (1 + ln 4).
    assert!((node(2).radius - 1.0 / (1.0 + 4f64.ln())).abs() < EPS);
    assert!((node(4).radius - 0.476_505_358_040_504_3).abs() < EPS);
    assert!((node(5).radius - 0.294_299_829_663_802_4).abs() < EPS);
    assert_eq!(node(8).radius, 1.0, "no weight: the outer ring");
    assert!(map.node_of(9).is_none(), "archived: not on the map");
    // Strongest first: Eve 10, Ann 3, Dan 2, then the rest by id.
    let order: Vec<Id> = map.nodes.iter().map(|n| n.contact).collect();
    assert_eq!(order, [5, 2, 4, 1, 3, 6, 7, 8]);
    assert_eq!(map.weighted, 3);
    // Made on or before ON, both on the map, each pair once: Ann–Eve only.
    let links: Vec<(Id, Id)> = map
        .links
        .iter()
        .map(|&(a, b)| (map.nodes[a as usize].contact, map.nodes[b as usize].contact))
        .collect();
    assert_eq!(links, [(5, 2)]);
    assert_eq!(map.band_count(Band::Quiet), 5, "Cleo, Bea, Gus, Fay, Hal");
}

#[test]
fn angles_keep_one_organisation_or_first_tag_side_by_side() {
    let net = network();
    let layout = MapLayout::compute(&net);
    // Groups: organisations by name (Acme 3, Globex 2), then first tags (Mentor 2), then
    // the ungrouped (1), each labelled as first written; the archived Ivy is in none.
    let groups: Vec<(&str, usize)> = layout.groups.iter().map(|g| (g.label.as_str(), g.size)).collect();
    assert_eq!(groups, [("Acme", 3), ("Globex", 2), ("Mentor", 2), ("", 1)]);
    // 8 people and a gap after each of the 4 groups: 12 slots, by name within a group.
    // Ann 0, Bea 1, Cleo 2 | Dan 4, Eve 5 | Fay 7, Gus 8 | Hal 10.
    let slot_of = |id: Id| {
        let at = net.contacts.iter().position(|c| c.id == id).expect("the contact");
        let (angle, _) = layout.places[at].expect("on the map");
        angle / TAU * 12.0 - 0.5
    };
    for (id, slot) in [(2, 0.0), (3, 1.0), (1, 2.0), (4, 4.0), (5, 5.0), (7, 7.0), (6, 8.0), (8, 10.0)] {
        assert!((slot_of(id) - slot).abs() < 1e-9, "contact {id}: slot {} not {slot}", slot_of(id));
    }
    assert_eq!(layout.places[8], None, "archived");
    assert!((layout.groups[0].mid_angle - TAU * 1.5 / 12.0).abs() < EPS);
    assert_eq!(layout.organisations, ["Acme", "Globex"]);
    assert_eq!(layout.tags, ["mentor", "other", "x"]);
    // Screen position: angle 0 is up, clockwise.
    let (_, map) = NetworkMap::on(&net, ON);
    let ann = map.node_of(2).expect("Ann");
    assert!((f64::from(ann.x) - ann.radius * ann.angle.sin()).abs() < 1e-6);
    assert!((f64::from(ann.y) + ann.radius * ann.angle.cos()).abs() < 1e-6);
}

#[test]
fn the_same_network_always_draws_the_same_map() {
    let net = rapport::generate::generate(300, 20_000, 7);
    let as_of = rapport::generate::HISTORY_END;
    let (layout, map) = NetworkMap::on(&net, as_of);
    assert_eq!(NetworkMap::on(&net, as_of), (layout.clone(), map.clone()));
    // The same contacts in another order in the file: every person at the same place.
    let mut shuffled = net.clone();
    shuffled.contacts.reverse();
    let (_, again) = NetworkMap::on(&shuffled, as_of);
    for node in &map.nodes {
        let other = again.node_of(node.contact).expect("on both maps");
        assert_eq!((node.angle, node.radius, node.x, node.y), (other.angle, other.radius, other.x, other.y));
    }
    let positions = |m: &NetworkMap| m.nodes.iter().map(|n| (n.contact, n.x, n.y)).collect::<Vec<_>>();
    assert_eq!(positions(&map), positions(&again), "the same order too");
    assert!(map.nodes.windows(2).all(|w| w[0].weight >= w[1].weight), "strongest first");
    assert!(layout.groups.len() > 1, "the generated network has organisations");
}

#[test]
fn why_this_balance_lists_the_heaviest_exchanges() {
    let mut net = network();
    net.exchanges = vec![
        exchange(1, 2, ago(180), Direction::Gave, 4), // 2.0
        exchange(2, 2, ON, Direction::Gave, 1),       // 1.0
        exchange(3, 2, ago(360), Direction::Gave, 4), // 4 × 0.25 = 1.0, older than #2
        exchange(4, 2, ON, Direction::Received, 3),   // 3.0
        exchange(5, 4, ON, Direction::Gave, 5),       // someone else's
        exchange(6, 2, ON.checked_add(1.day()).expect("in range"), Direction::Gave, 5), // later
    ];
    for known in [None, Some(vec![0u32, 1, 2, 3, 5])] {
        let why = contributions(&net, 2, ON, known.as_deref());
        assert!((why.given.total - 4.0).abs() < EPS, "{}", why.given.total);
        assert_eq!(why.given.count, 3);
        let given: Vec<(usize, f64, f64)> =
            why.given.top.iter().map(|c| (c.exchange, c.weight, c.share)).collect();
        assert_eq!(given.len(), 3);
        for ((got_at, weight, share), (at, want_weight, want_share)) in
            given.iter().zip([(0, 2.0, 0.5), (1, 1.0, 0.25), (2, 1.0, 0.25)])
        {
            assert_eq!(*got_at, at);
            assert!((weight - want_weight).abs() < EPS && (share - want_share).abs() < EPS, "{given:?}");
        }
        assert_eq!(why.received.count, 1);
        assert!(
            (why.received.top[0].weight - 3.0).abs() < EPS && (why.received.top[0].share - 1.0).abs() < EPS
        );
        // The totals are the balance's, exactly.
        let stats = contact_stats(&net, ON).into_iter().find(|s| s.id == 2).expect("Ann");
        assert_eq!((why.given.total, why.received.total), (stats.given, stats.received));
    }
    // The busiest contact of a generated network: at most five a side, heaviest first,
    // totals equal to the balance.
    let net = rapport::generate::generate(50, 30_000, 3);
    let as_of = rapport::generate::HISTORY_END;
    let why = contributions(&net, 1, as_of, None);
    let stats = contact_stats(&net, as_of).into_iter().find(|s| s.id == 1).expect("contact 1");
    assert_eq!((why.given.total, why.received.total), (stats.given, stats.received));
    assert_eq!(why.given.top.len(), rapport::analysis::WHY_TOP);
    assert!(why.given.top.windows(2).all(|w| w[0].weight >= w[1].weight));
}

#[test]
fn the_page_draws_the_strongest_and_says_how_many_it_leaves_out() {
    let net = rapport::generate::generate(1_500, 20_000, 5);
    let as_of = rapport::generate::HISTORY_END;
    let (layout, map) = NetworkMap::on(&net, as_of);
    let view = |query: &MapQuery| MapView::compute(&net, &layout, &map, query);
    let all = view(&MapQuery::default());
    assert_eq!(all.total, map.nodes.len());
    assert_eq!(all.matching, all.total);
    assert_eq!(all.shown.len(), MAP_LIMIT);
    assert!(all.limited);
    assert_eq!(all.shown, (0..MAP_LIMIT as u32).collect::<Vec<_>>(), "the strongest");
    // The people with no weight that are not drawn are counted, by group.
    let unweighted = map.nodes.len() - map.weighted;
    assert!(unweighted > 0, "the generator leaves some untouched");
    let not_drawn = unweighted - all.shown.iter().filter(|&&i| map.nodes[i as usize].weight <= 0.0).count();
    assert_eq!(all.unweighted.iter().map(|g| g.count).sum::<usize>(), not_drawn);
    assert_eq!(all.unweighted_count, unweighted);
    // Show all: every one.
    let every = view(&MapQuery { show_all: true, ..MapQuery::default() });
    assert_eq!(every.shown.len(), map.nodes.len());
    assert!(!every.limited && every.unweighted.is_empty());
    assert_eq!(every.links.len(), map.links.len());
    // Filters.
    let overdue = view(&MapQuery { overdue_only: true, show_all: true, ..MapQuery::default() });
    assert!(overdue.matching > 0 && overdue.matching < map.nodes.len());
    assert!(overdue.shown.iter().all(|&i| map.nodes[i as usize].overdue_days > 0));
    assert_eq!(overdue.matching, map.nodes.iter().filter(|n| n.overdue_days > 0).count());
    let giving = view(&MapQuery { band: Some(Band::Giving), show_all: true, ..MapQuery::default() });
    assert_eq!(giving.matching, map.band_count(Band::Giving));
    let organisation = layout.organisations[0].clone();
    let at_org = view(&MapQuery { organisation: Some(organisation.clone()), ..MapQuery::default() });
    assert!(at_org.matching > 0);
    assert!(
        at_org
            .shown
            .iter()
            .all(|&i| net.contacts[map.nodes[i as usize].index].organization.trim() == organisation)
    );
    let tag = layout.tags[0].clone();
    let tagged = view(&MapQuery { tag: Some(tag.clone()), show_all: true, ..MapQuery::default() });
    assert!(tagged.matching > 0);
    assert!(tagged.shown.iter().all(|&i| net.contacts[map.nodes[i as usize].index].tags.contains(&tag)));
    // The search finds a person beyond the limit and draws them.
    let weakest = map.nodes.last().expect("nodes");
    let name = net.contacts[weakest.index].name.clone();
    let found = view(&MapQuery { search: name.to_uppercase(), ..MapQuery::default() });
    let at = found.found.expect("found");
    assert_eq!(net.contacts[map.nodes[at as usize].index].name, name);
    assert!(found.shown.contains(&at));
}

/// A name with markup, quotes and a control character, as SVG and as the HTML report.
fn hostile() -> Network {
    let mut net = network();
    net.contacts[1].name = "<script>alert('x')</script> & \"Ann\"\u{1}".to_owned();
    net.contacts[1].organization = "Acme <b>".to_owned();
    net.profile.name = "Me & <you>".to_owned();
    net
}

#[test]
fn the_svg_parses_as_xml_and_escapes_every_name() {
    let net = hostile();
    let (layout, map) = NetworkMap::on(&net, ON);
    let bytes = rapport::interop::map_svg_file(&net, &layout, &map);
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(!text.contains("<script"), "markup in a name is escaped");
    assert!(!text.contains('\u{1}'), "XML cannot hold it");
    let doc = roxmltree::Document::parse(&text).expect("the SVG is XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2000/svg"));
    // One circle per person (with their title), plus the rings, the legend and you.
    let titled: Vec<&str> = root
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(titled.len(), map.nodes.len());
    assert!(
        titled.iter().any(|t| t.starts_with("<script>alert('x')</script> & \"Ann\" · Acme <b>")),
        "{titled:?}"
    );
    assert!(root.descendants().any(|n| n.text() == Some("Me & <you>")), "you at the centre");
    assert!(root.descendants().filter(|n| n.has_tag_name("line")).count() >= map.weighted + map.links.len());
}

#[test]
fn the_html_report_holds_the_map_of_its_period() {
    let net = hostile();
    let period = rapport::interop::Period::new(Date::constant(2025, 4, 1), Date::constant(2025, 7, 1))
        .expect("a period");
    let report = rapport::interop::Report::for_period(&net, period);
    let html = String::from_utf8(rapport::interop::ReportFormat::Html.render(&report, &net)).expect("UTF-8");
    assert!(html.contains("<h2>Your network on 2025-06-30</h2>"));
    let start = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\"").expect("the map");
    let end = start + html[start..].find("</svg>").expect("its end") + "</svg>".len();
    let svg = roxmltree::Document::parse(&html[start..end]).expect("the inline map is XML");
    assert!(
        svg.root_element()
            .descendants()
            .any(|n| n.text().is_some_and(|t| t.contains("Network map of Me & <you> on 2025-06-30")))
    );
    assert!(!html.contains("<script"));
}

/// `rapport map FILE --on DATE -o OUT.svg`, run as the real binary.
#[test]
fn rapport_map_writes_the_svg() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = dir.path().join("network.ron");
    std::fs::write(&file, rapport::store::to_string(&hostile())).expect("write the network");
    let out = dir.path().join("map.svg");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "map".as_ref(),
            file.as_os_str(),
            "--on".as_ref(),
            "2025-07-01".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ])
        .output()
        .expect("run rapport");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = std::fs::read_to_string(&out).expect("the SVG written");
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let title = doc.root_element().children().find(|n| n.has_tag_name("title")).and_then(|t| t.text());
    assert_eq!(title, Some("Network map of Me & <you> on 2025-07-01"));
    assert!(!text.contains("<script"));
    // The same bytes as the library's, for the same date.
    let net =
        rapport::store::parse_bytes(std::fs::read(&file).expect("read").as_slice(), &file).expect("loads");
    let (layout, map) = NetworkMap::on(&net, ON);
    assert_eq!(text.into_bytes(), rapport::interop::map_svg_file(&net, &layout, &map));
    // A bad date writes nothing.
    let bad = dir.path().join("bad.svg");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .args([
            "map".as_ref(),
            file.as_os_str(),
            "--on".as_ref(),
            "July".as_ref(),
            "-o".as_ref(),
            bad.as_os_str(),
        ])
        .output()
        .expect("run rapport");
    assert!(!output.status.success() && !bad.exists());
}

/// Exchanges logged and removed while the map is on screen: the map that followed
/// them (touched nodes renumbered, order sorted again, links moved with their nodes)
/// is the one a fresh build draws.
#[test]
fn the_map_follows_exchanges_logged_and_removed() {
    use rapport::analysis::{Derived, Wants};
    use rapport::model::{Change, Edit, Touched, log_exchange, new_exchange};
    let as_of = rapport::generate::HISTORY_END;
    let mut net = rapport::generate::generate(400, 20_000, 9);
    let wants = Wants { map: Some(MapQuery::default()), ..Wants::default() };
    let mut derived = Derived::default();
    derived.refresh(&net, 0, as_of, &wants, None);
    assert!(!derived.network_map().expect("built").links.is_empty(), "introductions to follow");
    let weakest = derived.network_map().expect("built").nodes.last().expect("nodes").contact;
    for revision in 1..=12u64 {
        let edit = if revision % 4 == 0 {
            Edit::Exchanges(Change::Remove(vec![net.exchanges[revision as usize].id]))
        } else {
            // The weakest climbs to the strongest, one exchange at a time.
            let mut e = new_exchange(derived.next_exchange_id(&net, revision - 1), weakest, as_of);
            e.value = 5;
            e.direction = if revision % 2 == 0 { Direction::Received } else { Direction::Gave };
            log_exchange(e, "Log exchange").edit
        };
        let mut touched = Touched::default();
        let _undo = edit.apply_tracked(&mut net, &mut touched);
        derived.refresh(&net, revision, as_of, &wants, Some((revision - 1, &touched)));
        let mut fresh = Derived::default();
        fresh.refresh(&net, revision, as_of, &wants, None);
        assert_eq!(derived.network_map(), fresh.network_map(), "after edit {revision}");
        assert_eq!(derived.map_view(&MapQuery::default()), fresh.map_view(&MapQuery::default()));
    }
    let map = derived.network_map().expect("built");
    assert!(map.nodes.iter().position(|n| n.contact == weakest).expect("on the map") < 50, "it climbed");
}
