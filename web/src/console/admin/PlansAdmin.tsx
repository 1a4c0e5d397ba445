// Plans (a support offering; PUT stores a new version) with the statements they produce, and
// agreements (a customer on a plan version for a period; PATCH changes only the end date).
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { categoryLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { useResource } from '../../shared/resource';
import { Button, Checkbox, DataTable, DateTime, Field, Loading, Money, Notice, optionBy } from '../../shared/ui';
import { Done, ProblemNotice, Section, useAction } from '../common';
import { organizationsOfKind, orgName, services } from '../directory';
import type { Agreement, Calendar, Page, Plan, PlanPricing } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, errorUnder, FormOutcome, formToTargets, ListSection, ListTable, NotFound, TargetsEditor, type TargetsForm, targetsToForm } from './forms';
import { moneyInput, parseInteger, parseMoney } from './money';

const CATEGORIES = ['technical', 'billing', 'subscription'] as const;
const MODELS: PlanPricing['model'][] = ['included', 'per_incident', 'hourly', 'monthly_fee', 'prepaid_block'];
const CHANNELS = ['portal', 'email', 'phone', 'chat'] as const;

function modelLabel(model: string): string {
  switch (model) {
    case 'included':
      return t('console.plan.model.included');
    case 'per_incident':
      return t('console.plan.model.per_incident');
    case 'hourly':
      return t('console.plan.model.hourly');
    case 'monthly_fee':
      return t('console.plan.model.monthly_fee');
    case 'prepaid_block':
      return t('console.plan.model.prepaid_block');
    default:
      return model;
  }
}

function deliveryLabel(mode: string): string {
  switch (mode) {
    case 'in_house':
      return t('console.plan.delivery.in_house');
    case 'outsourced':
      return t('console.plan.delivery.outsourced');
    case 'resold':
      return t('console.plan.delivery.resold');
    default:
      return mode;
  }
}

function channelKindLabel(kind: string): string {
  switch (kind) {
    case 'portal':
      return t('common.channel.portal');
    case 'email':
      return t('common.channel.email');
    case 'phone':
      return t('common.channel.phone');
    case 'chat':
      return t('console.plan.channel.chat');
    default:
      return kind;
  }
}

export function PlansAdmin({ item, can }: SectionProps) {
  if (item === 'new') return can.managePlans ? <PlanForm plan={null} /> : null;
  if (item) return <PlanDetail id={Number(item)} canEdit={can.managePlans} />;
  return <PlanList canCreate={can.managePlans} />;
}

function PlanList({ canCreate }: { canCreate: boolean }) {
  const list = useResource((signal) => api<Page<Plan>>('GET', '/plans', undefined, { signal }), []);
  return (
    <ListSection id="plans" title={t('console.admin.section.plans')} newHref={canCreate && '/console/admin/plans/new'} newLabel={t('console.plan.new')}>
      <ListTable
        error={list.error}
        loading={!list.data}
        caption={t('console.admin.section.plans')}
        rows={list.data?.items ?? []}
        rowKey={(p) => p.id}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (p) => <Link href={`/console/admin/plans/${p.id}`}>{p.name}</Link>, sortValue: (p) => p.name },
          { key: 'version', label: t('console.admin.version'), render: (p) => p.version, class: 'num' },
          { key: 'model', label: t('console.plan.pricing'), render: (p) => (p.pricing ? `${modelLabel(p.pricing.model)} · ${p.pricing.currency}` : '—') },
          { key: 'delivery', label: t('console.plan.delivery'), render: (p) => deliveryLabel(p.delivery.mode) },
          { key: 'coverage', label: t('console.plan.coverage'), render: (p) => p.coverage.map((c) => `${c.service}/${categoryLabel(c.category)}`).join(', ') },
        ]}
      />
    </ListSection>
  );
}

