import { describe, expect, it } from 'vitest';
import { match, safeNext } from './router';
import { resolveKey, isTypingTarget, type Shortcut } from './shortcuts';
import { sortRows, type Column } from './ui';

describe('router', () => {
  it('matches patterns with parameters', () => {
    expect(match('/portal/tickets/:id', '/portal/tickets/42')).toEqual({ id: '42' });
    expect(match('/portal/tickets/:id', '/portal/tickets/42/')).toEqual({ id: '42' });
    expect(match('/portal/tickets/:id', '/portal/tickets')).toBeNull();
    expect(match('/portal', '/portal')).toEqual({});
  });

  it('accepts only same-origin paths as next', () => {
    expect(safeNext('/portal/tickets/7?x=1')).toBe('/portal/tickets/7?x=1');
    expect(safeNext('/console')).toBe('/console');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example/')).toBeNull();
    expect(safeNext('javascript:alert(1)')).toBeNull();
    expect(safeNext('/a\nb')).toBeNull();
    expect(safeNext(null)).toBeNull();
    expect(safeNext('')).toBeNull();
  });
});

describe('shortcuts', () => {
  const run = () => undefined;
  const list: Shortcut[] = [
    { key: 'n', descriptionKey: 'a', run },
    { key: 'g t', descriptionKey: 'b', run },
    { key: 'g s', descriptionKey: 'c', run },
  ];

  it('resolves single keys and two-key sequences', () => {
    expect(resolveKey(list, '', 'n').hit?.descriptionKey).toBe('a');
    const first = resolveKey(list, '', 'g');
    expect(first).toEqual({ pending: 'g' });
    expect(resolveKey(list, first.pending, 't').hit?.descriptionKey).toBe('b');
    expect(resolveKey(list, '', 'x')).toEqual({ pending: '' });
  });

  it('ignores keys typed into fields', () => {
    expect(isTypingTarget({ tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTypingTarget({ tagName: 'BUTTON' } as unknown as EventTarget)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('DataTable sorting', () => {
  type Row = { name: string; n: number | null };
  const columns: Column<Row>[] = [
    { key: 'name', label: 'Name', render: (r) => r.name, sortValue: (r) => r.name },
    { key: 'n', label: 'N', render: (r) => String(r.n), sortValue: (r) => r.n },
  ];
  const rows: Row[] = [
    { name: 'b', n: 2 },
    { name: 'a10', n: null },
    { name: 'a9', n: 1 },
  ];

  it('sorts numerically and naturally, empty values last in both directions', () => {
    expect(sortRows(rows, columns, { key: 'name', dir: 'asc' }).map((r) => r.name)).toEqual(['a9', 'a10', 'b']);
    expect(sortRows(rows, columns, { key: 'n', dir: 'asc' }).map((r) => r.n)).toEqual([1, 2, null]);
    expect(sortRows(rows, columns, { key: 'n', dir: 'desc' }).map((r) => r.n)).toEqual([2, 1, null]);
    expect(sortRows(rows, columns, null)).toBe(rows);
  });
});
