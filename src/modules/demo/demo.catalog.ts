import { deriveSeed, Rng, WeightedTable } from './demo.random.js';

/** The demo shop: a Russian chain selling clothes, footwear and accessories online and in six shops. */
export const demoShopName = 'Северный ветер';

/** One product of the demo catalogue; prices are in kopecks. */
export interface DemoProduct {
  productId: string;
  sku: string;
  name: string;
  category: string;
  price: number;
}

/** Grammatical gender of a product noun, so colour adjectives agree ("куртка чёрная", "брюки чёрные"). */
type Agreement = 0 | 1 | 2 | 3; // masculine, feminine, neuter, plural

interface ProductType {
  noun: string;
  agreement: Agreement;
  minRub: number;
  maxRub: number;
  /** Words after the colour, such as a pack size. */
  suffix?: string;
}

interface CategorySpec {
  name: string;
  code: string;
  // Relative demand by month (January first): outerwear sells in autumn, dresses in summer.
  months: readonly number[];
  types: readonly ProductType[];
}

const t = (noun: string, agreement: Agreement, minRub: number, maxRub: number, suffix?: string): ProductType =>
  ({ noun, agreement, minRub, maxRub, suffix });
const flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];

const categories: readonly CategorySpec[] = [
  { name: 'Верхняя одежда', code: 'OW', months: [1.3, 0.9, 0.8, 0.7, 0.4, 0.25, 0.25, 0.5, 1.1, 1.6, 1.8, 1.5], types: [
    t('Пуховик', 0, 7990, 24990), t('Парка', 1, 6990, 19990), t('Куртка', 1, 4990, 14990), t('Пальто', 2, 8990, 29990),
    t('Тренч', 0, 6990, 15990), t('Ветровка', 1, 2990, 6990), t('Жилет утеплённый', 0, 2990, 7990)] },
  { name: 'Платья и юбки', code: 'DR', months: [0.7, 0.8, 1.1, 1.2, 1.4, 1.5, 1.4, 1.2, 0.9, 0.8, 0.8, 1.1], types: [
    t('Платье', 2, 2490, 8990), t('Юбка', 1, 1990, 5990), t('Сарафан', 0, 2490, 5990), t('Платье-рубашка', 2, 2990, 6990)] },
  { name: 'Брюки и джинсы', code: 'PT', months: flat, types: [
    t('Джинсы', 3, 2990, 7990), t('Брюки', 3, 2490, 6990), t('Шорты', 3, 1490, 3490), t('Леггинсы', 3, 990, 2490)] },
  { name: 'Трикотаж', code: 'KN', months: [1.3, 1.2, 1.0, 0.8, 0.6, 0.5, 0.5, 0.7, 1.1, 1.3, 1.4, 1.4], types: [
    t('Свитер', 0, 2490, 7990), t('Кардиган', 0, 2990, 7990), t('Толстовка', 1, 2490, 5990), t('Джемпер', 0, 1990, 5990),
    t('Водолазка', 1, 1490, 3490)] },
  { name: 'Футболки и рубашки', code: 'TS', months: [0.8, 0.8, 1.0, 1.1, 1.3, 1.4, 1.4, 1.2, 1.0, 0.8, 0.8, 0.9], types: [
    t('Футболка', 1, 790, 2490), t('Рубашка', 1, 1990, 4990), t('Блузка', 1, 1990, 4990), t('Лонгслив', 0, 1290, 2990),
    t('Поло', 2, 1490, 3490)] },
  { name: 'Обувь', code: 'SH', months: [0.9, 0.9, 1.1, 1.2, 1.1, 0.9, 0.8, 1.0, 1.2, 1.2, 1.1, 0.9], types: [
    t('Кроссовки', 3, 3990, 12990), t('Ботинки', 3, 5990, 16990), t('Кеды', 3, 2990, 6990), t('Сапоги', 3, 7990, 19990),
    t('Лоферы', 3, 4990, 9990), t('Туфли', 3, 3990, 9990)] },
  { name: 'Сумки и рюкзаки', code: 'BG', months: flat, types: [
    t('Сумка', 1, 2990, 12990), t('Рюкзак', 0, 2490, 8990), t('Шопер', 0, 990, 2490), t('Поясная сумка', 1, 1490, 3490)] },
  { name: 'Аксессуары', code: 'AC', months: [1.2, 1.1, 1.0, 0.8, 0.8, 0.8, 0.8, 0.8, 1.0, 1.2, 1.3, 1.6], types: [
    t('Шапка', 1, 990, 2990), t('Шарф', 0, 990, 3490), t('Перчатки', 3, 990, 3490), t('Ремень', 0, 1290, 3990),
    t('Кепка', 1, 890, 1990), t('Солнцезащитные очки', 3, 1490, 4990)] },
  { name: 'Бельё и домашняя одежда', code: 'HM', months: [1.0, 1.1, 1.2, 1.0, 0.9, 0.9, 0.9, 0.9, 1.0, 1.0, 1.1, 1.5], types: [
    t('Пижама', 1, 1990, 4990), t('Халат', 0, 2490, 5990), t('Носки', 3, 490, 990, ', 3 пары'), t('Комплект белья', 0, 1490, 3990)] },
  { name: 'Спорт', code: 'SP', months: [1.4, 1.1, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.1, 0.9, 0.9, 0.8], types: [
    t('Спортивный костюм', 0, 4990, 9990), t('Топ спортивный', 0, 1290, 2990), t('Ветровка беговая', 1, 3490, 6990),
    t('Спортивные брюки', 3, 2490, 4990)] },
];

