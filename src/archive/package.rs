//! The package: a BagIt bag (RFC 8493, the Library of Congress' format for
//! handing digital material to an archive) inside a ZIP written as a
//! stream. `data/` holds the payload; `manifest-sha256.txt` lists the
//! SHA-256 of every payload file (so `sha256sum -c` checks it);
//! `bag-info.txt` says what the bag is; `tagmanifest-sha256.txt` covers the
//! other three. The ZIP goes into a [`Spool`]: the caller takes whole parts
//! out of it as they fill and stores them, so no package is ever held in
//! memory whole.

use sha2::{Digest, Sha256};
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The size of one stored part of a package.
pub const PART: usize = 1 << 20;

#[derive(Default)]
struct SpoolInner {
    ready: Vec<Vec<u8>>,
    current: Vec<u8>,
    bytes: u64,
    hash: Sha256,
}

/// Where the ZIP's bytes go: filled parts wait to be taken; the whole
/// stream is counted and hashed on the way.
#[derive(Clone, Default)]
pub struct Spool(Arc<Mutex<SpoolInner>>);

impl Spool {
    fn lock(&self) -> std::sync::MutexGuard<'_, SpoolInner> {
        // A panic while holding the lock leaves plain bytes behind: still usable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The parts filled so far, in order.
    pub fn take_ready(&self) -> Vec<Vec<u8>> {
        std::mem::take(&mut self.lock().ready)
    }

    /// Everything not yet taken, the last part possibly short.
    pub fn take_rest(&self) -> Vec<Vec<u8>> {
        let mut inner = self.lock();
        let mut parts = std::mem::take(&mut inner.ready);
        if !inner.current.is_empty() {
            parts.push(std::mem::take(&mut inner.current));
        }
        parts
    }

    /// The stream's length and SHA-256 (hex) so far.
    pub fn summary(&self) -> (u64, String) {
        let inner = self.lock();
        (inner.bytes, hex(&inner.hash.clone().finalize()))
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut inner = self.lock();
        inner.hash.update(buf);
        inner.bytes += buf.len() as u64;
        let mut rest = buf;
        while !rest.is_empty() {
            let room = PART - inner.current.len();
            let (now, later) = rest.split_at(room.min(rest.len()));
            inner.current.extend_from_slice(now);
            if inner.current.len() == PART {
                let full = std::mem::replace(&mut inner.current, Vec::with_capacity(PART));
                inner.ready.push(full);
            }
            rest = later;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// SHA-256 of `bytes`, hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// What `bag-info.txt` says of the bag.
pub struct BagInfo {
    pub organisation: String,
    pub description: String,
    /// The day the bag was made, `YYYY-MM-DD`.
    pub bagging_date: String,
    /// Further `label: value` lines.
    pub extra: Vec<(String, String)>,
}

/// A bag being written.
pub struct Package {
    zip: ZipWriter<StreamWriter<Spool>>,
    root: String,
    manifest: Vec<(String, String)>,
    payload_bytes: u64,
}

/// What a finished package holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    /// Payload files (under `data/`).
    pub files: u64,
    pub payload_bytes: u64,
    /// SHA-256 of `manifest-sha256.txt`.
    pub manifest_sha256: String,
}

/// The ZIP timestamp of a Unix time, in Beijing time (what a reader in
/// the bureau expects to see); 1980-01-01 when out of the format's range.
fn zip_time(unix: i64) -> DateTime {
    use chrono::{Datelike, Timelike};
    let t = chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.with_timezone(&crate::ui::format::beijing()));
    t.and_then(|t| {
        DateTime::from_date_and_time(
            u16::try_from(t.year()).ok()?,
            t.month() as u8,
            t.day() as u8,
            t.hour() as u8,
            t.minute() as u8,
            t.second() as u8,
        )
        .ok()
    })
    .unwrap_or_default()
}

impl Package {
    /// A bag whose files sit in the folder `root` of the ZIP.
    pub fn new(spool: Spool, root: &str) -> Package {
        Package {
            zip: ZipWriter::new_stream(spool),
            root: root.trim_end_matches('/').to_owned(),
            manifest: Vec::new(),
            payload_bytes: 0,
        }
    }

