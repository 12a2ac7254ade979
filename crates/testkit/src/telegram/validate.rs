//! Checks a call's parameters against the spec and normalises them: required parameters
//! present, every value of an accepted type (strings from form bodies are read as the real
//! server reads them), nested objects checked field by field with the server's wording.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::body::{RawParams, Upload};
use super::envelope::ApiError;
use super::spec::{Field, Method, Spec, TypeRef};

/// Parameters after validation: typed JSON values, plus the uploaded files.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params {
    pub(crate) values: Map<String, Value>,
    pub(crate) files: HashMap<String, Upload>,
}

/// A file parameter: an upload, or a string (a file_id or an HTTP URL).
#[derive(Clone, Debug)]
pub(crate) enum FileArg {
    Upload(Upload),
    Reference(String),
}

impl Params {
    pub(crate) fn value(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(Value::as_str)
    }

    pub(crate) fn i64(&self, name: &str) -> Option<i64> {
        self.values.get(name).and_then(Value::as_i64)
    }

    pub(crate) fn bool(&self, name: &str) -> bool {
        self.values.get(name).and_then(Value::as_bool).unwrap_or(false)
    }

    /// The file given for `name`: a part of that name, `attach://<part>`, or a string.
    pub(crate) fn file(&self, name: &str) -> Option<FileArg> {
        if let Some(upload) = self.files.get(name) {
            return Some(FileArg::Upload(upload.clone()));
        }
        let text = self.str(name)?;
        if let Some(part) = text.strip_prefix("attach://") {
            return self.files.get(part).cloned().map(FileArg::Upload);
        }
        Some(FileArg::Reference(text.to_owned()))
    }
}

/// Validates `raw` for `method`.
pub(crate) fn params(spec: &Spec, method: &Method, raw: RawParams) -> Result<Params, ApiError> {
    let mut values = Map::new();
    for field in &method.fields {
        let value = raw
            .fields
            .get(&field.name)
            .filter(|v| !v.is_null() || takes_object(field));
        let has_file = field.types.contains(&TypeRef::InputFile) && raw.files.contains_key(&field.name);
        match value {
            None if has_file => {}
            None if field.required => return Err(missing(&method.name, field)),
            None => {}
            Some(value) => {
                let normalised = top_level(spec, field, value, &raw.files)?;
                values.insert(field.name.clone(), normalised);
            }
        }
    }
    Ok(Params {
        values,
        files: raw.files,
    })
}

fn takes_object(field: &Field) -> bool {
    field
        .types
        .iter()
        .any(|t| matches!(t, TypeRef::Named(_) | TypeRef::Array(_)))
}

fn missing(method: &str, field: &Field) -> ApiError {
    match (method, field.name.as_str()) {
        (_, "chat_id") => ApiError::bad("chat_id is empty"),
        (_, "text") => ApiError::bad("message text is empty"),
        (_, "message_id") => ApiError::bad("message identifier is not specified"),
        (_, name) if field.types.contains(&TypeRef::InputFile) => {
            ApiError::bad(format!("there is no {name} in the request"))
        }
        (_, name) => ApiError::bad(format!("parameter \"{name}\" is required")),
    }
}

/// A top-level parameter: strings are accepted for every scalar type (form bodies), and
/// objects may come JSON-serialised in a string.
fn top_level(spec: &Spec, field: &Field, value: &Value, files: &HashMap<String, Upload>) -> Result<Value, ApiError> {
    let decoded = match value {
        Value::String(text) => serde_json::from_str::<Value>(text).unwrap_or(Value::Null),
        other => other.clone(),
    };
    let mut errors = Vec::new();
    for ty in &field.types {
        match top_level_as(spec, field, ty, value, files) {
            Ok(v) => return Ok(v),
            Err(e) => errors.push((overlap(spec, ty, &decoded), e)),
        }
    }
    // Of several object types (reply_markup), report the one whose fields the value uses.
    errors
        .into_iter()
        .enumerate()
        .max_by_key(|(index, (score, _))| (*score, usize::MAX - index))
        .map_or_else(
            || Err(ApiError::bad(format!("parameter \"{}\" is invalid", field.name))),
            |(_, (_, e))| Err(e),
        )
}

