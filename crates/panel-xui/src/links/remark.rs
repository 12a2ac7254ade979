//! The link remark (URL fragment, vmess `ps`) by the panel's `remarkModel`.

/// The panel's default remark model: `-` between inbound remark, email, external remark.
pub const DEFAULT_REMARK_MODEL: &str = "-ieo";

/// The panel's `genRemark` without its live usage suffix: the model's first character
/// separates the non-empty parts named by the rest (`i` inbound remark, `e` client email,
/// `o` external-proxy remark), in the model's order.
pub(crate) fn remark(model: &str, inbound_remark: &str, email: &str, extra: &str) -> String {
    let model = if model.is_empty() { DEFAULT_REMARK_MODEL } else { model };
    let mut chars = model.chars();
    let separator = chars.next().map(String::from).unwrap_or_default();
    chars
        .filter_map(|c| match c {
            'i' => Some(inbound_remark),
            'e' => Some(email),
            'o' => Some(extra),
            _ => None,
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(&separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_model_joins_inbound_remark_and_email_with_a_dash() {
        assert_eq!(remark("-ieo", "VLESS-Reality", "bob", ""), "VLESS-Reality-bob");
        assert_eq!(remark("", "In", "bob", "cdn"), "In-bob-cdn");
    }

    #[test]
    fn empty_parts_are_skipped_and_the_order_follows_the_model() {
        assert_eq!(remark("_eio", "", "bob", "cdn"), "bob_cdn");
        assert_eq!(remark(" oe", "In", "bob", ""), "bob");
    }
}
