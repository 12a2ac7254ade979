//! Broadcasts: an admin composes a campaign (text, optional photo, optional URL button),
//! picks an audience, previews it and confirms; the broadcast job then sends it through the
//! bulk lane of the flood limits and the admin watches its progress, pauses, resumes or
//! cancels it. The domain decides every status change; the store applies it guarded by the
//! status it was decided on, with its audit entry.

mod audience;
mod campaign;
mod content;
mod ports;
mod service;
#[cfg(test)]
mod tests;
mod worker;

pub use audience::{Audience, AudienceError};
pub use campaign::{
    Campaign, CampaignAction, CampaignStatus, Counts, InvalidTransition, Pace, ProgressMessage, StatusChange,
};
pub use content::{BroadcastText, Content, ContentError, MAX_CAPTION, MAX_LABEL, MAX_TEXT, PhotoId, UrlButton};
pub use ports::{BroadcastSender, CampaignRecipient, CampaignRepo, NewCampaign, RecipientState, SendOutcome};
pub use service::{BroadcastError, BroadcastService, CANCEL, CREATE, PAUSE, RESUME, START, VIEW};
pub use worker::{BroadcastRun, BroadcastWorker};

#[cfg(any(test, feature = "mock"))]
pub use ports::{MockBroadcastSender, MockCampaignRepo};
