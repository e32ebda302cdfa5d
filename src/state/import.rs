//! The import being previewed (File → Import…): new contacts, likely duplicates to
//! merge or skip, rows that could not be read. Nothing changes until it is applied.

use std::path::PathBuf;

use crate::interop::{
    CsvMapping, DuplicateChoice, Encoding, ImportChoices, ImportError, ImportFormat, ImportPreview,
    ImportSource, csv_headers, guess_mapping, plan_import, preview_import,
};
use crate::model::Network;

/// The import being previewed.
#[derive(Debug)]
pub struct ImportDialog {
    pub path: PathBuf,
    pub file_name: String,
    bytes: Vec<u8>,
    pub format: ImportFormat,
    /// The encoding the user chose to read the file in; `None`: found from the bytes.
    pub encoding: Option<Encoding>,
    pub headers: Vec<String>,
    pub mapping: CsvMapping,
    pub preview: Result<ImportPreview, ImportError>,
    pub choices: ImportChoices,
    today: jiff::civil::Date,
}

impl ImportDialog {
    /// Reads nothing from disk: `bytes` are the file's contents.
    pub fn new(network: &Network, path: PathBuf, bytes: Vec<u8>, today: jiff::civil::Date) -> Self {
        let file_name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        let format = ImportFormat::guess(&file_name, &bytes);
        let mut dialog = Self {
            path,
            file_name,
            bytes,
            format,
            encoding: None,
            headers: Vec::new(),
            mapping: CsvMapping::default(),
            preview: Ok(ImportPreview::default()),
            choices: ImportChoices::default(),
            today,
        };
        dialog.set_format(network, format);
        dialog
    }

    pub fn set_format(&mut self, network: &Network, format: ImportFormat) {
        self.format = format;
        if format == ImportFormat::Csv {
            self.headers = csv_headers(&self.file_name, &self.bytes, self.encoding).unwrap_or_default();
            self.mapping = guess_mapping(&self.headers);
        }
        self.refresh(network);
    }

    /// Reads the file again in `encoding` (`None`: the one found from its bytes). A
    /// CSV keeps its column mapping (the columns are where they were) unless the
    /// columns themselves changed or the mapping has no name column.
    pub fn set_encoding(&mut self, network: &Network, encoding: Option<Encoding>) {
        self.encoding = encoding;
        if self.format == ImportFormat::Csv {
            let headers = csv_headers(&self.file_name, &self.bytes, encoding).unwrap_or_default();
            if headers.len() != self.headers.len() || !self.mapping.is_usable() {
                self.mapping = guess_mapping(&headers);
            }
            self.headers = headers;
        }
        self.refresh(network);
    }

    /// Recomputes the preview after a change of format or mapping.
    pub fn refresh(&mut self, network: &Network) {
        let source = match self.format {
            ImportFormat::Vcard => ImportSource::Vcard,
            ImportFormat::Linkedin => ImportSource::Linkedin,
            ImportFormat::Csv => ImportSource::Csv(self.mapping.clone()),
        };
        self.preview =
            preview_import(network, &self.file_name, &self.bytes, &source, self.encoding, self.today);
        self.choices = ImportChoices {
            duplicates: vec![DuplicateChoice::Merge; self.preview.as_ref().map_or(0, |p| p.duplicates.len())],
            skip_new: Default::default(),
        };
    }

    /// "Import 12 new, merge 3" or None when there is nothing to do.
    pub fn summary(&self, network: &Network) -> Option<String> {
        let preview = self.preview.as_ref().ok()?;
        let plan = plan_import(network, preview, &self.choices);
        (!plan.is_empty()).then(|| format!("Import: add {}, merge {}", plan.added.len(), plan.merged.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dialog: &ImportDialog) -> Vec<String> {
        let preview = dialog.preview.as_ref().map_err(ToString::to_string);
        preview.map(|p| p.new_contacts.iter().map(|c| c.name.clone()).collect()).unwrap_or_else(|e| vec![e])
    }

    #[test]
    fn reading_a_csv_again_in_another_encoding_keeps_its_columns() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("姓,名,電子メール アドレス\r\n安藤,ロイド,lloyd@example.jp\r\n");
        let network = Network::default();
        let today = jiff::civil::Date::constant(2025, 1, 1);
        let mut dialog = ImportDialog::new(&network, PathBuf::from("book.csv"), bytes.into_owned(), today);
        assert_eq!(names(&dialog), ["安藤 ロイド"]);
        let mapping = dialog.mapping.clone();
        // The header names become nonsense in Windows-1252, but the columns are the same.
        dialog.set_encoding(&network, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(dialog.mapping, mapping);
        assert_eq!(names(&dialog), ["ƒ\u{8d}ƒCƒh ˆÀ“¡"]);
        dialog.set_encoding(&network, None);
        assert_eq!(names(&dialog), ["安藤 ロイド"]);
        assert_eq!(
            dialog.preview.as_ref().map(|p| p.read_as.describe()).ok().as_deref(),
            Some("read as Shift_JIS (detected)")
        );
    }
}
