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
    Здравствуйте, { $name }! Добро пожаловать в <b>{ $shop }</b>.
    Быстрый и приватный VPN в пару нажатий. Выберите нужное в меню ниже.
start-welcome-back = С возвращением, { $name }!
language-choose = Выберите язык:
language-saved = Теперь бот говорит по-русски.
btn-lang-en = English
btn-lang-fa = فارسی
btn-lang-ru = Русский

## Setup checklist (superadmins, under /start until a plan can be sold)

setup-title = 🛠 <b>Настройка магазина</b> (это видят только суперадмины). Выполните эти команды на сервере, рядом с moonvpn.toml:
setup-panel-done = ✅ 1. Панель 3x-ui подключена.
setup-panel-todo = ⬜ 1. Подключите свою панель 3x-ui (заодно создаётся её локация): <code>moonvpn panel add --url https://HOST:PORT/PATH --username admin --password-env PANEL_PASSWORD --location France --prefix FR</code>
setup-location-done = ✅ 2. Локация с панелью в продаже.
setup-location-todo = ⬜ 2. Продавайте в локации с активной панелью: их показывают <code>moonvpn location list</code> и <code>moonvpn panel list</code>; <code>moonvpn panel add … --location NAME</code> добавляет туда панель.
setup-plan-done = ✅ 3. Тариф в продаже.
setup-plan-todo = ⬜ 3. Выставьте тариф на продажу: <code>moonvpn plan add --name "1 month, 50 GB" --days 30 --volume-gb 50 --price PRICE --location France</code>
setup-payments = 4. Приём оплаты: когда клиент заплатил вам, пополните его кошелёк, и он купит с баланса: <code>moonvpn user adjust-balance TELEGRAM_ID --credit AMOUNT --reason "paid by card"</code>
setup-footer = Отправьте /start ещё раз, чтобы увидеть прогресс. Подробнее в docs/operations.md.

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
wallet-recent = <b>Последние операции</b>
wallet-no-history = Операций пока нет.
wallet-history-title = <b>История кошелька</b> (страница { $page } из { $pages })
wallet-entry-credit = { $date } · { $kind } <b>+{ $amount }</b> · <code>{ $tracking }</code>
wallet-entry-debit = { $date } · { $kind } <b>−{ $amount }</b> · <code>{ $tracking }</code>
ledger-deposit = Пополнение
ledger-purchase = Покупка
ledger-refund = Возврат
ledger-adjustment = Корректировка
btn-history = 📜 Вся история
btn-newer = « Новее
btn-older = Старее »

## Data, dates, statuses

data-gb = { $amount } ГБ
data-mb = { $amount } МБ
volume-unlimited = Безлимит
expiry-never = Бессрочно
expiry-days-left = { $date } (осталось { $left })
status-active = 🟢 Активна
status-expired = 🔴 Истекла
status-switched = ↪️ Перенесена
status-disabled = ⚪ Отключена
renewal-add = При продлении новый объём и дни добавляются к остатку
renewal-restart = При продлении отсчёт начинается заново со дня продления (остаток сгорает)

## Buying

plans-choose-location = <b>Купить тариф</b>: выберите локацию.
plans-none = Сейчас нет тарифов в продаже. Загляните позже.
plans-none-here = В этой локации сейчас нет тарифов. Выберите другую.
plans-sold-out = ⛔ В локации { $location } сейчас нет мест: ни один сервер там не примет новую услугу. Выберите другую локацию или попробуйте позже; деньги не списаны.
plans-at-location = <b>Тарифы: { $location }</b>. Нажмите на тариф, чтобы увидеть итоговую цену; деньги списываются только после подтверждения.
plan-line =
    <b>{ $name }</b>: { $terms }
    <i>{ $rule }</i>
plan-terms-fixed = { $volume } · { $days } · { $price }
plan-terms-dynamic = { $per_gb } за ГБ + { $per_day } за день (объём и срок выбираете вы)
plan-unavailable = Этот тариф здесь больше не продаётся. Выберите другой.
selection-volume = Цена <b>{ $plan }</b> зависит от объёма и срока ({ $per_gb } за ГБ). Сколько ГБ вам нужно? Отправьте число от { $min } до { $max }.
selection-days = На сколько дней? ({ $per_day } в день) Отправьте число от { $min } до { $max }.
selection-out-of-range = Отправьте целое число от { $min } до { $max }.

