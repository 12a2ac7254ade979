//! `sendPhoto`, `sendDocument` (uploads, `file_id`s, URLs) and `getFile`.

use serde_json::Value;

use super::send::{Outgoing, store};
use crate::telegram::body::Upload;
use crate::telegram::envelope::ApiError;
use crate::telegram::files::{FileKind, NewFile, SAMPLE_PNG, StoredFile, sniff_image};
use crate::telegram::keyboard::public_url;
use crate::telegram::model::Content;
use crate::telegram::state::State;
use crate::telegram::text::{self, Formatted, Kind};
use crate::telegram::validate::{FileArg, Params};

const PHOTO_MAX_BYTES: usize = 10 * 1024 * 1024;
const DOCUMENT_MAX_BYTES: usize = 50 * 1024 * 1024;

pub(crate) fn send_photo(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_send(p)?;
    let arg = p
        .file("photo")
        .ok_or_else(|| ApiError::bad("there is no photo in the request"))?;
    let (caption, formatted) = caption(p)?;
    let file = match arg {
        FileArg::Upload(upload) => photo_upload(upload)?,
        FileArg::Reference(reference) => match resolve(st, &reference, FileKind::Photo)? {
            Some(existing) => existing,
            None => url_file(FileKind::Photo, &reference),
        },
    };
    st.throttle(chat)?;
    let stored = match st.files.get(file.file_id()) {
        Some(existing) => existing.clone(),
        None => st.files.add(file.into_new()),
    };
    Ok(store(
        st,
        chat,
        Outgoing {
            content: Content::Photo {
                sizes: vec![stored.photo_size()],
            },
            formatted,
            raw_text: caption,
            markup: p.value("reply_markup").cloned(),
        },
    ))
}

pub(crate) fn send_document(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = st.chat_for_send(p)?;
    let arg = p
        .file("document")
        .ok_or_else(|| ApiError::bad("there is no document in the request"))?;
    let (caption, formatted) = caption(p)?;
    let file = match arg {
        FileArg::Upload(upload) => {
            if upload.bytes.len() > DOCUMENT_MAX_BYTES {
                return Err(ApiError::new(413, "Request Entity Too Large"));
            }
            Candidate::New(NewFile {
                kind: FileKind::Document,
                bytes: upload.bytes,
                file_name: upload.file_name,
                mime: upload.mime,
                width: 0,
                height: 0,
            })
        }
        FileArg::Reference(reference) => match resolve(st, &reference, FileKind::Document)? {
            Some(existing) => existing,
            None => url_file(FileKind::Document, &reference),
        },
    };
    st.throttle(chat)?;
    let stored = match st.files.get(file.file_id()) {
        Some(existing) => existing.clone(),
        None => st.files.add(file.into_new()),
    };
    Ok(store(
        st,
        chat,
        Outgoing {
            content: Content::Document {
                document: stored.document(),
            },
            formatted,
            raw_text: caption,
            markup: p.value("reply_markup").cloned(),
        },
    ))
}

pub(crate) fn get_file(st: &mut State, p: &Params) -> Result<Value, ApiError> {
    let file_id = p.str("file_id").unwrap_or_default();
    st.files
        .get(file_id)
        .map(StoredFile::file)
        .ok_or_else(|| ApiError::bad("wrong file_id or the file is temporarily unavailable"))
}

fn caption(p: &Params) -> Result<(Option<String>, Option<Formatted>), ApiError> {
    let raw = p.str("caption").map(str::to_owned);
    let formatted = raw
        .as_deref()
        .map(|c| text::format(c, p.str("parse_mode"), p.value("caption_entities"), Kind::Caption))
        .transpose()?;
    Ok((raw, formatted))
}

/// A file about to be sent: one the fake has, or a new one.
enum Candidate {
    Existing(StoredFile),
    New(NewFile),
}

impl Candidate {
    /// The `file_id` of an existing file (`""` for a new one).
    fn file_id(&self) -> &str {
        match self {
            Candidate::Existing(file) => &file.file_id,
            Candidate::New(_) => "",
        }
    }

    fn into_new(self) -> NewFile {
        match self {
            Candidate::Existing(file) => NewFile {
                kind: file.kind,
                bytes: file.bytes,
                file_name: file.file_name,
                mime: file.mime,
                width: file.width,
                height: file.height,
            },
            Candidate::New(new) => new,
        }
    }
}

fn photo_upload(upload: Upload) -> Result<Candidate, ApiError> {
    if upload.bytes.len() > PHOTO_MAX_BYTES {
        return Err(ApiError::bad("file is too big"));
    }
    let (_, width, height) = sniff_image(&upload.bytes).ok_or_else(|| ApiError::bad("IMAGE_PROCESS_FAILED"))?;
    let (w, h) = (u64::from(width), u64::from(height));
    if w + h > 10_000 || w == 0 || h == 0 || w > 20 * h || h > 20 * w {
        return Err(ApiError::bad("PHOTO_INVALID_DIMENSIONS"));
    }
    Ok(Candidate::New(NewFile {
        kind: FileKind::Photo,
        bytes: upload.bytes,
        file_name: upload.file_name,
        mime: upload.mime,
        width,
        height,
    }))
}

/// A `file_id` the fake knows (of the right kind), `None` for an HTTP URL, or an error.
fn resolve(st: &State, reference: &str, kind: FileKind) -> Result<Option<Candidate>, ApiError> {
    if reference.starts_with("http://") || reference.starts_with("https://") {
        if !public_url(reference) {
            return Err(ApiError::bad("wrong file identifier/HTTP URL specified"));
        }
        return Ok(None);
    }
    let file = st
        .files
        .get(reference)
        .ok_or_else(|| ApiError::bad("wrong file identifier/HTTP URL specified"))?;
    if file.kind != kind {
        return Err(ApiError::bad(format!(
            "can't use file of type {:?} as {:?}",
            file.kind, kind
        )));
    }
    Ok(Some(Candidate::Existing(file.clone())))
}

/// A file Telegram would download from a public URL; the fake stands in a small PNG.
fn url_file(kind: FileKind, url: &str) -> Candidate {
    let file_name = url.rsplit('/').next().filter(|n| !n.is_empty()).map(str::to_owned);
    Candidate::New(NewFile {
        kind,
        bytes: SAMPLE_PNG.to_vec(),
        file_name,
        mime: Some("image/png".to_owned()),
        width: 2,
        height: 2,
    })
}
