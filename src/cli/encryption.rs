//! `rapport encrypt` and `rapport decrypt`: a network file into the age format with a
//! passphrase, and back. The bytes are kept as they are (decrypting gives back the
//! very file encrypted); the network is checked first, so that nothing but a network
//! is ever written. An existing OUT is never replaced.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::passphrase::{Passphrases, is_age_name};
use crate::store;

/// `rapport encrypt FILE [-o OUT]`: OUT defaults to FILE.age.
pub fn encrypt(file: &Path, out: Option<&Path>, passphrases: &Passphrases) -> anyhow::Result<()> {
    let out = out.map_or_else(|| with_age(file), Path::to_owned);
    let bytes = read(file)?;
    if store::is_encrypted(&bytes) {
        bail!("{}: the file is encrypted already", file.display());
    }
    store::parse_bytes(&bytes, file)?;
    refuse_existing(&out)?;
    let key = passphrases.new_key(&out)?;
    let sealed = super::progress::with_spinner(&format!("encrypting {}", file.display()), || {
        store::encryption::encrypt(&bytes, &key)
    })
    .with_context(|| format!("{}: cannot encrypt", file.display()))?;
    store::write_atomic(&out, &sealed, false)?;
    println!(
        "{}: wrote {} encrypted; {} is still there in plaintext: remove it (and its .bak) once you no longer need it",
        out.display(),
        file.display(),
        file.display()
    );
    Ok(())
}

/// `rapport decrypt FILE.age [-o OUT]`: OUT defaults to FILE without `.age`.
pub fn decrypt(file: &Path, out: Option<&Path>, passphrases: &Passphrases) -> anyhow::Result<()> {
    let out = match out {
        Some(out) => out.to_owned(),
        None if is_age_name(file) => file.with_extension(""),
        None => bail!("{}: the name does not end in .age: say where to write with -o OUT", file.display()),
    };
    let bytes = read(file)?;
    if !store::is_encrypted(&bytes) {
        bail!("{}: the file is not encrypted", file.display());
    }
    refuse_existing(&out)?;
    // Decrypted and checked before anything is written: a wrong passphrase writes nothing.
    let plaintext = passphrases.decrypt(file, &bytes)?;
    store::write_atomic(&out, &plaintext, false)?;
    println!("{}: wrote {} decrypted, in plaintext", out.display(), file.display());
    Ok(())
}

fn read(file: &Path) -> anyhow::Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("{}: cannot read the file", file.display()))
}

fn with_age(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".age");
    PathBuf::from(name)
}

fn refuse_existing(out: &Path) -> anyhow::Result<()> {
    if out.exists() {
        bail!("{}: the file exists already; nothing was written (give another -o OUT)", out.display());
    }
    Ok(())
}
