// English messages of the lifecycle screen; ru.analytics-lifecycle.ts must match their shape.

/** English messages of the lifecycle screen. */
export const lifecycleEn = {
  title: 'Lifecycle stages',
  intro: 'Each customer’s stage follows from their purchase days: counted at the end of every month of the period, and followed from its first day to its last.',
  rules: {
    title: 'Rules in use',
    churnDays: 'Churn window',
    days: '{{days}} days',
    derived: 'Learned by the last computation of the scores from the gaps between purchases: nine repeat customers in ten have shorter gaps (the 90th percentile, each customer weighing the same, at least 30 days). Every screen uses this window.',
    derivedNow: 'Learned from your orders before the scores were computed: nine repeat customers in ten have shorter gaps (the 90th percentile, each customer weighing the same, at least 30 days).',
    configured: 'Set in the analytics settings; every screen uses this window.',
    given: 'Set by hand for this view.',
    loyalPurchases: 'Loyalty',
    purchaseDays: 'from {{n}} purchase days',
    loyalText: 'An active customer who bought on this many different days is loyal.',
    churnInput: 'Set by hand, days',
    churnPlaceholder: 'From the orders',
    loyalInput: 'Set by hand, purchase days',
    reset: 'Back to the defaults',
  },
  stages: {
    potential: { name: 'Potential', hint: 'Known to the shop, no purchase yet' },
    new: { name: 'New', hint: 'Active, bought on one day' },
    repeat: { name: 'Repeat', hint: 'Active, bought on more than one day, but not yet loyal' },
    loyal: { name: 'Loyal', hint: 'Active, from {{n}} purchase days' },
    advocate: { name: 'Advocates', hint: 'Loyal customers who recommend the shop; needs NPS answers or referrals, which are not collected yet' },
    churned: { name: 'Churned', hint: 'No purchase for more than {{days}} days' },
    returned: { name: 'Returned', hint: 'Bought again after a break of more than {{days}} days' },
  },
  overTime: {
    title: 'Stages over time',
    text: 'Customers in each stage at the end of every month of the period and on its last day.',
    chart: 'Customers by lifecycle stage at the end of each month',
    customers: 'Customers',
  },
  flows: {
    title: 'Moves between stages',
    text: 'Where the customers of {{from}} were on {{to}}: stages on the first day on the left, on the last day on the right. Customers the shop did not know yet count as potential on the first day.',
    chart: 'Sankey diagram: customers moving between lifecycle stages from the first to the last day of the period',
    link: '{{from}} → {{to}}: {{customers}}',
    node: '{{stage}} on {{day}}: {{customers}}',
    noMoves: 'Nobody to follow in this period',
  },
  table: {
    title: 'Stages on the first and last day',
    stage: 'Stage',
    change: 'Change',
  },
};
