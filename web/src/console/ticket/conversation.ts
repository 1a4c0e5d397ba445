// The conversation of a ticket: messages and files in one timeline, each item with the kind the
// reader sees as a label (never colour alone).
import type { Attachment, Message, RedactedCase, VendorCase, VendorNote } from '../types';

export type ItemKind =
  | 'customer' // a customer's public message
  | 'reply' // a public reply by the partner, a reseller or a provider
  | 'note' // an internal note
  | 'shared' // an internal note shared with the ticket's provider (or written by it)
  | 'vendor_in' // an update from Microsoft (internal)
  | 'vendor_out' // a note sent to Microsoft (internal)
  | 'system';

export function messageKind(message: Message, vendorDirection?: VendorNote['direction']): ItemKind {
  switch (message.kind) {
    case 'customer_reply':
      return 'customer';
    case 'public_reply':
      return 'reply';
    case 'internal_note':
      return message.shared_with_provider ? 'shared' : 'note';
    case 'vendor_update':
      return vendorDirection === 'to_vendor' ? 'vendor_out' : 'vendor_in';
    case 'system':
    default:
      return 'system';
  }
}

/** True for what the customer sees. */
export function isPublicKind(kind: ItemKind): boolean {
  return kind === 'customer' || kind === 'reply' || kind === 'system';
}

export type TimelineItem =
  | { type: 'message'; at: string; kind: ItemKind; message: Message; note?: VendorNote }
  | { type: 'attachment'; at: string; internal: boolean; attachment: Attachment };

/**
 * Messages and attachments, oldest first (messages before files at the same instant). Vendor
 * notes, when known, tell the direction of each vendor update and whether it may be published.
 */
export function buildTimeline(messages: Message[], attachments: Attachment[], notes: VendorNote[] = []): TimelineItem[] {
  const byMessage = new Map<number, VendorNote>();
  for (const note of notes) if (note.message_id !== null) byMessage.set(note.message_id, note);
  const items: TimelineItem[] = [];
  for (const message of messages) {
    const note = byMessage.get(message.id);
    items.push({ type: 'message', at: message.created_at, kind: messageKind(message, note?.direction), message, note });
  }
  for (const attachment of attachments) {
    items.push({ type: 'attachment', at: attachment.created_at, internal: attachment.visibility === 'internal', attachment });
  }
  const order = (i: TimelineItem) => (i.type === 'message' ? 0 : 1);
  const id = (i: TimelineItem) => (i.type === 'message' ? i.message.id : i.attachment.id);
  return items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order(a) - order(b) || id(a) - id(b)));
}

/**
 * May this vendor update be published to the customer? Only an update from Microsoft not yet
 * published; when the notes are unknown, any vendor update (the server refuses the others).
 */
export function mayPublish(item: TimelineItem): boolean {
  if (item.type !== 'message' || item.message.kind !== 'vendor_update') return false;
  if (!item.note) return true;
  return item.note.direction === 'from_vendor' && item.note.published_message_id === null;
}

/** A file size for people: 512 B, 48 KB, 2.4 MB. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${Math.round(size / 1024)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** A case as partner staff see it (the others get the redacted form). */
export function isFullCase(c: VendorCase | RedactedCase): c is VendorCase {
  return (c as VendorCase).kind !== undefined;
}
