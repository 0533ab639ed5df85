// English messages of the cohort screen; ru.analytics-cohorts.ts must match their shape.

/** English messages of the cohort screen. */
export const cohortsEn = {
  title: 'Cohort retention',
  intro: 'Customers grouped by the month of their first purchase. Each cell is the share of the cohort who bought in that month after it; month 0 is the cohort’s own month.',
  months: 'cohorts of {{from}} – {{to}}',
  table: 'Cohort retention by first-purchase month',
  cohort: 'First purchase',
  customers: 'Customers',
  monthsSince: 'Months since the first purchase',
  cell: '{{cohort}}, month {{month}}: {{buyers}} of {{customers}} customers bought ({{share}})',
  legend: 'The darker the cell, the more of the cohort bought that month; the darkest is {{max}}.',
  incomplete: 'Hatched: {{month}} is not over yet (counted up to {{day}}), so its shares are not a month’s and will grow; they are left out of the colour scale.',
  scroll: 'The table scrolls sideways up to month {{months}}; the first-purchase month and the cohort size stay in view.',
  incompleteCell: '{{cohort}}, month {{month}}, not over yet: {{buyers}} of {{customers}} customers bought up to {{day}} ({{share}})',
  empty: 'Nobody made a first purchase in these months',
};
