// Entitlements (paths to Microsoft's technical support) and competencies (Signature depends on
// one): lists, create, replace (If-Match) and delete. Admins write; partner staff read.
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { formatMinutes } from '../../shared/format';
import { t } from '../../shared/i18n';
import { categoryLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { useResource } from '../../shared/resource';
import { Checkbox, Field, Money, optionBy } from '../../shared/ui';
import { Section, useAction, YesNo } from '../common';
import { services } from '../directory';
import { unitLabel } from '../labels';
import type { Category, Competency, Entitlement, Page } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, DeleteButton, FormOutcome, ListSection, ListTable, pickItem, SaveRow } from './forms';
import { moneyInput, parseMoney } from './money';

const KINDS = ['csp_technical', 'premier', 'advanced', 'signature', 'product_incidents'];
const CATEGORIES: Category[] = ['technical', 'billing', 'subscription'];

function levelLabel(level: string): string {
  switch (level) {
    case 'gold':
      return t('console.competency.gold');
    case 'silver':
      return t('console.competency.silver');
    case 'technical':
      return t('console.competency.technical');
    default:
      return level;
  }
}

function leftText(e: Pick<Entitlement, 'unit' | 'left' | 'capacity'>): string {
  if (e.unit === 'unlimited' || e.left === null) return t('console.unit.unlimited');
  if (e.unit === 'hours') return t('console.entitlement.left_of_hours', { left: formatMinutes(e.left), capacity: formatMinutes(e.capacity) });
  return t('console.entitlement.left_of_incidents', { left: e.left, capacity: e.capacity });
}

export function EntitlementsAdmin({ item, can }: SectionProps) {
  const competencies = useResource((signal) => api<Page<Competency>>('GET', '/competencies', undefined, { signal }), []);
  const list = useResource((signal) => api<Page<Entitlement>>('GET', '/entitlements', undefined, { signal }), []);
  if (item) {
    const picked = pickItem(item, list);
    if ('view' in picked) return picked.view;
    const entitlement = picked.record;
    return <EntitlementForm entitlement={entitlement} competencies={competencies.data?.items ?? []} canEdit={can.manageEntitlements} onSaved={list.reload} />;
  }
  return (
    <ListSection id="entitlements" title={t('console.admin.section.entitlements')} newHref={can.manageEntitlements && '/console/admin/entitlements/new'} newLabel={t('console.entitlement.new')}>
      <ListTable
        error={list.error}
        loading={!list.data}
        caption={t('console.admin.section.entitlements')}
        rows={list.data?.items ?? []}
        rowKey={(e) => e.id}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (e) => <Link href={`/console/admin/entitlements/${e.id}`}>{e.name}</Link>, sortValue: (e) => e.name },
          { key: 'kind', label: t('console.entitlement.kind'), render: (e) => e.kind, sortValue: (e) => e.kind },
          { key: 'valid', label: t('console.entitlement.valid'), render: (e) => `${e.valid_from} – ${e.valid_to ?? '…'}`, sortValue: (e) => e.valid_to ?? '9999' },
          { key: 'left', label: t('console.entitlement.left'), render: (e) => leftText(e) },
          { key: 'cost', label: t('console.entitlement.unit_cost'), render: (e) => (e.currency ? <Money minor={e.unit_cost} currency={e.currency} /> : '—') },
        ]}
      />
    </ListSection>
  );
}

