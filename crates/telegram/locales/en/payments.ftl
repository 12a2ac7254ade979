# en: payments messages (see ../en.ftl for the core screens)
provider-stars = ⭐ Telegram Stars
provider-zarinpal = Zarinpal
provider-robokassa = Robokassa
provider-freekassa = FreeKassa
provider-yookassa = YooKassa
provider-coingate = CoinGate
provider-cryptomus = Cryptomus
provider-nowpayments = NOWPayments
label-pay-with = { $provider } · { $charge }
label-pay-open = 💳 Pay { $charge }
btn-pay-retry = 🔄 Try again
pay-description = Wallet top-up: { $amount }
pay-checkout = Top-up of <b>{ $amount }</b> through { $provider }: you pay <b>{ $charge }</b>.
    Tap the button below to pay. Your wallet is credited as soon as { $provider } confirms the payment (payment #{ $payment }).
pay-unavailable = This payment method is not available right now. Please pick another one.
pay-provider-down = { $provider } did not answer. Nothing was charged; please try again in a minute.
pay-stars-credited = ⭐ Payment received: <b>{ $amount }</b> added to your wallet. Balance: <b>{ $balance }</b>.
pay-already-credited = This payment was already credited. Balance: <b>{ $balance }</b>.
pay-stars-unmatched = Your payment arrived but could not be matched to a top-up. Please contact support; nothing is lost.
pre-checkout-already-paid = This invoice is already paid.
