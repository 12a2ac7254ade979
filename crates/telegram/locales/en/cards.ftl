# en: cards messages (see ../en.ftl for the core screens)

## Top-up: amount and methods
top-up-out-of-bounds = A top-up must be between { $min } and { $max }. Send another amount.
top-up-methods = Top up <b>{ $amount }</b>. How would you like to pay?
btn-pay-card = 💳 Card-to-card transfer

## Card-to-card: the card, the proof
card-pay = 💳 <b>Card-to-card top-up</b>
    Transfer <b>exactly { $amount }</b> to this card:

    <code>{ $digits }</code>
    { $holder } · { $bank }

    Amount to transfer: <code>{ $exact }</code>
    Tracking code: <code>{ $tracking }</code>

    The few extra units over { $requested } identify your payment; they are credited too.
    Then send here a photo of the receipt, or its text (reference number, time), or both, within { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    } (until { $time } UTC).
btn-cancel-request = ✖️ Cancel this top-up
card-cancelled = Top-up <code>{ $tracking }</code> cancelled. Nothing was charged.
card-unavailable = Card-to-card payments are unavailable right now. Please try again later or contact support.
card-busy = Too many payments are open right now. Please try again in a few minutes.
card-too-many-open = You already have { $count ->
        [one] { $count } top-up
       *[other] { $count } top-ups
    } waiting. Send their receipts or cancel one before opening another.
card-already-pending = This top-up is still waiting for review.
card-already-approved = This top-up was already approved.
card-already-rejected = This top-up was already rejected.
card-already-expired = This top-up expired. Please start a new one from Wallet → Top up.
card-already-cancelled = This top-up was cancelled. Please start a new one from Wallet → Top up.
card-no-open-request = You have no open top-up to send a receipt for. Start one from Wallet → ➕ Top up.
card-proof-bad-photo = I could not read that photo. Please send the receipt again as a photo.
card-proof-empty = Please send a photo of the receipt or its text.
card-proof-too-long = That text is too long (at most { $max } characters). Send the reference number and time only.
card-proof-pending = 📨 Received. Your top-up <code>{ $tracking }</code> of { $amount } is waiting for review; you will hear as soon as an admin checks it. You can still add a photo or text to it.

## Review in the channels
review-photo = 🧾 <code>{ $tracking }</code>
review-title = 🧾 Receipt #{ $receipt } · <code>{ $tracking }</code>
review-payer = From: { $name } { $username } · id { $id }
review-amount = To transfer: <b>{ $amount }</b> (asked { $requested })
review-card = Card: { $card } · { $bank } · { $holder }
review-text = Text: { $text }
review-has-photo = 📷 Photo: posted with the same tracking code
review-flags = ⚠️ Flags: { $flags }
review-status-pending = ⏳ Waiting for review
review-status-approved = ✅ Approved by { $by } on { $date } at { $time } UTC: { $credited } credited
review-status-rejected = ❌ Rejected by { $by } on { $date } at { $time } UTC: { $reason }
review-status-expired = ⌛ Expired before review
review-status-cancelled = ✖️ Cancelled by the payer
btn-approve = ✅ Approve
btn-reject = ❌ Reject
reject-reason-0 = No transfer with this amount arrived
reject-reason-1 = The amount transferred differs
reject-reason-2 = The receipt is unreadable
reject-reason-3 = The receipt was used before
toast-receipt-approved = ✅ Approved; the wallet was credited.
toast-receipt-rejected = ❌ Rejected; the payer was told why.
toast-receipt-decided = This receipt was already decided; the post shows by whom.
toast-receipt-staff-only = Only admins can review receipts. Nothing was changed.
notice-receipt-balance = Your balance is now { $balance }.

## Paying an order by card
label-pay-order-card = 💳 Pay { $amount } by card
card-pay-order = This payment is for order #{ $order }: your service is delivered as soon as the receipt is approved.
review-order = 🛒 For order #{ $order } (delivered once approved)
card-proof-document = Please send the receipt as a photo (not as a file), or type its text.

## Typed decisions (in the admin's private chat)
btn-approve-other = ✏️ Approve another amount
btn-reason-typed = ✏️ Type a reason
card-ask-amount = How much did receipt <code>{ $tracking }</code> actually transfer? It asked for { $amount }. Send the amount to credit.
card-ask-reason = Why is receipt <code>{ $tracking }</code> rejected? Send the reason; the payer will read it.
card-reason-invalid = A reason has 1 to { $max } characters. Send it again.
card-amount-invalid = That is not an amount. Send digits only, for example 100000.
card-rejected-done = ❌ Receipt <code>{ $tracking }</code> rejected; the payer was told why.
card-approved-done = ✅ Receipt <code>{ $tracking }</code> approved: { $amount } credited.
toast-receipt-asked-privately = I wrote to you in our private chat: answer there.
toast-receipt-open-bot = Open a private chat with the bot and press Start first, then tap again.

## Bank SMS matching (an admin's private chat)
admin-btn-bank-sms = 📩 Match bank SMS
sms-ask = 📩 Paste or forward the bank's deposit SMS (or app notification) here. I read the amount and match it against the open card top-ups by their unique amounts; nothing is approved on a guess.
sms-unreadable = I found no deposit in that text. Forward the bank's SMS as it is (a withdrawal is never matched). Nothing was changed.
sms-no-time = no time
sms-no-match = 📩 Deposit of { $deposit } ({ $time }) read, but no open top-up asks for exactly { $amount }. Nothing was changed.
sms-ambiguous = 📩 Deposit of { $deposit } ({ $time }) read, but { $count } open top-ups ask for this amount ({ $receipts }); I will not guess. Decide them in the channel. Nothing was changed.
sms-suggested = 📩 Deposit of { $deposit } ({ $time }) matches receipt #{ $receipt }. Approve it with one tap:
sms-approved = 📩 Deposit of { $deposit } ({ $time }) matches receipt #{ $receipt }; its card allows automatic approval, so it was approved.

## A superadmin's override and unflag (on the review posts)
btn-override-approve = ⚖️ Override: approve
btn-override-take-back = ⚖️ Override: take back
btn-unflag = 🏳 Clear flags
btn-override-yes = ✅ Yes, do it
review-override-approve-ask = ⚖️ Approve receipt <code>{ $tracking }</code> after all and credit { $amount } to the payer? This overrides the earlier decision.
review-override-take-back-ask = ⚖️ Take receipt <code>{ $tracking }</code> back: reject it and debit the { $amount } it credited from the payer's wallet? Refused if the balance no longer holds it.
review-override-reason = Reversed by a superadmin after review
review-unflag-ask = 🏳 Clear the flags of receipt <code>{ $tracking }</code> ({ $flags })?
toast-receipt-overridden = ⚖️ Overridden; the payer was told.
toast-receipt-unflagged = 🏳 The receipt has no flags now.
toast-receipt-not-overridable = This receipt cannot be overridden now. Nothing was changed.
toast-receipt-cannot-take-back = The payer's balance no longer holds the credit, so it cannot be taken back. Nothing was changed.
toast-receipt-superadmin-only = Only a superadmin can override or clear flags. Nothing was changed.
