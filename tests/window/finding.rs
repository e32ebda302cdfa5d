//! Finding by keyboard: the command palette (Ctrl+P) over contacts, pages and commands.

use crate::common::{harness, press, type_keys};
use egui::Key;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::{Found, Modal, Page};

type H = egui_kittest::Harness<'static, rapport::app::App>;

fn open_palette(h: &mut H) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::P);
    h.run();
    assert!(h.state().view().palette.is_some(), "Ctrl+P opens the palette");
}

fn found(h: &H) -> Vec<Found> {
    h.state().view().palette.as_ref().map(|p| p.found().to_vec()).unwrap_or_default()
}

fn id_of(h: &H, name: &str) -> u64 {
    h.state().network().contacts.iter().find(|c| c.name == name).map(|c| c.id).expect("in the sample")
}

#[test]
fn a_fuzzy_part_of_a_name_and_enter_open_the_contact() {
    let mut h = harness(Startup::Sample);
    h.state_mut().show(Page::Dashboard, None);
    h.run();
    open_palette(&mut h);
    // Letters left out of both names, typed key by key into the palette's field.
    type_keys(&mut h, "gidn achtrbrg");
    let gideon = id_of(&h, "Gideon Achterberg");
    assert_eq!(found(&h).first(), Some(&Found::Contact(gideon)), "{:?}", found(&h));
    press(&mut h, Key::Enter);
    assert!(h.state().view().palette.is_none(), "Enter closes the palette");
    assert_eq!(h.state().view().selected, Some(gideon));
    assert_eq!(h.state().view().page, Page::Contacts);
}

#[test]
fn up_and_down_move_the_highlight_that_enter_runs() {
    let mut h = harness(Startup::Sample);
    open_palette(&mut h);
    type_keys(&mut h, "open");
    let entries = found(&h);
    // Open…, Open Sample Network, then the pages: “Open Contacts”…
    assert!(entries.len() >= 5, "{entries:?}");
    for _ in 0..4 {
        press(&mut h, Key::ArrowDown);
    }
    press(&mut h, Key::ArrowUp);
    assert_eq!(h.state().view().palette.as_ref().map(|p| p.highlighted), Some(3));
    let Some(Found::Page(page)) = entries.get(3).copied() else {
        panic!("the fourth entry for “open” is a page: {entries:?}")
    };
    assert_ne!(page, h.state().view().page);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().page, page);
}

#[test]
fn exp_rep_runs_export_report() {
    let mut h = harness(Startup::Sample);
    open_palette(&mut h);
    type_keys(&mut h, "exp rep");
    press(&mut h, Key::Enter);
    assert!(h.state().view().palette.is_none());
    // Export report… opens the Report page, whose "Save as" buttons write it.
    assert_eq!(h.state().view().page, Page::Report);
}

#[test]
fn log_exchange_with_asks_for_the_contact_then_opens_the_form() {
    let mut h = harness(Startup::Sample);
    let exchanges = h.state().network().exchanges.len();
    open_palette(&mut h);
    type_keys(&mut h, "log exch");
    press(&mut h, Key::Enter);
    assert!(h.state().view().palette.is_some(), "the palette stays, asking for whom");
    assert!(found(&h).iter().all(|f| matches!(f, Found::Contact(_))), "only contacts: {:?}", found(&h));
    type_keys(&mut h, "beatrx");
    press(&mut h, Key::Enter);
    let beatrix = id_of(&h, "Beatrix Lowell");
    assert!(h.state().view().palette.is_none());
    assert_eq!(h.state().view().selected, Some(beatrix));
    assert_eq!(h.state().network().exchanges.len(), exchanges, "a draft: nothing is added before Save");
    let Some(rapport::state::Modal::Draft(draft)) = h.state().modal() else {
        panic!("the exchange draft is open: {:?}", h.state().modal().is_some())
    };
    assert!(matches!(&draft.record, rapport::state::Draft::Exchange(e) if e.contact == beatrix), "{draft:?}");
}

#[test]
fn check_in_with_opens_the_check_in_form_for_that_person() {
    let mut h = harness(Startup::Sample);
    open_palette(&mut h);
    type_keys(&mut h, "check in with");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "samir");
    press(&mut h, Key::Enter);
    let samir = id_of(&h, "Samir Haddad");
    assert!(
        matches!(h.state().modal(), Some(Modal::CheckIn(form)) if form.contact == samir),
        "{:?}",
        h.state().modal()
    );
}

