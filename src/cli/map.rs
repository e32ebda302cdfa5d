//! `rapport map FILE [--on DATE] -o OUT.svg`: the network map as a self-contained SVG,
//! written atomically.

use std::path::Path;

use jiff::civil::Date;

use crate::analysis::NetworkMap;
use crate::store;

pub fn map(file: &Path, on: Date, out: &Path) -> anyhow::Result<()> {
    let network = super::progress::load(file)?;
    let (layout, map) = NetworkMap::on(&network, on);
    let bytes = crate::interop::map_svg_file(&network, &layout, &map);
    store::write_atomic(out, &bytes, false)?;
    println!(
        "{}: wrote the network map on {on} ({} contacts, {} introductions)",
        out.display(),
        map.nodes.len(),
        map.links.len()
    );
    Ok(())
}
