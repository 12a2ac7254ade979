# MoonVPN bot, English. Every key here must exist in fa.ftl and ru.ftl with the same
# arguments (a test checks). Messages use Telegram HTML: only <b>, <i>, <code>, <a href>.
# Key prefixes set length limits: btn- (button, 64), toast- (callback answer, 200),
# caption- (photo caption, 1024); everything else is a message (4096).

## Formatting

money = { $amount } { $unit }
date = { $day } { $month } { $year }
currency-irt = Toman
currency-irr = Rial
currency-usd = USD
currency-eur = EUR
currency-rub = RUB
currency-try = TRY
currency-aed = AED
currency-usdt = USDT
currency-xtr = Stars
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
duration-days =
    { $count ->
        [one] { $count } day
       *[other] { $count } days
    }

## Start and language

start-welcome =
    Hello, { $name }! Welcome to <b>{ $shop }</b>.
    Fast, private VPN access in a few taps. Pick what you need below.
start-welcome-back = Welcome back, { $name }!
language-choose = Choose your language:
language-saved = The bot now speaks English.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

## Setup checklist (superadmins, under /start until a plan can be sold)

setup-title = 🛠 <b>Set up your shop</b> (only superadmins see this). Run these commands on the server, where moonvpn.toml is:
setup-panel-done = ✅ 1. A 3x-ui panel is connected.
setup-panel-todo = ⬜ 1. Connect your 3x-ui panel (this also adds its location): <code>moonvpn panel add --url https://HOST:PORT/PATH --username admin --password-env PANEL_PASSWORD --location France --prefix FR</code>
setup-location-done = ✅ 2. A location with a panel is on sale.
setup-location-todo = ⬜ 2. Sell in a location that has an active panel: <code>moonvpn location list</code> and <code>moonvpn panel list</code> show them; <code>moonvpn panel add … --location NAME</code> adds a panel there.
setup-plan-done = ✅ 3. A plan is on sale.
setup-plan-todo = ⬜ 3. Put a plan on sale there: <code>moonvpn plan add --name "1 month, 50 GB" --days 30 --volume-gb 50 --price PRICE --location France</code>
setup-payments = 4. Take payments: when a customer has paid you, credit their wallet and they buy with it: <code>moonvpn user adjust-balance TELEGRAM_ID --credit AMOUNT --reason "paid by card"</code>
setup-footer = Send /start again to see your progress. More in docs/operations.md.

## Main menu

menu-title = <b>Main menu</b>. What would you like to do?
btn-plans = 🛒 Buy a plan
btn-services = 📦 My services
btn-wallet = 💰 Wallet
btn-free-test = 🎁 Free test
btn-help = ❓ Help
btn-language = 🌐 Language
btn-back = « Back
btn-menu = « Main menu
btn-cancel = ✖️ Cancel

## Help

help-text =
    <b>Help</b>
    Top up your wallet, then pick a plan under “Buy a plan”. Your configs, QR codes and
    subscription links are under “My services”.
    Support: { $contact }
help-no-contact =
    <b>Help</b>
    Top up your wallet, then pick a plan under “Buy a plan”. Your configs, QR codes and
    subscription links are under “My services”.

## Wallet

wallet-balance = Your wallet balance: <b>{ $balance }</b>
btn-top-up = ➕ Top up
top-up-ask = Send the amount to add, in { $unit }. For example: { $example }
top-up-invalid = That is not an amount. Send digits only, for example: { $example }
wallet-recent = <b>Latest movements</b>
wallet-no-history = No movements yet.
wallet-history-title = <b>Wallet history</b> (page { $page } of { $pages })
wallet-entry-credit = { $date } · { $kind } <b>+{ $amount }</b> · <code>{ $tracking }</code>
wallet-entry-debit = { $date } · { $kind } <b>−{ $amount }</b> · <code>{ $tracking }</code>
ledger-deposit = Top-up
ledger-purchase = Purchase
ledger-refund = Refund
ledger-adjustment = Adjustment
btn-history = 📜 Full history
btn-newer = « Newer
btn-older = Older »

## Data, dates, statuses

data-gb = { $amount } GB
data-mb = { $amount } MB
volume-unlimited = Unlimited
expiry-never = Never
expiry-days-left = { $date } ({ $left } left)
status-active = 🟢 Active
status-expired = 🔴 Expired
status-switched = ↪️ Moved
status-disabled = ⚪ Disabled
renewal-add = Renewal adds the new volume and days to what is left
renewal-restart = Renewal starts over from the renewal day (what is left is dropped)

