// English messages of the CLV screen; ru.analytics-clv.ts must match their shape.

/** English messages of the predicted CLV screen. */
export const clvEn = {
  title: 'Predicted customer value',
  intro: 'Two models fitted on the orders up to the chosen day, BG/NBD for when customers buy and stop buying and Gamma-Gamma for how much they spend, predict what each customer will bring over the horizon.',
  settings: {
    calibrationEnd: 'Orders up to',
    months: 'Horizon, months',
    discount: 'Monthly discount, %',
    discountHint: 'Money later is worth less: each month’s value is discounted by this rate.',
    invalid: 'Not a day',
  },
  summary: {
    total: 'Predicted value over {{months}} months',
    median: 'Median customer',
    customers: 'Customers in the model',
    repeat: 'Of them bought again',
  },
  model: {
    title: 'Model parameters',
    text: 'Fitted by maximum likelihood on {{customers}} customers; time is counted in weeks.',
    parameter: 'Parameter',
    value: 'Value',
    meaning: 'Meaning',
    r: 'Shape of how purchase rates differ between customers (Gamma distribution)',
    alpha: 'Scale of the purchase rates, in weeks: an average customer buys {{rate}} times a week while active (r / α)',
    a: 'Drop-out after a purchase differs between customers as a Beta distribution with a and b',
    b: 'On average a customer stops buying after a purchase with probability {{share}} (a / (a + b))',
    p: 'Shape of a customer’s spend per purchase (Gamma distribution)',
    q: 'Shape of how customers’ typical spend differs (Gamma distribution)',
    gamma: 'Scale of that difference, in {{currency}}: an average purchase is {{spend}} (p · γ / (q − 1))',
    gammaNoMean: 'Scale of that difference, in {{currency}}; with q ≤ 1 the average purchase is unbounded',
    llBgNbd: 'Log-likelihood of the purchase model (BG/NBD): closer to 0 fits better; compare fits of the same orders only',
    llGammaGamma: 'Log-likelihood of the spend model (Gamma-Gamma), read the same way',
    noSpendModel: 'Nobody has bought on a second day yet, so spend per purchase cannot be modelled and no CLV is predicted.',
  },
  deciles: {
    title: 'Distribution of predicted value',
    text: 'Predicted value at each tenth of the customers, from the least to the most valuable.',
    chart: 'Predicted CLV by decile of customers',
    axis: 'Share of customers',
    point: '{{share}} of customers are predicted to bring at most {{value}}',
  },
  top: {
    title: 'Most valuable customers',
    text: 'The highest predicted value over the horizon first.',
  },
  atRisk: {
    title: 'Valuable customers at risk',
    text: 'The model gives them less than a 50% chance of still being a customer; the most revenue so far first. Worth a personal offer.',
    none: 'No customer is at risk: each one is more likely still a customer than not.',
  },
  columns: {
    customer: 'Customer',
    predictedClv: 'Predicted value',
    pAlive: 'P(alive)',
    expected90: 'Purchases in 90 days',
    historicRevenue: 'Revenue so far',
  },
  onePurchase: 'A customer who has bought only once shows a P(alive) of 100%: the model learns that someone has left only from the gaps between their purchases.',
  pAliveHint: 'The probability that the customer still buys from the shop rather than having left for good.',
  empty: {
    title: 'No purchases up to this day',
    text: 'The models learn from orders. Choose a later day, or import orders from Excel or 1C.',
    textReadOnly: 'The models learn from orders. Choose a later day, or ask an administrator to import orders.',
  },
};
