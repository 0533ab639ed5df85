// The fields a customer or order import fills, with the column titles that usually carry them in
// Excel, 1C, Shopify and other exports. Titles are compared after normalizeHeader(), so case,
// spaces, punctuation and "ё" do not matter. `names` also match as a prefix ("Сумма, руб." is a
// total); `exact` names are too generic for that ("Номер строки" is not an order number).

/** What an import creates: customers, or orders (with their customers). */
export type ImportKind = 'customers' | 'orders';

/** Fields of a customer import. */
export type CustomerField =
  | 'phone' | 'email' | 'firstName' | 'lastName' | 'middleName' | 'fullName' | 'birthDate' | 'gender'
  | 'city' | 'region' | 'country' | 'cardNumber' | 'externalId' | 'consentEmail' | 'consentSms'
  | 'source' | 'createdAt';

/** Fields of an order import; sku, productName, quantity and price mean each row is one order line. */
export type OrderField =
  | 'orderId' | 'orderedAt' | 'total' | 'discount' | 'currency' | 'status' | 'storeId' | 'channel'
  | 'phone' | 'email' | 'cardNumber' | 'externalId' | 'firstName' | 'lastName' | 'fullName'
  | 'city' | 'country' | 'sku' | 'productName' | 'quantity' | 'price';

/** Any field an import can fill. */
export type ImportField = CustomerField | OrderField;

/** A field as shown to the manager who maps columns. */
export interface TargetField {
  field: ImportField;
  /** English name for people. */
  label: string;
  /** The import cannot run without this column (an order total may instead come from quantity × price). */
  required: boolean;
  /** A customer identifier: at least one of these must be mapped. */
  identifier: boolean;
}

/** A field with the column titles that carry it. */
export interface FieldSpec extends TargetField {
  /** Titles that match exactly or as the start of a longer title. */
  names: string[];
  /** Titles among `names` that only match exactly. */
  exact?: string[];
}

function spec(field: ImportField, label: string, names: string[], extra: Partial<FieldSpec> = {}): FieldSpec {
  return { field, label, required: false, identifier: false, names, ...extra };
}

const phone = spec('phone', 'Phone', [
  'Телефон', 'Тел', 'Тел.', 'Моб. телефон', 'Мобильный', 'Мобильный телефон', 'Сотовый', 'Сотовый телефон',
  'Номер телефона', 'Контактный телефон', 'Телефон клиента', 'Phone', 'Phone number', 'Mobile', 'Mobile phone',
  'Cell', 'Cell phone', 'Tel', 'Telephone', 'MSISDN',
], { identifier: true, exact: ['Тел', 'Tel', 'Cell'] });
const email = spec('email', 'Email', [
  'Почта', 'E-mail', 'Email', 'Эл. почта', 'Электронная почта', 'Адрес электронной почты', 'Емейл', 'Имейл',
  'Mail', 'Email address', 'E-mail address',
], { identifier: true, exact: ['Mail'] });
const cardNumber = spec('cardNumber', 'Loyalty card number', [
  'Номер карты', 'Карта', 'Карта лояльности', 'Дисконтная карта', 'Бонусная карта', 'Клубная карта',
  'Номер дисконтной карты', 'Номер бонусной карты', 'Штрихкод карты', 'Card', 'Card number', 'Card no',
  'Loyalty card', 'Loyalty card number',
], { identifier: true, exact: ['Карта', 'Card'] });
const customerCode = ['Код клиента', 'ID клиента', 'Клиент ID', 'Идентификатор клиента', 'Внешний ID',
  'Внешний код', 'Customer ID', 'CustomerID', 'Client ID', 'External ID', 'Customer code'];
const firstName = spec('firstName', 'First name', ['Имя', 'Имя клиента', 'First name', 'Firstname', 'Given name']);
const lastName = spec('lastName', 'Last name', ['Фамилия', 'Last name', 'Lastname', 'Surname', 'Family name']);
const fullName = spec('fullName', 'Full name (ФИО, split into last, first and middle name)', [
  'ФИО', 'Ф.И.О.', 'ФИО клиента', 'ФИО покупателя', 'Полное имя', 'Клиент', 'Покупатель', 'Контрагент',
  'Full name', 'Fullname', 'Name', 'Customer name', 'Client name', 'Customer', 'Client',
], { exact: ['Клиент', 'Покупатель', 'Контрагент', 'Name', 'Customer', 'Client'] });
const city = spec('city', 'City', ['Город', 'Населенный пункт', 'City', 'Town']);
const country = spec('country', 'Country', ['Страна', 'Country']);

