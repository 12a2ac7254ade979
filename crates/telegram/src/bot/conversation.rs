//! What a chat is in the middle of, stored through [`ConversationRepo`] so a restart does
//! not forget it.

use std::sync::Arc;

use kernel::{ClientAccountId, LocationId, OrderId, PlanId, ReceiptId};
use serde::{Deserialize, Serialize};
use telegram_state::{ChatKey, ConversationRepo, SaveOutcome, StoredConversation};
use time::{Duration, OffsetDateTime};

/// What the bot waits for from a chat. Stored as JSON (`{"await":"top_up_amount"}`):
/// variants may be added, never renamed; a stored value this version cannot read counts as
/// [`Conversation::Idle`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "await", rename_all = "snake_case")]
pub enum Conversation {
    /// Nothing: text goes to the menu.
    #[default]
    Idle,
    /// The amount of a wallet top-up.
    TopUpAmount,
    /// A discount code for this pending order (the user's own, re-checked).
    DiscountCode {
        /// The order the code is for.
        order: OrderId,
    },
    /// The gigabytes of a build-your-own plan.
    Volume {
        /// The plan.
        plan: PlanId,
        /// What the order is for.
        target: OrderTarget,
    },
    /// The days of a build-your-own plan, once the gigabytes are known.
    Days {
        /// The plan.
        plan: PlanId,
        /// What the order is for.
        target: OrderTarget,
        /// The gigabytes chosen.
        gb: u32,
    },
    /// The proof (a photo, a text, or both) of this open card-to-card request.
    ReceiptProof {
        /// The request (the payer's own, re-checked).
        receipt: ReceiptId,
    },
    /// An admin's typed reason for rejecting this receipt (role re-checked when it arrives).
    RejectReason {
        /// The receipt.
        receipt: ReceiptId,
    },
    /// The amount an admin approves this receipt with instead of the requested one.
    CreditAmount {
        /// The receipt.
        receipt: ReceiptId,
    },
    /// A bank's deposit SMS (or app notification) an admin pastes or forwards, matched
    /// against the open card requests (role re-checked when it arrives).
    BankSms,
    /// Something the admin menu asked for (role re-checked when it arrives).
    Admin {
        /// What.
        step: super::admin::AdminStep,
    },
}

/// What an order being put together is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum OrderTarget {
    /// A new account at this location.
    Buy {
        /// Where.
        location: LocationId,
    },
    /// More traffic and time for one of the user's accounts.
    Renew {
        /// Which.
        account: ClientAccountId,
    },
}

/// A loaded state and the version to save against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The state (idle when none, expired or unreadable).
    pub state: Conversation,
    version: Option<i64>,
}

/// Typed access to conversation state, with expiry.
#[derive(Clone)]
pub struct Conversations {
    repo: Arc<dyn ConversationRepo>,
    ttl: Duration,
}

impl std::fmt::Debug for Conversations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conversations")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

impl Conversations {
    /// States older than `ttl` are forgotten (the user has moved on).
    pub fn new(repo: Arc<dyn ConversationRepo>, ttl: Duration) -> Self {
        Self { repo, ttl }
    }

    /// The chat's state at `now`. Storage trouble reads as idle (and is logged): the user
    /// gets the menu instead of an error.
    pub async fn load(&self, chat: ChatKey, now: OffsetDateTime) -> Loaded {
        let stored = match self.repo.load(chat).await {
            Ok(stored) => stored,
            Err(e) => {
                tracing::warn!(%chat, error = %e, "cannot load conversation state");
                return Loaded {
                    state: Conversation::Idle,
                    version: None,
                };
            }
        };
        self.loaded(chat, stored, now)
    }

    /// The state at `now` of a chat whose saved row (if any) was read already (with the
    /// sender, see [`telegram_state::SessionRepo`]).
    pub fn loaded(&self, chat: ChatKey, stored: Option<StoredConversation>, now: OffsetDateTime) -> Loaded {
        let Some(stored) = stored else {
            return Loaded {
                state: Conversation::Idle,
                version: None,
            };
        };
        let state = if now - stored.updated_at > self.ttl {
            Conversation::Idle
        } else {
            serde_json::from_str(&stored.state).unwrap_or_else(|e| {
                tracing::info!(%chat, error = %e, "stored conversation state is from another version; reset");
                Conversation::Idle
            })
        };
        Loaded {
            state,
            version: Some(stored.version),
        }
    }

