//! Deserialisers that accept what any 3x-ui generation writes.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A JSON value the panel may send as JSON text (`"{\"a\":1}"`, gen A–C) or as the value
/// itself (gen D). Empty text and `null` become `Value::Null`.
pub(crate) fn json_text(raw: &Value) -> Result<Value, serde_json::Error> {
    match raw {
        Value::String(text) if text.trim().is_empty() => Ok(Value::Null),
        Value::String(text) => serde_json::from_str(text),
        other => Ok(other.clone()),
    }
}

/// A string field that may be missing or `null`.
pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// An integer the panel may write as a number (`123`, `1.0e3`) or as text (`"123"`, v2.0
/// `tgId`); missing, `null` or empty text is 0.
pub(crate) fn int<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let value = Option::<Value>::deserialize(d)?;
    match value {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not a whole number"))),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(0),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("{s:?} is not a whole number"))),
        Some(other) => Err(serde::de::Error::custom(format!("{other} is not a whole number"))),
    }
}

/// A boolean that may be missing or `null` (then `default`).
pub(crate) fn bool_or<'de, D: Deserializer<'de>>(d: D, default: bool) -> Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(default))
}

/// A boolean that is `true` when missing or `null` (3x-ui's default for `enable`).
pub(crate) fn bool_true<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    bool_or(d, true)
}

/// A list that may be missing or `null`.
pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "int")]
        n: i64,
        #[serde(default, deserialize_with = "string")]
        s: String,
        #[serde(default = "yes", deserialize_with = "bool_true")]
        b: bool,
    }

    fn yes() -> bool {
        true
    }

    #[test]
    fn settings_are_read_from_text_or_objects_alike() {
        let text = json!("{\"clients\":[]}");
        let object = json!({"clients": []});
        assert_eq!(json_text(&text).unwrap(), object);
        assert_eq!(json_text(&object).unwrap(), object);
        assert_eq!(json_text(&json!("")).unwrap(), Value::Null);
        assert!(json_text(&json!("{broken")).is_err());
    }

    #[test]
    fn numbers_written_as_text_or_null_are_read() {
        let p: Probe = serde_json::from_value(json!({"n": "123", "s": null, "b": null})).unwrap();
        assert_eq!((p.n, p.s.as_str(), p.b), (123, "", true));
        let p: Probe = serde_json::from_value(json!({"n": 1.0e3})).unwrap();
        assert_eq!(p.n, 1000);
        let p: Probe = serde_json::from_value(json!({})).unwrap();
        assert_eq!(p.n, 0);
        assert!(serde_json::from_value::<Probe>(json!({"n": "x"})).is_err());
    }
}
