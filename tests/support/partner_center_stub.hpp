// tests/support/partner_center_stub.hpp
#pragma once

#include "adapters/vendor/microsoft.hpp"
#include "core/ports/vendor.hpp"
#include "support/microsoft_stub.hpp"

namespace tierdesk::testing {

// A Partner Center connector signed in to a MicrosoftStub, as the vendor sync is given it.
class StubbedPartnerCenter {
 public:
  explicit StubbedPartnerCenter(const MicrosoftStub& stub) : connector_(http_, Options(stub)) {}

  core::VendorConnectors Connectors() { return {{"partner_center", &connector_}}; }

 private:
  static adapters::vendor::ConnectorOptions Options(const MicrosoftStub& stub) {
    adapters::vendor::ConnectorOptions options;
    options.base_url = stub.BaseUrl();
    options.credentials = {stub.BaseUrl(), MicrosoftStub::kTenant, MicrosoftStub::kClientId, MicrosoftStub::kSecret,
                           "https://api.partnercenter.microsoft.com/.default"};
    return options;
  }

  adapters::vendor::HttpClient http_;
  adapters::vendor::PartnerCenterConnector connector_;
};

}  // namespace tierdesk::testing
