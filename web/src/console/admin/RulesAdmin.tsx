// Routing rules: list in running order, create, replace (If-Match), delete, and the dry run
// (POST /rules/test), which says what the rules would do to a ticket without saving anything.
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { categoryLabel, channelLabel, severityLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { useResource } from '../../shared/resource';
import { Button, ButtonLink, Checkbox, DataTable, Details, Field, Notice, optionBy } from '../../shared/ui';
import { ProblemNotice, Section, useAction, YesNo } from '../common';
import { organizationsOfKind, orgName, services, teamName, userName } from '../directory';
import type { Page, RuleJson, RuleTestResult } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, DeleteButton, FormOutcome, ListSection, ListTable, pickItem, SaveRow } from './forms';
import { splitList } from './money';

const FIELDS = [
  'service',
  'category',
  'severity',
  'status',
  'channel',
  'customer_id',
  'reseller_id',
  'subscription_id',
  'team_id',
  'assignee_id',
  'provider_id',
  'customer.country',
  'customer.locale',
  'customer.time_zone',
  'tags',
  'subject',
  'body',
  'time',
];
const OPS = ['eq', 'ne', 'in', 'contains', 'regex', 'gt', 'lt', 'inside', 'outside'];
const ACTIONS = ['set_team', 'set_assignee', 'set_provider', 'set_severity', 'add_tags', 'set_scope', 'add_note', 'notify'];

function actionHint(action: string): string {
  switch (action) {
    case 'set_team':
      return t('console.rule.hint.set_team');
    case 'set_assignee':
      return t('console.rule.hint.set_assignee');
    case 'set_provider':
      return t('console.rule.hint.set_provider');
    case 'set_severity':
      return t('console.rule.hint.set_severity');
    case 'add_tags':
      return t('console.rule.hint.add_tags');
    case 'set_scope':
      return t('console.rule.hint.set_scope');
    default:
      return t('console.rule.hint.text');
  }
}

/** An action's value for people: team, user and provider ids by name. */
function actionText(a: { action: string; values: string[] }): string {
  const v = a.values.map((x) => {
    if (!x) return t('common.none');
    if (a.action === 'set_team') return teamName(Number(x));
    if (a.action === 'set_assignee') return userName(Number(x));
    if (a.action === 'set_provider') return orgName(Number(x));
    return x;
  });
  return `${a.action} ${v.join(', ')}`;
}

export function RulesAdmin({ item, can }: SectionProps) {
  const list = useResource((signal) => api<Page<RuleJson>>('GET', '/rules', undefined, { signal }), []);
  if (item === 'test') return <DryRun rules={list.data?.items ?? []} />;
  if (item) {
    const picked = pickItem(item, list);
    if ('view' in picked) return picked.view;
    const rule = picked.record;
    return <RuleForm rule={rule} canEdit={can.manageRules} onSaved={list.reload} />;
  }
  const rows = [...(list.data?.items ?? [])].sort((a, b) => a.position - b.position || a.id - b.id);
  return (
    <ListSection
      id="rules"
      title={t('console.admin.section.rules')}
      newHref={can.manageRules && '/console/admin/rules/new'}
      newLabel={t('console.rule.new')}
      actions={<ButtonLink href="/console/admin/rules/test">{t('console.rule.dry_run')}</ButtonLink>}
    >
      <ListTable
        error={list.error}
        loading={!list.data}
        caption={t('console.rule.caption')}
        rows={rows}
        rowKey={(r) => r.id}
        columns={[
          { key: 'position', label: t('console.rule.position'), render: (r) => r.position, class: 'num' },
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (r) => <Link href={`/console/admin/rules/${r.id}`}>{r.name}</Link> },
          { key: 'enabled', label: t('console.rule.enabled'), render: (r) => <YesNo value={r.enabled} /> },
          { key: 'when', label: t('console.rule.conditions'), render: (r) => (r.conditions.length ? r.conditions.map((c) => `${c.field} ${c.op} ${c.values.join('|')}`).join(r.match === 'all' ? ' ∧ ' : ' ∨ ') : t('console.rule.always')) },
          { key: 'then', label: t('console.rule.actions'), render: (r) => r.actions.map(actionText).join('; ') },
          { key: 'run_on', label: t('console.rule.run_on'), render: (r) => r.run_on.join(', ') },
        ]}
      />
    </ListSection>
  );
}

