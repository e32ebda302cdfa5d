//! Colours with a meaning: one per kind of exchange, one per band.

use egui::Color32;

use crate::analysis::Band;
use crate::model::Kind;

pub fn kind_color(kind: Kind) -> Color32 {
    match kind {
        Kind::Mentoring => Color32::from_rgb(0x4e, 0x79, 0xa7),
        Kind::Introduction => Color32::from_rgb(0x59, 0xa1, 0x4f),
        Kind::Feedback => Color32::from_rgb(0xf2, 0x8e, 0x2b),
        Kind::Referral => Color32::from_rgb(0xe1, 0x57, 0x59),
        Kind::Opportunity => Color32::from_rgb(0x76, 0xb7, 0xb2),
        Kind::Resource => Color32::from_rgb(0xed, 0xc9, 0x48),
        Kind::Advocacy => Color32::from_rgb(0xb0, 0x7a, 0xa1),
        Kind::Knowledge => Color32::from_rgb(0xff, 0x9d, 0xa7),
        Kind::Time => Color32::from_rgb(0x9c, 0x75, 0x5f),
        Kind::Support => Color32::from_rgb(0xba, 0xb0, 0xac),
        Kind::Recognition => Color32::from_rgb(0x86, 0xbc, 0xb6),
        Kind::Collaboration => Color32::from_rgb(0x8c, 0xd1, 0x7d),
        Kind::Other => Color32::from_rgb(0x79, 0x79, 0x79),
    }
}

pub fn band_color(band: Band) -> Color32 {
    match band {
        Band::Quiet => Color32::from_rgb(0x88, 0x88, 0x88),
        Band::Balanced => Color32::from_rgb(0x59, 0xa1, 0x4f),
        Band::Giving => Color32::from_rgb(0xf2, 0x8e, 0x2b),
        Band::Receiving => Color32::from_rgb(0x4e, 0x79, 0xa7),
        Band::Communal => Color32::from_rgb(0xb0, 0x7a, 0xa1),
    }
}
