import { describe, expect, it } from 'vitest';
import { demoCategories, demoProducts, sampleProduct } from './demo.catalog.js';
import { demoStores, storesByCity } from './demo.places.js';
import { Rng } from './demo.random.js';

describe('demo catalogue', () => {
  it('has 200 products in 10 categories with unique ids, SKUs and names', () => {
    expect(demoProducts).toHaveLength(200);
    expect(demoCategories).toHaveLength(10);
    expect(new Set(demoProducts.map((p) => p.category))).toEqual(new Set(demoCategories));
    expect(new Set(demoProducts.map((p) => p.productId)).size).toBe(200);
    expect(new Set(demoProducts.map((p) => p.sku)).size).toBe(200);
    expect(new Set(demoProducts.map((p) => p.name)).size).toBe(200);
  });

  it('prices products like shelf prices: 490–29,990 ₽ ending in 90, in kopecks', () => {
    for (const product of demoProducts) {
      expect(product.price).toBeGreaterThanOrEqual(49_000);
      expect(product.price).toBeLessThanOrEqual(2_999_000);
      expect(product.price % 10_000).toBe(9_000);
    }
  });

  it('sells outerwear in winter far more than in summer, and premium buyers pick dearer things', () => {
    const rng = new Rng(9);
    const share = (month: number): number => {
      let outerwear = 0;
      for (let i = 0; i < 20_000; i++) if (sampleProduct(rng, month, false).category === 'Верхняя одежда') outerwear++;
      return outerwear / 20_000;
    };
    expect(share(10)).toBeGreaterThan(3 * share(6));
    const mean = (premium: boolean): number => {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += sampleProduct(rng, 3, premium).price;
      return sum / 20_000;
    };
    expect(mean(true)).toBeGreaterThan(1.5 * mean(false));
  });
});

describe('demo stores', () => {
  it('has six shops in Москва, Санкт-Петербург and Казань', () => {
    expect(demoStores).toHaveLength(6);
    expect(new Set(demoStores.map((s) => s.id)).size).toBe(6);
    expect([...storesByCity.keys()].sort()).toEqual(['Казань', 'Москва', 'Санкт-Петербург']);
  });
});
