//! The colours that carry a meaning, defined once for everything that draws them: the
//! window (`ui::colors` turns them into egui colours) and the HTML report (hex). Plain
//! RGB without egui, so that `interop` may use them as well as `ui`.

use crate::analysis::Band;
use crate::model::Kind;

/// A colour as red, green and blue bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as CSS and SVG write it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// What you gave (bars of value or hours given); also the `Giving` band. Okabe–Ito
/// vermillion: with [`RECEIVED`] it stays apart under every kind of colour blindness
/// and has 3:1 contrast on light and dark backgrounds (tested in `ui::colors`).
pub const GAVE: Rgb = Rgb(0xd5, 0x5e, 0x00);
/// What you received; also the `Receiving` band. Okabe–Ito blue.
pub const RECEIVED: Rgb = Rgb(0x00, 0x72, 0xb2);
/// The net of the two, and a contact's decayed balance over time.
pub const NET: Rgb = Rgb(0xf0, 0xc8, 0x5a);
/// A month whose hours stay within the monthly budget.
pub const WITHIN_BUDGET: Rgb = Rgb(0x59, 0xa1, 0x4f);
/// A month whose hours go over the monthly budget.
pub const OVER_BUDGET: Rgb = Rgb(0xe1, 0x57, 0x59);
/// The monthly budget line: past it, bars turn [`OVER_BUDGET`].
pub const BUDGET_LINE: Rgb = OVER_BUDGET;
/// The scatter's diagonal, where given equals received: a reference, not a band.
pub const EVEN_LINE: Rgb = Rgb(0x9a, 0xa5, 0xb1);
/// Check-ins on a contact's timeline.
pub const CHECK_IN: Rgb = Rgb(0xa0, 0xa0, 0xa0);
/// Introductions on a contact's timeline.
pub const INTRODUCTION: Rgb = Rgb(0xad, 0xd8, 0xe6);

/// The exported map's paper, ink (names, outlines, you), muted text and rings.
pub const MAP_PAPER: Rgb = Rgb(0xff, 0xff, 0xff);
pub const MAP_INK: Rgb = Rgb(0x1f, 0x29, 0x33);
pub const MAP_MUTED: Rgb = Rgb(0x52, 0x60, 0x6d);
pub const MAP_RING: Rgb = Rgb(0xd9, 0xe2, 0xec);

/// Every band's own colour.
pub fn band(band: Band) -> Rgb {
    match band {
        Band::Quiet => Rgb(0xff, 0x9d, 0xa7),
        Band::Balanced => Rgb(0x59, 0xa1, 0x4f),
        Band::Giving => GAVE,
        Band::Receiving => RECEIVED,
        Band::Communal => Rgb(0xa6, 0x6b, 0xd6),
    }
}

/// Every kind of exchange's own colour.
pub fn kind(kind: Kind) -> Rgb {
    match kind {
        Kind::Mentoring => Rgb(0x4e, 0x79, 0xa7),
        Kind::Introduction => Rgb(0x59, 0xa1, 0x4f),
        Kind::Feedback => Rgb(0xf2, 0x8e, 0x2b),
        Kind::Referral => Rgb(0xe1, 0x57, 0x59),
        Kind::Opportunity => Rgb(0x76, 0xb7, 0xb2),
        Kind::Resource => Rgb(0xed, 0xc9, 0x48),
        Kind::Advocacy => Rgb(0xb0, 0x7a, 0xa1),
        Kind::Knowledge => Rgb(0xff, 0x9d, 0xa7),
        Kind::Time => Rgb(0x9c, 0x75, 0x5f),
        Kind::Support => Rgb(0xba, 0xb0, 0xac),
        Kind::Recognition => Rgb(0x86, 0xbc, 0xb6),
        Kind::Collaboration => Rgb(0x8c, 0xd1, 0x7d),
        Kind::Other => Rgb(0x79, 0x79, 0x79),
    }
}

/// The bands in the order the scatter's legend lists them.
pub const BANDS: [Band; 5] = [Band::Quiet, Band::Balanced, Band::Giving, Band::Receiving, Band::Communal];

#[cfg(test)]
mod tests {
    use super::*;

    /// Distance between two colours in RGB space.
    fn distance(a: Rgb, b: Rgb) -> f64 {
        let d = |x: u8, y: u8| f64::from(x) - f64::from(y);
        (d(a.0, b.0).powi(2) + d(a.1, b.1).powi(2) + d(a.2, b.2).powi(2)).sqrt()
    }

    /// How far a colour is from grey: its largest channel minus its smallest.
    fn chroma(c: Rgb) -> u8 {
        c.0.max(c.1).max(c.2) - c.0.min(c.1).min(c.2)
    }

    #[test]
    fn every_band_has_its_own_colour_and_none_is_grey() {
        for (i, &a) in BANDS.iter().enumerate() {
            for &b in &BANDS[i + 1..] {
                assert!(distance(band(a), band(b)) >= 60.0, "{a:?} and {b:?} look alike");
            }
            // The scatter draws the even line beside the bands, on a grey background.
            assert!(distance(band(a), EVEN_LINE) >= 60.0, "{a:?} looks like the even line");
            assert!(chroma(band(a)) >= 40, "{a:?} is greyish: {:?}", band(a));
        }
    }

    #[test]
    fn giving_and_receiving_read_the_same_in_every_chart() {
        assert_eq!(band(Band::Giving), GAVE);
        assert_eq!(band(Band::Receiving), RECEIVED);
        assert!(distance(GAVE, RECEIVED) >= 100.0);
        assert!(distance(WITHIN_BUDGET, OVER_BUDGET) >= 100.0);
        assert!(distance(NET, GAVE) >= 60.0 && distance(NET, RECEIVED) >= 60.0);
    }

    #[test]
    fn hex_is_what_css_reads() {
        assert_eq!(Rgb(0x0a, 0xff, 0x00).hex(), "#0aff00");
        assert_eq!(GAVE.hex(), "#d55e00");
        assert_eq!(RECEIVED.hex(), "#0072b2");
    }
}
