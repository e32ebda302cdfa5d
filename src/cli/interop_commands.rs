//! `rapport import`, `rapport export` and `rapport report`: read the files, call
//! [`crate::interop`], print or write the result.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;

use anyhow::{Context, bail};
use clap::ValueEnum;
use jiff::ToSpan;
use jiff::civil::Date;

use crate::analysis::days;
use crate::interop::{
    self, ImportChoices, ImportFormat, ImportPreview, ImportSource, MAX_FILE_BYTES, Period, Report,
};
use crate::model::{Contact, Network};
use crate::store;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormatArg {
    Vcard,
    Linkedin,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Contacts as vCard 4.0.
    Vcard,
    /// The ledger: one row per exchange.
    Csv,
    /// The whole network, shaped like the RON file.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
    Json,
}

/// Reads an import source, refusing files larger than an import reads.
fn read_source(path: &Path) -> anyhow::Result<Vec<u8>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("{}: cannot read the file", path.display()))?;
    let mut bytes = Vec::new();
    let limit = u64::try_from(MAX_FILE_BYTES).unwrap_or(u64::MAX) + 1;
    file.take(limit)
        .read_to_end(&mut bytes)
        .with_context(|| format!("{}: cannot read the file", path.display()))?;
    if bytes.len() > MAX_FILE_BYTES {
        bail!("{}: the file is larger than the {} MiB an import reads", path.display(), MAX_FILE_BYTES >> 20);
    }
    Ok(bytes)
}

/// Locks `document` for this command's write. Refused when a live Rapport has it
/// open; without a lock (a folder where none can be written) the import goes on.
fn lock_for_writing(document: &Path) -> anyhow::Result<Option<store::DocumentLock>> {
    match store::DocumentLock::acquire(document) {
        Ok(lock) => Ok(Some(lock)),
        Err(store::LockError::HeldBy { path, pid, host, .. }) => bail!(
            "{} is open in Rapport (process {pid} on {host}): import there with File > Import…, \
             or close it there first; nothing was changed",
            path.display()
        ),
        Err(error @ store::LockError::Io { .. }) => {
            eprintln!("rapport: {error}; importing without a lock");
            Ok(None)
        }
    }
}

/// `--encoding NAME`: any label `encoding_rs` knows.
pub fn parse_encoding(label: &str) -> Result<interop::Encoding, String> {
    interop::encoding_for_label(label).ok_or_else(|| {
        format!(
            "unknown encoding \"{label}\" (any WHATWG label: utf-8, utf-16le, utf-16be, windows-1252, \
             iso-8859-15, shift_jis, euc-jp, gb18030, big5, koi8-r …)"
        )
    })
}

pub fn import(
    src: &Path,
    into: &Path,
    format: Option<ImportFormatArg>,
    encoding: Option<interop::Encoding>,
    dry_run: bool,
    passphrases: &super::Passphrases,
) -> anyhow::Result<()> {
    let bytes = read_source(src)?;
    let name = src.display().to_string();
    // A Rapport window editing the file would overwrite the import with its next save.
    let _lock = if dry_run { None } else { lock_for_writing(into)? };
    // An encrypted file stays encrypted; a new one is when its name ends in .age.
    let (network, stamp, key) = if into.exists() {
        let loaded = passphrases.load(into)?;
        (loaded.network, Some(loaded.stamp), loaded.key)
    } else if dry_run {
        (Network::default(), None, None)
    } else {
        (Network::default(), None, passphrases.for_new_file(into)?)
    };
    let format = match format {
        Some(ImportFormatArg::Vcard) => ImportFormat::Vcard,
        Some(ImportFormatArg::Linkedin) => ImportFormat::Linkedin,
        Some(ImportFormatArg::Csv) => ImportFormat::Csv,
        None => ImportFormat::guess(&name, &bytes),
    };
    let mut out = std::io::stdout().lock();
    let source = match format {
        ImportFormat::Vcard => ImportSource::Vcard,
        ImportFormat::Linkedin => ImportSource::Linkedin,
        ImportFormat::Csv => {
            let headers = interop::csv_headers(&name, &bytes, encoding)?;
            let mapping = interop::guess_mapping(&headers);
            if !mapping.is_usable() {
                bail!("{name}: no column looks like a name or an email (columns: {})", headers.join(", "));
            }
            let columns: Vec<String> = mapping
                .describe(&headers)
                .iter()
                .map(|(field, header)| format!("{field} ← \"{header}\""))
                .collect();
            writeln!(out, "{name}: columns: {}", columns.join(", "))?;
            ImportSource::Csv(mapping)
        }
    };
    let preview = interop::preview_import(&network, &name, &bytes, &source, encoding, days::today())?;
    let choices = ImportChoices::default();
    if dry_run {
        out.write_all(describe_preview(&name, format, &network, &preview).as_bytes())?;
        writeln!(out, "dry run: {} was not changed", into.display())?;
        return Ok(());
    }
    if preview.read_as.why != interop::Why::ValidUtf8 {
        writeln!(out, "{name}: {}", preview.read_as.describe())?;
    }
    for warning in &preview.warnings {
        eprintln!("rapport: {name}: {}: {} (warning)", warning.place, warning.reason);
    }
    for unreadable in &preview.unreadable {
        eprintln!("rapport: {name}: {}: {} (skipped)", unreadable.place, unreadable.reason);
    }
    let plan = interop::plan_import(&network, &preview, &choices);
    if plan.is_empty() && into.exists() {
        writeln!(out, "{}: nothing new in {name}; the file was not changed", into.display())?;
        return Ok(());
    }
    let (added, merged) = (plan.added.len(), plan.merged.len());
    let mut network = network;
    let _undo = plan.into_edit().apply(&mut network);
    // The new file descends from the one read.
    network.parent = stamp.map(|stamp| stamp.lineage());
    let upgraded = network.version < crate::model::FORMAT_VERSION;
    let written = super::progress::with_spinner(&format!("writing {}", into.display()), || {
        store::save_stamped_with_key(into, &network, key.as_deref())
    })?;
    // The version read and the one written, kept by hash as the window keeps them.
    if let Some(history) = store::History::at_default_location() {
        let key = store::RecoveryKey::for_document(into);
        // The version read is the backup now.
        let backup = store::backup_path(into);
        let read = stamp.map(|s| (backup.as_path(), s.lineage()));
        for (file, lineage) in read.into_iter().chain([(into, written.lineage())]) {
            if let Err(error) = history.keep(&key, file, &lineage) {
                eprintln!("rapport: {}: not kept in the history of versions: {error}", into.display());
            }
        }
    }
    if upgraded {
        writeln!(
            out,
            "{}: upgraded from file format version {} to {}: Rapport releases that read only version {} \
             cannot open it now; {}.bak keeps the old file",
            into.display(),
            network.version,
            crate::model::FORMAT_VERSION,
            network.version,
            into.display()
        )?;
    }
    writeln!(
        out,
        "{}: added {added} {}, merged {merged} into existing ones (from {name})",
        into.display(),
        if added == 1 { "contact" } else { "contacts" }
    )?;
    Ok(())
}

