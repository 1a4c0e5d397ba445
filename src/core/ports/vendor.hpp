// core/ports/vendor.hpp
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/vendor/vendor_case.hpp"

namespace tierdesk::core {

// One note on a case at Microsoft. key identifies it across reads: Microsoft's own id where it
// has one (an Azure communication's name, which for tierdesk's own notes is their request id),
// else its time, author and text.
struct RemoteNote {
  std::string key;
  std::string author;
  std::string text;
  std::optional<Timestamp> created_at;
};

// What Microsoft says of a case now.
struct RemoteCase {
  std::string case_number;
  std::string remote_ref;  // where the connector finds the case again (Azure: its resource id)
  std::optional<VendorCaseStatus> status;  // absent: Microsoft has not said (keep ours)
  std::vector<RemoteNote> notes;
};

// A case to open at Microsoft. name identifies the request: opening twice with one name never
// opens a second case (Azure's supportTickets/{name} is a PUT).
struct NewRemoteCase {
  std::string name;
  std::string subscription_id;
  std::string problem_classification;  // Azure: /providers/Microsoft.Support/services/{s}/problemClassifications/{p}
  Severity severity = Severity::kModerate;
  std::string title;
  std::string description;
  VendorContact contact;
};

// A note to send. request_id is fixed when the note is written, so a retry, even after a crash,
// sends the same request and Microsoft never records the note twice.
struct OutboundNote {
  std::string request_id;
  std::string author;
  std::string text;
};

// A way to Microsoft (DESIGN.md §1.1): azure_support opens and follows Azure technical cases,
// partner_center follows cases opened in a portal. Failures: kUnavailable (Microsoft did not
// answer in time or kept failing; retrying later may help), kUnauthenticated (the credentials
// were refused), kInvalidArgument (Microsoft refused the request), kNotFound (no such case).
class VendorConnector {
 public:
  virtual ~VendorConnector() = default;
  virtual std::string_view Name() const = 0;
  virtual bool CanOpen() const = 0;
  // Opens the case; returns Microsoft's case number and status.
  virtual Result<RemoteCase> Open(const NewRemoteCase& request) = 0;
  // Reads the case (by its remote_ref or case number): status and every note.
  virtual Result<RemoteCase> Read(const VendorCase& vendor_case) = 0;
  virtual Status AddNote(const VendorCase& vendor_case, const OutboundNote& note) = 0;
};

// The configured connectors by name. manual is always there and needs none.
using VendorConnectors = std::map<std::string, VendorConnector*, std::less<>>;

// What the configuration says of the connectors that talk to Microsoft, for the use cases that
// must not promise a sync that will never run: for each connector that is off, the settings an
// operator sets to turn it on, as the configuration names them ("[partner_center] client_id
// (TIERDESK_PARTNER_CENTER_CLIENT_ID)"). Built once at start; immutable, so any thread reads it.
struct ConnectorSetup {
  std::map<std::string, std::vector<std::string>, std::less<>> missing;
  // The settings `connector` lacks; empty when it is on (manual always is).
  const std::vector<std::string>& MissingFor(std::string_view connector) const {
    static const std::vector<std::string> kNone;
    const auto it = missing.find(connector);
    return it == missing.end() ? kNone : it->second;
  }
};

}  // namespace tierdesk::core