interface Row {
  a: string;
  b: string;
  values: string;
}

function RuleForm({ rule, canEdit, onSaved }: { rule: RuleJson | null; canEdit: boolean; onSaved: () => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [position, setPosition] = useState(String(rule?.position ?? 100));
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const [match, setMatch] = useState(rule?.match ?? 'all');
  const [stop, setStop] = useState(rule?.stop ?? false);
  const [before, setBefore] = useState(rule?.provider_before_hand_up ?? false);
  const [onCreate, setOnCreate] = useState(rule ? rule.run_on.includes('create') : true);
  const [onUpdate, setOnUpdate] = useState(rule ? rule.run_on.includes('update') : false);
  const [conditions, setConditions] = useState<Row[]>(rule?.conditions.map((c) => ({ a: c.field, b: c.op, values: c.values.join(', ') })) ?? []);
  const [actions, setActions] = useState<Row[]>(rule?.actions.map((a) => ({ a: a.action, b: '', values: a.values.join(', ') })) ?? [{ a: 'set_team', b: '', values: '' }]);
  const action = useAction();
  const remove = useAction();
  const errors = action.fieldErrors;

  const submit = async (e: Event) => {
    e.preventDefault();
    const run_on = [...(onCreate ? ['create'] : []), ...(onUpdate ? ['update'] : [])];
    const body = {
      name,
      position: Number(position || 0),
      enabled,
      match,
      stop,
      provider_before_hand_up: before,
      run_on,
      conditions: conditions.map((c) => ({ field: c.a.trim(), op: c.b, values: c.b === 'regex' ? [c.values] : splitList(c.values) })),
      // An empty value clears (set_provider ""), so a lone empty value is kept.
      actions: actions.map((a) => ({ action: a.a, values: a.values.trim() === '' ? [''] : a.a === 'add_note' || a.a === 'notify' ? [a.values] : splitList(a.values) })),
    };
    await action.run(async () => {
      const saved = rule ? await api<RuleJson>('PUT', `/rules/${rule.id}`, body, { ifMatch: `"v${rule.version}"` }) : await api<RuleJson>('POST', '/rules', body);
      onSaved();
      if (!rule) navigate(`/console/admin/rules/${saved.id}`);
    }, t('console.admin.saved'));
  };

  return (
    <Section id="rule-form" title={rule ? rule.name : t('console.rule.new')}>
      <BackLink href="/console/admin/rules" />
      <form onSubmit={(e) => void submit(e)}>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.rule.rule')}</legend>
          <div class="form-grid">
            <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
            <Field label={t('console.rule.position')} type="number" value={position} onValue={setPosition} error={errors.position} hint={t('console.rule.position_hint')} />
            <Field
              label={t('console.rule.match')}
              as="select"
              value={match}
              onValue={(v) => setMatch(v as 'all' | 'any')}
              error={errors.match}
              options={[
                { value: 'all', label: t('console.rule.match_all') },
                { value: 'any', label: t('console.rule.match_any') },
              ]}
            />
          </div>
          <Checkbox label={t('console.rule.enabled')} checked={enabled} onChange={setEnabled} />
          <Checkbox label={t('console.rule.stop')} checked={stop} onChange={setStop} />
          <Checkbox label={t('console.rule.before_hand_up')} checked={before} onChange={setBefore} hint={t('console.rule.before_hand_up_hint')} />
          <fieldset class="form-rows">
            <legend>{t('console.rule.run_on')}</legend>
            <Checkbox label={t('console.rule.on_create')} checked={onCreate} onChange={setOnCreate} />
            <Checkbox label={t('console.rule.on_update')} checked={onUpdate} onChange={setOnUpdate} error={errors.run_on} />
          </fieldset>
          <fieldset class="form-rows">
            <legend>{t('console.rule.conditions')}</legend>
            {conditions.length === 0 && <p class="muted">{t('console.rule.always')}</p>}
            {conditions.map((c, i) => (
              <div key={i} class="form-row">
                <Field
                  label={t('console.rule.field')}
                  value={c.a}
                  onValue={(v) => setConditions((x) => x.map((r, j) => (j === i ? { ...r, a: v } : r)))}
                  error={errors[`conditions[${i}].field`]}
                  controlProps={{ list: 'rule-fields' }}
                />
                <Field
                  label={t('console.rule.op')}
                  as="select"
                  value={c.b}
                  onValue={(v) => setConditions((x) => x.map((r, j) => (j === i ? { ...r, b: v } : r)))}
                  error={errors[`conditions[${i}].op`]}
                  options={OPS.map((o) => ({ value: o, label: o }))}
                />
                <Field
                  label={t('console.rule.values')}
                  value={c.values}
                  onValue={(v) => setConditions((x) => x.map((r, j) => (j === i ? { ...r, values: v } : r)))}
                  error={errors[`conditions[${i}].values`] ?? errors[`conditions[${i}]`]}
                />
                <Button variant="link" onClick={() => setConditions((x) => x.filter((_, j) => j !== i))}>
                  {t('console.admin.remove_row', { n: i + 1 })}
                </Button>
              </div>
            ))}
            <datalist id="rule-fields">
              {FIELDS.map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
            <p class="field__hint">{t('console.rule.values_hint')}</p>
            <Button onClick={() => setConditions((x) => [...x, { a: 'service', b: 'eq', values: '' }])}>{t('console.rule.add_condition')}</Button>
          </fieldset>
          <fieldset class="form-rows">
            <legend>{t('console.rule.actions')}</legend>
            {actions.map((a, i) => (
              <div key={i} class="form-row">
                <Field
                  label={t('console.rule.action')}
                  as="select"
                  value={a.a}
                  onValue={(v) => setActions((x) => x.map((r, j) => (j === i ? { ...r, a: v } : r)))}
                  error={errors[`actions[${i}].action`]}
                  options={ACTIONS.map((o) => ({ value: o, label: o }))}
                />
                <Field
                  label={t('console.rule.values')}
                  value={a.values}
                  onValue={(v) => setActions((x) => x.map((r, j) => (j === i ? { ...r, values: v } : r)))}
                  hint={actionHint(a.a)}
                  error={errors[`actions[${i}].values`] ?? errors[`actions[${i}]`]}
                />
                <Button variant="link" onClick={() => setActions((x) => x.filter((_, j) => j !== i))}>
                  {t('console.admin.remove_row', { n: i + 1 })}
                </Button>
              </div>
            ))}
            <Button onClick={() => setActions((x) => [...x, { a: 'add_tags', b: '', values: '' }])}>{t('console.rule.add_action')}</Button>
          </fieldset>
        </fieldset>
        {canEdit && (
          <SaveRow busy={action.busy}>
            {rule && <DeleteButton name={rule.name} path={`/rules/${rule.id}`} back="/console/admin/rules" remove={remove} onDeleted={onSaved} />}
          </SaveRow>
        )}
        <FormOutcome action={action} shownFields={Object.keys(errors)} also={remove} />
      </form>
    </Section>
  );
}

function DryRun({ rules }: { rules: RuleJson[] }) {
  const [customer, setCustomer] = useState('');
  const [service, setService] = useState('azure');
  const [category, setCategory] = useState('technical');
  const [severity, setSeverity] = useState('moderate');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [channel, setChannel] = useState('portal');
  const [trigger, setTrigger] = useState('create');
  const [result, setResult] = useState<RuleTestResult | null>(null);
  const action = useAction();
  const ruleName = (id: number) => rules.find((r) => r.id === id)?.name ?? `#${id}`;
  const errors = Object.fromEntries(Object.entries(action.fieldErrors).map(([k, v]) => [k.replace(/^ticket\./, ''), v]));
  return (
    <Section id="dry-run" title={t('console.rule.dry_run')}>
      <BackLink href="/console/admin/rules" />
      <p>{t('console.rule.dry_run_intro')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const ticket: Record<string, unknown> = { service, category, severity, subject, description, channel };
          if (customer) ticket.customer_id = Number(customer);
          const tagList = splitList(tags);
          if (tagList.length) ticket.tags = tagList;
          await action.run(async () => setResult(await api<RuleTestResult>('POST', '/rules/test', { ticket, trigger })));
        }}
      >
        <div class="form-grid">
          <Field
            label={t('console.agreement.customer')}
            as="select"
            value={customer}
            onValue={setCustomer}
            required
            error={errors.customer_id}
            options={[{ value: '', label: t('console.choose') }, ...organizationsOfKind('customer').map((o) => ({ value: String(o.id), label: o.name }))]}
          />
          <Field label={t('console.ticket.service')} as="select" value={service} onValue={setService} error={errors.service} options={services.value.map((s) => ({ value: s.code, label: s.name }))} />
          <Field
            label={t('console.ticket.category')}
            as="select"
            value={category}
            onValue={setCategory}
            error={errors.category}
            options={['technical', 'billing', 'subscription'].map(optionBy(categoryLabel))}
          />
          <Field
            label={t('console.ticket.severity')}
            as="select"
            value={severity}
            onValue={setSeverity}
            error={errors.severity}
            options={['critical', 'moderate', 'minimal'].map(optionBy(severityLabel))}
          />
          <Field label={t('console.ticket.channel')} as="select" value={channel} onValue={setChannel} options={['portal', 'email', 'api', 'phone'].map(optionBy(channelLabel))} />
          <Field
            label={t('console.rule.trigger')}
            as="select"
            value={trigger}
            onValue={setTrigger}
            options={[
              { value: 'create', label: t('console.rule.on_create') },
              { value: 'update', label: t('console.rule.on_update') },
            ]}
          />
        </div>
        <Field label={t('console.ticket.subject')} value={subject} onValue={setSubject} required error={errors.subject} />
        <Field label={t('console.rule.description')} as="textarea" rows={3} value={description} onValue={setDescription} required error={errors.description} />
        <Field label={t('console.ticket.tags')} value={tags} onValue={setTags} error={errors.tags} hint={t('console.routing.tags_hint')} />
        <Button type="submit" variant="primary" busy={action.busy}>
          {t('console.rule.run_test')}
        </Button>
        <ProblemNotice error={action.error} shownFields={Object.keys(action.fieldErrors)} />
      </form>
      {result && (
        <div role="status" class="dry-run-result">
          <h3>{t('console.rule.result')}</h3>
          <p>
            {result.fired.length
              ? t('console.rule.fired', { rules: result.fired.map(ruleName).join(', '), passes: result.passes })
              : t('console.rule.none_fired')}
          </p>
          {result.loop_limit_reached && <Notice kind="warning">{t('console.rule.loop_limit')}</Notice>}
          <DataTable
            caption={t('console.rule.changes')}
            rows={result.changes}
            rowKey={(c) => `${c.rule_id}-${c.field}-${c.after}`}
            empty={t('console.rule.no_changes')}
            columns={[
              { key: 'rule', label: t('console.rule.rule'), render: (c) => c.rule },
              { key: 'field', label: t('console.rule.field'), render: (c) => c.field },
              { key: 'before', label: t('console.rule.before'), render: (c) => c.before || '—' },
              { key: 'after', label: t('console.rule.after'), render: (c) => c.after || '—' },
            ]}
          />
          {(['notes', 'notifications', 'held'] as const).map((k) =>
            result[k].length ? (
              <div key={k}>
                <h4>{k === 'notes' ? t('console.rule.notes') : k === 'notifications' ? t('console.rule.notifications') : t('console.rule.held')}</h4>
                <ul>
                  {result[k].map((m, i) => (
                    <li key={i}>
                      {m.rule}: {m.text}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null,
          )}
          <h4>{t('console.rule.ticket_after')}</h4>
          <Details items={Object.entries(result.ticket).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v === null ? '—' : String(v)])} />
        </div>
      )}
    </Section>
  );
}
