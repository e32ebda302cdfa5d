//! The report as one self-contained HTML file: inline CSS, charts as inline SVG, no
//! scripts, nothing fetched. Every text that comes from the network is escaped.

use std::fmt::Write;

use super::report_text::number;
use crate::analysis::report::{CapacityRow, MonthRow, Report};
use crate::model::Direction;
use crate::palette;

const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:880px;\
margin:2rem auto;padding:0 1rem;color:#1f2933;line-height:1.45}h1{margin-bottom:.2rem}\
.sub{color:#52606d;margin-top:0}table{border-collapse:collapse;margin:.4rem 0 1.2rem}\
th,td{padding:.3rem .7rem;border-bottom:1px solid #d9e2ec;text-align:left;vertical-align:top}\
.n{text-align:right}.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}\
.card{border:1px solid #d9e2ec;border-radius:8px;padding:.5rem .9rem;min-width:8rem}\
.big{font-size:1.5rem;font-weight:600}.muted{color:#7b8794}svg{max-width:100%;height:auto}\
svg text{font:11px system-ui,sans-serif;fill:#52606d}";

impl Report {
    /// One self-contained HTML page with the charts as inline SVG (no network map).
    pub fn to_html(&self) -> String {
        self.to_html_with_map("")
    }

    /// [`Self::to_html`] with the network map of the period's last day (an `<svg>`
    /// element, from [`super::map_svg`]) after the summary; none when `map_svg` is empty.
    pub fn to_html_with_map(&self, map_svg: &str) -> String {
        let mut html = String::new();
        let _ = self.write_html(&mut html, map_svg);
        html
    }

    fn write_html(&self, h: &mut String, map_svg: &str) -> std::fmt::Result {
        let period = self.period();
        let title = format!("Contribution report: {}", period.label());
        writeln!(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
        writeln!(h, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
        writeln!(h, "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>", esc(&title))?;
        writeln!(h, "<h1>{}</h1>", esc(&title))?;
        let owner =
            if self.owner.trim().is_empty() { String::new() } else { format!("{} · ", esc(&self.owner)) };
        writeln!(h, "<p class=\"sub\">{owner}{} to {} (inclusive)</p>", self.from, period.last_day())?;

        writeln!(h, "<div class=\"cards\">")?;
        let cards = [
            (
                "Given",
                format!("{} ({} h, value {})", self.given.count, number(self.given.hours), self.given.value),
            ),
            (
                "Received",
                format!(
                    "{} ({} h, value {})",
                    self.received.count,
                    number(self.received.hours),
                    self.received.value
                ),
            ),
            ("People you helped", format!("{} ({} new)", self.people_helped, self.new_people_helped)),
            ("Introductions made", self.introductions_made.to_string()),
            ("Not thanked yet", self.unthanked.to_string()),
        ];
        for (label, value) in cards {
            let (big, rest) = value.split_once(' ').unwrap_or((&value, ""));
            writeln!(
                h,
                "<div class=\"card\"><div class=\"muted\">{label}</div><div class=\"big\">{}</div>\
                 <div class=\"muted\">{}</div></div>",
                esc(big),
                esc(rest)
            )?;
        }
        writeln!(h, "</div>")?;
        if !map_svg.is_empty() {
            writeln!(h, "<h2>Your network on {}</h2>", period.last_day())?;
            h.push_str(map_svg);
        }

        writeln!(h, "<h2>Given and received per month</h2>")?;
        h.push_str(&flow_chart(&self.months));
        writeln!(h, "<table><tr><th>Kind</th><th class=\"n\">Given</th><th class=\"n\">Received</th></tr>")?;
        for (kind, c) in self.by_kind.iter().filter(|(_, c)| c.given + c.received > 0) {
            writeln!(
                h,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                kind.label(),
                c.given,
                c.received
            )?;
        }
        writeln!(h, "</table>")?;

        writeln!(h, "<h2>Capacity per month</h2>")?;
        h.push_str(&capacity_chart(&self.capacity));
        self.write_html_lists(h)?;
        writeln!(h, "</body>\n</html>")
    }

    fn write_html_lists(&self, h: &mut String) -> std::fmt::Result {
        if !self.top_helpers.is_empty() {
            writeln!(
                h,
                "<h2>Who helped you most</h2>\n<table><tr><th>Person</th><th class=\"n\">Times</th>\
                         <th class=\"n\">Value</th><th class=\"n\">Hours</th><th class=\"n\">Not thanked yet</th></tr>"
            )?;
            for p in &self.top_helpers {
                writeln!(
                    h,
                    "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                     <td class=\"n\">{}</td></tr>",
                    esc(&p.name),
                    p.count,
                    p.value,
                    number(p.hours),
                    p.unthanked
                )?;
            }
            writeln!(h, "</table>")?;
        }
        if !self.introductions.is_empty() {
            writeln!(
                h,
                "<h2>Introductions made</h2>\n<table><tr><th>Made</th><th>Between</th><th>Outcome</th></tr>"
            )?;
            for i in &self.introductions {
                let (a, b, outcome) = (esc(&i.a), esc(&i.b), esc(&i.outcome));
                writeln!(h, "<tr><td>{}</td><td>{a} and {b}</td><td>{outcome}</td></tr>", i.made)?;
            }
            writeln!(h, "</table>")?;
        }
        if !self.wins_celebrated.is_empty() {
            writeln!(h, "<h2>Wins celebrated</h2>\n<ul>")?;
            for w in &self.wins_celebrated {
                writeln!(h, "<li>{}: <strong>{}</strong>: {}</li>", w.date, esc(&w.name), esc(&w.text))?;
            }
            writeln!(h, "</ul>")?;
        }
        if !self.open_promises.is_empty() {
            writeln!(
                h,
                "<h2>Open promises</h2>\n<table><tr><th>Due</th><th>Who</th><th>Promise</th>\
                         <th class=\"n\">Hours</th></tr>"
            )?;
            for p in &self.open_promises {
                let due = p.due.map_or_else(|| "—".to_owned(), |d| d.to_string());
                let who = match p.direction {
                    Direction::Gave => format!("you, to {}", esc(&p.name)),
                    Direction::Received => format!("{}, to you", esc(&p.name)),
                };
                let row = format!("<td>{}</td><td class=\"n\">{}</td>", esc(&p.summary), number(p.hours));
                writeln!(h, "<tr><td>{due}</td><td>{who}</td>{row}</tr>")?;
            }
            writeln!(h, "</table>")?;
        }
        if !self.lessons.is_empty() {
            writeln!(h, "<h2>Lessons added</h2>\n<ul>")?;
            for l in &self.lessons {
                writeln!(h, "<li>{}: {}</li>", l.date, esc(&l.lesson))?;
            }
            writeln!(h, "</ul>")?;
        }
        Ok(())
    }
}

/// Text for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CHART_HEIGHT: f64 = 200.0;
const PLOT_TOP: f64 = 28.0;
const PLOT_BOTTOM: f64 = 170.0;
const PLOT_LEFT: f64 = 44.0;
const SLOT_WIDTH: f64 = 64.0;

fn chart_width(months: usize) -> f64 {
    (PLOT_LEFT + SLOT_WIDTH * months as f64 + 16.0).max(360.0)
}

fn y_of(value: f64, max: f64) -> f64 {
    PLOT_BOTTOM - (value / max) * (PLOT_BOTTOM - PLOT_TOP)
}

/// The frame of a chart: the svg element, the base line, the scale's top label.
fn chart_open(svg: &mut String, label: &str, months: usize, max: f64) {
    let width = chart_width(months);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{CHART_HEIGHT:.0}\" \
         viewBox=\"0 0 {width:.0} {CHART_HEIGHT:.0}\" role=\"img\" aria-label=\"{}\">\n\
         <line x1=\"{PLOT_LEFT}\" y1=\"{PLOT_BOTTOM}\" x2=\"{:.0}\" y2=\"{PLOT_BOTTOM}\" stroke=\"#9aa5b1\"/>\n\
         <text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>\n\
         <text x=\"{:.0}\" y=\"{PLOT_BOTTOM}\" text-anchor=\"end\">0</text>\n",
        esc(label),
        width - 8.0,
        PLOT_LEFT - 6.0,
        PLOT_TOP + 4.0,
        number(max),
        PLOT_LEFT - 6.0,
    );
}

fn month_tick(svg: &mut String, slot: usize, month: &str) {
    let x = PLOT_LEFT + SLOT_WIDTH * (slot as f64 + 0.5);
    let _ = writeln!(
        svg,
        "<text x=\"{x:.1}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>",
        PLOT_BOTTOM + 16.0,
        esc(month)
    );
}

fn bar(svg: &mut String, x: f64, width: f64, value: f64, max: f64, color: &str, tooltip: &str) {
    let y = y_of(value, max);
    let _ = writeln!(
        svg,
        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{color}\"><title>{}</title></rect>",
        PLOT_BOTTOM - y,
        esc(tooltip)
    );
}

fn legend(svg: &mut String, items: &[(&str, &str)]) {
    let mut x = PLOT_LEFT;
    for (color, label) in items {
        let _ = writeln!(
            svg,
            "<rect x=\"{x:.0}\" y=\"6\" width=\"10\" height=\"10\" fill=\"{color}\"/>\
             <text x=\"{:.0}\" y=\"15\">{}</text>",
            x + 14.0,
            esc(label)
        );
        x += 24.0 + 7.0 * label.len() as f64;
    }
}

/// Grouped bars: value given and received per month.
fn flow_chart(months: &[MonthRow]) -> String {
    let max = months.iter().map(|m| m.given.value.max(m.received.value)).max().unwrap_or(0).max(1) as f64;
    let mut svg = String::new();
    chart_open(&mut svg, "Value given and received per month", months.len(), max);
    let (gave, received) = (palette::GAVE.hex(), palette::RECEIVED.hex());
    legend(&mut svg, &[(&gave, "value given"), (&received, "value received")]);
    for (slot, m) in months.iter().enumerate() {
        let x = PLOT_LEFT + SLOT_WIDTH * slot as f64 + 8.0;
        let given = format!("{}: given {} times, value {}", m.month, m.given.count, m.given.value);
        let received_tip =
            format!("{}: received {} times, value {}", m.month, m.received.count, m.received.value);
        bar(&mut svg, x, 22.0, m.given.value as f64, max, &gave, &given);
        bar(&mut svg, x + 24.0, 22.0, m.received.value as f64, max, &received, &received_tip);
        month_tick(&mut svg, slot, &m.month);
    }
    svg.push_str("</svg>\n");
    svg
}

/// Bars of hours per month against a dashed line at the monthly budget.
fn capacity_chart(rows: &[CapacityRow]) -> String {
    let budget = rows.first().map_or(0.0, |r| r.capacity);
    let max = rows.iter().map(|r| r.hours).fold(budget, f64::max).max(1.0);
    let mut svg = String::new();
    chart_open(&mut svg, "Hours of giving per month against the monthly budget", rows.len(), max);
    let (within, over) = (palette::WITHIN_BUDGET.hex(), palette::OVER_BUDGET.hex());
    legend(&mut svg, &[(&within, "within budget"), (&over, "over budget")]);
    for (slot, r) in rows.iter().enumerate() {
        let is_over = r.ratio.is_some_and(|ratio| ratio > 1.0);
        let tooltip = format!("{}: {} h of {} h", r.month, number(r.hours), number(r.capacity));
        let x = PLOT_LEFT + SLOT_WIDTH * slot as f64 + 14.0;
        bar(&mut svg, x, 36.0, r.hours, max, if is_over { &over } else { &within }, &tooltip);
        month_tick(&mut svg, slot, &r.month);
    }
    if budget > 0.0 {
        let y = y_of(budget, max);
        let _ = writeln!(
            svg,
            "<line x1=\"{PLOT_LEFT}\" y1=\"{y:.1}\" x2=\"{:.0}\" y2=\"{y:.1}\" stroke=\"{}\" \
             stroke-dasharray=\"5 4\"/><text x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">budget {} h</text>",
            chart_width(rows.len()) - 8.0,
            palette::BUDGET_LINE.hex(),
            chart_width(rows.len()) - 8.0,
            y - 4.0,
            number(budget)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_markup_needs() {
        assert_eq!(esc("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
