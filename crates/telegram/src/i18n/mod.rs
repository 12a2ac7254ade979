//! All user-visible text: Fluent catalogs for English, Persian and Russian
//! (`locales/{en,fa,ru}.ftl` and `locales/{en,fa,ru}/<area>.ftl`, compiled into the binary),
//! rendered with [`I18n::t`].
//!
//! - Arguments given with [`Args::text`] are HTML-escaped (messages use Telegram's HTML
//!   parse mode), so a user's name can never break the markup.
//! - Amounts ([`Args::money`]) and dates ([`Args::date`]) are formatted per language:
//!   Persian digits and separators and the Jalali calendar for Persian, narrow-space grouping
//!   for Russian.
//! - Persian messages wrap every argument in Unicode isolates (FSI … PDI), so a Latin link or
//!   number inside right-to-left text keeps its own direction and does not flip the line.

mod calendar;
mod numerals;

use std::borrow::Cow;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use kernel::{Currency, Money};
use members::Language;
use time::OffsetDateTime;

pub use calendar::{CalendarDate, gregorian, jalali};
pub use numerals::{integer, localize_number, money_number, persian_digits};

/// One language's catalog: the core screens plus one file per area (card payments, admin
/// menus, gateways, notices), joined at compile time so areas never edit the same file.
macro_rules! catalog {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../locales/", $lang, ".ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/cards.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/admin.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/payments.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/notices.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/ops.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/broadcast.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/catalog.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/care.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/settings.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/errors.ftl")),
            "\n",
            include_str!(concat!("../../locales/", $lang, "/orders_admin.ftl")),
        )
    };
}

/// The catalog sources, by language.
pub const CATALOGS: [(Language, &str); 3] = [
    (Language::En, catalog!("en")),
    (Language::Fa, catalog!("fa")),
    (Language::Ru, catalog!("ru")),
];

/// Why the catalogs could not be loaded (a broken `.ftl` file: caught by the tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {lang} catalog is broken: {problem}")]
pub struct I18nError {
    /// The catalog's language code.
    pub lang: &'static str,
    /// What is wrong.
    pub problem: String,
}

/// Named arguments for a message.
#[derive(Debug, Clone, Default)]
pub struct Args {
    values: Vec<(&'static str, Arg)>,
}

#[derive(Debug, Clone)]
enum Arg {
    Text(String),
    Html(String),
    Number(i64),
    Id(i64),
    Money(Money),
    Date(OffsetDateTime),
}

impl Args {
    /// No arguments.
    pub fn new() -> Self {
        Self::default()
    }

    /// A piece of plain text (a name, a code); it is HTML-escaped.
    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.push((name, Arg::Text(value.into())));
        self
    }

    /// Markup the caller built and escaped itself (e.g. another rendered message).
    pub fn html(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.values.push((name, Arg::Html(value.into())));
        self
    }

    /// A count: selects plural forms and prints with the language's digits.
    pub fn number(mut self, name: &'static str, value: i64) -> Self {
        self.values.push((name, Arg::Number(value)));
        self
    }

    /// A reference number (order #6, receipt #12): the language's digits, no grouping.
    pub fn id(mut self, name: &'static str, value: i64) -> Self {
        self.values.push((name, Arg::Id(value)));
        self
    }

    /// An amount of the shop's currency, printed with its unit.
    pub fn money(mut self, name: &'static str, value: Money) -> Self {
        self.values.push((name, Arg::Money(value)));
        self
    }

    /// A calendar day (UTC), printed in the language's calendar.
    pub fn date(mut self, name: &'static str, value: OffsetDateTime) -> Self {
        self.values.push((name, Arg::Date(value)));
        self
    }
}

/// The three catalogs and the shop's currency.
pub struct I18n {
    en: FluentBundle<FluentResource>,
    fa: FluentBundle<FluentResource>,
    ru: FluentBundle<FluentResource>,
    currency: Currency,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n")
            .field("currency", &self.currency)
            .finish_non_exhaustive()
    }
}

impl I18n {
    /// Loads the built-in catalogs; amounts are in `currency`.
    pub fn new(currency: Currency) -> Result<Self, I18nError> {
        let [(_, en), (_, fa), (_, ru)] = CATALOGS;
        Ok(Self {
            en: bundle(Language::En, en)?,
            fa: bundle(Language::Fa, fa)?,
            ru: bundle(Language::Ru, ru)?,
            currency,
        })
    }