#[test]
fn esc_closes_the_palette_without_effect() {
    let mut h = harness(Startup::Sample);
    let network = h.state().network().clone();
    let (page, selected) = (h.state().view().page, h.state().view().selected);
    open_palette(&mut h);
    type_keys(&mut h, "gideon");
    press(&mut h, Key::Escape);
    assert!(h.state().view().palette.is_none(), "Esc closes");
    assert_eq!((h.state().view().page, h.state().view().selected), (page, selected));
    assert_eq!(h.state().network(), &network);
    assert!(h.state().modal().is_none());
    // Nothing typed in the palette reached the contact list's search.
    assert_eq!(h.state().view().search, "");
}

#[test]
fn up_down_and_enter_move_through_the_contact_list_when_no_field_has_the_keyboard() {
    let mut h = harness(Startup::Sample);
    h.state_mut().show(Page::Dashboard, None);
    h.run();
    let row = |h: &H, at: usize| {
        let i = h.state().visible_contacts()[at];
        h.state().network().contacts[i].id
    };
    let selected = |h: &H| h.state().view().selected;
    press(&mut h, Key::ArrowDown);
    assert_eq!(selected(&h), Some(row(&h, 0)), "Down with nothing selected: the first row");
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowUp);
    assert_eq!(selected(&h), Some(row(&h, 1)), "in the list's order");
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::ArrowUp);
    assert_eq!(selected(&h), Some(row(&h, 0)), "the first row stays the first");
    assert_eq!(h.state().view().page, Page::Dashboard, "moving does not change the page");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().page, Page::Contacts, "Enter opens the contact");
    assert_eq!(selected(&h), Some(row(&h, 0)));

    // Typing in the search box: Down is the field's, the selection stays.
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run();
    press(&mut h, Key::ArrowDown);
    assert_eq!(selected(&h), Some(row(&h, 0)));
}

/// The bands and overdue days of the rows the contact list shows, in its order.
fn shown_numbers(h: &H) -> Vec<(u64, rapport::analysis::Band, i64)> {
    let app = h.state();
    app.visible_contacts()
        .iter()
        .filter_map(|&i| app.network().contacts.get(i))
        .filter_map(|c| app.snapshot().stats(c.id).map(|s| (c.id, s.band, s.overdue_days)))
        .collect()
}

#[test]
fn the_contact_list_filters_by_band_and_by_overdue() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    use rapport::analysis::Band;
    let mut h = harness(Startup::Sample);
    let all = shown_numbers(&h).len();
    h.get_by_role_and_label(Role::ComboBox, "Show").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Giving").click();
    h.run();
    let giving = shown_numbers(&h);
    assert!(!giving.is_empty() && giving.len() < all, "{} of {all}", giving.len());
    assert!(giving.iter().all(|(_, band, _)| *band == Band::Giving), "{giving:?}");
    let expected = h.state().snapshot().contacts.iter().filter(|s| s.band == Band::Giving).count();
    assert_eq!(giving.len(), expected, "every giving contact (none archived)");

    h.get_by_role_and_label(Role::ComboBox, "Show").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Every band").click();
    h.run();
    assert_eq!(shown_numbers(&h).len(), all);
    h.get_by_role_and_label(Role::CheckBox, "Overdue").click();
    h.run();
    let overdue = shown_numbers(&h);
    assert!(!overdue.is_empty() && overdue.len() < all, "{} of {all}", overdue.len());
    assert!(overdue.iter().all(|(_, _, days)| *days > 0), "{overdue:?}");
}

#[test]
fn sorting_by_overdue_follows_a_new_as_of_date() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let mut h = harness(Startup::Sample);
    // The last column: on a narrow list it is scrolled to first.
    h.get_by_role_and_label(Role::Button, "Overdue").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Overdue").click();
    h.run();
    let sorted = |rows: &[(u64, rapport::analysis::Band, i64)]| rows.windows(2).all(|w| w[0].2 >= w[1].2);
    let before = shown_numbers(&h);
    assert!(sorted(&before), "{before:?}");
    // Two months earlier: fewer are overdue, and by fewer days.
    h.state_mut().set_as_of(jiff::civil::date(2026, 9, 20));
    h.run();
    assert_eq!(h.state().snapshot().as_of, Some(jiff::civil::date(2026, 9, 20)));
    let after = shown_numbers(&h);
    assert!(sorted(&after), "the order follows the new numbers: {after:?}");
    assert_ne!(before, after, "the numbers changed with the date");
    let ids = |rows: &[(u64, rapport::analysis::Band, i64)]| rows.iter().map(|r| r.0).collect::<Vec<_>>();
    assert_ne!(ids(&before), ids(&after), "and so did the order");
}

