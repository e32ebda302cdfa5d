//! Rapport: keep a professional network healthy by balancing what you give and
//! what you receive. See DESIGN.md for the architecture; `main.rs` is a thin shell.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod generate;
pub mod interop;
pub mod model;
pub mod palette;
pub mod state;
pub mod store;
pub mod ui;