## Buying

plans-choose-location = <b>Buy a plan</b>: choose a location.
plans-none = No plans are on sale right now. Please check back later.
plans-none-here = No plans are on sale in this location right now. Please choose another one.
plans-sold-out = ⛔ { $location } is sold out right now: no server there can take a new service. Please choose another location or try again later; nothing was charged.
plans-at-location = <b>Plans in { $location }</b>. Tap a plan to see the final price; nothing is charged before you confirm.
plan-line =
    <b>{ $name }</b>: { $terms }
    <i>{ $rule }</i>
plan-terms-fixed = { $volume } · { $days } · { $price }
plan-terms-dynamic = { $per_gb } per GB + { $per_day } per day (you choose the volume and days)
plan-unavailable = This plan is no longer on sale here. Please choose another one.
selection-volume = <b>{ $plan }</b> is priced by volume and days ({ $per_gb } per GB). How many GB do you want? Send a number from { $min } to { $max }.
selection-days = How many days? ({ $per_day } per day) Send a number from { $min } to { $max }.
selection-out-of-range = Please send a whole number from { $min } to { $max }.

## Confirming and paying

confirm-title = <b>Confirm your order</b>
confirm-renew-title = <b>Renew { $account }</b>
confirm-rule = 🔄 { $rule }
confirm-plan = Plan: <b>{ $plan }</b> · { $location }
confirm-volume = Volume: { $volume }
confirm-duration = Duration: { $days }
confirm-after = After renewing: { $volume } in total, valid until { $expiry }
confirm-price = Price: { $price }
confirm-discount = Discount: −{ $discount }
confirm-amount = <b>To pay: { $amount }</b>
confirm-balance = Your balance: { $balance }
confirm-hint = Nothing is charged until you tap “Pay”.
label-pay = ✅ Pay { $amount }
btn-discount = 🏷 I have a discount code
code-ask = Send your discount code.
code-malformed = That does not look like a discount code (3 to 32 letters, digits, “-” or “_”). Try again, or go back.
code-not-found = There is no discount code like that. Check it and try again, or go back.
code-expired = This discount code can no longer be used.
code-not-yet = This discount code is valid from { $date }.
code-minimum = This discount code needs an order of at least { $min }.
code-other-plan = This discount code does not apply to this plan.
code-gone = The discount code ran out before the payment went through; nothing was charged. Please order again.
toast-processing = ⏳ Processing…
balance-short = Your balance is <b>{ $balance }</b>, but this order costs <b>{ $amount }</b>. Top up at least <b>{ $missing }</b>, then come back and pay. Nothing was charged.
order-paid = ✅ Paid { $amount }. Order <code>{ $tracking }</code>.
order-free = ✅ No charge. Order <code>{ $tracking }</code>.
order-renewed = ✅ <b>{ $account }</b> is renewed (order <code>{ $tracking }</code>). Volume: { $volume }. Valid until { $expiry }.
order-renewed-hint = Your config link stays the same; there is nothing to change on your devices.
order-done = ✅ Done.
order-refunded = ❌ We could not set up your service right now. { $amount } went back to your wallet (order <code>{ $tracking }</code>). Please try again in a few minutes.
order-failed-free = ❌ We could not set up your service right now (order <code>{ $tracking }</code>). Please try again in a few minutes.
order-setting-up = ⏳ Order <code>{ $tracking }</code> is paid and your service is being set up; the server is slow to answer. We will send it here as soon as it is ready (or refund you if it cannot be set up).
order-expired = This order (<code>{ $tracking }</code>) has expired; nothing was charged. Please order again.
order-already-paid = Order <code>{ $tracking }</code> is already paid and delivered. It was charged only once.
order-in-progress = Order <code>{ $tracking }</code> is paid and being set up. You will get a message when it is ready.
toast-already-paid = Already paid.

## Delivery

delivery-ready = ✅ <b>{ $name }</b> is ready.
delivery-again = <b>{ $name }</b>
delivery-new-link = 🔗 New link for <b>{ $name }</b>. Import it on your devices; the old one no longer works.
delivery-moved = 🌍 <b>{ $name }</b> is ready in its new location.
delivery-details =
    Location: { $location }
    Volume: { $volume }
    Valid until: { $expiry }
delivery-config =
    Config link (tap to copy):
    <code>{ $link }</code>
delivery-subscription =
    Subscription link:
    <code>{ $link }</code>
