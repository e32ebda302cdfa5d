//! Converts between a [`Network`](crate::model::Network) and other formats, from and
//! to bytes — never touching disk (the caller reads and writes files):
//!
//! - import: vCard 2.1/3.0/4.0, LinkedIn's `Connections.csv`, any CSV through a
//!   [`CsvMapping`]; always a preview first ([`preview_import`]), then one undoable
//!   [`Edit`](crate::model::Edit) ([`apply_import`]);
//! - export: contacts as vCard 4.0, the ledger as CSV, the network as JSON;
//! - the contribution [`Report`] of a period, as Markdown, HTML, CSV or JSON;
//! - the agenda of `rapport due` as an RFC 5545 calendar ([`agenda_ics`]).

mod csv_import;
mod csv_mapping;
mod export;
mod ics;
mod import;
mod linkedin;
mod map_svg;
mod report_format;
mod report_html;
mod report_text;
mod text;
mod vcard;

pub use crate::analysis::period::Period;
pub use crate::analysis::report::{
    CapacityRow, Helper, IntroductionLine, KindCounts, MonthRow, PromiseLine, Report, TOP_HELPERS, Totals,
    WinLine,
};
pub use csv_import::csv_headers;
pub use csv_mapping::{CsvMapping, guess_mapping};
pub use export::{export_json, export_ledger_csv, export_vcard, neutralise_cell};
pub use ics::{ICS_PRODID, agenda_ics, ics_summary, ics_uid};
pub use import::{
    Duplicate, DuplicateChoice, DuplicateReason, ImportChoices, ImportPlan, ImportPreview, Unreadable,
    apply_import, merge_contact, plan_import,
};
pub use map_svg::{map_svg, map_svg_file, xml_text};
pub use report_format::ReportFormat;
pub use text::{
    COMMON_ENCODINGS, MAX_FILE_BYTES, MAX_LINE_BYTES, MAX_RECORDS, ReadAs, Why, encoding_for_label,
    encoding_label,
};

/// An encoding of `encoding_rs`, the one kind the importers take.
pub type Encoding = &'static encoding_rs::Encoding;

use jiff::civil::Date;

use crate::model::Network;

/// The formats [`preview_import`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImportFormat {
    Vcard,
    /// LinkedIn's `Connections.csv` data export.
    Linkedin,
    /// Any other CSV, read through a [`CsvMapping`].
    Csv,
}

impl ImportFormat {
    pub fn label(self) -> &'static str {
        match self {
            Self::Vcard => "vCard",
            Self::Linkedin => "LinkedIn Connections.csv",
            Self::Csv => "CSV",
        }
    }

    /// The format of a file, from its name's extension and, failing that, its content.
    pub fn guess(file_name: &str, bytes: &[u8]) -> Self {
        let head = text::head_text(bytes).to_lowercase();
        let extension = file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let looks_vcard = head.lines().any(|l| l.trim() == "begin:vcard");
        if matches!(extension.as_str(), "vcf" | "vcard") || (extension != "csv" && looks_vcard) {
            Self::Vcard
        } else if linkedin::looks_like_linkedin(&head) {
            Self::Linkedin
        } else {
            Self::Csv
        }
    }
}

/// How to read an import: the format, with the column mapping for a generic CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportSource {
    Vcard,
    Linkedin,
    Csv(CsvMapping),
}

/// Why a file could not be imported at all. Nothing was changed.
/// Display: `FILE: PLACE: message`, e.g. `contacts.vcf: card 3 (line 40): no END:VCARD`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", place.as_ref().map(|p| format!("{p}: ")).unwrap_or_default())]
pub struct ImportError {
    /// The file's name as given by the caller.
    pub file: String,
    /// `"line 12"`, `"card 3 (line 40)"`; `None` when the whole file is at fault.
    pub place: Option<String>,
    pub message: String,
}

/// A problem found while reading, before the file name is known to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ReadError {
    pub place: Option<String>,
    pub message: String,
}

impl ReadError {
    pub(crate) fn at(place: impl Into<String>, message: impl Into<String>) -> Self {
        Self { place: Some(place.into()), message: message.into() }
    }

    pub(crate) fn whole(message: impl Into<String>) -> Self {
        Self { place: None, message: message.into() }
    }

    fn in_file(self, file: &str) -> ImportError {
        ImportError { file: file.to_owned(), place: self.place, message: self.message }
    }
}

/// Reads `bytes` (the file named `file_name`, used only in messages) and compares the
/// contacts in it with `network`: new contacts, likely duplicates, unreadable records.
/// Imported contacts are dated `today` unless the source has a date (LinkedIn's
/// "Connected On"). The file's encoding is found as [`ReadAs`] tells, unless
/// `encoding` names one. Pure: nothing changes until [`apply_import`]'s edit is
/// applied.
pub fn preview_import(
    network: &Network,
    file_name: &str,
    bytes: &[u8],
    source: &ImportSource,
    encoding: Option<Encoding>,
    today: Date,
) -> Result<ImportPreview, ImportError> {
    let parsed = match source {
        ImportSource::Vcard => vcard::read(bytes, encoding, today),
        ImportSource::Linkedin => linkedin::read(bytes, encoding, today),
        ImportSource::Csv(mapping) => csv_import::read(bytes, mapping, encoding, today),
    }
    .map_err(|e| e.in_file(file_name))?;
    Ok(import::preview(network, parsed))
}
