//! The backup file: gzip-compressed JSON lines, readable with `zcat`.
//!
//! ```text
//! {"format":"moonvpn-backup","version":1,"made_at":…,"backend":"sqlite","schema":[…],"key_check":"…"}
//! {"table":"user","columns":["id","telegram_id",…]}
//! [1,1001,…]                    one line per row, values in the columns' order
//! {"table":"setting","columns":[…]}
//! …
//! {"end":{"user":1,"setting":0,…}}   rows per table: a file cut short is never restored
//! ```

use std::collections::BTreeMap;
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use super::BackupError;

/// The `format` every MoonVPN backup names.
pub const FORMAT: &str = "moonvpn-backup";
/// The version of the file layout this build writes and reads.
pub const VERSION: u32 = 1;

/// The first line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// The layout version ([`VERSION`]).
    pub version: u32,
    /// When the export's snapshot was taken (Unix ms).
    pub made_at: i64,
    /// The back end it was taken from (`sqlite`, `postgres`, `mysql`); any back end restores it.
    pub backend: String,
    /// The migrations the database had, in order: the schema of the rows.
    pub schema: Vec<String>,
    /// Fingerprint of the `security.secret_key` the secrets in it are encrypted with.
    pub key_check: String,
}

/// The line that starts a table's rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableStart {
    /// The table.
    pub table: String,
    /// Its columns, in the order of each row's values.
    pub columns: Vec<String>,
}

/// The last line: rows per table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// Rows written per table.
    pub end: BTreeMap<String, u64>,
}

/// Writes lines into a gzip stream.
pub struct Writer<W: Write> {
    out: GzEncoder<W>,
}

impl<W: Write> Writer<W> {
    /// Starts a compressed file on `out`.
    pub fn new(out: W) -> Self {
        Self {
            out: GzEncoder::new(out, Compression::default()),
        }
    }

    /// One JSON document and a newline.
    pub fn line<T: Serialize>(&mut self, doc: &T) -> Result<(), BackupError> {
        serde_json::to_writer(&mut self.out, doc).map_err(|e| BackupError::Io(e.to_string()))?;
        self.out.write_all(b"\n").map_err(io)
    }

    /// Ends the gzip stream and hands the writer back.
    pub fn finish(self) -> Result<W, BackupError> {
        self.out.finish().map_err(io)
    }
}

fn io(e: std::io::Error) -> BackupError {
    BackupError::Io(e.to_string())
}

/// The text of a backup file: gunzipped when it is compressed. Anything that is not text is
/// not ours.
pub fn decode(file: &[u8]) -> Result<String, BackupError> {
    let mut text = String::new();
    if file.starts_with(&[0x1f, 0x8b]) {
        GzDecoder::new(file)
            .read_to_string(&mut text)
            .map_err(|e| BackupError::NotOurs(format!("it is compressed but cannot be read ({e})")))?;
    } else {
        text = String::from_utf8(file.to_vec()).map_err(|_| BackupError::NotOurs("it is not text".to_owned()))?;
    }
    Ok(text)
}

/// Reads and checks the first line.
pub fn header(text: &str) -> Result<Header, BackupError> {
    let first = text.lines().next().unwrap_or_default();
    let header: Header = serde_json::from_str(first)
        .map_err(|_| BackupError::NotOurs("its first line is not a MoonVPN backup header".to_owned()))?;
    if header.format != FORMAT {
        return Err(BackupError::NotOurs(format!("its format is {:?}", header.format)));
    }
    if header.version > VERSION {
        return Err(BackupError::NewerFormat(header.version));
    }
    Ok(header)
}

/// One line after the header.
#[derive(Debug)]
pub enum Line {
    /// A table starts.
    Table(TableStart),
    /// A row of the current table.
    Row(Vec<Json>),
    /// The end.
    End(Footer),
}

/// Parses a line after the header; `Err` says why it is not one.
pub fn line(raw: &str) -> Result<Line, String> {
    let json: Json = serde_json::from_str(raw).map_err(|e| format!("not JSON ({e})"))?;
    match json {
        Json::Array(values) => Ok(Line::Row(values)),
        Json::Object(ref map) if map.contains_key("end") => {
            serde_json::from_value(json).map(Line::End).map_err(|e| e.to_string())
        }
        Json::Object(_) => serde_json::from_value(json).map(Line::Table).map_err(|e| e.to_string()),
        _ => Err("neither a table, a row nor the end".to_owned()),
    }
}
