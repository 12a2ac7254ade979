//! The payer's proof of a transfer: a photo (with or without a caption), a text, or both
//! over several messages. Stored through the receipts use case (which flags a photo used
//! before and keeps a late proof for a superadmin), answered with "pending", and posted to
//! the review channels.

use kernel::ReceiptId;
use receipts::{PhotoFileId, Receipt, ReceiptProof, ReceiptText};

use crate::bot::conversation::Conversation;
use crate::bot::{BotError, Ctx, Reply};
use crate::i18n::Args;

/// A photo arrived: the proof of the request the chat waits for, or of the payer's only
/// open request; without one it is refused and nothing is stored.
pub async fn photo(ctx: &Ctx<'_>, file_id: &str, unique_id: &str, caption: Option<&str>) -> Result<Reply, BotError> {
    let Some(receipt) = target(ctx).await? else {
        return Ok(no_request(ctx));
    };
    let Ok(photo) = PhotoFileId::new(file_id) else {
        return Ok(Reply::send(ctx.t("card-proof-bad-photo"), None));
    };
    let text = match caption.map(ReceiptText::new).transpose() {
        Ok(text) => text.flatten(),
        Err(_) => return Ok(too_long(ctx)),
    };
    let Ok(proof) = ReceiptProof::new(text, Some(photo)) else {
        return Ok(Reply::send(ctx.t("card-proof-bad-photo"), None));
    };
    attach(ctx, receipt, proof, PhotoFileId::new(unique_id).ok()).await
}

/// A file arrived instead of a photo: asked for again as a photo, nothing stored.
pub fn document(ctx: &Ctx<'_>) -> Reply {
    match ctx.state {
        Conversation::ReceiptProof { .. } => Reply::send(ctx.t("card-proof-document"), None),
        _ => crate::bot::unknown(ctx),
    }
}

/// A sticker, voice or other message: while a receipt is awaited, says what is accepted;
/// nothing is stored.
pub fn other(ctx: &Ctx<'_>) -> Reply {
    match ctx.state {
        Conversation::ReceiptProof { .. } => Reply::send(ctx.t("card-proof-empty"), None),
        _ => crate::bot::unknown(ctx),
    }
}

/// Text arrived while the chat waits for the proof of `receipt`.
pub async fn text(ctx: &Ctx<'_>, receipt: ReceiptId, text: &str) -> Result<Reply, BotError> {
    let text = match ReceiptText::new(text) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(Reply::send(ctx.t("card-proof-empty"), None)),
        Err(_) => return Ok(too_long(ctx)),
    };
    let Ok(proof) = ReceiptProof::new(Some(text), None) else {
        return Ok(Reply::send(ctx.t("card-proof-empty"), None));
    };
    attach(ctx, receipt, proof, None).await
}

/// The request a photo is for: the one the chat waits for, else the payer's only open one.
async fn target(ctx: &Ctx<'_>) -> Result<Option<ReceiptId>, BotError> {
    if let Conversation::ReceiptProof { receipt } = ctx.state {
        return Ok(Some(*receipt));
    }
    let open = ctx.deps.receipts.open_requests(ctx.user.id).await?;
    Ok(match open.as_slice() {
        [only] => Some(only.id),
        _ => None,
    })
}

async fn attach(
    ctx: &Ctx<'_>,
    id: ReceiptId,
    proof: ReceiptProof,
    unique: Option<PhotoFileId>,
) -> Result<Reply, BotError> {
    let receipts = &ctx.deps.receipts;
    let new_photo = proof.photo().cloned();
    let receipt = match receipts.attach_proof(ctx.user.id, id, proof, unique, None).await {
        Ok(receipt) => receipt,
        Err(e) => {
            let text = super::request::refused(ctx, &e)?;
            return Ok(Reply::send(text, Some(ctx.back_to_menu())).state(Conversation::Idle));
        }
    };
    tracing::info!(receipt = %receipt.id, "receipt proof stored");
    super::review::post(ctx.deps, ctx.user, &receipt, new_photo.as_ref()).await;
    Ok(pending(ctx, &receipt))
}

/// "Received, waiting for review"; the chat still takes more photo or text for it.
fn pending(ctx: &Ctx<'_>, receipt: &Receipt) -> Reply {
    let text = ctx.t_args(
        "card-proof-pending",
        &Args::new()
            .text("tracking", receipt.tracking.as_str())
            .money("amount", receipt.amount),
    );
    Reply::send(text, Some(super::request::proof_keyboard(ctx, receipt.id)))
        .state(Conversation::ReceiptProof { receipt: receipt.id })
}

fn no_request(ctx: &Ctx<'_>) -> Reply {
    Reply::send(
        ctx.t("card-no-open-request"),
        Some(crate::bot::screens::menu::keyboard(ctx)),
    )
}

fn too_long(ctx: &Ctx<'_>) -> Reply {
    Reply::send(
        ctx.t_args(
            "card-proof-too-long",
            &Args::new().number("max", i64::try_from(ReceiptText::MAX_CHARS).unwrap_or(i64::MAX)),
        ),
        None,
    )
}