#[test]
fn the_introduction_pickers_are_searchable_at_10k_contacts() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::Queryable;
    let mut h = harness(Startup::Empty);
    let network = rapport::generate::generate(10_000, 20_000, 7);
    let wanted = network.contacts.iter().find(|c| !c.archived).map(|c| (c.id, c.name.clone())).expect("one");
    h.state_mut().load_network(network);
    h.state_mut().show(Page::Introductions, None);
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Find whom to introduce").focus();
    h.run();
    type_keys(&mut h, &wanted.1.to_lowercase());
    let found = h.state().view().intro.find_a.found().to_vec();
    assert!(!found.is_empty() && found.len() <= 50, "the best ≤50: {}", found.len());
    assert!(found.contains(&wanted.0), "{} found", wanted.1);
    assert_eq!(h.state().network().contacts.len(), 10_000);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().intro.new_a, Some(found[0]), "Enter picks the best match");

    // The other picker: type, open the list (the matches only), click one.
    h.get_by_role_and_label(Role::TextInput, "Find whom to introduce to").focus();
    h.run();
    type_keys(&mut h, &wanted.1);
    h.get_by_role_and_label(Role::ComboBox, "to").click();
    h.run();
    let shown = h.state().derived().name(h.state().network(), wanted.0).to_owned();
    let options = h.query_all_by_role(Role::Button).count();
    h.query_all_by_label(&shown).last().expect("the match in the list").click();
    h.run();
    assert_eq!(h.state().view().intro.new_b, Some(wanted.0));
    assert!(options < 100, "the list holds the matches, not 10,000 people: {options} buttons");
}

/// The open promises of the Promises page, in its order.
fn open_promises(h: &H) -> Vec<rapport::model::Commitment> {
    let app = h.state();
    let open = app.derived().open_promises().map(<[usize]>::to_vec).unwrap_or_default();
    open.iter().filter_map(|&i| app.network().commitments.get(i)).cloned().collect()
}

#[test]
fn up_down_and_enter_move_through_the_promises_and_open_the_contact() {
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(rapport::generate::generate(2_000, 20_000, 12));
    crate::common::settle(&mut h);
    h.state_mut().show(Page::Promises, None);
    crate::common::settle(&mut h);
    let promises = open_promises(&h);
    assert!(promises.len() > 60, "enough promises to scroll: {}", promises.len());
    let highlight = |h: &H| h.state().view().promise_highlight;
    let selected = h.state().view().selected;
    press(&mut h, Key::ArrowDown);
    assert_eq!(highlight(&h), Some(promises[0].id), "Down with nothing highlighted: the first row");
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowUp);
    assert_eq!(highlight(&h), Some(promises[1].id), "in the page's order");
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::ArrowUp);
    assert_eq!(highlight(&h), Some(promises[0].id), "the first row stays the first");
    assert_eq!(h.state().view().selected, selected, "the contact list does not move meanwhile");
    // Far down the list: the page scrolls the row into view (only rows in view are drawn).
    for _ in 0..60 {
        press(&mut h, Key::ArrowDown);
    }
    h.run();
    let target = &promises[60];
    assert_eq!(highlight(&h), Some(target.id));
    let window = h.ctx.content_rect();
    let name = h.state().derived().name(h.state().network(), target.contact).to_owned();
    let row = h
        .get_all(egui_kittest::kittest::by().role(egui::accesskit::Role::Link).label(&name))
        .map(|link| link.rect())
        .find(|r| window.contains_rect(*r) && r.left() > window.width() * 0.4);
    assert!(row.is_some(), "the 61st promise's contact {name} is drawn in the page, in the window");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().page, Page::Contacts, "Enter opens the promise's contact");
    assert_eq!(h.state().view().selected, Some(target.contact));
}

