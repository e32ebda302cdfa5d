//! `rapport map FILE [--on DATE] -o OUT.svg`: the network map as a self-contained SVG,
//! written atomically.

use std::path::Path;

use jiff::civil::Date;

use crate::analysis::NetworkMap;
use crate::store;

pub fn map(
    file: &Path,
    on: Date,
    out: &Path,
    passphrases: &super::passphrase::Passphrases,
) -> anyhow::Result<()> {
    let network = passphrases.load_network(file)?;
    let (layout, map) = NetworkMap::on(&network, on);
    let bytes = crate::interop::map_svg_file(&network, &layout, &map);
    store::write_atomic(out, &bytes, false)?;
    use std::io::Write;
    writeln!(
        std::io::stdout(),
        "{}: wrote the network map on {on} ({} contacts, {} introductions)",
        out.display(),
        map.nodes.len(),
        map.links.len()
    )?;
    Ok(())
}
