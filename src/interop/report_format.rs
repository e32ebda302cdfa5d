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

    /// The report of `network` in this format; HTML holds the network map of the
    /// period's last day.
    pub fn render(self, report: &Report, network: &crate::model::Network) -> Vec<u8> {
        match self {
            Self::Markdown => report.to_markdown().into_bytes(),
            Self::Html => {
                let (layout, map) = crate::analysis::NetworkMap::on(network, report.period().last_day());
                report.to_html_with_map(&super::map_svg(network, &layout, &map)).into_bytes()
            }
            Self::Csv => report.to_csv(),
            Self::Json => report.to_json(),
        }
    }
}
