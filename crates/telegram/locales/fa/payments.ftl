# fa: payments messages (see ../fa.ftl for the core screens)
provider-stars = ⭐ استارز تلگرام
provider-zarinpal = زرین‌پال
provider-robokassa = Robokassa
provider-freekassa = FreeKassa
provider-yookassa = YooKassa
provider-coingate = CoinGate
provider-cryptomus = Cryptomus
provider-nowpayments = NOWPayments
label-pay-with = { $provider } · { $charge }
label-pay-open = 💳 پرداخت { $charge }
btn-pay-retry = 🔄 تلاش دوباره
pay-description = شارژ کیف پول: { $amount }
pay-checkout = افزایش موجودی <b>{ $amount }</b> از طریق { $provider }: مبلغ پرداختی شما <b>{ $charge }</b> است.
    برای پرداخت دکمهٔ زیر را بزنید. به‌محض تأیید { $provider } کیف پول شما شارژ می‌شود (پرداخت شمارهٔ { $payment }).
pay-unavailable = این روش پرداخت اکنون در دسترس نیست. لطفاً روش دیگری را انتخاب کنید.
pay-provider-down = { $provider } پاسخ نداد. مبلغی کسر نشد؛ لطفاً یک دقیقهٔ دیگر دوباره تلاش کنید.
pay-stars-credited = ⭐ پرداخت دریافت شد: <b>{ $amount }</b> به کیف پول شما اضافه شد. موجودی: <b>{ $balance }</b>.
pay-already-credited = این پرداخت قبلاً به کیف پول شما اضافه شده است. موجودی: <b>{ $balance }</b>.
pay-stars-unmatched = پرداخت شما رسید اما به هیچ درخواست شارژی مربوط نشد. لطفاً با پشتیبانی تماس بگیرید؛ چیزی از دست نمی‌رود.
pre-checkout-already-paid = این صورت‌حساب قبلاً پرداخت شده است.
