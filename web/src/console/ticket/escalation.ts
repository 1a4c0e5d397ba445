// Escalation to Microsoft: the paths GET /tickets/{id}/escalation-options answers, in the order
// the panel shows them, and the one it offers first.
import type { EscalationOption, VendorCaseStatus } from '../types';

/** A stable key for a path: the entitlement's id, or 'commercial' for the built-in path. */
export function optionKey(option: Pick<EscalationOption, 'entitlement_id'>): string {
  return option.entitlement_id === null ? 'commercial' : String(option.entitlement_id);
}

/**
 * The preferred path first, then the other eligible ones by marginal cost (cheapest first,
 * the server's order on a tie), then the paths the ticket may not take, in the server's order.
 */
export function orderOptions(options: EscalationOption[]): EscalationOption[] {
  const indexed = options.map((option, index) => ({ option, index }));
  const rank = (o: EscalationOption) => (o.preferred && o.eligible ? 0 : o.eligible ? 1 : 2);
  indexed.sort((a, b) => {
    const r = rank(a.option) - rank(b.option);
    if (r !== 0) return r;
    if (rank(a.option) === 1 && a.option.marginal_cost !== b.option.marginal_cost) {
      return a.option.marginal_cost - b.option.marginal_cost;
    }
    return a.index - b.index;
  });
  return indexed.map((x) => x.option);
}

/** The path chosen before the agent picks one: the preferred eligible one, else the first eligible. */
export function defaultOption(options: EscalationOption[]): EscalationOption | null {
  return options.find((o) => o.preferred && o.eligible) ?? options.find((o) => o.eligible) ?? null;
}

/**
 * The body of POST /tickets/{id}/escalations for a chosen path. `entitlement_id` is always sent:
 * null asks for commercial support (leaving it out would mean "the preferred path").
 */
export function escalationBody(
  option: Pick<EscalationOption, 'entitlement_id'>,
  extra: { severity?: string; support_topic?: string; case_number?: string; share_case_number?: boolean },
): Record<string, unknown> {
  const body: Record<string, unknown> = { entitlement_id: option.entitlement_id };
  if (extra.severity) body.severity = extra.severity;
  if (extra.support_topic && extra.support_topic.trim()) body.support_topic = extra.support_topic.trim();
  if (extra.case_number && extra.case_number.trim()) body.case_number = extra.case_number.trim();
  if (extra.share_case_number) body.share_case_number = true;
  return body;
}

/** What one more case costs on a path, in minor units, or null when it costs nothing. */
export function costOf(option: Pick<EscalationOption, 'marginal_cost' | 'currency'>): { amount: number; currency: string } | null {
  if (!option.currency || option.marginal_cost <= 0) return null;
  return { amount: option.marginal_cost, currency: option.currency };
}


/** Where a vendor case may move from `from` (core::IsAllowedVendorTransition). */
export function caseTransitions(from: VendorCaseStatus): VendorCaseStatus[] {
  switch (from) {
    case 'draft':
      return ['submitted', 'closed'];
    case 'submitted':
      return ['open', 'attention_needed', 'closed'];
    case 'open':
      return ['attention_needed', 'closed'];
    case 'attention_needed':
      return ['open', 'closed'];
    case 'closed':
      return [];
  }
}

/** Notes go both ways only through a connector (a manual case is written in Microsoft's portal). */
export function mayWriteNotes(c: { connector: string; status: VendorCaseStatus }): boolean {
  return c.connector !== 'manual' && c.status !== 'closed';
}
