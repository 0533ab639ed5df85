import { createCustomer, sendOrders, type Shop, type TestServer } from './server.js';

/** A customer of the sample shop: contacts and the totals of their orders (roubles). */
export interface SampleCustomer {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  city: string;
  orders: number[];
}

/** A small clothing shop's customers, for screens that look like a real workday. */
export const sampleCustomers: SampleCustomer[] = [
  { firstName: 'Анна', lastName: 'Ёлкина', phone: '+7 912 345-67-89', email: 'anna.yolkina@example.ru', city: 'Екатеринбург', orders: [4200, 2750, 6100] },
  { firstName: 'Дмитрий', lastName: 'Соколов', phone: '8 (903) 111-22-33', email: 'sokolov.d@example.ru', city: 'Москва', orders: [12900] },
  { firstName: 'Мария', lastName: 'Кузнецова', phone: '+7 921 555-01-02', email: 'maria.k@example.ru', city: 'Санкт-Петербург', orders: [3100, 1890] },
  { firstName: 'Алексей', lastName: 'Морозов', phone: '+7 916 700-80-90', email: 'morozov@example.ru', city: 'Москва', orders: [] },
  { firstName: 'Ольга', lastName: 'Волкова', phone: '+7 987 654-32-10', email: 'volkova.olga@example.ru', city: 'Казань', orders: [8800, 5400, 2100, 990] },
  { firstName: 'Сергей', lastName: 'Павлов', phone: '+7 950 123-45-67', email: 'pavlov.s@example.ru', city: 'Новосибирск', orders: [1500] },
  { firstName: 'Екатерина', lastName: 'Лебедева', phone: '+7 999 888-77-66', email: 'e.lebedeva@example.ru', city: 'Екатеринбург', orders: [2300, 2300] },
  { firstName: 'Иван', lastName: 'Новиков', phone: '+7 905 222-33-44', email: 'novikov.ivan@example.ru', city: 'Самара', orders: [] },
];

/** Creates the sample customers and their orders (through the REST and ingestion APIs); returns their ids in order. */
export async function seedSampleShop(server: TestServer, shop: Shop, start = Date.parse('2026-03-02T09:00:00Z')): Promise<number[]> {
  const ids: number[] = [];
  for (const c of sampleCustomers) {
    ids.push(await createCustomer(server, shop, { firstName: c.firstName, lastName: c.lastName, phone: c.phone, email: c.email, city: c.city }));
  }
  const day = 86_400_000;
  await sendOrders(
    server,
    shop,
    sampleCustomers.flatMap((c, i) =>
      c.orders.map((total, n) => ({
        phone: c.phone,
        orderId: `${i + 1}-${n + 1}`,
        total,
        at: new Date(start + (i * 7 + n * 23) * day).toISOString(),
        products: [{ product_id: `p-${n}`, name: 'Платье', price: total, quantity: 1 }],
      })),
    ),
  );
  return ids;
}
