// core/ports/blob_store.hpp
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tierdesk::core {

struct BlobRef {
  std::string sha256;  // lower-case hex
  std::int64_t size = 0;
};

// Content-addressed file storage for attachments. Put is idempotent: the same bytes land once.
// Put returns only after the bytes are durable (fsync). Thread-safe.
class BlobStore {
 public:
  virtual ~BlobStore() = default;
  virtual Result<BlobRef> Put(std::string_view bytes) = 0;
  virtual Result<std::string> Get(std::string_view sha256) = 0;
};

}  // namespace tierdesk::core
