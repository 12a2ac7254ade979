//! [`notify::broadcast::BroadcastSender`] over Telegram.

use std::sync::Arc;

use async_trait::async_trait;
use inventory::PlacementService;
use kernel::Clock;
use members::MemberService;
use notify::broadcast::{Audience, BroadcastSender, Campaign, CampaignRecipient, Content, SendOutcome};
use telegram_state::ChatKey;

use crate::api::{ApiError, BotApi};
use crate::callback::CallbackCodec;
use crate::i18n::I18n;
use crate::limits;

/// Sends campaign messages in the bulk lane and edits the admin's progress message.
pub struct TelegramBroadcaster {
    api: BotApi,
    i18n: Arc<I18n>,
    codec: CallbackCodec,
    members: Arc<MemberService>,
    placement: Arc<PlacementService>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for TelegramBroadcaster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TelegramBroadcaster")
            .field("api", &self.api)
            .finish_non_exhaustive()
    }
}

impl TelegramBroadcaster {
    /// A broadcaster over `api`, sending in its bulk lane (a broadcast never slows the
    /// menus); `members` gives the admin's language, `placement` location names.
    pub fn new(
        api: BotApi,
        i18n: Arc<I18n>,
        codec: CallbackCodec,
        members: Arc<MemberService>,
        placement: Arc<PlacementService>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        Self {
            api: api.bulk(),
            i18n,
            codec,
            members,
            placement,
            clock,
        }
    }
}

/// What a failed send means for the campaign.
fn outcome_of(error: ApiError) -> SendOutcome {
    match error {
        ApiError::Blocked(reason) if reason.to_ascii_lowercase().contains("deactivated") => SendOutcome::Left,
        ApiError::Blocked(_) => SendOutcome::Blocked,
        ApiError::RateLimited { retry_after } => {
            SendOutcome::RetryAfter(time::Duration::try_from(retry_after).unwrap_or(time::Duration::MINUTE))
        }
        ApiError::Network(_) | ApiError::Conflict(_) => SendOutcome::RetryAfter(time::Duration::seconds(5)),
        other => SendOutcome::Failed(other.to_string()),
    }
}

#[async_trait]
impl BroadcastSender for TelegramBroadcaster {
    async fn send(&self, recipient: &CampaignRecipient, content: &Content) -> SendOutcome {
        let (text, keyboard) = super::message(content);
        let chat = recipient.telegram_id.get();
        let sent = match content.photo() {
            Some(photo) => {
                let caption = limits::fit_html(&text, limits::CAPTION);
                self.api
                    .send_photo_id(chat, photo.as_str(), Some(&caption), keyboard.as_ref())
                    .await
            }
            None => {
                let text = limits::fit_html(&text, limits::MESSAGE);
                self.api.send_text(chat, &text, keyboard.as_ref()).await
            }
        };
        match sent {
            Ok(_) => SendOutcome::Sent,
            Err(e) => {
                let outcome = outcome_of(e);
                if let SendOutcome::Failed(why) = &outcome {
                    tracing::warn!(user = %recipient.user, why, "Telegram refused a broadcast message");
                }
                outcome
            }
        }
    }

    async fn progress(&self, campaign: &Campaign) {
        let Some(message) = campaign.progress_message else {
            return;
        };
        let Ok(message_id) = i32::try_from(message.message_id) else {
            return;
        };
        let lang = match self.members.get(campaign.created_by).await {
            Ok(admin) => admin.language,
            Err(e) => {
                tracing::warn!(error = %e, "cannot load the admin of a broadcast");
                return;
            }
        };
        let location = match campaign.audience {
            Audience::Location(id) => self.placement.location(id).await.ok().map(|l| l.name.to_string()),
            _ => None,
        };
        let screen = super::view::Screen {
            i18n: &self.i18n,
            codec: &self.codec,
            chat: ChatKey::new(message.chat),
            lang,
        };
        let (text, keyboard) = screen.campaign(campaign, location.as_deref(), self.clock.now());
        if let Err(e) = self
            .api
            .edit_text(message.chat, message_id, &text, Some(&keyboard))
            .await
        {
            tracing::info!(campaign = %campaign.id, error = %e, "cannot update a broadcast's progress message");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn telegram_errors_become_what_the_campaign_counts() {
        assert_eq!(
            outcome_of(ApiError::Blocked("Forbidden: bot was blocked by the user".into())),
            SendOutcome::Blocked
        );
        assert_eq!(
            outcome_of(ApiError::Blocked("Forbidden: user is deactivated".into())),
            SendOutcome::Left
        );
        assert_eq!(
            outcome_of(ApiError::RateLimited {
                retry_after: Duration::from_secs(3)
            }),
            SendOutcome::RetryAfter(time::Duration::seconds(3))
        );
        assert!(matches!(
            outcome_of(ApiError::BadRequest("400 wrong file identifier".into())),
            SendOutcome::Failed(_)
        ));
    }
}
