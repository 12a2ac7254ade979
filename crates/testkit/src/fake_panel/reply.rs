//! Response shapes of the real panel: the `{success, msg, obj}` envelope, gin's empty and
//! plain-text 404s, `307` redirects, the session cookie.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value};

use super::config::Generation;
use super::model::go_html_escape;
use super::state::Fail;
use super::texts::SOMETHING_WENT_WRONG;

/// A JSON body serialised the way Go's `encoding/json` does (HTML characters escaped).
pub(crate) fn json(status: StatusCode, value: &Value) -> Response {
    let text = go_html_escape(&serde_json::to_string(value).unwrap_or_default());
    with_type(status, text, "application/json; charset=utf-8")
}

/// `{"success":…, "msg":…, "obj":…}`: all three keys, always.
pub(crate) fn envelope(success: bool, msg: &str, obj: Value) -> Response {
    let mut map = Map::new();
    map.insert("success".into(), Value::Bool(success));
    map.insert("msg".into(), Value::String(msg.to_owned()));
    map.insert("obj".into(), obj);
    json(StatusCode::OK, &Value::Object(map))
}

/// `jsonMsgObj`: success, or `"<ctx> (<error>)"`; a panic becomes an empty `500`.
pub(crate) fn msg_obj(ctx: &str, obj: Value, result: Result<(), Fail>) -> Response {
    match result {
        Ok(()) => envelope(true, ctx, obj),
        Err(Fail::Panic) => empty(StatusCode::INTERNAL_SERVER_ERROR),
        Err(Fail::Msg(err)) => {
            let msg = if !err.is_empty() {
                format!("{ctx} ({err})")
            } else if !ctx.is_empty() {
                ctx.to_owned()
            } else {
                SOMETHING_WENT_WRONG.to_owned()
            };
            envelope(false, &msg, obj)
        }
    }
}

/// `jsonMsg(ctx, err)`.
pub(crate) fn msg(ctx: &str, result: Result<(), Fail>) -> Response {
    msg_obj(ctx, Value::Null, result)
}

/// `jsonObj(obj, nil)`.
pub(crate) fn obj(value: Value) -> Response {
    envelope(true, "", value)
}

/// A status with an empty body.
pub(crate) fn empty(status: StatusCode) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status;
    response
}

/// A plain-text body.
pub(crate) fn text(status: StatusCode, body: impl Into<String>) -> Response {
    with_type(status, body.into(), "text/plain; charset=utf-8")
}

/// An HTML body.
pub(crate) fn html(body: impl Into<String>) -> Response {
    with_type(StatusCode::OK, body.into(), "text/html; charset=utf-8")
}

/// gin's answer to an unknown route (or a wrong method): before v2.8.5 the default
/// `404 page not found` text, after it the panel's catch-all `AbortWithStatus(404)` (empty).
pub(crate) fn no_route(generation: Generation) -> Response {
    if generation.empty_not_found() {
        empty(StatusCode::NOT_FOUND)
    } else {
        text(StatusCode::NOT_FOUND, "404 page not found")
    }
}

/// `c.Redirect(307, location)` (Go's `http.Redirect` writes a small HTML body for GET/HEAD).
pub(crate) fn redirect(location: &str, method_is_get: bool) -> Response {
    let mut response = if method_is_get {
        html(format!("<a href=\"{location}\">Temporary Redirect</a>.\n\n"))
    } else {
        empty(StatusCode::OK)
    };
    *response.status_mut() = StatusCode::TEMPORARY_REDIRECT;
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Adds `Set-Cookie: 3x-ui=<value>; Path=<path>; Expires=…; Max-Age=…; HttpOnly; SameSite=Lax`.
/// A negative `max_age` deletes the cookie.
pub(crate) fn set_cookie(response: &mut Response, value: &str, path: &str, max_age: i64) {
    let expires = if max_age > 0 {
        let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(max_age);
        http_date(at)
    } else {
        "Thu, 01 Jan 1970 00:00:01 GMT".to_owned()
    };
    let cookie = format!("3x-ui={value}; Path={path}; Expires={expires}; Max-Age={max_age}; HttpOnly; SameSite=Lax");
    if let Ok(header_value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, header_value);
    }
}

fn http_date(at: time::OffsetDateTime) -> String {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let day = DAYS[usize::from(at.weekday().number_days_from_monday())];
    let month = MONTHS[usize::from(u8::from(at.month()) - 1)];
    format!(
        "{day}, {:02} {month} {} {:02}:{:02}:{:02} GMT",
        at.day(),
        at.year(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn with_type(status: StatusCode, body: String, content_type: &'static str) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}