function EntitlementForm({ entitlement: e, competencies, canEdit, onSaved }: { entitlement: Entitlement | null; competencies: Competency[]; canEdit: boolean; onSaved: () => void }) {
  const currency0 = e?.currency ?? 'USD';
  const [kind, setKind] = useState(e?.kind ?? 'premier');
  const [name, setName] = useState(e?.name ?? '');
  const [categories, setCategories] = useState<Category[]>(e?.categories ?? []);
  const [products, setProducts] = useState(e?.products ?? 'cloud');
  const [svc, setSvc] = useState<string[]>(e?.services ?? []);
  const [validFrom, setValidFrom] = useState(e?.valid_from ?? '');
  const [validTo, setValidTo] = useState(e?.valid_to ?? '');
  const [unit, setUnit] = useState(e?.unit ?? 'unlimited');
  const [capacity, setCapacity] = useState(e ? String(e.unit === 'hours' ? e.capacity / 60 : e.capacity) : '0');
  const [currency, setCurrency] = useState(currency0);
  const [unitCost, setUnitCost] = useState(moneyInput(e?.unit_cost ?? 0, currency0));
  const [contractId, setContractId] = useState(e?.contract_id ?? '');
  const [accessId, setAccessId] = useState(e?.access_id ?? '');
  const [competency, setCompetency] = useState(e?.competency_id ? String(e.competency_id) : '');
  const [local, setLocal] = useState<Record<string, string>>({});
  const action = useAction();
  const remove = useAction();
  const errors = { ...action.fieldErrors, ...local };

  const submit = async (ev: Event) => {
    ev.preventDefault();
    const bad: Record<string, string> = {};
    const cost = parseMoney(unitCost || '0', currency);
    if (cost === null) bad.unit_cost = t('console.admin.money_invalid', { currency });
    const cap = Number(capacity || '0');
    if (!Number.isFinite(cap) || cap < 0) bad.capacity = t('console.admin.integer_invalid');
    setLocal(bad);
    if (Object.keys(bad).length) return;
    const body: Record<string, unknown> = {
      kind: kind.trim(),
      name,
      products,
      services: svc,
      valid_from: validFrom,
      unit,
      capacity: unit === 'hours' ? Math.round(cap * 60) : Math.round(cap),
      currency: currency.trim().toUpperCase(),
      unit_cost: cost,
      contract_id: contractId,
      access_id: accessId,
    };
    if (categories.length) body.categories = categories;
    if (validTo) body.valid_to = validTo;
    if (competency) body.competency_id = Number(competency);
    if (e) body.consumed = e.consumed;
    await action.run(async () => {
      const saved = e ? await api<Entitlement>('PUT', `/entitlements/${e.id}`, body, { ifMatch: `"v${e.version}"` }) : await api<Entitlement>('POST', '/entitlements', body);
      onSaved();
      if (!e) navigate(`/console/admin/entitlements/${saved.id}`);
    }, t('console.admin.saved'));
  };

  return (
    <Section id="entitlement-form" title={e ? e.name : t('console.entitlement.new')}>
      <BackLink href="/console/admin/entitlements" />
      {e && <p>{leftText(e)}</p>}
      <form onSubmit={(ev) => void submit(ev)}>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.entitlement.terms')}</legend>
          <div class="form-grid">
            <Field label={t('console.entitlement.kind')} value={kind} onValue={setKind} required error={errors.kind} hint={t('console.entitlement.kind_hint')} controlProps={{ list: 'entitlement-kinds' }} />
            <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
            <Field
              label={t('console.entitlement.products')}
              as="select"
              value={products}
              onValue={(v) => setProducts(v as Entitlement['products'])}
              error={errors.products}
              options={[
                { value: 'cloud', label: t('console.entitlement.products_cloud') },
                { value: 'all', label: t('console.entitlement.products_all') },
              ]}
            />
            <Field label={t('console.entitlement.valid_from')} type="date" value={validFrom} onValue={setValidFrom} required error={errors.valid_from} />
            <Field label={t('console.entitlement.valid_to')} type="date" value={validTo} onValue={setValidTo} error={errors.valid_to} />
            <Field
              label={t('console.entitlement.unit')}
              as="select"
              value={unit}
              onValue={(v) => setUnit(v as Entitlement['unit'])}
              error={errors.unit}
              options={(['unlimited', 'hours', 'incidents'] as const).map(optionBy(unitLabel))}
            />
            {unit !== 'unlimited' && (
              <Field
                label={unit === 'hours' ? t('console.entitlement.capacity_hours') : t('console.entitlement.capacity_incidents')}
                type="number"
                value={capacity}
                onValue={setCapacity}
                error={errors.capacity}
                controlProps={{ min: 0, step: unit === 'hours' ? 0.25 : 1 }}
              />
            )}
            <Field label={t('console.plan.currency')} value={currency} onValue={setCurrency} error={errors.currency} controlProps={{ maxLength: 3 }} />
            <Field label={`${t('console.entitlement.unit_cost')} (${currency})`} value={unitCost} onValue={setUnitCost} error={errors.unit_cost} hint={t('console.entitlement.unit_cost_hint')} controlProps={{ inputMode: 'decimal' }} />
            <Field label={t('console.entitlement.contract_id')} value={contractId} onValue={setContractId} error={errors.contract_id} />
            <Field label={t('console.entitlement.access_id')} value={accessId} onValue={setAccessId} error={errors.access_id} />
            <Field
              label={t('console.entitlement.competency')}
              as="select"
              value={competency}
              onValue={setCompetency}
              error={errors.competency_id}
              hint={t('console.entitlement.competency_hint')}
              options={[{ value: '', label: t('common.none') }, ...competencies.map((c) => ({ value: String(c.id), label: `${levelLabel(c.level)} · ${c.area}` }))]}
            />
          </div>
          <datalist id="entitlement-kinds">
            {KINDS.map((k) => (
              <option key={k} value={k} />
            ))}
          </datalist>
          <fieldset class="form-rows">
            <legend>{t('console.entitlement.categories')}</legend>
            {CATEGORIES.map((c) => (
              <label key={c} class="inline-check">
                <input type="checkbox" checked={categories.includes(c)} onChange={(ev) => setCategories((x) => (ev.currentTarget.checked ? [...x, c] : x.filter((y) => y !== c)))} />
                {categoryLabel(c)}
              </label>
            ))}
            <p class="field__hint">{t('console.entitlement.categories_hint')}</p>
          </fieldset>
          <fieldset class="form-rows">
            <legend>{t('console.entitlement.services')}</legend>
            {services.value.map((s) => (
              <label key={s.code} class="inline-check">
                <input type="checkbox" checked={svc.includes(s.code)} onChange={(ev) => setSvc((x) => (ev.currentTarget.checked ? [...x, s.code] : x.filter((y) => y !== s.code)))} />
                {s.name}
              </label>
            ))}
            <p class="field__hint">{t('console.entitlement.services_hint')}</p>
          </fieldset>
        </fieldset>
        {canEdit && (
          <SaveRow busy={action.busy}>
            {e && <DeleteButton name={e.name} path={`/entitlements/${e.id}`} back="/console/admin/entitlements" remove={remove} onDeleted={onSaved} />}
          </SaveRow>
        )}
        <FormOutcome action={action} shownFields={Object.keys(errors)} also={remove} />
      </form>
    </Section>
  );
}

