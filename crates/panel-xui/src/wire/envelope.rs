//! `{"success": bool, "msg": string, "obj": any}`: every JSON answer of the panel.

use serde::Deserialize;
use serde_json::Value;

use super::lenient;

/// The panel's answer wrapper. Business errors are `success: false` with HTTP 200.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Envelope {
    /// Whether the panel did what was asked.
    pub success: bool,
    /// The panel's (localised) message; may carry a trailing newline.
    #[serde(default, deserialize_with = "lenient::string")]
    pub msg: String,
    /// The payload, `null` when unused.
    #[serde(default)]
    pub obj: Value,
}

impl Envelope {
    /// The message without the newline 3x-ui's errors carry inside their parentheses.
    pub fn message(&self) -> String {
        self.msg.replace("\n)", ")").trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_business_error_keeps_its_message_without_the_stray_newline() {
        let e: Envelope = serde_json::from_str(
            r#"{"success":false,"msg":"Something went wrong (Duplicate email: bob\n)","obj":null}"#,
        )
        .unwrap();
        assert!(!e.success);
        assert_eq!(e.message(), "Something went wrong (Duplicate email: bob)");
    }

    #[test]
    fn v3_answers_without_msg_or_obj_are_read() {
        let e: Envelope = serde_json::from_str(r#"{"success":true,"obj":"tok"}"#).unwrap();
        assert!(e.success);
        assert_eq!(e.obj, Value::String("tok".into()));
        let e: Envelope = serde_json::from_str(r#"{"success":true}"#).unwrap();
        assert_eq!(e.obj, Value::Null);
    }
}