const colours: readonly (readonly [string, string, string, string])[] = [
  ['чёрный', 'чёрная', 'чёрное', 'чёрные'], ['белый', 'белая', 'белое', 'белые'], ['серый', 'серая', 'серое', 'серые'],
  ['бежевый', 'бежевая', 'бежевое', 'бежевые'], ['тёмно-синий', 'тёмно-синяя', 'тёмно-синее', 'тёмно-синие'],
  ['оливковый', 'оливковая', 'оливковое', 'оливковые'], ['бордовый', 'бордовая', 'бордовое', 'бордовые'],
  ['молочный', 'молочная', 'молочное', 'молочные'], ['песочный', 'песочная', 'песочное', 'песочные'],
  ['голубой', 'голубая', 'голубое', 'голубые'],
];

const models = ['Норд', 'Бриз', 'Таймыр', 'Ладога', 'Онега', 'Кижи', 'Лофт', 'Вега', 'Полюс', 'Айсберг', 'Мурман', 'Сайма', 'Печора'];

const productsPerCategory = 20;

/** Builds the fixed catalogue: 20 products per category, the same for every seed. */
function buildCatalogue(): { products: DemoProduct[]; popularity: number[]; months: number[][] } {
  const products: DemoProduct[] = [];
  const popularity: number[] = [];
  const months: number[][] = [];
  // A private generator with a constant seed: the catalogue must not change with the demo seed, so
  // product ids mean the same thing in every demo and benchmark.
  const rng = new Rng(deriveSeed(20240101, 7));
  categories.forEach((category, c) => {
    for (let k = 0; k < productsPerCategory; k++) {
      const type = category.types[k % category.types.length];
      const model = models[(k + 3 * c) % models.length];
      const colour = colours[(Math.floor(k / category.types.length) * 3 + c + k) % colours.length][type.agreement];
      // Prices end in 90 roubles, like shelf prices do.
      const rub = Math.round((type.minRub + rng.next() * (type.maxRub - type.minRub)) / 100) * 100 - 10;
      const n = products.length + 1;
      products.push({
        productId: String(10000 + n),
        sku: `SV-${category.code}-${String(k + 1).padStart(3, '0')}`,
        name: `${type.noun} «${model}», ${colour}${type.suffix ?? ''}`,
        category: category.name,
        price: Math.max(490, rub) * 100,
      });
      // Zipf-like popularity with a shuffled rank, so each category has a few bestsellers (ABC demos).
      popularity.push(1 / Math.pow(1 + rng.int(productsPerCategory * 2), 0.9));
      months.push([...category.months]);
    }
  });
  return { products, popularity, months };
}

const catalogue = buildCatalogue();

/** All products of the demo shop, in a stable order. */
export const demoProducts: readonly DemoProduct[] = catalogue.products;

/** Category names of the demo shop. */
export const demoCategories: readonly string[] = categories.map((category) => category.name);

// Cheap items sell more often; multiplying by a price factor keeps the average check realistic.
const monthTables = Array.from({ length: 12 }, (_, month) =>
  new WeightedTable(
    catalogue.products.map((product, i) => [
      product,
      catalogue.popularity[i] * catalogue.months[i][month] * Math.pow(product.price / 300000, -1.8),
    ] as const),
  ),
);

// Big spenders lean to dearer things: a second set of tables without the cheapness bias.
const premiumTables = Array.from({ length: 12 }, (_, month) =>
  new WeightedTable(
    catalogue.products.map((product, i) => [
      product,
      catalogue.popularity[i] * catalogue.months[i][month] * Math.pow(product.price / 300000, 0.3),
    ] as const),
  ),
);

/** A product bought in the given month (0 = January), premium leaning to dearer items. */
export function sampleProduct(rng: Rng, month: number, premium: boolean): DemoProduct {
  return (premium ? premiumTables : monthTables)[month].sample(rng);
}
