//! The palette's colours as egui colours: one per band, and the colours of the
//! charts (see `crate::palette`, where they are defined).

use egui::Color32;

use crate::analysis::Band;
use crate::palette::{self, Rgb};

/// A palette colour for egui.
pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

pub fn band_color(band: Band) -> Color32 {
    color(palette::band(band))
}

#[cfg(test)]
mod tests {
    //! Gave and received must stay two colours for everyone: under a simulation of each
    //! kind of colour blindness (Machado, Oliveira & Fernandes 2009, full severity,
    //! applied in linear RGB) they stay far apart in CIELAB, and each stands out from
    //! the backgrounds it is drawn on.

    use super::*;

    type Matrix = [[f64; 3]; 3];
    const PROTANOPIA: Matrix =
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
    const DEUTERANOPIA: Matrix =
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
    const TRITANOPIA: Matrix =
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];
    const NORMAL: Matrix = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];

    /// ΔE*76 below which two colours of thin bars and small markers read as one: the
    /// just-noticeable difference is about 2.3, but that is for large patches side by
    /// side; for small marks apart on a chart, 20 is a cautious floor (Szafir 2017 finds
    /// thin marks need several times the patch threshold).
    const DISTINCT_DELTA_E: f64 = 20.0;

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    }

    fn linear_rgb(c: Color32) -> [f64; 3] {
        [linear(c.r()), linear(c.g()), linear(c.b())]
    }

    /// The colour as seen with `m`: linear RGB, clamped to what a screen shows.
    fn seen(c: Color32, m: &Matrix) -> [f64; 3] {
        let v = linear_rgb(c);
        m.map(|row| (row[0] * v[0] + row[1] * v[1] + row[2] * v[2]).clamp(0.0, 1.0))
    }

    /// CIELAB (D65) of a linear RGB colour.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| if t > 216.0 / 24389.0 { t.cbrt() } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        let (a, b) = (lab(a), lab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// The smallest ΔE*76 between `a` and `b` as anyone sees them.
    fn worst_delta_e(a: Color32, b: Color32) -> f64 {
        [NORMAL, PROTANOPIA, DEUTERANOPIA, TRITANOPIA]
            .iter()
            .map(|m| delta_e(seen(a, m), seen(b, m)))
            .fold(f64::INFINITY, f64::min)
    }

    /// WCAG contrast ratio.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let luminance = |c| {
            let [r, g, b] = linear_rgb(c);
            0.2126 * r + 0.7152 * g + 0.0722 * b
        };
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn gave_and_received_stay_apart_under_every_colour_blindness() {
        let (gave, received) = (color(palette::GAVE), color(palette::RECEIVED));
        let worst = worst_delta_e(gave, received);
        assert!(worst >= DISTINCT_DELTA_E, "gave and received come to ΔE {worst:.1}");
        // The check can fail: red and green, the classic pair, merge for deuteranopes.
        let (red, green) = (Color32::from_rgb(0xd6, 0x27, 0x28), Color32::from_rgb(0x2c, 0xa0, 0x2c));
        assert!(worst_delta_e(red, green) < DISTINCT_DELTA_E, "{}", worst_delta_e(red, green));
    }

    #[test]
    fn gave_and_received_stand_out_on_light_and_dark_backgrounds() {
        let mut backgrounds = vec![Color32::WHITE]; // the HTML report's page
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            // Panels, and plots and lists (extreme_bg_color).
            backgrounds.extend([visuals.panel_fill, visuals.extreme_bg_color, visuals.window_fill]);
        }
        for rgb in [palette::GAVE, palette::RECEIVED] {
            for &background in &backgrounds {
                let ratio = contrast(color(rgb), background);
                assert!(ratio >= 3.0, "{} on {background:?}: {ratio:.2}:1", rgb.hex());
            }
        }
        // The palette before: its orange fell short on white.
        assert!(contrast(Color32::from_rgb(0xf2, 0x8e, 0x2b), Color32::WHITE) < 3.0);
    }
}
