//! The contribution report, with every number worked out by hand on the network of
//! `interop_support` (period: 2025 Q2 = 2025-04-01 up to, not including, 2025-07-01).

use crate::interop_support::{FORMULA_NAME, SCRIPT_NAME, d, network};
use rapport::interop::{KindCounts, Period, Report, Totals};
use rapport::model::{Direction, Kind};

fn q2() -> Report {
    Report::compute(&network(), d(2025, 4, 1), d(2025, 7, 1))
}

#[test]
fn given_and_received_totals_by_hand() {
    let report = q2();
    // In the period (exchange ids): given 2, 3, 4 — not 1 (January) nor 5 (2025-07-01,
    // the exclusive end). Hours 1.5 + 0.5 + 2.0 = 4.0; value 4 + 2 + 5 = 11.
    assert_eq!(report.given, Totals { count: 3, hours: 4.0, value: 11 });
    // Received 7, 8, 9, 10 — not 6 (2025-03-31). Hours 0 + 1 + 0.5 + 0.25 = 1.75;
    // value 5 + 3 + 2 + 1 = 11.
    assert_eq!(report.received, Totals { count: 4, hours: 1.75, value: 11 });
    let counts = |kind: Kind| report.by_kind.get(&kind).copied().unwrap_or_default();
    assert_eq!(counts(Kind::Mentoring), KindCounts { given: 1, received: 0 });
    assert_eq!(counts(Kind::Feedback), KindCounts { given: 1, received: 1 });
    assert_eq!(counts(Kind::Referral), KindCounts { given: 1, received: 0 });
    assert_eq!(counts(Kind::Introduction), KindCounts { given: 0, received: 1 });
    assert_eq!(counts(Kind::Support), KindCounts { given: 0, received: 1 });
    assert_eq!(counts(Kind::Recognition), KindCounts { given: 0, received: 1 });
    assert_eq!(counts(Kind::Knowledge), KindCounts::default(), "exchange 6 is before the period");
    assert_eq!(report.by_kind.len(), Kind::ALL.len(), "every kind is listed");
    // Received in the period and not thanked: 7, 9, 10 (8 is thanked).
    assert_eq!(report.unthanked, 3);
}

#[test]
fn people_helped_new_and_returning_by_hand() {
    let report = q2();
    // Gave in the period to contacts 1, 2, 3. Contact 1's first Gave is 2025-01-15
    // (returning); 2's is 2025-05-05 and 3's 2025-06-30 (new).
    assert_eq!((report.people_helped, report.new_people_helped, report.returning_people_helped), (3, 2, 1));
    // Helped you, by received value: contact 4 has 3 + 2 = 5 in two exchanges, contact
    // 2 has 5 in one (the tie goes to more exchanges), contact 3 has 1.
    let helpers: Vec<(u64, u64, u64, u64)> =
        report.top_helpers.iter().map(|h| (h.contact, h.value, h.count, h.unthanked)).collect();
    assert_eq!(helpers, [(4, 5, 2, 1), (2, 5, 1, 1), (3, 1, 1, 1)]);
    assert_eq!(report.top_helpers[0].name, FORMULA_NAME);
    assert_eq!(report.top_helpers[0].hours, 1.5);
}

#[test]
fn capacity_per_month_by_hand() {
    let report = q2();
    // As of 2025-06-30. April: exchange 2 (1.5 h) → 1.5, ratio 1.5 / 10 = 0.15.
    // May: exchange 3 (0.5 h) + promise 1 due 05-20 (2 h) = 2.5 → 0.25.
    // June: exchange 4 (2 h) + promise 4 (no due date: its made month, June; kept
    // only on 07-05, so open on 06-30) 4 h = 6 → 0.6. Promise 2 was kept on 06-15 and
    // promise 3 is theirs; promise 5 was made after the period.
    let rows: Vec<(&str, f64, f64, Option<f64>)> =
        report.capacity.iter().map(|c| (c.month.as_str(), c.hours, c.capacity, c.ratio)).collect();
    assert_eq!(
        rows,
        [
            ("2025-04", 1.5, 10.0, Some(0.15)),
            ("2025-05", 2.5, 10.0, Some(0.25)),
            ("2025-06", 6.0, 10.0, Some(0.6))
        ]
    );
    // The same numbers as the dashboard's capacity on the period's last day.
    let months = rapport::analysis::capacity_months(&network(), d(2025, 6, 30));
    let dashboard: Vec<f64> = months.iter().rev().take(3).rev().map(|m| m.hours).collect();
    assert_eq!(dashboard, [1.5, 2.5, 6.0]);
    // No budget: no ratio.
    let mut without_budget = network();
    without_budget.profile.capacity_hours_per_month = 0.0;
    let report = Report::compute(&without_budget, d(2025, 4, 1), d(2025, 7, 1));
    assert!(report.capacity.iter().all(|c| c.ratio.is_none()));
}

