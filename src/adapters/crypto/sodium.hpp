// adapters/crypto/sodium.hpp
#pragma once

#include <string>
#include <string_view>

#include "core/ports/secrets.hpp"

namespace tierdesk::adapters::crypto {

// Must be called once before any other function here; false if libsodium cannot start.
bool InitSodium();

enum class HashCost {
  kInteractive,  // libsodium's interactive Argon2id limits: the production default
  kMinimum,      // the lowest limits; for tests and the bench only, never for real accounts
};

class SodiumPasswordHasher final : public core::PasswordHasher {
 public:
  explicit SodiumPasswordHasher(HashCost cost) : cost_(cost) {}
  Result<std::string> Hash(std::string_view password) const override;
  bool Verify(std::string_view hash, std::string_view password) const override;

 private:
  HashCost cost_;
};

class SodiumTokenMinter final : public core::TokenMinter {
 public:
  std::string NewToken() const override;  // "tdk_" + 43 base64url characters (256 bits)
  std::string HashToken(std::string_view token) const override;
};

std::string Sha256Hex(std::string_view bytes);

class SodiumDigester final : public core::Digester {
 public:
  std::string Sha256Hex(std::string_view bytes) const override { return crypto::Sha256Hex(bytes); }
};

}  // namespace tierdesk::adapters::crypto
