// The ticket's history (GET /tickets/{id}/events), loaded when opened.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { DateTime, Loading } from '../../shared/ui';
import { ProblemNotice, Section } from '../common';
import { userName } from '../directory';
import { eventActionLabel, fieldLabel } from '../labels';
import type { TicketEvent } from '../types';

export function HistoryPanel({ ticketId, generation }: { ticketId: number; generation: number }) {
  const [open, setOpen] = useState(false);
  const [events, setEvents] = useState<TicketEvent[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!open) return;
    api<{ items: TicketEvent[] }>('GET', `/tickets/${ticketId}/events`)
      .then((list) => {
        setEvents(list.items);
        setError(null);
      })
      .catch((e: unknown) => setError(e));
  }, [open, ticketId, generation]);

  return (
    <Section id="history" title={t('console.history.title')}>
      <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('console.history.show')}</summary>
        {error ? <ProblemNotice error={error} /> : null}
        {open && !events && !error && <Loading />}
        {events && (
          <ol class="history">
            {[...events].reverse().map((e) => (
              <li key={e.id}>
                <DateTime iso={e.created_at} /> · <span>{e.actor_id ? userName(e.actor_id) : t('console.history.system')}</span> ·{' '}
                <strong>{eventActionLabel(e.action)}</strong>
                {e.field && e.action === 'ticket.updated' && <> — {fieldLabel(e.field)}</>}
                {(e.before || e.after) && e.action === 'ticket.updated' && (
                  <>
                    {': '}
                    <span class="history__before">{e.before || t('console.history.empty')}</span> →{' '}
                    <span class="history__after">{e.after || t('console.history.empty')}</span>
                  </>
                )}
                {e.via && <span class="muted"> ({e.via})</span>}
              </li>
            ))}
          </ol>
        )}
      </details>
    </Section>
  );
}
