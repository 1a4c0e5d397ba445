import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey, query, upload } from '../shared/api';
import { formatBytes, formatMinutes, formatMoney } from '../shared/format';
import { t } from '../shared/i18n';
import { categoryLabel, severityLabel } from '../shared/labels';
import { navigate, route } from '../shared/router';
import { Button, ButtonLink, Checkbox, ErrorNotice, errorText, Field, Loading, Notice, optionBy } from '../shared/ui';
import { useResource } from '../shared/resource';
import { PortalPage } from './App';
import { fieldProblemText, severityHelp } from './labels';
import { canSubmit, checkFields, createBody, fieldsFor, previewView, priceOf, sameQuote, type PreviewView } from './newTicket';
import { CATEGORIES, SEVERITIES, type Category, type Preview, type Quote, type Service, type Severity, type Subscription, type Ticket } from './types';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Upload files to a ticket one by one; the names of those that failed. */
export async function uploadAll(ticketId: number, files: File[]): Promise<string[]> {
  const failed: string[] = [];
  for (const file of files) {
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('visibility', 'public');
    try {
      await upload(`/tickets/${ticketId}/attachments`, form);
    } catch {
      failed.push(file.name);
    }
  }
  return failed;
}

/** A file picker with the chosen files listed and removable. */
export function FilePicker({ files, onChange, label }: { files: File[]; onChange: (files: File[]) => void; label: string }) {
  const input = useRef<HTMLInputElement>(null);
  const tooBig = files.filter((f) => f.size > MAX_FILE_BYTES);
  return (
    <div class="field">
      <Field label={label} hint={t('portal.files.hint', { max: formatBytes(MAX_FILE_BYTES) })} error={tooBig.length > 0 ? t('portal.files.too_big', { names: tooBig.map((f) => f.name).join(', ') }) : undefined}>
        {(a11y) => (
          <input
            {...a11y}
            ref={input}
            type="file"
            multiple
            onChange={(e) => {
              const chosen = Array.from(e.currentTarget.files ?? []);
              onChange([...files, ...chosen]);
              e.currentTarget.value = '';
            }}
          />
        )}
      </Field>
      {files.length > 0 && (
        <ul class="attachments" aria-label={t('portal.files.chosen')}>
          {files.map((f, i) => (
            <li key={`${f.name}-${i}`}>
              {f.name} <span class="muted">({formatBytes(f.size)})</span>{' '}
              <Button variant="link" onClick={() => onChange(files.filter((_, j) => j !== i))} aria-label={t('portal.files.remove', { name: f.name })}>
                {t('portal.files.remove_short')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function QuoteTerms({ quote }: { quote: Quote }) {
  return (
    <ul>
      <li>{t('portal.quote.rate', { price: formatMoney(quote.hourly_rate, quote.currency) })}</li>
      <li>{t('portal.quote.increment', { time: formatMinutes(quote.increment_minutes) })}</li>
      {quote.minimum_minutes > 0 && (
        <li>
          {t('portal.quote.minimum', { time: formatMinutes(quote.minimum_minutes), price: formatMoney(priceOf(quote, 0), quote.currency) })}
        </li>
      )}
    </ul>
  );
}

function ScopeNotice({ view, accepted, onAccept, acceptError }: { view: PreviewView; accepted: boolean; onAccept: (v: boolean) => void; acceptError?: string }) {
  switch (view.kind) {
    case 'loading':
      return <Loading label={t('portal.scope.checking')} />;
    case 'unknown':
      return <Notice kind="info">{t('portal.scope.unknown')}</Notice>;
    case 'covered':
      return (
        <Notice kind="success" title={t('portal.scope.covered')}>
          <p>{t('portal.scope.covered_text')}</p>
        </Notice>
      );
    case 'refused':
      return (
        <Notice kind="error" title={t('portal.scope.refused')}>
          <p>{view.reason}</p>
          <p>
            <a href={view.statement}>{t('portal.scope.see_statement')}</a>
          </p>
        </Notice>
      );
    case 'billable':
      return (
        <Notice kind="warning" title={t('portal.scope.billable')}>
          <p>{view.reason}</p>
          <QuoteTerms quote={view.quote} />
          <Checkbox label={t('portal.scope.accept', { price: formatMoney(view.quote.hourly_rate, view.quote.currency) })} checked={accepted} onChange={onAccept} error={acceptError} required />
        </Notice>
      );
  }
}

export function NewTicketPage() {
  const services = useResource((signal) => api<{ items: Service[] }>('GET', '/services', undefined, { signal }), []);
  const subscriptions = useResource(
    (signal) => api<{ items: Subscription[] }>('GET', '/subscriptions', undefined, { signal }).catch(() => ({ items: [] as Subscription[] })),
    [],
  );
  const initial = route.value.query;
  const [service, setService] = useState(initial.get('service') ?? '');
  const [category, setCategory] = useState<Category>((CATEGORIES as readonly string[]).includes(initial.get('category') ?? '') ? (initial.get('category') as Category) : 'technical');
  const [severity, setSeverity] = useState<Severity>('moderate');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [accepted, setAccepted] = useState(false);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewLoading, setPreviewLoading] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());

  const serviceList = services.data?.items ?? [];
  const selected = serviceList.find((s) => s.code === service);

  // The first service by default.
  useEffect(() => {
    if (!service && serviceList.length > 0) setService(serviceList[0]!.code);
  }, [serviceList.length]);

  // What this request will meet, before it is sent.
  useEffect(() => {
    if (!service) return undefined;
    const controller = new AbortController();
    setPreviewLoading(true);
    api<Preview>('GET', `/tickets/preview${query({ service, category })}`, undefined, { signal: controller.signal })
      .then((p) => {
        setPreview((old) => {
          if (!old || !sameQuote(old.quote, p.quote)) setAccepted(false);
          return p;
        });
        setPreviewLoading(false);
      })
      .catch(() => {
        if (controller.signal.aborted) return;
        setPreview(null);
        setPreviewLoading(false);
      });
    return () => controller.abort();
  }, [service, category]);

  const view = previewView(preview, previewLoading);
  const required = useMemo(() => fieldsFor(selected, category), [selected, category]);
  const subscriptionOptions = (subscriptions.data?.items ?? []).filter((s) => s.service === service && s.status === 'active');

  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!service) found.service = t('portal.new.service_required');
    if (!subject.trim()) found.subject = t('portal.new.subject_required');
    if (!description.trim()) found.description = t('portal.new.description_required');
    for (const issue of checkFields(required, fields)) found[`fields.${issue.name}`] = fieldProblemText(issue.problem);
    if (view.kind === 'billable' && !accepted) found.accept = t('portal.scope.accept_required');
    if (files.some((f) => f.size > MAX_FILE_BYTES)) found.files = t('portal.files.too_big_short');
    setErrors(found);
    setError('');
    if (Object.keys(found).length > 0) {
      setError(t('portal.new.fix_errors'));
      return;
    }
    if (!canSubmit(view, accepted)) return;
    setBusy(true);
    try {
      const body = createBody({ service, category, severity, subject, description, fields }, required, view, accepted);
      const ticket = await api<Ticket>('POST', '/tickets', body, { idempotencyKey: idempotencyKey.current });
      const failed = await uploadAll(ticket.id, files);
      navigate(`/portal/tickets/${ticket.id}${failed.length > 0 ? `?upload_failed=${encodeURIComponent(failed.join(', '))}` : '?created=1'}`);
      return;
    } catch (err) {
      idempotencyKey.current = newIdempotencyKey();
      if (err instanceof ApiError && err.slug === 'charges-not-accepted') {
        // The terms changed since the preview: show the new quote, to be accepted again.
        const quote = err.body.quote as Quote | undefined;
        setPreview({ scope: 'out_of_scope_billable', reason: preview?.reason ?? err.detail, quote, support_statement: preview?.support_statement ?? '' });
        setAccepted(false);
        setError(t('portal.scope.quote_changed'));
      } else if (err instanceof ApiError && err.slug === 'out-of-scope-refused') {
        setPreview({ scope: 'refused', reason: err.detail, support_statement: String(err.body.support_statement ?? preview?.support_statement ?? '') });
        setError(err.detail);
      } else {
        if (err instanceof ApiError) setErrors(err.errors);
        setError(errorText(err));
      }
    }
    setBusy(false);
  };

  if (services.error) {
    return (
      <PortalPage title={t('portal.new.title')}>
        <ErrorNotice error={services.error} />
      </PortalPage>
    );
  }
  if (!services.data) {
    return (
      <PortalPage title={t('portal.new.title')}>
        <Loading />
      </PortalPage>
    );
  }

  const disabled = busy || view.kind === 'refused' || view.kind === 'loading';

  return (
    <PortalPage title={t('portal.new.title')}>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={submit} noValidate class="layout-2">
        <div>
          <fieldset>
            <legend>{t('portal.new.what')}</legend>
            <Field
              label={t('portal.new.service')}
              as="select"
              value={service}
              onValue={setService}
              error={errors.service}
              required
              options={serviceList.map((s) => ({ value: s.code, label: s.name }))}
            />
            <Field
              label={t('portal.new.category')}
              as="select"
              value={category}
              onValue={(v) => setCategory(v as Category)}
              error={errors.category}
              required
              hint={t('portal.new.category_hint')}
              options={CATEGORIES.map(optionBy(categoryLabel))}
            />
            <Field
              label={t('portal.new.severity')}
              as="select"
              value={severity}
              onValue={(v) => setSeverity(v as Severity)}
              error={errors.severity}
              required
              hint={severityHelp(severity)}
              options={SEVERITIES.map(optionBy(severityLabel))}
            />
          </fieldset>

          <section aria-labelledby="scope-heading" aria-live="polite">
            <h2 id="scope-heading">{t('portal.scope.heading')}</h2>
            <ScopeNotice view={view} accepted={accepted} onAccept={setAccepted} acceptError={errors.accept} />
          </section>

          <fieldset disabled={view.kind === 'refused'}>
            <legend>{t('portal.new.details')}</legend>
            <Field label={t('portal.new.subject')} value={subject} onValue={setSubject} error={errors.subject} required controlProps={{ maxLength: 200 }} />
            <Field
              label={t('portal.new.description')}
              as="textarea"
              rows={8}
              value={description}
              onValue={setDescription}
              error={errors.description}
              required
              hint={t('portal.new.description_hint')}
            />
            {required.map((f) => {
              const listId = f.customer_subscription && subscriptionOptions.length > 0 ? `subs-${f.name}` : undefined;
              const group = f.group ? required.filter((g) => g.group === f.group && g.name !== f.name) : [];
              return (
                <Field
                  key={f.name}
                  label={f.label}
                  value={fields[f.name] ?? ''}
                  onValue={(v) => setFields((old) => ({ ...old, [f.name]: v }))}
                  error={errors[`fields.${f.name}`]}
                  required={group.length === 0}
                  type={f.format === 'url' ? 'url' : 'text'}
                  hint={
                    <>
                      {group.length > 0 && <span>{t('portal.new.field_or', { other: group.map((g) => g.label).join(', ') })} </span>}
                      {f.format === 'guid' && <span>{t('portal.new.format_guid')}</span>}
                      {f.format === 'domain' && <span>{t('portal.new.format_domain')}</span>}
                      {f.format === 'url' && <span>{t('portal.new.format_url')}</span>}
                      {listId && (
                        <datalist id={listId}>
                          {subscriptionOptions.map((s) => (
                            <option key={s.id} value={s.subscription_id}>
                              {s.name}
                            </option>
                          ))}
                        </datalist>
                      )}
                    </>
                  }
                  controlProps={{ list: listId, spellcheck: false, autoCapitalize: 'none' }}
                />
              );
            })}
            <FilePicker files={files} onChange={setFiles} label={t('portal.new.attachments')} />
            {errors.files && <p class="field__error">{errors.files}</p>}
          </fieldset>

          <div class="button-row">
            <Button type="submit" variant="primary" busy={busy} disabled={disabled}>
              {busy ? t('portal.new.sending') : t('portal.new.submit')}
            </Button>
            <ButtonLink href="/portal">{t('common.cancel')}</ButtonLink>
          </div>
        </div>
        <aside class="panel" aria-labelledby="help-heading">
          <h2 id="help-heading">{t('portal.new.help_heading')}</h2>
          <p>{t('portal.new.help_text')}</p>
          <p>
            <a href="/portal/statement">{t('portal.new.help_statement')}</a>
          </p>
        </aside>
      </form>
    </PortalPage>
  );
}
