// adapters/blob/fs_blob_store.hpp
#pragma once

#include <string>

#include "core/ports/blob_store.hpp"

namespace tierdesk::adapters::blob {

// Blobs under <root>/<aa>/<bb>/<sha256>, written to a temporary file, fsynced, then renamed,
// so a crash never leaves a partial blob under its final name.
class FsBlobStore final : public core::BlobStore {
 public:
  explicit FsBlobStore(std::string root) : root_(std::move(root)) {}
  Result<core::BlobRef> Put(std::string_view bytes) override;
  Result<std::string> Get(std::string_view sha256) override;

 private:
  std::string PathFor(std::string_view sha256) const;
  std::string root_;
};

}  // namespace tierdesk::adapters::blob
