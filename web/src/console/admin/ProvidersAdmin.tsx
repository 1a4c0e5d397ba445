// Providers (outsourced support) and their contracts: currency, hourly cost, hours and
// underpinning targets (GET/PUT providers/{id}/contract, If-Match).
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../shared/api';
import { t } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { useResource } from '../../shared/resource';
import { DataTable, DateTime, Field, Loading, Money, Notice } from '../../shared/ui';
import { ProblemNotice, Section, useAction } from '../common';
import { organizationsOfKind } from '../directory';
import type { Calendar, Page, ProviderContract } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, FormOutcome, formToTargets, SaveButton, TargetsEditor, type TargetsForm, targetsToForm } from './forms';
import { moneyInput, parseMoney } from './money';

export function ProvidersAdmin({ item, can }: SectionProps) {
  if (item) return <ContractPage providerId={Number(item)} canEdit={can.manageProviders} />;
  const providers = organizationsOfKind('provider');
  return (
    <section aria-labelledby="providers-title">
      <h2 id="providers-title">{t('console.admin.section.providers')}</h2>
      <p>{t('console.provider.intro')}</p>
      <DataTable
        caption={t('console.admin.section.providers')}
        captionHidden
        rows={providers}
        rowKey={(o) => o.id}
        empty={t('console.provider.none')}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (o) => <Link href={`/console/admin/providers/${o.id}`}>{o.name}</Link>, sortValue: (o) => o.name },
          { key: 'country', label: t('console.org.country'), render: (o) => o.country },
          { key: 'active', label: t('console.org.active'), render: (o) => (o.active ? t('console.org.is_active') : t('console.org.is_inactive')) },
        ]}
      />
    </section>
  );
}

function ContractPage({ providerId, canEdit }: { providerId: number; canEdit: boolean }) {
  const provider = organizationsOfKind('provider').find((o) => o.id === providerId);
  const [contract, setContract] = useState<ProviderContract | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api<ProviderContract>('GET', `/providers/${providerId}/contract`)
      .then(setContract)
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) setContract(null);
        else setError(e);
      });
  }, [providerId]);
  return (
    <Section id="contract" title={t('console.provider.contract_of', { name: provider?.name ?? `#${providerId}` })}>
      <BackLink href="/console/admin/providers" />
      <ProblemNotice error={error} />
      {contract === undefined && !error && <Loading />}
      {contract === null && <Notice>{t('console.provider.no_contract')}</Notice>}
      {contract && (
        <p>
          {t('console.provider.current', { version: contract.version })} <Money minor={contract.hourly_cost} currency={contract.currency} /> ·{' '}
          {t('console.admin.updated')} <DateTime iso={contract.updated_at} />
        </p>
      )}
      {contract !== undefined && canEdit && <ContractForm providerId={providerId} contract={contract} onSaved={setContract} />}
    </Section>
  );
}

function ContractForm({ providerId, contract, onSaved }: { providerId: number; contract: ProviderContract | null; onSaved: (c: ProviderContract) => void }) {
  const calendars = useResource((signal) => api<Page<Calendar>>('GET', '/calendars', undefined, { signal }), []);
  const [currency, setCurrency] = useState(contract?.currency ?? 'KRW');
  const [cost, setCost] = useState(moneyInput(contract?.hourly_cost ?? 0, contract?.currency ?? 'KRW'));
  const [hours, setHours] = useState(contract?.hours_calendar_id ? String(contract.hours_calendar_id) : '');
  const [targets, setTargets] = useState<TargetsForm>(targetsToForm(contract?.targets));
  const [local, setLocal] = useState('');
  const action = useAction();
  const errors = action.fieldErrors;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        const minor = parseMoney(cost, currency);
        if (minor === null) {
          setLocal(t('console.admin.money_invalid', { currency }));
          return;
        }
        setLocal('');
        const body: Record<string, unknown> = { currency: currency.trim().toUpperCase(), hourly_cost: minor, targets: formToTargets(targets), hours_calendar_id: hours ? Number(hours) : null };
        await action.run(async () => {
          const saved = await api<ProviderContract>('PUT', `/providers/${providerId}/contract`, body, contract ? { ifMatch: `"v${contract.version}"` } : undefined);
          onSaved(saved);
        }, t('console.admin.saved'));
      }}
    >
      <div class="form-grid">
        <Field label={t('console.plan.currency')} value={currency} onValue={setCurrency} required error={errors.currency} controlProps={{ maxLength: 3 }} />
        <Field label={`${t('console.provider.hourly_cost')} (${currency})`} value={cost} onValue={setCost} required error={local || errors.hourly_cost} controlProps={{ inputMode: 'decimal' }} />
        <Field
          label={t('console.provider.hours')}
          as="select"
          value={hours}
          onValue={setHours}
          error={errors.hours_calendar_id}
          options={[{ value: '', label: t('console.plan.always_open') }, ...(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))]}
        />
      </div>
      <h3>{t('console.provider.targets')}</h3>
      <TargetsEditor value={targets} onChange={setTargets} errors={errors} />
      <SaveButton busy={action.busy} />
      <FormOutcome action={action} shownFields={Object.keys(errors)} />
    </form>
  );
}