fn top_level_as(
    spec: &Spec,
    field: &Field,
    ty: &TypeRef,
    value: &Value,
    files: &HashMap<String, Upload>,
) -> Result<Value, ApiError> {
    let name = &field.name;
    let wrong = |what: &str| ApiError::bad(format!("parameter \"{name}\" must be {what}"));
    match ty {
        TypeRef::Integer => integer(value).ok_or_else(|| wrong("an Integer")),
        TypeRef::Float => float(value).ok_or_else(|| wrong("a Float number")),
        TypeRef::Boolean => boolean(value).ok_or_else(|| wrong("a Boolean")),
        TypeRef::String => string(value).ok_or_else(|| wrong("a String")),
        TypeRef::InputFile => match value.as_str() {
            Some(text) if text.starts_with("attach://") && files.contains_key(&text["attach://".len()..]) => {
                Ok(value.clone())
            }
            _ => Err(wrong("an uploaded file")),
        },
        TypeRef::Named(_) | TypeRef::Array(_) => {
            let words = name.replace('_', " ");
            let decoded = match value {
                Value::String(text) => serde_json::from_str::<Value>(text).map_err(|_| match name.as_str() {
                    "reply_markup" => ApiError::bad("can't parse reply keyboard markup JSON object"),
                    _ => ApiError::bad(format!("can't parse {words} JSON object")),
                })?,
                other => other.clone(),
            };
            match ty {
                TypeRef::Named(_) if !decoded.is_object() => Err(ApiError::bad(format!("object expected as {words}"))),
                TypeRef::Array(inner) if !decoded.is_array() => {
                    Err(ApiError::bad(format!("expected an Array of {}", inner.describe())))
                }
                _ => nested(spec, ty, &decoded, name, None).map_err(|e| ApiError::bad(lower_first(&e))),
            }
        }
    }
}

/// The real server lower-cases the first letter after `Bad Request: ` unless the second one is
/// upper case (an error constant such as `BUTTON_DATA_INVALID`).
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if !(second.is_ascii_uppercase() || second == '_') => {
            format!("{}{}", first.to_ascii_lowercase(), &message[first.len_utf8()..])
        }
        _ => message.to_owned(),
    }
}

/// Validates a value inside a JSON object or array with the server's JSON rules.
/// `field` names the containing field (for messages), `parent` the containing type.
fn nested(spec: &Spec, ty: &TypeRef, value: &Value, field: &str, parent: Option<&str>) -> Result<Value, String> {
    match ty {
        TypeRef::String => match value {
            Value::String(_) => Ok(value.clone()),
            Value::Number(n) => Ok(Value::String(n.to_string())),
            _ => Err(format!("Field \"{field}\" must be of type String")),
        },
        TypeRef::Integer => integer_strict(value).ok_or_else(|| format!("Field \"{field}\" must be a Number")),
        TypeRef::Float => match value {
            Value::Number(_) => Ok(value.clone()),
            _ => Err(format!("Field \"{field}\" must be of type Number")),
        },
        TypeRef::Boolean => match value {
            Value::Bool(_) => Ok(value.clone()),
            _ => Err(format!("Field \"{field}\" must be of type Boolean")),
        },
        TypeRef::InputFile => match value {
            Value::String(_) => Ok(value.clone()),
            _ => Err(format!("Field \"{field}\" must be of type String")),
        },
        TypeRef::Array(inner) => {
            let Value::Array(items) = value else {
                return Err(array_message(field, parent, inner));
            };
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                if matches!(**inner, TypeRef::Array(_)) && !item.is_array() {
                    return Err(array_message(field, parent, inner));
                }
                let checked = nested(spec, inner, item, field, parent).map_err(|e| match &**inner {
                    TypeRef::Named(name) => format!("Can't parse {}: {e}", label(name)),
                    _ => e,
                })?;
                out.push(checked);
            }
            Ok(Value::Array(out))
        }
        TypeRef::Named(name) => object(spec, name, value, field),
    }
}

fn array_message(field: &str, parent: Option<&str>, inner: &TypeRef) -> String {
    match (inner, parent) {
        (TypeRef::Array(_), Some(parent)) => format!("Field \"{field}\" of the {parent} must be an Array of Arrays"),
        (TypeRef::Array(_), None) => format!("Field \"{field}\" must be an Array of Arrays"),
        _ => format!("Field \"{field}\" must be of type Array"),
    }
}

/// How the server names a type in `Can't parse …:` messages.
fn label(type_name: &str) -> String {
    match type_name {
        "InlineKeyboardButton" => "inline keyboard button".to_owned(),
        "KeyboardButton" => "keyboard button".to_owned(),
        "LabeledPrice" => "labeled price".to_owned(),
        other => other.to_owned(),
    }
}

