//! The report as Markdown, CSV and JSON.

use std::fmt::Write;

use super::export::neutralise_cell;
use crate::analysis::report::Report;
use crate::model::Direction;

impl Report {
    /// Markdown; user-written text is escaped so it shows as written.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        let _ = self.write_markdown(&mut md);
        md
    }

    fn write_markdown(&self, md: &mut String) -> std::fmt::Result {
        let period = self.period();
        writeln!(md, "# Contribution report: {}\n", period.label())?;
        let owner = if self.owner.trim().is_empty() {
            String::new()
        } else {
            format!("{} · ", md_text(&self.owner))
        };
        writeln!(md, "{owner}{} to {} (inclusive)\n", self.from, period.last_day())?;

        writeln!(md, "## Given and received\n")?;
        writeln!(md, "| | Count | Hours | Value |\n| --- | ---: | ---: | ---: |")?;
        for (label, t) in [("Given", &self.given), ("Received", &self.received)] {
            writeln!(md, "| {label} | {} | {} | {} |", t.count, number(t.hours), t.value)?;
        }
        let kinds: Vec<_> = self.by_kind.iter().filter(|(_, c)| c.given + c.received > 0).collect();
        if !kinds.is_empty() {
            writeln!(md, "\n| Kind | Given | Received |\n| --- | ---: | ---: |")?;
            for (kind, counts) in kinds {
                writeln!(md, "| {} | {} | {} |", kind.label(), counts.given, counts.received)?;
            }
        }

        writeln!(md, "\n## People\n")?;
        writeln!(
            md,
            "- People you helped: {} ({} new, {} returning)",
            self.people_helped, self.new_people_helped, self.returning_people_helped
        )?;
        writeln!(md, "- Help received not marked as thanked yet: {}", self.unthanked)?;
        if !self.top_helpers.is_empty() {
            writeln!(md, "\n### Who helped you most\n")?;
            writeln!(
                md,
                "| Person | Times | Value | Hours | Not thanked yet |\n| --- | ---: | ---: | ---: | ---: |"
            )?;
            for h in &self.top_helpers {
                let row = format!("{} | {} | {} | {}", h.count, h.value, number(h.hours), h.unthanked);
                writeln!(md, "| {} | {row} |", md_text(&h.name))?;
            }
        }

        writeln!(md, "\n## Introductions made: {}\n", self.introductions_made)?;
        if !self.introductions.is_empty() {
            writeln!(md, "| Made | Between | Outcome |\n| --- | --- | --- |")?;
            for i in &self.introductions {
                let outcome =
                    if i.outcome.trim().is_empty() { "—".to_owned() } else { md_text(&i.outcome) };
                writeln!(md, "| {} | {} and {} | {outcome} |", i.made, md_text(&i.a), md_text(&i.b))?;
            }
        }

        writeln!(md, "\n## Capacity per month\n")?;
        writeln!(md, "| Month | Hours | Budget | Used |\n| --- | ---: | ---: | ---: |")?;
        for c in &self.capacity {
            let used = c.ratio.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0));
            writeln!(md, "| {} | {} | {} | {used} |", c.month, number(c.hours), number(c.capacity))?;
        }

        if !self.wins_celebrated.is_empty() {
            writeln!(md, "\n## Wins celebrated\n")?;
            for w in &self.wins_celebrated {
                writeln!(md, "- {}: {}: {}", w.date, md_text(&w.name), md_text(&w.text))?;
            }
        }
        if !self.open_promises.is_empty() {
            writeln!(md, "\n## Open promises\n")?;
            writeln!(md, "| Due | Who | Promise | Hours |\n| --- | --- | --- | ---: |")?;
            for p in &self.open_promises {
                let due = p.due.map_or_else(|| "—".to_owned(), |d| d.to_string());
                let who = match p.direction {
                    Direction::Gave => format!("you, to {}", md_text(&p.name)),
                    Direction::Received => format!("{}, to you", md_text(&p.name)),
                };
                writeln!(md, "| {due} | {who} | {} | {} |", md_text(&p.summary), number(p.hours))?;
            }
        }
        if !self.lessons.is_empty() {
            writeln!(md, "\n## Lessons added\n")?;
            for l in &self.lessons {
                writeln!(md, "- {}: {}", l.date, md_text(&l.lesson))?;
            }
        }
        Ok(())
    }

    /// CSV, one number a row: `section,key,value`. Names are neutralised against
    /// spreadsheet formulas.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut rows: Vec<[String; 3]> = vec![
            row("period", "from", self.from),
            row("period", "to", self.to),
            row("period", "label", self.period().label()),
        ];
        for (section, t) in [("given", &self.given), ("received", &self.received)] {
            rows.push(row(section, "count", t.count));
            rows.push(row(section, "hours", t.hours));
            rows.push(row(section, "value", t.value));
        }
        for (kind, counts) in &self.by_kind {
            rows.push(row("by_kind_given", kind.label(), counts.given));
            rows.push(row("by_kind_received", kind.label(), counts.received));
        }
        rows.push(row("people", "helped", self.people_helped));
        rows.push(row("people", "new", self.new_people_helped));
        rows.push(row("people", "returning", self.returning_people_helped));
        rows.push(row("introductions", "made", self.introductions_made));
        for c in &self.capacity {
            rows.push(row("capacity_hours", &c.month, c.hours));
            rows.push(row("capacity_budget", &c.month, c.capacity));
            rows.push(row("capacity_ratio", &c.month, c.ratio.map(|r| r.to_string()).unwrap_or_default()));
        }
        rows.push(row("unthanked", "count", self.unthanked));
        for h in &self.top_helpers {
            rows.push(row("top_helper_value", neutralise_cell(&h.name), h.value));
        }
        let mut writer = csv::Writer::from_writer(Vec::new());
        // Writing into a Vec cannot fail.
        let _ = writer.write_record(["section", "key", "value"]);
        for r in rows {
            let _ = writer.write_record(r);
        }
        writer.into_inner().unwrap_or_default()
    }

    /// JSON with DESIGN's keys first (`from`, `to`, `given`, `received`, `by_kind`,
    /// `people_helped`, `new_people_helped`, `introductions_made`, `capacity`,
    /// `unthanked`), then the detail.
    pub fn to_json(&self) -> Vec<u8> {
        // Plain data: serialising cannot fail.
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}

fn row(section: &str, key: impl ToString, value: impl ToString) -> [String; 3] {
    [section.to_owned(), key.to_string(), value.to_string()]
}

/// A number without trailing zeros: `4.5`, `10`, `0.25`.
pub(crate) fn number(x: f64) -> String {
    let text = format!("{x:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".to_owned() } else { text.to_owned() }
}

/// User text for Markdown: one line, with Markdown's punctuation backslash-escaped so
/// that nothing in it becomes a link, emphasis or HTML.
fn md_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.split_whitespace().collect::<Vec<_>>().join(" ").chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '&' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_cannot_inject() {
        assert_eq!(md_text("<script>a|b</script>\n[x](y)"), "\\<script\\>a\\|b\\</script\\> \\[x\\](y)");
        assert_eq!(number(4.5), "4.5");
        assert_eq!(number(10.0), "10");
        assert_eq!(number(0.0), "0");
    }
}