function PlanDetail({ id, canEdit }: { id: number; canEdit: boolean }) {
  const plan = useResource((signal) => api<Plan>('GET', `/plans/${id}`, undefined, { signal }), [id]);
  const agreements = useResource((signal) => api<Page<Agreement>>('GET', '/agreements', undefined, { signal }), []);
  const settings = useResource((signal) => api<{ default_plan_id: number | null }>('GET', '/partner/settings', undefined, { signal }), []);
  if (plan.error) return <ProblemNotice error={plan.error} />;
  if (!plan.data) return <Loading />;
  const using = (agreements.data?.items ?? []).filter((a) => a.plan_id === id);
  const isDefault = settings.data?.default_plan_id === id;
  return (
    <>
      <Section id="plan-statements" title={t('console.plan.statements')}>
        <p>{t('console.plan.statements_hint')}</p>
        {isDefault && <Notice>{t('console.plan.is_default')}</Notice>}
        {agreements.data && using.length === 0 && <p class="muted">{t('console.plan.no_agreements')}</p>}
        {using.length > 0 && (
          <DataTable
            caption={t('console.plan.statements')}
            captionHidden
            rows={using}
            rowKey={(a) => a.id}
            columns={[
              { key: 'customer', label: t('console.agreement.customer'), rowHeader: true, render: (a) => orgName(a.customer_id) },
              { key: 'version', label: t('console.agreement.plan_version'), render: (a) => a.plan_version, class: 'num' },
              { key: 'period', label: t('console.agreement.period'), render: (a) => `${a.start_date} – ${a.end_date ?? t('console.agreement.open_ended')}` },
              {
                key: 'statement',
                label: t('console.plan.statement'),
                render: (a) => (
                  <>
                    <a href={`/support/${a.customer_id}?lang=en`} target="_blank" rel="noopener">
                      {t('console.plan.statement_en')}
                    </a>
                    {' · '}
                    <a href={`/support/${a.customer_id}?lang=ko`} target="_blank" rel="noopener" lang="ko">
                      {t('console.plan.statement_ko')}
                    </a>
                  </>
                ),
              },
            ]}
          />
        )}
      </Section>
      {canEdit ? <PlanForm plan={plan.data} onSaved={plan.setData} /> : <PlanSummary plan={plan.data} />}
    </>
  );
}

function PlanSummary({ plan }: { plan: Plan }) {
  return (
    <Section id="plan-summary" title={plan.name}>
      <p>{plan.description}</p>
      <p>
        {plan.pricing ? modelLabel(plan.pricing.model) : '—'} · {deliveryLabel(plan.delivery.mode)}
      </p>
    </Section>
  );
}

interface ChannelRow {
  kind: string;
  address: string;
  hours: string;
}

