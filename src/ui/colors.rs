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
