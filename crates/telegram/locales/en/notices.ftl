# en: notices messages (see ../en.ftl for the core screens)

## Order outcomes, naming the order by the tracking code the buyer was shown
notice-order-fulfilled-code = ✅ Your order <code>{ $tracking }</code> is ready. Open “My services” for your config and QR code.
notice-order-refunded-code = ↩️ Order <code>{ $tracking }</code> could not be completed: { $reason }. { $amount } went back to your wallet.
notice-order-needs-attention-code = ⚠️ Order <code>{ $tracking }</code> was refunded and needs a look: { $reason }.

## Reminders (each with a Renew button)
reminder-expires-3d = ⏳ <b>{ $name }</b> expires in 3 days, on { $date }. Renew now and it keeps working without a break.
reminder-expires-1d = ⏳ <b>{ $name }</b> expires tomorrow, on { $date }. Renew now and it keeps working without a break.
reminder-expired = ⛔ <b>{ $name }</b> has expired. Renew it to connect again.
reminder-traffic-80 = 📊 <b>{ $name }</b> has used 80% of its traffic. Renew to add more.
reminder-traffic-100 = ⛔ <b>{ $name }</b> has used all of its traffic. Renew to connect again.