function PlanForm({ plan, onSaved }: { plan: Plan | null; onSaved?: (p: Plan) => void }) {
  const calendars = useResource((signal) => api<Page<Calendar>>('GET', '/calendars', undefined, { signal }), []);
  const p = plan?.pricing;
  const currency0 = p?.currency ?? 'KRW';
  const [name, setName] = useState(plan?.name ?? '');
  const [description, setDescription] = useState(plan?.description ?? '');
  const [nameKo, setNameKo] = useState(plan?.names.ko ?? '');
  const [descriptionKo, setDescriptionKo] = useState(plan?.descriptions.ko ?? '');
  const [hours, setHours] = useState(plan?.service_hours_calendar_id ? String(plan.service_hours_calendar_id) : '');
  const [coverage, setCoverage] = useState<Set<string>>(new Set(plan?.coverage.map((c) => `${c.service}:${c.category}`) ?? []));
  const [channels, setChannels] = useState<ChannelRow[]>(
    plan?.channels.map((c) => ({ kind: c.kind, address: c.address, hours: c.hours_calendar_id ? String(c.hours_calendar_id) : '' })) ?? [{ kind: 'portal', address: '', hours: '' }],
  );
  const [targets, setTargets] = useState<TargetsForm>(targetsToForm(plan?.targets));
  const [pause, setPause] = useState(plan?.pause_in_pending_vendor ?? true);
  const [model, setModel] = useState<string>(p?.model ?? 'included');
  const [currency, setCurrency] = useState(currency0);
  const [money, setMoney] = useState({
    per_incident: moneyInput(p?.per_incident, currency0),
    hourly_rate: moneyInput(p?.hourly_rate, currency0),
    monthly_fee: moneyInput(p?.monthly_fee, currency0),
    overage_hourly_rate: moneyInput(p?.overage_hourly_rate, currency0),
    block_price: moneyInput(p?.block_price, currency0),
  });
  const [numbers, setNumbers] = useState({
    increment_minutes: String(p?.increment_minutes ?? 15),
    minimum_minutes: String(p?.minimum_minutes ?? 0),
    after_hours_percent: String(p?.after_hours_percent ?? 100),
    included_minutes: String(p?.included_minutes ?? 0),
    block_size: String(p?.block_size ?? 0),
  });
  const [blockUnit, setBlockUnit] = useState(p?.block_unit ?? 'hours');
  const [whenExhausted, setWhenExhausted] = useState(p?.when_exhausted ?? 'pay_as_you_go');
  const [delivery, setDelivery] = useState<string>(plan?.delivery.mode ?? 'in_house');
  const [provider, setProvider] = useState(plan?.delivery.provider_id ? String(plan.delivery.provider_id) : '');
  const [providerCost, setProviderCost] = useState(moneyInput(plan?.delivery.provider_hourly_cost ?? null, currency0));
  const [oos, setOos] = useState<string>(plan?.out_of_scope.policy ?? 'refuse');
  const [oosRate, setOosRate] = useState(moneyInput(plan?.out_of_scope.hourly_rate ?? null, currency0));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const action = useAction();
  const errors = { ...action.fieldErrors, ...localErrors };

  const calendarOptions = [{ value: '', label: t('console.plan.always_open') }, ...(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))];

  const submit = async (e: Event) => {
    e.preventDefault();
    const bad: Record<string, string> = {};
    const amount = (field: string, text: string) => {
      if (!text.trim()) return 0;
      const v = parseMoney(text, currency);
      if (v === null) bad[field] = t('console.admin.money_invalid', { currency });
      return v ?? 0;
    };
    const whole = (field: string, text: string) => {
      const v = parseInteger(text || '0');
      if (v === null) bad[field] = t('console.admin.integer_invalid');
      return v ?? 0;
    };
    const pricing = {
      model,
      currency: currency.trim().toUpperCase(),
      per_incident: amount('pricing.per_incident', money.per_incident),
      hourly_rate: amount('pricing.hourly_rate', money.hourly_rate),
      monthly_fee: amount('pricing.monthly_fee', money.monthly_fee),
      overage_hourly_rate: amount('pricing.overage_hourly_rate', money.overage_hourly_rate),
      block_price: amount('pricing.block_price', money.block_price),
      increment_minutes: whole('pricing.increment_minutes', numbers.increment_minutes),
      minimum_minutes: whole('pricing.minimum_minutes', numbers.minimum_minutes),
      after_hours_percent: whole('pricing.after_hours_percent', numbers.after_hours_percent),
      included_minutes: whole('pricing.included_minutes', numbers.included_minutes),
      block_size: whole('pricing.block_size', numbers.block_size),
      block_unit: blockUnit,
      when_exhausted: whenExhausted,
    };
    const deliveryBody: Record<string, unknown> = { mode: delivery };
    if (delivery !== 'in_house') {
      if (provider) deliveryBody.provider_id = Number(provider);
      deliveryBody.provider_hourly_cost = amount('delivery.provider_hourly_cost', providerCost);
    }
    const outOfScope: Record<string, unknown> = { policy: oos };
    if (oos === 'billable') outOfScope.hourly_rate = amount('out_of_scope.hourly_rate', oosRate);
    setLocalErrors(bad);
    if (Object.keys(bad).length) return;
    const body: Record<string, unknown> = {
      name,
      description,
      coverage: [...coverage].map((key) => {
        const [service, category] = key.split(':');
        return { service, category };
      }),
      channels: channels.map((c) => {
        const out: Record<string, unknown> = { kind: c.kind, address: c.address };
        if (c.hours) out.hours_calendar_id = Number(c.hours);
        return out;
      }),
      targets: formToTargets(targets),
      pause_in_pending_vendor: pause,
      pricing,
      delivery: deliveryBody,
      out_of_scope: outOfScope,
    };
    if (nameKo.trim()) body.names = { ko: nameKo.trim() };
    if (descriptionKo.trim()) body.descriptions = { ko: descriptionKo.trim() };
    if (hours) body.service_hours_calendar_id = Number(hours);
    await action.run(async () => {
      const saved = plan ? await api<Plan>('PUT', `/plans/${plan.id}`, body, { ifMatch: `"v${plan.version}"` }) : await api<Plan>('POST', '/plans', body);
      if (plan) onSaved?.(saved);
      else navigate(`/console/admin/plans/${saved.id}`);
    }, t('console.plan.saved'));
  };

  const moneyField = (key: keyof typeof money, label: string) => (
    <Field
      label={`${label} (${currency})`}
      value={money[key]}
      onValue={(v) => setMoney((m) => ({ ...m, [key]: v }))}
      error={errors[`pricing.${key}`]}
      controlProps={{ inputMode: 'decimal' }}
    />
  );
  const numberField = (key: keyof typeof numbers, label: string, hint?: string) => (
    <Field
      label={label}
      type="number"
      value={numbers[key]}
      onValue={(v) => setNumbers((n) => ({ ...n, [key]: v }))}
      error={errors[`pricing.${key}`]}
      hint={hint}
      controlProps={{ min: 0 }}
    />
  );

  return (
    <Section id="plan-form" title={plan ? t('console.plan.edit', { name: plan.name, version: plan.version }) : t('console.plan.new')}>
      <BackLink href="/console/admin/plans" />
      {plan && <p class="field__hint">{t('console.plan.new_version_hint')}</p>}
      <form onSubmit={(e) => void submit(e)}>
        <div class="form-grid">
          <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
          <Field label={t('console.plan.name_ko')} value={nameKo} onValue={setNameKo} error={errors['names.ko']} controlProps={{ lang: 'ko' }} />
        </div>
        <Field label={t('console.plan.description')} as="textarea" rows={3} value={description} onValue={setDescription} error={errors.description} />
        <Field label={t('console.plan.description_ko')} as="textarea" rows={3} value={descriptionKo} onValue={setDescriptionKo} error={errors['descriptions.ko']} controlProps={{ lang: 'ko' }} />
        <Field label={t('console.plan.service_hours')} as="select" value={hours} onValue={setHours} options={calendarOptions} error={errors.service_hours_calendar_id} />
        <fieldset class="form-rows">
          <legend>{t('console.plan.coverage')}</legend>
          {services.value.map((s) => (
            <div key={s.code} class="form-row">
              <strong>{s.name}</strong>
              {CATEGORIES.map((c) => {
                const key = `${s.code}:${c}`;
                return (
                  <label key={key} class="inline-check">
                    <input
                      type="checkbox"
                      checked={coverage.has(key)}
                      onChange={(e) =>
                        setCoverage((x) => {
                          const next = new Set(x);
                          if (e.currentTarget.checked) next.add(key);
                          else next.delete(key);
                          return next;
                        })
                      }
                    />
                    {categoryLabel(c)}
                  </label>
                );
              })}
            </div>
          ))}
          {errorUnder(errors, 'coverage') && <p class="field__error">{errorUnder(errors, 'coverage')}</p>}
        </fieldset>
        <fieldset class="form-rows">
          <legend>{t('console.plan.channels')}</legend>
          {channels.map((c, i) => (
            <div key={i} class="form-row">
              <Field
                label={t('console.plan.channel_kind')}
                as="select"
                value={c.kind}
                onValue={(v) => setChannels((x) => x.map((r, j) => (j === i ? { ...r, kind: v } : r)))}
                options={CHANNELS.map(optionBy(channelKindLabel))}
                error={errors[`channels[${i}].kind`]}
              />
              <Field label={t('console.plan.channel_address')} value={c.address} onValue={(v) => setChannels((x) => x.map((r, j) => (j === i ? { ...r, address: v } : r)))} error={errors[`channels[${i}].address`]} />
              <Field
                label={t('console.plan.channel_hours')}
                as="select"
                value={c.hours}
                onValue={(v) => setChannels((x) => x.map((r, j) => (j === i ? { ...r, hours: v } : r)))}
                options={calendarOptions}
                error={errors[`channels[${i}].hours_calendar_id`]}
              />
              <Button variant="link" onClick={() => setChannels((x) => x.filter((_, j) => j !== i))}>
                {t('console.admin.remove_row', { n: i + 1 })}
              </Button>
            </div>
          ))}
          <Button onClick={() => setChannels((x) => [...x, { kind: 'email', address: '', hours: '' }])}>{t('console.plan.add_channel')}</Button>
        </fieldset>
        <h3>{t('console.plan.targets')}</h3>
        <TargetsEditor value={targets} onChange={setTargets} errors={errors} />
        <Checkbox label={t('console.plan.pause_vendor')} checked={pause} onChange={setPause} />
        <fieldset class="form-rows">
          <legend>{t('console.plan.pricing')}</legend>
          <div class="form-grid">
            <Field label={t('console.plan.model')} as="select" value={model} onValue={setModel} options={MODELS.map(optionBy(modelLabel))} error={errors['pricing.model']} />
            <Field label={t('console.plan.currency')} value={currency} onValue={setCurrency} required error={errors['pricing.currency']} hint={t('console.plan.currency_hint')} controlProps={{ maxLength: 3 }} />
            {model === 'per_incident' && moneyField('per_incident', t('console.plan.per_incident'))}
            {(model === 'hourly' || model === 'prepaid_block') && moneyField('hourly_rate', t('console.plan.hourly_rate'))}
            {(model === 'hourly' || model === 'monthly_fee' || model === 'prepaid_block') && numberField('increment_minutes', t('console.plan.increment'))}
            {model === 'hourly' && numberField('minimum_minutes', t('console.plan.minimum'))}
            {model !== 'included' && model !== 'per_incident' && numberField('after_hours_percent', t('console.plan.after_hours'), t('console.plan.after_hours_hint'))}
            {model === 'monthly_fee' && moneyField('monthly_fee', t('console.plan.monthly_fee'))}
            {model === 'monthly_fee' && numberField('included_minutes', t('console.plan.included_minutes'))}
            {model === 'monthly_fee' && moneyField('overage_hourly_rate', t('console.plan.overage_rate'))}
            {model === 'prepaid_block' && (
              <Field
                label={t('console.plan.block_unit')}
                as="select"
                value={blockUnit}
                onValue={(v) => setBlockUnit(v as PlanPricing['block_unit'])}
                options={[
                  { value: 'hours', label: t('console.unit.hours') },
                  { value: 'incidents', label: t('console.unit.incidents') },
                ]}
              />
            )}
            {model === 'prepaid_block' && numberField('block_size', t('console.plan.block_size'), t('console.plan.block_size_hint'))}
            {model === 'prepaid_block' && moneyField('block_price', t('console.plan.block_price'))}
            {model === 'prepaid_block' && (
              <Field
                label={t('console.plan.when_exhausted')}
                as="select"
                value={whenExhausted}
                onValue={(v) => setWhenExhausted(v as PlanPricing['when_exhausted'])}
                options={[
                  { value: 'pay_as_you_go', label: t('console.plan.pay_as_you_go') },
                  { value: 'needs_approval', label: t('console.plan.needs_approval') },
                ]}
              />
            )}
          </div>
        </fieldset>
        <fieldset class="form-rows">
          <legend>{t('console.plan.delivery')}</legend>
          <div class="form-grid">
            <Field
              label={t('console.plan.delivery_mode')}
              as="select"
              value={delivery}
              onValue={setDelivery}
              options={['in_house', 'outsourced', 'resold'].map(optionBy(deliveryLabel))}
              error={errors['delivery.mode']}
            />
            {delivery !== 'in_house' && (
              <Field
                label={t('console.plan.provider')}
                as="select"
                value={provider}
                onValue={setProvider}
                error={errors['delivery.provider_id']}
                options={[{ value: '', label: t('console.choose') }, ...organizationsOfKind('provider').map((o) => ({ value: String(o.id), label: o.name }))]}
              />
            )}
            {delivery !== 'in_house' && (
              <Field
                label={`${t('console.plan.provider_cost')} (${currency})`}
                value={providerCost}
                onValue={setProviderCost}
                error={errors['delivery.provider_hourly_cost']}
                controlProps={{ inputMode: 'decimal' }}
              />
            )}
          </div>
        </fieldset>
        <fieldset class="form-rows">
          <legend>{t('console.plan.out_of_scope')}</legend>
          <div class="form-grid">
            <Field
              label={t('console.plan.oos_policy')}
              as="select"
              value={oos}
              onValue={setOos}
              options={[
                { value: 'refuse', label: t('console.plan.oos_refuse') },
                { value: 'billable', label: t('console.plan.oos_billable') },
              ]}
              error={errors['out_of_scope.policy']}
            />
            {oos === 'billable' && (
              <Field
                label={`${t('console.plan.oos_rate')} (${currency})`}
                value={oosRate}
                onValue={setOosRate}
                error={errors['out_of_scope.hourly_rate']}
                controlProps={{ inputMode: 'decimal' }}
              />
            )}
          </div>
        </fieldset>
        <Button type="submit" variant="primary" busy={action.busy}>
          {plan ? t('console.plan.save_version') : t('console.plan.create')}
        </Button>
        <FormOutcome action={action} shownFields={Object.keys(errors)} />
        {Object.keys(errors).length > 0 && !action.error && <Notice kind="error">{t('console.admin.fix_fields')}</Notice>}
      </form>
    </Section>
  );
}

