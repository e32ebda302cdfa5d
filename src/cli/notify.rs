//! `rapport due --notify`: one desktop notification (freedesktop's D-Bus
//! notifications, through notify-rust's pure-Rust zbus backend) summarising the
//! items of the day. Without a notification service it says so on stderr and the
//! command goes on.

use jiff::civil::Date;

use super::due::{describe, today_items};
use crate::analysis::AgendaItem;

/// At most this many items are listed in the notification's body.
const BODY_ITEMS: usize = 5;

/// Shows the notification of the items dated on or before `on`; none when there are
/// none. A failure is reported on stderr, never an error of the command.
pub fn notify_today(items: &[AgendaItem], on: Date) {
    let today = today_items(items, on);
    let Some((summary, body)) = notification_text(&today) else { return };
    let shown = notify_rust::Notification::new()
        .appname("Rapport")
        .summary(&summary)
        .body(&body)
        .icon("x-office-calendar")
        .show();
    if let Err(error) = shown {
        eprintln!(
            "rapport: no desktop notification service is running; the notification \"{summary}\" was not shown ({error})"
        );
    }
}

/// The notification's summary and body (escaped for servers that read markup), or
/// `None` when there is nothing for the day.
pub fn notification_text(today: &[&AgendaItem]) -> Option<(String, String)> {
    let count = today.len();
    if count == 0 {
        return None;
    }
    let summary = if count == 1 {
        "Rapport: 1 thing for today".to_owned()
    } else {
        format!("Rapport: {count} things for today")
    };
    let mut lines: Vec<String> =
        today.iter().take(BODY_ITEMS).map(|item| markup_escape(&describe(item))).collect();
    if count > BODY_ITEMS {
        lines.push(format!("and {} more (rapport due)", count - BODY_ITEMS));
    }
    Some((summary, lines.join("\n")))
}

/// The body may be read as markup (the specification's `body-markup`): `&`, `<`, `>`
/// escaped, line breaks kept as the line ends between items only.
fn markup_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AgendaKind;
    use crate::model::Direction;

    #[test]
    fn summarises_the_day_and_escapes_markup() {
        let item = |kind, name: &str, text: &str, overdue_days| AgendaItem {
            date: Date::constant(2025, 2, 10),
            kind,
            contact: 1,
            name: name.to_owned(),
            text: text.to_owned(),
            overdue_days,
            direction: (kind == AgendaKind::Promise).then_some(Direction::Gave),
            commitment: Some(1),
            date_index: None,
        };
        assert_eq!(notification_text(&[]), None);
        let items: Vec<AgendaItem> = (0..7)
            .map(|i| match i {
                0 => item(AgendaKind::CheckIn, "Ann", "", 10),
                1 => item(AgendaKind::Promise, "Bo & Co", "<b>deck</b>\nnow", 0),
                _ => item(AgendaKind::Date, "Cy", "Birthday", 0),
            })
            .collect();
        let refs: Vec<&AgendaItem> = items.iter().collect();
        let (summary, body) = notification_text(&refs).unwrap_or_default();
        assert_eq!(summary, "Rapport: 7 things for today");
        let lines: Vec<&str> = body.lines().collect();
        assert_eq!(lines.len(), 6, "{body}");
        assert_eq!(lines[0], "Check in with Ann (10 days overdue)");
        assert_eq!(lines[1], "Promise to Bo &amp; Co: &lt;b&gt;deck&lt;/b&gt; now");
        assert_eq!(lines[5], "and 2 more (rapport due)");
        let one = notification_text(&refs[..1]).unwrap_or_default();
        assert_eq!(one.0, "Rapport: 1 thing for today");
    }
}
