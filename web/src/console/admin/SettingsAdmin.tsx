// The partner's settings (GET/PATCH /partner/settings): profile, default plan, support contact,
// escalation ranking, internal cost, prepaid warning, customer user domains. Staff read; admins write.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { useResource } from '../../shared/resource';
import { Checkbox, Field, Loading } from '../../shared/ui';
import { ProblemNotice, Section, useAction } from '../common';
import { reloadDirectory } from '../directory';
import type { Page, PartnerSettings, Plan } from '../types';
import type { SectionProps } from './AdminArea';
import { FormOutcome, SaveButton } from './forms';
import { TimeZoneList } from './CalendarsAdmin';
import { moneyInput, parseMoney, splitList } from './money';

export function SettingsAdmin({ can }: SectionProps) {
  const settings = useResource((signal) => api<PartnerSettings>('GET', '/partner/settings', undefined, { signal }), []);
  const plans = useResource((signal) => api<Page<Plan>>('GET', '/plans', undefined, { signal }), []);
  if (settings.error) return <ProblemNotice error={settings.error} />;
  if (!settings.data) return <Loading />;
  return <SettingsForm settings={settings.data} plans={plans.data?.items ?? []} canEdit={can.manageSettings} onSaved={settings.setData} />;
}

function SettingsForm({ settings: s, plans, canEdit, onSaved }: { settings: PartnerSettings; plans: Plan[]; canEdit: boolean; onSaved: (s: PartnerSettings) => void }) {
  const initial = () => ({
    name: s.name,
    domains: s.domains.join(', '),
    country: s.country,
    locale: s.locale,
    time_zone: s.time_zone,
    default_plan_id: s.default_plan_id ? String(s.default_plan_id) : '',
    support_email: s.support_email,
    support_phone: s.support_phone,
    support_website: s.support_website,
    escalation_order: s.escalation_order.join(', '),
    escalation_minutes_per_case: String(s.escalation_minutes_per_case),
    internal_cost_currency: s.internal_cost_currency,
    internal_hourly_cost: moneyInput(s.internal_hourly_cost, s.internal_cost_currency || 'KRW'),
    prepaid_low_balance_percent: String(s.prepaid_low_balance_percent),
  });
  const [form, setForm] = useState(initial);
  const [anyDomain, setAnyDomain] = useState(s.customer_users_any_domain);
  const [local, setLocal] = useState<Record<string, string>>({});
  const action = useAction();
  const errors = { ...action.fieldErrors, ...local };
  useEffect(() => {
    setForm(initial());
    setAnyDomain(s.customer_users_any_domain);
  }, [s]);

  const field = (key: keyof ReturnType<typeof initial>, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field label={label} value={form[key]} onValue={(v) => setForm((f) => ({ ...f, [key]: v }))} error={errors[key]} {...extra} />
  );

  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    const bad: Record<string, string> = {};
    if (form.name !== s.name) body.name = form.name;
    const domains = splitList(form.domains);
    if (domains.join(',') !== s.domains.join(',')) body.domains = domains;
    for (const key of ['country', 'locale', 'time_zone', 'support_email', 'support_phone', 'support_website', 'internal_cost_currency'] as const) {
      if (form[key] !== s[key]) body[key] = form[key];
    }
    const plan = form.default_plan_id ? Number(form.default_plan_id) : null;
    if (plan !== s.default_plan_id && plan !== null) body.default_plan_id = plan;
    const order = splitList(form.escalation_order);
    if (order.join(',') !== s.escalation_order.join(',')) body.escalation_order = order;
    const minutes = Number(form.escalation_minutes_per_case);
    if (minutes !== s.escalation_minutes_per_case) body.escalation_minutes_per_case = minutes;
    const percent = Number(form.prepaid_low_balance_percent);
    if (percent !== s.prepaid_low_balance_percent) body.prepaid_low_balance_percent = percent;
    const cost = parseMoney(form.internal_hourly_cost || '0', form.internal_cost_currency || 'KRW');
    if (cost === null) bad.internal_hourly_cost = t('console.admin.money_invalid', { currency: form.internal_cost_currency });
    else if (cost !== s.internal_hourly_cost) body.internal_hourly_cost = cost;
    if (anyDomain !== s.customer_users_any_domain) body.customer_users_any_domain = anyDomain;
    setLocal(bad);
    if (Object.keys(bad).length || Object.keys(body).length === 0) return;
    await action.run(async () => {
      onSaved(await api<PartnerSettings>('PATCH', '/partner/settings', body));
      await reloadDirectory({ teams: true });
    }, t('console.admin.saved'));
  };

  return (
    <Section id="settings" title={t('console.admin.section.settings')}>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.settings.profile')}</legend>
          <div class="form-grid">
            {field('name', t('console.admin.name'), { required: true })}
            {field('domains', t('console.org.domains'), { hint: t('console.org.domains_hint') })}
            {field('country', t('console.org.country'), { controlProps: { maxLength: 2 } })}
            {field('locale', t('console.org.locale'))}
            {field('time_zone', t('console.calendar.time_zone'), { hint: t('console.settings.time_zone_hint'), controlProps: { list: 'settings-tz' } })}
            <Field
              label={t('console.settings.default_plan')}
              as="select"
              value={form.default_plan_id}
              onValue={(v) => setForm((f) => ({ ...f, default_plan_id: v }))}
              error={errors.default_plan_id}
              hint={t('console.settings.default_plan_hint')}
              options={[{ value: '', label: t('common.none') }, ...plans.map((p) => ({ value: String(p.id), label: p.name }))]}
            />
          </div>
          <TimeZoneList id="settings-tz" />
        </fieldset>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.settings.support_profile')}</legend>
          <div class="form-grid">
            {field('support_email', t('console.settings.support_email'), { type: 'email' })}
            {field('support_phone', t('console.settings.support_phone'), { type: 'tel' })}
            {field('support_website', t('console.settings.support_website'), { type: 'url' })}
          </div>
        </fieldset>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.settings.escalation')}</legend>
          <div class="form-grid">
            {field('escalation_order', t('console.settings.escalation_order'), { hint: t('console.settings.escalation_order_hint') })}
            {field('escalation_minutes_per_case', t('console.settings.minutes_per_case'), { type: 'number' })}
          </div>
        </fieldset>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.settings.costs')}</legend>
          <div class="form-grid">
            {field('internal_cost_currency', t('console.plan.currency'), { controlProps: { maxLength: 3 } })}
            {field('internal_hourly_cost', `${t('console.settings.internal_cost')} (${form.internal_cost_currency})`, { controlProps: { inputMode: 'decimal' } })}
            {field('prepaid_low_balance_percent', t('console.settings.low_balance'), { type: 'number', controlProps: { min: 0, max: 100 } })}
          </div>
          <Checkbox label={t('console.settings.any_domain')} checked={anyDomain} onChange={setAnyDomain} hint={t('console.settings.any_domain_hint')} error={errors.customer_users_any_domain} />
        </fieldset>
        {canEdit && <SaveButton busy={action.busy} />}
        <FormOutcome action={action} shownFields={Object.keys(errors)} />
      </form>
    </Section>
  );
}