export function AgreementsAdmin({ item, can }: SectionProps) {
  const plans = useResource((signal) => api<Page<Plan>>('GET', '/plans', undefined, { signal }), []);
  const list = useResource((signal) => api<Page<Agreement>>('GET', '/agreements', undefined, { signal }), []);
  const planName = (id: number) => plans.data?.items.find((p) => p.id === id)?.name ?? `#${id}`;
  if (item === 'new') return can.managePlans ? <AgreementForm plans={plans.data?.items ?? []} onCreated={() => navigate('/console/admin/agreements')} /> : null;
  if (item) {
    const agreement = list.data?.items.find((a) => a.id === Number(item));
    if (list.error) return <ProblemNotice error={list.error} />;
    if (!list.data) return <Loading />;
    if (!agreement) return <NotFound />;
    const plan = plans.data?.items.find((p) => p.id === agreement.plan_id);
    return <AgreementEnd agreement={agreement} planName={planName(agreement.plan_id)} currency={plan?.pricing?.currency ?? ''} canEdit={can.managePlans} onSaved={list.reload} />;
  }
  return (
    <ListSection id="agreements" title={t('console.admin.section.agreements')} newHref={can.managePlans && '/console/admin/agreements/new'} newLabel={t('console.agreement.new')}>
      <ListTable
        error={list.error}
        loading={!list.data}
        caption={t('console.admin.section.agreements')}
        rows={list.data?.items ?? []}
        rowKey={(a) => a.id}
        columns={[
          { key: 'customer', label: t('console.agreement.customer'), rowHeader: true, render: (a) => <Link href={`/console/admin/agreements/${a.id}`}>{orgName(a.customer_id)}</Link>, sortValue: (a) => orgName(a.customer_id) },
          { key: 'plan', label: t('console.agreement.plan'), render: (a) => `${planName(a.plan_id)} v${a.plan_version}` },
          { key: 'start', label: t('console.agreement.start'), render: (a) => a.start_date, sortValue: (a) => a.start_date },
          { key: 'end', label: t('console.agreement.end'), render: (a) => a.end_date ?? t('console.agreement.open_ended'), sortValue: (a) => a.end_date ?? '9999' },
          { key: 'prepaid', label: t('console.agreement.prepaid'), render: (a) => t('console.agreement.prepaid_value', { minutes: a.prepaid_minutes, incidents: a.prepaid_incidents }) },
        ]}
      />
    </ListSection>
  );
}

