import { describe, expect, it } from 'vitest';
import { expandPlaceholders } from '../../../../admin/components/inbox/placeholders.ts';

const operator = { name: 'Olga  Petrova' };

describe('saved-reply placeholders', () => {
  it('fills in the visitor and the operator', () => {
    const body = 'Hi {{visitor.name}}, we wrote to {{ visitor.email }}. — {{operator.first_name}} ({{Operator.Name}})';
    expect(expandPlaceholders(body, { visitor: { name: 'Grace Hopper', email: 'grace@example.com' }, operator })).toBe('Hi Grace Hopper, we wrote to grace@example.com. — Olga (Olga  Petrova)');
  });

  it('greets an anonymous visitor as "there" and leaves an unknown email visible to fill in', () => {
    expect(expandPlaceholders('Hi {{visitor.name}}! Is {{visitor.email}} right?', { visitor: { name: null, email: null }, operator })).toBe('Hi there! Is {{visitor.email}} right?');
    expect(expandPlaceholders('Hi {{visitor.name}}', { visitor: { name: '   ', email: null }, operator })).toBe('Hi there');
    expect(expandPlaceholders('Hi {{visitor.name}}', { visitor: undefined, operator })).toBe('Hi there');
  });

  it('keeps unknown placeholders and typos as written, so the operator notices them', () => {
    const body = 'Order {{order.number}} ships {{visitor.nmae}}; {visitor.name} and {{ }} too.';
    expect(expandPlaceholders(body, { visitor: { name: 'Ann', email: null }, operator })).toBe(body);
  });

  it('inserts values literally, even when they look like replacement patterns or placeholders', () => {
    expect(expandPlaceholders('Hi {{visitor.name}}', { visitor: { name: "$& {{operator.name}} $'", email: null }, operator })).toBe("Hi $& {{operator.name}} $'");
  });
});
