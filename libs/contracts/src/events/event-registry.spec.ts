import { fieldSpecs } from '../schema';
import { defineEvent } from './event-definition';
import { EventRegistry } from './event-registry';

const { integer, string } = fieldSpecs;

interface PriceSetV3 {
  amountMinor: number;
  currency: string;
}

/** A made-up event with two historical versions, to show upcasters chain in order. */
const PriceSet = defineEvent<'PriceSet', PriceSetV3>({
  type: 'PriceSet',
  schemaVersion: 3,
  summary: 'test',
  streamCategory: 'price',
  producers: [],
  consumers: [],
  schema: { amountMinor: integer('cents', { min: 0 }), currency: string('code') },
  upcasters: [
    // v2 -> v3 listed first on purpose: the registry must order them.
    { fromVersion: 2, description: 'price (units) -> amountMinor', upcast: ({ price, ...rest }) => ({ ...rest, amountMinor: Math.round(Number(price) * 100) }) },
    { fromVersion: 1, description: 'adds currency', upcast: (data) => ({ ...data, currency: 'EUR' }) },
  ],
});

describe('EventRegistry', () => {
  const registry = new EventRegistry([PriceSet]);

  it('chains upcasters from the stored version to the current one', () => {
    expect(registry.upcast('PriceSet', 1, { price: 12.5 })).toEqual({ schemaVersion: 3, data: { amountMinor: 1250, currency: 'EUR' } });
    expect(registry.upcast('PriceSet', 2, { price: 1, currency: 'USD' })).toEqual({
      schemaVersion: 3,
      data: { amountMinor: 100, currency: 'USD' },
    });
  });

  it('refuses definitions whose upcaster chain has a gap', () => {
    expect(() =>
      defineEvent<'Gap', { a: string }>({
        type: 'Gap',
        schemaVersion: 3,
        summary: 'test',
        streamCategory: 'x',
        producers: [],
        consumers: [],
        schema: { a: string('a') },
        upcasters: [{ fromVersion: 2, description: '', upcast: (d) => d }],
      }),
    ).toThrow('Gap v3 needs upcasters from versions [1, 2]');
  });

  it('refuses the same type twice and can be extended', () => {
    expect(() => new EventRegistry([PriceSet, PriceSet])).toThrow('defined twice');
    expect(new EventRegistry([]).with(PriceSet).types()).toEqual(['PriceSet']);
  });
});
