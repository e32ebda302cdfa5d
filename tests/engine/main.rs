//! Everything under the window: model, store, analysis, interop, and the command line
//! run as the real binary.
//!
//! One test binary for all of them (one link rather than one per file), in modules by
//! subject. Tests that need a second process run this binary again with `--exact
//! module::test` (see `store_support::child_command`).

#[path = "../shared/design.rs"]
mod design;
mod interop_support;
mod network_strategy;
mod store_support;

mod analysis;
mod changed_elsewhere;
mod cli_balance;
mod cli_check;
mod cli_due;
mod cli_due_notify;
mod cli_encryption;
mod cli_generate;
mod cli_interop;
mod crash_safety;
mod derived;
mod encrypted_leaks;
mod encryption;
mod format2;
mod give_well;
mod hostile;
mod import_encodings;
mod incremental;
mod interop_export;
mod interop_import;
mod interop_report;
mod layering;
mod merge;
mod names;
mod network_map;
mod recovery;
mod reliability;
mod sample_shift;
mod shortcuts;
mod store;
mod store_parallel;
mod validation;
