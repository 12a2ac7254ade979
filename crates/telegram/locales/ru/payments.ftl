# ru: payments messages (see ../ru.ftl for the core screens)
provider-stars = ⭐ Telegram Stars
provider-zarinpal = Zarinpal
provider-robokassa = Robokassa
provider-freekassa = FreeKassa
provider-yookassa = ЮKassa
provider-coingate = CoinGate
provider-cryptomus = Cryptomus
provider-nowpayments = NOWPayments
label-pay-with = { $provider } · { $charge }
label-pay-open = 💳 Оплатить { $charge }
btn-pay-retry = 🔄 Попробовать снова
pay-description = Пополнение: { $amount }
pay-checkout = Пополнение на <b>{ $amount }</b> через { $provider }: к оплате <b>{ $charge }</b>.
    Нажмите кнопку ниже, чтобы оплатить. Кошелёк пополнится, как только { $provider } подтвердит платёж (платёж №{ $payment }).
pay-unavailable = Этот способ оплаты сейчас недоступен. Выберите другой.
pay-provider-down = { $provider } не ответил. Деньги не списаны; попробуйте ещё раз через минуту.
pay-stars-credited = ⭐ Платёж получен: на кошелёк зачислено <b>{ $amount }</b>. Баланс: <b>{ $balance }</b>.
pay-already-credited = Этот платёж уже зачислен. Баланс: <b>{ $balance }</b>.
pay-stars-unmatched = Платёж получен, но не найдено пополнение, к которому он относится. Напишите в поддержку — ничего не потеряно.
pre-checkout-already-paid = Этот счёт уже оплачен.
