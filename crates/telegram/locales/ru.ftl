# MoonVPN bot, Russian. Same keys and arguments as en.ftl (a test checks).

## Formatting

money = { $amount } { $unit }
date = { $day } { $month } { $year }
currency-irt = томан
currency-irr = риал
currency-usd = USD
currency-eur = EUR
currency-rub = ₽
currency-try = TRY
currency-aed = AED
currency-usdt = USDT
currency-xtr = звёзд
month-1 = января
month-2 = февраля
month-3 = марта
month-4 = апреля
month-5 = мая
month-6 = июня
month-7 = июля
month-8 = августа
month-9 = сентября
month-10 = октября
month-11 = ноября
month-12 = декабря
duration-days =
    { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[other] { $count } дней
    }

## Start and language

start-welcome =
    Здравствуйте, { $name }! Добро пожаловать в <b>MoonVPN</b>.
    Быстрый и приватный VPN в пару нажатий. Выберите нужное в меню ниже.
start-welcome-back = С возвращением, { $name }!
language-choose = Выберите язык:
language-saved = Теперь бот говорит по-русски.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

## Main menu

menu-title = <b>Главное меню</b>. Что вы хотите сделать?
btn-plans = 🛒 Купить тариф
btn-services = 📦 Мои услуги
btn-wallet = 💰 Кошелёк
btn-free-test = 🎁 Бесплатный тест
btn-help = ❓ Помощь
btn-language = 🌐 Язык
btn-back = « Назад
btn-menu = « Главное меню
btn-cancel = ✖️ Отмена

## Help

help-text =
    <b>Помощь</b>
    Пополните кошелёк и выберите тариф в разделе «Купить тариф». Конфиги, QR-коды и
    ссылки на подписку — в разделе «Мои услуги».
    Поддержка: { $contact }
help-no-contact =
    <b>Помощь</b>
    Пополните кошелёк и выберите тариф в разделе «Купить тариф». Конфиги, QR-коды и
    ссылки на подписку — в разделе «Мои услуги».

## Wallet

wallet-balance = Баланс кошелька: <b>{ $balance }</b>
btn-top-up = ➕ Пополнить
top-up-ask = Отправьте сумму пополнения ({ $unit }). Например: { $example }
top-up-invalid = Это не сумма. Отправьте только цифры, например: { $example }
top-up-chosen = Пополнение на <b>{ $amount }</b> записано. Способы оплаты скоро появятся здесь.

## Not there yet

plans-soon = Тарифы скоро появятся в продаже.
services-soon = Здесь скоро будет список ваших услуг.
free-test-soon = Бесплатный тест скоро станет доступен.

## Errors and short answers

pre-checkout-unavailable = Этот платёж больше недоступен. Начните заново из меню.
cancelled = Отменено.
unknown-input = Извините, я не понял. Пожалуйста, воспользуйтесь меню.
error-generic = У нас что-то пошло не так. Попробуйте ещё раз через минуту.
error-blocked = Ваш аккаунт заблокирован. Обратитесь в поддержку.
toast-expired = Эта кнопка устарела. Откройте меню заново.
toast-not-allowed = Эта кнопка не для вас.
toast-done = Готово.

## Notices (outbox)

notice-wallet-credited = ✅ На ваш кошелёк зачислено { $amount }. Код операции: <code>{ $tracking }</code>
notice-balance-increased = Ваш баланс увеличен на { $amount }. Причина: { $reason }. Код операции: <code>{ $tracking }</code>
notice-balance-decreased = Ваш баланс уменьшен на { $amount }. Причина: { $reason }. Код операции: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ Заказ #{ $order } готов. Конфиг и QR-код — в разделе «Мои услуги».
notice-order-refunded = ↩️ Заказ #{ $order } не выполнен: { $reason }. { $amount } возвращено на кошелёк.
notice-receipt-submitted = 🧾 Чек #{ $receipt } на { $amount } (код операции <code>{ $tracking }</code>) ждёт проверки.
notice-receipt-approved = ✅ Ваш чек #{ $receipt } одобрен, на кошелёк зачислено { $amount }.
notice-receipt-rejected = ❌ Ваш чек #{ $receipt } отклонён: { $reason }
notice-receipt-expired = ⌛ Ваш чек #{ $receipt } не проверили вовремя. Отправьте его снова или напишите в поддержку.
notice-generic = У вас новое уведомление. Откройте меню, чтобы узнать подробности.

## Command menu

cmd-start = Начать и зарегистрироваться
cmd-menu = Главное меню
cmd-help = Помощь и поддержка
cmd-language = Сменить язык
