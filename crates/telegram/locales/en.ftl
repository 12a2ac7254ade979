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
    Hello, { $name }! Welcome to <b>MoonVPN</b>.
    Fast, private VPN access in a few taps. Pick what you need below.
start-welcome-back = Welcome back, { $name }!
language-choose = Choose your language:
language-saved = The bot now speaks English.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

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
top-up-chosen = Top-up of <b>{ $amount }</b> noted. Payment methods will appear here soon.

## Not there yet

plans-soon = Plans will be on sale here soon.
services-soon = Your services will be listed here soon.
free-test-soon = Free test accounts will be available here soon.

## Errors and short answers

pre-checkout-unavailable = This payment is no longer available. Please start again from the menu.
cancelled = Cancelled.
unknown-input = Sorry, I did not understand that. Please use the menu.
error-generic = Something went wrong on our side. Please try again in a minute.
error-blocked = Your account is blocked. Please contact support.
toast-expired = This button has expired. Please open the menu again.
toast-not-allowed = This button is not for you.
toast-done = Done.

## Notices (outbox)

notice-wallet-credited = ✅ { $amount } was added to your wallet. Tracking code: <code>{ $tracking }</code>
notice-balance-increased = Your balance was increased by { $amount }. Reason: { $reason }. Tracking code: <code>{ $tracking }</code>
notice-balance-decreased = Your balance was decreased by { $amount }. Reason: { $reason }. Tracking code: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ Your order #{ $order } is ready. Open “My services” for your config and QR code.
notice-order-refunded = ↩️ Order #{ $order } could not be completed: { $reason }. { $amount } went back to your wallet.
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