#[test]
fn introductions_wins_promises_and_lessons() {
    let report = q2();
    // Introduction 1 made 05-12; 2 is pending; 3 was made on the exclusive end.
    assert_eq!(report.introductions_made, 1);
    let intro = &report.introductions[0];
    assert_eq!((intro.a.as_str(), intro.b.as_str()), ("Grace Example", "Alan Example"));
    assert_eq!(intro.outcome, "Alan hired <b>two</b> people");
    // Win 1 is celebrated and in the period; 2 is not celebrated; 3 is earlier.
    let wins: Vec<&str> = report.wins_celebrated.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(wins, ["Promoted"]);
    // Open on 06-30: 1 (due 05-20), 3 (theirs, due 07-15), then 4 (no due date).
    let promises: Vec<(u64, Direction)> = report.open_promises.iter().map(|p| (p.id, p.direction)).collect();
    assert_eq!(promises, [(1, Direction::Gave), (3, Direction::Received), (4, Direction::Gave)]);
    let lessons: Vec<&str> = report.lessons.iter().map(|l| l.lesson.as_str()).collect();
    assert_eq!(lessons, ["Listen first & <always>", "Ask before offering."]);
}

#[test]
fn periods_quarter_year_and_custom() {
    assert_eq!(Period::quarter(2025, 2), Period::new(d(2025, 4, 1), d(2025, 7, 1)));
    assert_eq!(Period::last_full_quarter(d(2025, 7, 1)), Period::quarter(2025, 2).unwrap_or(Period::year(1)));
    let year = Report::for_period(&network(), Period::year(2025));
    // The whole year adds exchange 1 (given, January) and 5 (given, July) and 6.
    assert_eq!((year.given.count, year.received.count), (5, 5));
    assert_eq!(year.capacity.len(), 12);
    let custom = Report::compute(&network(), d(2025, 4, 10), d(2025, 4, 11));
    assert_eq!((custom.given.count, custom.received.count, custom.capacity.len()), (1, 0, 1));
    // Capacity counts whole calendar months (as of the period's last day), also for a
    // period that starts or ends inside one: the same as the one capacity function.
    for (from, to) in
        [(d(2025, 4, 10), d(2025, 4, 11)), (d(2025, 4, 20), d(2025, 6, 16)), (d(2025, 1, 1), d(2026, 1, 1))]
    {
        let report = Report::compute(&network(), from, to);
        let last = Period::new(from, to).map(|p| p.last_day()).expect("a period");
        let month = |date: jiff::civil::Date| i32::from(date.year()) * 12 + i32::from(date.month()) - 1;
        let expected = rapport::analysis::capacity_for_months(&network(), last, month(from)..=month(last));
        let hours: Vec<f64> = report.capacity.iter().map(|c| c.hours).collect();
        let want: Vec<f64> = expected.iter().map(|m| (m.hours * 100.0).round() / 100.0).collect();
        assert_eq!(hours, want, "{from} to {to}");
    }
}

#[test]
fn json_has_exactly_the_design_keys_first() {
    let json = String::from_utf8(q2().to_json()).unwrap_or_default();
    let top_level: Vec<&str> = json
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once('"').map(|(key, _)| key))
        .collect();
    let design = crate::design::REPORT_JSON_KEYS;
    assert_eq!(top_level.get(..design.len()), Some(&design[..]), "{json}");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(value["from"], "2025-04-01");
    assert_eq!(value["to"], "2025-07-01", "exclusive");
    assert_eq!(value["given"], serde_json::json!({"count": 3, "hours": 4.0, "value": 11}));
    assert_eq!(value["received"], serde_json::json!({"count": 4, "hours": 1.75, "value": 11}));
    assert_eq!(value["by_kind"]["Feedback"], serde_json::json!({"given": 1, "received": 1}));
    assert_eq!(value["people_helped"], 3);
    assert_eq!(value["new_people_helped"], 2);
    assert_eq!(value["introductions_made"], 1);
    assert_eq!(
        value["capacity"][1],
        serde_json::json!({"month": "2025-05", "hours": 2.5, "capacity": 10.0, "ratio": 0.25})
    );
    assert_eq!(value["unthanked"], 3);
}

