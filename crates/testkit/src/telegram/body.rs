//! Request parameters from any of the encodings the Bot API accepts: the query string,
//! `application/json`, `application/x-www-form-urlencoded` and `multipart/form-data`.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::envelope::ApiError;
use super::multipart;

/// A file sent in a multipart part.
#[derive(Clone, Debug)]
pub(crate) struct Upload {
    pub(crate) file_name: Option<String>,
    pub(crate) mime: Option<String>,
    pub(crate) bytes: Vec<u8>,
}

/// Parameters as they arrived: JSON values for JSON bodies, strings otherwise; file parts aside.
#[derive(Clone, Debug, Default)]
pub(crate) struct RawParams {
    pub(crate) fields: Map<String, Value>,
    pub(crate) files: HashMap<String, Upload>,
}

impl RawParams {
    /// What `FakeTelegram::calls` shows: the fields, and each file as
    /// `{"file_name", "size", "mime"}`.
    pub(crate) fn recorded(&self) -> Value {
        let mut map = self.fields.clone();
        for (name, upload) in &self.files {
            map.insert(
                name.clone(),
                json!({
                    "file_name": upload.file_name,
                    "size": upload.bytes.len(),
                    "mime": upload.mime,
                }),
            );
        }
        Value::Object(map)
    }
}

/// Reads the query string and the body.
pub(crate) fn parse(query: Option<&str>, content_type: Option<&str>, body: &[u8]) -> Result<RawParams, ApiError> {
    let mut params = RawParams::default();
    if let Some(query) = query {
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            params
                .fields
                .insert(key.into_owned(), Value::String(value.into_owned()));
        }
    }
    if body.is_empty() {
        return Ok(params);
    }
    let content_type = content_type.unwrap_or("").trim();
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => {
            let value: Value = serde_json::from_slice(body)
                .map_err(|_| ApiError::bad("can't parse JSON encoded request parameters"))?;
            let Value::Object(map) = value else {
                return Err(ApiError::bad("JSON object expected as request parameters"));
            };
            params.fields.extend(map);
        }
        "multipart/form-data" => {
            let parts = multipart::boundary(content_type)
                .and_then(|boundary| multipart::parse(body, &boundary))
                .ok_or_else(|| ApiError::bad("can't parse multipart/form-data request"))?;
            for part in parts {
                if part.file_name.is_some() {
                    params.files.insert(
                        part.name,
                        Upload {
                            file_name: part.file_name,
                            mime: part.content_type,
                            bytes: part.data,
                        },
                    );
                } else {
                    let text = String::from_utf8_lossy(&part.data).into_owned();
                    params.fields.insert(part.name, Value::String(text));
                }
            }
        }
        // form-urlencoded, and what curl sends without a content type.
        _ => {
            for (key, value) in url::form_urlencoded::parse(body) {
                params
                    .fields
                    .insert(key.into_owned(), Value::String(value.into_owned()));
            }
        }
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keeps_types_and_form_gives_strings() {
        let json = parse(None, Some("application/json"), br#"{"chat_id": 5, "text": "hi"}"#).expect("json");
        assert_eq!(json.fields["chat_id"], json!(5));
        let form = parse(
            None,
            Some("application/x-www-form-urlencoded"),
            b"chat_id=5&text=a+b%26c",
        )
        .expect("form");
        assert_eq!(form.fields["chat_id"], json!("5"));
        assert_eq!(form.fields["text"], json!("a b&c"));
    }

    #[test]
    fn query_string_parameters_are_read() {
        let params = parse(Some("offset=3&timeout=0"), None, b"").expect("query");
        assert_eq!(params.fields["offset"], json!("3"));
    }

    #[test]
    fn uploads_are_recorded_by_name_size_and_mime() {
        let body = b"--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"qr.png\"\r\n\
Content-Type: image/png\r\n\r\nabc\r\n--b--\r\n";
        let params = parse(None, Some("multipart/form-data; boundary=b"), body).expect("multipart");
        assert_eq!(
            params.recorded()["photo"],
            json!({"file_name": "qr.png", "size": 3, "mime": "image/png"})
        );
    }
}
