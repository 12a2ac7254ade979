//! One column value between SeaORM and the JSON of a backup line. The schema uses only
//! integers, text and booleans (see the migration conventions), so those are all a backup
//! carries; any other type is refused rather than written in a form no restore reads.

use sea_orm::Value;
use sea_orm::sea_query::ArrayType;
use serde_json::Value as Json;

/// A stored value as JSON; `Err` names a type backups do not carry.
pub fn to_json(value: Value) -> Result<Json, String> {
    Ok(match value {
        Value::Bool(b) => b.map_or(Json::Null, Json::Bool),
        Value::Int(i) => i.map_or(Json::Null, Json::from),
        Value::BigInt(i) => i.map_or(Json::Null, Json::from),
        Value::String(s) => s.map_or(Json::Null, Json::String),
        other => return Err(format!("a value of an unsupported type ({other:?})")),
    })
}

/// JSON from a backup as a value of the column's type; `Err` says what was expected.
pub fn from_json(json: &Json, ty: &ArrayType) -> Result<Value, String> {
    let value = match (ty, json) {
        (ArrayType::Bool, Json::Null) => Value::Bool(None),
        (ArrayType::Int, Json::Null) => Value::Int(None),
        (ArrayType::BigInt, Json::Null) => Value::BigInt(None),
        (ArrayType::String, Json::Null) => Value::String(None),
        (ArrayType::Bool, Json::Bool(b)) => Value::Bool(Some(*b)),
        (ArrayType::Int, Json::Number(n)) => {
            let n = n.as_i64().and_then(|n| i32::try_from(n).ok());
            Value::Int(Some(n.ok_or("a 32-bit integer")?))
        }
        (ArrayType::BigInt, Json::Number(n)) => Value::BigInt(Some(n.as_i64().ok_or("a 64-bit integer")?)),
        (ArrayType::String, Json::String(s)) => Value::String(Some(s.clone())),
        (ArrayType::Bool, _) => return Err("true or false".to_owned()),
        (ArrayType::Int | ArrayType::BigInt, _) => return Err("an integer".to_owned()),
        (ArrayType::String, _) => return Err("text".to_owned()),
        (other, _) => return Err(format!("a column of an unsupported type ({other:?})")),
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_round_trip_through_json() {
        for (value, ty) in [
            (Value::Bool(Some(true)), ArrayType::Bool),
            (Value::Int(Some(-7)), ArrayType::Int),
            (Value::BigInt(Some(i64::MAX)), ArrayType::BigInt),
            (Value::String(Some("سلام \"x\"".into())), ArrayType::String),
            (Value::BigInt(None), ArrayType::BigInt),
            (Value::String(None), ArrayType::String),
        ] {
            let json = to_json(value.clone()).unwrap();
            assert_eq!(from_json(&json, &ty).unwrap(), value);
        }
    }

    #[test]
    fn a_value_of_the_wrong_type_is_refused() {
        assert!(from_json(&json!("12"), &ArrayType::BigInt).is_err());
        assert!(from_json(&json!(1), &ArrayType::Bool).is_err());
        assert!(from_json(&json!(3_000_000_000_i64), &ArrayType::Int).is_err());
        assert!(from_json(&json!(1.5), &ArrayType::BigInt).is_err());
        assert!(to_json(Value::Double(Some(1.0))).is_err());
    }
}
