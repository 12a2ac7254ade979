//! `setting/defaultSettings`: where the panel serves subscriptions and how it names links.

use serde::Deserialize;

use super::lenient;

/// The panel settings MoonVPN reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct PanelSettings {
    /// Whether the subscription server is on.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub sub_enable: bool,
    /// Public subscription base, ending in the sub path (`https://host:2096/sub/`).
    #[serde(default, rename = "subURI", deserialize_with = "lenient::string")]
    pub sub_uri: String,
    /// The link remark model (`-ieo`).
    #[serde(default, deserialize_with = "lenient::string")]
    pub remark_model: String,
}

fn lenient_bool<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    lenient::bool_or(d, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscription_settings_are_read() {
        let s: PanelSettings = serde_json::from_str(
            r#"{"subEnable":true,"subURI":"https://h:2096/sub/","remarkModel":"-ieo","pageSize":50}"#,
        )
        .unwrap();
        assert!(s.sub_enable);
        assert_eq!(s.sub_uri, "https://h:2096/sub/");
    }
}