function AgreementForm({ plans, onCreated }: { plans: Plan[]; onCreated: () => void }) {
  const [customer, setCustomer] = useState('');
  const [planId, setPlanId] = useState('');
  const [version, setVersion] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [hourly, setHourly] = useState('');
  const [perIncident, setPerIncident] = useState('');
  const [fee, setFee] = useState('');
  const [prepaidMinutes, setPrepaidMinutes] = useState('0');
  const [prepaidIncidents, setPrepaidIncidents] = useState('0');
  const action = useAction();
  const plan = plans.find((p) => p.id === Number(planId));
  const currency = plan?.pricing?.currency ?? '';
  const errors = action.fieldErrors;
  return (
    <Section id="agreement-form" title={t('console.agreement.new')}>
      <BackLink href="/console/admin/agreements" />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const body: Record<string, unknown> = {
            customer_id: Number(customer),
            plan_id: Number(planId),
            start_date: start,
            prepaid_minutes: Number(prepaidMinutes || 0),
            prepaid_incidents: Number(prepaidIncidents || 0),
          };
          if (version) body.plan_version = Number(version);
          if (end) body.end_date = end;
          const overrides: Record<string, number> = {};
          const h = hourly ? parseMoney(hourly, currency) : null;
          const pi = perIncident ? parseMoney(perIncident, currency) : null;
          const f = fee ? parseMoney(fee, currency) : null;
          if (h !== null) overrides.hourly_rate = h;
          if (pi !== null) overrides.per_incident = pi;
          if (f !== null) overrides.monthly_fee = f;
          if (Object.keys(overrides).length) body.overrides = overrides;
          if (await action.run(() => api('POST', '/agreements', body), t('console.admin.saved'))) onCreated();
        }}
      >
        <div class="form-grid">
          <Field
            label={t('console.agreement.customer')}
            as="select"
            required
            value={customer}
            onValue={setCustomer}
            error={errors.customer_id}
            options={[{ value: '', label: t('console.choose') }, ...organizationsOfKind('customer').map((o) => ({ value: String(o.id), label: o.name }))]}
          />
          <Field
            label={t('console.agreement.plan')}
            as="select"
            required
            value={planId}
            onValue={setPlanId}
            error={errors.plan_id}
            options={[{ value: '', label: t('console.choose') }, ...plans.map((p) => ({ value: String(p.id), label: `${p.name} (v${p.version})` }))]}
          />
          <Field label={t('console.agreement.plan_version')} type="number" value={version} onValue={setVersion} hint={t('console.agreement.plan_version_hint')} error={errors.plan_version} />
          <Field label={t('console.agreement.start')} type="date" required value={start} onValue={setStart} error={errors.start_date} />
          <Field label={t('console.agreement.end')} type="date" value={end} onValue={setEnd} error={errors.end_date} hint={t('console.agreement.end_hint')} />
          <Field label={`${t('console.agreement.override_hourly')} ${currency}`} value={hourly} onValue={setHourly} error={errors['overrides.hourly_rate']} controlProps={{ inputMode: 'decimal' }} />
          <Field label={`${t('console.agreement.override_incident')} ${currency}`} value={perIncident} onValue={setPerIncident} error={errors['overrides.per_incident']} controlProps={{ inputMode: 'decimal' }} />
          <Field label={`${t('console.agreement.override_fee')} ${currency}`} value={fee} onValue={setFee} error={errors['overrides.monthly_fee']} controlProps={{ inputMode: 'decimal' }} />
          <Field label={t('console.agreement.prepaid_minutes')} type="number" value={prepaidMinutes} onValue={setPrepaidMinutes} error={errors.prepaid_minutes} />
          <Field label={t('console.agreement.prepaid_incidents')} type="number" value={prepaidIncidents} onValue={setPrepaidIncidents} error={errors.prepaid_incidents} />
        </div>
        <Button type="submit" variant="primary" busy={action.busy}>
          {t('console.agreement.create')}
        </Button>
        <ProblemNotice error={action.error} shownFields={Object.keys(errors)} />
      </form>
    </Section>
  );
}

