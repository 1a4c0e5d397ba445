// Display names of enumerations as the console words them (literal keys for the catalogue test).
import { t } from '../shared/i18n';
import type { ItemKind } from './ticket/conversation';
import type { ViewId } from './queue/views';

export function consoleStatus(status: string): string {
  switch (status) {
    case 'new':
      return t('console.status.new');
    case 'open':
      return t('console.status.open');
    case 'pending_customer':
      return t('console.status.pending_customer');
    case 'pending_vendor':
      return t('console.status.pending_vendor');
    case 'resolved':
      return t('console.status.resolved');
    case 'closed':
      return t('console.status.closed');
    default:
      return status;
  }
}

export function viewLabel(view: ViewId): string {
  switch (view) {
    case 'mine':
      return t('console.view.mine');
    case 'team':
      return t('console.view.team');
    case 'unassigned':
      return t('console.view.unassigned');
    case 'breaching':
      return t('console.view.breaching');
    case 'breached':
      return t('console.view.breached');
    case 'pending_vendor':
      return t('console.view.pending_vendor');
    case 'open':
      return t('console.view.open');
    case 'search':
      return t('console.view.search');
  }
}

export function itemKindLabel(kind: ItemKind): string {
  switch (kind) {
    case 'customer':
      return t('console.kind.customer');
    case 'reply':
      return t('console.kind.reply');
    case 'note':
      return t('console.kind.note');
    case 'shared':
      return t('console.kind.shared');
    case 'vendor_in':
      return t('console.kind.vendor_in');
    case 'vendor_out':
      return t('console.kind.vendor_out');
    case 'system':
      return t('console.kind.system');
  }
}

export function holderLabel(holder: string): string {
  switch (holder) {
    case 'partner':
      return t('console.holder.partner');
    case 'provider':
      return t('console.holder.provider');
    case 'reseller':
      return t('console.holder.reseller');
    default:
      return holder;
  }
}

export function scopeLabel(scope: string): string {
  switch (scope) {
    case 'in_scope':
      return t('console.scope.in_scope');
    case 'out_of_scope_billable':
      return t('console.scope.out_of_scope_billable');
    default:
      return scope;
  }
}

export function caseStatusLabel(status: string): string {
  switch (status) {
    case 'draft':
      return t('console.case_status.draft');
    case 'submitted':
      return t('console.case_status.submitted');
    case 'open':
      return t('console.case_status.open');
    case 'attention_needed':
      return t('console.case_status.attention_needed');
    case 'closed':
      return t('console.case_status.closed');
    default:
      return status;
  }
}

export function vendorResponseLabel(state: string): string {
  switch (state) {
    case 'none':
      return t('console.vendor_response.none');
    case 'running':
      return t('console.vendor_response.running');
    case 'met':
      return t('console.vendor_response.met');
    case 'breached':
      return t('console.vendor_response.breached');
    default:
      return state;
  }
}

export function activityLabel(activity: string): string {
  switch (activity) {
    case 'remote':
      return t('console.activity.remote');
    case 'on_site':
      return t('console.activity.on_site');
    case 'call_out':
      return t('console.activity.call_out');
    default:
      return activity;
  }
}

export function unitLabel(unit: string): string {
  switch (unit) {
    case 'unlimited':
      return t('console.unit.unlimited');
    case 'hours':
      return t('console.unit.hours');
    case 'incidents':
      return t('console.unit.incidents');
    default:
      return unit;
  }
}

/** An event of a ticket's history in words. */
export function eventActionLabel(action: string): string {
  switch (action) {
    case 'ticket.created':
      return t('console.event.ticket_created');
    case 'ticket.updated':
      return t('console.event.ticket_updated');
    case 'message.added':
      return t('console.event.message_added');
    case 'attachment.added':
      return t('console.event.attachment_added');
    case 'ticket.handed_back':
      return t('console.event.handed_back');
    case 'ticket.handed_up':
      return t('console.event.handed_up');
    case 'ticket.escalated':
      return t('console.event.escalated');
    case 'checklist.ticked':
      return t('console.event.checklist_ticked');
    case 'checklist.unticked':
      return t('console.event.checklist_unticked');
    case 'sla.warning':
      return t('console.event.sla_warning');
    case 'sla.breached':
      return t('console.event.sla_breached');
    case 'time.logged':
      return t('console.event.time_logged');
    case 'time.edited':
      return t('console.event.time_edited');
    case 'vendor_case.created':
      return t('console.event.vendor_case_created');
    case 'vendor_case.updated':
      return t('console.event.vendor_case_updated');
    case 'vendor_case.attention_needed':
      return t('console.event.vendor_case_attention');
    case 'vendor_case.consumption_needed':
      return t('console.event.vendor_case_consumption');
    case 'vendor_incident.linked':
      return t('console.event.incident_linked');
    case 'vendor_incident.updated':
      return t('console.event.incident_updated');
    case 'rule.notify':
      return t('console.event.rule_notify');
    default:
      return action;
  }
}

export function fieldLabel(field: string): string {
  switch (field) {
    case 'status':
      return t('console.field.status');
    case 'severity':
      return t('console.field.severity');
    case 'category':
      return t('console.field.category');
    case 'subject':
      return t('console.field.subject');
    case 'team_id':
      return t('console.field.team');
    case 'assignee_id':
      return t('console.field.assignee');
    case 'provider_id':
      return t('console.field.provider');
    case 'holder':
      return t('console.field.holder');
    case 'agreement_id':
      return t('console.field.agreement');
    case 'tags':
      return t('console.field.tags');
    case 'fields':
      return t('console.field.fields');
    case 'scope':
      return t('console.field.scope');
    default:
      return field;
  }
}