    fn entry(&mut self, path: &str, bytes: &[u8], at: i64, compress: bool) -> io::Result<()> {
        let method = if compress {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default()
            .compression_method(method)
            .last_modified_time(zip_time(at))
            .large_file(bytes.len() as u64 >= u64::from(u32::MAX))
            .unix_permissions(0o644);
        self.zip
            .start_file(format!("{}/{path}", self.root), options)?;
        self.zip.write_all(bytes)
    }

    /// Adds payload file `data/{path}`, made or last changed at the Unix
    /// time `at`. Text is compressed; files that are already compressed
    /// (images, PDFs, office files) are stored as they are.
    pub fn add(&mut self, path: &str, bytes: &[u8], at: i64) -> io::Result<()> {
        let compress = compressible(path);
        let path = format!("data/{path}");
        self.entry(&path, bytes, at, compress)?;
        self.manifest.push((path, sha256(bytes)));
        self.payload_bytes += bytes.len() as u64;
        Ok(())
    }

    /// Writes the tag files and the ZIP's directory.
    pub fn finish(mut self, info: &BagInfo, at: i64) -> io::Result<Finished> {
        let bagit = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";
        let manifest: String = self
            .manifest
            .iter()
            .map(|(path, hash)| format!("{hash}  {path}\n"))
            .collect();
        let mut lines = vec![
            ("Source-Organization".to_owned(), info.organisation.clone()),
            ("Bagging-Date".to_owned(), info.bagging_date.clone()),
            (
                "Payload-Oxum".to_owned(),
                format!("{}.{}", self.payload_bytes, self.manifest.len()),
            ),
            ("External-Description".to_owned(), info.description.clone()),
        ];
        lines.extend(info.extra.iter().cloned());
        let bag_info: String = lines
            .iter()
            .map(|(k, v)| format!("{k}: {}\n", one_line(v)))
            .collect();
        let tag_files = [
            ("bagit.txt", bagit.to_owned()),
            ("bag-info.txt", bag_info),
            ("manifest-sha256.txt", manifest),
        ];
        let mut tag_manifest = String::new();
        for (name, text) in &tag_files {
            self.entry(name, text.as_bytes(), at, true)?;
            tag_manifest.push_str(&format!("{}  {name}\n", sha256(text.as_bytes())));
        }
        self.entry("tagmanifest-sha256.txt", tag_manifest.as_bytes(), at, true)?;
        let finished = Finished {
            files: self.manifest.len() as u64,
            payload_bytes: self.payload_bytes,
            manifest_sha256: sha256(tag_files[2].1.as_bytes()),
        };
        self.zip.finish()?;
        Ok(finished)
    }
}

/// `bag-info.txt` values are one line each.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether Deflate is worth it for a file of this name.
fn compressible(path: &str) -> bool {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    matches!(
        ext.as_str(),
        "html" | "xml" | "json" | "txt" | "svg" | "csv" | "md" | "doc" | "xls" | "wps" | "et"
    )
}

/// A file name safe in any ZIP reader and file system: no folders, no
/// characters Windows refuses, no control characters, not empty, at most
/// 100 characters (the extension kept).
pub fn safe_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').to_owned();
    if cleaned.is_empty() {
        return "file".to_owned();
    }
    if cleaned.chars().count() <= 100 {
        return cleaned;
    }
    let (stem, ext) = match cleaned.rsplit_once('.') {
        Some((s, e)) if e.chars().count() <= 10 => (s.to_owned(), format!(".{e}")),
        _ => (cleaned.clone(), String::new()),
    };
    let keep = 100 - ext.chars().count();
    format!("{}{ext}", stem.chars().take(keep).collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn names_lose_folders_and_reserved_characters() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name("通知:附件?.pdf"), "通知_附件_.pdf");
        assert_eq!(safe_name("  "), "file");
        assert_eq!(safe_name("a\u{0}b.txt"), "a_b.txt");
        let long = format!("{}.docx", "长".repeat(200));
        let safe = safe_name(&long);
        assert_eq!(safe.chars().count(), 100);
        assert!(safe.ends_with(".docx"));
    }

    #[test]
    fn a_bag_reads_back_and_its_manifests_verify() {
        let spool = Spool::default();
        let mut bag = Package::new(spool.clone(), "bag");
        bag.add("index.html", "<p>目录</p>".as_bytes(), 1_700_000_000)
            .unwrap();
        let big = vec![7u8; PART + 10];
        bag.add("items/1/attachments/1-图.png", &big, 1_700_000_000)
            .unwrap();
        let done = bag
            .finish(
                &BagInfo {
                    organisation: "某局".into(),
                    description: "测试\n包".into(),
                    bagging_date: "2026-12-06".into(),
                    extra: vec![],
                },
                1_700_000_000,
            )
            .unwrap();
        assert_eq!(done.files, 2);
        let (len, whole) = spool.summary();
        let parts = spool.take_rest();
        assert!(!parts.is_empty());
        let bytes: Vec<u8> = parts.concat();
        assert_eq!(bytes.len() as u64, len);
        assert_eq!(sha256(&bytes), whole);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut s = Vec::new();
            zip.by_name(name).unwrap().read_to_end(&mut s).unwrap();
            s
        };
        let manifest = String::from_utf8(read("bag/manifest-sha256.txt")).unwrap();
        assert_eq!(sha256(manifest.as_bytes()), done.manifest_sha256);
        for line in manifest.lines() {
            let (hash, path) = line.split_once("  ").unwrap();
            assert_eq!(sha256(&read(&format!("bag/{path}"))), hash, "{path}");
        }
        assert_eq!(read("bag/data/items/1/attachments/1-图.png"), big);
        let info = String::from_utf8(read("bag/bag-info.txt")).unwrap();
        assert!(info.contains(&format!(
            "Payload-Oxum: {}.2",
            big.len() + "<p>目录</p>".len()
        )));
        assert!(info.contains("External-Description: 测试 包"));
        let tags = String::from_utf8(read("bag/tagmanifest-sha256.txt")).unwrap();
        for line in tags.lines() {
            let (hash, path) = line.split_once("  ").unwrap();
            assert_eq!(sha256(&read(&format!("bag/{path}"))), hash, "{path}");
        }
    }
}
