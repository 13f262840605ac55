//! Opening a .docx: a ZIP read with limits that hold whatever the file
//! claims about itself, so a ZIP bomb or a file that is not a Word document
//! is refused with a clear message before it costs memory.

use super::DocxError;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// At most this many entries in the archive.
const MAX_ENTRIES: usize = 2_000;
/// At most this much in all, once unpacked.
const MAX_TOTAL: u64 = 200 * 1024 * 1024;
/// At most this much for one XML part.
const MAX_XML: u64 = 40 * 1024 * 1024;
/// At most this much for one image.
const MAX_MEDIA: u64 = 20 * 1024 * 1024;
/// An entry that unpacks to more than this many times its packed size is a bomb.
const MAX_RATIO: u64 = 200;

/// The parts of a Word document that the import reads, unpacked.
pub struct Package {
    parts: HashMap<String, Vec<u8>>,
}

impl Package {
    /// Opens `bytes` as a .docx, unpacking the XML parts and the media.
    pub fn open(bytes: &[u8]) -> Result<Self, DocxError> {
        if !bytes.starts_with(b"PK\x03\x04") {
            return Err(DocxError::NotDocx);
        }
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| DocxError::NotDocx)?;
        if zip.len() > MAX_ENTRIES {
            return Err(DocxError::TooLarge);
        }
        let mut parts = HashMap::new();
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(|_| DocxError::NotDocx)?;
            let name = entry.name().to_owned();
            let wanted = name.ends_with(".xml")
                || name.ends_with(".rels")
                || name.starts_with("word/media/");
            if entry.is_dir() || !wanted {
                continue;
            }
            let limit = if name.starts_with("word/media/") {
                MAX_MEDIA
            } else {
                MAX_XML
            };
            if entry.size() > limit {
                return Err(DocxError::TooLarge);
            }
            // Read one byte past the limit so an entry that lies about its
            // size is caught by what it actually unpacks to.
            let mut data = Vec::new();
            (&mut entry)
                .take(limit + 1)
                .read_to_end(&mut data)
                .map_err(|_| DocxError::NotDocx)?;
            let size = data.len() as u64;
            let packed = entry.compressed_size().max(1);
            if size > limit || size / packed > MAX_RATIO && size > 1024 * 1024 {
                return Err(DocxError::TooLarge);
            }
            total += size;
            if total > MAX_TOTAL {
                return Err(DocxError::TooLarge);
            }
            parts.insert(name, data);
        }
        if !parts.contains_key("word/document.xml") {
            return Err(DocxError::NotDocx);
        }
        Ok(Package { parts })
    }

    /// A part's bytes.
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(Vec::as_slice)
    }

    /// A part as text (XML parts are UTF-8 in every Word and WPS file).
    pub fn text(&self, name: &str) -> Result<Option<&str>, DocxError> {
        match self.part(name) {
            None => Ok(None),
            Some(bytes) => std::str::from_utf8(bytes)
                .map(Some)
                .map_err(|_| DocxError::Damaged),
        }
    }
}

/// Parses XML with no DTD and a cap on nodes (roxmltree also refuses
/// entity expansion attacks).
pub fn parse_xml(text: &str) -> Result<roxmltree::Document<'_>, DocxError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: 5_000_000,
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|_| DocxError::Damaged)
}
