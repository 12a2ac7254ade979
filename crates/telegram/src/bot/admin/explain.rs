//! Why an inventory or catalog use case or a panel refused, in the admin's language. The domain's
//! errors read in English (logs, the CLI); a screen says the same thing through the catalog,
//! with the panel's own words (a refusal reason, a broken answer) quoted as they came.

use inventory::{ExtensionError, InventoryError, PanelError, ParseError};
use orders::{DiscountError, OrderError, PlanError};

use kernel::PanelProblem;
use members::Language;

use crate::bot::Ctx;
use crate::i18n::{Args, I18n, escape_html};

/// A panel's failure, as a sentence.
pub fn panel(ctx: &Ctx<'_>, e: &PanelError) -> String {
    panel_problem(&ctx.deps.i18n, ctx.lang, &e.problem())
}

/// Why a panel failed or counts as down, as a sentence in `lang`: the one mapping of panel
/// failures to the catalog, for admin screens ([`panel`]) and the admins' alerts
/// (`crate::notifier`). HTML: the panel's own words are escaped.
pub fn panel_problem(i18n: &I18n, lang: Language, problem: &PanelProblem) -> String {
    let t = |key: &str| i18n.t(lang, key);
    let quoting = |key: &str, detail: &str| i18n.t_args(lang, key, &Args::new().text("detail", detail));
    match problem {
        PanelProblem::Unreachable => t("err-panel-unreachable"),
        PanelProblem::UntrustedCertificate => t("err-panel-untrusted-certificate"),
        PanelProblem::CertificateChanged { pinned, presented } => i18n.t_args(
            lang,
            "err-panel-certificate-changed",
            &Args::new()
                .text("pinned", pinned.as_str())
                .text("presented", presented.as_str()),
        ),
        PanelProblem::CertificateNotPinned => t("err-panel-certificate-not-pinned"),
        PanelProblem::Timeout => t("err-panel-timeout"),
        PanelProblem::LoginRefused => t("err-panel-login-refused"),
        PanelProblem::TwoFactorRequired => t("err-panel-two-factor"),
        PanelProblem::NotFound => t("err-panel-not-found"),
        PanelProblem::Rejected(why) => quoting("err-panel-rejected", why),
        PanelProblem::BadResponse(why) => quoting("err-panel-bad-response", why),
        PanelProblem::XrayStopped => t("err-panel-xray-stopped"),
        PanelProblem::XrayFailed(why) => quoting("err-panel-xray-failed", why),
        PanelProblem::Described(text) => escape_html(text),
    }
}

/// An inventory use case's refusal or failure, as a sentence.
pub fn inventory(ctx: &Ctx<'_>, e: &InventoryError) -> String {
    match e {
        InventoryError::NoCapacity { .. } => ctx.t("err-inventory-no-capacity"),
        InventoryError::LocationUnreachable { .. } => ctx.t("err-inventory-location-unreachable"),
        InventoryError::LocationInactive(_) => ctx.t("err-inventory-location-inactive"),
        InventoryError::NotFound(what) => {
            ctx.t_args("err-inventory-not-found", &Args::new().text("what", what.as_str()))
        }
        InventoryError::AlreadyExists(what) => {
            ctx.t_args("err-inventory-already-exists", &Args::new().text("what", what.as_str()))
        }
        InventoryError::Panel(e) => panel(ctx, e),
        InventoryError::AccountNotActive { status } => ctx.t_args(
            "err-inventory-account-not-active",
            &Args::new().html("status", crate::bot::format::status(ctx, *status)),
        ),
        InventoryError::SameLocation => ctx.t("err-inventory-same-location"),
        InventoryError::ClientMissing(client) => ctx.t_args(
            "err-inventory-client-missing",
            &Args::new().text("client", client.as_str()),
        ),
        InventoryError::ForeignClient(client) => ctx.t_args(
            "err-inventory-foreign-client",
            &Args::new().text("client", client.as_str()),
        ),
        InventoryError::PanelInUse { accounts } => ctx.t_args(
            "err-inventory-panel-in-use",
            &Args::new().number("accounts", i64::try_from(*accounts).unwrap_or(i64::MAX)),
        ),
        InventoryError::Extension(e) => extension(ctx, e),
        InventoryError::NothingToChange => ctx.t("err-inventory-nothing-to-change"),
        InventoryError::Access(_) => ctx.t("toast-not-allowed"),
        InventoryError::Storage(_) => ctx.t("err-storage"),
    }
}

