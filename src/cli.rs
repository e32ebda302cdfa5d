//! The command line (clap): either a subcommand, or the window with an optional file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::analysis::{self, days};
use crate::store;

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "Keep your professional network healthy: balance what you give and what you receive."
)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A network file to open in the window (the sample network if none).
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Subcommands>,
}

#[derive(Debug, Subcommand)]
pub enum Subcommands {
    /// Validate a network file: one summary line, or every problem with its place.
    Check { file: PathBuf },
    /// Given/received balance, band and check-in dates of every contact.
    Balance {
        file: PathBuf,
        /// The date to compute for (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        #[arg(long, value_enum, default_value_t = BalanceFormat::Table)]
        format: BalanceFormat,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BalanceFormat {
    Table,
    Csv,
    Json,
}

/// Parses `YYYY-MM-DD`, with a message that says what was expected.
pub fn parse_date(text: &str) -> Result<Date, String> {
    text.trim().parse::<Date>().map_err(|e| format!("'{text}' is not a date like 2025-07-23 ({e})"))
}

/// Runs a subcommand, printing to stdout/stderr; returns the process exit code.
pub fn run(command: Subcommands) -> ExitCode {
    let result = match command {
        Subcommands::Check { file } => return check(&file),
        Subcommands::Balance { file, on, format } => balance(&file, on.unwrap_or_else(days::today), format),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn check(file: &std::path::Path) -> ExitCode {
    match store::load(file) {
        Ok(network) => {
            println!("{}: ok: {}", file.display(), network.counts().join(", "));
            ExitCode::SUCCESS
        }
        Err(error) => {
            for line in error.lines() {
                println!("{line}");
            }
            ExitCode::FAILURE
        }
    }
}

fn balance(file: &std::path::Path, on: Date, format: BalanceFormat) -> anyhow::Result<()> {
    let network = store::load(file)?;
    let rows = analysis::balance_rows(&network, on);
    let mut out = std::io::stdout().lock();
    match format {
        BalanceFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        BalanceFormat::Csv => {
            // The header is written even when there are no rows.
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
            writer.write_record(analysis::BalanceRow::KEYS)?;
            for row in &rows {
                writer.serialize(row)?;
            }
            writer.flush()?;
        }
        BalanceFormat::Table => {
            let name_width = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(4).clamp(4, 40);
            writeln!(
                out,
                "{:>5}  {:<name_width$}  {:>8}  {:>8}  {:>6}  {:<9}  {:<10}  {:<10}  {:>7}",
                "id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue"
            )?;
            for r in &rows {
                let share = r.share.map_or_else(|| "—".to_owned(), |s| format!("{s:.2}"));
                let name: String = r.name.chars().take(name_width).collect();
                writeln!(
                    out,
                    "{:>5}  {:<name_width$}  {:>8.2}  {:>8.2}  {:>6}  {:<9}  {:<10}  {:<10}  {:>7}",
                    r.id,
                    name,
                    r.given,
                    r.received,
                    share,
                    r.band.label(),
                    r.last_touch,
                    r.due,
                    r.overdue_days
                )?;
            }
        }
    }
    Ok(())
}
