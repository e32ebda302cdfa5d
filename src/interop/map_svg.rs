//! The network map as one self-contained SVG: you at the centre, every contact on the
//! map at its distance and angle ([`NetworkMap`]), coloured by band and sized by
//! `mutual`, lines from the centre as wide as `given + received`, made introductions
//! as dashed lines. No scripts, no fonts or images fetched; every text from the
//! network is escaped, and characters XML cannot hold are left out.

use std::fmt::Write;

use crate::analysis::{MapLayout, NetworkMap, map_radius, node_scale};
use crate::model::Network;
use crate::palette;

/// The drawing's size (a square, plus the legend's band below).
const SIZE: f64 = 800.0;
const LEGEND: f64 = 56.0;
/// The outer ring's radius, in SVG units.
const RING: f64 = 370.0;
/// How many of the strongest get their name written beside them.
const NAMED: usize = 24;

/// Text for XML content and attribute values: markup escaped, and the characters
/// XML 1.0 cannot hold (control characters other than tab and line ends) left out.
pub fn xml_text(text: &str) -> String {
    let allowed = |c: &char| {
        matches!(c, '\t' | '\n' | '\r') || !(u32::from(*c) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}'))
    };
    super::report_html::esc(&text.chars().filter(allowed).collect::<String>())
}

/// The map as an SVG file (with its XML declaration).
pub fn map_svg_file(network: &Network, layout: &MapLayout, map: &NetworkMap) -> Vec<u8> {
    let mut svg = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    svg.push_str(&map_svg(network, layout, map));
    svg.into_bytes()
}

/// The map as an `<svg>` element, to stand alone or inline in HTML.
pub fn map_svg(network: &Network, layout: &MapLayout, map: &NetworkMap) -> String {
    let mut s = String::new();
    let _ = write_svg(&mut s, network, layout, map);
    s
}

fn write_svg(s: &mut String, network: &Network, layout: &MapLayout, map: &NetworkMap) -> std::fmt::Result {
    let (cx, cy) = (SIZE / 2.0, SIZE / 2.0);
    let (ink, muted, ring, spoke) =
        (palette::MAP_INK.hex(), palette::MAP_MUTED.hex(), palette::MAP_RING.hex(), palette::EVEN_LINE.hex());
    let date = map.as_of.map(|d| d.to_string()).unwrap_or_default();
    let owner = network.profile.name.trim();
    let title = if owner.is_empty() {
        format!("Network map on {date}")
    } else {
        format!("Network map of {owner} on {date}")
    };
    writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{}\" viewBox=\"0 0 {SIZE} {}\" \
         role=\"img\" aria-label=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"11\">",
        SIZE + LEGEND,
        SIZE + LEGEND,
        xml_text(&title)
    )?;
    writeln!(s, "<title>{}</title>", xml_text(&title))?;
    writeln!(s, "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>", palette::MAP_PAPER.hex())?;
    // Rings at a few weights, so distances read as numbers.
    for weight in [0.0, 2.0, 10.0, 50.0] {
        let r = RING * map_radius(weight);
        writeln!(
            s,
            "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r:.1}\" fill=\"none\" stroke=\"{ring}\"/>\
             <text x=\"{cx}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{muted}\">{}</text>",
            cy - r - 3.0,
            if weight == 0.0 { "no weight yet".to_owned() } else { format!("weight {weight}") }
        )?;
    }
    let at = |n: &crate::analysis::MapNode| (cx + RING * f64::from(n.x), cy + RING * f64::from(n.y));
    writeln!(s, "<g stroke=\"{spoke}\" stroke-opacity=\"0.5\">")?;
    for n in map.nodes.iter().take(map.weighted) {
        let (x, y) = at(n);
        let width = 0.4 + 0.8 * n.weight.ln_1p();
        writeln!(
            s,
            "<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke-width=\"{width:.2}\"/>"
        )?;
    }
    writeln!(s, "</g>")?;
    let intro = palette::INTRODUCTION.hex();
    writeln!(s, "<g stroke=\"{intro}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\">")?;
    for &(a, b) in &map.links {
        let (Some(a), Some(b)) = (map.nodes.get(a as usize), map.nodes.get(b as usize)) else { continue };
        let ((x1, y1), (x2, y2)) = (at(a), at(b));
        writeln!(s, "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"/>")?;
    }
    writeln!(s, "</g>")?;
    writeln!(s, "<g stroke=\"{ink}\" stroke-width=\"0.5\">")?;
    // The weakest first, so that the strongest are drawn on top.
    for n in map.nodes.iter().rev() {
        let (x, y) = at(n);
        let Some(c) = network.contacts.get(n.index) else { continue };
        let r = 3.0 * node_scale(n.mutual);
        let share = n.share.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0));
        let organisation = if c.organization.trim().is_empty() {
            String::new()
        } else {
            format!(" · {}", c.organization.trim())
        };
        let tip = format!(
            "{}{organisation} · {} · share {share} · mutual {:.1} · last touch {}",
            c.name,
            n.band.label(),
            n.mutual,
            n.last_touch
        );
        writeln!(
            s,
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\" fill=\"{}\"><title>{}</title></circle>",
            palette::band(n.band).hex(),
            xml_text(&tip)
        )?;
    }
    writeln!(s, "</g>")?;
    for n in map.nodes.iter().take(map.weighted.min(NAMED)) {
        let Some(c) = network.contacts.get(n.index) else { continue };
        let (x, y) = at(n);
        let anchor = if n.x < 0.0 { "end" } else { "start" };
        let dx = if n.x < 0.0 { -6.0 } else { 6.0 } * node_scale(n.mutual).min(3.0);
        writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\" fill=\"{ink}\">{}</text>",
            x + dx,
            y + 4.0,
            xml_text(&c.name)
        )?;
    }
    let you = if owner.is_empty() { "You" } else { owner };
    writeln!(
        s,
        "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"6\" fill=\"{ink}\"/><text x=\"{cx}\" y=\"{:.1}\" \
         text-anchor=\"middle\" font-weight=\"600\" fill=\"{ink}\">{}</text>",
        cy + 18.0,
        xml_text(you)
    )?;
    write_legend(s, layout, map)?;
    writeln!(s, "</svg>")
}

/// The bands' colours with how many of each, and what the map holds.
fn write_legend(s: &mut String, layout: &MapLayout, map: &NetworkMap) -> std::fmt::Result {
    let y = SIZE + 18.0;
    let (ink, muted) = (palette::MAP_INK.hex(), palette::MAP_MUTED.hex());
    let mut x = 16.0;
    for band in palette::BANDS {
        let count = map.band_count(band);
        let label = format!("{} ({count})", band.label());
        writeln!(
            s,
            "<circle cx=\"{:.0}\" cy=\"{:.0}\" r=\"5\" fill=\"{}\"/><text x=\"{:.0}\" y=\"{:.0}\" fill=\"{ink}\">{}</text>",
            x + 5.0,
            y - 4.0,
            palette::band(band).hex(),
            x + 14.0,
            y,
            xml_text(&label)
        )?;
        x += 30.0 + 7.0 * label.len() as f64;
    }
    let unweighted = map.nodes.len() - map.weighted;
    let groups = layout.groups.len();
    writeln!(
        s,
        "<text x=\"16\" y=\"{:.0}\" fill=\"{muted}\">{} contacts ({unweighted} with no weight yet, on the \
         outer ring) in {groups} groups by organisation or first tag; closer = more given and received; \
         size = mutual; dashed = introductions made ({}).</text>",
        y + 22.0,
        map.nodes.len(),
        map.links.len()
    )?;
    Ok(())
}
