//! A campaign as its admin sees it: status, audience, counts, rate and time left, with the
//! buttons that fit its status. Built without a [`crate::bot::Ctx`], so the broadcast job can
//! edit the admin's progress message with the same screen the bot shows.

use members::Language;
use notify::broadcast::{Audience, Campaign, CampaignStatus};
use telegram_state::ChatKey;
use time::OffsetDateTime;

use crate::callback::{Action, BroadcastAction, CallbackCodec};
use crate::i18n::{Args, I18n};
use crate::keyboard::{Button, ButtonKind, Keyboard};

/// Characters of the campaign's text shown in its summary.
const SNIPPET: usize = 80;

/// Where a screen is rendered: catalogs, language, and the chat its buttons are signed for.
pub struct Screen<'a> {
    /// The catalogs.
    pub i18n: &'a I18n,
    /// Signs the buttons.
    pub codec: &'a CallbackCodec,
    /// The chat the screen is shown in.
    pub chat: ChatKey,
    /// The admin's language.
    pub lang: Language,
}

impl Screen<'_> {
    fn t(&self, key: &str) -> String {
        self.i18n.t(self.lang, key)
    }

    fn t_args(&self, key: &str, args: &Args) -> String {
        self.i18n.t_args(self.lang, key, args)
    }

    /// A button labelled with catalog key `key`.
    pub fn button(&self, key: &str, action: BroadcastAction) -> Button {
        self.button_text(self.t(key), action)
    }

    /// A button with a ready label.
    pub fn button_text(&self, text: String, action: BroadcastAction) -> Button {
        let data = self
            .codec
            .encode(self.chat, &Action::Broadcast(action))
            .unwrap_or_else(|e| {
                tracing::error!(error = %e, "callback data too long; falling back to the menu");
                self.codec.encode(self.chat, &Action::Menu).unwrap_or_default()
            });
        Button {
            text: crate::limits::fit(&text, crate::limits::BUTTON),
            kind: ButtonKind::Callback(data),
        }
    }

    /// The status in words.
    pub fn status(&self, status: CampaignStatus) -> String {
        self.t(match status {
            CampaignStatus::Draft => "bc-status-draft",
            CampaignStatus::Running => "bc-status-running",
            CampaignStatus::Paused => "bc-status-paused",
            CampaignStatus::Cancelled => "bc-status-cancelled",
            CampaignStatus::Finished => "bc-status-finished",
        })
    }

    /// Who `audience` is, in words; `location` names a location audience's location.
    pub fn audience(&self, audience: Audience, location: Option<&str>) -> String {
        match audience {
            Audience::All => self.t("bc-audience-all"),
            Audience::Active => self.t("bc-audience-active"),
            Audience::Expired => self.t("bc-audience-expired"),
            Audience::NeverBought => self.t("bc-audience-never"),
            Audience::Location(id) => {
                let name = location.map_or_else(|| format!("#{id}"), str::to_owned);
                self.t_args("bc-audience-location", &Args::new().text("location", name))
            }
            Audience::Language(lang) => {
                let name = self.t(&format!("btn-lang-{}", lang.code()));
                self.t_args("bc-audience-language", &Args::new().text("language", name))
            }
        }
    }

    /// The campaign's screen at `now`: summary, counts, pace, and the buttons of its status.
    pub fn campaign(&self, campaign: &Campaign, location: Option<&str>, now: OffsetDateTime) -> (String, Keyboard) {
        let id = campaign.id;
        let counts = campaign.counts;
        let number = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let mut lines = vec![
            self.t_args(
                "bc-progress-title",
                &Args::new()
                    .id("id", id.get())
                    .text("status", self.status(campaign.status)),
            ),
            self.t_args(
                "bc-progress-to",
                &Args::new().text("audience", self.audience(campaign.audience, location)),
            ),
            self.t_args(
                "bc-progress-text",
                &Args::new().text("text", snippet(campaign.content.text().as_str())),
            ),
        ];
        if campaign.status == CampaignStatus::Draft {
            lines.push(self.t("bc-draft-note"));
        } else if campaign.started_at.is_some() {
            lines.push(
                self.t_args(
                    "bc-progress-counts",
                    &Args::new()
                        .number("sent", number(counts.sent))
                        .number("total", number(counts.total()))
                        .number("failed", number(counts.failed))
                        .number("blocked", number(counts.blocked))
                        .number("left", number(counts.left)),
                ),
            );
            if counts.pending > 0 {
                lines.push(self.t_args(
                    "bc-progress-pending",
                    &Args::new().number("pending", number(counts.pending)),
                ));
            }
        }
        if campaign.status == CampaignStatus::Running {
            let pace = campaign.pace(now);
            lines.push(match pace.eta {
                Some(eta) => {
                    let seconds = eta.whole_seconds().max(0);
                    self.t_args(
                        "bc-progress-pace",
                        &Args::new()
                            .number("rate", pace.per_second.round() as i64)
                            .number("minutes", seconds / 60)
                            .number("seconds", seconds % 60),
                    )
                }
                None => self.t("bc-progress-measuring"),
            });
        }
        let keyboard = match campaign.status {
            CampaignStatus::Draft => Keyboard::new()
                .row([self.button("bc-btn-audience", BroadcastAction::Audiences(id))])
                .row([self.button("bc-btn-cancel", BroadcastAction::Cancel(id))]),
            CampaignStatus::Running => Keyboard::new()
                .row([
                    self.button("bc-btn-pause", BroadcastAction::Pause(id)),
                    self.button("bc-btn-refresh", BroadcastAction::View(id)),
                ])
                .row([self.button("bc-btn-cancel", BroadcastAction::Cancel(id))]),
            CampaignStatus::Paused => Keyboard::new()
                .row([
                    self.button("bc-btn-resume", BroadcastAction::Resume(id)),
                    self.button("bc-btn-refresh", BroadcastAction::View(id)),
                ])
                .row([self.button("bc-btn-cancel", BroadcastAction::Cancel(id))]),
            CampaignStatus::Cancelled | CampaignStatus::Finished => Keyboard::new(),
        }
        .row([self.button("bc-btn-back", BroadcastAction::Home)]);
        (lines.join("\n"), keyboard)
    }
}

/// The start of `text` on one line, cut at [`SNIPPET`] characters.
fn snippet(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= SNIPPET {
        return line;
    }
    let mut cut: String = line.chars().take(SNIPPET - 1).collect();
    cut.push('…');
    cut
}