/// The preview as `import --dry-run` prints it.
pub fn describe_preview(
    name: &str,
    format: ImportFormat,
    network: &Network,
    preview: &ImportPreview,
) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{name} ({}, {}): {} new, {} already in the network, {} unreadable",
        format.label(),
        preview.read_as.describe(),
        preview.new_contacts.len(),
        preview.duplicates.len(),
        preview.unreadable.len()
    );
    if !preview.new_contacts.is_empty() {
        let _ = writeln!(text, "New contacts:");
        for contact in &preview.new_contacts {
            let _ = writeln!(text, "  + {}", one_line(contact));
        }
    }
    if !preview.duplicates.is_empty() {
        let _ = writeln!(text, "Already in the network (merged when imported):");
        for d in &preview.duplicates {
            let existing = network.contact(d.existing).map_or("?", |c| c.name.as_str());
            let adds = if d.adds.is_empty() {
                "nothing new".to_owned()
            } else {
                format!("adds {}", d.adds.join(", "))
            };
            let _ = writeln!(
                text,
                "  = {} → #{} {existing} ({}): {adds}",
                one_line(&d.incoming),
                d.existing,
                d.reason
            );
        }
    }
    if !preview.warnings.is_empty() {
        let _ = writeln!(text, "Read, with warnings:");
        for w in &preview.warnings {
            let _ = writeln!(text, "  ~ {}: {}", w.place, w.reason);
        }
    }
    if !preview.unreadable.is_empty() {
        let _ = writeln!(text, "Could not be read:");
        for u in &preview.unreadable {
            let _ = writeln!(text, "  ! {}: {}", u.place, u.reason);
        }
    }
    text
}

fn one_line(contact: &Contact) -> String {
    let mut line = contact.name.clone();
    if let Some(email) = contact.emails.first() {
        let _ = write!(line, " <{email}>");
    }
    if !contact.organization.is_empty() {
        let _ = write!(line, ", {}", contact.organization);
    }
    line
}

pub fn export(
    file: &Path,
    format: ExportFormat,
    out: &Path,
    passphrases: &super::Passphrases,
) -> anyhow::Result<()> {
    let network = passphrases.load_network(file)?;
    let (bytes, what) = match format {
        ExportFormat::Vcard => (interop::export_vcard(&network.contacts), "contacts as vCard 4.0"),
        ExportFormat::Csv => (interop::export_ledger_csv(&network), "exchanges as CSV"),
        ExportFormat::Json => (interop::export_json(&network), "the network as JSON"),
    };
    store::write_atomic(out, &bytes, false)?;
    println!("{}: wrote {what} from {}", out.display(), file.display());
    Ok(())
}

/// The report's period: both dates given, or the last full quarter; `--from` alone
/// runs through today, `--to` alone covers the three months before it.
pub fn report_period(from: Option<Date>, to: Option<Date>, today: Date) -> anyhow::Result<Period> {
    let tomorrow = days::from_day_number(days::day_number(today) + 1);
    let three_months_before = |to: Date| to.checked_sub(3.months()).unwrap_or(Date::MIN);
    let (from, to) = match (from, to) {
        (None, None) => return Ok(Period::last_full_quarter(today)),
        (Some(from), Some(to)) => (from, to),
        (Some(from), None) => (from, tomorrow),
        (None, Some(to)) => (three_months_before(to), to),
    };
    Period::new(from, to)
        .with_context(|| format!("--from {from} must be before --to {to} (--to is exclusive)"))
}

pub fn report(
    file: &Path,
    from: Option<Date>,
    to: Option<Date>,
    format: ReportFormat,
    out: Option<&Path>,
    passphrases: &super::Passphrases,
) -> anyhow::Result<()> {
    let network = passphrases.load_network(file)?;
    let period = report_period(from, to, days::today())?;
    let report = Report::for_period(&network, period);
    let bytes = match format {
        ReportFormat::Md => crate::interop::ReportFormat::Markdown,
        ReportFormat::Html => crate::interop::ReportFormat::Html,
        ReportFormat::Csv => crate::interop::ReportFormat::Csv,
        ReportFormat::Json => crate::interop::ReportFormat::Json,
    }
    .render(&report, &network);
    match out {
        Some(out) => store::write_atomic(out, &bytes, false)?,
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}
