//! `trojan://<password>@<addr>:<port>?<params>#<remark>` by the panel's `genTrojanLink`.

use rand::Rng;

use super::LinkSource;
use super::stream::Params;

/// The trojan links of one client. Unlike vless, `flow` appears only with REALITY.
pub(crate) fn links(src: &LinkSource<'_>, rng: &mut impl Rng) -> Vec<String> {
    let stream = src.stream();
    let mut params = Params::new();
    stream.network_params(&mut params);
    let security = stream.security();
    match security {
        "tls" => {
            params.insert("security".into(), "tls".into());
            stream.tls_params(&mut params);
        }
        "reality" => {
            params.insert("security".into(), "reality".into());
            stream.reality_params(&mut params, rng);
            if stream.network() == "tcp" && !src.client_flow().is_empty() {
                params.insert("flow".into(), src.client_flow().into());
            }
        }
        _ => {
            params.insert("security".into(), "none".into());
        }
    }
    src.url_links("trojan", src.client_text("password"), params, security)
}
