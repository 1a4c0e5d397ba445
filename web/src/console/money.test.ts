import { describe, expect, it } from 'vitest';
import { moneyInput, parseInteger, parseMoney, splitList } from './admin/money';

describe('money in forms', () => {
  it('reads major units into minor units by the currency exponent', () => {
    expect(parseMoney('1,500.50', 'USD')).toBe(150050);
    expect(parseMoney('120', 'USD')).toBe(12000);
    expect(parseMoney('0.5', 'EUR')).toBe(50);
    expect(parseMoney('150,000', 'KRW')).toBe(150000);
    expect(parseMoney('150000.5', 'KRW')).toBeNull();
    expect(parseMoney('1.234', 'USD')).toBeNull();
    expect(parseMoney('1.234', 'KWD')).toBe(1234);
    expect(parseMoney('abc', 'USD')).toBeNull();
    expect(parseMoney('', 'USD')).toBeNull();
    expect(parseMoney('-1.50', 'USD')).toBe(-150);
  });

  it('shows minor units as an editable amount', () => {
    expect(moneyInput(150050, 'USD')).toBe('1500.50');
    expect(moneyInput(5, 'USD')).toBe('0.05');
    expect(moneyInput(150000, 'KRW')).toBe('150000');
    expect(moneyInput(null, 'USD')).toBe('');
    expect(moneyInput(-150, 'USD')).toBe('-1.50');
  });

  it('reads integers and lists', () => {
    expect(parseInteger(' 42 ')).toBe(42);
    expect(parseInteger('4.2')).toBeNull();
    expect(splitList('a.example, b.example,\n c')).toEqual(['a.example', 'b.example', 'c']);
  });
});