delivery-no-qr = The QR code could not be drawn for this link; copy the link above instead.
caption-qr = QR code of <b>{ $name }</b>: scan it in your VPN app.
btn-open-service = 📦 Open this service

## My services

services-none = You have no services yet. Buy a plan or try the free test.
services-title = <b>My services</b>
services-line = • <b>{ $name }</b> · { $status } · { $expiry }
service-title = <b>{ $name }</b> · { $location }
service-status = Status: { $status }
service-usage = Used: { $used } of { $total } ({ $left } left)
service-usage-unlimited = Used: { $used } (unlimited volume)
service-expiry = Valid until: { $expiry }
service-usage-stale = <i>The server did not answer just now; these are the last known figures.</i>
service-moved = <b>{ $name }</b> was moved to another location. Open its successor under “My services”.
btn-renew = 🔄 Renew
btn-new-link = 🔗 New link
btn-move = 🌍 Switch location
btn-qr = 📷 QR code
renew-choose =
    <b>Renew { $name }</b>
    Now: { $volume }, valid until { $expiry }.
    Choose a plan; each one says how it renews. You will see the result before you pay.
renew-none = No plan can renew this service right now. Please try again later.
renew-not-possible = This service cannot be renewed. Please contact support.
new-link-confirm = A new link replaces the current link of <b>{ $name }</b>: devices using the old link stop connecting until you import the new one. Continue?
btn-new-link-confirm = ✅ Yes, make a new link
new-link-done = ✅ New link made for <b>{ $name }</b>.
new-link-not-possible = This service cannot get a new link. Please contact support.
new-link-missing = This service is missing on its server. Please contact support.
move-choose = Move <b>{ $name }</b> to which location? The volume and days you have left move with it.
move-none = There is no other location to move to right now.
move-not-active = Only an active service can move. If it has run out, renew it first.
move-confirm =
    Move <b>{ $name }</b> from { $from } to { $to }?
    You keep { $left } and the expiry date { $expiry }. You get a new link; the old one stops working.
btn-move-confirm = ✅ Move it
move-done = ✅ <b>{ $old }</b> moved to { $to } as <b>{ $name }</b>.
move-no-capacity = That location cannot take new services right now. Please try another one, or try later.
move-same = The service is already in that location.

## Free test

free-test-title = <b>Free test</b>: one per person for each test plan.
free-test-line = • <b>{ $name }</b>: { $volume } for { $days }
free-test-none = There is no free test right now. Please check back later.
free-test-used = You have already used this free test. You can buy a plan any time.

## Errors and short answers

pre-checkout-unavailable = This payment is no longer available. Please start again from the menu.
cancelled = Cancelled.
unknown-input = Sorry, I did not understand that. Please use the menu.
error-generic = Something went wrong on our side. Please try again in a minute.
error-panel = The server is not answering right now. Nothing was changed; please try again in a few minutes.
error-blocked = Your account is blocked. Please contact support.
toast-expired = This button has expired. Please open the menu again.
toast-not-allowed = This button is not for you.
toast-done = Done.
toast-busy = ⏳ Still working on your earlier requests. Please wait a moment.

## Notices (outbox)

notice-wallet-credited = ✅ { $amount } was added to your wallet. Tracking code: <code>{ $tracking }</code>
notice-balance-increased = Your balance was increased by { $amount }. Reason: { $reason }. Tracking code: <code>{ $tracking }</code>
notice-balance-decreased = Your balance was decreased by { $amount }. Reason: { $reason }. Tracking code: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ Your order #{ $order } is ready. Open “My services” for your config and QR code.
notice-order-refunded = ↩️ Order #{ $order } could not be completed: { $reason }. { $amount } went back to your wallet.
notice-order-needs-attention = ⚠️ Order #{ $order } was refunded and needs a look: { $reason }.
notice-receipt-submitted = 🧾 Receipt #{ $receipt } for { $amount } (tracking code <code>{ $tracking }</code>) is waiting for review.
notice-receipt-approved = ✅ Your receipt #{ $receipt } was approved and { $amount } was added to your wallet.
notice-receipt-rejected = ❌ Your receipt #{ $receipt } was rejected: { $reason }
notice-receipt-expired = ⌛ Your receipt #{ $receipt } was not reviewed in time. Please send it again or contact support.
notice-generic = You have a new notification. Open the menu for details.

## Command menu

cmd-start = Start and register
cmd-menu = Main menu
cmd-help = Help and support
cmd-language = Change language