/// Any list of the dashboard: once one of its rows has the keyboard (Tab, or a row
/// focused), Up and Down move it to the row above or below, and Enter opens that row's
/// contact, as a click would.
#[test]
fn up_down_and_enter_move_through_a_dashboard_list_once_a_row_has_the_keyboard() {
    let mut h = harness(Startup::Sample);
    h.state_mut().show(Page::Dashboard, None);
    h.run();
    let leaning: Vec<u64> = h.state().derived().snapshot().imbalances.iter().map(|i| i.id).collect();
    assert!(leaning.len() >= 3, "the sample leans one way with several: {leaning:?}");
    let name = |h: &H, id: u64| {
        h.state().network().contacts.iter().find(|c| c.id == id).map(|c| c.name.clone()).expect("a contact")
    };
    // The list's rows: under its heading, in its column (names are in other lists too).
    let heading = h.get_by_label_contains("Leaning one way").rect();
    let row = |h: &H, id: u64| {
        let label = name(h, id);
        let rows: Vec<_> = h
            .query_all_by_label(&label)
            .filter(|n| {
                let r = n.rect();
                (r.left() - heading.left()).abs() < 30.0 && r.top() > heading.top()
            })
            .collect();
        assert_eq!(rows.len(), 1, "one row of {label} in the list");
        rows.into_iter().next().map(|n| n.rect().center()).expect("a row")
    };
    let focused_row = |h: &H, id: u64| {
        let label = name(h, id);
        h.query_all_by_label(&label).filter(|n| n.is_focused()).count() == 1
    };
    let selected = h.state().view().selected;
    let first = row(&h, leaning[0]);
    h.query_all_by_label(&name(&h, leaning[0]))
        .find(|n| n.rect().center() == first)
        .expect("the first row")
        .focus();
    h.run();
    assert!(focused_row(&h, leaning[0]), "the first row has the keyboard");
    press(&mut h, Key::ArrowDown);
    assert!(focused_row(&h, leaning[1]), "Down: the second row");
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::ArrowUp);
    assert!(focused_row(&h, leaning[1]), "Down then Up: the second row again");
    assert_eq!(h.state().view().page, Page::Dashboard, "moving does not change the page");
    assert_eq!(h.state().view().selected, selected, "nor the contact list's selection");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().page, Page::Contacts, "Enter opens the row's contact");
    assert_eq!(h.state().view().selected, Some(leaning[1]));
}

/// At 10k contacts the palette searches on a thread of its own: keys typed a frame
/// each, faster than the searches come back, lose nothing, the list catches up by
/// itself, and Enter right after a name pasted runs the best match of the whole name.
#[test]
fn at_10k_contacts_the_palette_keeps_up_with_fast_typing_and_enter_runs_the_whole_query() {
    use rapport::analysis::find::find_contacts;
    let mut h = harness(Startup::Empty);
    let network = rapport::generate::generate(10_000, 20_000, 7);
    let name = |at: usize| network.contacts[at].name.to_lowercase();
    let (first, second) = (name(4321), name(8765));
    h.state_mut().load_network(network);
    crate::common::settle(&mut h);
    open_palette(&mut h);
    let best = |h: &H, query: &str| find_contacts(h.state().network(), query, 1, true)[0].0;

    for c in second.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.step();
    }
    let query = h.state().view().palette.as_ref().map(|p| p.query.clone());
    assert_eq!(query.as_deref(), Some(second.as_str()), "every key arrived");
    // No key pressed: the list follows once its search is done.
    for _ in 0..400 {
        let palette = h.state().view().palette.as_ref().expect("open");
        if !palette.is_waiting() && !palette.is_behind(h.state().document().revision) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert_eq!(found(&h).first(), Some(&Found::Contact(best(&h, &second))), "the list caught up");

    // A whole name pasted, Enter in the next frame: the list on screen is still the
    // one of the empty query (commands first), but Enter runs the search's best.
    press(&mut h, Key::Escape);
    open_palette(&mut h);
    h.event(egui::Event::Paste(first.clone()));
    h.step();
    let wanted = best(&h, &first);
    press(&mut h, Key::Enter);
    assert!(h.state().view().palette.is_none(), "Enter closes the palette");
    assert_eq!(h.state().view().selected, Some(wanted), "the best match of all that was typed");
}
