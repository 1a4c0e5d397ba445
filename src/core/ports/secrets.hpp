// core/ports/secrets.hpp
#pragma once

#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace tierdesk::core {

// Password hashing (Argon2id in production). Thread-safe.
class PasswordHasher {
 public:
  virtual ~PasswordHasher() = default;
  virtual Result<std::string> Hash(std::string_view password) const = 0;
  virtual bool Verify(std::string_view hash, std::string_view password) const = 0;
};

// Bearer tokens: random, shown once, stored only as a hash. Thread-safe.
class TokenMinter {
 public:
  virtual ~TokenMinter() = default;
  virtual std::string NewToken() const = 0;
  virtual std::string HashToken(std::string_view token) const = 0;  // hex SHA-256
};

// Content digests (statement versions, attachment names). Thread-safe.
class Digester {
 public:
  virtual ~Digester() = default;
  virtual std::string Sha256Hex(std::string_view bytes) const = 0;
};

}  // namespace tierdesk::core