function AgreementEnd({ agreement, planName, currency, canEdit, onSaved }: { agreement: Agreement; planName: string; currency: string; canEdit: boolean; onSaved: () => void }) {
  const o = agreement.overrides;
  const amount = (v: number | null) => (v === null ? '—' : currency ? <Money minor={v} currency={currency} /> : String(v));
  const [end, setEnd] = useState(agreement.end_date ?? '');
  const action = useAction();
  return (
    <Section id="agreement" title={t('console.agreement.title', { customer: orgName(agreement.customer_id) })}>
      <BackLink href="/console/admin/agreements" />
      <dl class="details">
        <div class="details__row">
          <dt>{t('console.agreement.plan')}</dt>
          <dd>
            <Link href={`/console/admin/plans/${agreement.plan_id}`}>
              {planName} v{agreement.plan_version}
            </Link>
          </dd>
        </div>
        <div class="details__row">
          <dt>{t('console.agreement.prepaid')}</dt>
          <dd>{t('console.agreement.prepaid_value', { minutes: agreement.prepaid_minutes, incidents: agreement.prepaid_incidents })}</dd>
        </div>
        <div class="details__row">
          <dt>{t('console.agreement.period')}</dt>
          <dd>
            {agreement.start_date} – {agreement.end_date ?? t('console.agreement.open_ended')}
          </dd>
        </div>
        <div class="details__row">
          <dt>{t('console.agreement.overrides')}</dt>
          <dd>
            {t('console.agreement.override_hourly')}: {amount(o.hourly_rate)} · {t('console.agreement.override_incident')}: {amount(o.per_incident)} ·{' '}
            {t('console.agreement.override_fee')}: {amount(o.monthly_fee)}
            {o.targets && <> · {t('console.agreement.override_targets')}</>}
          </dd>
        </div>
        <div class="details__row">
          <dt>{t('console.admin.created')}</dt>
          <dd>
            <DateTime iso={agreement.created_at} />
          </dd>
        </div>
        <div class="details__row">
          <dt>{t('console.plan.statement')}</dt>
          <dd>
            <a href={`/support/${agreement.customer_id}`} target="_blank" rel="noopener">
              {t('console.plan.statement_en')}
            </a>
          </dd>
        </div>
      </dl>
      {canEdit && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (await action.run(() => api('PATCH', `/agreements/${agreement.id}`, { end_date: end || null }), t('console.admin.saved'))) onSaved();
          }}
        >
          <Field label={t('console.agreement.end')} type="date" value={end} onValue={setEnd} error={action.fieldErrors.end_date} hint={t('console.agreement.end_hint')} />
          <Button type="submit" variant="primary" busy={action.busy}>
            {t('console.agreement.set_end')}
          </Button>
          <Done text={action.done} />
          <ProblemNotice error={action.error} shownFields={['end_date']} />
        </form>
      )}
    </Section>
  );
}
