//! The window driven as a user drives it: egui_kittest harnesses, headless.
//!
//! One test binary for all of them (one link of eframe and wgpu rather than one per
//! file), in modules by subject.

mod common;
#[path = "../shared/design.rs"]
mod design;

mod app_flows;
mod big_files;
mod conversations;
mod dashboard_flows;
mod dates;
mod dialog_fit;
mod discard;
mod encryption_flows;
mod finding;
mod forms;
mod forms_dialogs;
mod give_well_flows;
mod held_rows;
mod idle;
mod interop_flows;
mod layout_sizes;
mod network_page;
mod never_lose;
mod one_truth;
mod open_errors;
mod pages;
mod plots;
mod same_names;
mod sync_conflicts;
mod toasts;
mod typing_batches;
mod welcome;
