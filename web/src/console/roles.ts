// What each console role may do, as the server's policy decides it (src/core/policy/policy.cpp).
// The console hides what a role may not do; the server still decides, and its refusals are shown.
import type { Role, Ticket } from './types';

export const CONSOLE_ROLES: readonly Role[] = ['agent', 'supervisor', 'admin', 'billing', 'provider_agent', 'reseller_agent'];

export function isConsoleRole(role: string | undefined | null): role is Role {
  return !!role && (CONSOLE_ROLES as readonly string[]).includes(role);
}

export function isPartnerStaff(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'billing';
}

/** agent, supervisor, admin: the partner's people who work tickets. */
function partnerWorker(role: Role): boolean {
  return role === 'agent' || role === 'supervisor' || role === 'admin';
}

export interface Capabilities {
  updateTicket: boolean;
  setTeam: boolean;
  setProvider: boolean;
  reply: boolean;
  internalNote: boolean;
  shareWithProvider: boolean;
  upload: boolean;
  logTime: boolean;
  readTime: boolean;
  checklist: boolean;
  handBack: boolean;
  handUp: boolean;
  escalateInternally: boolean;
  escalateToVendor: boolean;
  vendorQueue: boolean;
  readTeams: boolean;
  readRules: boolean;
  manageRules: boolean;
  manageCalendars: boolean;
  readCalendars: boolean;
  managePlans: boolean;
  readPlans: boolean;
  manageEntitlements: boolean;
  readEntitlements: boolean;
  manageProviders: boolean;
  manageTeams: boolean;
  manageUsers: boolean;
  manageOrganizations: boolean;
  readSettings: boolean;
  manageSettings: boolean;
  readBilling: boolean;
  closeBilling: boolean;
  readReports: boolean;
  dashboards: boolean;
  admin: boolean;
}

export function capabilitiesOf(role: Role): Capabilities {
  const staff = isPartnerStaff(role);
  const worker = partnerWorker(role);
  const works = role !== 'billing' && role !== 'requester' && role !== 'customer_admin';
  const admin = role === 'admin';
  const supervisor = role === 'supervisor';
  return {
    updateTicket: works,
    setTeam: worker,
    setProvider: worker,
    reply: works,
    internalNote: works,
    shareWithProvider: worker,
    upload: works,
    logTime: works,
    readTime: works || role === 'billing',
    checklist: works,
    handBack: worker || role === 'provider_agent',
    handUp: role === 'reseller_agent',
    escalateInternally: worker,
    escalateToVendor: worker,
    vendorQueue: worker,
    readTeams: works || role === 'billing',
    readRules: worker,
    manageRules: admin || supervisor,
    manageCalendars: admin || supervisor,
    readCalendars: staff || role === 'provider_agent' || role === 'reseller_agent',
    managePlans: admin,
    readPlans: staff || role === 'provider_agent' || role === 'reseller_agent',
    manageEntitlements: admin,
    readEntitlements: staff,
    manageProviders: admin,
    manageTeams: admin || supervisor,
    manageUsers: admin,
    manageOrganizations: admin,
    readSettings: staff,
    manageSettings: admin,
    readBilling: admin || supervisor || role === 'billing',
    closeBilling: admin || role === 'billing',
    readReports: admin || supervisor,
    dashboards: admin || supervisor || role === 'billing',
    admin: admin || supervisor,
  };
}

/** May this role hand this ticket back to the partner (a provider holds it)? */
export function mayHandBack(role: Role, ticket: Pick<Ticket, 'provider_id'>): boolean {
  return capabilitiesOf(role).handBack && ticket.provider_id !== null;
}

/** May this role hand this ticket up to the partner (its reseller holds it)? */
export function mayHandUp(role: Role, ticket: Pick<Ticket, 'holder'>): boolean {
  return capabilitiesOf(role).handUp && ticket.holder === 'reseller';
}
