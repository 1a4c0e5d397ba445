import { api } from '../shared/api';
import { locale, t } from '../shared/i18n';
import { me } from '../shared/session';
import { useResource } from '../shared/resource';
import { ErrorNotice, Loading } from '../shared/ui';
import { PortalPage } from './App';
import type { StatementJson } from './types';

/** Lines with a label become a definition list; lines without one paragraphs (as the printable page). */
export function groupLines(lines: { label: string; text: string }[]): ({ kind: 'dl'; items: { label: string; text: string }[] } | { kind: 'p'; text: string })[] {
  const out: ({ kind: 'dl'; items: { label: string; text: string }[] } | { kind: 'p'; text: string })[] = [];
  for (const line of lines) {
    if (!line.label) {
      out.push({ kind: 'p', text: line.text });
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.kind === 'dl') last.items.push(line);
    else out.push({ kind: 'dl', items: [line] });
  }
  return out;
}

export function StatementPage() {
  const customer = me.value!.organization.id;
  const lang = locale.value;
  const statement = useResource(
    (signal) => api<StatementJson>('GET', `/customers/${customer}/support-statement?lang=${lang}`, undefined, { signal }),
    [customer, lang],
  );
  const printable = `/support/${customer}?lang=${lang}`;
  const s = statement.data;
  return (
    <PortalPage
      title={t('portal.statement.title')}
      titleActions={
        <a class="btn btn--secondary" href={printable}>
          {t('portal.statement.printable')}
        </a>
      }
    >
      <ErrorNotice error={statement.error} />
      {!s && !statement.error && <Loading />}
      {s && (
        <article lang={s.language}>
          <p class="lead">
            <strong>{s.title}</strong>
            {s.plan && (
              <>
                {' · '}
                {t('portal.statement.plan', { name: s.plan.name })}
              </>
            )}
          </p>
          {s.sections.map((section, i) => (
            <section key={i} class="statement-section" aria-labelledby={`st-${i}`}>
              <h2 id={`st-${i}`}>{section.heading}</h2>
              {groupLines(section.lines).map((block, j) =>
                block.kind === 'p' ? (
                  <p key={j}>{block.text}</p>
                ) : (
                  <dl key={j} class="details">
                    {block.items.map((line, k) => (
                      <div class="details__row" key={k}>
                        <dt>{line.label}</dt>
                        <dd>{line.text}</dd>
                      </div>
                    ))}
                  </dl>
                ),
              )}
            </section>
          ))}
          <footer class="muted">
            <p>
              {t('portal.statement.version')}: <code>{s.version_hash}</code>
            </p>
          </footer>
        </article>
      )}
    </PortalPage>
  );
}
