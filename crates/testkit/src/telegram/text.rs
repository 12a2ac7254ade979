//! Formatted text: what a user sees after `parse_mode` is applied, with its entities
//! (offsets and lengths in UTF-16 code units, as the Bot API counts them).

use serde_json::{Map, Value, json};

use super::envelope::ApiError;
use super::{html, markdown};

/// A message entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entity {
    pub(crate) kind: String,
    pub(crate) offset: usize,
    pub(crate) length: usize,
    /// Extra fields (`url`, `language`, `custom_emoji_id`, `unix_time`, …).
    pub(crate) extra: Vec<(&'static str, Value)>,
}

impl Entity {
    pub(crate) fn to_json(&self) -> Value {
        let mut entity = json!({ "type": self.kind, "offset": self.offset, "length": self.length });
        for (key, value) in &self.extra {
            entity[*key] = value.clone();
        }
        entity
    }
}

/// Text as shown, with entities.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Formatted {
    pub(crate) text: String,
    pub(crate) entities: Vec<Value>,
}

/// Which limit applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A message text: 1–4096 characters.
    Text,
    /// A media caption: 0–1024 characters.
    Caption,
}

/// Applies `parse_mode` (or explicit `entities`), trims as Telegram does and checks the length.
pub(crate) fn format(
    raw: &str,
    parse_mode: Option<&str>,
    explicit: Option<&Value>,
    kind: Kind,
) -> Result<Formatted, ApiError> {
    let parsed = match parse_mode.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") => Formatted {
            text: raw.to_owned(),
            entities: explicit.and_then(Value::as_array).cloned().unwrap_or_default(),
        },
        Some("html") => html::parse(raw).map_err(entities_error)?,
        Some("markdownv2") => markdown::parse_v2(raw).map_err(entities_error)?,
        Some("markdown") => markdown::parse_legacy(raw).map_err(entities_error)?,
        Some(_) => return Err(ApiError::bad("unsupported parse_mode")),
    };
    let formatted = trim(parsed);
    let length = formatted.text.chars().count();
    match kind {
        Kind::Text if formatted.text.is_empty() => Err(ApiError::bad("message text is empty")),
        Kind::Text if length > 4096 => Err(ApiError::bad("message is too long")),
        Kind::Caption if length > 1024 => Err(ApiError::bad("message caption is too long")),
        _ => Ok(formatted),
    }
}

fn entities_error(message: String) -> ApiError {
    ApiError::bad(format!("can't parse entities: {message}"))
}

/// Sorts entities as Telegram returns them and builds their JSON.
pub(crate) fn finish(text: String, mut entities: Vec<Entity>) -> Formatted {
    entities.retain(|e| e.length > 0);
    entities.sort_by_key(|e| (e.offset, usize::MAX - e.length));
    Formatted {
        text,
        entities: entities.iter().map(Entity::to_json).collect(),
    }
}

/// Strips leading and trailing whitespace and moves the entities with the text.
fn trim(formatted: Formatted) -> Formatted {
    let text = formatted.text;
    let start = text.len() - text.trim_start().len();
    let trimmed = text.trim();
    let cut = utf16_len(&text[..start]);
    let len = utf16_len(trimmed);
    let entities = formatted
        .entities
        .into_iter()
        .filter_map(|entity| shift(entity, cut, len))
        .collect();
    Formatted {
        text: trimmed.to_owned(),
        entities,
    }
}

fn shift(entity: Value, cut: usize, len: usize) -> Option<Value> {
    let Value::Object(mut map) = entity else {
        return None;
    };
    let offset = usize_of(&map, "offset")?;
    let length = usize_of(&map, "length")?;
    let start = offset.saturating_sub(cut).min(len);
    let end = (offset + length).saturating_sub(cut).min(len);
    if end <= start {
        return None;
    }
    map.insert("offset".to_owned(), Value::from(start));
    map.insert("length".to_owned(), Value::from(end - start));
    Some(Value::Object(map))
}

fn usize_of(map: &Map<String, Value>, key: &str) -> Option<usize> {
    map.get(key)?.as_u64().and_then(|v| usize::try_from(v).ok())
}

/// Length in UTF-16 code units.
pub(crate) fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_trimmed_and_checked() {
        let f = format("  hello  ", None, None, Kind::Text).expect("ok");
        assert_eq!(f.text, "hello");
        assert_eq!(
            format("   ", None, None, Kind::Text).expect_err("empty").description,
            "Bad Request: message text is empty"
        );
    }

    #[test]
    fn length_limits_count_characters_after_parsing() {
        let long = format!("<b>{}</b>", "я".repeat(4096));
        assert!(format(&long, Some("HTML"), None, Kind::Text).is_ok());
        let too_long = "я".repeat(4097);
        assert_eq!(
            format(&too_long, None, None, Kind::Text).expect_err("long").description,
            "Bad Request: message is too long"
        );
        assert_eq!(
            format(&"x".repeat(1025), None, None, Kind::Caption)
                .expect_err("long")
                .description,
            "Bad Request: message caption is too long"
        );
    }

    #[test]
    fn unknown_parse_mode_is_refused() {
        assert_eq!(
            format("x", Some("XML"), None, Kind::Text)
                .expect_err("mode")
                .description,
            "Bad Request: unsupported parse_mode"
        );
    }

    #[test]
    fn entities_follow_the_trimmed_text() {
        let f = format("  <b>hi</b> ", Some("HTML"), None, Kind::Text).expect("ok");
        assert_eq!(f.text, "hi");
        assert_eq!(f.entities, vec![json!({"type": "bold", "offset": 0, "length": 2})]);
    }
}