## Confirming and paying

confirm-title = <b>Подтвердите заказ</b>
confirm-renew-title = <b>Продление { $account }</b>
confirm-rule = 🔄 { $rule }
confirm-plan = Тариф: <b>{ $plan }</b> · { $location }
confirm-volume = Объём: { $volume }
confirm-duration = Срок: { $days }
confirm-after = После продления: всего { $volume }, действует до { $expiry }
confirm-price = Цена: { $price }
confirm-discount = Скидка: −{ $discount }
confirm-amount = <b>К оплате: { $amount }</b>
confirm-balance = Ваш баланс: { $balance }
confirm-hint = Деньги спишутся только после нажатия «Оплатить».
label-pay = ✅ Оплатить { $amount }
btn-discount = 🏷 У меня есть промокод
code-ask = Отправьте промокод.
code-malformed = Это не похоже на промокод (от 3 до 32 латинских букв, цифр, «-» или «_»). Попробуйте ещё раз или вернитесь назад.
code-not-found = Такого промокода нет. Проверьте его и попробуйте ещё раз или вернитесь назад.
code-expired = Этот промокод больше нельзя использовать.
code-not-yet = Этот промокод действует с { $date }.
code-minimum = Этот промокод действует для заказов от { $min }.
code-other-plan = Этот промокод не подходит для этого тарифа.
code-gone = Промокод закончился до оплаты; деньги не списаны. Оформите заказ заново.
toast-processing = ⏳ Обрабатываем…
balance-short = На балансе <b>{ $balance }</b>, а заказ стоит <b>{ $amount }</b>. Пополните баланс минимум на <b>{ $missing }</b> и вернитесь к оплате. Деньги не списаны.
order-paid = ✅ Оплачено { $amount }. Заказ <code>{ $tracking }</code>.
order-free = ✅ Бесплатно. Заказ <code>{ $tracking }</code>.
order-renewed = ✅ <b>{ $account }</b> продлена (заказ <code>{ $tracking }</code>). Объём: { $volume }. Действует до { $expiry }.
order-renewed-hint = Ссылка конфигурации не изменилась; на устройствах ничего менять не нужно.
order-done = ✅ Готово.
order-refunded = ❌ Сейчас не удалось подключить услугу. { $amount } вернулись на ваш баланс (заказ <code>{ $tracking }</code>). Попробуйте ещё раз через несколько минут.
order-failed-free = ❌ Сейчас не удалось подключить услугу (заказ <code>{ $tracking }</code>). Попробуйте ещё раз через несколько минут.
order-setting-up = ⏳ Заказ <code>{ $tracking }</code> оплачен, услуга подключается; сервер отвечает медленно. Мы пришлём её сюда, как только она будет готова (или вернём деньги, если подключить не получится).
order-expired = Срок заказа <code>{ $tracking }</code> истёк; деньги не списаны. Оформите заказ заново.
order-already-paid = Заказ <code>{ $tracking }</code> уже оплачен и выдан. Деньги списаны один раз.
order-in-progress = Заказ <code>{ $tracking }</code> оплачен и настраивается. Мы сообщим, когда всё будет готово.
toast-already-paid = Уже оплачено.

## Delivery

delivery-ready = ✅ <b>{ $name }</b> готова.
delivery-again = <b>{ $name }</b>
delivery-new-link = 🔗 Новая ссылка для <b>{ $name }</b>. Импортируйте её на устройствах; старая больше не работает.
delivery-moved = 🌍 <b>{ $name }</b> готова в новой локации.
delivery-details =
    Локация: { $location }
    Объём: { $volume }
    Действует до: { $expiry }
delivery-config =
    Ссылка конфигурации (нажмите, чтобы скопировать):
    <code>{ $link }</code>
delivery-subscription =
    Ссылка подписки:
    <code>{ $link }</code>
delivery-no-qr = Для этой ссылки не удалось построить QR-код; скопируйте ссылку выше.
caption-qr = QR-код <b>{ $name }</b>: отсканируйте его в VPN-приложении.
btn-open-service = 📦 Открыть услугу

## My services