fn object(spec: &Spec, type_name: &str, value: &Value, field: &str) -> Result<Value, String> {
    // The server also takes a reply keyboard button as a plain string.
    if type_name == "KeyboardButton" && value.is_string() {
        return Ok(value.clone());
    }
    let Some(ty) = spec.type_named(type_name) else {
        // A type the spec names but does not describe: accept any object.
        return value
            .is_object()
            .then(|| value.clone())
            .ok_or_else(|| format!("Field \"{field}\" must be of type Object"));
    };
    let Value::Object(map) = value else {
        return Err(format!("{type_name} must be an Object"));
    };
    if !ty.subtypes.is_empty() {
        return abstract_object(spec, type_name, &ty.subtypes, value);
    }
    let mut out = map.clone();
    for f in &ty.fields {
        match map.get(&f.name) {
            None if f.required => return Err(format!("Can't find field \"{}\"", f.name)),
            None => {}
            Some(v) => {
                if let (Some(constant), Some(given)) = (&f.constant, v.as_str())
                    && constant != given
                {
                    return Err(format!("{type_name} has unsupported {} \"{given}\"", f.name));
                }
                let checked = one_of(spec, &f.types, v, &f.name, type_name)?;
                out.insert(f.name.clone(), checked);
            }
        }
    }
    Ok(Value::Object(out))
}

