//! `rapport due FILE [--on DATE] [--days N] [--format table|json|ics] [-o OUT]
//! [--notify]`: what is coming up ([`analysis::agenda`]), printed or written, and
//! today's items as one desktop notification.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use clap::ValueEnum;
use jiff::civil::Date;

use crate::analysis::{self, AgendaItem, AgendaKind, days};
use crate::{interop, store};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    /// An aligned table with a header.
    Table,
    /// An array of objects: date, kind, contact, name, text, overdue_days, direction.
    Json,
    /// An RFC 5545 calendar, one all-day event per item.
    Ics,
}

/// What `rapport due` was asked for.
#[derive(Clone, Debug)]
pub struct DueRequest<'a> {
    pub file: &'a Path,
    /// `--on` as given (parsed here, so a bad date is an error like a missing file).
    pub on: Option<&'a str>,
    pub days: u32,
    pub format: DueFormat,
    pub out: Option<&'a Path>,
    pub notify: bool,
    pub passphrases: &'a super::Passphrases,
}

/// Runs `rapport due`: nothing is written unless the file loads and the date parses.
pub fn due(request: &DueRequest<'_>) -> anyhow::Result<()> {
    let on = match request.on {
        Some(text) => super::parse_date(text).map_err(|e| anyhow::anyhow!("--on: {e}"))?,
        None => days::today(),
    };
    let network = request.passphrases.load_network(request.file)?;
    let stats = analysis::contact_stats(&network, on);
    let items = analysis::agenda(&network, &stats, on, request.days);
    let bytes = render(&items, on, request.format);
    match request.out {
        Some(out) => store::write_atomic(out, &bytes, false)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                // `rapport due … | head`: the reader has what it wanted.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
                result => result?,
            }
        }
    }
    if request.notify {
        super::notify::notify_today(&items, on);
    }
    // The network is large and about to be freed with the process: skip the work of
    // dropping a million records one by one.
    std::mem::forget(network);
    Ok(())
}

/// The items in one of the formats, as the bytes to print or write.
pub fn render(items: &[AgendaItem], on: Date, format: DueFormat) -> Vec<u8> {
    match format {
        DueFormat::Table => table(items, on).into_bytes(),
        DueFormat::Json => {
            // Dates, strings and integers: serialising cannot fail.
            let mut bytes = serde_json::to_vec_pretty(items).unwrap_or_default();
            bytes.push(b'\n');
            bytes
        }
        DueFormat::Ics => interop::agenda_ics(items, on),
    }
}

/// Widest name and text shown in the table, in characters; longer ones end in "…".
const NAME_WIDTH: usize = 30;
const TEXT_WIDTH: usize = 50;

/// Date, kind, name, text and days overdue (how long the date is past `on`), aligned.
fn table(items: &[AgendaItem], on: Date) -> String {
    let names: Vec<String> = items.iter().map(|i| cell(&i.name, NAME_WIDTH)).collect();
    let texts: Vec<String> = items.iter().map(|i| cell(&i.text, TEXT_WIDTH)).collect();
    let width = |cells: &[String]| cells.iter().map(|c| c.chars().count()).max().unwrap_or(0).max(4);
    let (name_width, text_width) = (width(&names), width(&texts));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10}  {:<8}  {:<name_width$}  {:<text_width$}  {:>7}",
        "date", "kind", "name", "text", "overdue"
    );
    for ((item, name), text) in items.iter().zip(&names).zip(&texts) {
        let text = if text.is_empty() { "—" } else { text.as_str() };
        let overdue = days::day_number(on).saturating_sub(days::day_number(item.date)).max(0);
        let kind = item.kind.label();
        let _ = writeln!(
            out,
            "{:<10}  {kind:<8}  {name:<name_width$}  {text:<text_width$}  {overdue:>7}",
            item.date
        );
    }
    // Trailing blanks of the last column but one are noise in a terminal.
    out.lines().map(str::trim_end).fold(String::with_capacity(out.len()), |mut all, line| {
        all.push_str(line);
        all.push('\n');
        all
    })
}

/// One line of at most `width` characters: line breaks and other controls as spaces.
fn cell(text: &str, width: usize) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if flat.chars().count() <= width {
        return flat;
    }
    let mut short: String = flat.chars().take(width.saturating_sub(1)).collect();
    short.push('…');
    short
}

/// The items a notification for `on` is about: dated on or before it.
pub fn today_items(items: &[AgendaItem], on: Date) -> Vec<&AgendaItem> {
    items.iter().filter(|item| item.date <= on).collect()
}

/// One line of a notification or summary: what you can do next.
pub fn describe(item: &AgendaItem) -> String {
    let mut line = interop::ics_summary(item);
    if item.kind == AgendaKind::CheckIn && item.overdue_days > 0 {
        let _ = write!(line, " ({} days overdue)", item.overdue_days);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn item(date: Date, kind: AgendaKind, name: &str, text: &str) -> AgendaItem {
        AgendaItem {
            date,
            kind,
            contact: 1,
            name: name.to_owned(),
            text: text.to_owned(),
            overdue_days: 0,
            direction: (kind == AgendaKind::Promise).then_some(Direction::Gave),
            commitment: None,
            date_index: None,
        }
    }

    #[test]
    fn the_table_is_aligned_and_flat() {
        let on = Date::constant(2025, 2, 10);
        let items = [
            item(Date::constant(2025, 2, 1), AgendaKind::Promise, "Ann", "Draft\nthe post"),
            item(Date::constant(2025, 2, 12), AgendaKind::CheckIn, "Bartholomew", ""),
        ];
        let text = table(&items, on);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "date        kind      name         text            overdue");
        assert_eq!(lines[1], "2025-02-01  promise   Ann          Draft the post        9");
        assert_eq!(lines[2], "2025-02-12  check-in  Bartholomew  —                     0");
        assert_eq!(cell(&"é".repeat(60), 50).chars().count(), 50);
    }
}
