//! Request bodies bound the way gin's `ShouldBind` and Go's `encoding/json` do it:
//! JSON or form by `Content-Type`, case-insensitive JSON keys, hard errors on wrong types.

use serde_json::{Map, Value};

/// A decoded request body.
#[derive(Debug, Clone)]
pub(crate) enum Body {
    /// `Content-Type: application/json`.
    Json(Value),
    /// Anything else: `application/x-www-form-urlencoded` (or an empty body).
    Form(Vec<(String, String)>),
}

/// Decodes a body the way `ShouldBind` picks its binding. `Err` carries Go's error text.
pub(crate) fn parse(content_type: Option<&str>, bytes: &[u8]) -> Result<Body, String> {
    let is_json = content_type.is_some_and(|ct| ct.to_ascii_lowercase().starts_with("application/json"));
    if is_json {
        return parse_json(bytes).map(Body::Json);
    }
    let is_multipart = content_type.is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/"));
    if is_multipart {
        return Err("multipart bodies are not supported by the fake panel".to_owned());
    }
    Ok(Body::Form(url::form_urlencoded::parse(bytes).into_owned().collect()))
}

/// `json.NewDecoder(r).Decode(&v)`: an empty body is `EOF`.
pub(crate) fn parse_json(bytes: &[u8]) -> Result<Value, String> {
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    let Some(first) = first else {
        return Err("EOF".to_owned());
    };
    serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            "unexpected EOF".to_owned()
        } else if matches!(first, b'{' | b'[' | b'"' | b't' | b'f' | b'n' | b'-' | b'0'..=b'9') {
            format!("invalid character in JSON body ({e})")
        } else {
            format!(
                "invalid character '{}' looking for beginning of value",
                char::from(first)
            )
        }
    })
}

/// A view over a bound struct's fields, for one Go struct name (used in error texts).
pub(crate) struct Fields<'a> {
    source: Source<'a>,
    go_struct: &'a str,
}

enum Source<'a> {
    Json(&'a Map<String, Value>),
    Form(&'a [(String, String)]),
}

impl<'a> Fields<'a> {
    /// Fields of a body bound into the Go struct `go_struct` (e.g. `"Inbound"`).
    pub(crate) fn of(body: &'a Body, go_struct: &'a str, go_type: &str) -> Result<Self, String> {
        match body {
            Body::Json(Value::Object(map)) => Ok(Fields {
                source: Source::Json(map),
                go_struct,
            }),
            Body::Json(Value::Null) => Ok(Fields {
                source: Source::Form(&[]),
                go_struct,
            }),
            Body::Json(other) => Err(format!(
                "json: cannot unmarshal {} into Go value of type {go_type}",
                json_kind(other)
            )),
            Body::Form(pairs) => Ok(Fields {
                source: Source::Form(pairs),
                go_struct,
            }),
        }
    }

    /// Fields of a nested JSON object (e.g. `ClientCreatePayload.client`).
    pub(crate) fn nested(map: &'a Map<String, Value>, go_struct: &'a str) -> Self {
        Fields {
            source: Source::Json(map),
            go_struct,
        }
    }

    /// The raw JSON value of a key (exact match first, then case-insensitive like Go).
    pub(crate) fn raw(&self, name: &str) -> Option<&'a Value> {
        match self.source {
            Source::Json(map) => lookup(map, name),
            Source::Form(_) => None,
        }
    }

    fn form(&self, name: &str) -> Option<&'a str> {
        match self.source {
            Source::Form(pairs) => pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()),
            Source::Json(_) => None,
        }
    }

    /// Whether the body is JSON.
    pub(crate) fn is_json(&self) -> bool {
        matches!(self.source, Source::Json(_))
    }

    /// An `int`/`int64` field; absent or `null` is 0.
    pub(crate) fn int(&self, name: &str, go_type: &str) -> Result<i64, String> {
        if let Some(raw) = self.form(name) {
            if raw.is_empty() {
                return Ok(0);
            }
            return raw
                .parse::<i64>()
                .map_err(|_| format!("strconv.ParseInt: parsing {raw:?}: invalid syntax"));
        }
        match self.raw(name) {
            None | Some(Value::Null) => Ok(0),
            Some(Value::Number(n)) => n
                .as_i64()
                .ok_or_else(|| self.type_error(&format!("number {n}"), name, go_type)),
            Some(other) => Err(self.type_error(json_kind(other), name, go_type)),
        }
    }

    /// A `string` field; absent or `null` is `""`.
    pub(crate) fn string(&self, name: &str) -> Result<String, String> {
        if let Some(raw) = self.form(name) {
            return Ok(raw.to_owned());
        }
        match self.raw(name) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(other) => Err(self.type_error(json_kind(other), name, "string")),
        }
    }

    /// A `bool` field; absent or `null` is false.
    pub(crate) fn boolean(&self, name: &str) -> Result<bool, String> {
        if let Some(raw) = self.form(name) {
            return match raw {
                "" => Ok(false),
                "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
                "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
                _ => Err(format!("strconv.ParseBool: parsing {raw:?}: invalid syntax")),
            };
        }
        match self.raw(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(self.type_error(json_kind(other), name, "bool")),
        }
    }

    /// A JSON-text column that gen D accepts as a string or as nested JSON (`jsonStringFieldFromRaw`).
    pub(crate) fn text_or_raw(&self, name: &str) -> Result<String, String> {
        match self.raw(name) {
            Some(Value::String(s)) => Ok(s.clone()),
            None | Some(Value::Null) => self.string(name),
            Some(other) => Ok(other.to_string()),
        }
    }

    fn type_error(&self, kind: &str, name: &str, go_type: &str) -> String {
        format!(
            "json: cannot unmarshal {kind} into Go struct field {}.{name} of type {go_type}",
            self.go_struct
        )
    }
}

/// Go's `encoding/json` key matching: exact, else case-insensitive.
pub(crate) fn lookup<'m>(map: &'m Map<String, Value>, name: &str) -> Option<&'m Value> {
    map.get(name)
        .or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v))
}

/// The word Go uses for a JSON value's kind in type errors.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
