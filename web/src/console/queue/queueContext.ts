// The queue a ticket was opened from, so that [ and ] on the ticket view move through it.
const KEY = 'tierdesk.console.queue';

export interface QueueContext {
  /** The queue's address, to go back to. */
  path: string;
  ids: number[];
}

export function saveQueueContext(context: QueueContext): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(context));
  } catch {
    // no storage: [ and ] simply do nothing
  }
}

export function loadQueueContext(): QueueContext | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as QueueContext;
    if (typeof parsed.path !== 'string' || !Array.isArray(parsed.ids)) return null;
    return { path: parsed.path, ids: parsed.ids.filter((id) => typeof id === 'number') };
  } catch {
    return null;
  }
}

/** The ticket before (-1) or after (+1) `id` in the queue, or null at either end / outside it. */
export function neighbour(context: QueueContext | null, id: number, step: -1 | 1): number | null {
  if (!context) return null;
  const index = context.ids.indexOf(id);
  if (index < 0) return null;
  return context.ids[index + step] ?? null;
}