    /// Saves `next` over what was loaded; idle clears the row. Returns whether it was
    /// written (false when another instance changed it meanwhile, or storage failed).
    pub async fn save(&self, chat: ChatKey, loaded: &Loaded, next: &Conversation, now: OffsetDateTime) -> bool {
        let result = match next {
            Conversation::Idle if loaded.version.is_none() => return true,
            Conversation::Idle => self.repo.clear(chat).await.map(|()| SaveOutcome::Saved(0)),
            state => match serde_json::to_string(state) {
                Ok(json) => self.repo.save(chat, &json, loaded.version, now).await,
                Err(e) => {
                    tracing::error!(%chat, error = %e, "cannot serialize conversation state");
                    return false;
                }
            },
        };
        match result {
            Ok(SaveOutcome::Saved(_)) => true,
            Ok(SaveOutcome::Stale) => {
                tracing::info!(%chat, "conversation state changed meanwhile; kept the other change");
                false
            }
            Err(e) => {
                tracing::warn!(%chat, error = %e, "cannot save conversation state");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::testing::MemoryConversations;

    const CHAT: ChatKey = ChatKey::new(5);
    const NOW: OffsetDateTime = datetime!(2026-11-21 12:00 UTC);

    fn conversations() -> (Conversations, Arc<MemoryConversations>) {
        let repo = Arc::new(MemoryConversations::default());
        (Conversations::new(repo.clone(), Duration::hours(24)), repo)
    }

    #[tokio::test]
    async fn a_saved_state_is_loaded_back() {
        let (c, _) = conversations();
        let loaded = c.load(CHAT, NOW).await;
        assert_eq!(loaded.state, Conversation::Idle);
        assert!(c.save(CHAT, &loaded, &Conversation::TopUpAmount, NOW).await);
        assert_eq!(c.load(CHAT, NOW).await.state, Conversation::TopUpAmount);
    }

    #[tokio::test]
    async fn an_old_state_is_forgotten() {
        let (c, _) = conversations();
        let loaded = c.load(CHAT, NOW).await;
        c.save(CHAT, &loaded, &Conversation::TopUpAmount, NOW).await;
        assert_eq!(c.load(CHAT, NOW + Duration::hours(25)).await.state, Conversation::Idle);
    }

    #[tokio::test]
    async fn going_idle_clears_the_row() {
        let (c, repo) = conversations();
        let loaded = c.load(CHAT, NOW).await;
        c.save(CHAT, &loaded, &Conversation::TopUpAmount, NOW).await;
        let loaded = c.load(CHAT, NOW).await;
        assert!(c.save(CHAT, &loaded, &Conversation::Idle, NOW).await);
        assert_eq!(repo.load(CHAT).await.unwrap(), None);
    }

    #[tokio::test]
    async fn states_with_ids_are_stored_and_read_back() {
        let (c, repo) = conversations();
        let state = Conversation::Days {
            plan: PlanId::new(3),
            target: OrderTarget::Renew {
                account: ClientAccountId::new(9),
            },
            gb: 40,
        };
        let loaded = c.load(CHAT, NOW).await;
        assert!(c.save(CHAT, &loaded, &state, NOW).await);
        assert_eq!(c.load(CHAT, NOW).await.state, state);
        assert_eq!(
            repo.load(CHAT).await.unwrap().unwrap().state,
            r#"{"await":"days","plan":3,"target":{"for":"renew","account":9},"gb":40}"#
        );
    }

    #[tokio::test]
    async fn an_unreadable_state_counts_as_idle() {
        let (c, repo) = conversations();
        repo.save(CHAT, r#"{"await":"something_removed"}"#, None, NOW)
            .await
            .unwrap();
        assert_eq!(c.load(CHAT, NOW).await.state, Conversation::Idle);
    }

    #[tokio::test]
    async fn a_save_over_a_newer_change_is_refused() {
        let (c, _) = conversations();
        let first = c.load(CHAT, NOW).await;
        let second = c.load(CHAT, NOW).await;
        assert!(c.save(CHAT, &first, &Conversation::TopUpAmount, NOW).await);
        assert!(!c.save(CHAT, &second, &Conversation::TopUpAmount, NOW).await);
    }
}
