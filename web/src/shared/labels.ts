// Display names of the server's enumerations (literal keys, so the catalogue test sees them).
import { t } from './i18n';

export function statusLabel(status: string): string {
  switch (status) {
    case 'new':
      return t('common.status.new');
    case 'open':
      return t('common.status.open');
    case 'pending_customer':
      return t('common.status.pending_customer');
    case 'pending_vendor':
      return t('common.status.pending_vendor');
    case 'resolved':
      return t('common.status.resolved');
    case 'closed':
      return t('common.status.closed');
    default:
      return status;
  }
}

export function severityLabel(severity: string): string {
  switch (severity) {
    case 'critical':
      return t('common.severity.critical');
    case 'moderate':
      return t('common.severity.moderate');
    case 'minimal':
      return t('common.severity.minimal');
    default:
      return severity;
  }
}

export function categoryLabel(category: string): string {
  switch (category) {
    case 'technical':
      return t('common.category.technical');
    case 'billing':
      return t('common.category.billing');
    case 'subscription':
      return t('common.category.subscription');
    default:
      return category;
  }
}

export function roleLabel(role: string): string {
  switch (role) {
    case 'requester':
      return t('common.role.requester');
    case 'customer_admin':
      return t('common.role.customer_admin');
    case 'agent':
      return t('common.role.agent');
    case 'supervisor':
      return t('common.role.supervisor');
    case 'admin':
      return t('common.role.admin');
    case 'billing':
      return t('common.role.billing');
    case 'provider_agent':
      return t('common.role.provider_agent');
    case 'reseller_agent':
      return t('common.role.reseller_agent');
    default:
      return role;
  }
}

export function channelLabel(channel: string): string {
  switch (channel) {
    case 'portal':
      return t('common.channel.portal');
    case 'email':
      return t('common.channel.email');
    case 'api':
      return t('common.channel.api');
    case 'phone':
      return t('common.channel.phone');
    default:
      return channel;
  }
}

export function clockLabel(kind: string): string {
  switch (kind) {
    case 'first_response':
      return t('common.sla.first_response');
    case 'next_response':
      return t('common.sla.next_response');
    case 'resolution':
      return t('common.sla.resolution');
    default:
      return kind;
  }
}
