//! The command line (clap): either a subcommand, or the window with an optional file.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use jiff::civil::Date;

use crate::analysis::{self, days};
use crate::store;

pub mod due;
mod encryption;
mod interop_commands;
mod map;
mod merge;
mod notify;
pub mod passphrase;
pub mod progress;
pub use due::DueFormat;
pub use interop_commands::{ExportFormat, ImportFormatArg, ReportFormat, describe_preview, report_period};
pub use passphrase::Passphrases;

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
    /// The passphrase of encrypted networks (NAME.ron.age): the first line of this
    /// file. Without it, an encrypted file asks on the terminal.
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
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
    /// What is coming up: check-ins, promises and important dates, overdue ones
    /// included, as a table, JSON or an iCalendar file.
    Due {
        file: PathBuf,
        /// The date to list for (YYYY-MM-DD); today by default.
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
        /// How many days after the date to look ahead.
        #[arg(long, value_name = "N", default_value_t = 7)]
        days: u32,
        #[arg(long, value_enum, default_value_t = DueFormat::Table)]
        format: DueFormat,
        /// Write here (atomically) instead of standard output.
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
        /// Also show one desktop notification of the items dated on or before the date.
        #[arg(long)]
        notify: bool,
    },
    /// Import contacts from a vCard file, LinkedIn's Connections.csv or any CSV.
    Import {
        src: PathBuf,
        /// The network file to add to (created when missing).
        #[arg(long)]
        into: PathBuf,
        /// Guessed from the file name and content when omitted.
        #[arg(long, value_enum)]
        format: Option<ImportFormatArg>,
        /// The file's text encoding (windows-1252, shift_jis, utf-16le …), when the
        /// one found from its bytes is wrong. A byte-order mark still wins.
        #[arg(long, value_name = "NAME", value_parser = interop_commands::parse_encoding)]
        encoding: Option<crate::interop::Encoding>,
        /// Print what would be added and merged; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export contacts (vCard 4.0), the ledger (CSV) or the whole network (JSON).
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
    },
    /// Write a realistic synthetic network: every record type, a few close contacts
    /// and a long tail, years of dates. The same seed gives the same bytes.
    Generate {
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=MAX_GENERATED_CONTACTS))]
        contacts: u64,
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=MAX_GENERATED_EXCHANGES))]
        exchanges: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The network file to write (replaced atomically; a previous one is kept as .bak).
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
    },
    /// Three-way merge of two copies of a network edited apart (two devices, a sync
    /// conflict), given their common ancestor BASE. Each conflict is printed on its own line.
    Merge {
        base: PathBuf,
        mine: PathBuf,
        theirs: PathBuf,
        /// The merged network (written atomically; MINE, THEIRS and BASE are not changed).
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
    },
    /// Encrypt a network file with a passphrase (the age format: any age tool opens it).
    Encrypt {
        file: PathBuf,
        /// The encrypted file to write (FILE.age by default; never replaced).
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
    /// Decrypt an encrypted network file into a plaintext one.
    Decrypt {
        file: PathBuf,
        /// The plaintext file to write (FILE without .age by default; never replaced).
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
    /// The contribution report of a period (the last full quarter by default).
    Report {
        file: PathBuf,
        /// First day (YYYY-MM-DD).
        #[arg(long, value_parser = parse_date)]
        from: Option<Date>,
        /// The day after the last (exclusive).
        #[arg(long, value_parser = parse_date)]
        to: Option<Date>,
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        /// Write here instead of standard output.
        #[arg(short = 'o', long = "output")]
        out: Option<PathBuf>,
    },
    /// The network map as a self-contained SVG: you at the centre, closer the more
    /// was given and received, introductions made as lines.
    Map {
        file: PathBuf,
        /// The date to draw for (YYYY-MM-DD); today by default.
        #[arg(long, value_parser = parse_date)]
        on: Option<Date>,
        /// The SVG file to write (atomically).
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
    },
}

/// The most contacts `generate` makes: about 400 MB of file.
pub const MAX_GENERATED_CONTACTS: u64 = 1_000_000;
/// The most exchanges `generate` makes: about 800 MB of file, below the most Rapport
/// opens ([`store::MAX_FILE_BYTES`]).
pub const MAX_GENERATED_EXCHANGES: u64 = 4_000_000;

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
/// Encrypted networks are opened with `passphrases`.
pub fn run(command: Subcommands, passphrases: &Passphrases) -> ExitCode {
    let result = match command {
        Subcommands::Check { file } => return check(&file, passphrases),
        Subcommands::Balance { file, on, format } => {
            balance(&file, on.unwrap_or_else(days::today), format, passphrases)
        }
        Subcommands::Due { file, on, days, format, out, notify } => due::due(&due::DueRequest {
            file: &file,
            on: on.as_deref(),
            days,
            format,
            out: out.as_deref(),
            notify,
            passphrases,
        }),
        Subcommands::Import { src, into, format, encoding, dry_run } => {
            interop_commands::import(&src, &into, format, encoding, dry_run, passphrases)
        }
        Subcommands::Export { file, format, out } => {
            interop_commands::export(&file, format, &out, passphrases)
        }
        Subcommands::Report { file, from, to, format, out } => {
            interop_commands::report(&file, from, to, format, out.as_deref(), passphrases)
        }
        Subcommands::Merge { base, mine, theirs, out } => merge::merge(
            &merge::MergeRequest { base: &base, mine: &mine, theirs: &theirs, out: &out },
            passphrases,
        ),
        Subcommands::Generate { contacts, exchanges, seed, out } => {
            generate(contacts, exchanges, seed, &out, passphrases)
        }
        Subcommands::Encrypt { file, out } => encryption::encrypt(&file, out.as_deref(), passphrases),
        Subcommands::Decrypt { file, out } => encryption::decrypt(&file, out.as_deref(), passphrases),
        Subcommands::Map { file, on, out } => {
            map::map(&file, on.unwrap_or_else(days::today), &out, passphrases)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`rapport balance FILE | head -1`): it has what it wanted.
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("rapport: {}", describe_error(&error));
            ExitCode::FAILURE
        }
    }
}

