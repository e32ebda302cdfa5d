//! What DESIGN.md fixes and several test binaries check, written out once here from
//! DESIGN.md itself (never from the code under test).

/// The top-level keys of `rapport report --format json`, in DESIGN.md's order.
pub const REPORT_JSON_KEYS: [&str; 10] = [
    "from",
    "to",
    "given",
    "received",
    "by_kind",
    "people_helped",
    "new_people_helped",
    "introductions_made",
    "capacity",
    "unthanked",
];
