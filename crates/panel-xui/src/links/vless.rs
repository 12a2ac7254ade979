//! `vless://<uuid>@<addr>:<port>?<params>#<remark>` by the panel's `genVlessLink`.

use rand::Rng;

use super::LinkSource;
use super::stream::Params;

/// The vless links of one client.
pub(crate) fn links(src: &LinkSource<'_>, rng: &mut impl Rng) -> Vec<String> {
    let stream = src.stream();
    let mut params = Params::new();
    stream.network_params(&mut params);
    if let Some(encryption) = src.settings.get("encryption").and_then(|v| v.as_str()) {
        params.insert("encryption".into(), encryption.into());
    }
    let security = stream.security();
    match security {
        "tls" => {
            params.insert("security".into(), "tls".into());
            stream.tls_params(&mut params);
        }
        "reality" => {
            params.insert("security".into(), "reality".into());
            stream.reality_params(&mut params, rng);
        }
        _ => {
            params.insert("security".into(), "none".into());
        }
    }
    if matches!(security, "tls" | "reality") && stream.network() == "tcp" && !src.client_flow().is_empty() {
        params.insert("flow".into(), src.client_flow().into());
    }
    src.url_links("vless", src.client_text("id"), params, security)
}
