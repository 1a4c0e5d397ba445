// Portal wording of the server's values, as the customer reads them.
import { t } from '../shared/i18n';
import { statusLabel as commonStatusLabel } from '../shared/labels';

export function statusLabel(status: string): string {
  if (status === 'pending_customer') return t('portal.status.pending_customer');
  return commonStatusLabel(status);
}

export function severityHelp(severity: string): string {
  switch (severity) {
    case 'critical':
      return t('portal.severity.critical_help');
    case 'moderate':
      return t('portal.severity.moderate_help');
    case 'minimal':
      return t('portal.severity.minimal_help');
    default:
      return '';
  }
}

export function fieldProblemText(problem: string): string {
  switch (problem) {
    case 'missing':
      return t('portal.new.field_missing');
    case 'guid':
      return t('portal.new.field_guid');
    case 'domain':
      return t('portal.new.field_domain');
    case 'url':
      return t('portal.new.field_url');
    default:
      return problem;
  }
}

export function lineKindLabel(kind: string): string {
  switch (kind) {
    case 'included':
      return t('portal.usage.kind.included');
    case 'incident':
      return t('portal.usage.kind.incident');
    case 'hourly':
      return t('portal.usage.kind.hourly');
    case 'monthly_fee':
      return t('portal.usage.kind.monthly_fee');
    case 'overage':
      return t('portal.usage.kind.overage');
    case 'prepaid_purchase':
      return t('portal.usage.kind.prepaid_purchase');
    case 'prepaid_draw':
      return t('portal.usage.kind.prepaid_draw');
    case 'pay_as_you_go':
      return t('portal.usage.kind.pay_as_you_go');
    case 'needs_approval':
      return t('portal.usage.kind.needs_approval');
    case 'out_of_scope':
      return t('portal.usage.kind.out_of_scope');
    case 'adjustment':
      return t('portal.usage.kind.adjustment');
    default:
      return kind;
  }
}

export function unitLabel(unit: string, quantity: number): string {
  switch (unit) {
    case 'hours':
      return t('portal.unit.hours', { n: quantity });
    case 'hour_part':
      return t('portal.unit.hour_part', { n: quantity });
    case 'months':
      return t('portal.unit.months', { n: quantity });
    case 'month_part':
      return t('portal.unit.month_part', { n: quantity });
    case 'incidents':
      return t('portal.unit.incidents', { n: quantity });
    case 'blocks':
      return t('portal.unit.blocks', { n: quantity });
    case 'minutes':
      return t('portal.unit.minutes', { n: quantity });
    case 'days':
      return t('portal.unit.days', { n: quantity });
    default:
      return `${quantity} ${unit}`;
  }
}
