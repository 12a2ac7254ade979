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

## Settings: which reminders a user gets
btn-settings = ⚙️ Settings
settings-title =
    ⚙️ <b>Settings</b>
    Reminders: tap one to turn it off or on. You are always told when a service has expired or used all of its traffic.
settings-expires-3d = 3 days before expiry
settings-expires-1d = 1 day before expiry
settings-traffic-80 = 80% of traffic used
settings-low-balance = Low balance after a purchase
settings-always = Always sent
label-reminder-on = 🔔 { $kind }: on
label-reminder-off = 🔕 { $kind }: off
toast-reminder-on = Reminder turned on.
toast-reminder-off = Reminder turned off.

## Low balance after a purchase (with a Top-up button)
notice-low-balance = 💰 Your balance is now { $balance }, less than the { $price } this purchase cost. Top up so your next renewal goes through.

## Admin alerts
notice-order-paid = 🛒 New order <code>{ $tracking }</code>: { $amount } paid.
notice-order-paid-renewal = 🔄 Renewal <code>{ $tracking }</code>: { $amount } paid.
notice-panel-down = 🔴 Panel <b>{ $name }</b> is down: { $problem }. Sales skip it until it answers again.
notice-panel-up = 🟢 Panel <b>{ $name }</b> answers again.
notice-panel-sync-failed = ⚠️ Syncing panel <b>{ $name }</b> failed: { $error }. Traffic and expiry may be out of date until a sync works.
notice-reconcile-drift = 🔍 The daily check of the panels found differences:
    { $lines }
    Nothing was changed. To create missing accounts again: <code>moonvpn panel reconcile --repair</code>
notice-drift-line = • <b>{ $name }</b>: { $unknown } client(s) MoonVPN does not know, { $lost } account(s) missing on the panel