/// An abstract type (`InputMedia`, `BotCommandScope`): pick the subtype by its discriminator,
/// or the first subtype the object fits.
fn abstract_object(spec: &Spec, type_name: &str, subtypes: &[String], value: &Value) -> Result<Value, String> {
    let mut discriminated = false;
    for sub in subtypes {
        let Some(sub_ty) = spec.type_named(sub) else { continue };
        let Some(disc) = sub_ty.fields.iter().find(|f| f.constant.is_some()) else {
            continue;
        };
        discriminated = true;
        if value.get(&disc.name).and_then(Value::as_str) == disc.constant.as_deref() {
            return object(spec, sub, value, "");
        }
    }
    if discriminated {
        return Err(format!("{type_name} has unsupported type"));
    }
    let mut first_error = None;
    for sub in subtypes {
        match object(spec, sub, value, "") {
            Ok(v) => return Ok(v),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    Err(first_error.unwrap_or_else(|| format!("{type_name} must be an Object")))
}

/// A field that accepts several types: the first that fits; otherwise the error of the type
/// that best matches the value's keys.
fn one_of(spec: &Spec, types: &[TypeRef], value: &Value, field: &str, parent: &str) -> Result<Value, String> {
    let mut errors = Vec::new();
    for ty in types {
        match nested(spec, ty, value, field, Some(parent)) {
            Ok(v) => return Ok(v),
            Err(e) => errors.push((overlap(spec, ty, value), e)),
        }
    }
    let best = errors
        .iter()
        .enumerate()
        .max_by_key(|(index, (score, _))| (*score, usize::MAX - index))
        .map(|(_, (_, e))| e.clone());
    Err(best.unwrap_or_else(|| format!("Field \"{field}\" is invalid")))
}

fn overlap(spec: &Spec, ty: &TypeRef, value: &Value) -> usize {
    let (TypeRef::Named(name), Value::Object(map)) = (ty, value) else {
        return 0;
    };
    spec.type_named(name)
        .map(|t| t.fields.iter().filter(|f| map.contains_key(&f.name)).count())
        .unwrap_or(0)
}

/// An Integer parameter: a JSON integer or a string holding one.
pub(crate) fn integer(value: &Value) -> Option<Value> {
    match value {
        Value::Number(n) if n.is_i64() => Some(value.clone()),
        Value::String(text) => text.trim().parse::<i64>().ok().map(Value::from),
        _ => None,
    }
}

fn integer_strict(value: &Value) -> Option<Value> {
    match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(value.clone()),
        Value::String(text) => text.parse::<i64>().ok().map(Value::from),
        _ => None,
    }
}

fn float(value: &Value) -> Option<Value> {
    match value {
        Value::Number(_) => Some(value.clone()),
        Value::String(text) => text.trim().parse::<f64>().ok().map(Value::from),
        _ => None,
    }
}

fn boolean(value: &Value) -> Option<Value> {
    match value {
        Value::Bool(_) => Some(value.clone()),
        Value::String(text) => match text.to_ascii_lowercase().as_str() {
            "true" | "1" => Some(Value::Bool(true)),
            "false" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        Value::Number(n) => n.as_i64().filter(|v| *v == 0 || *v == 1).map(|v| Value::Bool(v == 1)),
        _ => None,
    }
}

fn string(value: &Value) -> Option<Value> {
    match value {
        Value::String(_) => Some(value.clone()),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::Bool(b) => Some(Value::String(b.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(method: &str, fields: Value) -> Result<Params, ApiError> {
        let spec = Spec::get();
        let Value::Object(map) = fields else { panic!("object") };
        let raw = RawParams {
            fields: map,
            files: HashMap::new(),
        };
        params(spec, spec.method(method).expect("method"), raw)
    }

    fn description(result: Result<Params, ApiError>) -> String {
        result.expect_err("should be refused").description
    }

    #[test]
    fn form_strings_become_typed_values() {
        let p = check(
            "sendMessage",
            json!({"chat_id": "42", "text": "hi", "disable_notification": "true"}),
        )
        .expect("valid");
        assert_eq!(p.i64("chat_id"), Some(42));
        assert!(p.bool("disable_notification"));
    }

    #[test]
    fn missing_text_reads_like_telegram() {
        assert_eq!(
            description(check("sendMessage", json!({"chat_id": 1}))),
            "Bad Request: message text is empty"
        );
        assert_eq!(
            description(check("sendMessage", json!({"text": "x"}))),
            "Bad Request: chat_id is empty"
        );
    }

    #[test]
    fn null_reply_markup_is_refused() {
        assert_eq!(
            description(check(
                "sendMessage",
                json!({"chat_id": 1, "text": "x", "reply_markup": null})
            )),
            "Bad Request: object expected as reply markup"
        );
    }

    #[test]
    fn a_button_with_a_number_as_text_is_accepted_but_an_object_is_not() {
        let ok = json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": 5, "callback_data": "a"}]]}});
        let p = check("sendMessage", ok).expect("valid");
        assert_eq!(
            p.value("reply_markup").expect("markup")["inline_keyboard"][0][0]["text"],
            json!("5")
        );
        let bad = json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [[{"text": {}, "callback_data": "a"}]]}});
        assert_eq!(
            description(check("sendMessage", bad)),
            "Bad Request: can't parse inline keyboard button: Field \"text\" must be of type String"
        );
    }

    #[test]
    fn keyboard_rows_must_be_arrays() {
        let bad = json!({"chat_id": 1, "text": "x", "reply_markup": {"inline_keyboard": [{"text": "a"}]}});
        assert_eq!(
            description(check("sendMessage", bad)),
            "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays"
        );
    }

    #[test]
    fn a_reply_keyboard_error_is_reported_for_the_reply_keyboard() {
        let bad = json!({"chat_id": 1, "text": "x", "reply_markup": {"keyboard": [[{"text": true}]]}});
        let description = description(check("sendMessage", bad));
        assert!(description.contains("keyboard button"), "{description}");
        let strings = json!({"chat_id": 1, "text": "x", "reply_markup": {"keyboard": [["Yes", {"text": "No"}]]}});
        check("sendMessage", strings).expect("valid");
        let remove = json!({"chat_id": 1, "text": "x", "reply_markup": {"remove_keyboard": true}});
        check("sendMessage", remove).expect("valid");
    }

    #[test]
    fn serialised_markup_in_a_form_field_is_decoded() {
        let p = check(
            "sendMessage",
            json!({"chat_id": "1", "text": "x", "reply_markup": "{\"inline_keyboard\":[]}"}),
        )
        .expect("valid");
        assert_eq!(p.value("reply_markup"), Some(&json!({"inline_keyboard": []})));
        assert_eq!(
            description(check(
                "sendMessage",
                json!({"chat_id": "1", "text": "x", "reply_markup": "{not json"})
            )),
            "Bad Request: can't parse reply keyboard markup JSON object"
        );
    }

    #[test]
    fn abstract_types_are_checked_by_their_discriminator() {
        let ok = json!({"commands": [{"command": "start", "description": "Start"}], "scope": {"type": "chat", "chat_id": 5}});
        check("setMyCommands", ok).expect("valid");
        let bad = json!({"commands": [], "scope": {"type": "chat"}});
        assert_eq!(
            description(check("setMyCommands", bad)),
            "Bad Request: can't find field \"chat_id\""
        );
    }
}
