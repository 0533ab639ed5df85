import type { cohortsEn } from './en.analytics-cohorts.js';

/** Russian messages of the cohort screen. */
export const cohortsRu: typeof cohortsEn = {
  title: 'Удержание по когортам',
  intro: 'Клиенты сгруппированы по месяцу первой покупки. Ячейка — доля когорты, купившая в соответствующем месяце после него; месяц 0 — месяц самой когорты.',
  months: 'когорты {{from}} — {{to}}',
  table: 'Удержание когорт по месяцу первой покупки',
  cohort: 'Первая покупка',
  customers: 'Клиенты',
  monthsSince: 'Месяцев после первой покупки',
  cell: '{{cohort}}, месяц {{month}}: купили {{buyers}} из {{customers}} ({{share}})',
  legend: 'Чем темнее ячейка, тем большая доля когорты купила в этом месяце; самая тёмная — {{max}}.',
  empty: 'В эти месяцы никто не совершил первую покупку',
};
