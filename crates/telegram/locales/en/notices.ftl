# en: notices messages (see ../en.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ Your order <code>{ $tracking }</code> is ready. Open “My services” for your config and QR code.
notice-order-refunded-code = ↩️ Order <code>{ $tracking }</code> could not be completed: { $reason }. { $amount } went back to your wallet.
notice-order-needs-attention-code = ⚠️ Order <code>{ $tracking }</code> was refunded and needs a look: { $reason }.
