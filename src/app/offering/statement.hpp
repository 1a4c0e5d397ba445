// app/offering/statement.hpp
#pragma once

#include "app/context.hpp"
#include "app/ticket/ticket.hpp"
#include "core/offering/statement.hpp"
#include "core/policy/policy.hpp"

namespace tierdesk::app::offering {

struct Statement {
  core::StatementTerms terms;
  std::string version_hash;  // SHA-256 of the canonical terms
};

// Loads everything a customer's statement is made of, as of today (the partner's time zone).
// Ticket creation passes the scope preview it already has, so the terms are loaded once.
Result<Statement> LoadStatement(const AppContext& ctx, core::ReadTx& tx, OrgId customer,
                                const ticket::ScopePreview* preview = nullptr);
// The agreement, effective plan and statement hash in force today, from the cache when the
// store's terms version and the day are unchanged.
Result<TermsCache::Terms> CurrentTerms(const AppContext& ctx, core::ReadTx& tx, OrgId customer);

// The customer's own users, its reseller and partner staff may read it; others get kNotFound.
Result<Statement> GetSupportStatement(const AppContext& ctx, const core::Actor& actor, OrgId customer);

}  // namespace tierdesk::app::offering