export function CompetenciesAdmin({ item, can }: SectionProps) {
  const list = useResource((signal) => api<Page<Competency>>('GET', '/competencies', undefined, { signal }), []);
  if (item) {
    const picked = pickItem(item, list);
    if ('view' in picked) return picked.view;
    const competency = picked.record;
    return <CompetencyForm competency={competency} canEdit={can.manageEntitlements} onSaved={list.reload} />;
  }
  return (
    <ListSection id="competencies" title={t('console.admin.section.competencies')} newHref={can.manageEntitlements && '/console/admin/competencies/new'} newLabel={t('console.competency.new')}>
      <ListTable
        error={list.error}
        loading={!list.data}
        caption={t('console.admin.section.competencies')}
        rows={list.data?.items ?? []}
        rowKey={(c) => c.id}
        columns={[
          { key: 'area', label: t('console.competency.area'), rowHeader: true, render: (c) => <Link href={`/console/admin/competencies/${c.id}`}>{c.area}</Link>, sortValue: (c) => c.area },
          { key: 'level', label: t('console.competency.level'), render: (c) => levelLabel(c.level) },
          { key: 'cloud', label: t('console.competency.cloud'), render: (c) => <YesNo value={c.cloud} /> },
          { key: 'valid', label: t('console.entitlement.valid'), render: (c) => `${c.valid_from} – ${c.expires_on}`, sortValue: (c) => c.expires_on },
        ]}
      />
    </ListSection>
  );
}

function CompetencyForm({ competency: c, canEdit, onSaved }: { competency: Competency | null; canEdit: boolean; onSaved: () => void }) {
  const [level, setLevel] = useState(c?.level ?? 'gold');
  const [area, setArea] = useState(c?.area ?? '');
  const [cloud, setCloud] = useState(c?.cloud ?? true);
  const [validFrom, setValidFrom] = useState(c?.valid_from ?? '');
  const [expires, setExpires] = useState(c?.expires_on ?? '');
  const action = useAction();
  const remove = useAction();
  const errors = action.fieldErrors;
  return (
    <Section id="competency-form" title={c ? c.area : t('console.competency.new')}>
      <BackLink href="/console/admin/competencies" />
      <form
        onSubmit={async (ev) => {
          ev.preventDefault();
          const body = { level, area, cloud, valid_from: validFrom, expires_on: expires };
          await action.run(async () => {
            const saved = c ? await api<Competency>('PUT', `/competencies/${c.id}`, body, { ifMatch: `"v${c.version}"` }) : await api<Competency>('POST', '/competencies', body);
            onSaved();
            if (!c) navigate(`/console/admin/competencies/${saved.id}`);
          }, t('console.admin.saved'));
        }}
      >
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.competency.terms')}</legend>
          <div class="form-grid">
            <Field
              label={t('console.competency.level')}
              as="select"
              value={level}
              onValue={setLevel}
              error={errors.level}
              options={['gold', 'silver', 'technical'].map(optionBy(levelLabel))}
            />
            <Field label={t('console.competency.area')} value={area} onValue={setArea} required error={errors.area} />
            <Field label={t('console.entitlement.valid_from')} type="date" value={validFrom} onValue={setValidFrom} required error={errors.valid_from} />
            <Field label={t('console.competency.expires_on')} type="date" value={expires} onValue={setExpires} required error={errors.expires_on} />
          </div>
          <Checkbox label={t('console.competency.cloud')} checked={cloud} onChange={setCloud} />
        </fieldset>
        {canEdit && (
          <SaveRow busy={action.busy}>
            {c && <DeleteButton name={c.area} path={`/competencies/${c.id}`} back="/console/admin/competencies" remove={remove} onDeleted={onSaved} />}
          </SaveRow>
        )}
        <FormOutcome action={action} shownFields={Object.keys(errors)} also={remove} />
      </form>
    </Section>
  );
}

