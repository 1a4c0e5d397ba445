// Live updates: one shared EventSource on /api/v1/stream (the cookie goes along; the browser
// reconnects by itself with Last-Event-ID). Pages subscribe with onTicketEvent and re-fetch what
// they show when an event concerns it.

export interface TicketEvent {
  id: number;
  ticket_id: number;
  action: string;
  field: string;
  at: string;
}

type Handler = (event: TicketEvent) => void;

const handlers = new Set<Handler>();
let source: EventSource | null = null;

export const STREAM_URL = '/api/v1/stream';

/** Parse one event's data; null when it is not a ticket event. */
export function parseTicketEvent(data: string): TicketEvent | null {
  try {
    const raw = JSON.parse(data) as Partial<TicketEvent> & { created_at?: unknown };
    if (typeof raw !== 'object' || raw === null || typeof raw.ticket_id !== 'number') return null;
    return {
      id: typeof raw.id === 'number' ? raw.id : 0,
      ticket_id: raw.ticket_id,
      action: typeof raw.action === 'string' ? raw.action : '',
      field: typeof raw.field === 'string' ? raw.field : '',
      at: typeof raw.created_at === 'string' ? raw.created_at : '',
    };
  } catch {
    return null;
  }
}

function dispatch(message: MessageEvent<string>): void {
  const event = parseTicketEvent(message.data);
  if (!event) return;
  for (const handler of Array.from(handlers)) {
    try {
      handler(event);
    } catch (error) {
      console.error('ticket event handler failed', error);
    }
  }
}

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource(STREAM_URL);
  source.addEventListener('ticket', dispatch as EventListener);
}

function close(): void {
  if (!source) return;
  source.removeEventListener('ticket', dispatch as EventListener);
  source.close();
  source = null;
}

/** Subscribe to ticket events; returns the unsubscribe function. The stream closes with the last one. */
export function onTicketEvent(handler: Handler): () => void {
  handlers.add(handler);
  open();
  return () => {
    handlers.delete(handler);
    if (handlers.size === 0) close();
  };
}