services-none = У вас пока нет услуг. Купите тариф или попробуйте бесплатный тест.
services-title = <b>Мои услуги</b>
services-line = • <b>{ $name }</b> · { $status } · { $expiry }
service-title = <b>{ $name }</b> · { $location }
service-status = Статус: { $status }
service-usage = Использовано: { $used } из { $total } (осталось { $left })
service-usage-unlimited = Использовано: { $used } (безлимит)
service-expiry = Действует до: { $expiry }
service-usage-stale = <i>Сервер сейчас не ответил; показаны последние известные данные.</i>
service-moved = <b>{ $name }</b> перенесена в другую локацию. Новая услуга — в разделе «Мои услуги».
btn-renew = 🔄 Продлить
btn-new-link = 🔗 Новая ссылка
btn-move = 🌍 Сменить локацию
btn-qr = 📷 QR-код
renew-choose =
    <b>Продление { $name }</b>
    Сейчас: { $volume }, действует до { $expiry }.
    Выберите тариф; у каждого указано, как он продлевает. Результат вы увидите до оплаты.
renew-none = Сейчас нет тарифов для продления этой услуги. Попробуйте позже.
renew-not-possible = Эту услугу нельзя продлить. Обратитесь в поддержку.
new-link-confirm = Новая ссылка заменит текущую ссылку <b>{ $name }</b>: устройства со старой ссылкой не смогут подключиться, пока вы не импортируете новую. Продолжить?
btn-new-link-confirm = ✅ Да, новая ссылка
new-link-done = ✅ Новая ссылка для <b>{ $name }</b> создана.
new-link-not-possible = Для этой услуги нельзя создать новую ссылку. Обратитесь в поддержку.
new-link-missing = Эта услуга не найдена на сервере. Обратитесь в поддержку.
move-choose = В какую локацию перенести <b>{ $name }</b>? Оставшиеся объём и дни переносятся вместе с ней.
move-none = Сейчас нет другой локации для переноса.
move-not-active = Перенести можно только активную услугу. Если она закончилась, сначала продлите её.
move-confirm =
    Перенести <b>{ $name }</b>: { $from } → { $to }?
    Сохранятся остаток { $left } и срок до { $expiry }. Вы получите новую ссылку, старая перестанет работать.
btn-move-confirm = ✅ Перенести
move-done = ✅ <b>{ $old }</b> перенесена: { $to }, теперь это <b>{ $name }</b>.
move-no-capacity = Эта локация сейчас не принимает новые услуги. Выберите другую или попробуйте позже.
move-same = Услуга уже в этой локации.

## Free test

free-test-title = <b>Бесплатный тест</b>: по одному на человека для каждого тестового тарифа.
free-test-line = • <b>{ $name }</b>: { $volume } на { $days }
free-test-none = Сейчас бесплатного теста нет. Загляните позже.
free-test-used = Вы уже использовали этот бесплатный тест. Купить тариф можно в любое время.

## Errors and short answers

pre-checkout-unavailable = Этот платёж больше недоступен. Начните заново из меню.
cancelled = Отменено.
unknown-input = Извините, я не понял. Пожалуйста, воспользуйтесь меню.
error-generic = У нас что-то пошло не так. Попробуйте ещё раз через минуту.
error-panel = Сервер сейчас не отвечает. Ничего не изменилось; попробуйте через несколько минут.
error-blocked = Ваш аккаунт заблокирован. Обратитесь в поддержку.
toast-expired = Эта кнопка устарела. Откройте меню заново.
toast-not-allowed = Эта кнопка не для вас.
toast-done = Готово.
toast-busy = ⏳ Ещё обрабатываю ваши предыдущие запросы. Пожалуйста, подождите немного.

## Notices (outbox)

notice-wallet-credited = ✅ На ваш кошелёк зачислено { $amount }. Код операции: <code>{ $tracking }</code>
notice-balance-increased = Ваш баланс увеличен на { $amount }. Причина: { $reason }. Код операции: <code>{ $tracking }</code>
notice-balance-decreased = Ваш баланс уменьшен на { $amount }. Причина: { $reason }. Код операции: <code>{ $tracking }</code>
notice-order-fulfilled = ✅ Заказ #{ $order } готов. Конфиг и QR-код — в разделе «Мои услуги».
notice-order-refunded = ↩️ Заказ #{ $order } не выполнен: { $reason }. { $amount } возвращено на кошелёк.
notice-order-needs-attention = ⚠️ Заказ #{ $order } возвращён и требует проверки: { $reason }.
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
