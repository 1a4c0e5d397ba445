// Keyboard shortcuts: single keys ("n", "/") or two-key sequences ("g t"). They are ignored while
// typing in a field and when Ctrl, Alt or Meta is held. "?" opens the dialog that lists them
// (ShortcutsDialog in ui.tsx reads `shortcutList` and `shortcutsOpen`).
import { signal } from '@preact/signals';

export interface Shortcut {
  key: string;
  descriptionKey: string;
  run: () => void;
}

export const shortcutList = signal<Shortcut[]>([]);
export const shortcutsOpen = signal(false);

export function registerShortcut(key: string, descriptionKey: string, run: () => void): () => void {
  const entry: Shortcut = { key, descriptionKey, run };
  shortcutList.value = [...shortcutList.value.filter((s) => s.key !== key), entry];
  return () => {
    shortcutList.value = shortcutList.value.filter((s) => s !== entry);
  };
}

/** Whether a key press comes from somewhere the user types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'range', 'color'].includes(type);
  }
  return el.isContentEditable === true;
}

let pending = '';
let pendingTimer: ReturnType<typeof setTimeout> | undefined;

/** The shortcut a key press completes, given the pending first key of a sequence (pure). */
export function resolveKey(list: readonly Shortcut[], pendingKey: string, key: string): { hit?: Shortcut; pending: string } {
  if (pendingKey) {
    const seq = `${pendingKey} ${key}`;
    const hit = list.find((s) => s.key === seq);
    if (hit) return { hit, pending: '' };
  }
  const single = list.find((s) => s.key === key);
  if (single) return { hit: single, pending: '' };
  if (list.some((s) => s.key.startsWith(`${key} `))) return { pending: key };
  return { pending: '' };
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTypingTarget(event.target)) return;
  if (typeof document !== 'undefined' && document.querySelector('dialog[open]') && event.key !== '?') return;
  if (event.key === '?') {
    event.preventDefault();
    shortcutsOpen.value = !shortcutsOpen.value;
    return;
  }
  if (event.key.length !== 1 && event.key !== 'Escape') return;
  const { hit, pending: next } = resolveKey(shortcutList.value, pending, event.key);
  pending = next;
  if (pendingTimer) clearTimeout(pendingTimer);
  if (pending) pendingTimer = setTimeout(() => (pending = ''), 1200);
  if (hit) {
    event.preventDefault();
    hit.run();
  }
}

if (typeof document !== 'undefined') document.addEventListener('keydown', onKeyDown);
