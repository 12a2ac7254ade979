//! Reading a callback's fields from its query string or form body.

use payments::CallbackRequest;

/// The fields of a GET query or a form-urlencoded POST body (both, query first), decoded.
pub fn fields(call: &CallbackRequest) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = url::form_urlencoded::parse(call.query.as_bytes())
        .into_owned()
        .collect();
    let is_form = call
        .header("content-type")
        .is_none_or(|t| t.starts_with("application/x-www-form-urlencoded"));
    if is_form {
        out.extend(url::form_urlencoded::parse(&call.body).into_owned());
    }
    out
}

/// The first field named `name`.
pub fn get<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}