    /// The shop's currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    fn bundle(&self, lang: Language) -> &FluentBundle<FluentResource> {
        match lang {
            Language::En => &self.en,
            Language::Fa => &self.fa,
            Language::Ru => &self.ru,
        }
    }

    /// Whether `lang`'s catalog has `key`.
    pub fn has(&self, lang: Language, key: &str) -> bool {
        self.bundle(lang).has_message(key)
    }

    /// The message `key` in `lang`, without arguments.
    pub fn t(&self, lang: Language, key: &str) -> String {
        self.t_args(lang, key, &Args::new())
    }

    /// The message `key` in `lang` with `args`. A key missing from `lang` falls back to
    /// English, then to the key itself (and is logged): a user never sees an empty message.
    pub fn t_args(&self, lang: Language, key: &str, args: &Args) -> String {
        for candidate in [lang, Language::En] {
            if let Some(text) = self.render(candidate, key, args) {
                return text;
            }
        }
        tracing::warn!(key, lang = lang.code(), "message missing from every catalog");
        key.to_owned()
    }

    fn render(&self, lang: Language, key: &str, args: &Args) -> Option<String> {
        let bundle = self.bundle(lang);
        let pattern = bundle.get_message(key)?.value()?;
        let mut fluent_args = FluentArgs::with_capacity(args.values.len());
        for (name, value) in &args.values {
            fluent_args.set(*name, self.fluent_value(lang, value));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = lang.code(), ?errors, "message rendered with errors");
        }
        Some(isolates_outside_code(text.into_owned()))
    }

    fn fluent_value(&self, lang: Language, value: &Arg) -> FluentValue<'static> {
        match value {
            Arg::Text(text) => FluentValue::String(Cow::Owned(escape_html(text))),
            Arg::Html(html) => FluentValue::String(Cow::Owned(html.clone())),
            Arg::Number(n) => FluentValue::from(*n),
            Arg::Id(n) => FluentValue::String(Cow::Owned(localize_number(lang, &n.to_string()))),
            Arg::Money(m) => FluentValue::String(Cow::Owned(self.money(lang, *m))),
            Arg::Date(d) => FluentValue::String(Cow::Owned(self.date(lang, *d))),
        }
    }

    /// An amount with its unit in `lang`: `150,000 Toman`, `۱۵۰٬۰۰۰ تومان`.
    pub fn money(&self, lang: Language, amount: Money) -> String {
        let unit = self.t(lang, &format!("currency-{}", self.currency.code().to_ascii_lowercase()));
        let args = Args::new()
            .html("amount", money_number(lang, amount, self.currency))
            .html("unit", unit);
        self.t_args(lang, "money", &args)
    }

    /// A calendar day (UTC) in `lang`: `21 Nov 2026`, `21 ноября 2026`, `۳۰ آبان ۱۴۰۵`.
    pub fn date(&self, lang: Language, at: OffsetDateTime) -> String {
        let day = at.to_offset(time::UtcOffset::UTC).date();
        let shown = match lang {
            Language::Fa => jalali(day),
            Language::En | Language::Ru => gregorian(day),
        };
        let args = Args::new()
            .html("day", localize_number(lang, &shown.day.to_string()))
            .html("month", self.t(lang, &format!("month-{}", shown.month)))
            .html("year", localize_number(lang, &shown.year.to_string()));
        self.t_args(lang, "date", &args)
    }
}

fn bundle(lang: Language, source: &str) -> Result<FluentBundle<FluentResource>, I18nError> {
    let broken = |problem: String| I18nError {
        lang: lang.code(),
        problem,
    };
    let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| broken(format!("{errors:?}")))?;
    let id = lang
        .code()
        .parse::<unic_langid::LanguageIdentifier>()
        .map_err(|e| broken(e.to_string()))?;
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(lang == Language::Fa);
    if lang == Language::Fa {
        bundle.set_formatter(Some(persian_number));
    }
    bundle
        .add_resource(resource)
        .map_err(|errors| broken(format!("{errors:?}")))?;
    Ok(bundle)
}

fn persian_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(integer(Language::Fa, n.value as i64))
        }
        _ => None,
    }
}

/// Moves the bidi isolates Fluent puts around a placeable from inside `<code>…</code>` to
/// around it: a tap copies a code element's text, and a config link or tracking code must
/// be copied without invisible characters. The element stays isolated from the RTL text.
fn isolates_outside_code(text: String) -> String {
    if !text.contains("<code>\u{2068}") {
        return text;
    }
    text.replace("<code>\u{2068}", "\u{2068}<code>")
        .replace("\u{2069}</code>", "</code>\u{2069}")
}

/// Escapes `&`, `<` and `>` for Telegram's HTML parse mode.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
