//! Handing a service over in ONE message: the config link's QR code as a photo whose caption
//! holds the name, location, volume, expiry, the config link (in `<code>`, one tap copies it)
//! and the subscription link. Only when that caption would pass Telegram's 1024 characters
//! (very long links) do the details go in one text message before the photo. Used after a
//! purchase, a new link, a move, and for "QR code" again.

use inventory::ClientAccount;

use crate::bot::{BotError, Ctx, Reply, format};
use crate::callback::Action;
use crate::i18n::Args;
use crate::keyboard::Keyboard;
use crate::limits;
use crate::qr::qr_png;

/// Adds the service's details (headed by catalog key `title`, which takes `$name`) and its QR
/// code to `reply`: one photo with the details as its caption when they fit.
pub async fn append(ctx: &Ctx<'_>, reply: Reply, account: &ClientAccount, title: &str) -> Result<Reply, BotError> {
    let location = ctx.deps.placement.location(account.location).await?;
    let mut lines = vec![
        ctx.t_args(title, &Args::new().text("name", account.name.as_str())),
        String::new(),
        ctx.t_args(
            "delivery-details",
            &Args::new()
                .text("location", location.name.as_str())
                .html("volume", format::volume(ctx, account.traffic_limit_bytes))
                .html("expiry", format::expiry_with_days_left(ctx, account.expires_at)),
        ),
        String::new(),
        ctx.t_args(
            "delivery-config",
            &Args::new().text("link", account.config_url.as_str()),
        ),
    ];
    if let Some(subscription) = &account.subscription_url {
        lines.push(String::new());
        lines.push(ctx.t_args(
            "delivery-subscription",
            &Args::new().text("link", subscription.as_str()),
        ));
    }
    let keyboard = Keyboard::new()
        .row([ctx.button("btn-open-service", Action::Service(account.id))])
        .row([ctx.button("btn-menu", Action::Menu)]);
    let details = lines.join("\n");
    Ok(match qr_png(&account.config_url) {
        Ok(png) if limits::utf16_len(&details) <= limits::CAPTION => {
            reply.and_photo(png, Some(details), Some(keyboard))
        }
        Ok(png) => {
            let caption = ctx.t_args("caption-qr", &Args::new().text("name", account.name.as_str()));
            reply
                .and_send(details, None)
                .and_photo(png, Some(caption), Some(keyboard))
        }
        Err(e) => {
            tracing::warn!(account = %account.id, error = %e, "config link cannot be drawn as a QR code");
            let text = format!("{details}\n\n{}", ctx.t("delivery-no-qr"));
            reply.and_send(text, Some(keyboard))
        }
    })
}
