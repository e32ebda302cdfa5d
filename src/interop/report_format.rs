//! The formats a contribution report is written in.

use super::Report;

/// Saving a report in one of its formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Markdown,
    Html,
    Csv,
    Json,
}

impl ReportFormat {
    pub const ALL: [Self; 4] = [Self::Markdown, Self::Html, Self::Csv, Self::Json];

    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
            Self::Csv => "CSV",
            Self::Json => "JSON",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }

    pub fn render(self, report: &Report) -> Vec<u8> {
        match self {
            Self::Markdown => report.to_markdown().into_bytes(),
            Self::Html => report.to_html().into_bytes(),
            Self::Csv => report.to_csv(),
            Self::Json => report.to_json(),
        }
    }
}
