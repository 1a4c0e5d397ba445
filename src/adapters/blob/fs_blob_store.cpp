#include "adapters/blob/fs_blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/crypto/sodium.hpp"

namespace tierdesk::adapters::blob {
namespace {

Error IoError(const std::string& what) {
  return Error::Unavailable("the attachment store failed", what + ": " + std::strerror(errno));
}

bool IsHex64(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

std::string FsBlobStore::PathFor(std::string_view sha256) const {
  return root_ + "/" + std::string(sha256.substr(0, 2)) + "/" + std::string(sha256.substr(2, 2)) +
         "/" + std::string(sha256);
}

Result<core::BlobRef> FsBlobStore::Put(std::string_view bytes) {
  core::BlobRef ref{crypto::Sha256Hex(bytes), static_cast<std::int64_t>(bytes.size())};
  const std::string path = PathFor(ref.sha256);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return ref;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Fail(Error::Unavailable("the attachment store failed", ec.message()));
  static std::atomic<std::uint64_t> counter{0};
  const std::string temporary = path + ".tmp." + std::to_string(::getpid()) + "." +
                                std::to_string(counter.fetch_add(1));
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
  if (fd < 0) return Fail(IoError("open " + temporary));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Error error = IoError("write");
      ::close(fd);
      ::unlink(temporary.c_str());
      return Fail(std::move(error));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    ::unlink(temporary.c_str());
    return Fail(IoError("fsync"));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return Fail(IoError("rename"));
  }
  return ref;
}

Result<std::string> FsBlobStore::Get(std::string_view sha256) {
  if (!IsHex64(sha256)) return Fail(Error::NotFound("attachment content"));
  std::ifstream in(PathFor(sha256), std::ios::binary);
  if (!in) return Fail(Error::NotFound("attachment content"));
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tierdesk::adapters::blob