#[test]
fn html_is_self_contained_and_escapes_user_text() {
    let html = q2().to_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script tag at all");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped");
    assert!(html.contains("Alan hired &lt;b&gt;two&lt;/b&gt; people"));
    assert!(html.contains("Listen first &amp; &lt;always&gt;"));
    assert!(html.contains("=HYPERLINK(&quot;http://example.com&quot;,&quot;Dora&quot;)"));
    assert_eq!(html.matches("<svg").count(), 2, "two inline charts");
    assert!(!html.contains("src=") && !html.contains("href=") && !html.contains("url("), "nothing fetched");
}

#[test]
fn markdown_escapes_user_text() {
    let md = q2().to_markdown();
    assert!(md.starts_with("# Contribution report: 2025 Q2\n"));
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(!md.contains("<script>"));
    assert!(md.contains("| Given | 3 | 4 | 11 |"), "{md}");
    assert!(md.contains("| 2025-06 | 6 | 10 | 60% |"), "{md}");
}

#[test]
fn csv_report_neutralises_names() {
    let csv = String::from_utf8(q2().to_csv()).unwrap_or_default();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> =
        reader.records().filter_map(Result::ok).map(|r| r.iter().map(str::to_owned).collect()).collect();
    let find = |section: &str, key: &str| {
        rows.iter().find(|r| r[0] == section && r[1] == key).map(|r| r[2].clone()).unwrap_or_default()
    };
    assert_eq!(find("given", "hours"), "4");
    assert_eq!(find("capacity_ratio", "2025-06"), "0.6");
    assert_eq!(find("top_helper_value", &format!("'{FORMULA_NAME}")), "5");
    assert_eq!(find("top_helper_value", SCRIPT_NAME), "1");
    assert!(rows.iter().all(|r| !r.iter().any(|cell| cell.starts_with('='))));
}

/// Every `fill="#rrggbb"` of the page's `<rect>`s, in order.
fn rect_fills(html: &str) -> Vec<&str> {
    html.split("<rect").skip(1).filter_map(|rect| rect.split("fill=\"").nth(1)?.get(..7)).collect()
}

#[test]
fn html_charts_draw_in_the_windows_palette() {
    use rapport::palette;
    let mut net = network();
    // April's 1.5 h stay within a 2 h budget; May (2.5 h) and June (6 h) go over.
    net.profile.capacity_hours_per_month = 2.0;
    let html = Report::compute(&net, d(2025, 4, 1), d(2025, 7, 1)).to_html();
    let fills = rect_fills(&html);
    let count = |color: palette::Rgb| fills.iter().filter(|f| **f == color.hex()).count();
    // The flow chart: its legend, then a bar given and a bar received each month.
    assert_eq!(count(palette::GAVE), 1 + 3, "{fills:?}");
    assert_eq!(count(palette::RECEIVED), 1 + 3, "{fills:?}");
    // The capacity chart: its legend, then one bar a month.
    assert_eq!(count(palette::WITHIN_BUDGET), 1 + 1, "{fills:?}");
    assert_eq!(count(palette::OVER_BUDGET), 1 + 2, "{fills:?}");
    assert_eq!(fills.len(), 4 + 4 + 2 + 3, "no bar in any other colour: {fills:?}");
    assert!(html.contains(&format!("stroke=\"{}\" stroke-dasharray", palette::BUDGET_LINE.hex())));
    assert!(html.contains(">within budget<") && html.contains(">over budget<"));
}

/// The people who helped most, against a plain count: by received value, then count,
/// then name, also when many tie at the edge of the five.
#[test]
fn top_helpers_match_a_plain_count_with_ties() {
    use std::collections::HashMap;
    let mut network = rapport::generate::generate(60, 3000, 5);
    // Every received exchange worth the same: value ties everywhere.
    for e in &mut network.exchanges {
        e.value = 2;
    }
    let period = Period::year(2025);
    let report = Report::for_period(&network, period);
    let mut sums: HashMap<u64, (u64, u64)> = HashMap::new();
    for e in
        network.exchanges.iter().filter(|e| e.direction == Direction::Received && period.contains(e.date))
    {
        let s = sums.entry(e.contact).or_default();
        s.0 += u64::from(e.value);
        s.1 += 1;
    }
    let name =
        |id: u64| network.contacts.iter().find(|c| c.id == id).map(|c| c.name.clone()).unwrap_or_default();
    let mut plain: Vec<(u64, u64, String, u64)> =
        sums.iter().map(|(id, (v, n))| (*v, *n, name(*id), *id)).collect();
    plain.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    plain.truncate(rapport::interop::TOP_HELPERS);
    let got: Vec<(u64, u64, String, u64)> =
        report.top_helpers.iter().map(|h| (h.value, h.count, h.name.clone(), h.contact)).collect();
    assert_eq!(got, plain);
}
