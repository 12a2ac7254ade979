//! Inline keyboard rules beyond types: callback data 1–64 bytes, URL buttons pointing at a
//! real public host, one action per button, at most 100 buttons.

use serde_json::Value;

use super::envelope::ApiError;

/// The fields that give a button its action (everything but `text`, `icon_custom_emoji_id`
/// and `style`).
const ACTIONS: &[&str] = &[
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

/// Checks a validated `reply_markup`; other markup kinds pass.
pub(crate) fn check(markup: &Value) -> Result<(), ApiError> {
    let Some(rows) = markup.get("inline_keyboard").and_then(Value::as_array) else {
        return Ok(());
    };
    let mut count = 0;
    for button in rows.iter().filter_map(Value::as_array).flatten() {
        count += 1;
        if let Some(data) = button.get("callback_data").and_then(Value::as_str)
            && (data.is_empty() || data.len() > 64)
        {
            return Err(ApiError::bad("BUTTON_DATA_INVALID"));
        }
        if let Some(url) = button.get("url").and_then(Value::as_str)
            && !public_url(url)
        {
            return Err(ApiError::bad(format!(
                "inline keyboard button URL '{url}' is invalid: Wrong HTTP URL"
            )));
        }
        let actions: Vec<&str> = ACTIONS.iter().copied().filter(|a| button.get(*a).is_some()).collect();
        match actions.len() {
            0 => {
                return Err(ApiError::bad(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
                ));
            }
            1 => {}
            _ => {
                return Err(ApiError::bad(format!(
                    "can't parse inline keyboard button: exactly one of the optional fields must be used, found {}",
                    actions.join(" and ")
                )));
            }
        }
    }
    if count > 100 {
        return Err(ApiError::bad("reply markup is too long"));
    }
    Ok(())
}

/// `http(s)` with a public-looking host, or `tg://`.
pub(crate) fn public_url(text: &str) -> bool {
    let Ok(url) = url::Url::parse(text) else {
        return false;
    };
    match url.scheme() {
        "tg" => true,
        "http" | "https" => match url.host() {
            Some(url::Host::Domain(host)) => {
                let host = host.to_ascii_lowercase();
                host.contains('.') && host != "localhost" && !host.ends_with(".localhost") && !host.ends_with(".local")
            }
            Some(url::Host::Ipv4(ip)) => !(ip.is_loopback() || ip.is_private() || ip.is_unspecified()),
            Some(url::Host::Ipv6(ip)) => !(ip.is_loopback() || ip.is_unspecified()),
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn markup(button: Value) -> Value {
        json!({ "inline_keyboard": [[button]] })
    }

    #[test]
    fn callback_data_over_64_bytes_is_refused() {
        // 33 Cyrillic letters are 66 bytes.
        let data = "я".repeat(33);
        let err = check(&markup(json!({"text": "x", "callback_data": data}))).expect_err("too long");
        assert_eq!(err.description, "Bad Request: BUTTON_DATA_INVALID");
        assert!(check(&markup(json!({"text": "x", "callback_data": "я".repeat(32)}))).is_ok());
        assert!(check(&markup(json!({"text": "x", "callback_data": ""}))).is_err());
    }

    #[test]
    fn localhost_urls_are_refused() {
        for url in [
            "http://localhost:8080/x",
            "http://127.0.0.1/",
            "https://intranet/",
            "ftp://example.com",
        ] {
            assert!(check(&markup(json!({"text": "x", "url": url}))).is_err(), "{url}");
        }
        assert!(check(&markup(json!({"text": "x", "url": "https://t.me/moonvpn"}))).is_ok());
    }

    #[test]
    fn a_button_needs_exactly_one_action() {
        assert!(check(&markup(json!({"text": "x"}))).is_err());
        assert!(
            check(&markup(
                json!({"text": "x", "url": "https://a.com", "callback_data": "a"})
            ))
            .is_err()
        );
    }

    #[test]
    fn more_than_100_buttons_is_too_long() {
        let row: Vec<Value> = (0..8)
            .map(|i| json!({"text": "b", "callback_data": i.to_string()}))
            .collect();
        let rows: Vec<Value> = (0..13).map(|_| Value::Array(row.clone())).collect();
        let err = check(&json!({ "inline_keyboard": rows })).expect_err("104 buttons");
        assert_eq!(err.description, "Bad Request: reply markup is too long");
    }
}