const customerSpecs: FieldSpec[] = [
  phone, email, cardNumber,
  spec('externalId', 'Customer ID in your system', [...customerCode, 'Код', 'ID', 'Идентификатор'], {
    identifier: true, exact: ['Код', 'ID', 'Идентификатор'],
  }),
  firstName, lastName,
  spec('middleName', 'Middle name (patronymic)', ['Отчество', 'Middle name', 'Patronymic']),
  { ...fullName, names: [...fullName.names, 'Наименование'], exact: [...(fullName.exact ?? []), 'Наименование'] },
  spec('birthDate', 'Birth date', ['Дата рождения', 'День рождения', 'ДР', 'Birthday', 'Birth date', 'Birthdate', 'Date of birth', 'DOB']),
  spec('gender', 'Gender', ['Пол', 'Gender', 'Sex']),
  city,
  spec('region', 'Region', ['Регион', 'Область', 'Край', 'Субъект РФ', 'Region', 'State', 'Province']),
  country,
  spec('consentEmail', 'Agreed to email marketing', [
    'Согласие на email', 'Согласие на рассылку email', 'Согласие на e-mail рассылку', 'Подписка email',
    'Подписка на email', 'Подписка на рассылку', 'Email рассылка', 'Email consent', 'Email opt-in',
    'Email subscribed', 'Accepts email marketing', 'Accepts marketing',
  ]),
  spec('consentSms', 'Agreed to SMS marketing', [
    'Согласие на SMS', 'Согласие на смс', 'Согласие на SMS рассылку', 'Подписка SMS', 'Подписка на SMS',
    'SMS рассылка', 'SMS consent', 'SMS opt-in', 'SMS subscribed', 'Accepts SMS marketing',
  ]),
  spec('source', 'Source', ['Источник', 'Канал привлечения', 'Откуда узнал', 'Source', 'Lead source', 'utm_source']),
  spec('createdAt', 'Registration date', [
    'Дата регистрации', 'Дата создания', 'Дата добавления', 'Зарегистрирован', 'Created', 'Created at',
    'Registration date', 'Signup date', 'Date created',
  ]),
];

const orderSpecs: FieldSpec[] = [
  spec('orderId', 'Order number', [
    'Номер заказа', '№ заказа', 'Заказ', 'Номер', 'Номер документа', 'Номер чека', 'Чек', 'Order ID',
    'Order number', 'Order no', 'Order', 'InvoiceNo', 'Invoice', 'Invoice number', 'Receipt', 'Receipt number',
  ], { exact: ['Номер', 'Чек', 'Order', 'Invoice', 'Receipt'] }),
  spec('orderedAt', 'Order date', [
    'Дата', 'Дата заказа', 'Дата покупки', 'Дата чека', 'Дата документа', 'Дата и время', 'Дата время',
    'Date', 'Order date', 'Purchase date', 'InvoiceDate', 'Invoice date', 'Date time',
  ], { required: true, exact: ['Дата', 'Date'] }),
  spec('total', 'Order total', [
    'Сумма', 'Сумма заказа', 'Итого', 'Итоговая сумма', 'Сумма чека', 'Сумма документа', 'Сумма покупки',
    'Выручка', 'Total', 'Amount', 'Revenue', 'Order total', 'Sum', 'Grand total',
  ], { required: true, exact: ['Sum'] }),
  spec('discount', 'Discount', ['Скидка', 'Сумма скидки', 'Discount', 'Discount amount', 'Total discount']),
  spec('currency', 'Currency', ['Валюта', 'Currency']),
  spec('status', 'Order status', ['Статус', 'Статус заказа', 'Состояние', 'Status', 'Order status']),
  spec('storeId', 'Store', ['Магазин', 'Точка продаж', 'Торговая точка', 'Store', 'Store ID', 'Shop', 'Location'], {
    exact: ['Store', 'Shop', 'Location'],
  }),
  spec('channel', 'Sales channel', ['Канал', 'Канал продаж', 'Channel', 'Sales channel']),
  phone, email, cardNumber,
  spec('externalId', 'Customer ID in your system', customerCode, { identifier: true }),
  firstName, lastName, fullName, city, country,
  spec('sku', 'Product code (SKU)', [
    'Артикул', 'Код товара', 'Штрихкод', 'SKU', 'StockCode', 'Stock code', 'Product ID', 'Product code',
    'Item code', 'Barcode',
  ]),
  spec('productName', 'Product name', [
    'Товар', 'Наименование', 'Наименование товара', 'Номенклатура', 'Продукт', 'Description', 'Product',
    'Product name', 'Item', 'Item name',
  ], { exact: ['Item', 'Product'] }),
  spec('quantity', 'Quantity', ['Количество', 'Кол-во', 'Кол.', 'Qty', 'Quantity']),
  spec('price', 'Unit price', ['Цена', 'Цена за ед.', 'Цена за единицу', 'Price', 'Unit price', 'UnitPrice']),
];

/** Field specifications with their column titles, in display order; used by header matching. */
export function fieldSpecs(kind: ImportKind): readonly FieldSpec[] {
  return kind === 'customers' ? customerSpecs : orderSpecs;
}

/** The fields of an import kind in display order, with what is required. */
export function targetFields(kind: ImportKind): TargetField[] {
  return fieldSpecs(kind).map(({ field, label, required, identifier }) => ({ field, label, required, identifier }));
}
