//! Logging: `tracing` events to stderr, human-readable or JSON, filtered by `RUST_LOG`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

/// The filter used when `RUST_LOG` is unset: our events at info, the SQL driver only on trouble.
pub const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn,rustls_platform_verifier=off";

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Coloured, multi-field lines for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line for log collectors.
    Json,
}

/// Installs the global subscriber. Safe to call more than once: later calls do nothing.
pub fn init(format: LogFormat) {
    init_with(format, DEFAULT_FILTER);
}

/// [`init`] with another filter for when `RUST_LOG` is unset (commands that print their own
/// results keep stderr for errors).
pub fn init_with(format: LogFormat, default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    // A second initialisation (tests) is refused by tracing; the first subscriber stays.
    let _ = match format {
        LogFormat::Pretty => builder.finish().with(ErrorCounter).try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .finish()
            .with(ErrorCounter)
            .try_init(),
    };
}

/// Counts error-level events for `moonvpn_errors_total` on `/metrics`.
struct ErrorCounter;

impl<S: tracing::Subscriber> Layer<S> for ErrorCounter {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        if *event.metadata().level() == tracing::Level::ERROR {
            crate::metrics::count_logged_error();
        }
    }
}
