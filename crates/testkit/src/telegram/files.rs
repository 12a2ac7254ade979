//! Files the fake knows: photos users sent, files the bot uploaded. Each has a `file_id`
//! the bot can send again, and bytes `getFile` + the file URL serve.

use std::collections::HashMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::Rng;
use serde_json::{Value, json};

/// What kind of file a `file_id` names (sending one kind as another is refused).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Photo,
    Document,
}

/// One stored file.
#[derive(Clone, Debug)]
pub(crate) struct StoredFile {
    pub(crate) file_id: String,
    pub(crate) unique_id: String,
    pub(crate) kind: FileKind,
    pub(crate) bytes: Vec<u8>,
    pub(crate) file_name: Option<String>,
    pub(crate) mime: Option<String>,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) path: String,
}

impl StoredFile {
    /// A `PhotoSize` object.
    pub(crate) fn photo_size(&self) -> Value {
        json!({
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.bytes.len(),
        })
    }

    /// A `Document` object.
    pub(crate) fn document(&self) -> Value {
        let mut doc = json!({
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "file_size": self.bytes.len(),
        });
        if let Some(name) = &self.file_name {
            doc["file_name"] = json!(name);
        }
        if let Some(mime) = &self.mime {
            doc["mime_type"] = json!(mime);
        }
        doc
    }

    /// A `File` object as `getFile` returns it.
    pub(crate) fn file(&self) -> Value {
        json!({
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "file_size": self.bytes.len(),
            "file_path": self.path,
        })
    }
}

/// The file registry of one fake.
#[derive(Debug, Default)]
pub(crate) struct Files {
    by_id: HashMap<String, StoredFile>,
    count: usize,
}

/// What a new file is made from.
pub(crate) struct NewFile {
    pub(crate) kind: FileKind,
    pub(crate) bytes: Vec<u8>,
    pub(crate) file_name: Option<String>,
    pub(crate) mime: Option<String>,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl Files {
    /// Stores a file under a fresh `file_id`.
    pub(crate) fn add(&mut self, new: NewFile) -> StoredFile {
        self.count += 1;
        let (prefix, folder, ext) = match new.kind {
            FileKind::Photo => ("AgACAgIAAxkBAAI", "photos", "jpg"),
            FileKind::Document => ("BQACAgIAAxkBAAI", "documents", "bin"),
        };
        let ext = new
            .file_name
            .as_deref()
            .and_then(|n| n.rsplit_once('.'))
            .map_or(ext, |(_, e)| e)
            .to_owned();
        let stored = StoredFile {
            file_id: format!("{prefix}{}", random_token(30)),
            unique_id: format!("AQAD{}", random_token(9)),
            kind: new.kind,
            bytes: new.bytes,
            file_name: new.file_name,
            mime: new.mime,
            width: new.width,
            height: new.height,
            path: format!("{folder}/file_{}.{ext}", self.count),
        };
        self.by_id.insert(stored.file_id.clone(), stored.clone());
        stored
    }

    pub(crate) fn get(&self, file_id: &str) -> Option<&StoredFile> {
        self.by_id.get(file_id)
    }

    pub(crate) fn by_path(&self, path: &str) -> Option<&StoredFile> {
        self.by_id.values().find(|f| f.path == path)
    }
}

fn random_token(bytes: usize) -> String {
    let mut raw = vec![0u8; bytes];
    rand::rng().fill(raw.as_mut_slice());
    URL_SAFE_NO_PAD.encode(raw)
}

/// A real 2×2 PNG: what simulated users "photograph".
pub(crate) const SAMPLE_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00, 0x10, 0x49,
    0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x44, 0x0C, 0x10, 0x0A, 0x00, 0x1F, 0xEE, 0x03, 0xFD,
    0x63, 0x5E, 0xBB, 0x5B, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// An image format the fake recognises by its magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    Png,
    Jpeg,
}

/// Recognises PNG and JPEG and reads their dimensions (`None` when it is not an image).
pub(crate) fn sniff_image(bytes: &[u8]) -> Option<(ImageFormat, u32, u32)> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let width = u32::from_be_bytes(bytes.get(16..20)?.try_into().ok()?);
        let height = u32::from_be_bytes(bytes.get(20..24)?.try_into().ok()?);
        return Some((ImageFormat::Png, width, height));
    }
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        let (width, height) = jpeg_size(bytes).unwrap_or((0, 0));
        return Some((ImageFormat::Jpeg, width, height));
    }
    None
}

/// Walks JPEG segments to the first start-of-frame marker.
fn jpeg_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    while i + 9 < bytes.len() {
        if bytes[i] != 0xFF {
            return None;
        }
        let marker = bytes[i + 1];
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
            let height = u32::from(u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]));
            let width = u32::from(u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]));
            return Some((width, height));
        }
        i += 2 + length;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_png_is_a_2x2_png() {
        assert_eq!(sniff_image(SAMPLE_PNG), Some((ImageFormat::Png, 2, 2)));
    }

    #[test]
    fn jpeg_dimensions_come_from_the_frame_header() {
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x20, 0x00, 0x40, 0x03,
        ];
        assert_eq!(sniff_image(&jpeg), Some((ImageFormat::Jpeg, 64, 32)));
    }

    #[test]
    fn other_bytes_are_not_images() {
        assert_eq!(sniff_image(b"GIF89a..."), None);
        assert_eq!(sniff_image(b"<svg/>"), None);
    }
}