/// Why days or GB cannot be added to a service.
pub fn extension(ctx: &Ctx<'_>, e: &ExtensionError) -> String {
    ctx.t(match e {
        ExtensionError::Empty | ExtensionError::TooManyDays | ExtensionError::TooManyGb => "admin-extend-empty",
        ExtensionError::NeverExpires => "admin-extend-never-expires",
        ExtensionError::UnlimitedTraffic => "admin-extend-unlimited",
        ExtensionError::NotRunning { .. } => "admin-extend-not-running",
    })
}

/// Why a typed name, URL or fingerprint was refused.
pub fn input(ctx: &Ctx<'_>, e: &ParseError) -> String {
    match e {
        ParseError::BadName(got) => ctx.t_args("err-input-name", &Args::new().text("got", got.as_str())),
        ParseError::BadUrl { input, reason } => ctx.t_args(
            "err-input-url",
            &Args::new().text("got", input.as_str()).text("detail", *reason),
        ),
        ParseError::BadFingerprint(got) => ctx.t_args("err-input-fingerprint", &Args::new().text("got", got.as_str())),
        ParseError::BadPrefix(got) => ctx.t_args("err-input-prefix", &Args::new().text("got", got.as_str())),
        other => ctx.t_args("err-input-other", &Args::new().text("detail", other.to_string())),
    }
}

/// Why a plan was refused (a bad name, duration, range or price).
pub fn plan(ctx: &Ctx<'_>, e: &PlanError) -> String {
    let n = |v: u32| i64::from(v);
    match e {
        PlanError::BadName => ctx.t_args(
            "err-plan-name",
            &Args::new().number("max", i64::try_from(orders::PlanName::MAX_LEN).unwrap_or(i64::MAX)),
        ),
        PlanError::BadDescription => ctx.t_args(
            "err-plan-description",
            &Args::new().number(
                "max",
                i64::try_from(orders::PlanDescription::MAX_LEN).unwrap_or(i64::MAX),
            ),
        ),
        PlanError::BadDuration(days) => ctx.t_args(
            "err-plan-duration",
            &Args::new().number("max", n(orders::MAX_DAYS)).number("got", n(*days)),
        ),
        PlanError::BadRange { min, max, .. } => ctx.t_args(
            "err-plan-range",
            &Args::new().number("min", n(*min)).number("max", n(*max)),
        ),
        PlanError::SelectionRequired => ctx.t("err-plan-selection-required"),
        PlanError::VolumeOutOfRange { min, max } => ctx.t_args(
            "err-plan-volume-out-of-range",
            &Args::new().number("min", n(*min)).number("max", n(*max)),
        ),
        PlanError::DaysOutOfRange { min, max } => ctx.t_args(
            "err-plan-days-out-of-range",
            &Args::new().number("min", n(*min)).number("max", n(*max)),
        ),
        PlanError::PriceTooLarge => ctx.t("err-plan-price-too-large"),
        PlanError::NotThisKind { .. } => ctx.t("err-plan-not-this-kind"),
    }
}

/// Why a catalog change was refused: the plan's own rules, or an order-side reason.
pub fn order(ctx: &Ctx<'_>, e: &OrderError) -> String {
    match e {
        OrderError::Plan(e) => plan(ctx, e),
        OrderError::TestPlanPriced => ctx.t("err-plan-test-priced"),
        OrderError::PlanNotFound(_) => ctx.t("err-plan-not-found"),
        OrderError::DiscountDefinition(e) => discount(ctx, e),
        OrderError::Forbidden { .. } | OrderError::Blocked => ctx.t("toast-not-allowed"),
        OrderError::Storage(_) => ctx.t("err-storage"),
        other => ctx.t_args("err-other", &Args::new().text("detail", other.to_string())),
    }
}

/// Why a discount code's rules were refused.
pub fn discount(ctx: &Ctx<'_>, e: &DiscountError) -> String {
    match e {
        DiscountError::BadCode => ctx.t("err-code-bad"),
        DiscountError::BadPercent(got) => ctx.t_args("err-code-percent", &Args::new().number("got", i64::from(*got))),
        DiscountError::ZeroAmount => ctx.t("err-code-zero-amount"),
        DiscountError::ZeroUsageLimit => ctx.t("err-code-zero-usage-limit"),
        DiscountError::ZeroPerUserLimit => ctx.t("err-code-zero-per-user-limit"),
        DiscountError::EmptyWindow => ctx.t("admin-code-bad-window"),
    }
}