/// Whether `error` comes from writing to a pipe whose reader has closed it.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    let broken = |kind: std::io::ErrorKind| kind == std::io::ErrorKind::BrokenPipe;
    error.chain().any(|cause| {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            broken(io.kind())
        } else if let Some(csv) = cause.downcast_ref::<csv::Error>() {
            matches!(csv.kind(), csv::ErrorKind::Io(io) if broken(io.kind()))
        } else if let Some(json) = cause.downcast_ref::<serde_json::Error>() {
            json.io_error_kind().is_some_and(broken)
        } else {
            false
        }
    })
}

/// An error and its causes, each said once: a cause whose text the message already
/// holds (as "cannot read the file: No such file or directory" holds its I/O error) is
/// not repeated.
pub fn describe_error(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let part = cause.to_string();
        if text.contains(&part) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&part);
    }
    text
}

fn check(file: &std::path::Path, passphrases: &Passphrases) -> ExitCode {
    // A closed pipe ends the output quietly (`println!` would panic).
    let mut out = std::io::stdout().lock();
    match passphrases.load_network(file) {
        Ok(network) => {
            let _ = writeln!(out, "{}: ok: {}", file.display(), network.counts().join(", "));
            ExitCode::SUCCESS
        }
        Err(error) => {
            match error.downcast_ref::<store::LoadError>() {
                Some(error) => {
                    for line in error.lines() {
                        if writeln!(out, "{line}").is_err() {
                            break;
                        }
                    }
                }
                None => eprintln!("rapport: {}", describe_error(&error)),
            }
            ExitCode::FAILURE
        }
    }
}

fn balance(
    file: &std::path::Path,
    on: Date,
    format: BalanceFormat,
    passphrases: &Passphrases,
) -> anyhow::Result<()> {
    let network = passphrases.load_network(file)?;
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
                "{:>5}  {:<name_width$}  {:>8}  {:>8}  {:>6}  {:<9}  {:<10}  {:<10}  {:>7}  {:>8}",
                "id", "name", "given", "received", "share", "band", "last_touch", "due", "overdue", "mutual"
            )?;
            for r in &rows {
                let share = r.share.map_or_else(|| "—".to_owned(), |s| format!("{s:.2}"));
                let due = r.due.map_or_else(|| "—".to_owned(), |d| d.to_string());
                let name: String = r.name.chars().take(name_width).collect();
                writeln!(
                    out,
                    "{:>5}  {:<name_width$}  {:>8.2}  {:>8.2}  {:>6}  {:<9}  {:<10}  {:<10}  {:>7}  {:>8.2}",
                    r.id,
                    name,
                    r.given,
                    r.received,
                    share,
                    r.band.label(),
                    r.last_touch,
                    due,
                    r.overdue_days,
                    r.mutual
                )?;
            }
        }
    }
    Ok(())
}

fn generate(
    contacts: u64,
    exchanges: u64,
    seed: u64,
    out: &std::path::Path,
    passphrases: &Passphrases,
) -> anyhow::Result<()> {
    if contacts == 0 && exchanges > 0 {
        anyhow::bail!("--exchanges {exchanges} needs at least one contact (--contacts 0 was given)");
    }
    // OUT.age is written encrypted.
    let key = passphrases.for_new_file(out)?;
    // Both are bounded far below usize::MAX by the argument parser.
    let (contacts, exchanges) = (usize::try_from(contacts)?, usize::try_from(exchanges)?);
    let network =
        progress::with_spinner(&format!("generating {contacts} contacts, {exchanges} exchanges"), || {
            crate::generate::generate(contacts, exchanges, seed)
        });
    let text = progress::with_spinner("encoding the network", || store::to_string(&network));
    if text.len() as u64 > store::MAX_FILE_BYTES {
        anyhow::bail!(
            "{}: not written: {} MiB is more than the {} MiB Rapport opens; ask for fewer records",
            out.display(),
            text.len() >> 20,
            store::MAX_FILE_BYTES >> 20
        );
    }
    let text = zeroize::Zeroizing::new(text);
    progress::with_spinner(&format!("writing {}", out.display()), || {
        store::save_text_stamped_with_key(out, &text, key.as_deref())
    })?;
    println!("{}: wrote {} (seed {seed})", out.display(), network.counts().join(", "));
    Ok(())
}
