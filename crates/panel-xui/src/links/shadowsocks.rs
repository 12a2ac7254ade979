//! `ss://<base64(method:[serverPSK:]key)>@<addr>:<port>?<params>#<remark>` by the panel's
//! `genShadowsocksLink` (3x-ui 2.x–3.3: standard base64 with padding).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::LinkSource;
use super::stream::Params;

/// The shadowsocks links of one client. There is no `security` parameter unless TLS is on;
/// 2022 methods (`2022-blake3-*`) put the server key before the user key.
pub(crate) fn links(src: &LinkSource<'_>) -> Vec<String> {
    let stream = src.stream();
    let mut params = Params::new();
    stream.network_params(&mut params);
    let security = stream.security();
    if security == "tls" {
        params.insert("security".into(), "tls".into());
        stream.tls_params(&mut params);
    }
    let method = src.settings.get("method").and_then(|v| v.as_str()).unwrap_or("");
    let server_key = src.settings.get("password").and_then(|v| v.as_str()).unwrap_or("");
    let user_key = src.client_text("password");
    let secret = if method.starts_with('2') {
        format!("{method}:{server_key}:{user_key}")
    } else {
        format!("{method}:{user_key}")
    };
    src.url_links("ss", &STANDARD.encode(secret), params, security)
}
