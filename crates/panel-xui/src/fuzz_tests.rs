//! Fuzz harnesses for everything a panel (or whoever answers in its place) sends back:
//! answer classification, the envelope, lenient inbound JSON, share links built from an
//! inbound, and subscription bodies. Bounded property tests on stable inside `cargo test`,
//! plus the committed seed corpus in `fuzz-corpus/panel_answer.txt` (one body per line).
//! The property: never a panic, whatever the bytes.

use proptest::prelude::*;
use serde_json::Value;

use crate::answer::classify;
use crate::http::Resp;
use crate::links::subscription_links;
use crate::links::{pick_link, share_links};
use crate::wire::{Envelope, WireInbound, json_text};

fn panel_answer(status: u16, body: &[u8]) {
    let _ = classify(&Resp {
        status,
        set_cookies: Vec::new(),
        body: body.to_vec(),
    });
    let _ = serde_json::from_slice::<Envelope>(body);
    let links = subscription_links(body);
    let _ = pick_link(&links, "vless", "u");
    if let Ok(value) = serde_json::from_slice::<Value>(body) {
        let _ = json_text(&value);
        let _ = serde_json::from_value::<WireInbound>(value.clone());
        let _ = share_links(&value, "FR-MoonVPN-1001", "fr1.example.com", "-ieo");
        if let Some(obj) = value.get("obj") {
            let _ = serde_json::from_value::<Vec<WireInbound>>(obj.clone());
            let _ = share_links(obj, "FR-MoonVPN-1001", "fr1.example.com", "-ieo");
        }
    }
}

#[test]
fn the_seed_corpus_replays_without_a_panic() {
    let corpus = include_str!("../fuzz-corpus/panel_answer.txt");
    for line in corpus.lines() {
        for status in [200, 404, 500] {
            panel_answer(status, line.as_bytes());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_never_panic(status in 100u16..600, body in proptest::collection::vec(any::<u8>(), 0..400)) {
        panel_answer(status, &body);
    }

    #[test]
    fn inbound_shaped_json_never_panics(
        protocol in "(vless|vmess|trojan|shadowsocks|socks|x)",
        port in any::<i64>(),
        settings in "\\PC{0,60}",
        stream in "\\PC{0,60}",
        network in "(tcp|ws|grpc|kcp|httpupgrade|xhttp|h2|)",
        security in "(tls|reality|none|)",
    ) {
        let inbound = serde_json::json!({
            "id": 1, "port": port, "protocol": protocol, "remark": "r", "enable": true,
            "settings": settings,
            "streamSettings": format!(r#"{{"network":"{network}","security":"{security}","x":{stream:?}}}"#),
        });
        let body = serde_json::json!({"success": true, "msg": "", "obj": [inbound.clone()]}).to_string();
        panel_answer(200, body.as_bytes());
        let _ = share_links(&inbound, "e", "h", "-ieo");
    }

    #[test]
    fn base64_subscription_bodies_never_panic(text in "[A-Za-z0-9+/=\\n]{0,300}") {
        panel_answer(200, text.as_bytes());
    }
}
