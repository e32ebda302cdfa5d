//! The README's table of what the window does names every keyboard shortcut the code
//! has, and no other.

use std::collections::BTreeSet;

/// `Ctrl+…` shortcuts in the README's "Using it" table rows ("Ctrl+1 … Ctrl+9" is the
/// nine of them; "Ctrl+wheel" is not a key).
fn readme_shortcuts(readme: &str) -> BTreeSet<String> {
    let section = readme.split("## Using it").nth(1).expect("a “Using it” section");
    let section = section.split("\n## ").next().unwrap_or(section);
    let mut found = BTreeSet::new();
    for row in section.lines().filter(|l| l.starts_with('|')) {
        if row.contains("Ctrl+1 … Ctrl+9") {
            found.extend((1..=9).map(|n| format!("Ctrl+{n}")));
        }
        let mut rest = row;
        while let Some(at) = rest.find("Ctrl+") {
            rest = &rest[at + "Ctrl+".len()..];
            let shift = rest.starts_with("Shift+");
            let after = if shift { &rest["Shift+".len()..] } else { rest };
            let mut chars = after.chars();
            let (Some(key), next) = (chars.next(), chars.next()) else { continue };
            let whole_key = next.is_none_or(|c| !c.is_alphanumeric());
            if (key.is_ascii_uppercase() || key.is_ascii_digit()) && whole_key {
                found.insert(format!("Ctrl+{}{key}", if shift { "Shift+" } else { "" }));
            }
        }
    }
    found
}

#[test]
fn the_readme_names_every_shortcut_of_the_code_and_no_other() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let in_code: BTreeSet<String> = rapport::state::shortcut_table()
        .iter()
        .map(|row| row.keys.format(&egui::ModifierNames::NAMES, false))
        .collect();
    let in_readme = readme_shortcuts(&readme);
    let missing: Vec<_> = in_code.difference(&in_readme).collect();
    let extra: Vec<_> = in_readme.difference(&in_code).collect();
    assert!(missing.is_empty(), "shortcuts of the code the README does not name: {missing:?}");
    assert!(extra.is_empty(), "shortcuts the README names that the code has not: {extra:?}");
    // Nine pages, Ctrl+1 … Ctrl+9, each its own.
    let pages = rapport::state::shortcut_table().iter().filter(|row| row.what.starts_with("Show ")).count();
    assert_eq!(pages, rapport::state::Page::ALL.len());
    assert_eq!(pages, 9);
    assert_eq!(in_code.len(), rapport::state::shortcut_table().len(), "no two rows share keys");
}

#[test]
fn the_readme_scan_reads_ranges_and_skips_what_is_not_a_key() {
    let readme = "## Using it\n| | |\n| Pages | Ctrl+1 … Ctrl+9 apart |\n| Map | Ctrl+wheel zooms, Ctrl+Shift+S, Ctrl+E. |\n## Next\n| x | Ctrl+Q |\n";
    let found = readme_shortcuts(readme);
    assert_eq!(found.len(), 11, "{found:?}");
    assert!(found.contains("Ctrl+Shift+S") && found.contains("Ctrl+E") && found.contains("Ctrl+5"));
    assert!(!found.contains("Ctrl+Q"), "outside the section");
}
