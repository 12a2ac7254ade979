//! Share links built by the driver equal the ones the panel's own rules produce, for every
//! protocol × transport × security combination the panel supports. The expected links in
//! `fixtures/links/*.json` were written by hand from the panel's link rules (reference §10);
//! REALITY `sni`, `sid` and `spx` are random on the panel too, so the fixtures name the values
//! the panel may pick (`{sni}`, `{sid}`, `{spx}` placeholders).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use panel_xui::links::share_links;
use serde_json::Value;

struct Fixture {
    file: String,
    json: Value,
}

fn fixtures() -> Vec<Fixture> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    let mut all: Vec<Fixture> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|entry| {
            let path = entry.expect("fixture entry").path();
            let text = std::fs::read_to_string(&path).expect("fixture text");
            Fixture {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                json: serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            }
        })
        .collect();
    all.sort_by(|a, b| a.file.cmp(&b.file));
    all
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("fixture lacks {key}"))
}

fn build(f: &Fixture) -> Vec<String> {
    share_links(
        &f.json["inbound"],
        text(&f.json, "email"),
        text(&f.json, "host"),
        text(&f.json, "remark_model"),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", f.file))
}

/// The raw (still escaped) query values of a link.
fn query(link: &str) -> BTreeMap<String, String> {
    let query = link.split_once('?').map_or("", |(_, q)| q);
    let query = query.split('#').next().unwrap_or("");
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Checks the random REALITY values against the fixture's allowed ones and puts them into the
/// expected link; returns the link to compare with.
fn resolve(f: &Fixture, expected: &str, actual: &str, seen: &mut BTreeMap<&'static str, BTreeSet<String>>) -> String {
    let Some(random) = f.json.get("random") else {
        return expected.to_owned();
    };
    let params = query(actual);
    let mut resolved = expected.to_owned();
    for key in ["sni", "sid"] {
        let allowed: Vec<&str> = random[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let got = params
            .get(key)
            .unwrap_or_else(|| panic!("{}: no {key} in {actual}", f.file));
        assert!(
            allowed.contains(&got.as_str()),
            "{}: {key}={got} is not one of {allowed:?}",
            f.file
        );
        seen.entry(key).or_default().insert(got.clone());
        resolved = resolved.replace(&format!("{{{key}}}"), got);
    }
    let spx = params
        .get("spx")
        .unwrap_or_else(|| panic!("{}: no spx in {actual}", f.file));
    let path = spx
        .strip_prefix("%2F")
        .unwrap_or_else(|| panic!("{}: spx {spx} is not a path", f.file));
    assert!(
        path.len() == 15 && path.bytes().all(|b| b.is_ascii_alphanumeric()),
        "{}: spx {spx} is not / and 15 letters or digits",
        f.file
    );
    resolved.replace("{spx}", spx)
}

#[test]
fn every_fixture_link_is_what_the_panel_would_hand_out() {
    let all = fixtures();
    assert!(all.len() >= 40, "only {} fixtures found", all.len());
    for f in &all {
        let built = build(f);
        if let Some(expected) = f.json.get("vmess_json") {
            let expected: Vec<&str> = expected
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            assert_eq!(built.len(), expected.len(), "{}: link count", f.file);
            for (link, json) in built.iter().zip(expected) {
                let body = link
                    .strip_prefix("vmess://")
                    .unwrap_or_else(|| panic!("{}: {link}", f.file));
                let decoded = String::from_utf8(STANDARD.decode(body).expect("standard base64")).unwrap();
                assert_eq!(decoded, json, "{}", f.file);
                assert_eq!(link, &format!("vmess://{}", STANDARD.encode(json)), "{}", f.file);
            }
            continue;
        }
        let expected: Vec<&str> = f.json["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(built.len(), expected.len(), "{}: link count", f.file);
        let mut seen = BTreeMap::new();
        for (actual, expected) in built.iter().zip(expected) {
            assert_eq!(actual, &resolve(f, expected, actual, &mut seen), "{}", f.file);
        }
    }
}

#[test]
fn reality_links_pick_every_listed_server_name_and_short_id_over_time() {
    for f in fixtures().iter().filter(|f| f.json.get("random").is_some()) {
        let mut seen = BTreeMap::new();
        let expected = f.json["links"][0].as_str().unwrap();
        for _ in 0..64 {
            let built = build(f);
            assert_eq!(built[0], resolve(f, expected, &built[0], &mut seen), "{}", f.file);
        }
        for key in ["sni", "sid"] {
            let listed = f.json["random"][key].as_array().unwrap().len();
            assert_eq!(
                seen[key].len(),
                listed,
                "{}: {key} never took some listed values",
                f.file
            );
        }
    }
}

#[test]
fn fixtures_cover_every_protocol_transport_and_security_the_panel_links() {
    let mut combos = BTreeSet::new();
    for f in fixtures() {
        let inbound = &f.json["inbound"];
        let stream: Value = match &inbound["streamSettings"] {
            Value::String(s) => serde_json::from_str(s).unwrap(),
            other => other.clone(),
        };
        combos.insert(format!(
            "{}/{}/{}",
            text(inbound, "protocol"),
            text(&stream, "network"),
            text(&stream, "security")
        ));
    }
    let required = [
        "vless/tcp/none",
        "vless/tcp/tls",
        "vless/tcp/reality",
        "vless/ws/tls",
        "vless/ws/none",
        "vless/grpc/tls",
        "vless/grpc/reality",
        "vless/httpupgrade/tls",
        "vless/xhttp/reality",
        "vless/xhttp/none",
        "vless/kcp/none",
        "vmess/tcp/none",
        "vmess/ws/tls",
        "vmess/grpc/none",
        "vmess/httpupgrade/none",
        "vmess/xhttp/tls",
        "vmess/kcp/none",
        "trojan/tcp/tls",
        "trojan/tcp/reality",
        "trojan/grpc/tls",
        "trojan/grpc/reality",
        "trojan/ws/none",
        "trojan/ws/tls",
        "trojan/httpupgrade/tls",
        "trojan/xhttp/tls",
        "shadowsocks/tcp/none",
        "shadowsocks/ws/tls",
        "shadowsocks/grpc/none",
        "shadowsocks/httpupgrade/none",
        "shadowsocks/xhttp/none",
    ];
    for combo in required {
        assert!(combos.contains(combo), "no fixture for {combo}");
    }
}

#[test]
fn links_are_refused_for_unknown_clients_and_protocols() {
    let f = &fixtures()[0];
    assert!(share_links(&f.json["inbound"], "nobody", "h", "-ieo").is_err());
    let mut wireguard = f.json["inbound"].clone();
    wireguard["protocol"] = Value::String("wireguard".into());
    assert!(share_links(&wireguard, text(&f.json, "email"), "h", "-ieo").is_err());
}
