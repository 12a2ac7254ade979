//! Raw HTTP calls to the fake, as any Bot API client would make them.

use std::time::Duration;

use serde_json::Value;
use testkit::telegram::FakeTelegram;

/// A started fake with flood limits off (tests that need them turn them on).
pub async fn fake() -> FakeTelegram {
    let fake = FakeTelegram::start().await;
    fake.disable_rate_limit();
    fake
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .expect("reqwest client")
}

pub fn method_url(fake: &FakeTelegram, method: &str) -> String {
    format!("{}/bot{}/{method}", fake.api_url(), fake.token())
}

/// `(HTTP status, body)` of a JSON POST.
pub async fn call(fake: &FakeTelegram, method: &str, params: Value) -> (u16, Value) {
    let response = client()
        .post(method_url(fake, method))
        .json(&params)
        .send()
        .await
        .expect("request");
    decode(response).await
}

/// `(HTTP status, body)` of a form-urlencoded POST.
pub async fn call_form(fake: &FakeTelegram, method: &str, fields: &[(&str, &str)]) -> (u16, Value) {
    let response = client()
        .post(method_url(fake, method))
        .form(fields)
        .send()
        .await
        .expect("request");
    decode(response).await
}

/// `(HTTP status, body)` of a multipart POST with text fields and one file part.
pub async fn call_multipart(
    fake: &FakeTelegram,
    method: &str,
    fields: &[(&str, &str)],
    file: (&str, &str, &str, Vec<u8>),
) -> (u16, Value) {
    let (part_name, file_name, mime, bytes) = file;
    let mut form = reqwest::multipart::Form::new();
    for (key, value) in fields {
        form = form.text(key.to_string(), value.to_string());
    }
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(file_name.to_owned())
        .mime_str(mime)
        .expect("mime");
    form = form.part(part_name.to_owned(), part);
    let response = client()
        .post(method_url(fake, method))
        .multipart(form)
        .send()
        .await
        .expect("request");
    decode(response).await
}

pub async fn decode(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body = response.json::<Value>().await.expect("JSON body");
    (status, body)
}

/// The `result` of a call that must succeed.
pub async fn ok(fake: &FakeTelegram, method: &str, params: Value) -> Value {
    let (status, body) = call(fake, method, params).await;
    assert_eq!(status, 200, "{method} failed: {body}");
    assert_eq!(body["ok"], Value::Bool(true), "{body}");
    body["result"].clone()
}

/// The `description` of a call that must fail with `code`.
pub async fn fails(fake: &FakeTelegram, method: &str, params: Value, code: u16) -> String {
    let (status, body) = call(fake, method, params).await;
    assert_eq!(status, code, "{method}: unexpected answer {body}");
    assert_eq!(body["ok"], Value::Bool(false), "{body}");
    assert_eq!(body["error_code"], Value::from(code), "{body}");
    body["description"].as_str().expect("description").to_owned()
}

/// A valid 2×2 PNG.
pub fn png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xFD, 0xD4, 0x9A, 0x73, 0x00, 0x00, 0x00,
        0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0xC0, 0x00, 0x44, 0x0C, 0x10, 0x0A, 0x00, 0x1F,
        0xEE, 0x03, 0xFD, 0x63, 0x5E, 0xBB, 0x5B, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
        0x82,
    ]
}
